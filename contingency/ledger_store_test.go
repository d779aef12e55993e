package contingency_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgScenario builds a ledger with every kind and status of entry under the
// OIG cap: an earn and bonus, a prize trimmed by the per-item limit, two
// approved redemptions and a vetoed one, a reversal with a shortfall (money
// owed), an adjustment that writes the debt off and more, and an expiry.
func lgScenario(t testing.TB) (*contingency.Ledger, *contingency.MemStore) {
	t.Helper()
	ctx := context.Background()
	l, store := lgNew(t, contingency.WithCaps(contingency.OIGNominal()), contingency.WithRedemptionApproval(true))
	lgPost(t, l, "spec-3", lgHigginsLines(3, lgT0)...)
	prize := lgLine(contingency.KindPrize, 2100, lgT0.AddDate(0, 0, 2), "visit-4")
	prize.Award = &contingency.AwardDetail{
		Schedule: contingency.SchedulePrizeBowl, Run: 4, Level: 2, Seed: 20250108,
		Slips: []contingency.Slip{{Tier: "good-job", Value: contingency.Cents(0)}, {Tier: "small", Value: contingency.Cents(100)}, {Tier: "large", Value: contingency.Cents(2000)}},
	}
	prize.FundingSource = "grant-7"
	p := lgPost(t, l, "spec-4", prize).Entry
	must := func(_ contingency.Receipt, err error) {
		t.Helper()
		require.NoError(t, err)
	}
	redeem := func(key string, cents int64) uuid.UUID {
		r, err := l.Redeem(ctx, lgRedemption(key, cents))
		require.NoError(t, err)
		return r.Entry.ID
	}
	must(l.Approve(ctx, "approve-1", redeem("buy-1", 600), "therapist-1"))
	must(l.Veto(ctx, "veto-2", redeem("buy-2", 400), "therapist-1", "not-in-plan"))
	must(l.Approve(ctx, "approve-3", redeem("buy-3", 2000), "therapist-1"))
	must(l.Reverse(ctx, "fix-4", p.ID, "lab-1", "lab-confirmed-positive", time.Time{}))
	lgPost(t, l, "adj-1", contingency.Line{
		Kind: contingency.KindAdjust, Amount: contingency.Cents(1200), Instrument: contingency.InstrumentItem,
		EffectiveAt: lgT0.AddDate(0, 0, 3), Reason: "write-off",
	})
	lgPost(t, l, "exp-1", contingency.Line{
		Kind: contingency.KindExpire, Amount: contingency.Cents(100), Instrument: contingency.InstrumentItem,
		EffectiveAt: lgT0.AddDate(0, 1, 0), Reason: "expired",
	})
	return l, store
}

func TestLedgerScenarioTotals(t *testing.T) {
	l, _ := lgScenario(t)
	tot := l.Totals()
	lgMoney(t, "0.00", tot.Balance)
	lgMoney(t, "0.00", tot.Available)
	lgMoney(t, "0.00", tot.Held)
	lgMoney(t, "15.00", tot.Earned) // 5 + 10 + 15 − 15: the reversal counts in full
	lgMoney(t, "26.00", tot.Redeemed)
	lgMoney(t, "12.00", tot.Adjusted) // the $11.00 owed written off, and $1.00 more
	lgMoney(t, "1.00", tot.Expired)
	lgMoney(t, "0.00", tot.Owed)
	lgCheckTotals(t, l)
	prize, ok := l.EntryByKey("spec-4")
	require.True(t, ok)
	lgMoney(t, "15.00", prize.Amount)
	lgMoney(t, "21.00", prize.Award.Requested)
	assert.Equal(t, []string{"oig-nominal"}, prize.Award.Caps)
}

// lgFaultStore wraps a Store and injects failures.
type lgFaultStore struct {
	contingency.Store
	appends   atomic.Int64
	appendErr func(n int64) (contingency.Version, error) // n counts from 1; nil error passes through
	loadErr   error
}

func (s *lgFaultStore) Append(ctx context.Context, p uuid.UUID, expected contingency.Version, entries []contingency.Entry) (contingency.Version, error) {
	n := s.appends.Add(1)
	if s.appendErr != nil {
		if v, err := s.appendErr(n); err != nil {
			return v, err
		}
	}
	return s.Store.Append(ctx, p, expected, entries)
}

func (s *lgFaultStore) Load(ctx context.Context, p uuid.UUID, after contingency.Version) ([]contingency.Entry, contingency.Version, error) {
	if s.loadErr != nil {
		return nil, 0, s.loadErr
	}
	return s.Store.Load(ctx, p, after)
}

func TestLedgerStoreFailuresChangeNothing(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("database down")
	mem := contingency.NewMemStore()
	fs := &lgFaultStore{Store: mem}
	l := lgOpen(t, fs, contingency.WithMaxRetries(2), contingency.WithRedemptionApproval(true))
	lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))
	pending, err := l.Redeem(ctx, lgRedemption("buy-1", 100))
	require.NoError(t, err)
	state, stored := lgState(t, l), lgStoreState(t, mem)

	ops := map[string]func() error{
		"post": func() error {
			_, err := l.Post(ctx, lgPostingKey("spec-2", lgLine(contingency.KindEarn, 1, lgT0, "v")))
			return err
		},
		"redeem":  func() error { _, err := l.Redeem(ctx, lgRedemption("buy-2", 100)); return err },
		"approve": func() error { _, err := l.Approve(ctx, "ok", pending.Entry.ID, "t"); return err },
		"veto":    func() error { _, err := l.Veto(ctx, "no", pending.Entry.ID, "t", "x"); return err },
		"reverse": func() error {
			_, err := l.Reverse(ctx, "rev", l.Entries()[0].ID, "s", "x", time.Time{})
			return err
		},
	}
	for op, run := range ops {
		t.Run(op+" with a store error", func(t *testing.T) {
			fs.appends.Store(0)
			fs.appendErr = func(int64) (contingency.Version, error) { return 0, boom }
			err := run()
			require.ErrorIs(t, err, boom)
			var le *contingency.LedgerError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, op, le.Op)
			at := le.Expected
			assert.Equal(t, contingency.Version(2), at)
			assert.Equal(t, int64(1), fs.appends.Load(), "a store error is not retried")
			assert.Equal(t, state, lgState(t, l))
			assert.Equal(t, stored, lgStoreState(t, mem))
		})
		t.Run(op+" with endless conflicts", func(t *testing.T) {
			fs.appends.Store(0)
			fs.appendErr = func(int64) (contingency.Version, error) { return 2, contingency.ErrVersionConflict }
			err := run()
			require.ErrorIs(t, err, contingency.ErrVersionConflict)
			var le *contingency.LedgerError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, int64(3), fs.appends.Load(), "one try and two retries")
			assert.Contains(t, err.Error(), "ledger "+op+" at version 2")
			assert.Equal(t, state, lgState(t, l))
			assert.Equal(t, stored, lgStoreState(t, mem))
		})
	}
	t.Run("a duplicate key is retried after catching up", func(t *testing.T) {
		fs.appends.Store(0)
		fs.appendErr = func(n int64) (contingency.Version, error) {
			if n == 1 {
				return 0, contingency.ErrDuplicateKey
			}
			return 0, nil
		}
		r, err := l.Post(ctx, lgPostingKey("spec-3", lgLine(contingency.KindEarn, 1, lgT0, "v")))
		require.NoError(t, err)
		assert.False(t, r.Replayed)
		assert.Equal(t, int64(2), fs.appends.Load())
	})
	t.Run("a conflict whose catch-up fails", func(t *testing.T) {
		fs.appendErr = func(int64) (contingency.Version, error) { return 9, contingency.ErrVersionConflict }
		fs.loadErr = boom
		defer func() { fs.loadErr = nil }()
		_, err := l.Post(ctx, lgPostingKey("spec-4", lgLine(contingency.KindEarn, 1, lgT0, "v")))
		require.ErrorIs(t, err, boom)
		var le *contingency.LedgerError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, contingency.Version(9), le.Actual)
		assert.Contains(t, le.Error(), "(store at 9)")
		require.ErrorIs(t, l.Refresh(ctx), boom)
	})
	fs.appendErr = nil
	lgCheckTotals(t, l)
}

func TestLedgerLoadFailures(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("database down")
	_, err := contingency.NewLedger(ctx, &lgFaultStore{Store: contingency.NewMemStore(), loadErr: boom}, lgP)
	require.ErrorIs(t, err, boom)
	var le *contingency.LedgerError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "load", le.Op)

	_, err = contingency.NewLedger(ctx, lgSliceStore{version: 3}, lgP)
	require.ErrorIs(t, err, contingency.ErrCorruptLedger)
}

func TestLedgersSharingAStore(t *testing.T) {
	ctx := context.Background()
	store := contingency.NewMemStore()
	a := lgOpen(t, store, contingency.WithIDSource(lgIDs(0xa)))
	b := lgOpen(t, store, contingency.WithIDSource(lgIDs(0xb)))
	lgPost(t, a, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))

	// b is stale: its append conflicts, it catches up and retries.
	r := lgPost(t, b, "spec-2", lgLine(contingency.KindEarn, 500, lgT0, "v2"))
	assert.Equal(t, contingency.Version(2), r.Version)
	lgMoney(t, "15.00", b.Balance())

	// a is stale now; the same key and input written by b is a replay for a.
	again := lgPost(t, a, "spec-2", lgLine(contingency.KindEarn, 500, lgT0, "v2"))
	assert.True(t, again.Replayed)
	assert.Equal(t, r.Entry.ID, again.Entry.ID)

	// Two clerks redeem the same balance at once: only one succeeds.
	_, err := a.Redeem(ctx, lgRedemption("clerk-a", 1500))
	require.NoError(t, err)
	_, err = b.Redeem(ctx, lgRedemption("clerk-b", 1500))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance)
	lgMoney(t, "0.00", b.Balance())

	require.NoError(t, a.Refresh(ctx))
	assert.Equal(t, lgState(t, a), lgState(t, b))
	assert.Equal(t, lgState(t, a), lgState(t, lgOpen(t, store)))
	lgCheckTotals(t, a)
}

func TestLedgerRefreshRefusesTamperedEntries(t *testing.T) {
	ctx := context.Background()
	store := contingency.NewMemStore()
	l := lgOpen(t, store)
	other := lgOpen(t, store, contingency.WithIDSource(lgIDs(2)))
	lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))
	require.NoError(t, other.Refresh(ctx))
	state := lgState(t, other)

	// Someone writes an entry straight into the store without chaining it.
	forged := l.Entries()[0]
	forged.Seq, forged.IdempotencyKey, forged.ID = 2, "forged", uuid.UUID{0xf}
	_, err := store.Append(ctx, lgP, 1, []contingency.Entry{forged})
	require.NoError(t, err)

	err = other.Refresh(ctx)
	require.ErrorIs(t, err, contingency.ErrTampered)
	var ve *contingency.VerifyError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, contingency.Version(2), ve.Seq)
	assert.Equal(t, state, lgState(t, other))
	_, err = other.Post(ctx, lgPostingKey("spec-2", lgLine(contingency.KindEarn, 1, lgT0, "v")))
	require.ErrorIs(t, err, contingency.ErrTampered, "a write that must catch up cannot")
	_, err = contingency.NewLedger(ctx, store, lgP)
	require.ErrorIs(t, err, contingency.ErrTampered)
}

// lgSliceStore is a read-only Store that returns whatever it holds, so that
// tests can present inconsistent ledgers a real store would never keep.
type lgSliceStore struct {
	entries []contingency.Entry
	version contingency.Version
}

func (s lgSliceStore) Append(context.Context, uuid.UUID, contingency.Version, []contingency.Entry) (contingency.Version, error) {
	return 0, errors.New("read-only")
}

func (s lgSliceStore) Load(_ context.Context, _ uuid.UUID, after contingency.Version) ([]contingency.Entry, contingency.Version, error) {
	if int(after) >= len(s.entries) {
		return nil, s.version, nil
	}
	return s.entries[after:], s.version, nil
}

// lgRechain recomputes the hash chain of entries after they were edited, as
// a forger who knows the format would.
func lgRechain(entries []contingency.Entry) []contingency.Entry {
	prev := ""
	for i := range entries {
		entries[i].PrevHash = prev
		entries[i].Hash = contingency.HashEntry(entries[i])
		prev = entries[i].Hash
	}
	return entries
}

func TestLedgerLoadRefusesInconsistentEntries(t *testing.T) {
	base, _ := lgScenario(t)
	entries := base.Entries()
	index := func(key string) int {
		for i, e := range entries {
			if e.IdempotencyKey == key {
				return i
			}
		}
		t.Fatalf("no entry %q", key)
		return -1
	}
	earn, bonus, prize := index("spec-3"), index("spec-3#2"), index("spec-4")
	pending, approve, veto := index("buy-1"), index("approve-1"), index("veto-2")
	rev, adj, exp := index("fix-4"), index("adj-1"), index("exp-1")
	tests := []struct {
		name string
		edit func(es []contingency.Entry)
	}{
		{"schema version", func(es []contingency.Entry) { es[earn].SchemaVersion = "2" }},
		{"nil id", func(es []contingency.Entry) { es[earn].ID = uuid.Nil }},
		{"duplicate id", func(es []contingency.Entry) { es[bonus].ID = es[earn].ID }},
		{"duplicate key", func(es []contingency.Entry) { es[bonus].IdempotencyKey = es[earn].IdempotencyKey }},
		{"empty key", func(es []contingency.Entry) { es[bonus].IdempotencyKey = "" }},
		{"unknown kind", func(es []contingency.Entry) { es[earn].Kind = "gift" }},
		{"unknown instrument", func(es []contingency.Entry) { es[earn].Instrument = "gold" }},
		{"pending earn", func(es []contingency.Entry) { es[earn].Status = contingency.StatusPending }},
		{"unknown status", func(es []contingency.Entry) { es[earn].Status = 7 }},
		{"three decimals", func(es []contingency.Entry) { es[earn].Amount = lgMoneyOf("5.001") }},
		{"huge amount", func(es []contingency.Entry) { es[earn].Amount = contingency.Cents(100_000_001) }},
		{"shortfall on an earn", func(es []contingency.Entry) { es[earn].Shortfall = contingency.Cents(1) }},
		{"negative shortfall", func(es []contingency.Entry) { es[rev].Shortfall = contingency.Cents(-1) }},
		{"time out of range", func(es []contingency.Entry) { es[earn].EffectiveAt = time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"negative earn", func(es []contingency.Entry) { es[earn].Amount = contingency.Cents(-500) }},
		{"earn without award", func(es []contingency.Entry) { es[earn].Award = nil }},
		{"unknown corrects", func(es []contingency.Entry) { es[adj].Corrects = uuid.UUID{0xee} }},
		{"reversal without original", func(es []contingency.Entry) { es[rev].Corrects = uuid.Nil }},
		{"reversal of a redemption", func(es []contingency.Entry) { es[rev].Corrects = es[approve].ID }},
		{"reversal of more than the award", func(es []contingency.Entry) { es[rev].Shortfall = contingency.Cents(100000) }},
		{"positive reversal", func(es []contingency.Entry) { es[rev].Amount = contingency.Cents(1) }},
		{"second reversal", func(es []contingency.Entry) {
			es[adj] = es[rev]
			es[adj].Seq, es[adj].ID, es[adj].IdempotencyKey = entries[adj].Seq, entries[adj].ID, entries[adj].IdempotencyKey
		}},
		{"positive redemption", func(es []contingency.Entry) { es[pending].Amount = contingency.Cents(600) }},
		{"pending with corrects", func(es []contingency.Entry) { es[pending].Corrects = es[earn].ID }},
		{"veto without corrects", func(es []contingency.Entry) { es[veto].Corrects = uuid.Nil }},
		{"approval of another amount", func(es []contingency.Entry) { es[approve].Amount = contingency.Cents(-500) }},
		{"approval of a non-pending entry", func(es []contingency.Entry) { es[approve].Corrects = es[earn].ID }},
		{"zero adjustment", func(es []contingency.Entry) { es[adj].Amount = contingency.Cents(0) }},
		{"positive expiry", func(es []contingency.Entry) { es[exp].Amount = contingency.Cents(100) }},
		{"prize award", func(es []contingency.Entry) { es[prize].Award = nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := base.Entries()
			tc.edit(es)
			store := lgSliceStore{entries: lgRechain(es), version: contingency.Version(len(es))}
			require.NoError(t, contingency.Verify(store.entries), "the forged chain verifies")
			_, err := contingency.NewLedger(context.Background(), store, lgP)
			require.ErrorIs(t, err, contingency.ErrCorruptLedger)
			assert.NotErrorIs(t, err, intervention.ErrInvalid)
		})
	}
	t.Run("the unedited entries load", func(t *testing.T) {
		es := base.Entries()
		l, err := contingency.NewLedger(context.Background(), lgSliceStore{entries: es, version: contingency.Version(len(es))}, lgP,
			contingency.WithCaps(contingency.OIGNominal()))
		require.NoError(t, err)
		assert.Equal(t, lgState(t, base), lgState(t, l))
	})
}
