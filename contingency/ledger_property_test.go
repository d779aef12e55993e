package contingency_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgRunningMin returns the lowest balance and available balance after each
// entry, in ledger order, folding incrementally (Fold is the check of the
// final figures).
func lgRunningMin(entries []contingency.Entry) (balance, available contingency.Money) {
	var bal, held contingency.Money
	holds := map[uuid.UUID]contingency.Money{}
	for i, e := range entries {
		switch e.Status {
		case contingency.StatusPosted:
			bal = bal.Add(e.Amount)
			if e.Kind == contingency.KindRedeem && e.Corrects != uuid.Nil {
				held = held.Add(holds[e.Corrects])
			}
		case contingency.StatusPending:
			held, holds[e.ID] = held.Sub(e.Amount), e.Amount
		case contingency.StatusVoided:
			held = held.Add(holds[e.Corrects])
		}
		avail := bal.Sub(held)
		if i == 0 || bal.LessThan(balance.Decimal) {
			balance = bal
		}
		if i == 0 || avail.LessThan(available.Decimal) {
			available = avail
		}
	}
	return balance, available
}

// lgPropertyCaps are the caps the property test draws from.
func lgPropertyCaps(t testing.TB, r *rand.Rand) []contingency.Cap {
	perItem := contingency.Cap{Name: "item-20", PerItem: contingency.Cents(2000), BonusSameItem: true}
	rolling := contingency.Cap{
		Name: "rolling-30", PerWindow: contingency.Cents(15_000), Window: contingency.RollingDays(30),
		Instruments: []contingency.Instrument{contingency.InstrumentItem},
	}
	all := []contingency.Cap{
		contingency.OIGNominal().WithFundingSources("medicare"),
		contingency.SAMHSA2025().WithFundingSources("samhsa").WithPolicy(contingency.CapRefuse),
		rolling, perItem,
		contingency.RIPCap().WithWindow(contingency.ProgrammePeriod(lgDate(t, "2025-03-01"), 6)),
	}
	var out []contingency.Cap
	for _, c := range all {
		if r.IntN(2) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// lgCheckCaps asserts that no window of any cap holds more than its limit
// and that no covered award line exceeds a per-item limit.
func lgCheckCaps(t testing.TB, l *contingency.Ledger, caps []contingency.Cap) {
	t.Helper()
	entries := l.Entries()
	for _, c := range caps {
		for _, e := range entries {
			if !e.Kind.IsAward() || !c.Covers(e.FundingSource, e.Instrument) {
				continue
			}
			if !c.PerWindow.IsZero() {
				used, err := l.CapUsage(c.Name, e.EffectiveAt)
				require.NoError(t, err)
				assert.Falsef(t, used.GreaterThan(c.PerWindow.Decimal), "%s: %s used of %s", c.Name, used, c.PerWindow)
			}
			if !c.PerItem.IsZero() {
				assert.Falsef(t, e.Amount.GreaterThan(c.PerItem.Decimal), "%s: item of %s", c.Name, e.Amount)
			}
		}
	}
}

type lgOp struct {
	name string
	run  func() (contingency.Receipt, error)
}

func TestLedgerRandomOperations(t *testing.T) {
	seeds := 16
	if testing.Short() {
		seeds = 4
	}
	for seed := range uint64(seeds) {
		t.Run("seed-"+strconv.FormatUint(seed, 10), func(t *testing.T) { lgRandomRun(t, seed, 100) })
	}
}

func lgRandomRun(t *testing.T, seed uint64, steps int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	caps := lgPropertyCaps(t, r)
	opts := []contingency.Option{contingency.WithCaps(caps...), contingency.WithRedemptionApproval(r.IntN(2) == 0)}
	if la, err := time.LoadLocation("America/Los_Angeles"); err == nil && r.IntN(2) == 0 {
		opts = append(opts, contingency.WithLocation(la))
	}
	l, store := lgNew(t, opts...)
	var awards, pendings []uuid.UUID
	var done []lgOp         // successful writes, for replays
	before := lgState(t, l) // the state after the last successful write
	key := 0
	nextKey := func() string { key++; return "k" + strconv.Itoa(key) }
	at := func() time.Time {
		return lgT0.AddDate(0, 0, r.IntN(500)-30).Add(time.Duration(r.IntN(86400)) * time.Second)
	}
	fundings := []string{"", "medicare", "samhsa", "state"}
	instruments := []contingency.Instrument{contingency.InstrumentItem, contingency.InstrumentItem, contingency.InstrumentInKindCard, contingency.InstrumentCash}
	awardLine := func() contingency.Line {
		kinds := []contingency.EntryKind{contingency.KindEarn, contingency.KindBonus, contingency.KindPrize}
		ln := lgLine(kinds[r.IntN(3)], r.Int64N(4000), at(), "v"+strconv.Itoa(r.IntN(20)))
		ln.FundingSource, ln.Instrument = fundings[r.IntN(len(fundings))], instruments[r.IntN(len(instruments))]
		return ln
	}
	for step := range steps {
		var op lgOp
		expectFail, replay := false, false
		switch pick := r.IntN(100); {
		case pick < 35:
			p := contingency.Posting{Key: nextKey(), Actor: "staff", Lines: []contingency.Line{awardLine()}}
			for range r.IntN(3) {
				p.Lines = append(p.Lines, awardLine())
			}
			if len(awards) > 0 && r.IntN(4) == 0 { // re-price: reverse an award in the same posting
				p.Lines = append([]contingency.Line{{
					Kind: contingency.KindReverse, Corrects: awards[r.IntN(len(awards))], Reason: "late-result",
				}}, p.Lines...)
			}
			op = lgOp{"post", func() (contingency.Receipt, error) { return l.Post(ctx, p) }}
		case pick < 42:
			ln := contingency.Line{
				Kind: contingency.KindAdjust, Amount: contingency.Cents(r.Int64N(3000) - 2000),
				Instrument: contingency.InstrumentItem, EffectiveAt: at(), Reason: "fix",
			}
			if ln.Amount.IsZero() {
				ln.Amount = contingency.Cents(1)
			}
			if r.IntN(3) == 0 {
				ln.Kind, ln.Amount = contingency.KindExpire, contingency.Cents(1+r.Int64N(2000))
			}
			p := lgPostingKey(nextKey(), ln)
			op = lgOp{"adjust", func() (contingency.Receipt, error) { return l.Post(ctx, p) }}
		case pick < 60:
			red := lgRedemption(nextKey(), 1+r.Int64N(max(1, l.Available().Shift(2).IntPart()+500)))
			op = lgOp{"redeem", func() (contingency.Receipt, error) { return l.Redeem(ctx, red) }}
		case pick < 70 && len(pendings) > 0:
			id, k := pendings[r.IntN(len(pendings))], nextKey()
			if r.IntN(2) == 0 {
				op = lgOp{"approve", func() (contingency.Receipt, error) { return l.Approve(ctx, k, id, "therapist") }}
			} else {
				op = lgOp{"veto", func() (contingency.Receipt, error) { return l.Veto(ctx, k, id, "therapist", "not-in-plan") }}
			}
		case pick < 82 && len(awards) > 0:
			id, k := awards[r.IntN(len(awards))], nextKey()
			op = lgOp{"reverse", func() (contingency.Receipt, error) {
				return l.Reverse(ctx, k, id, "lab", "lab-correction", time.Time{})
			}}
		case pick < 90 && len(done) > 0:
			op, replay = done[r.IntN(len(done))], true
		case pick < 95 && len(done) > 0:
			// The key of an earlier write with another input.
			var prev contingency.Entry
			for _, e := range l.Entries() {
				if !strings.ContainsRune(e.IdempotencyKey, '#') {
					prev = e
					break
				}
			}
			red := lgRedemption(prev.IdempotencyKey, 1)
			red.Reason = "other-input"
			op, expectFail = lgOp{"conflict", func() (contingency.Receipt, error) { return l.Redeem(ctx, red) }}, true
		default:
			bad := awardLine()
			bad.Amount = lgMoneyOf("1.005")
			p := lgPostingKey(nextKey(), bad)
			op, expectFail = lgOp{"invalid", func() (contingency.Receipt, error) { return l.Post(ctx, p) }}, true
		}

		version := l.Version()
		rec, err := op.run()
		switch {
		case err != nil:
			assert.Equalf(t, before, lgState(t, l), "step %d: failed %s changed the ledger", step, op.name)
			added, v, lerr := store.Load(ctx, lgP, version) // the store is append-only
			require.NoError(t, lerr)
			assert.Emptyf(t, added, "step %d: failed %s appended to the store", step, op.name)
			assert.Equal(t, version, v)
			lgExpectedFailure(t, op.name, err)
		case expectFail:
			t.Fatalf("step %d: %s succeeded", step, op.name)
		case replay:
			assert.Truef(t, rec.Replayed, "step %d: replayed %s", step, op.name)
			assert.Equal(t, before, lgState(t, l))
		default:
			assert.False(t, rec.Replayed)
			before = lgState(t, l)
			done = append(done, op)
			for _, e := range rec.Entries {
				switch {
				case e.Kind.IsAward():
					awards = append(awards, e.ID)
				case e.Status == contingency.StatusPending:
					pendings = append(pendings, e.ID)
				}
			}
		}
		if step%16 == 0 {
			lgCheckTotals(t, l)
		} else {
			lgCheckFold(t, l)
		}
		if t.Failed() {
			t.Fatalf("seed %d failed at step %d (%s)", seed, step, op.name)
		}
	}
	lgCheckTotals(t, l)
	lgCheckCaps(t, l, caps)
	minBalance, minAvailable := lgRunningMin(l.Entries())
	assert.False(t, minBalance.IsNegative(), "the balance was %s", minBalance)
	assert.False(t, minAvailable.IsNegative(), "the available balance was %s", minAvailable)

	// A JSON round trip, and a reload from the store, reproduce the ledger.
	b, err := json.Marshal(l.Entries())
	require.NoError(t, err)
	var entries []contingency.Entry
	require.NoError(t, json.Unmarshal(b, &entries))
	require.NoError(t, contingency.Verify(entries))
	copyStore := contingency.NewMemStore()
	if len(entries) > 0 {
		_, err = copyStore.Append(ctx, lgP, 0, entries)
		require.NoError(t, err)
	}
	want := lgState(t, l)
	assert.Equal(t, want, lgState(t, lgOpen(t, copyStore, opts...)))
	assert.Equal(t, want, lgState(t, lgOpen(t, store, opts...)))
}

// lgExpectedFailure fails t unless err is one of the refusals a random
// operation may meet.
func lgExpectedFailure(t testing.TB, op string, err error) {
	t.Helper()
	for _, ok := range []error{
		contingency.ErrInsufficientBalance, contingency.ErrAlreadyReversed, contingency.ErrAlreadyResolved,
		contingency.ErrIdempotencyConflict, contingency.ErrForbiddenInstrument, intervention.ErrInvalid,
	} {
		if errors.Is(err, ok) {
			return
		}
	}
	t.Errorf("%s: unexpected error %v", op, err)
}
