package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// crafft builds CRAFFT answers from Part A days (skip for unanswered) and
// six Part B letters ('-' unanswered).
func crafft(t testing.TB, alc, mj, other int, partB string) screen.CRAFFTAnswers {
	t.Helper()
	b := yn(t, partB)
	require.Len(t, b, 6)
	days := func(n int) screen.Count {
		if n == skip {
			return screen.Count{}
		}
		return screen.CountOf(n)
	}
	return screen.CRAFFTAnswers{
		AlcoholDays: days(alc), MarijuanaDays: days(mj), OtherDays: days(other),
		Car: b[0], Relax: b[1], Alone: b[2], Forget: b[3], Family: b[4], Trouble: b[5],
	}
}

func TestScoreCRAFFTVectors(t *testing.T) {
	tests := []struct {
		name         string
		a            screen.CRAFFTAnswers
		score        int
		positive     bool
		anyUse       bool
		carFlag      bool
		mustNotAsk   bool
		wantComplete bool
	}{
		// reference: V27 — no use: only CAR is asked; the other five must not be.
		{"V27 no use, CAR yes", crafft(t, 0, 0, 0, "Y-----"), 1, false, false, true, true, true},
		// reference: V28
		{"V28 alcohol use, relax only", crafft(t, 5, 0, 0, "NYNNNN"), 1, false, true, false, false, true},
		// reference: V29
		{"V29 positive boundary", crafft(t, 0, 12, 0, "NYYNNN"), 2, true, true, false, false, true},
		// reference: V30
		{"V30 all six yes", crafft(t, 20, 3, 1, "YYYYYY"), 6, true, true, true, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := screen.ScoreCRAFFT(tc.a, screen.CRAFFTOptions{Missing: screen.MissingReject})
			require.NoError(t, err, "complete under the skip rule")
			checkResult(t, r.Result)
			assert.Equal(t, tc.score, r.Score)
			assert.Equal(t, tc.positive, r.Positive)
			assert.Equal(t, tc.anyUse, r.AnyUse)
			assert.Equal(t, tc.carFlag, r.Flags.Has(screen.FlagCRAFFTCar))
			assert.Equal(t, tc.wantComplete, r.Complete)
			assert.Equal(t, 2, r.Threshold)
			assert.Equal(t, "2.1", r.Version)
			assert.Empty(t, r.LOINC, "no LOINC code is confirmed for CRAFFT 2.1")
			if tc.positive {
				assert.Equal(t, screen.BandPositive, r.Band)
				assert.Equal(t, screen.ActionFurtherAssessment, r.Action)
			} else {
				assert.Equal(t, screen.BandNegative, r.Band)
				assert.Equal(t, screen.ActionNone, r.Action)
			}
		})
	}
}

func TestScoreCRAFFTBoundaryTable(t *testing.T) {
	// reference: instruments.md §3.1, §10 D17 — 0–1 negative, 2–6 positive.
	for score := 0; score <= 6; score++ {
		b := []byte("NNNNNN")
		for i := range score {
			b[i] = 'Y'
		}
		r, err := screen.ScoreCRAFFT(crafft(t, 1, 0, 0, string(b)), screen.CRAFFTOptions{})
		require.NoError(t, err)
		assert.Equal(t, score, r.Score)
		assert.Equal(t, score >= 2, r.Positive, "score %d", score)
	}
}

func TestScoreCRAFFTSkipLogic(t *testing.T) {
	t.Run("no use and a use item answered yes contradicts Part A", func(t *testing.T) {
		_, err := screen.ScoreCRAFFT(crafft(t, 0, 0, 0, "NY---Y"), screen.CRAFFTOptions{})
		requireField(t, err, "answers.relax", screen.ErrContradictsGate)
		requireField(t, err, "answers.trouble", screen.ErrContradictsGate)
	})
	t.Run("no use, the other items answered no are harmless", func(t *testing.T) {
		r, err := screen.ScoreCRAFFT(crafft(t, 0, 0, 0, "NNNNNN"), screen.CRAFFTOptions{})
		require.NoError(t, err)
		assert.Equal(t, 0, r.Score)
		assert.True(t, r.Complete)
	})
	t.Run("no use, CAR missing", func(t *testing.T) {
		r, err := screen.ScoreCRAFFT(crafft(t, 0, 0, 0, "------"), screen.CRAFFTOptions{})
		require.NoError(t, err)
		assert.False(t, r.Complete)
		_, err = screen.ScoreCRAFFT(crafft(t, 0, 0, 0, "------"), screen.CRAFFTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.car", screen.ErrUnanswered)
		assert.Len(t, intervention.FieldErrors(err), 1)
	})
	t.Run("use requires all six", func(t *testing.T) {
		_, err := screen.ScoreCRAFFT(crafft(t, 0, 0, 2, "YY----"), screen.CRAFFTOptions{Missing: screen.MissingReject})
		for _, k := range []string{"alone", "forget", "family", "trouble"} {
			requireField(t, err, "answers."+k, screen.ErrUnanswered)
		}
	})
	t.Run("Part A unfinished", func(t *testing.T) {
		a := crafft(t, skip, 0, 0, "YY----")
		use, none := a.Use()
		assert.False(t, use)
		assert.False(t, none)
		r, err := screen.ScoreCRAFFT(a, screen.CRAFFTOptions{})
		require.NoError(t, err)
		checkResult(t, r.Result)
		assert.False(t, r.Complete)
		assert.True(t, r.Positive, "two yes answers already reach the cut-off")
		_, err = screen.ScoreCRAFFT(a, screen.CRAFFTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.alcoholDays", screen.ErrUnanswered)
	})
}

func TestScoreCRAFFTErrors(t *testing.T) {
	a := crafft(t, 0, 367, 366, "NNNNNN")
	a.AlcoholDays = screen.CountOf(-1)
	a.Alone = "maybe"
	_, err := screen.ScoreCRAFFT(a, screen.CRAFFTOptions{})
	requireField(t, err, "answers.alcoholDays", screen.ErrCountOutOfRange)
	requireField(t, err, "answers.marijuanaDays", screen.ErrCountOutOfRange)
	requireField(t, err, "answers.alone", screen.ErrUnknownYesNo)
	assert.Len(t, intervention.FieldErrors(err), 3, "366 days is allowed")

	ok := crafft(t, 0, 0, 0, "N-----")
	for _, th := range []int{-1, 7} {
		_, err := screen.ScoreCRAFFT(ok, screen.CRAFFTOptions{Threshold: th})
		requireField(t, err, "options.threshold", screen.ErrCutoffs)
	}
	_, err = screen.ScoreCRAFFT(ok, screen.CRAFFTOptions{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
}

func TestScoreCRAFFTThreshold(t *testing.T) {
	// reference: V29 under a non-default cut-off.
	r, err := screen.ScoreCRAFFT(crafft(t, 0, 12, 0, "NYYNNN"), screen.CRAFFTOptions{Threshold: 3})
	require.NoError(t, err)
	assert.False(t, r.Positive)
	assert.Equal(t, 3, r.Threshold)
}
