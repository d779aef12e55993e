package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// A first treatment plan: one MI component, one problem → goal → objective
// → intervention, signed by its author and activated. The default rules
// then say what the plan still lacks.
//
// The body of this function is README.md's "Quickstart code" snippet, and
// TestReadmeSnippet fails when the two differ: edit both together.
func Example_plan() {
	id := func(n byte) uuid.UUID { return uuid.UUID{15: n} } // your own stable IDs
	patient, counsellor := id(1), id(2)
	admitted := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	day, _ := intervention.DateOf(admitted, time.UTC)
	mi, err := motivation.New(motivation.Config{ID: id(3), Patient: patient, Target: "alcohol-use"})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := plan.New(plan.Config{ID: id(4), Patient: patient, Jurisdiction: "US-MN", Setting: "outpatient",
		Admitted: admitted})
	if err != nil {
		fmt.Println(err)
		return
	}
	eight := plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(8), Unit: "sessions"}
	rev, _, err := p.Edit(plan.Change{ID: id(5), By: counsellor, At: admitted, Reason: plan.ReasonInitial},
		plan.AttachComponent(mi),
		plan.PutProblem(plan.Problem{ID: id(10), Statement: intervention.NewText("Daily drinking"), Diagnoses: []plan.DiagnosisCode{"F10.20"}}),
		plan.PutGoal(plan.Goal{ID: id(11), Problem: id(10), PatientWords: intervention.NewText("I want to keep my job")}),
		plan.PutObjective(plan.Objective{ID: id(12), Goal: id(11), Text: intervention.NewText("Attend eight MI sessions"),
			Measure: motivation.MeasureSessionsAttended, Target: eight, Due: day.AddDays(60)}),
		plan.PutIntervention(plan.Intervention{ID: id(13), Objectives: []uuid.UUID{id(12)}, Modality: mi.Modality(),
			Component: mi.ID(), Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek}, Responsible: []uuid.UUID{counsellor}}),
	)
	_, signErr := p.Sign(plan.Signature{ID: id(6), Revision: rev.ID, Role: plan.SignerAuthor, Signer: counsellor,
		Credential: "LADC", Qualified: true, SignedAt: admitted.Add(time.Hour)})
	_, _, activateErr := p.Transition(plan.Change{ID: id(7), By: counsellor, At: admitted.Add(2 * time.Hour),
		Reason: plan.ReasonActivation}, plan.StatusActive)
	if err := errors.Join(err, signErr, activateErr); err != nil {
		fmt.Println(err)
		return
	}
	rules, _ := plan.DefaultRules(plan.RulesConfig{}) // seeded timing and ASAM tables
	for _, f := range rules.Check(p, admitted.AddDate(0, 0, 7)) {
		fmt.Println(f) // rule ID, severity, JSON path, message: what the plan still lacks
	}
	// Output:
	// P-ASAM-1 error levelsOfCare: no level of care is recorded
	// P-DISCHARGE-1 error dischargeCriteria: plan has no discharge criteria
	// P-DX-1 error problems[0].evidence: problem has no supporting evidence
	// P-PARTIC-1 error participation: no record of the patient's participation
	// P-SIGN-1 error revisions[1]: no patient or guardian signature, nor a documented reason
	// P-STRENGTH-1 warning strengths: plan records no strengths
}
