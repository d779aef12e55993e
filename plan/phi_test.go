package plan_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

const secret = "SECRET-PHI"

// secretPlan returns a plan whose every text field holds the secret.
func secretPlan(t *testing.T) *plan.Plan {
	t.Helper()
	s := intervention.NewText(secret)
	pr := plantest.Problem(1)
	pr.Statement, pr.Evidence = s, []plan.Evidence{{Text: s}}
	g := plantest.Goal(1, plantest.ProblemID(1))
	g.PatientWords, g.Clinical = s, s
	o := plantest.Objective(1, plantest.GoalID(1))
	o.Text, o.Target.Criterion = s, s
	l := plantest.LevelOfCare(1)
	l.Rationale = s
	p := plantest.ActivePlan(t, content(t, map[int]plan.Op{
		opProblem: plan.PutProblem(pr), opGoal: plan.PutGoal(g), opObjective: plan.PutObjective(o), opLevel: plan.SetLevelOfCare(l),
		opStrength:  plan.PutStrength(plan.Strength{ID: plantest.StrengthID(1), Text: s}),
		opDischarge: plan.PutDischargeCriterion(plan.DischargeCriterion{ID: plantest.DischargeID(1), Text: s, Discussed: plantest.Date(1)}),
	})...)
	_, _, err := p.Transition(plantest.Change(3, plan.ReasonReview, plantest.Day(30)), plan.StatusUnderReview)
	require.NoError(t, err)
	_, _, err = p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(30)), plan.Review{
		ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Justification: s,
		Progress: []plan.ObjectiveProgress{{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveInProgress, Note: s}},
	})
	require.NoError(t, err)
	return p
}

func TestNoPHIInOutput(t *testing.T) {
	p := secretPlan(t)
	lvl, _ := p.LevelOfCare()
	values := []any{
		p, p.Problems()[0], p.Goals()[0], p.Objectives()[0], p.Strengths()[0], p.DischargeCriteria()[0], lvl,
		p.Reviews()[0], p.Reviews()[0].Review, p.Reviews()[0].Progress[0], p.Objectives()[0].Target, intervention.NewText(secret),
		p.Problems()[0].Evidence[0],
	}
	for i, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, secret, "value %d with %s", i, verb)
			assert.NotContains(t, strings.ToUpper(out), fmt.Sprintf("%X", secret), "value %d with %s", i, verb)
		}
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("plan", "value", v)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("plan", "value", v)
		assert.NotContains(t, buf.String(), secret, "slog of value %d", i)
	}
	assert.Contains(t, p.String(), "status=active")
	assert.Contains(t, fmt.Sprintf("%#v", p), "plan.Plan{")
	assert.Equal(t, `"[redacted]"`, fmt.Sprintf("%q", intervention.NewText(secret)))
	assert.Equal(t, secret, intervention.NewText(secret).Reveal())
	assert.Equal(t, `intervention.Text{[redacted]}`, fmt.Sprintf("%#v", intervention.NewText(secret)))

	b, err := p.MarshalDocument()
	require.NoError(t, err)
	assert.Contains(t, string(b), secret, "the document holds the text")
	for _, r := range p.Revisions() {
		rb, err := wiretest.Marshal(r)
		require.NoError(t, err)
		assert.NotContains(t, string(rb), secret, "revisions hold no text")
	}
	for _, f := range check(t, p, plantest.Day(100)) {
		assert.NotContains(t, f.String(), secret)
	}
}

func TestNoPHIInErrors(t *testing.T) {
	p := plantest.DraftPlan(t)
	s := intervention.NewText(secret + strings.Repeat("x", plan.MaxTextBytes))
	_, _, err := p.Edit(change(5, plantest.Day(3)),
		plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: s}),
		plan.PutGoal(plan.Goal{ID: plantest.GoalID(2), Problem: plantest.ProblemID(9), PatientWords: intervention.NewText(secret)}))
	require.ErrorIs(t, err, plan.ErrBadText)
	assert.NotContains(t, err.Error(), secret)

	b := mutate(t, func(m map[string]any) { obj(m, "strengths", 0)["text"] = 7; m[secret] = secret })
	_, codec := goldenPlan(t)
	_, err = codec.Unmarshal(b)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.NotContains(t, err.Error(), "7")
	b = mutate(t, func(m map[string]any) { obj(m, "problems", 0)["status"] = secret })
	_, err = codec.Unmarshal(b)
	require.ErrorIs(t, err, plan.ErrUnknownProblemStatus)
	assert.NotContains(t, err.Error(), secret)
}
