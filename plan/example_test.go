package plan_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// A one-problem plan from draft to active: content in one change, the
// signatures, activation, a session linked to the objective it served, and
// the default rules and due list.
func Example() {
	id := func(n byte) uuid.UUID { return uuid.UUID{15: n} }
	admitted := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	patient, author, clinician := id(1), id(2), id(3)
	p, err := plan.New(plan.Config{ID: id(10), Patient: patient, Jurisdiction: "US-MN", Setting: "outpatient", Admitted: admitted})
	if err != nil {
		fmt.Println(err)
		return
	}
	mi, err := motivation.New(motivation.Config{ID: id(20), Patient: patient, Target: "alcohol-use"})
	if err != nil {
		fmt.Println(err)
		return
	}
	day, _ := intervention.DateOf(admitted, time.UTC)
	rev, _, err := p.Edit(plan.Change{ID: id(30), By: author, At: admitted.Add(2 * time.Hour), Reason: plan.ReasonInitial},
		plan.AttachComponent(mi),
		plan.PutProblem(plan.Problem{ID: id(40), Statement: intervention.NewText("Daily drinking"), Diagnoses: []plan.DiagnosisCode{"F10.20"},
			Evidence: []plan.Evidence{{Source: "audit", Ref: id(99)}}}),
		plan.PutGoal(plan.Goal{ID: id(41), Problem: id(40), PatientWords: intervention.NewText("I want to keep my job"), Clinical: intervention.NewText("Abstinence from alcohol")}),
		plan.PutObjective(plan.Objective{ID: id(42), Goal: id(41), Text: intervention.NewText("Attend weekly MI sessions"), Measure: "sessions-attended",
			Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(8), Unit: "sessions"}, Due: day.AddDays(60)}),
		plan.PutIntervention(plan.Intervention{ID: id(43), Objectives: []uuid.UUID{id(42)}, Modality: mi.Modality(), Component: mi.ID(),
			Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 50}, Responsible: []uuid.UUID{clinician}}),
		plan.PutStrength(plan.Strength{ID: id(44), Text: intervention.NewText("Supportive partner")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: id(45), Text: intervention.NewText("Eight sessions attended"), Discussed: day}),
		plan.PutParticipation(plan.Participation{ID: id(46), Person: patient, Role: intervention.RolePatient, On: day}),
		plan.SetLevelOfCare(plan.LevelOfCare{ID: id(47), Edition: plan.ASAMThird, Level: "1", Dimensions: plantest.Ratings(0, 0, 1, 2, 2, 1),
			Driving: []int{4, 5}, Rationale: intervention.NewText("Ambivalent, relapse risk moderate"), AssessedOn: day, Assessor: author}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("revision", rev.Seq, rev.Reason, "added", len(rev.Added), "elements")
	for _, s := range []plan.Signature{
		{ID: id(50), Revision: rev.ID, Role: plan.SignerAuthor, Signer: author, Credential: "LADC", Qualified: true, SignedAt: admitted.Add(3 * time.Hour)},
		{ID: id(51), Revision: rev.ID, Role: plan.SignerPatient, Signer: patient, SignedAt: admitted.Add(3 * time.Hour)},
	} {
		if _, err := p.Sign(s); err != nil {
			fmt.Println(err)
			return
		}
	}
	if _, _, err := p.Transition(plan.Change{ID: id(31), By: author, At: admitted.Add(4 * time.Hour), Reason: plan.ReasonActivation}, plan.StatusActive); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := p.LinkSession(plan.SessionLink{ID: id(60), Component: mi.ID(), Modality: mi.Modality(), Start: admitted.AddDate(0, 0, 7),
		Minutes: 50, Billable: true, Addresses: []uuid.UUID{id(42), id(43)}}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)

	rules, err := plan.DefaultRules(plan.RulesConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	asOf := admitted.AddDate(0, 0, 40)
	for _, f := range rules.Check(p, asOf) {
		fmt.Println(f)
	}
	for _, d := range p.Due(asOf, plan.SeedTimingTable()) {
		fmt.Println(d.Code, d.By, "overdue:", d.Overdue)
	}
	// Output:
	// revision 1 initial added 9 elements
	// Plan{id=00000000-0000-0000-0000-00000000000a status=active problems=1 goals=1 objectives=1 interventions=1 components=1 revisions=2 reviews=0 signatures=2 sessions=1}
	// P-DUE-REVIEW-1 error reviews: plan review is overdue
	// plan.review 2025-02-05 overdue: true
	// plan.objective 2025-03-07 overdue: false
}

// An active plan changes only through a review; an illegal move is an
// error and changes nothing.
func ExamplePlan_Transition() {
	t := exampleT{}
	p := plantest.ValidPlan(t)
	_, _, err := p.Edit(plantest.Change(3, plan.ReasonUpdate, plantest.Day(20)), plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Employed")}))
	fmt.Println(errors.Is(err, plan.ErrStatus), err)

	_, _, err = p.Transition(plantest.Change(3, plan.ReasonUpdate, plantest.Day(20)), plan.StatusDraft)
	fmt.Println(errors.Is(err, plan.ErrIllegalTransition), p.Status())

	plantest.Review(t, p, plantest.Day(30), 1, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Employed")}))
	r := p.Reviews()[0]
	fmt.Println(p.Status(), r.Outcome, len(r.Changed), "elements changed in the review")
	// Output:
	// true invalid ops[0]: plan: not allowed in the plan's status: inconsistent: invalid
	// true active
	// active continue 2 elements changed in the review
}

// Rule sets compose: drop a rule, re-grade another, add the host's own.
func ExampleRuleSet() {
	rules, _ := plan.DefaultRules(plan.RulesConfig{})
	rules = rules.Without(plan.RuleStrengths)
	rules, _ = rules.WithSeverity(plan.RuleDischarge, intervention.SeverityWarning)
	rules = rules.With(plan.NewRule("X-TWO-GOALS", intervention.SeverityInfo, func(p *plan.Plan, _ time.Time) []intervention.Finding {
		if len(p.Goals()) < 2 {
			return []intervention.Finding{{Path: "goals", Message: "fewer than two goals"}}
		}
		return nil
	}))
	p := plantest.ActivePlan(exampleT{}, plantest.ContentOps(plantest.MIComponent(exampleT{}, plantest.ComponentID(1)))[:5]...)
	for _, f := range rules.Check(p, plantest.AsOf()) {
		fmt.Println(f)
	}
	// Output:
	// P-ASAM-1 error levelsOfCare: no level of care is recorded
	// P-PARTIC-1 error participation: no record of the patient's participation
	// P-DISCHARGE-1 warning dischargeCriteria: plan has no discharge criteria
	// X-TWO-GOALS info goals: fewer than two goals
}

// P-SCRIPT-1 compares goals and objectives with a corpus of template and
// other patients' texts, kept as hashes.
func ExampleScriptedTextRule() {
	corpus := plan.NewTextSet("In my own words, goal 1", "Maintain sobriety")
	rule := plan.ScriptedTextRule(corpus)
	for _, f := range rule.Check(plantest.ValidPlan(exampleT{}), plantest.AsOf()) {
		fmt.Println(f)
	}
	// Output:
	// P-SCRIPT-1 warning goals[0].patientWords: goal wording matches a template or another plan
}

// Contingency-management programmes write themselves but are read against
// the host's ledger, so the host registers a decoder closure over it.
func ExampleWithComponentCodec() {
	t := exampleT{}
	cm := plantest.CMProgram(t, plantest.ComponentID(2), 4, 3)
	p := plantest.ActivePlan(t, append(plantest.ContentOps(plantest.MIComponent(t, plantest.ComponentID(1))), plan.AttachComponent(cm))...)

	ledger := cm.Ledger() // the host loads the patient's ledger from its Store
	codec, err := plan.NewCodec(plan.WithComponentCodec(intervention.ModalityContingencyManagement, plan.ComponentCodec{
		Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return contingency.DecodeProgram(context.Background(), doc, ledger)
		},
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := codec.Marshal(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := codec.Unmarshal(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	again, _ := codec.Marshal(back)
	fmt.Println(len(back.Components()), "components; identical:", string(doc) == string(again))

	_, err = (*plan.Codec)(nil).Unmarshal(doc)
	fmt.Println(err)
	// Output:
	// 2 components; identical: true
	// invalid components[1].modality: plan: no codec for the component's modality: unknown value: invalid
}

// Plan text is PHI: it prints redacted everywhere but in the document.
func ExampleText() {
	g := plan.Goal{ID: uuid.UUID{15: 1}, PatientWords: intervention.NewText("I want my kids back")}
	fmt.Printf("%v\n", g.PatientWords)
	fmt.Printf("%+v\n", g)
	fmt.Println(g.PatientWords.Reveal())
	// Output:
	// [redacted]
	// {ID:00000000-0000-0000-0000-000000000001 Problem:00000000-0000-0000-0000-000000000000 PatientWords:[redacted] Clinical:[redacted] Term: Status:}
	// I want my kids back
}

// exampleT stands in for *testing.T in examples: it prints failures.
type exampleT struct{}

func (exampleT) Helper()                           {}
func (exampleT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (exampleT) FailNow()                          {}
