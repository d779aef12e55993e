package fhir_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// exampleT lets the examples use plantest's builders; it panics on
// failure, which an example reports as a crash.
type exampleT struct{}

func (exampleT) Helper()                           {}
func (exampleT) Errorf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (exampleT) FailNow()                          {}

// countTypes prints how many entries of each type a Bundle has, in entry order.
func countTypes(b *fhir.Bundle) {
	var order []string
	n := map[string]int{}
	for _, e := range b.Entry {
		rt := e.Resource.ResourceType()
		if n[rt] == 0 {
			order = append(order, rt)
		}
		n[rt]++
	}
	for _, rt := range order {
		fmt.Printf("%s ×%d\n", rt, n[rt])
	}
}

// A signed, active plan with one MI component and one linked session,
// exported with the patient's own words left out (the default), to a
// treating provider for treatment under the patient's single TPO consent,
// which the document carries.
func ExampleExport() {
	p := plantest.ValidPlan(exampleT{})
	b, err := fhir.Export(p, fhir.Subject{Patient: plantest.Patient()}, fhir.Options{
		DocumentID: uuid.MustParse("d0c00000-0000-4000-8000-000000000001"),
		Timestamp:  plantest.AsOf(), Author: plantest.Author(),
		Recipient: intervention.RecipientOfClass(intervention.RecipientTreatingProviders), Purpose: intervention.PurposeTreatment,
		Consents: []intervention.Consent{tpoConsent()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Type, len(b.Entry), "entries, verified:", b.Verify() == nil)
	countTypes(b)
	cp := as[*fhir.CarePlan](b.Resources("CarePlan")[0])
	fmt.Println("care plan:", cp.Status, cp.Intent, len(cp.Goal), "goals,", len(cp.Activity), "activity,", cp.Activity[0].Detail.Status)
	goal := as[*fhir.Goal](b.Resources("Goal")[0])
	fmt.Printf("goal: %s/%s %q expressed by the patient: %v\n", goal.LifecycleStatus, goal.AchievementStatus.Coding[0].Code,
		goal.Description.Text, goal.ExpressedBy != nil)
	// Output:
	// document 18 entries, verified: true
	// Composition ×1
	// Patient ×1
	// CarePlan ×1
	// Condition ×1
	// Goal ×2
	// Procedure ×1
	// Observation ×4
	// Consent ×1
	// Practitioner ×2
	// Group ×4
	// care plan: active plan 2 goals, 1 activity, in-progress
	// goal: active/in-progress "Clinical goal 1" expressed by the patient: true
}

// A positive AUDIT-C exported on its own: the total under LOINC 75626-2,
// derived from a QuestionnaireResponse of the three answers.
func ExampleExportScreening() {
	res, err := screen.ScoreAUDITC(screen.AUDITCAnswers{
		Sex: screen.SexFemale, Q1: screen.DrinkFrequency2To3AWeek, Q2: screen.DrinkQuantity3To4, Q3: screen.FrequencyMonthly,
	}, screen.AUDITCOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	b, err := fhir.ExportScreening(fhir.Subject{Patient: plantest.Patient()},
		fhir.Screening{ID: uuid.MustParse("5c000000-0000-4000-8000-000000000002"), Result: res, At: at},
		fhir.Options{
			DocumentID: uuid.MustParse("d0c00000-0000-4000-8000-000000000002"), Timestamp: at.Add(time.Hour), Author: plantest.Author(),
			Recipient: intervention.RecipientOfClass(intervention.RecipientTreatingProviders), Purpose: intervention.PurposeTreatment,
			Consents: []intervention.Consent{tpoConsent()},
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	obs := as[*fhir.Observation](b.Resources("Observation")[0])
	fmt.Println(obs.Code.Coding[0].System, obs.Code.Coding[0].Code, "=", *obs.ValueInteger, obs.Interpretation[0].Coding[0].Code)
	qr := as[*fhir.QuestionnaireResponse](b.Resources("QuestionnaireResponse")[0])
	for _, item := range qr.Item {
		fmt.Println(item.LinkID, item.Answer[0].ValueCoding.Code)
	}
	_, ok := b.Resolve(obs.DerivedFrom[0].Reference)
	fmt.Println("derivedFrom resolves:", ok)
	// Output:
	// http://loinc.org 75626-2 = 6 POS
	// sex female
	// q1 2-3-a-week
	// q2 3-4
	// q3 monthly
	// derivedFrom resolves: true
}

// A CM programme's status at its end: results and figures as
// Observations, part of the programme's Procedure.
func ExampleExportContingency() {
	p := plantest.CMProgram(exampleT{}, plantest.ComponentID(3), 4, 6)
	b, err := fhir.ExportContingency(fhir.Subject{Patient: plantest.Patient()}, p, fhir.Options{
		DocumentID: uuid.MustParse("d0c00000-0000-4000-8000-000000000003"), Timestamp: plantest.Day(30), Author: plantest.Author(),
		Recipient: intervention.RecipientOfClass(intervention.RecipientThirdPartyPayers), Purpose: intervention.PurposePayment,
		Consents: []intervention.Consent{tpoConsent()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	proc := as[*fhir.Procedure](b.Resources("Procedure")[0])
	fmt.Println("programme:", proc.Status)
	for _, r := range b.Resources("Observation") {
		obs := as[*fhir.Observation](r)
		switch code := obs.Code.Coding[0].Code; {
		case obs.ValueCodeableConcept != nil:
			fmt.Println(code, obs.EffectiveDateTime, obs.ValueCodeableConcept.Coding[0].Code)
		case code == "cm.balance" || code == "cm.current-streak":
			fmt.Println(code, obs.ValueQuantity.Value, obs.ValueQuantity.Unit)
		case obs.ValueRatio != nil:
			fmt.Println(code, obs.ValueRatio.Numerator.Value, "/", obs.ValueRatio.Denominator.Value)
		}
	}
	// Output:
	// programme: completed
	// cm.visit-result 2025-01-06T10:00:00Z negative
	// cm.visit-result 2025-01-09T10:00:00Z negative
	// cm.visit-result 2025-01-13T10:00:00Z negative
	// cm.visit-result 2025-01-16T10:00:00Z positive
	// cm.visit-result 2025-01-20T10:00:00Z negative
	// cm.visit-result 2025-01-23T10:00:00Z negative
	// cm.current-streak 0 visits
	// cm.negative-share 5 / 8
	// cm.balance 27.50 USD
}

// A CRAFT course: the mother as a RelatedPerson, her 42 CFR Part 2 consent
// naming her as recipient, and the session she attended — disclosed to the
// mother herself for family involvement, which her consent permits: its
// scope (treatment plan, attendance, progress) covers what the document
// holds. The same course is refused to her under a consent scoped to CM
// rewards only.
func ExampleExportFamily() {
	patient, mother := plantest.Patient(), uuid.MustParse("f4000000-0000-4000-8000-000000000001")
	th, _ := family.New(family.Config{ID: plantest.ComponentID(4), Patient: patient, Model: family.ModelCRAFT})
	_, _ = th.AddMember(family.Member{
		Participant: intervention.Participant{ID: mother, Role: intervention.RoleParent},
		Consents:    []intervention.Consent{familyConsent(1, mother, intervention.Date{})},
	})
	_, _, err := th.AddSession(family.Session{Session: intervention.Session{
		ID: plantest.SessionID(401), Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
		Start: plantest.Day(10), Minutes: 50, Clinician: plantest.Clinician(),
		Participants: []intervention.SessionParticipant{participant(mother, intervention.RoleParent, intervention.AttendanceAttended, 50)},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := fhir.Options{
		DocumentID: uuid.MustParse("d0c00000-0000-4000-8000-000000000004"), Timestamp: plantest.Day(20), Author: plantest.Author(),
		Recipient: intervention.RecipientID(mother), Purpose: intervention.PurposeFamilyInvolvement,
		Consents: []intervention.Consent{familyConsent(1, mother, intervention.Date{})},
	}
	cmOnly := familyConsent(2, mother, intervention.Date{})
	cmOnly.Information = []intervention.InfoCategory{intervention.InfoCMRewards}
	refused := opts
	refused.Consents = []intervention.Consent{cmOnly}
	_, err = fhir.ExportFamily(fhir.Subject{Patient: patient}, th, refused)
	fmt.Println("CM-only scope:", err)
	b, err := fhir.ExportFamily(fhir.Subject{Patient: patient}, th, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	rp := as[*fhir.RelatedPerson](b.Resources("RelatedPerson")[0])
	fmt.Println("relationship:", rp.Relationship[0].Coding[0].Code, rp.Relationship[0].Coding[1].Code)
	c := as[*fhir.Consent](b.Resources("Consent")[0])
	recipient, _ := b.Resolve(c.Provision.Actor[0].Reference.Reference)
	fmt.Println("consent:", c.Status, c.PolicyRule.Coding[0].Code, "recipient:", recipient.ResourceType())
	enc := as[*fhir.Encounter](b.Resources("Encounter")[0])
	fmt.Println("session:", enc.Status, len(enc.Participant), "participants")
	labels, _ := json.Marshal(rp.Meta.Security)
	fmt.Println(string(labels))
	// Output:
	// CM-only scope: invalid options.consents: no consent permits the disclosure: information-not-covered
	// relationship: PRN parent
	// consent: active 42CFRPart2 recipient: RelatedPerson
	// session: finished 2 participants
	// [{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"ETH"},{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"42CFRPart2"}]
}

func ExamplePCSCode() {
	for _, m := range []intervention.Modality{intervention.ModalityCBT, intervention.ModalityTwelveStepFacilitation, intervention.ModalityMotivationalInterviewing, intervention.ModalityFamilyTherapy} {
		individual, _ := fhir.PCSCode(m, intervention.FormatIndividual)
		group, ok := fhir.PCSCode(m, intervention.FormatGroup)
		fmt.Printf("%s: %q %q %v\n", m, individual, group, ok)
	}
	// Output:
	// cbt: "HZ32ZZZ" "HZ42ZZZ" true
	// twelve-step-facilitation: "HZ33ZZZ" "HZ43ZZZ" true
	// motivational-interviewing: "HZ37ZZZ" "HZ47ZZZ" true
	// family-therapy: "" "" false
}

func ExampleResourceID() {
	goal := plantest.GoalID(1)
	fmt.Println(fhir.ResourceID("Goal", goal))
	fmt.Println(fhir.ResourceID("Condition", goal))
	fmt.Println(fhir.ResourceID("Condition", goal, "F10.20"))
	// Output:
	// 22344192-e9b2-5fda-844b-2e3a4371e716
	// 18cb5f61-d8a1-5b51-ab81-ee4faf655d43
	// c5b10e50-c187-583d-81bb-56db80b26cc6
}
