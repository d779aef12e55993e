package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestScoreTAPS1(t *testing.T) {
	// reference: instruments.md §4.4 — any answer other than never is positive.
	for _, f := range screen.Frequencies() {
		a := screen.TAPS1Answers{Tobacco: screen.FrequencyNever, Alcohol: f, Illicit: screen.FrequencyNever, Prescription: screen.FrequencyNever}
		r, err := screen.ScoreTAPS1(a, screen.TAPS1Options{})
		require.NoError(t, err)
		checkResult(t, r.Result)
		pos := f != screen.FrequencyNever
		assert.Equal(t, pos, r.Positive, "%s", f)
		assert.Equal(t, pos, r.AlcoholPositive)
		assert.False(t, r.TobaccoPositive || r.IllicitPositive || r.PrescriptionPositive)
		if pos {
			assert.Equal(t, screen.ActionFurtherAssessment, r.Action)
			assert.Equal(t, 1, r.Score)
		} else {
			assert.Equal(t, screen.ActionNone, r.Action)
			assert.Equal(t, 0, r.Score)
		}
	}
	all := screen.TAPS1Answers{Tobacco: screen.FrequencyDaily, Alcohol: screen.FrequencyWeekly, Illicit: screen.FrequencyMonthly, Prescription: screen.FrequencyLessThanMonthly}
	r, err := screen.ScoreTAPS1(all, screen.TAPS1Options{})
	require.NoError(t, err)
	assert.Equal(t, 4, r.Score)
	assert.True(t, r.TobaccoPositive && r.AlcoholPositive && r.IllicitPositive && r.PrescriptionPositive)

	_, err = screen.ScoreTAPS1(screen.TAPS1Answers{Tobacco: "sometimes"}, screen.TAPS1Options{})
	requireField(t, err, "answers.tobacco", screen.ErrUnknownFrequency)
	_, err = screen.ScoreTAPS1(screen.TAPS1Answers{}, screen.TAPS1Options{Missing: screen.MissingReject})
	requireField(t, err, "answers.illicit", screen.ErrUnanswered)
	_, err = screen.ScoreTAPS1(screen.TAPS1Answers{}, screen.TAPS1Options{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
}
