package fhir_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// Fixed identities of the fixtures beyond plantest's.
var (
	docID     = uuid.MustParse("d0c00000-0000-4000-8000-000000000001")
	mother    = uuid.MustParse("f4000000-0000-4000-8000-000000000001")
	sister    = uuid.MustParse("f4000000-0000-4000-8000-000000000002")
	screening = uuid.MustParse("5c000000-0000-4000-8000-000000000001")
	peerLink  = uuid.MustParse("5e000000-0000-4000-8000-000000000001")
	court     = uuid.MustParse("c0000000-0000-4000-8000-000000000001")
)

// options returns the options of the fixtures' documents, made at at:
// disclosed to the patient's treating providers for treatment under the
// single TPO consent.
func options(at time.Time) fhir.Options {
	return fhir.Options{
		DocumentID: docID, Timestamp: at, Author: plantest.Author(),
		Recipient: intervention.RecipientOfClass(intervention.RecipientTreatingProviders), Purpose: intervention.PurposeTreatment,
		Consents: []intervention.Consent{tpoConsent()},
	}
}

// subject returns the fixtures' patient.
func subject() fhir.Subject { return fhir.Subject{Patient: plantest.Patient()} }

// familyConsent returns the patient's consent, signed on Date(1), to share
// plan, attendance and progress with member for family involvement until
// the end of treatment; revoked on revoked when it is not zero.
func familyConsent(n byte, member uuid.UUID, revoked intervention.Date) intervention.Consent {
	return intervention.Consent{
		ID: uuid.UUID{0xc0, 0x45, 15: n}, Patient: plantest.Patient(),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
		Recipients:  []intervention.Recipient{intervention.RecipientID(member)},
		Purpose:     intervention.PurposeFamilyInvolvement, ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn: plantest.Date(1), SignedBy: intervention.SignerPatient, RevokedOn: revoked,
	}
}

// tpoConsent is the patient's single TPO consent (2024 Final Rule), signed
// on Date(0), never expiring.
func tpoConsent() intervention.Consent {
	return intervention.Consent{
		ID: uuid.UUID{0xc0, 0x70, 15: 1}, Patient: plantest.Patient(),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoAllSUDRecords},
		Recipients:  intervention.TPORecipients(), Purpose: intervention.PurposeTPO,
		ExpiryEvent: intervention.ExpiryEventNone, SignedOn: plantest.Date(0), SignedBy: intervention.SignerPatient,
	}
}

// participant returns an attendee of a session.
func participant(id uuid.UUID, role intervention.Role, a intervention.Attendance, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{Participant: intervention.Participant{ID: id, Role: role}, Attendance: a, Minutes: minutes}
}

// familyTherapy returns a CRAFT course: the patient's mother (consent in
// force) and sister (consent revoked on Date(30)); a session on Day(10)
// with the mother alone, one on Day(24) with mother and sister, and one on
// Day(38) at which the mother did not show.
func familyTherapy(t *testing.T, id uuid.UUID) *family.Therapy {
	t.Helper()
	th, err := family.New(family.Config{ID: id, Patient: plantest.Patient(), Model: family.ModelCRAFT, PlannedSessions: 12, Location: time.UTC})
	require.NoError(t, err)
	for _, m := range []family.Member{
		{Participant: intervention.Participant{ID: mother, Role: intervention.RoleParent}, Consents: []intervention.Consent{familyConsent(1, mother, intervention.Date{})}},
		{Participant: intervention.Participant{ID: sister, Role: intervention.RoleSibling}, Consents: []intervention.Consent{familyConsent(2, sister, plantest.Date(30))}},
	} {
		_, err := th.AddMember(m)
		require.NoError(t, err)
	}
	session := func(n int, day int, ps ...intervention.SessionParticipant) family.Session {
		return family.Session{Session: intervention.Session{
			ID: plantest.SessionID(400 + n), Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
			Start: plantest.Day(day).Add(8 * time.Hour), Minutes: 50, Participants: ps, Clinician: plantest.Clinician(),
		}}
	}
	for _, s := range []family.Session{
		session(1, 10, participant(mother, intervention.RoleParent, intervention.AttendanceAttended, 50)),
		session(2, 24, participant(mother, intervention.RoleParent, intervention.AttendanceAttended, 50),
			participant(sister, intervention.RoleSibling, intervention.AttendanceLate, 40)),
		session(3, 38, participant(mother, intervention.RoleParent, intervention.AttendanceNoShow, 0)),
	} {
		_, _, err := th.AddSession(s)
		require.NoError(t, err)
	}
	return th
}

// cbtCourse returns a NIDA CBT course with two weekly sessions from Day(5).
func cbtCourse(t *testing.T, id uuid.UUID) *cbt.Course {
	t.Helper()
	c, err := cbt.New(cbt.Config{ID: id, Patient: plantest.Patient(), Curriculum: cbt.NIDACocaine(), PlannedSessions: 12, SessionIntervalDays: 7, Location: time.UTC})
	require.NoError(t, err)
	for i, topic := range []string{"nida-cbt.introduction", "nida-cbt.coping-with-craving"} {
		_, err := c.AddSession(cbt.Session{Session: intervention.Session{
			ID: plantest.SessionID(500 + i), Modality: intervention.ModalityCBT, Format: intervention.FormatIndividual,
			Start: plantest.Day(5 + 7*i), Minutes: 50, Clinician: plantest.Clinician(), Topics: []string{topic},
			Participants: []intervention.SessionParticipant{participant(plantest.Patient(), intervention.RolePatient, intervention.AttendanceAttended, 50)},
		}})
		require.NoError(t, err)
	}
	return c
}

// cmProgram returns plantest's Higgins programme over 4 weeks with 6
// results, the second corrected to positive by the laboratory.
func cmProgram(t *testing.T, id uuid.UUID) *contingency.Program {
	t.Helper()
	p := plantest.CMProgram(t, id, 4, 6)
	visits := plantest.CMConfig(4).Calendar.Visits()
	_, err := p.Correct(context.Background(), "lab-interface", "lab-confirmation", contingency.Result{
		SpecimenID: "s-2", CollectedAt: visits[1].In(time.UTC).Add(10 * time.Hour), Status: contingency.ResultPositive,
		Readings: []contingency.Reading{{Substance: contingency.SubstanceCocaine, Status: contingency.ResultPositive}},
	})
	require.NoError(t, err)
	return p
}

// auditScreening returns a positive AUDIT (score 11, zone II) administered
// by the clinician on admission.
func auditScreening(t *testing.T) fhir.Screening {
	t.Helper()
	res, err := screen.ScoreAUDIT(screen.AUDITAnswers{
		Q1: screen.DrinkFrequency4OrMoreAWeek, Q2: screen.DrinkQuantity5To6, Q3: screen.FrequencyWeekly,
		Q4: screen.FrequencyNever, Q5: screen.FrequencyLessThanMonthly, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever, Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}, screen.AUDITOptions{})
	require.NoError(t, err)
	return fhir.Screening{ID: screening, Result: res, At: plantest.Admitted(), Performer: plantest.Clinician()}
}

// quickstartPlan is a realistic, small, active plan with five modalities:
// an MI series (three weekly sessions), a brief intervention after a
// positive AUDIT, a CM programme, CRAFT family therapy and a CBT course;
// two problems (one with two diagnoses), two goals (one only in the
// patient's words), three objectives (numeric, component-measured, and a
// criterion) and five interventions; signed, activated, with session links
// (one for a host's peer-support session) and an ASAM placement.
func quickstartPlan(t *testing.T) *plan.Plan {
	t.Helper()
	p := plantest.New(t)
	mi := plantest.MIComponent(t, plantest.ComponentID(1))
	for n := 1; n <= 3; n++ {
		_, err := mi.AddSession(plantest.MISession(n, plantest.Day(7*n)))
		require.NoError(t, err)
	}
	comps := []intervention.Component{
		mi, plantest.BriefComponent(t, plantest.ComponentID(2)), cmProgram(t, plantest.ComponentID(3)),
		familyTherapy(t, plantest.ComponentID(4)), cbtCourse(t, plantest.ComponentID(5)),
	}
	weekly := plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 50}
	ops := []plan.Op{}
	for _, c := range comps {
		ops = append(ops, plan.AttachComponent(c))
	}
	ops = append(ops,
		plan.PutProblem(plan.Problem{ID: plantest.ProblemID(1), Statement: intervention.NewText("Daily drinking with blackouts; AUDIT 11"),
			Diagnoses: []plan.DiagnosisCode{"F10.20"}, Evidence: []plan.Evidence{{Source: "audit", Ref: screening}}}),
		plan.PutProblem(plan.Problem{ID: plantest.ProblemID(2), Statement: intervention.NewText("Weekend cocaine and cannabis use"),
			Diagnoses: []plan.DiagnosisCode{"F14.20", "F12.10"}}),
		plan.PutGoal(plan.Goal{ID: plantest.GoalID(1), Problem: plantest.ProblemID(1),
			PatientWords: intervention.NewText("I want to stop drinking so I can keep my job"), Clinical: intervention.NewText("Abstinence from alcohol"), Term: plan.TermLong}),
		plan.PutGoal(plan.Goal{ID: plantest.GoalID(2), Problem: plantest.ProblemID(2), PatientWords: intervention.NewText("Stay clean on weekends")}),
		plan.PutObjective(plan.Objective{ID: plantest.ObjectiveID(1), Goal: plantest.GoalID(1), Text: intervention.NewText("Attend eight MI sessions"),
			Measure: "sessions-attended", Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(8), Unit: "sessions"}, Due: plantest.Date(90)}),
		plan.PutObjective(plan.Objective{ID: plantest.ObjectiveID(2), Goal: plantest.GoalID(2), Text: intervention.NewText("Three in four urine tests negative"),
			Measure: "cm.negative-share", Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.RequireFromString("0.75"), Unit: "ratio"}, Due: plantest.Date(60)}),
		plan.PutObjective(plan.Objective{ID: plantest.ObjectiveID(3), Goal: plantest.GoalID(2), Text: intervention.NewText("Family takes part in treatment"),
			Measure: "family-involvement", Target: plan.Target{Criterion: intervention.NewText("Mother attends two CRAFT sessions")}, Due: plantest.Date(45)}),
		plan.PutIntervention(plantest.Intervention(1, intervention.ModalityMotivationalInterviewing, plantest.ComponentID(1), plantest.ObjectiveID(1))),
		plan.PutIntervention(plan.Intervention{ID: plantest.InterventionID(2), Objectives: []uuid.UUID{plantest.ObjectiveID(1)},
			Modality: intervention.ModalityBriefIntervention, Component: plantest.ComponentID(2), Status: plan.InterventionCompleted,
			Responsible: []uuid.UUID{plantest.Clinician()}}),
		plan.PutIntervention(plan.Intervention{ID: plantest.InterventionID(3), Objectives: []uuid.UUID{plantest.ObjectiveID(2)},
			Modality: intervention.ModalityContingencyManagement, Component: plantest.ComponentID(3),
			Frequency: plan.Frequency{Count: 2, Per: plan.PerWeek}, Responsible: []uuid.UUID{plantest.Clinician()}}),
		plan.PutIntervention(plan.Intervention{ID: plantest.InterventionID(4), Objectives: []uuid.UUID{plantest.ObjectiveID(3)},
			Modality: intervention.ModalityFamilyTherapy, Component: plantest.ComponentID(4),
			Frequency: plan.Frequency{Count: 2, Per: plan.PerMonth, Minutes: 50}, Responsible: []uuid.UUID{plantest.Clinician()}}),
		plan.PutIntervention(plan.Intervention{ID: plantest.InterventionID(5), Objectives: []uuid.UUID{plantest.ObjectiveID(2)},
			Modality: intervention.ModalityCBT, Component: plantest.ComponentID(5), Frequency: weekly, Responsible: []uuid.UUID{plantest.Clinician()}}),
		plan.PutStrength(plan.Strength{ID: plantest.StrengthID(1), Text: intervention.NewText("Supportive mother")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: plantest.DischargeID(1), Text: intervention.NewText("Ninety days abstinent"), Discussed: plantest.Date(1)}),
		plan.PutParticipation(plan.Participation{ID: plantest.ParticipationID(1), Person: plantest.Patient(), Role: intervention.RolePatient, On: plantest.Date(1)}),
		plan.SetLevelOfCare(plantest.LevelOfCare(1)),
	)
	_, _, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), ops...)
	require.NoError(t, err)
	plantest.SignRevision(t, p, plantest.ChangeID(1), plantest.Day(1).Add(time.Hour), 1)
	_, _, err = p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
	require.NoError(t, err)
	_, _, err = p.Edit(plantest.Change(3, plan.ReasonUpdate, plantest.Day(15)), plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveInProgress))
	require.NoError(t, err)
	links := []plan.SessionLink{
		{ID: plantest.SessionID(401), Component: plantest.ComponentID(4), Modality: intervention.ModalityFamilyTherapy, Start: plantest.Day(10).Add(8 * time.Hour),
			Minutes: 50, Billable: true, Addresses: []uuid.UUID{plantest.ObjectiveID(3), plantest.InterventionID(4)}},
		{ID: plantest.SessionID(500), Component: plantest.ComponentID(5), Modality: intervention.ModalityCBT, Start: plantest.Day(5),
			Minutes: 50, Billable: true, Addresses: []uuid.UUID{plantest.InterventionID(5)}},
		{ID: peerLink, Modality: "x-peer-support", Start: plantest.Day(20), Minutes: 60, Addresses: []uuid.UUID{plantest.ObjectiveID(2)}},
	}
	for n := 1; n <= 3; n++ {
		links = append(links, plan.SessionLink{ID: plantest.SessionID(n), Component: plantest.ComponentID(1), Modality: intervention.ModalityMotivationalInterviewing,
			Start: plantest.Day(7 * n), Minutes: 50, Billable: true, Addresses: []uuid.UUID{plantest.ObjectiveID(1), plantest.InterventionID(1)}})
	}
	for _, l := range links {
		_, err := p.LinkSession(l)
		require.NoError(t, err)
	}
	return p
}

// as returns r as a T, and panics (a bug in the test) when it is not one.
func as[T fhir.Resource](r fhir.Resource) T {
	v, ok := r.(T)
	if !ok {
		panic(fmt.Sprintf("resource is a %T", r))
	}
	return v
}
