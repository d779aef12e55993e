package screen_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestLOINCCodesPinned(t *testing.T) {
	// reference: instruments.md §1.5, §10 D16 — never swapped, never reused.
	assert.Equal(t, "75624-7", screen.LOINCAUDITTotal)
	assert.Equal(t, "75626-2", screen.LOINCAUDITCTotal)
	assert.Equal(t, "72109-2", screen.LOINCAUDITCPanel)
	assert.Equal(t, "82667-7", screen.LOINCDAST10Total)
	assert.Equal(t, "88037-7", screen.LOINCHeavyDrinkingDays5)
	assert.Equal(t, "75889-6", screen.LOINCHeavyDrinkingDays4)
}

func TestFlagSet(t *testing.T) {
	var s screen.FlagSet
	assert.Zero(t, s.Len())
	assert.Empty(t, s.String())
	s = s.With(screen.FlagCRAFFTCar).With(screen.FlagIncomplete).With("bogus")
	assert.Equal(t, 2, s.Len())
	assert.True(t, s.Has(screen.FlagIncomplete))
	assert.False(t, s.Has(screen.FlagAUDITCAllQ1))
	assert.False(t, s.Has("bogus"))
	assert.Equal(t, []screen.Flag{screen.FlagIncomplete, screen.FlagCRAFFTCar}, s.List(), "Flags() order")
	assert.Equal(t, "incomplete,crafft-car", s.String())

	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `["incomplete","crafft-car"]`, string(b))
	var back screen.FlagSet
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)
	require.NoError(t, json.Unmarshal([]byte(`null`), &back))
	assert.Zero(t, back)

	for _, bad := range []string{`["nope"]`, `"incomplete"`, `[1]`} {
		dst := s
		err := json.Unmarshal([]byte(bad), &dst)
		require.ErrorIs(t, err, intervention.ErrInvalid, bad)
		assert.Equal(t, s, dst, "unchanged on error")
	}
	every := screen.FlagSet(0)
	for _, f := range screen.Flags() {
		every = every.With(f)
	}
	assert.Equal(t, len(screen.Flags()), every.Len())
	assert.Equal(t, len(screen.Flags()), (every | 1<<31).Len(), "unknown bits are not counted")
}

func TestCount(t *testing.T) {
	var c screen.Count
	assert.False(t, c.Answered())
	assert.True(t, c.IsZero())
	assert.Equal(t, "unanswered", c.String())
	n, ok := c.Value()
	assert.Zero(t, n)
	assert.False(t, ok)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))

	c = screen.CountOf(0)
	assert.True(t, c.Answered())
	assert.False(t, c.IsZero(), "an answered 0 is not unanswered")
	assert.Equal(t, "0", c.String())
	b, err = json.Marshal(screen.CountOf(12))
	require.NoError(t, err)
	assert.Equal(t, "12", string(b))

	tests := []struct {
		in   string
		want screen.Count
		ok   bool
	}{
		{"0", screen.CountOf(0), true},
		{"12", screen.CountOf(12), true},
		{"-3", screen.CountOf(-3), true},
		{" 7 ", screen.CountOf(7), true},
		{"null", screen.Count{}, true},
		{"1.0", screen.Count{}, false},
		{"1e2", screen.Count{}, false},
		{"012", screen.Count{}, false},
		{`"5"`, screen.Count{}, false},
		{"-", screen.Count{}, false},
		{"+5", screen.Count{}, false},
		{"9999999999", screen.Count{}, false},
		{"true", screen.Count{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			dst := screen.CountOf(99)
			err := dst.UnmarshalJSON([]byte(tc.in))
			if !tc.ok {
				require.ErrorIs(t, err, screen.ErrMalformedJSON)
				assert.Equal(t, screen.CountOf(99), dst)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, dst)
		})
	}
}

func TestResultSummary(t *testing.T) {
	r := screen.Result{Instrument: screen.InstrumentCAGE, Score: 2}
	assert.Equal(t, r, r.Summary())
	var s screen.Scored = screen.CAGEResult{Result: r}
	assert.Equal(t, r, s.Summary())
}
