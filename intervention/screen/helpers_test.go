package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// skip marks an unanswered item in the score-vector helpers.
const skip = -1

// audit builds AUDIT answers from the item scores of the reference's vectors
// ([Q1..Q10] as scores; skip for unanswered). Q9/Q10 accept only 0, 2, 4.
func audit(t testing.TB, scores [10]int) screen.AUDITAnswers {
	t.Helper()
	var a screen.AUDITAnswers
	if scores[0] != skip {
		a.Q1 = screen.DrinkFrequencies()[scores[0]]
	}
	if scores[1] != skip {
		a.Q2 = screen.DrinkQuantities()[scores[1]]
	}
	for i, dst := range []*screen.Frequency{&a.Q3, &a.Q4, &a.Q5, &a.Q6, &a.Q7, &a.Q8} {
		if s := scores[i+2]; s != skip {
			*dst = screen.Frequencies()[s]
		}
	}
	for i, dst := range []*screen.YearRecency{&a.Q9, &a.Q10} {
		if s := scores[i+8]; s != skip {
			require.Equal(t, 0, s%2, "Q9/Q10 score must be 0, 2 or 4")
			*dst = screen.YearRecencies()[s/2]
		}
	}
	return a
}

// yn turns a "YNY…" string into yes/no answers; '-' is unanswered.
func yn(t testing.TB, s string) []screen.YesNo {
	t.Helper()
	out := make([]screen.YesNo, len(s))
	for i, c := range s {
		switch c {
		case 'Y':
			out[i] = screen.Yes
		case 'N':
			out[i] = screen.No
		case '-':
		default:
			t.Fatalf("bad answer %q", c)
		}
	}
	return out
}

// dast builds DAST-10 answers from ten raw Y/N letters.
func dast(t testing.TB, s string) screen.DAST10Answers {
	t.Helper()
	v := yn(t, s)
	require.Len(t, v, 10)
	return screen.DAST10Answers{Q1: v[0], Q2: v[1], Q3: v[2], Q4: v[3], Q5: v[4], Q6: v[5], Q7: v[6], Q8: v[7], Q9: v[8], Q10: v[9]}
}

// requireField asserts that err wraps intervention.ErrInvalid and rule and
// names path among its field errors.
func requireField(t testing.TB, err error, path string, rule error) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	require.ErrorIs(t, err, rule)
	var paths []string
	for _, fe := range intervention.FieldErrors(err) {
		paths = append(paths, fe.Field)
	}
	assert.Contains(t, paths, path)
}

// checkResult asserts the invariants every Result keeps.
func checkResult(t testing.TB, r screen.Result) {
	t.Helper()
	assert.True(t, r.Instrument.Valid(), "instrument %q", r.Instrument)
	assert.True(t, r.Band.Valid(), "band %q", r.Band)
	assert.True(t, r.Action.Valid(), "action %q", r.Action)
	assert.NotEmpty(t, r.Version)
	assert.NotEmpty(t, r.Rule)
	assert.GreaterOrEqual(t, r.Score, 0)
	assert.LessOrEqual(t, r.Score, r.MaxScore)
	assert.Equal(t, !r.Complete, r.Flags.Has(screen.FlagIncomplete))
	if r.Complete {
		assert.NotEqual(t, screen.BandIncomplete, r.Band)
	}
	if r.Band == screen.BandIncomplete {
		assert.Equal(t, screen.ActionCompleteScreening, r.Action)
	}
}
