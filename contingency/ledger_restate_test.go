package contingency_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgRestate returns a restate line of visit's kind k at total cents.
func lgRestate(k contingency.EntryKind, cents int64, visit string) contingency.Line {
	ln := lgLine(k, cents, lgT0, visit)
	ln.Restate = true
	return ln
}

func TestLedgerRestateByNetChange(t *testing.T) {
	ctx := context.Background()
	l, _ := lgNew(t)
	first := lgPost(t, l, "v1-a", lgRestate(contingency.KindEarn, 500, "v1"))
	require.Len(t, first.Entries, 1)
	lgMoney(t, "5.00", first.Entry.Amount, "a first restatement is a plain award")
	assert.Equal(t, uuid.Nil, first.Entry.Corrects)

	rise := lgPost(t, l, "v1-b", lgRestate(contingency.KindEarn, 800, "v1"))
	require.Len(t, rise.Entries, 1)
	lgMoney(t, "3.00", rise.Entry.Amount, "only the rise is paid")
	lgMoney(t, "8.00", rise.Entry.Award.Requested, "the visit's whole request")
	assert.Equal(t, first.Entry.ID, rise.Entry.Corrects, "linked to the award it raises")

	fall := lgPost(t, l, "v1-c", lgRestate(contingency.KindEarn, 400, "v1"))
	require.Len(t, fall.Entries, 2, "the latest award is taken back first, then the one before")
	assert.Equal(t, rise.Entry.ID, fall.Entries[0].Corrects)
	lgMoney(t, "-3.00", fall.Entries[0].Amount)
	assert.Equal(t, first.Entry.ID, fall.Entries[1].Corrects)
	lgMoney(t, "-1.00", fall.Entries[1].Amount)
	assert.Equal(t, contingency.ReasonRestated, fall.Entries[0].Reason)
	lgMoney(t, "4.00", l.VisitNet("v1"))

	same, err := l.Post(ctx, lgPostingKey("v1-d", lgRestate(contingency.KindEarn, 400, "v1")))
	require.NoError(t, err)
	assert.Empty(t, same.Entries, "an unchanged payout and request post nothing")
	assert.Equal(t, l.Version(), same.Version)

	// The first award has 4.00 left: a later fall takes it partly, and a
	// plain reverse line may take part of what is left, but no more.
	part := contingency.Line{Kind: contingency.KindReverse, Corrects: first.Entry.ID, Amount: contingency.Cents(150), Reason: "fix"}
	r := lgPost(t, l, "part", part)
	lgMoney(t, "-1.50", r.Entry.Amount)
	part.Amount = contingency.Cents(300)
	_, err = l.Post(ctx, lgPostingKey("too-much", part))
	require.ErrorIs(t, err, contingency.ErrReversalExceedsAward)
	rev, err := l.Reverse(ctx, "rest", first.Entry.ID, "staff", "fix", lgT0)
	require.NoError(t, err)
	lgMoney(t, "-2.50", rev.Entry.Amount, "Reverse takes what is left")
	_, err = l.Reverse(ctx, "again", first.Entry.ID, "staff", "fix", lgT0)
	require.ErrorIs(t, err, contingency.ErrAlreadyReversed)
	lgMoney(t, "0.00", l.VisitNet("v1"))
	lgCheckTotals(t, l)
}

func TestLedgerRestatePricesVisitsAfreshUnderCaps(t *testing.T) {
	// A $10.00 cap; visits paid 5.00, 2.00 and 3.00 (8.00 asked, trimmed).
	// Restated to 5.00, 5.00 and 1.00 in one posting, they must pay what
	// posting them in that order from the start pays — 5.00, 5.00, 0.00 —
	// not 5.00, 4.00, 1.00, which pricing each visit against the room the
	// later ones still hold would give.
	c := contingency.Cap{Name: "small", PerWindow: contingency.Cents(1000), Window: contingency.CalendarYear()}
	l, _ := lgNew(t, contingency.WithCaps(c))
	lgPost(t, l, "a", lgRestate(contingency.KindEarn, 500, "v1"), lgRestate(contingency.KindEarn, 200, "v2"),
		lgRestate(contingency.KindEarn, 800, "v3"))
	lgMoney(t, "3.00", l.VisitNet("v3"))
	r := lgPost(t, l, "b", lgRestate(contingency.KindEarn, 500, "v1"), lgRestate(contingency.KindEarn, 500, "v2"),
		lgRestate(contingency.KindEarn, 100, "v3"))
	lgMoney(t, "5.00", l.VisitNet("v1"))
	lgMoney(t, "5.00", l.VisitNet("v2"))
	lgMoney(t, "0.00", l.VisitNet("v3"))
	var caps []string
	for _, e := range r.Entries {
		if e.Visit == "v3" {
			assert.Equal(t, contingency.KindReverse, e.Kind)
			caps = e.Award.Caps
			lgMoney(t, "1.00", e.Award.Requested, "the reversal explains the visit's new request")
		}
	}
	assert.Equal(t, []string{"small"}, caps, "and the cap that left it at $0.00")
	lgCheckTotals(t, l)
}

func TestLedgerRestateValidation(t *testing.T) {
	noVisit := lgRestate(contingency.KindEarn, 100, "")
	withCorrects := lgRestate(contingency.KindEarn, 100, "v1")
	withCorrects.Corrects = uuid.UUID{1}
	adjust := contingency.Line{Kind: contingency.KindAdjust, Amount: contingency.Cents(100), Instrument: contingency.InstrumentItem,
		EffectiveAt: lgT0, Reason: "goodwill", Restate: true}
	for _, tc := range []struct {
		name  string
		lines []contingency.Line
		field string
		rule  error
	}{
		{"no visit", []contingency.Line{noVisit}, "lines[0].visit", intervention.ErrMissing},
		{"corrects", []contingency.Line{withCorrects}, "lines[0].corrects", intervention.ErrInconsistent},
		{"not an award", []contingency.Line{adjust}, "lines[0].restate", intervention.ErrInconsistent},
		{"twice", []contingency.Line{lgRestate(contingency.KindEarn, 1, "v1"), lgRestate(contingency.KindEarn, 2, "v1")}, "lines[1].visit", contingency.ErrRestatedTwice},
		{"beside a plain line", []contingency.Line{lgLine(contingency.KindEarn, 1, lgT0, "v1"), lgRestate(contingency.KindEarn, 2, "v1")}, "lines[1].visit", contingency.ErrRestatedTwice},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := lgPosting(tc.lines...).Validate()
			require.ErrorIs(t, err, tc.rule)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Contains(t, lgFields(err), tc.field)
		})
	}
	assert.NoError(t, lgPosting(lgRestate(contingency.KindEarn, 1, "v1"), lgRestate(contingency.KindBonus, 2, "v1")).Validate(),
		"a visit's voucher and bonus are restated side by side")
}

// textRoundTrip checks that every value of an enum encodes to its String
// and decodes back.
func textRoundTrip[T interface {
	~string
	MarshalText() ([]byte, error)
	String() string
}, P interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, values []T) {
	t.Helper()
	for _, v := range values {
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back T
		require.NoError(t, P(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
		assert.Equal(t, string(b), v.String())
	}
}

func TestRefusalScopeAndRecollectionText(t *testing.T) {
	textRoundTrip[contingency.RefusalScope](t, contingency.RefusalScopes())
	textRoundTrip[contingency.RecollectionPolicy](t, contingency.RecollectionPolicies())
	_, err := contingency.RefusalScope("all").MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownRefusalScope)
	_, err = contingency.ParseRecollectionPolicy("best")
	require.ErrorIs(t, err, contingency.ErrUnknownRecollectionPolicy)
	cfg := contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1)
	cfg.Recollection = "best"
	require.ErrorIs(t, cfg.Validate(), contingency.ErrUnknownRecollectionPolicy)
}

func TestLedgerRestateValidationOfLongPostings(t *testing.T) {
	lines := make([]contingency.Line, 0, 40)
	for i := range 39 {
		lines = append(lines, lgRestate(contingency.KindEarn, 1, "v"+strconv.Itoa(i)))
	}
	require.NoError(t, lgPosting(lines...).Validate(), "39 visits restated once each")
	lines = append(lines, lgLine(contingency.KindEarn, 1, lgT0, "v7"))
	err := lgPosting(lines...).Validate()
	require.ErrorIs(t, err, contingency.ErrRestatedTwice)
	assert.Equal(t, []string{"lines[39].visit"}, lgFields(err))
}
