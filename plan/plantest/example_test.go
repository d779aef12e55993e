package plantest_test

import (
	"fmt"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// twoStrengths is a host's rule: a plan records at least two strengths.
var twoStrengths = plan.NewRule("X-STRENGTHS-2", intervention.SeverityWarning, func(p *plan.Plan, _ time.Time) []intervention.Finding {
	if len(p.Strengths()) < 2 {
		return []intervention.Finding{{Path: "strengths", Message: "fewer than two strengths"}}
	}
	return nil
})

// A host unit-tests its own rule in a few lines: a valid draft fires it,
// one more strength silences it.
func Example() {
	var tb plantest.T = printT{} // in a test: the test's *testing.T

	p := plantest.DraftPlan(tb)
	f := plantest.RequireFinding(tb, plantest.Check(twoStrengths, p, plantest.AsOf()), "X-STRENGTHS-2", "strengths")
	fmt.Println(f)

	plantest.Edit(tb, p, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Works nights, free mornings")}))
	plantest.RequireNoFinding(tb, plantest.Check(twoStrengths, p, plantest.AsOf()), "X-STRENGTHS-2")
	fmt.Println("strengths:", len(p.Strengths()))
	// Output:
	// X-STRENGTHS-2 warning strengths: fewer than two strengths
	// strengths: 2
}

// printT prints what a failing assertion would report.
type printT struct{}

func (printT) Helper()                           {}
func (printT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (printT) FailNow()                          {}
