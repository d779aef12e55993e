package contingency_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// histories is how many random histories each policy combination runs.
var histories = flag.Int("cm.histories", defaultHistories, "random histories per policy combination in TestReconciliationInvariants")

// propCap is a small cap that binds within two weeks of Higgins vouchers,
// covering only the programme's funding source, so that host awards from
// another source leave it alone.
func propCap(policy contingency.CapPolicy) contingency.Cap {
	return contingency.Cap{
		Name: "prop-cap", PerWindow: contingency.Cents(4000), Window: contingency.CalendarYear(),
		FundingSources: []string{"grant"}, Policy: policy,
	}
}

// TestReconciliationInvariants runs seeded random histories of results,
// recollections, unscheduled results, corrections, redemptions, approvals,
// vetoes, host awards and their reversals against a programme, under both
// reconciliation policies, with and without a cap (trimming or refusing),
// and checks after every step what issue 13 lists: Available =
// max(0, net awards − redeemed − held), Owed = max(0, redeemed − net
// awards), cap usage = the net of the covered awards, no negative figure,
// every reversal linked to an award of its visit, a verifying chain whose
// fold equals the running totals, and — under FullRecompute — every visit
// worth exactly what pricing the current results from scratch (caps applied
// in visit order) says. Each history ends by restoring the programme from
// its operations against the same ledger, which must post nothing.
//
// Reproduce a failure with -run 'TestReconciliationInvariants/<name>' and
// the seed it prints.
func TestReconciliationInvariants(t *testing.T) {
	n := *histories
	if testing.Short() {
		n = min(n, 500)
	}
	for _, rc := range contingency.Reconciles() {
		for _, capCase := range []struct {
			name string
			caps []contingency.Cap
		}{
			{"no-cap", nil},
			{"trim", []contingency.Cap{propCap(contingency.CapTrim)}},
			{"refuse", []contingency.Cap{propCap(contingency.CapRefuse)}},
		} {
			t.Run(string(rc)+"/"+capCase.name, func(t *testing.T) {
				t.Parallel()
				for seed := range uint64(n) {
					h := newPropHistory(t, seed, rc, capCase.caps)
					if !h.run() {
						t.Fatalf("seed %d failed; steps:\n%s", seed, h.log)
					}
				}
			})
		}
	}
}

// propHistory is one random history and the model the ledger is checked
// against.
type propHistory struct {
	t        *testing.T
	r        *rand.Rand
	rc       contingency.Reconcile
	caps     []contingency.Cap
	approval bool
	p        *contingency.Program
	results  map[string]contingency.Result // current result per specimen
	specs    []string
	redeemed int64 // posted redemptions
	held     int64 // pending redemptions
	pending  []uuid.UUID
	hostNet  int64 // host awards less their reversals
	host     []uuid.UUID
	step     int
	log      string
	store    *contingency.MemStore
	opts     []contingency.Option
}

func newPropHistory(t *testing.T, seed uint64, rc contingency.Reconcile, caps []contingency.Cap) *propHistory {
	r := rand.New(rand.NewPCG(seed, 0x13))
	h := &propHistory{t: t, r: r, rc: rc, caps: caps, approval: r.IntN(2) == 0, results: map[string]contingency.Result{}}
	cfg := contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1)
	cfg.Calendar = contingency.ThriceWeekly(cfg.Calendar.Start, 2)
	cfg.Reconcile, cfg.FundingSource = rc, "grant"
	if r.IntN(2) == 0 {
		cfg.Recollection = contingency.RecollectWorst
	}
	opts := []contingency.Option{
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()),
		contingency.WithRedemptionApproval(h.approval),
	}
	if len(caps) > 0 {
		opts = append(opts, contingency.WithCaps(caps...))
	}
	h.store, h.opts = contingency.NewMemStore(), opts
	l, err := contingency.NewLedger(context.Background(), h.store, pgParticipant, opts...)
	require.NoError(t, err)
	h.p, err = contingency.NewProgram(pgProgramID, cfg, l)
	require.NoError(t, err)
	return h
}

// run plays 4–16 random steps, checking the invariants after each.
func (h *propHistory) run() bool {
	for range 4 + h.r.IntN(13) {
		h.step++
		if !h.act() || !h.check() {
			return false
		}
	}
	ops := h.p.Operations()
	before := h.p.Ledger().Version()
	back, err := contingency.Restore(context.Background(), pgProgramID, h.p.Config(), h.p.Ledger(), ops)
	if err != nil || h.p.Ledger().Version() != before {
		h.fail("restore posted or failed: %v", err)
		return false
	}
	loaded, err := contingency.NewLedger(context.Background(), h.store, pgParticipant, h.opts...)
	if err != nil || !sameTotals(loaded.Totals(), h.p.Ledger().Totals()) {
		h.fail("the stored ledger does not load to the same totals: %v", err)
		return false
	}
	asOf := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	want, _ := json.Marshal(h.p.Status(asOf))
	if got, _ := json.Marshal(back.Status(asOf)); string(got) != string(want) {
		h.fail("restored status differs")
		return false
	}
	return true
}

func (h *propHistory) fail(format string, args ...any) {
	h.log += fmt.Sprintf("  FAIL at step %d: "+format+"\n", append([]any{h.step}, args...)...)
}

// act performs one random operation; an operation the ledger refuses for a
// reason the model foresees (nothing available) is skipped.
func (h *propHistory) act() bool {
	ctx := context.Background()
	l := h.p.Ledger()
	visits := h.p.Config().Calendar.Visits()
	statuses := []contingency.ResultStatus{
		contingency.ResultNegative, contingency.ResultNegative, contingency.ResultNegative,
		contingency.ResultPositive, contingency.ResultExcused, contingency.ResultDilute,
	}
	status := statuses[h.r.IntN(len(statuses))]
	switch k := h.r.IntN(10); {
	case k < 4 || len(h.specs) == 0: // a result, a recollection or an unscheduled one
		i := h.r.IntN(len(visits))
		at := visits[i].In(time.UTC).Add(time.Duration(8+h.r.IntN(8)) * time.Hour)
		if h.r.IntN(8) == 0 {
			at = at.Add(24 * time.Hour) // Tuesday, Thursday or Saturday: unscheduled
		}
		res := contingency.Result{SpecimenID: fmt.Sprintf("s%d", len(h.specs)), CollectedAt: at, Status: status}
		h.log += fmt.Sprintf("  record %s day %d %s %s\n", res.SpecimenID, i, at.Format("Mon 15h"), status)
		if _, err := h.p.Record(ctx, "staff", res); err != nil {
			h.fail("record: %v", err)
			return false
		}
		h.specs = append(h.specs, res.SpecimenID)
		h.results[res.SpecimenID] = res
	case k < 6: // a correction
		spec := h.specs[h.r.IntN(len(h.specs))]
		res := h.results[spec]
		res.Status = status
		h.log += fmt.Sprintf("  correct %s %s\n", spec, status)
		if _, err := h.p.Correct(ctx, "lab", "lab-confirmation", res); err != nil {
			h.fail("correct: %v", err)
			return false
		}
		h.results[spec] = res
	case k < 8: // a redemption
		avail := moneyCents(h.t, l.Available())
		if avail == 0 {
			return true
		}
		amt := 1 + h.r.Int64N(avail)
		h.log += fmt.Sprintf("  redeem %d\n", amt)
		rec, err := l.Redeem(ctx, contingency.Redemption{
			Key: fmt.Sprintf("r%d", h.step), Amount: contingency.Cents(amt), Instrument: contingency.InstrumentItem,
			Actor: "staff", EffectiveAt: time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			h.fail("redeem: %v", err)
			return false
		}
		if h.approval {
			h.held += amt
			h.pending = append(h.pending, rec.Entry.ID)
		} else {
			h.redeemed += amt
		}
	case k < 9 && len(h.pending) > 0: // approve or veto
		i := h.r.IntN(len(h.pending))
		id := h.pending[i]
		pe, _ := l.EntryByID(id)
		amt := -moneyCents(h.t, pe.Amount)
		var err error
		if h.r.IntN(2) == 0 {
			h.log += fmt.Sprintf("  approve %d\n", amt)
			_, err = l.Approve(ctx, fmt.Sprintf("a%d", h.step), id, "therapist")
			h.redeemed += amt
		} else {
			h.log += fmt.Sprintf("  veto %d\n", amt)
			_, err = l.Veto(ctx, fmt.Sprintf("v%d", h.step), id, "therapist", "not-in-plan")
		}
		if err != nil {
			h.fail("resolve: %v", err)
			return false
		}
		h.held -= amt
		h.pending = slices.Delete(h.pending, i, i+1)
	default: // a host award from another funding source, or its reversal
		if len(h.host) > 0 && h.r.IntN(2) == 0 {
			id := h.host[len(h.host)-1]
			h.host = h.host[:len(h.host)-1]
			e, _ := l.EntryByID(id)
			h.log += fmt.Sprintf("  reverse host award %s\n", e.Amount)
			if _, err := l.Reverse(ctx, fmt.Sprintf("hr%d", h.step), id, "staff", "entered-in-error", time.Time{}); err != nil {
				h.fail("reverse: %v", err)
				return false
			}
			h.hostNet -= moneyCents(h.t, e.Amount)
			return true
		}
		amt := int64(100 * (1 + h.r.IntN(10)))
		h.log += fmt.Sprintf("  host award %d\n", amt)
		rec, err := l.Post(ctx, contingency.Posting{Key: fmt.Sprintf("h%d", h.step), Actor: "staff", Lines: []contingency.Line{{
			Kind: contingency.KindEarn, Amount: contingency.Cents(amt), Instrument: contingency.InstrumentItem,
			FundingSource: "county", EffectiveAt: time.Date(2025, 1, 7, 0, 0, 0, 0, time.UTC), Visit: "host-visit",
			Award: &contingency.AwardDetail{Schedule: contingency.ScheduleTable},
		}}})
		if err != nil {
			h.fail("host award: %v", err)
			return false
		}
		h.hostNet += amt
		h.host = append(h.host, rec.Entry.ID)
	}
	return true
}

// expected prices the current results from scratch and applies the cap in
// visit order: what each visit must be worth under FullRecompute, in cents.
func (h *propHistory) expected() (map[string]int64, int64) {
	rs := make([]contingency.Result, 0, len(h.results))
	for _, s := range h.specs {
		rs = append(rs, h.results[s])
	}
	priced, err := h.p.Config().Price(rs)
	require.NoError(h.t, err)
	room := int64(1 << 62)
	if len(h.caps) > 0 {
		room = moneyCents(h.t, h.caps[0].PerWindow)
	}
	out := map[string]int64{}
	var total int64
	for _, v := range priced {
		base := moneyCents(h.t, contingency.Dollars(v.Award.Base))
		bonus := moneyCents(h.t, contingency.Dollars(v.Award.Bonus))
		var paid int64
		if len(h.caps) > 0 && h.caps[0].Policy == contingency.CapRefuse {
			if base+bonus <= room {
				paid = base + bonus
			}
		} else {
			e := min(base, room)
			paid = e + min(bonus, room-e)
		}
		room -= paid
		out[v.Date.String()] = paid
		total += paid
	}
	return out, total
}

// check asserts the invariants after a step.
func (h *propHistory) check() bool {
	l := h.p.Ledger()
	entries := l.Entries()
	if err := contingency.Verify(entries); err != nil {
		h.fail("verify: %v", err)
		return false
	}
	if fold := contingency.Fold(entries); !sameTotals(fold, l.Totals()) {
		h.fail("fold %+v differs from running totals %+v", fold, l.Totals())
		return false
	}
	byID := map[uuid.UUID]contingency.Entry{}
	visitNet := map[string]int64{}
	var progNet int64
	for _, e := range entries {
		byID[e.ID] = e
		if e.Kind == contingency.KindReverse {
			o, ok := byID[e.Corrects]
			if !ok || !o.Kind.IsAward() || o.Visit != e.Visit {
				h.fail("reversal %d not linked to an award of its visit", e.Seq)
				return false
			}
		}
		if e.Visit != "" && e.Visit != "host-visit" {
			net := moneyCents(h.t, e.Amount) - moneyCents(h.t, e.Shortfall)
			visitNet[e.Visit] += net
			progNet += net
		}
	}
	if h.rc == contingency.FullRecompute {
		want, total := h.expected()
		for ref, cents := range visitNet {
			if want[ref] != cents {
				h.fail("visit %s nets %d, from scratch %d", ref, cents, want[ref])
				return false
			}
		}
		if progNet != total {
			h.fail("programme awards net %d, from scratch %d", progNet, total)
			return false
		}
	}
	net := progNet + h.hostNet
	tot := l.Totals()
	checks := []struct {
		name      string
		got, want int64
	}{
		{"available", moneyCents(h.t, tot.Available), max(0, net-h.redeemed-h.held)},
		{"owed", moneyCents(h.t, tot.Owed), max(0, h.redeemed-net)},
		{"balance", moneyCents(h.t, tot.Balance), max(0, net-h.redeemed)},
		{"earned", moneyCents(h.t, tot.Earned), net},
		{"redeemed", moneyCents(h.t, tot.Redeemed), h.redeemed},
		{"held", moneyCents(h.t, tot.Held), h.held},
	}
	if len(h.caps) > 0 {
		used, err := l.CapUsage("prop-cap", time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC))
		require.NoError(h.t, err)
		checks = append(checks, struct {
			name      string
			got, want int64
		}{"cap usage", moneyCents(h.t, used), progNet})
	}
	for _, c := range checks {
		if c.got != c.want {
			h.fail("%s is %d, want %d", c.name, c.got, c.want)
			return false
		}
	}
	return true
}

// sameTotals reports whether two Totals hold the same amounts.
func sameTotals(a, b contingency.Totals) bool {
	return a.Balance.Equal(b.Balance) && a.Available.Equal(b.Available) && a.Held.Equal(b.Held) &&
		a.Earned.Equal(b.Earned) && a.Redeemed.Equal(b.Redeemed) && a.Adjusted.Equal(b.Adjusted) &&
		a.Expired.Equal(b.Expired) && a.Owed.Equal(b.Owed)
}
