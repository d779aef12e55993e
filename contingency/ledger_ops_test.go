package contingency_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgRedemption returns a redemption of cents in an item.
func lgRedemption(key string, cents int64) contingency.Redemption {
	return contingency.Redemption{
		Key: key, Amount: contingency.Cents(cents), Instrument: contingency.InstrumentItem,
		Actor: "staff-1", EffectiveAt: lgT0.Add(time.Hour), Reason: "purchase",
	}
}

func TestLedgerRedeem(t *testing.T) {
	ctx := context.Background()
	l, store := lgNew(t)
	lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))

	state, stored := lgState(t, l), lgStoreState(t, store)
	_, err := l.Redeem(ctx, lgRedemption("buy-1", 1001))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance)
	var le *contingency.LedgerError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "redeem", le.Op)
	at := le.Expected
	assert.Equal(t, contingency.Version(1), at)
	assert.Equal(t, state, lgState(t, l))
	assert.Equal(t, stored, lgStoreState(t, store))

	r, err := l.Redeem(ctx, lgRedemption("buy-1", 600))
	require.NoError(t, err)
	assert.Equal(t, contingency.KindRedeem, r.Entry.Kind)
	assert.Equal(t, contingency.StatusPosted, r.Entry.Status)
	lgMoney(t, "-6.00", r.Entry.Amount)
	assert.Equal(t, "purchase", r.Entry.Reason)
	lgMoney(t, "4.00", l.Balance())
	lgMoney(t, "6.00", l.Redeemed())

	again, err := l.Redeem(ctx, lgRedemption("buy-1", 600))
	require.NoError(t, err)
	assert.True(t, again.Replayed)
	assert.Equal(t, r.Entry.ID, again.Entry.ID)

	r, err = l.Redeem(ctx, lgRedemption("buy-2", 400)) // exactly the balance
	require.NoError(t, err)
	lgMoney(t, "0.00", l.Balance())
	_, err = l.Redeem(ctx, lgRedemption("buy-3", 1))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance)
	lgCheckTotals(t, l)
	_ = r
}

func TestRedemptionValidation(t *testing.T) {
	tests := []struct {
		name   string
		r      contingency.Redemption
		fields []string
	}{
		{"empty", contingency.Redemption{}, []string{"key", "instrument", "actor", "effectiveAt", "amount"}},
		{"negative amount", func() contingency.Redemption { r := lgRedemption("k", -5); return r }(), []string{"amount"}},
		{"bad money", func() contingency.Redemption { r := lgRedemption("k", 5); r.Amount = lgMoneyOf("0.125"); return r }(), []string{"amount"}},
		{"free-text reason", func() contingency.Redemption { r := lgRedemption("k", 5); r.Reason = "new shoes"; return r }(), []string{"reason"}},
	}
	l, _ := lgNew(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Equal(t, tc.fields, lgFields(err))
			_, err = l.Redeem(context.Background(), tc.r)
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}
	assert.Equal(t, contingency.Version(0), l.Version())
}

func TestLedgerRedemptionApproval(t *testing.T) {
	ctx := context.Background()
	l, _ := lgNew(t, contingency.WithRedemptionApproval(true))
	lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))

	p1, err := l.Redeem(ctx, lgRedemption("buy-1", 600))
	require.NoError(t, err)
	assert.Equal(t, contingency.StatusPending, p1.Entry.Status)
	lgMoney(t, "10.00", l.Balance(), "a pending redemption is not yet in the balance")
	lgMoney(t, "4.00", l.Available(), "but it holds its amount")
	lgMoney(t, "6.00", l.Held())
	lgCheckTotals(t, l)

	_, err = l.Redeem(ctx, lgRedemption("buy-2", 500))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance, "the hold counts against the available balance")
	p2, err := l.Redeem(ctx, lgRedemption("buy-2", 400))
	require.NoError(t, err)
	pending := l.Pending()
	require.Len(t, pending, 2)
	assert.Equal(t, p1.Entry.ID, pending[0].ID)
	assert.Equal(t, p2.Entry.ID, pending[1].ID)

	ok, err := l.Approve(ctx, "approve-1", p1.Entry.ID, "therapist-1")
	require.NoError(t, err)
	assert.Equal(t, contingency.KindRedeem, ok.Entry.Kind)
	assert.Equal(t, contingency.StatusPosted, ok.Entry.Status)
	assert.Equal(t, p1.Entry.ID, ok.Entry.Corrects)
	assert.Equal(t, "therapist-1", ok.Entry.Actor)
	assert.True(t, ok.Entry.EffectiveAt.Equal(p1.Entry.EffectiveAt))
	lgMoney(t, "-6.00", ok.Entry.Amount)
	lgMoney(t, "4.00", l.Balance())
	lgMoney(t, "0.00", l.Available())
	lgMoney(t, "4.00", l.Held())
	lgMoney(t, "6.00", l.Redeemed())
	lgCheckTotals(t, l)

	replay, err := l.Approve(ctx, "approve-1", p1.Entry.ID, "therapist-1")
	require.NoError(t, err)
	assert.True(t, replay.Replayed)
	assert.Equal(t, ok.Entry.ID, replay.Entry.ID)

	state := lgState(t, l)
	_, err = l.Approve(ctx, "approve-2", p1.Entry.ID, "therapist-1")
	require.ErrorIs(t, err, contingency.ErrAlreadyResolved)
	_, err = l.Veto(ctx, "veto-1", p1.Entry.ID, "therapist-1", "not-in-plan")
	require.ErrorIs(t, err, contingency.ErrAlreadyResolved)
	_, err = l.Approve(ctx, "approve-3", ok.Entry.ID, "therapist-1")
	require.ErrorIs(t, err, contingency.ErrNotPending)
	_, err = l.Approve(ctx, "approve-4", uuid.UUID{9, 9}, "therapist-1")
	require.ErrorIs(t, err, contingency.ErrUnknownEntry)
	assert.Equal(t, state, lgState(t, l))

	veto, err := l.Veto(ctx, "veto-2", p2.Entry.ID, "therapist-1", "not-in-plan")
	require.NoError(t, err)
	assert.Equal(t, contingency.StatusVoided, veto.Entry.Status)
	assert.Equal(t, "not-in-plan", veto.Entry.Reason)
	lgMoney(t, "-4.00", veto.Entry.Amount)
	lgMoney(t, "4.00", l.Balance())
	lgMoney(t, "4.00", l.Available())
	lgMoney(t, "0.00", l.Held())
	assert.Empty(t, l.Pending())
	_, err = l.Approve(ctx, "approve-5", p2.Entry.ID, "therapist-1")
	require.ErrorIs(t, err, contingency.ErrAlreadyResolved)
	lgCheckTotals(t, l)

	t.Run("resolution arguments are validated", func(t *testing.T) {
		_, err := l.Approve(ctx, "", uuid.Nil, "")
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Equal(t, []string{"key", "approver", "pendingId"}, lgFields(err))
		_, err = l.Veto(ctx, "k", p2.Entry.ID, "t", "")
		assert.Equal(t, []string{"reason"}, lgFields(err))
	})
}

func TestLedgerReverse(t *testing.T) {
	ctx := context.Background()
	l, store := lgNew(t)
	r := lgPost(t, l, "spec-3", lgHigginsLines(3, lgT0)...)
	earn, bonus := r.Entries[0], r.Entries[1]

	rev, err := l.Reverse(ctx, "fix-earn", earn.ID, "staff-2", "lab-correction", time.Time{})
	require.NoError(t, err)
	e := rev.Entry
	assert.Equal(t, contingency.KindReverse, e.Kind)
	assert.Equal(t, earn.ID, e.Corrects)
	assert.Equal(t, earn.Visit, e.Visit)
	assert.Equal(t, earn.Instrument, e.Instrument)
	assert.True(t, e.EffectiveAt.Equal(earn.EffectiveAt), "zero effectiveAt means the original's")
	lgMoney(t, "-5.00", e.Amount)
	assert.True(t, e.Shortfall.IsZero())
	lgMoney(t, "10.00", l.Balance())
	lgMoney(t, "10.00", l.Earned())
	lgMoney(t, "10.00", l.VisitNet("visit-3"))
	got, ok := l.ReversalOf(earn.ID)
	require.True(t, ok)
	assert.Equal(t, e.ID, got.ID)
	_, ok = l.ReversalOf(bonus.ID)
	assert.False(t, ok)

	state, stored := lgState(t, l), lgStoreState(t, store)
	t.Run("I2: reversing again under the same key is a replay", func(t *testing.T) { // reference: I2
		again, err := l.Reverse(ctx, "fix-earn", earn.ID, "staff-2", "lab-correction", time.Time{})
		require.NoError(t, err)
		assert.True(t, again.Replayed)
		assert.Equal(t, e.ID, again.Entry.ID)
		assert.Equal(t, state, lgState(t, l))
		assert.Equal(t, stored, lgStoreState(t, store))
	})
	t.Run("reversing again under another key is refused", func(t *testing.T) {
		_, err := l.Reverse(ctx, "fix-earn-2", earn.ID, "staff-2", "lab-correction", time.Time{})
		require.ErrorIs(t, err, contingency.ErrAlreadyReversed)
		assert.Equal(t, state, lgState(t, l))
	})
	t.Run("only awards are reversible", func(t *testing.T) {
		_, err := l.Reverse(ctx, "fix-rev", e.ID, "staff-2", "lab-correction", time.Time{})
		require.ErrorIs(t, err, contingency.ErrNotReversible)
		_, err = l.Reverse(ctx, "fix-unknown", uuid.UUID{9}, "staff-2", "lab-correction", time.Time{})
		require.ErrorIs(t, err, contingency.ErrUnknownEntry)
		assert.Equal(t, state, lgState(t, l))
	})
	t.Run("arguments are validated", func(t *testing.T) {
		_, err := l.Reverse(ctx, "", uuid.Nil, "", "", lgT0.AddDate(-200, 0, 0))
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Equal(t, []string{"key", "actor", "reason", "entryId", "effectiveAt"}, lgFields(err))
	})
	t.Run("an explicit effective time is kept", func(t *testing.T) {
		at := lgT0.Add(48 * time.Hour)
		rb, err := l.Reverse(ctx, "fix-bonus", bonus.ID, "staff-2", "lab-correction", at)
		require.NoError(t, err)
		assert.True(t, rb.Entry.EffectiveAt.Equal(at))
		lgMoney(t, "10.00", l.BalanceAsOf(at.Add(-time.Nanosecond)))
		lgMoney(t, "0.00", l.BalanceAsOf(at))
		lgMoney(t, "0.00", l.VisitNet("visit-3"))
	})
	lgCheckTotals(t, l)
}

func TestLedgerReverseNeverGoesBelowZero(t *testing.T) {
	// reference: C1 note — already-redeemed money is never clawed back below zero.
	ctx := context.Background()
	l, _ := lgNew(t, contingency.WithRedemptionApproval(true))
	earn := lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1")).Entry
	lgPost(t, l, "spec-2", lgLine(contingency.KindEarn, 300, lgT0, "v2"))
	_, err := l.Redeem(ctx, lgRedemption("buy-1", 800)) // pending: holds 8.00 of 13.00
	require.NoError(t, err)

	rev, err := l.Reverse(ctx, "fix-1", earn.ID, "staff-1", "lab-correction", time.Time{})
	require.NoError(t, err)
	lgMoney(t, "-5.00", rev.Entry.Amount, "only the available 5.00 is taken from the balance")
	lgMoney(t, "5.00", rev.Entry.Shortfall, "the rest was held for a redemption")
	lgMoney(t, "3.00", l.Balance(), "13.00 − 10.00: the reversal counts in full")
	lgMoney(t, "0.00", l.Available(), "the 8.00 hold exceeds the balance")
	lgMoney(t, "0.00", l.Owed(), "nothing spent yet")
	lgCheckTotals(t, l)

	// The pending redemption can still be approved (the item was handed
	// over against the hold); what it spent beyond the balance is owed.
	_, err = l.Approve(ctx, "ok-1", l.Pending()[0].ID, "therapist-1")
	require.NoError(t, err)
	lgMoney(t, "0.00", l.Balance())
	lgMoney(t, "5.00", l.Owed())
	lgCheckTotals(t, l)
}

func TestLedgerCorrectedResultC1(t *testing.T) {
	// reference: C1 — NNNNNN paid $53.75; visit 3 later confirmed positive.
	ctx := context.Background()
	setup := func(t *testing.T) (*contingency.Ledger, []contingency.Receipt) {
		l, _ := lgNew(t)
		var paid []contingency.Receipt
		for n := 1; n <= 6; n++ {
			paid = append(paid, lgPost(t, l, "spec-"+strconv.Itoa(n), lgHigginsLines(n, lgT0.AddDate(0, 0, 2*n))...))
		}
		lgMoney(t, "53.75", l.Balance()) // reference: V1
		return l, paid
	}
	t.Run("reverse only visit 3 leaves 38.75", func(t *testing.T) {
		l, paid := setup(t)
		for i, e := range paid[2].Entries {
			_, err := l.Reverse(ctx, "c1-"+strconv.Itoa(i), e.ID, "lab", "lab-confirmed-positive", time.Time{})
			require.NoError(t, err)
		}
		lgMoney(t, "38.75", l.Balance())
		lgMoney(t, "0.00", l.VisitNet("visit-3"))
		lgCheckTotals(t, l)
	})
	t.Run("full recompute nets -26.25 to 27.50", func(t *testing.T) {
		l, paid := setup(t)
		before := l.Balance()
		for _, r := range paid[2:] {
			for i, e := range r.Entries {
				_, err := l.Reverse(ctx, "c1-"+e.IdempotencyKey[:6]+"-"+strconv.Itoa(i), e.ID, "lab", "lab-confirmed-positive", time.Time{})
				require.NoError(t, err)
			}
		}
		// True sequence NNPNNN: visits 4, 5, 6 are the first three of a new run.
		for n := 4; n <= 6; n++ {
			lines := lgHigginsLines(n-3, lgT0.AddDate(0, 0, 2*n))
			for i := range lines {
				lines[i].Visit = "visit-" + strconv.Itoa(n)
			}
			lgPost(t, l, "recompute-"+strconv.Itoa(n), lines...)
		}
		lgMoney(t, "27.50", l.Balance())
		lgMoney(t, "-26.25", l.Balance().Sub(before))
		lgMoney(t, "0.00", l.VisitNet("visit-3"))
		lgMoney(t, "15.00", l.VisitNet("visit-6"))
		lgCheckTotals(t, l)
	})
}

func TestLedgerAdjustAndExpire(t *testing.T) {
	ctx := context.Background()
	l, _ := lgNew(t)
	earn := lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1")).Entry
	adj := contingency.Line{
		Kind: contingency.KindAdjust, Amount: contingency.Cents(-250), Instrument: contingency.InstrumentItem,
		EffectiveAt: lgT0, Reason: "data-entry-fix", Corrects: earn.ID, Visit: "v1",
	}
	r := lgPost(t, l, "adj-1", adj)
	lgMoney(t, "-2.50", r.Entry.Amount)
	assert.Equal(t, earn.ID, r.Entry.Corrects)
	lgMoney(t, "7.50", l.Balance())
	lgMoney(t, "-2.50", l.Totals().Adjusted)
	lgMoney(t, "7.50", l.VisitNet("v1"))

	state := lgState(t, l)
	exp := contingency.Line{Kind: contingency.KindExpire, Amount: contingency.Cents(751), Instrument: contingency.InstrumentItem, EffectiveAt: lgT0, Reason: "discharged"}
	_, err := l.Post(ctx, lgPostingKey("exp-1", exp))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance)
	adj.Amount, adj.Corrects = contingency.Cents(-751), uuid.Nil
	_, err = l.Post(ctx, lgPostingKey("adj-2", adj))
	require.ErrorIs(t, err, contingency.ErrInsufficientBalance)
	adj.Corrects = uuid.UUID{7}
	_, err = l.Post(ctx, lgPostingKey("adj-3", adj))
	require.ErrorIs(t, err, contingency.ErrUnknownEntry)
	assert.Equal(t, []string{"lines[0].corrects"}, lgFields(err))
	assert.Equal(t, state, lgState(t, l))

	// A credit line earlier in the same posting can fund a later debit.
	exp.Amount = contingency.Cents(800)
	r = lgPost(t, l, "mixed", lgLine(contingency.KindEarn, 50, lgT0, "v2"), exp)
	lgMoney(t, "-8.00", r.Entries[1].Amount)
	lgMoney(t, "0.00", l.Balance())
	lgMoney(t, "8.00", l.Totals().Expired)
	lgCheckTotals(t, l)
}

// lgPostingKey wraps lines in a posting under key.
func lgPostingKey(key string, lines ...contingency.Line) contingency.Posting {
	return contingency.Posting{Key: key, Actor: "staff-1", Lines: lines}
}

func TestLedgerBalanceAsOf(t *testing.T) {
	ctx := context.Background()
	l, _ := lgNew(t, contingency.WithRedemptionApproval(true))
	// Effective times arrive out of order; the same instant twice.
	offsets := []int{5, 1, 9, 3, 3, 7, 0, 12}
	for i, d := range offsets {
		lgPost(t, l, "e"+strconv.Itoa(i), lgLine(contingency.KindEarn, int64(100*(i+1)), lgT0.AddDate(0, 0, d), "v"))
	}
	_, err := l.Redeem(ctx, contingency.Redemption{Key: "r1", Amount: contingency.Cents(150), Instrument: contingency.InstrumentItem, Actor: "s", EffectiveAt: lgT0.AddDate(0, 0, 4)})
	require.NoError(t, err) // pending: not in any balance
	brute := func(at time.Time) contingency.Money {
		var sum contingency.Money
		for _, e := range l.Entries() {
			if e.Status == contingency.StatusPosted && !e.EffectiveAt.After(at) {
				sum = sum.Add(e.Amount)
			}
		}
		return sum
	}
	for d := -1; d <= 13; d++ {
		for _, at := range []time.Time{lgT0.AddDate(0, 0, d), lgT0.AddDate(0, 0, d).Add(-time.Nanosecond)} {
			want := brute(at)
			assert.Truef(t, want.Equal(l.BalanceAsOf(at)), "day %d: want %s, got %s", d, want, l.BalanceAsOf(at))
		}
	}
	_, err = l.Approve(ctx, "a1", l.Pending()[0].ID, "t")
	require.NoError(t, err)
	lgMoney(t, brute(lgT0.AddDate(0, 0, 4)).StringFixed(2), l.BalanceAsOf(lgT0.AddDate(0, 0, 4)))
	lgMoney(t, l.Balance().StringFixed(2), l.BalanceAsOf(lgT0.AddDate(1, 0, 0)))
	lgMoney(t, "0.00", l.BalanceAsOf(lgT0.AddDate(-1, 0, 0)))
}

func TestLedgerCancelledContext(t *testing.T) {
	l, store := lgNew(t)
	lgPost(t, l, "spec-1", lgLine(contingency.KindEarn, 1000, lgT0, "v1"))
	state, stored := lgState(t, l), lgStoreState(t, store)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := l.Post(ctx, lgPostingKey("spec-2", lgLine(contingency.KindEarn, 1000, lgT0, "v2")))
	require.ErrorIs(t, err, context.Canceled)
	_, err = l.Redeem(ctx, lgRedemption("r", 100))
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, l.Refresh(ctx), context.Canceled)
	_, err = contingency.NewLedger(ctx, store, lgP)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, state, lgState(t, l))
	assert.Equal(t, stored, lgStoreState(t, store))
}

func TestLedgerIDAndClockFailures(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	tests := []struct {
		name string
		opt  contingency.Option
		rule error
	}{
		{"id source fails", contingency.WithIDSource(func() (uuid.UUID, error) { return uuid.Nil, boom }), boom},
		{"id source returns nil", contingency.WithIDSource(func() (uuid.UUID, error) { return uuid.Nil, nil }), intervention.ErrDuplicate},
		{"id source repeats", contingency.WithIDSource(func() (uuid.UUID, error) { return uuid.UUID{1}, nil }), intervention.ErrDuplicate},
		{"clock before 1900", contingency.WithClock(intervention.FixedClock(time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC))), intervention.ErrOutOfRange},
		{"zero clock", contingency.WithClock(intervention.FixedClock(time.Time{})), intervention.ErrMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, store := lgNew(t, tc.opt)
			_, err := l.Post(ctx, lgPostingKey("two-lines", lgHigginsLines(3, lgT0)...))
			require.ErrorIs(t, err, tc.rule)
			assert.Equal(t, contingency.Version(0), l.Version())
			assert.Equal(t, `{"Entries":null,"Version":0}`, lgStoreState(t, store))
		})
	}
}

func TestLedgerPostReverseLines(t *testing.T) {
	ctx := context.Background()
	rev := func(id uuid.UUID) contingency.Line {
		return contingency.Line{Kind: contingency.KindReverse, Corrects: id, Reason: "lab-correction"}
	}
	t.Run("a re-priced visit is reversed and paid again atomically, within the cap", func(t *testing.T) {
		l, _ := lgNew(t, contingency.WithCaps(contingency.OIGNominal()))
		paid := lgPostHiggins(t, l, 8) // 75.00: the OIG year is full
		eighth := paid[7].Entry
		again := lgLine(contingency.KindEarn, 1125, eighth.EffectiveAt, eighth.Visit)
		r := lgPost(t, l, "recompute-8", contingency.Line{
			Kind: contingency.KindReverse, Corrects: eighth.ID, Visit: eighth.Visit, Instrument: eighth.Instrument, Reason: "late-result",
		}, again)
		require.Len(t, r.Entries, 2)
		assert.Equal(t, contingency.KindReverse, r.Entries[0].Kind)
		assert.Equal(t, eighth.ID, r.Entries[0].Corrects)
		assert.True(t, r.Entries[0].EffectiveAt.Equal(eighth.EffectiveAt))
		lgMoney(t, "-11.25", r.Entries[0].Amount)
		lgMoney(t, "11.25", r.Entries[1].Amount, "the room freed by the reversal pays the new award")
		assert.Empty(t, r.Entries[1].Award.Caps)
		lgMoney(t, "75.00", l.Balance())
		lgMoney(t, "11.25", l.VisitNet(eighth.Visit))
		got, ok := l.ReversalOf(eighth.ID)
		require.True(t, ok)
		assert.Equal(t, r.Entries[0].ID, got.ID)
		lgCheckTotals(t, l)
	})
	t.Run("reverse lines are limited by what is available, line by line", func(t *testing.T) {
		l, _ := lgNew(t)
		a := lgPost(t, l, "a", lgLine(contingency.KindEarn, 1000, lgT0, "va")).Entry
		b := lgPost(t, l, "b", lgLine(contingency.KindEarn, 500, lgT0, "vb")).Entry
		_, err := l.Redeem(ctx, lgRedemption("buy", 1200))
		require.NoError(t, err)
		r := lgPost(t, l, "both", rev(a.ID), rev(b.ID), lgLine(contingency.KindEarn, 200, lgT0, "vc"))
		lgMoney(t, "-3.00", r.Entries[0].Amount)
		lgMoney(t, "7.00", r.Entries[0].Shortfall)
		lgMoney(t, "0.00", r.Entries[1].Amount)
		lgMoney(t, "5.00", r.Entries[1].Shortfall)
		lgMoney(t, "0.00", l.Balance(), "the new 2.00 settles part of the 12.00 owed")
		lgMoney(t, "10.00", l.Owed(), "12.00 redeemed less the 2.00 still earned")
		lgCheckTotals(t, l)
	})
	t.Run("refusals", func(t *testing.T) {
		l, _ := lgNew(t)
		e := lgPost(t, l, "a", lgLine(contingency.KindEarn, 1000, lgT0, "va")).Entry
		red, err := l.Redeem(ctx, lgRedemption("buy", 100))
		require.NoError(t, err)
		state := lgState(t, l)
		mismatch := func(f func(*contingency.Line)) contingency.Line {
			ln := rev(e.ID)
			f(&ln)
			return ln
		}
		tests := []struct {
			name  string
			lines []contingency.Line
			rule  error
			field string
		}{
			{"unknown entry", []contingency.Line{rev(uuid.UUID{8})}, contingency.ErrUnknownEntry, "lines[0].corrects"},
			{"not an award", []contingency.Line{rev(red.Entry.ID)}, contingency.ErrNotReversible, ""},
			{"twice in one posting", []contingency.Line{rev(e.ID), rev(e.ID)}, contingency.ErrAlreadyReversed, ""},
			{"another visit", []contingency.Line{mismatch(func(l *contingency.Line) { l.Visit = "vb" })}, intervention.ErrInconsistent, "lines[0].visit"},
			{"another instrument", []contingency.Line{mismatch(func(l *contingency.Line) { l.Instrument = contingency.InstrumentCash })}, intervention.ErrInconsistent, "lines[0].instrument"},
			{"another funding source", []contingency.Line{mismatch(func(l *contingency.Line) { l.FundingSource = "grant" })}, intervention.ErrInconsistent, "lines[0].fundingSource"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := l.Post(ctx, lgPostingKey("k-"+tc.name[:3], tc.lines...))
				require.ErrorIs(t, err, tc.rule)
				if tc.field != "" {
					assert.Equal(t, []string{tc.field}, lgFields(err))
				}
				assert.Equal(t, state, lgState(t, l))
			})
		}
		_, err = l.Reverse(ctx, "rev-a", e.ID, "s", "x", time.Time{})
		require.NoError(t, err)
		_, err = l.Post(ctx, lgPostingKey("again", rev(e.ID)))
		require.ErrorIs(t, err, contingency.ErrAlreadyReversed)
	})
	t.Run("validation", func(t *testing.T) {
		bad := contingency.Line{Kind: contingency.KindReverse, Amount: contingency.Cents(-100), Award: lgAward(1), Instrument: "x", EffectiveAt: lgT0.AddDate(300, 0, 0)}
		err := lgPosting(bad).Validate()
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Equal(t, []string{
			"lines[0].corrects", "lines[0].amount", "lines[0].reason", "lines[0].instrument", "lines[0].effectiveAt", "lines[0].award",
		}, lgFields(err))
		part := rev(uuid.UUID{1})
		part.Amount = contingency.Cents(100)
		assert.NoError(t, lgPosting(part).Validate(), "a positive amount reverses part of the award")
		assert.NoError(t, lgPosting(rev(uuid.UUID{1})).Validate(), "instrument and effective time are optional")
	})
}
