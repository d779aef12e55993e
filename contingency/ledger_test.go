package contingency_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

var (
	lgT0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) // a Monday
	lgP  = uuid.MustParse("7d444840-9dc0-41d1-b245-5ffdce74fad2")
)

// lgClock returns a clock that ticks one second per reading from start; safe
// under -race.
func lgClock(start time.Time) intervention.Clock {
	var n atomic.Int64
	return intervention.ClockFunc(func() time.Time { return start.Add(time.Duration(n.Add(1)) * time.Second) })
}

// lgIDs returns sequential IDs whose first byte is prefix, so that ledgers
// sharing a store mint distinct IDs; safe under -race.
func lgIDs(prefix byte) intervention.IDSource {
	var n atomic.Uint64
	return func() (uuid.UUID, error) {
		var id uuid.UUID
		id[0] = prefix
		binary.BigEndian.PutUint64(id[8:], n.Add(1))
		return id, nil
	}
}

// lgOpen opens the ledger of lgP in store with a ticking clock and
// sequential IDs, then opts.
func lgOpen(t testing.TB, store contingency.Store, opts ...contingency.Option) *contingency.Ledger {
	t.Helper()
	base := []contingency.Option{contingency.WithClock(lgClock(lgT0)), contingency.WithIDSource(lgIDs(1))}
	l, err := contingency.NewLedger(context.Background(), store, lgP, append(base, opts...)...)
	require.NoError(t, err)
	return l
}

// lgNew returns a new empty ledger and its store.
func lgNew(t testing.TB, opts ...contingency.Option) (*contingency.Ledger, *contingency.MemStore) {
	t.Helper()
	store := contingency.NewMemStore()
	return lgOpen(t, store, opts...), store
}

// lgAward returns the award detail of an escalating-schedule line.
func lgAward(run int) *contingency.AwardDetail {
	return &contingency.AwardDetail{Schedule: contingency.ScheduleEscalating, Run: run, Level: run}
}

// lgLine returns an award line of kind k.
func lgLine(k contingency.EntryKind, cents int64, at time.Time, visit string) contingency.Line {
	return contingency.Line{
		Kind: k, Amount: contingency.Cents(cents), Instrument: contingency.InstrumentItem,
		EffectiveAt: at, Visit: visit, Award: lgAward(1),
	}
}

// lgHiggins returns the voucher and bonus of the n-th consecutive negative
// under the Higgins schedule, in cents (reference: H36).
func lgHiggins(n int) (voucher, bonus int64) {
	voucher = 250 + 125*int64(n-1)
	if n%3 == 0 {
		bonus = 1000
	}
	return voucher, bonus
}

// lgHigginsLines returns the earn (and bonus) lines of visit n.
func lgHigginsLines(n int, at time.Time) []contingency.Line {
	v, b := lgHiggins(n)
	visit := "visit-" + strconv.Itoa(n)
	lines := []contingency.Line{lgLine(contingency.KindEarn, v, at, visit)}
	lines[0].Award = lgAward(n)
	if b > 0 {
		bonus := lgLine(contingency.KindBonus, b, at, visit)
		bonus.Award = lgAward(n)
		lines = append(lines, bonus)
	}
	return lines
}

// lgPost posts lines under key and requires success.
func lgPost(t testing.TB, l *contingency.Ledger, key string, lines ...contingency.Line) contingency.Receipt {
	t.Helper()
	r, err := l.Post(context.Background(), contingency.Posting{Key: key, Actor: "staff-1", Lines: lines})
	require.NoError(t, err)
	return r
}

// lgMoney asserts that got is want ("12.50").
func lgMoney(t testing.TB, want string, got contingency.Money, msgAndArgs ...any) {
	t.Helper()
	assert.Equal(t, want, got.StringFixed(2), msgAndArgs...)
}

// lgState returns the JSON of everything a failed operation must leave
// unchanged: entries, version and totals.
func lgState(t testing.TB, l *contingency.Ledger) string {
	t.Helper()
	b, err := json.Marshal(struct {
		Entries []contingency.Entry
		Version contingency.Version
		Totals  contingency.Totals
	}{l.Entries(), l.Version(), l.Totals()})
	require.NoError(t, err)
	return string(b)
}

// lgStoreState returns the JSON of what store holds for lgP.
func lgStoreState(t testing.TB, store contingency.Store) string {
	t.Helper()
	entries, v, err := store.Load(context.Background(), lgP, 0)
	require.NoError(t, err)
	b, err := json.Marshal(struct {
		Entries []contingency.Entry
		Version contingency.Version
	}{entries, v})
	require.NoError(t, err)
	return string(b)
}

// lgCheckTotals asserts that the running totals equal the fold of the
// entries, that nothing is negative that must not be, and that the chain
// verifies.
func lgCheckTotals(t testing.TB, l *contingency.Ledger) {
	t.Helper()
	entries := lgCheckFold(t, l)
	require.NoError(t, contingency.Verify(entries))
}

// lgCheckFold is lgCheckTotals without the hash chain check; it returns the
// entries.
func lgCheckFold(t testing.TB, l *contingency.Ledger) []contingency.Entry {
	t.Helper()
	entries := l.Entries()
	fold, got := contingency.Fold(entries), l.Totals()
	for _, f := range []struct {
		name       string
		want, have contingency.Money
	}{
		{"balance", fold.Balance, got.Balance}, {"available", fold.Available, got.Available},
		{"held", fold.Held, got.Held}, {"earned", fold.Earned, got.Earned},
		{"redeemed", fold.Redeemed, got.Redeemed}, {"adjusted", fold.Adjusted, got.Adjusted},
		{"expired", fold.Expired, got.Expired}, {"owed", fold.Owed, got.Owed},
	} {
		assert.Truef(t, f.want.Equal(f.have), "%s: fold %s, running %s", f.name, f.want, f.have)
	}
	lgMoney(t, got.Balance.StringFixed(2), l.Balance())
	lgMoney(t, got.Available.StringFixed(2), l.Available())
	lgMoney(t, got.Held.StringFixed(2), l.Held())
	lgMoney(t, got.Earned.StringFixed(2), l.Earned())
	lgMoney(t, got.Redeemed.StringFixed(2), l.Redeemed())
	assert.False(t, got.Balance.IsNegative(), "balance %s", got.Balance)
	assert.False(t, got.Available.IsNegative(), "available %s", got.Available)
	assert.Equal(t, contingency.Version(len(entries)), l.Version())
	return entries
}

// lgFields returns the field paths of the FieldErrors in err.
func lgFields(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

func TestNewLedgerRefusesBadArguments(t *testing.T) {
	ctx := context.Background()
	store := contingency.NewMemStore()
	badCap := contingency.OIGNominal()
	badCap.PerItem = contingency.Cents(-1)
	tests := []struct {
		name        string
		store       contingency.Store
		participant uuid.UUID
		opts        []contingency.Option
		fields      []string
	}{
		{"nil store", nil, lgP, nil, []string{"store"}},
		{"nil participant", store, uuid.Nil, nil, []string{"participant"}},
		{"nil clock", store, lgP, []contingency.Option{contingency.WithClock(nil)}, []string{"clock"}},
		{"nil id source", store, lgP, []contingency.Option{contingency.WithIDSource(nil)}, []string{"ids"}},
		{"nil location", store, lgP, []contingency.Option{contingency.WithLocation(nil)}, []string{"location"}},
		{"nil option", store, lgP, []contingency.Option{nil}, []string{"options"}},
		{"retries out of range", store, lgP, []contingency.Option{contingency.WithMaxRetries(-1)}, []string{"maxRetries"}},
		{"too many retries", store, lgP, []contingency.Option{contingency.WithMaxRetries(101)}, []string{"maxRetries"}},
		{"bad cap", store, lgP, []contingency.Option{contingency.WithCaps(contingency.RIPCap(), badCap)}, []string{"caps[1].perItem"}},
		{
			"duplicate cap names", store, lgP,
			[]contingency.Option{contingency.WithCaps(contingency.RIPCap(), contingency.RIPCap())},
			[]string{"caps[1].name"},
		},
		{"everything at once", nil, uuid.Nil, []contingency.Option{contingency.WithClock(nil)}, []string{"store", "participant", "clock"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := contingency.NewLedger(ctx, tc.store, tc.participant, tc.opts...)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Nil(t, l)
			assert.Equal(t, tc.fields, lgFields(err))
		})
	}
}

func TestOptionsAreComparable(t *testing.T) {
	opts := []contingency.Option{
		contingency.WithClock(intervention.ClockFunc(func() time.Time { return lgT0 })),
		contingency.WithIDSource(intervention.NewRandomID),
		contingency.WithCaps(contingency.OIGNominal()),
		contingency.WithRedemptionApproval(true),
		contingency.WithLocation(time.UTC),
		contingency.WithMaxRetries(3),
	}
	for i, a := range opts {
		for j, b := range opts {
			assert.NotPanics(t, func() { _ = a == b })
			if i != j {
				assert.NotEqual(t, a, b)
			}
		}
	}
	same := func(a, b contingency.Option) bool { return a == b }
	assert.True(t, same(contingency.WithRedemptionApproval(true), contingency.WithRedemptionApproval(true)))
	assert.True(t, same(contingency.WithLocation(time.UTC), contingency.WithLocation(time.UTC)))
}

func TestLedgerPostWritesChainedEntries(t *testing.T) {
	ctx := context.Background()
	l, store := lgNew(t)
	assert.Equal(t, lgP, l.Participant())
	at := lgT0.In(time.FixedZone("PST", -8*3600)) // stored in UTC whatever the zone given
	r := lgPost(t, l, "spec-1", lgHigginsLines(3, at)...)

	assert.False(t, r.Replayed)
	assert.Equal(t, contingency.Version(2), r.Version)
	require.Len(t, r.Entries, 2)
	assert.Equal(t, r.Entries[0], r.Entry)
	earn, bonus := r.Entries[0], r.Entries[1]
	assert.Equal(t, "spec-1", earn.IdempotencyKey)
	assert.Equal(t, "spec-1#2", bonus.IdempotencyKey)
	assert.Equal(t, contingency.KindEarn, earn.Kind)
	assert.Equal(t, contingency.KindBonus, bonus.Kind)
	assert.Equal(t, contingency.Version(1), earn.Seq)
	assert.Equal(t, contingency.Version(2), bonus.Seq)
	assert.Equal(t, contingency.EntrySchemaVersion, earn.SchemaVersion)
	assert.Equal(t, lgP, earn.Participant)
	assert.Equal(t, earn.InputHash, bonus.InputHash)
	assert.Len(t, earn.InputHash, 64)
	assert.Empty(t, earn.PrevHash)
	assert.Equal(t, earn.Hash, bonus.PrevHash)
	assert.Equal(t, contingency.HashEntry(earn), earn.Hash)
	assert.Equal(t, time.UTC, earn.EffectiveAt.Location())
	assert.True(t, earn.EffectiveAt.Equal(lgT0))
	assert.Equal(t, lgT0.Add(time.Second), earn.RecordedAt)
	assert.Equal(t, "staff-1", earn.Actor)
	assert.Equal(t, "visit-3", earn.Visit)
	lgMoney(t, "5.00", earn.Amount)
	lgMoney(t, "10.00", bonus.Amount)
	lgMoney(t, "5.00", earn.Award.Requested)
	assert.Empty(t, earn.Award.Caps)

	lgMoney(t, "15.00", l.Balance())
	lgMoney(t, "15.00", l.Available())
	lgMoney(t, "15.00", l.Earned())
	lgMoney(t, "0.00", l.Redeemed())
	lgMoney(t, "0.00", l.Held())
	lgMoney(t, "15.00", l.VisitNet("visit-3"))
	lgMoney(t, "0.00", l.VisitNet("nowhere"))
	assert.Len(t, l.VisitEntries("visit-3"), 2)
	assert.Nil(t, l.VisitEntries("nowhere"))
	got, ok := l.EntryByKey("spec-1#2")
	require.True(t, ok)
	assert.Equal(t, bonus.ID, got.ID)
	got, ok = l.EntryByID(earn.ID)
	require.True(t, ok)
	assert.Equal(t, "spec-1", got.IdempotencyKey)
	_, ok = l.EntryByKey("spec-2")
	assert.False(t, ok)
	_, ok = l.EntryByID(uuid.Nil)
	assert.False(t, ok)
	lgCheckTotals(t, l)

	// The store holds what the ledger holds, and a new ledger loads it.
	again := lgOpen(t, store)
	assert.Equal(t, lgState(t, l), lgState(t, again))
	_ = ctx
}

func TestLedgerReturnsCopies(t *testing.T) {
	l, _ := lgNew(t)
	prize := lgLine(contingency.KindPrize, 2100, lgT0, "v1")
	prize.Award = &contingency.AwardDetail{
		Schedule: contingency.SchedulePrizeBowl, Run: 1, Level: 1, Seed: 42,
		Slips: []contingency.Slip{{Tier: "good-job"}, {Tier: "small", Value: contingency.Cents(100)}, {Tier: "large", Value: contingency.Cents(2000)}},
	}
	r := lgPost(t, l, "spec-1", prize)
	before := lgState(t, l)
	prize.Award.Slips[0].Tier = "changed" // the caller's line
	r.Entry.Award.Slips[1].Tier = "changed"
	r.Entries[0].Award.Requested = contingency.Cents(1)
	for _, e := range [][]contingency.Entry{l.Entries(), l.VisitEntries("v1")} {
		e[0].Award.Slips[2].Value = contingency.Cents(1)
		e[0].Amount = contingency.Cents(1)
	}
	e, _ := l.EntryByKey("spec-1")
	e.Award.Caps = append(e.Award.Caps, "x")
	e, _ = l.EntryByID(r.Entry.ID)
	e.Award.Slips[0].Value = contingency.Cents(5)
	assert.Equal(t, before, lgState(t, l))
}

func TestLedgerIdempotency(t *testing.T) {
	ctx := context.Background()
	l, store := lgNew(t)
	first := lgPost(t, l, "spec-1", lgHigginsLines(3, lgT0)...)
	state, stored := lgState(t, l), lgStoreState(t, store)

	t.Run("I1: same key and input is a replay", func(t *testing.T) { // reference: I1
		again := lgPost(t, l, "spec-1", lgHigginsLines(3, lgT0.In(time.FixedZone("X", 3600)))...)
		assert.True(t, again.Replayed)
		assert.Equal(t, first.Version, again.Version)
		assert.Equal(t, first.Entries, again.Entries)
		assert.Equal(t, state, lgState(t, l))
		assert.Equal(t, stored, lgStoreState(t, store))
	})
	t.Run("same key with other input is a conflict", func(t *testing.T) {
		lines := lgHigginsLines(3, lgT0)
		lines[0].Amount = contingency.Cents(501)
		_, err := l.Post(ctx, contingency.Posting{Key: "spec-1", Actor: "staff-1", Lines: lines})
		require.ErrorIs(t, err, contingency.ErrIdempotencyConflict)
		var ice *contingency.IdempotencyConflictError
		require.ErrorAs(t, err, &ice)
		assert.Equal(t, "spec-1", ice.Key)
		assert.NotContains(t, err.Error(), "spec-1")
		var le *contingency.LedgerError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, "post", le.Op)
		assert.Equal(t, lgP, le.Participant)
		assert.Equal(t, state, lgState(t, l))
	})
	t.Run("a key of another kind of write is a conflict", func(t *testing.T) {
		_, err := l.Redeem(ctx, contingency.Redemption{
			Key: "spec-1", Amount: contingency.Cents(100), Instrument: contingency.InstrumentItem, Actor: "staff-1", EffectiveAt: lgT0,
		})
		require.ErrorIs(t, err, contingency.ErrIdempotencyConflict)
		_, err = l.Reverse(ctx, "spec-1", first.Entry.ID, "staff-1", "lab-correction", time.Time{})
		require.ErrorIs(t, err, contingency.ErrIdempotencyConflict)
		assert.Equal(t, state, lgState(t, l))
	})
	t.Run("a changed actor is another input", func(t *testing.T) {
		_, err := l.Post(ctx, contingency.Posting{Key: "spec-1", Actor: "staff-2", Lines: lgHigginsLines(3, lgT0)})
		require.ErrorIs(t, err, contingency.ErrIdempotencyConflict)
	})
	t.Run("requested equal to the amount is the same input", func(t *testing.T) {
		lines := lgHigginsLines(3, lgT0)
		lines[0].Award.Requested = lines[0].Amount
		again := lgPost(t, l, "spec-1", lines...)
		assert.True(t, again.Replayed)
	})
}

func TestPostingValidation(t *testing.T) {
	good := func() contingency.Line { return lgLine(contingency.KindEarn, 250, lgT0, "v1") }
	with := func(f func(*contingency.Line)) contingency.Line {
		ln := good()
		f(&ln)
		return ln
	}
	tests := []struct {
		name   string
		p      contingency.Posting
		fields []string
		rule   error
	}{
		{"empty posting", contingency.Posting{}, []string{"key", "actor", "lines"}, intervention.ErrMissing},
		{"key with #", contingency.Posting{Key: "a#2", Actor: "s", Lines: []contingency.Line{good()}}, []string{"key"}, contingency.ErrBadKey},
		{"key with control", contingency.Posting{Key: "a\nb", Actor: "s", Lines: []contingency.Line{good()}}, []string{"key"}, contingency.ErrBadKey},
		{"key too long", contingency.Posting{Key: string(make([]byte, 257)), Actor: "s", Lines: []contingency.Line{good()}}, []string{"key"}, contingency.ErrBadKey},
		{"actor not UTF-8", contingency.Posting{Key: "k", Actor: "\xff", Lines: []contingency.Line{good()}}, []string{"actor"}, contingency.ErrBadReference},
		{"too many lines", contingency.Posting{Key: "k", Actor: "s", Lines: make([]contingency.Line, 1001)}, nil, intervention.ErrOutOfRange},
		{"missing kind", lgPosting(with(func(l *contingency.Line) { l.Kind = "" })), []string{"lines[0].kind", "lines[0].award"}, intervention.ErrMissing},
		{"unknown kind", lgPosting(with(func(l *contingency.Line) { l.Kind = "gift" })), []string{"lines[0].kind", "lines[0].award"}, contingency.ErrUnknownEntryKind},
		{"redeem line", lgPosting(with(func(l *contingency.Line) { l.Kind = contingency.KindRedeem })), []string{"lines[0].kind", "lines[0].award"}, contingency.ErrKindNotPostable},
		{"negative earn", lgPosting(with(func(l *contingency.Line) { l.Amount = contingency.Cents(-1) })), []string{"lines[0].amount"}, intervention.ErrOutOfRange},
		{"three decimals", lgPosting(with(func(l *contingency.Line) { l.Amount = lgMoneyOf("2.505") })), []string{"lines[0].amount"}, contingency.ErrBadMoney},
		{"too large", lgPosting(with(func(l *contingency.Line) { l.Amount = contingency.Cents(100_000_001) })), []string{"lines[0].amount"}, intervention.ErrOutOfRange},
		{"missing instrument", lgPosting(with(func(l *contingency.Line) { l.Instrument = "" })), []string{"lines[0].instrument"}, intervention.ErrMissing},
		{"unknown instrument", lgPosting(with(func(l *contingency.Line) { l.Instrument = "bitcoin" })), []string{"lines[0].instrument"}, contingency.ErrUnknownInstrument},
		{"missing time", lgPosting(with(func(l *contingency.Line) { l.EffectiveAt = time.Time{} })), []string{"lines[0].effectiveAt"}, intervention.ErrMissing},
		{"time out of range", lgPosting(with(func(l *contingency.Line) { l.EffectiveAt = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) })), []string{"lines[0].effectiveAt"}, intervention.ErrOutOfRange},
		{"bad visit", lgPosting(with(func(l *contingency.Line) { l.Visit = "a\tb" })), []string{"lines[0].visit"}, contingency.ErrBadReference},
		{"bad funding source", lgPosting(with(func(l *contingency.Line) { l.FundingSource = "\u2028" })), []string{"lines[0].fundingSource"}, contingency.ErrBadReference},
		{"free-text reason", lgPosting(with(func(l *contingency.Line) { l.Reason = "patient was late" })), []string{"lines[0].reason"}, contingency.ErrBadCode},
		{"no award", lgPosting(with(func(l *contingency.Line) { l.Award = nil })), []string{"lines[0].award"}, intervention.ErrMissing},
		{"award on adjust", lgPosting(with(func(l *contingency.Line) { l.Kind, l.Reason = contingency.KindAdjust, "fix" })), []string{"lines[0].award"}, intervention.ErrInconsistent},
		{"adjust of zero", lgPosting(contingency.Line{Kind: contingency.KindAdjust, Instrument: contingency.InstrumentItem, EffectiveAt: lgT0, Reason: "fix"}), []string{"lines[0].amount"}, intervention.ErrOutOfRange},
		{"adjust without reason", lgPosting(contingency.Line{Kind: contingency.KindAdjust, Amount: contingency.Cents(1), Instrument: contingency.InstrumentItem, EffectiveAt: lgT0}), []string{"lines[0].reason"}, intervention.ErrMissing},
		{"expire of zero", lgPosting(contingency.Line{Kind: contingency.KindExpire, Instrument: contingency.InstrumentItem, EffectiveAt: lgT0, Reason: "x"}), []string{"lines[0].amount"}, intervention.ErrOutOfRange},
		{"award without schedule", lgPosting(with(func(l *contingency.Line) { l.Award.Schedule = "" })), []string{"lines[0].award.schedule"}, intervention.ErrMissing},
		{"award with unknown schedule", lgPosting(with(func(l *contingency.Line) { l.Award.Schedule = "x" })), []string{"lines[0].award.schedule"}, contingency.ErrUnknownScheduleKind},
		{"negative run and level", lgPosting(with(func(l *contingency.Line) { l.Award.Run, l.Award.Level = -1, -1 })), []string{"lines[0].award.run", "lines[0].award.level"}, intervention.ErrOutOfRange},
		{"requested differs", lgPosting(with(func(l *contingency.Line) { l.Award.Requested = contingency.Cents(1) })), []string{"lines[0].award.requested"}, intervention.ErrInconsistent},
		{"caps given", lgPosting(with(func(l *contingency.Line) { l.Award.Caps = []string{"x"} })), []string{"lines[0].award.caps"}, intervention.ErrInconsistent},
		{"slips on an earn", lgPosting(with(func(l *contingency.Line) {
			l.Award.Slips = []contingency.Slip{{Tier: "small", Value: contingency.Cents(250)}}
		})), []string{"lines[0].award.slips"}, intervention.ErrInconsistent},
		{"slips do not add up", lgPosting(with(func(l *contingency.Line) {
			l.Kind = contingency.KindPrize
			l.Award.Slips = []contingency.Slip{{Tier: "small", Value: contingency.Cents(100)}}
		})), []string{"lines[0].award.slips"}, intervention.ErrInconsistent},
		{"bad slips", lgPosting(with(func(l *contingency.Line) {
			l.Kind, l.Amount = contingency.KindPrize, contingency.Cents(0)
			l.Award.Slips = []contingency.Slip{{Tier: "", Value: contingency.Cents(-1)}, {Tier: "a b", Value: lgMoneyOf("0.001")}}
		})), []string{"lines[0].award.slips[0].tier", "lines[0].award.slips[0].value", "lines[0].award.slips[1].tier", "lines[0].award.slips[1].value"}, intervention.ErrInvalid},
		{"second line named", contingency.Posting{Key: "k", Actor: "s", Lines: []contingency.Line{good(), with(func(l *contingency.Line) { l.Amount = contingency.Cents(-5) })}}, []string{"lines[1].amount"}, intervention.ErrOutOfRange},
	}
	l, _ := lgNew(t)
	state := lgState(t, l)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, tc.rule)
			if tc.fields != nil {
				assert.Equal(t, tc.fields, lgFields(err))
			}
			_, perr := l.Post(context.Background(), tc.p)
			assert.Equal(t, err.Error(), perr.Error())
			assert.Equal(t, state, lgState(t, l))
		})
	}
	assert.NoError(t, lgPosting(good()).Validate())
}

// lgPosting wraps lines in a valid posting.
func lgPosting(lines ...contingency.Line) contingency.Posting {
	return contingency.Posting{Key: "k", Actor: "staff-1", Lines: lines}
}

// lgMoneyOf returns Money holding s exactly, even with more than two places.
func lgMoneyOf(s string) contingency.Money {
	d, err := decimal.NewFromString(s)
	if err != nil {
		panic(err)
	}
	return contingency.Money{Decimal: d}
}
