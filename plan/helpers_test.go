package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// doc returns p's JSON document, to compare before and after a call.
func doc(t testing.TB, p *plan.Plan) string {
	t.Helper()
	b, err := p.MarshalDocument()
	require.NoError(t, err)
	return string(b)
}

// paths returns the field paths of every FieldError in err.
func paths(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

// change returns change n by the author at at, reason update.
func change(n int, at time.Time) plan.Change { return plantest.Change(n, plan.ReasonUpdate, at) }

// underReview returns ValidPlan with a review begun on Day(30) (change 3).
func underReview(t testing.TB) *plan.Plan {
	t.Helper()
	p := plantest.ValidPlan(t)
	_, _, err := p.Transition(plantest.Change(3, plan.ReasonReview, plantest.Day(30)), plan.StatusUnderReview)
	require.NoError(t, err)
	return p
}

// check runs the default rules on p as of asOf.
func check(t testing.TB, p *plan.Plan, asOf time.Time) []intervention.Finding {
	t.Helper()
	return plantest.DefaultRules(t).Check(p, asOf)
}
