package contingency_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestEntryKindText(t *testing.T) {
	want := []string{"earn", "bonus", "prize", "redeem", "reverse", "adjust", "expire"}
	var got []string
	for _, k := range contingency.EntryKinds() {
		got = append(got, k.String())
		b, err := k.MarshalText()
		require.NoError(t, err)
		back, err := contingency.ParseEntryKind(string(b))
		require.NoError(t, err)
		assert.Equal(t, k, back)
	}
	assert.Equal(t, want, got)
	for _, bad := range []string{"", "Earn", "earn ", "draw", "pending"} {
		_, err := contingency.ParseEntryKind(bad)
		require.ErrorIs(t, err, contingency.ErrUnknownEntryKind, bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
	}
	_, err := contingency.EntryKind("gift").MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownEntryKind)
	k := contingency.KindBonus
	require.Error(t, k.UnmarshalText([]byte("gift")))
	assert.Equal(t, contingency.KindBonus, k, "unchanged on error")
	require.NoError(t, k.UnmarshalText([]byte("expire")))
	assert.Equal(t, contingency.KindExpire, k)
}

func TestEntryKindIsAward(t *testing.T) {
	awards := map[contingency.EntryKind]bool{contingency.KindEarn: true, contingency.KindBonus: true, contingency.KindPrize: true}
	for _, k := range contingency.EntryKinds() {
		assert.Equal(t, awards[k], k.IsAward(), k)
	}
	assert.False(t, contingency.EntryKind("x").IsAward())
}

func TestEntryStatusText(t *testing.T) {
	tests := []struct {
		s    contingency.EntryStatus
		text string
	}{{contingency.StatusPosted, "posted"}, {contingency.StatusPending, "pending"}, {contingency.StatusVoided, "voided"}}
	require.Len(t, contingency.EntryStatuses(), len(tests))
	for i, tc := range tests {
		assert.Equal(t, tc.s, contingency.EntryStatuses()[i])
		assert.Equal(t, tc.text, tc.s.String())
		b, err := tc.s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tc.text, string(b))
		back, err := contingency.ParseEntryStatus(tc.text)
		require.NoError(t, err)
		assert.Equal(t, tc.s, back)
	}
	var zero contingency.EntryStatus
	assert.Equal(t, contingency.StatusPosted, zero, "the zero status is posted")
	bad := contingency.EntryStatus(3)
	assert.False(t, bad.Valid())
	assert.Equal(t, "EntryStatus(3)", bad.String())
	_, err := bad.MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownEntryStatus)
	s := contingency.StatusVoided
	require.ErrorIs(t, s.UnmarshalText([]byte("")), intervention.ErrInvalid)
	assert.Equal(t, contingency.StatusVoided, s, "unchanged on error")

	// The zero status is left out of an entry's JSON.
	b, err := json.Marshal(contingency.Entry{Kind: contingency.KindEarn, Instrument: contingency.InstrumentItem})
	require.NoError(t, err)
	assert.NotContains(t, string(b), "status")
	b, err = json.Marshal(contingency.Entry{Kind: contingency.KindRedeem, Instrument: contingency.InstrumentItem, Status: contingency.StatusPending})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"status":"pending"`)
}

func TestInstrumentText(t *testing.T) {
	want := []string{"cash", "cash-equivalent", "in-kind-card", "item", "privilege"} // reference: contingency.md §4
	var got []string
	for _, in := range contingency.Instruments() {
		got = append(got, in.String())
		b, err := in.MarshalText()
		require.NoError(t, err)
		back, err := contingency.ParseInstrument(string(b))
		require.NoError(t, err)
		assert.Equal(t, in, back)
	}
	assert.Equal(t, want, got)
	_, err := contingency.ParseInstrument("gift-card")
	require.ErrorIs(t, err, contingency.ErrUnknownInstrument)
	_, err = contingency.Instrument("").MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownInstrument)
	in := contingency.InstrumentItem
	require.Error(t, in.UnmarshalText([]byte("CASH")))
	assert.Equal(t, contingency.InstrumentItem, in)
}

func FuzzParseLedgerEnums(f *testing.F) {
	for _, s := range []string{"earn", "cash-equivalent", "pending", "trim", "rolling-days", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k, err := contingency.ParseEntryKind(s); err == nil {
			require.Equal(t, s, k.String())
			require.True(t, k.Valid())
		}
		if in, err := contingency.ParseInstrument(s); err == nil {
			require.Equal(t, s, in.String())
		}
		if st, err := contingency.ParseEntryStatus(s); err == nil {
			require.Equal(t, s, st.String())
		}
		if p, err := contingency.ParseCapPolicy(s); err == nil {
			require.Equal(t, s, p.String())
		}
		if w, err := contingency.ParseWindowKind(s); err == nil {
			require.Equal(t, s, w.String())
		}
	})
}
