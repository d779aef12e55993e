package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestScoreQuickScreen(t *testing.T) {
	tests := []struct {
		name                     string
		a                        screen.QuickScreenAnswers
		drinking, tobacco, drugs bool
		action                   screen.Action
	}{
		// reference: V41 — at-risk drinking; NM-ASSIST not triggered.
		{"V41 heavy drinking once or twice", screen.QuickScreenAnswers{Alcohol: once, Tobacco: never, Prescription: never, Illegal: never}, true, false, false, screen.ActionFurtherAssessment},
		{"all never", screen.QuickScreenAnswers{Alcohol: never, Tobacco: never, Prescription: never, Illegal: never}, false, false, false, screen.ActionReinforceAbstinence},
		{"tobacco only", screen.QuickScreenAnswers{Alcohol: never, Tobacco: daily, Prescription: never, Illegal: never}, false, true, false, screen.ActionSimpleAdvice},
		{"prescription misuse", screen.QuickScreenAnswers{Alcohol: never, Tobacco: never, Prescription: monthly, Illegal: never}, false, false, true, screen.ActionFurtherAssessment},
		{"illegal drugs and tobacco", screen.QuickScreenAnswers{Alcohol: never, Tobacco: weekly, Prescription: never, Illegal: once}, false, true, true, screen.ActionFurtherAssessment},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := screen.ScoreQuickScreen(tc.a, screen.QuickScreenOptions{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.drinking, r.AtRiskDrinking)
			assert.Equal(t, tc.tobacco, r.TobaccoUse)
			assert.Equal(t, tc.drugs, r.NMASSIST)
			assert.Equal(t, tc.action, r.Action)
			anyUse := tc.drinking || tc.tobacco || tc.drugs
			assert.Equal(t, anyUse, r.Positive)
			assert.Equal(t, anyUse, r.Band == screen.BandPositive)
		})
	}
	_, err := screen.ScoreQuickScreen(screen.QuickScreenAnswers{Illegal: "yes"}, screen.QuickScreenOptions{})
	requireField(t, err, "answers.illegal", screen.ErrUnknownUseFrequency)
	_, err = screen.ScoreQuickScreen(screen.QuickScreenAnswers{Alcohol: never}, screen.QuickScreenOptions{Missing: screen.MissingReject})
	requireField(t, err, "answers.tobacco", screen.ErrUnanswered)
	requireField(t, err, "answers.prescription", screen.ErrUnanswered)
	_, err = screen.ScoreQuickScreen(screen.QuickScreenAnswers{}, screen.QuickScreenOptions{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
	r, err := screen.ScoreQuickScreen(screen.QuickScreenAnswers{Illegal: weekly}, screen.QuickScreenOptions{})
	require.NoError(t, err)
	assert.True(t, r.NMASSIST, "routing uses the answers given")
	assert.True(t, r.Positive)
	assert.False(t, r.Complete)
}
