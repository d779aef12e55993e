// Package plantest helps hosts unit-test their own treatment-plan rules
// (as net/http/httptest helps test handlers): fixed IDs and times, builders
// of valid plans and components, and assertions on findings.
//
//	func TestTwoStrengths(t *testing.T) {
//		p := plantest.DraftPlan(t) // complete content, passes the content rules
//		plantest.RequireFinding(t, plantest.Check(myRule, p, plantest.AsOf()), "X-STRENGTHS-2", "strengths")
//		plantest.Edit(t, p, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Works nights")}))
//		plantest.RequireNoFinding(t, plantest.Check(myRule, p, plantest.AsOf()), "X-STRENGTHS-2")
//	}
//
// ValidPlan is an active plan that passes every rule of plan.DefaultRules
// as of AsOf; tests change one thing and assert the finding it causes.
// Component is a host-defined component with canned progress and
// findings, and ComponentCodec its codec, for testing C-COMPONENTS and
// custom modalities. RealisticPlan builds a year-long plan for benchmarks.
package plantest
