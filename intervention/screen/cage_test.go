package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestScoreCAGE(t *testing.T) {
	tests := []struct {
		name     string
		a        screen.CAGEAnswers
		score    int
		positive bool
	}{
		// reference: V40
		{"V40 C only negative", screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.No, Guilty: screen.No, EyeOpener: screen.No}, 1, false},
		// reference: V40
		{"V40 C and E positive", screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.No, Guilty: screen.No, EyeOpener: screen.Yes}, 2, true},
		{"all no", screen.CAGEAnswers{CutDown: screen.No, Annoyed: screen.No, Guilty: screen.No, EyeOpener: screen.No}, 0, false},
		{"all yes", screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.Yes, Guilty: screen.Yes, EyeOpener: screen.Yes}, 4, true},
	}
	for _, tc := range tests {
		for inst, score := range map[screen.Instrument]func(screen.CAGEAnswers, screen.CAGEOptions) (screen.CAGEResult, error){
			screen.InstrumentCAGE:    screen.ScoreCAGE,
			screen.InstrumentCAGEAID: screen.ScoreCAGEAID,
		} {
			t.Run(tc.name+" "+string(inst), func(t *testing.T) {
				r, err := score(tc.a, screen.CAGEOptions{})
				require.NoError(t, err)
				checkResult(t, r.Result)
				assert.Equal(t, inst, r.Instrument)
				assert.Equal(t, tc.score, r.Score)
				assert.Equal(t, tc.positive, r.Positive)
				assert.Equal(t, 4, r.MaxScore)
				assert.Empty(t, r.LOINC)
				assert.Equal(t, tc.a, r.Answers)
			})
		}
	}
}

func TestScoreCAGEErrorsAndMissing(t *testing.T) {
	_, err := screen.ScoreCAGE(screen.CAGEAnswers{CutDown: "y", EyeOpener: "1"}, screen.CAGEOptions{})
	requireField(t, err, "answers.cutDown", screen.ErrUnknownYesNo)
	requireField(t, err, "answers.eyeOpener", screen.ErrUnknownYesNo)
	_, err = screen.ScoreCAGE(screen.CAGEAnswers{}, screen.CAGEOptions{Threshold: 5})
	requireField(t, err, "options.threshold", screen.ErrCutoffs)
	a := screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.Yes}
	r, err := screen.ScoreCAGE(a, screen.CAGEOptions{})
	require.NoError(t, err)
	assert.False(t, r.Complete)
	assert.True(t, r.Positive)
	_, err = screen.ScoreCAGEAID(a, screen.CAGEOptions{Missing: screen.MissingReject})
	requireField(t, err, "answers.guilty", screen.ErrUnanswered)
	requireField(t, err, "answers.eyeOpener", screen.ErrUnanswered)
	_, err = screen.ScoreCAGEAID(a, screen.CAGEOptions{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
}
