package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// reference: V39
func TestScoreNIAAAV39(t *testing.T) {
	tests := []struct {
		name     string
		a        screen.NIAAAAnswers
		positive bool
		drinks   int
		loinc    string
		flag     bool
	}{
		{"male 0 times negative", screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(0)}, false, 5, "88037-7", false},
		{"male 1 time positive", screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(1)}, true, 5, "88037-7", false},
		{"female 1 time (4+ drinks) positive", screen.NIAAAAnswers{Sex: screen.SexFemale, Times: screen.CountOf(1)}, true, 4, "75889-6", false},
		{"female 0 times negative", screen.NIAAAAnswers{Sex: screen.SexFemale, Times: screen.CountOf(0)}, false, 4, "75889-6", false},
		{"male asked about 4+ (CDC/MITRE, over 65)", screen.NIAAAAnswers{Sex: screen.SexMale, Drinks: 4, Times: screen.CountOf(2)}, true, 4, "75889-6", false},
		{"sex not recorded takes 4+", screen.NIAAAAnswers{Times: screen.CountOf(1)}, true, 4, "75889-6", true},
		{"maximum", screen.NIAAAAnswers{Sex: screen.SexOther, Times: screen.CountOf(366)}, true, 4, "75889-6", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := screen.ScoreNIAAA(tc.a, screen.NIAAAOptions{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.positive, r.Positive)
			assert.Equal(t, tc.drinks, r.Drinks)
			assert.Equal(t, tc.loinc, r.LOINC)
			assert.Equal(t, tc.flag, r.Flags.Has(screen.FlagDefaultSexCutoff))
			n, _ := tc.a.Times.Value()
			assert.Equal(t, n, r.Score)
			if tc.positive {
				assert.Equal(t, screen.ActionFurtherAssessment, r.Action)
			} else {
				assert.Equal(t, screen.ActionNone, r.Action)
			}
		})
	}
}

func TestScoreNIAAAErrorsAndMissing(t *testing.T) {
	_, err := screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: screen.SexFemale, Drinks: 5, Times: screen.CountOf(1)}, screen.NIAAAOptions{})
	requireField(t, err, "answers.drinks", intervention.ErrInconsistent)
	_, err = screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: "f", Drinks: 6, Times: screen.CountOf(367)}, screen.NIAAAOptions{})
	requireField(t, err, "answers.sex", screen.ErrUnknownSex)
	requireField(t, err, "answers.drinks", intervention.ErrOutOfRange)
	requireField(t, err, "answers.times", screen.ErrCountOutOfRange)
	_, err = screen.ScoreNIAAA(screen.NIAAAAnswers{Times: screen.CountOf(-1)}, screen.NIAAAOptions{})
	requireField(t, err, "answers.times", screen.ErrCountOutOfRange)
	_, err = screen.ScoreNIAAA(screen.NIAAAAnswers{}, screen.NIAAAOptions{Threshold: 400})
	requireField(t, err, "options.threshold", screen.ErrCutoffs)

	r, err := screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: screen.SexMale}, screen.NIAAAOptions{})
	require.NoError(t, err)
	checkResult(t, r.Result)
	assert.False(t, r.Complete)
	_, err = screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: screen.SexMale}, screen.NIAAAOptions{Missing: screen.MissingReject})
	requireField(t, err, "answers.times", screen.ErrUnanswered)

	r, err = screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(2)}, screen.NIAAAOptions{Threshold: 3})
	require.NoError(t, err)
	assert.False(t, r.Positive)
}
