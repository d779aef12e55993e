package fhir_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// resource returns the resource of type T made from record id.
func resource[T fhir.Resource](t *testing.T, b *fhir.Bundle, rt string, id uuid.UUID, qualifiers ...string) T {
	t.Helper()
	r, ok := b.Resolve(fhir.URNPrefix + fhir.ResourceID(rt, id, qualifiers...))
	require.True(t, ok, "no %s for %s", rt, id)
	out, ok := r.(T)
	require.True(t, ok)
	return out
}

// marshal returns b's JSON.
func marshal(t *testing.T, b *fhir.Bundle) string {
	t.Helper()
	raw, err := json.Marshal(b)
	require.NoError(t, err)
	return string(raw)
}

// requireField requires err to hold a FieldError at path wrapping rule.
func requireField(t *testing.T, err error, path string, rule error) {
	t.Helper()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	for _, fe := range intervention.FieldErrors(err) {
		if fe.Field == path {
			require.ErrorIs(t, fe, rule, "rule at %s", path)
			return
		}
	}
	require.Failf(t, "no error at path", "%s in %v", path, err)
}

func TestOptionsAndSubjectErrors(t *testing.T) {
	valid := options(plantest.Day(60))
	otherPatient := tpoConsent()
	otherPatient.Patient = plantest.Author()
	badConsent := tpoConsent()
	badConsent.Purpose = ""
	tests := []struct {
		name   string
		change func(*fhir.Subject, *fhir.Options)
		path   string
		rule   error
	}{
		{"document id missing", func(_ *fhir.Subject, o *fhir.Options) { o.DocumentID = uuid.Nil }, "options.documentId", intervention.ErrMissing},
		{"timestamp missing", func(_ *fhir.Subject, o *fhir.Options) { o.Timestamp = time.Time{} }, "options.timestamp", intervention.ErrMissing},
		{"timestamp before 1970", func(_ *fhir.Subject, o *fhir.Options) { o.Timestamp = time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) }, "options.timestamp", intervention.ErrOutOfRange},
		{"timestamp from 2200", func(_ *fhir.Subject, o *fhir.Options) { o.Timestamp = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) }, "options.timestamp", intervention.ErrOutOfRange},
		{"author missing", func(_ *fhir.Subject, o *fhir.Options) { o.Author = uuid.Nil }, "options.author", intervention.ErrMissing},
		{"recipient missing", func(_ *fhir.Subject, o *fhir.Options) { o.Recipient = intervention.Recipient{} }, "options.recipient", intervention.ErrMissing},
		{"recipient class unknown", func(_ *fhir.Subject, o *fhir.Options) { o.Recipient.Class = "xxxx" }, "options.recipient.class", intervention.ErrUnknownRecipientClass},
		{"purpose missing", func(_ *fhir.Subject, o *fhir.Options) { o.Purpose = "" }, "options.purpose", intervention.ErrMissing},
		{"purpose unknown", func(_ *fhir.Subject, o *fhir.Options) { o.Purpose = "xxxx" }, "options.purpose", intervention.ErrUnknownPurpose},
		{"invalid consent", func(_ *fhir.Subject, o *fhir.Options) { o.Consents = []intervention.Consent{tpoConsent(), badConsent} }, "options.consents[1].purpose", intervention.ErrMissing},
		{"consent of another patient", func(_ *fhir.Subject, o *fhir.Options) { o.Consents = []intervention.Consent{otherPatient} }, "options.consents[0].patient", fhir.ErrSubjectMismatch},
		{"security label without code", func(_ *fhir.Subject, o *fhir.Options) {
			o.SecurityLabels = []fhir.Coding{{System: fhir.SystemActCode}}
		}, "options.securityLabels[0]", fhir.ErrBadCoding},
		{"notice too long", func(_ *fhir.Subject, o *fhir.Options) { o.Notice = strings.Repeat("x", 4001) }, "options.notice", fhir.ErrBadText},
		{"notice not UTF-8", func(_ *fhir.Subject, o *fhir.Options) { o.Notice = "\xff" }, "options.notice", fhir.ErrBadText},
		{"consent category without system", func(_ *fhir.Subject, o *fhir.Options) { o.ConsentCategory = fhir.Coding{Code: "x"} }, "options.consentCategory", fhir.ErrBadCoding},
		{"subject missing", func(s *fhir.Subject, _ *fhir.Options) { s.Patient = uuid.Nil }, "subject.patient", intervention.ErrMissing},
		{"subject of another patient", func(s *fhir.Subject, _ *fhir.Options) { s.Patient = plantest.Author() }, "subject.patient", fhir.ErrSubjectMismatch},
		{"identifier without value", func(s *fhir.Subject, _ *fhir.Options) {
			s.Identifiers = []fhir.Identifier{{System: "urn:oid:1.2.3"}}
		}, "subject.identifiers[0]", fhir.ErrBadText},
		{"too many identifiers", func(s *fhir.Subject, _ *fhir.Options) {
			s.Identifiers = make([]fhir.Identifier, 21)
			for i := range s.Identifiers {
				s.Identifiers[i] = fhir.Identifier{Value: "x"}
			}
		}, "subject.identifiers", intervention.ErrOutOfRange},
	}
	p := plantest.ValidPlan(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, o := subject(), valid
			tc.change(&s, &o)
			b, err := fhir.Export(p, s, o)
			require.Nil(t, b)
			requireField(t, err, tc.path, tc.rule)
			assert.NotContains(t, err.Error(), "xxxx", "no value in the message")
		})
	}
}

func TestNilRecords(t *testing.T) {
	o := options(plantest.Day(1))
	_, err := fhir.Export(nil, subject(), o)
	requireField(t, err, "plan", intervention.ErrMissing)
	_, err = fhir.ExportContingency(subject(), nil, o)
	requireField(t, err, "program", intervention.ErrMissing)
	_, err = fhir.ExportFamily(subject(), nil, o)
	requireField(t, err, "therapy", intervention.ErrMissing)
}

func TestExportScreeningErrors(t *testing.T) {
	valid := auditScreening(t)
	tests := []struct {
		name   string
		change func(*fhir.Screening)
		path   string
		rule   error
	}{
		{"id missing", func(s *fhir.Screening) { s.ID = uuid.Nil }, "screening.id", intervention.ErrMissing},
		{"result missing", func(s *fhir.Screening) { s.Result = nil }, "screening.result", intervention.ErrMissing},
		{"unknown instrument", func(s *fhir.Screening) { s.Result = screen.Result{Instrument: "bogus"} }, "screening.result.instrument", screen.ErrUnknownInstrument},
		{"result without an action cannot be encoded", func(s *fhir.Screening) {
			s.Result = screen.Result{Instrument: screen.InstrumentCAGE, Band: screen.BandNegative}
		}, "screening.result", intervention.ErrInvalid},
		{"time missing", func(s *fhir.Screening) { s.At = time.Time{} }, "screening.at", intervention.ErrMissing},
		{"time out of range", func(s *fhir.Screening) { s.At = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) }, "screening.at", intervention.ErrOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := valid
			tc.change(&s)
			_, err := fhir.ExportScreening(subject(), s, options(plantest.Day(1)))
			requireField(t, err, tc.path, tc.rule)
		})
	}
	_, err := fhir.ExportContingency(fhir.Subject{Patient: plantest.Author()}, cmProgram(t, plantest.ComponentID(3)), options(plantest.Day(1)))
	requireField(t, err, "subject.patient", fhir.ErrSubjectMismatch)
	_, err = fhir.ExportFamily(fhir.Subject{Patient: plantest.Author()}, familyTherapy(t, plantest.ComponentID(4)), options(plantest.Day(1)))
	requireField(t, err, "subject.patient", fhir.ErrSubjectMismatch)
}

// planTexts are the free texts of quickstartPlan.
var clinicalTexts = []string{
	"Daily drinking with blackouts", "Weekend cocaine and cannabis use", "Abstinence from alcohol",
	"Attend eight MI sessions", "Three in four urine tests negative", "Family takes part in treatment",
	"Mother attends two CRAFT sessions", "Relapse potential is the highest risk",
}

var patientWords = []string{"I want to stop drinking so I can keep my job", "Stay clean on weekends"}

func TestTextOptions(t *testing.T) {
	p := quickstartPlan(t)
	tests := []struct {
		name                  string
		includeWords, omitAll bool
		wantClinical, wantOwn bool
		goal2Description      string
	}{
		{"default: clinical wording only", false, false, true, false, ""},
		{"with the patient's words", true, false, true, true, "Stay clean on weekends"},
		{"no free text at all", false, true, false, false, ""},
		{"patient's words without clinical text", true, true, false, true, "Stay clean on weekends"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := options(plantest.Day(60))
			o.IncludePatientWords, o.OmitClinicalText = tc.includeWords, tc.omitAll
			b, err := fhir.Export(p, subject(), o)
			require.NoError(t, err)
			doc := marshal(t, b)
			for _, s := range clinicalTexts {
				assert.Equal(t, tc.wantClinical, strings.Contains(doc, s), "clinical text %q", s)
			}
			for _, s := range patientWords {
				assert.Equal(t, tc.wantOwn, strings.Contains(doc, s), "patient's words %q", s)
			}
			g2 := resource[*fhir.Goal](t, b, "Goal", plantest.GoalID(2))
			if tc.goal2Description == "" {
				assert.Equal(t, "masked", g2.Description.Coding[0].Code, "a goal without exportable wording is masked")
			} else {
				assert.Equal(t, tc.goal2Description, g2.Description.Text)
			}
			assert.NotNil(t, g2.ExpressedBy, "the patient expressed the goal, whatever is exported")
			g1 := resource[*fhir.Goal](t, b, "Goal", plantest.GoalID(1))
			if tc.wantClinical {
				assert.Equal(t, "Abstinence from alcohol", g1.Description.Text)
				assert.Equal(t, tc.wantOwn, len(g1.Note) == 1, "patient's words as a note beside clinical wording")
			} else if tc.wantOwn {
				assert.Equal(t, "I want to stop drinking so I can keep my job", g1.Description.Text)
			}
			o3 := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(3))
			require.Len(t, o3.Target, 1)
			assert.Equal(t, tc.wantClinical, o3.Target[0].DetailString != "", "criterion is clinical text")
			assert.Equal(t, "2025-02-20", o3.Target[0].DueDate)
			c := resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(1))
			assert.Equal(t, "F10.20", c.Code.Coding[0].Code, "codes are always exported")
		})
	}
}

func TestQuickstartPlanMapping(t *testing.T) {
	o := options(plantest.Day(60))
	o.Consents = []intervention.Consent{tpoConsent()}
	b, err := fhir.Export(quickstartPlan(t), subject(), o)
	require.NoError(t, err)
	require.NoError(t, b.Verify())

	cp := resource[*fhir.CarePlan](t, b, "CarePlan", plantest.PlanID())
	assert.Equal(t, "active", cp.Status)
	assert.Equal(t, "plan", cp.Intent)
	assert.Equal(t, fhir.Period{Start: "2025-01-06", End: "2025-07-05"}, *cp.Period)
	assert.Len(t, cp.Addresses, 3, "one Condition per diagnosis")
	assert.Len(t, cp.Goal, 5, "two goals and three objectives")
	require.Len(t, cp.Activity, 5)
	for i, a := range cp.Activity {
		require.NotNil(t, a.Detail, "activity %d", i)
		assert.Nil(t, a.Reference, "detail or reference, not both (cpl-3)")
	}
	assert.Equal(t, "completed", cp.Activity[1].Detail.Status, "the brief intervention is done")
	assert.Equal(t, fhir.SNOMEDAlcoholBriefIntervention, cp.Activity[1].Detail.Code.Coding[0].Code, "brief intervention after an AUDIT")
	assert.Equal(t, fhir.SNOMEDCBT, cp.Activity[4].Detail.Code.Coding[0].Code)
	rep := cp.Activity[3].Detail.ScheduledTiming.Repeat
	assert.Equal(t, fhir.TimingRepeat{Frequency: 2, Period: "1", PeriodUnit: "mo", Duration: "50", DurationUnit: "min"}, *rep)
	assert.Len(t, cp.Activity[0].OutcomeReference, 3, "three MI sessions")
	require.NotNil(t, cp.Author)
	assert.Len(t, cp.SupportingInfo, 2, "ASAM placement and the triggering AUDIT")

	// Problem 2 has two diagnoses: two Conditions, the statement on the first.
	c2 := resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(2))
	c2b := resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(2), "F12.10")
	assert.Equal(t, "F14.20", c2.Code.Coding[0].Code)
	assert.Equal(t, "F12.10", c2b.Code.Coding[0].Code)
	assert.Empty(t, c2b.Code.Text)

	// Objectives: targets, statuses, the goal's milestone links.
	o1 := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(1))
	assert.Equal(t, "active", o1.LifecycleStatus)
	assert.Equal(t, fhir.Quantity{Value: "8", Comparator: ">=", Unit: "sessions"}, *o1.Target[0].DetailQuantity)
	o2 := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(2))
	assert.Equal(t, "planned", o2.LifecycleStatus)
	assert.Equal(t, "0.75", string(o2.Target[0].DetailQuantity.Value))
	require.Len(t, o2.OutcomeReference, 1, "the CM figure the objective is measured by")
	fig, ok := b.Resolve(o2.OutcomeReference[0].Reference)
	require.True(t, ok)
	assert.Equal(t, "cm.negative-share", as[*fhir.Observation](fig).Code.Coding[0].Code)
	g2 := resource[*fhir.Goal](t, b, "Goal", plantest.GoalID(2))
	assert.Len(t, g2.Extension, 2, "goal 2 has two objectives as milestones")

	// Sessions: MI session 1 from the component, linked by the plan.
	mi := resource[*fhir.Procedure](t, b, "Procedure", plantest.SessionID(1))
	assert.Equal(t, "HZ37ZZZ", mi.Code.Coding[0].Code)
	assert.Equal(t, "completed", mi.Status)
	assert.Len(t, mi.Performer, 1)
	assert.Len(t, mi.BasedOn, 1)
	assert.Len(t, mi.ReasonReference, 1)
	peer := resource[*fhir.Procedure](t, b, "Procedure", peerLink)
	assert.Equal(t, "x-peer-support", peer.Code.Coding[0].Code, "a host's modality keeps its local code")
	assert.Len(t, peer.ReasonReference, 2, "problem 2's two Conditions")
	noShow := resource[*fhir.Procedure](t, b, "Procedure", plantest.SessionID(403))
	assert.Equal(t, "not-done", noShow.Status)
	assert.Nil(t, noShow.PerformedPeriod)
	enc := resource[*fhir.Encounter](t, b, "Encounter", plantest.SessionID(402))
	assert.Len(t, enc.Participant, 3, "clinician, mother and sister")

	// The brief intervention: screen Observation and delivery Procedure.
	audit := resource[*fhir.Observation](t, b, "Observation", plantest.ComponentID(2), "screening")
	assert.Equal(t, screen.LOINCAUDITTotal, audit.Code.Coding[0].Code)
	assert.Empty(t, audit.DerivedFrom, "a bare screen.Result has no answers")
	delivery := resource[*fhir.Procedure](t, b, "Procedure", plantest.RecordID(2))
	assert.Equal(t, fhir.SNOMEDAlcoholBriefIntervention, delivery.Code.Coding[0].Code)

	// ASAM placement.
	asam := resource[*fhir.Observation](t, b, "Observation", plantest.LevelID(1), "asam")
	assert.Equal(t, fhir.Coding{System: fhir.SystemASAMLevel, Version: "3", Code: "1"}, asam.ValueCodeableConcept.Coding[0])
	assert.Len(t, asam.Component, 6)

	// The disclosure's TPO consent: recipients are classes (Groups).
	tpo := resource[*fhir.Consent](t, b, "Consent", tpoConsent().ID)
	assert.Equal(t, "active", tpo.Status)
	require.Len(t, tpo.Provision.Actor, 4)
	grp, ok := b.Resolve(tpo.Provision.Actor[0].Reference.Reference)
	require.True(t, ok)
	assert.False(t, as[*fhir.Group](grp).Actual)

	// The document: Composition first, notice last.
	comp := as[*fhir.Composition](b.Entry[0].Resource)
	assert.Equal(t, "R", comp.Confidentiality)
	last := comp.Section[len(comp.Section)-1]
	assert.Contains(t, last.Text.Div, fhir.DefaultRedisclosureNotice)
	assert.Equal(t, fhir.BundleType, b.Type)
	assert.Equal(t, docID.String(), b.ID)
}

// TestIdentifiersRoundTrip: every record of the plan appears in the Bundle
// under the id ResourceID derives, carrying the record's UUID.
func TestIdentifiersRoundTrip(t *testing.T) {
	p := quickstartPlan(t)
	b, err := fhir.Export(p, subject(), options(plantest.Day(60)))
	require.NoError(t, err)
	check := func(rt string, id uuid.UUID) {
		r, ok := b.Resolve(fhir.URNPrefix + fhir.ResourceID(rt, id))
		require.True(t, ok, "%s %s", rt, id)
		raw, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Contains(t, string(raw), `"value":"urn:uuid:`+id.String()+`"`, "%s keeps the record's UUID", rt)
	}
	check("CarePlan", p.ID())
	check("Patient", plantest.Patient())
	for _, pr := range p.Problems() {
		check("Condition", pr.ID)
	}
	for _, g := range p.Goals() {
		check("Goal", g.ID)
	}
	for _, o := range p.Objectives() {
		check("Goal", o.ID)
	}
	for _, l := range p.Sessions() {
		check("Procedure", l.ID)
	}
	for _, s := range []uuid.UUID{plantest.Author(), plantest.Clinician()} {
		check("Practitioner", s)
	}
	check("RelatedPerson", mother)
	check("Procedure", plantest.ComponentID(3))
}

func TestPlanLifecycle(t *testing.T) {
	closeActive := func(t *testing.T) *plan.Plan {
		p := plantest.ValidPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonDischarge, plantest.Day(30)), plan.StatusClosed)
		require.NoError(t, err)
		return p
	}
	withdrawDraft := func(t *testing.T) *plan.Plan {
		p := plantest.DraftPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonWithdrawn, plantest.Day(3)), plan.StatusClosed)
		require.NoError(t, err)
		return p
	}
	underReview := func(t *testing.T) *plan.Plan {
		p := plantest.ValidPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonReview, plantest.Day(25)), plan.StatusUnderReview)
		require.NoError(t, err)
		return p
	}
	tests := []struct {
		name     string
		build    func(*testing.T) *plan.Plan
		status   string
		activity string
	}{
		{"draft", func(t *testing.T) *plan.Plan { return plantest.DraftPlan(t) }, "draft", "not-started"},
		{"active", func(t *testing.T) *plan.Plan { return plantest.ValidPlan(t) }, "active", "in-progress"},
		{"under review", underReview, "active", "in-progress"},
		{"closed after activation", closeActive, "completed", "in-progress"},
		{"withdrawn draft", withdrawDraft, "revoked", "in-progress"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := fhir.Export(tc.build(t), subject(), options(plantest.Day(40)))
			require.NoError(t, err)
			cp := resource[*fhir.CarePlan](t, b, "CarePlan", plantest.PlanID())
			assert.Equal(t, tc.status, cp.Status)
			assert.Equal(t, tc.activity, cp.Activity[0].Detail.Status)
		})
	}
}

func TestStatusMappings(t *testing.T) {
	t.Run("objectives", func(t *testing.T) {
		for _, tc := range []struct {
			status                 plan.ObjectiveStatus
			lifecycle, achievement string
		}{
			{plan.ObjectiveNotStarted, "planned", "in-progress"},
			{plan.ObjectiveInProgress, "active", "in-progress"},
			{plan.ObjectiveMet, "completed", "achieved"},
			{plan.ObjectiveNotMet, "completed", "not-achieved"},
			{plan.ObjectiveDiscontinued, "cancelled", "not-achieved"},
		} {
			p := plantest.ValidPlan(t)
			if tc.status != plan.ObjectiveNotStarted {
				_, _, err := p.Edit(plantest.Change(3, plan.ReasonUpdate, plantest.Day(10)), plan.SetObjectiveStatus(plantest.ObjectiveID(1), tc.status))
				require.NoError(t, err)
			}
			b, err := fhir.Export(p, subject(), options(plantest.Day(20)))
			require.NoError(t, err)
			g := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(1))
			assert.Equal(t, tc.lifecycle, g.LifecycleStatus, tc.status)
			assert.Equal(t, tc.achievement, g.AchievementStatus.Coding[0].Code, tc.status)
		}
	})
	t.Run("goals, problems, interventions and targets", func(t *testing.T) {
		for _, tc := range []struct {
			goal                   plan.GoalStatus
			lifecycle, achievement string
			problem                plan.ProblemStatus
			clinical               string
			iv                     plan.InterventionStatus
			activity               string
			target                 plan.Target
			comparator             string
			rows                   int
		}{
			{plan.GoalActive, "active", "in-progress", plan.ProblemActive, "active", plan.InterventionActive, "not-started",
				plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(3), Unit: "days"}, ">=", 1},
			{plan.GoalAchieved, "completed", "achieved", plan.ProblemResolved, "resolved", plan.InterventionCompleted, "completed",
				plan.Target{Comparator: plan.AtMost, Value: decimal.RequireFromString("1.50"), Unit: "drinks"}, "<=", 1},
			{plan.GoalDiscontinued, "cancelled", "not-achieved", plan.ProblemDeferred, "active", plan.InterventionDiscontinued, "stopped",
				plan.Target{Comparator: plan.Exactly, Value: decimal.NewFromInt(0)}, "", 1},
			{plan.GoalActive, "active", "in-progress", plan.ProblemReferred, "active", plan.InterventionActive, "not-started",
				plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(1), Criterion: intervention.NewText("Says so")}, ">=", 2},
		} {
			p := plantest.New(t)
			pr := plantest.Problem(1)
			pr.Status = tc.problem
			g := plantest.Goal(1, plantest.ProblemID(1))
			g.Status = tc.goal
			o := plantest.Objective(1, plantest.GoalID(1))
			o.Target = tc.target
			iv := plantest.Intervention(1, "x-host", uuid.Nil, plantest.ObjectiveID(1))
			iv.Status = tc.iv
			iv.Frequency = plan.Frequency{Count: 1, Per: plan.PerDay}
			_, _, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)),
				plan.PutProblem(pr), plan.PutGoal(g), plan.PutObjective(o), plan.PutIntervention(iv))
			require.NoError(t, err)
			b, err := fhir.Export(p, subject(), options(plantest.Day(2)))
			require.NoError(t, err)
			goal := resource[*fhir.Goal](t, b, "Goal", plantest.GoalID(1))
			assert.Equal(t, tc.lifecycle, goal.LifecycleStatus)
			assert.Equal(t, tc.achievement, goal.AchievementStatus.Coding[0].Code)
			cond := resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(1))
			assert.Equal(t, tc.clinical, cond.ClinicalStatus.Coding[0].Code)
			cp := resource[*fhir.CarePlan](t, b, "CarePlan", plantest.PlanID())
			assert.Equal(t, tc.activity, cp.Activity[0].Detail.Status)
			assert.Equal(t, "d", cp.Activity[0].Detail.ScheduledTiming.Repeat.PeriodUnit)
			assert.Empty(t, cp.Activity[0].Detail.ScheduledTiming.Repeat.DurationUnit)
			obj := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(1))
			assert.Equal(t, tc.comparator, obj.Target[0].DetailQuantity.Comparator)
			assert.Equal(t, tc.target.Value.String(), decimal.RequireFromString(string(obj.Target[0].DetailQuantity.Value)).String())
			assert.Len(t, obj.Target, tc.rows, "a criterion adds a row")
		}
	})
	t.Run("objective without measure keeps its due date", func(t *testing.T) {
		p := plantest.New(t)
		o := plantest.Objective(1, plantest.GoalID(1))
		o.Measure, o.Target = "", plan.Target{Criterion: intervention.NewText("Something observable")}
		o2 := plantest.Objective(2, plantest.GoalID(1))
		o2.Measure, o2.Target, o2.Due = "", plan.Target{}, intervention.Date{}
		pr := plantest.Problem(1)
		pr.Diagnoses = nil
		_, _, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)),
			plan.PutProblem(pr), plan.PutGoal(plantest.Goal(1, plantest.ProblemID(1))), plan.PutObjective(o), plan.PutObjective(o2))
		require.NoError(t, err)
		opts := options(plantest.Day(2))
		b, err := fhir.Export(p, subject(), opts)
		require.NoError(t, err)
		g := resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(1))
		assert.Equal(t, []fhir.GoalTarget{{DueDate: plantest.Date(90).String()}}, g.Target, "no detail without a measure (gol-1)")
		assert.Empty(t, resource[*fhir.Goal](t, b, "Goal", plantest.ObjectiveID(2)).Target)
		c := resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(1))
		assert.Equal(t, "Problem 1 as assessed", c.Code.Text, "a problem without diagnosis is its statement")
		opts.OmitClinicalText = true
		b, err = fhir.Export(p, subject(), opts)
		require.NoError(t, err)
		c = resource[*fhir.Condition](t, b, "Condition", plantest.ProblemID(1))
		assert.Equal(t, "masked", c.Code.Coding[0].Code)
	})
}

func TestConsents(t *testing.T) {
	base := func() intervention.Consent {
		c := familyConsent(9, mother, intervention.Date{})
		c.Purpose = intervention.PurposeLegalProceedings
		c.Recipients = []intervention.Recipient{intervention.RecipientID(court), intervention.RecipientID(plantest.Clinician())}
		c.Information = []intervention.InfoCategory{intervention.InfoOther}
		c.Description = intervention.NewText("Court-ordered attendance letter")
		return c
	}
	tests := []struct {
		name   string
		change func(*intervention.Consent)
		status string
		end    string
	}{
		{"in force", func(*intervention.Consent) {}, "active", ""},
		{"unsigned", func(c *intervention.Consent) { c.SignedOn, c.SignedBy = intervention.Date{}, "" }, "proposed", ""},
		{"signed after the document", func(c *intervention.Consent) { c.SignedOn = plantest.Date(50) }, "proposed", ""},
		{"revoked", func(c *intervention.Consent) { c.RevokedOn = plantest.Date(10) }, "inactive", plantest.Date(9).String()},
		{"expired", func(c *intervention.Consent) { c.ExpiryEvent, c.ExpiresOn = "", plantest.Date(15) }, "inactive", plantest.Date(15).String()},
		{"expiry event occurred", func(c *intervention.Consent) { c.ExpiryEventOccurred = plantest.Date(12) }, "inactive", plantest.Date(12).String()},
		{"signed by a guardian", func(c *intervention.Consent) { c.SignedBy = intervention.SignerGuardian }, "active", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			tc.change(&c)
			o := options(plantest.Day(20))
			o.Consents = append(o.Consents, c)
			o.ConsentCategory = fhir.Coding{System: fhir.SystemLOINC, Code: "59284-0"}
			b, err := fhir.Export(plantest.ValidPlan(t), subject(), o)
			require.NoError(t, err)
			res := resource[*fhir.Consent](t, b, "Consent", c.ID)
			assert.Equal(t, tc.status, res.Status)
			assert.Equal(t, "59284-0", res.Category[0].Coding[0].Code)
			assert.Equal(t, "42CFRPart2", res.PolicyRule.Coding[0].Code)
			assert.Equal(t, "patient-privacy", res.Scope.Coding[0].Code)
			if c.SignedOn.IsZero() {
				assert.Nil(t, res.Provision.Period)
			} else {
				assert.Equal(t, tc.end, res.Provision.Period.End)
			}
			assert.Equal(t, c.SignedBy == intervention.SignerPatient && !c.SignedOn.IsZero(), len(res.Performer) == 1)
			org, ok := b.Resolve(res.Provision.Actor[0].Reference.Reference)
			require.True(t, ok)
			assert.Equal(t, "Organization", org.ResourceType(), "an ID the document does not know otherwise")
			staff, ok := b.Resolve(res.Provision.Actor[1].Reference.Reference)
			require.True(t, ok)
			assert.Equal(t, "Practitioner", staff.ResourceType(), "a staff member of the document")
			assert.Equal(t, "Court-ordered attendance letter", res.Provision.Code[0].Text)
		})
	}
}

func TestSecurityLabelsAndNotice(t *testing.T) {
	p := plantest.ValidPlan(t)
	t.Run("none", func(t *testing.T) {
		o := options(plantest.Day(20))
		o.SecurityLabels = []fhir.Coding{}
		b, err := fhir.Export(p, subject(), o)
		require.NoError(t, err)
		assert.Nil(t, b.Meta)
		doc := marshal(t, b)
		assert.NotContains(t, doc, `"security"`)
		assert.NotContains(t, doc, `"confidentiality"`)
	})
	t.Run("custom labels and notice", func(t *testing.T) {
		o := options(plantest.Day(20))
		o.SecurityLabels = []fhir.Coding{{System: fhir.SystemConfidentiality, Code: "V"}, {System: fhir.SystemActCode, Code: "NORDSCLCD"}}
		o.Notice = "Part 2 <notice> & more"
		b, err := fhir.Export(p, subject(), o)
		require.NoError(t, err)
		for _, e := range b.Entry {
			raw, err := json.Marshal(e.Resource)
			require.NoError(t, err)
			assert.Contains(t, string(raw), `"NORDSCLCD"`, "every resource is labelled: %s", e.Resource.ResourceType())
		}
		comp := as[*fhir.Composition](b.Entry[0].Resource)
		assert.Equal(t, "V", comp.Confidentiality)
		assert.Contains(t, comp.Section[len(comp.Section)-1].Text.Div, "Part 2 &lt;notice&gt; &amp; more")
	})
	t.Run("subject identifiers are all that is said of the patient", func(t *testing.T) {
		s := subject()
		s.Identifiers = []fhir.Identifier{{System: "urn:oid:2.16.840.1.113883.19.5", Value: "MRN-0042"}}
		b, err := fhir.Export(p, s, options(plantest.Day(20)))
		require.NoError(t, err)
		pat := resource[*fhir.Patient](t, b, "Patient", plantest.Patient())
		assert.Equal(t, []fhir.Identifier{{System: fhir.SystemURI, Value: "urn:uuid:" + plantest.Patient().String()}, s.Identifiers[0]}, pat.Identifier)
		raw, err := json.Marshal(pat)
		require.NoError(t, err)
		var fields map[string]any
		require.NoError(t, json.Unmarshal(raw, &fields))
		assert.ElementsMatch(t, []string{"resourceType", "id", "meta", "text", "identifier"}, keys(fields))
		require.NotNil(t, pat.Text)
		assert.NotContains(t, pat.Text.Div, "MRN-0042", "the narrative names no identifier")
	})
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestScreeningVariants(t *testing.T) {
	tests := []struct {
		name           string
		result         func(t *testing.T) screen.Scored
		status         string
		interpretation string
		loinc          bool
		qr             string
	}{
		{"negative complete DAST-10", func(t *testing.T) screen.Scored {
			r, err := screen.ScoreDAST10(screen.DAST10Answers{
				Q1: screen.No, Q2: screen.No, Q3: screen.Yes, Q4: screen.No, Q5: screen.No,
				Q6: screen.No, Q7: screen.No, Q8: screen.No, Q9: screen.No, Q10: screen.No,
			}, screen.DAST10Options{})
			require.NoError(t, err)
			return r
		}, "final", "NEG", true, "completed"},
		{"incomplete DAST-10", func(t *testing.T) screen.Scored {
			r, err := screen.ScoreDAST10(screen.DAST10Answers{Q1: screen.No}, screen.DAST10Options{})
			require.NoError(t, err)
			return r
		}, "preliminary", "", true, "in-progress"},
		{"CRAFFT has no LOINC code; counts are integers", func(t *testing.T) screen.Scored {
			r, err := screen.ScoreCRAFFT(screen.CRAFFTAnswers{
				AlcoholDays: screen.CountOf(3), MarijuanaDays: screen.CountOf(0), OtherDays: screen.CountOf(0),
				Car: screen.Yes, Relax: screen.Yes, Alone: screen.No, Forget: screen.No, Family: screen.No, Trouble: screen.No,
			}, screen.CRAFFTOptions{})
			require.NoError(t, err)
			return r
		}, "final", "POS", false, "completed"},
		{"a bare result has no answers", func(*testing.T) screen.Scored {
			return screen.Result{Instrument: screen.InstrumentCAGE, Version: "1984", Score: 1, MaxScore: 4, Band: screen.BandNegative,
				Action: screen.ActionNone, Complete: true}
		}, "final", "NEG", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := fhir.Screening{ID: screening, Result: tc.result(t), At: plantest.Admitted()}
			b, err := fhir.ExportScreening(subject(), s, options(plantest.Day(1)))
			require.NoError(t, err)
			obs := resource[*fhir.Observation](t, b, "Observation", screening, "screening")
			assert.Equal(t, tc.status, obs.Status)
			if tc.interpretation == "" {
				assert.Empty(t, obs.Interpretation)
			} else {
				assert.Equal(t, tc.interpretation, obs.Interpretation[0].Coding[0].Code)
			}
			assert.Equal(t, tc.loinc, obs.Code.Coding[0].System == fhir.SystemLOINC)
			assert.Empty(t, obs.Performer)
			if tc.qr == "" {
				assert.Empty(t, b.Resources("QuestionnaireResponse"))
				assert.Empty(t, obs.DerivedFrom)
				return
			}
			qr := resource[*fhir.QuestionnaireResponse](t, b, "QuestionnaireResponse", screening)
			assert.Equal(t, tc.qr, qr.Status)
			assert.True(t, strings.HasPrefix(qr.Questionnaire, fhir.QuestionnaireBase))
			require.Len(t, obs.DerivedFrom, 1)
			for _, item := range qr.Item {
				if item.LinkID == "alcoholDays" {
					assert.Equal(t, 3, *item.Answer[0].ValueInteger)
				}
			}
		})
	}
}

func TestContingencyStates(t *testing.T) {
	t.Run("before the first visit", func(t *testing.T) {
		p := plantest.CMProgram(t, plantest.ComponentID(3), 4, 0)
		b, err := fhir.ExportContingency(subject(), p, options(plantest.Admitted().Add(-time.Hour)))
		require.NoError(t, err)
		proc := resource[*fhir.Procedure](t, b, "Procedure", plantest.ComponentID(3))
		assert.Equal(t, "preparation", proc.Status)
		assert.Nil(t, proc.PerformedPeriod)
		share := resource[*fhir.Observation](t, b, "Observation", plantest.ComponentID(3), "measure", "cm.negative-share")
		assert.Equal(t, "not-applicable", share.DataAbsentReason.Coding[0].Code, "not computable, never 0")
		assert.Nil(t, share.ValueRatio)
	})
	t.Run("mid-programme with a cap; later results left out", func(t *testing.T) {
		ctx := context.Background()
		ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), plantest.Patient(),
			contingency.WithClock(intervention.FixedClock(plantest.Admitted())), contingency.WithIDSource(intervention.SequentialIDs()),
			contingency.WithCaps(contingency.SAMHSA2025()))
		require.NoError(t, err)
		p, err := contingency.NewProgram(plantest.ComponentID(3), plantest.CMConfig(4), ledger)
		require.NoError(t, err)
		visits := plantest.CMConfig(4).Calendar.Visits()
		for i := range 3 {
			_, err := p.Record(ctx, "staff-1", contingency.Result{SpecimenID: "v" + string(rune('1'+i)), CollectedAt: visits[i].In(time.UTC).Add(10 * time.Hour), Status: contingency.ResultNegative})
			require.NoError(t, err)
		}
		b, err := fhir.ExportContingency(subject(), p, options(plantest.Day(4)))
		require.NoError(t, err)
		assert.Equal(t, "in-progress", resource[*fhir.Procedure](t, b, "Procedure", plantest.ComponentID(3)).Status)
		results := 0
		for _, r := range b.Resources("Observation") {
			if as[*fhir.Observation](r).Code.Coding[0].Code == "cm.visit-result" {
				results++
			}
		}
		assert.Equal(t, 2, results, "the result collected after the document is not in it")
		capLeft := resource[*fhir.Observation](t, b, "Observation", plantest.ComponentID(3), "measure", "cm.cap-remaining")
		assert.Equal(t, "USD", capLeft.ValueQuantity.Code)
	})
}

// tsfFacilitation returns a MATCH TSF component with a conjoint session
// (the patient and a partner) and the consent for the partner.
func tsfFacilitation(t *testing.T, id uuid.UUID, partner uuid.UUID) *twelvestep.Facilitation {
	t.Helper()
	f, err := twelvestep.New(twelvestep.Config{ID: id, Patient: plantest.Patient(), Curriculum: twelvestep.MATCHTSF(), Location: time.UTC})
	require.NoError(t, err)
	c := familyConsent(7, partner, intervention.Date{})
	_, err = f.RecordConsent(c)
	require.NoError(t, err)
	_, err = f.AddSession(intervention.Session{
		ID: plantest.SessionID(700), Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatConjoint,
		Start: plantest.Day(9), Minutes: 60, Clinician: plantest.Clinician(),
		Participants: []intervention.SessionParticipant{
			participant(plantest.Patient(), intervention.RolePatient, intervention.AttendanceAttended, 60),
			participant(partner, intervention.RolePartner, intervention.AttendanceAttended, 60),
		},
	})
	require.NoError(t, err)
	return f
}

func TestOtherComponents(t *testing.T) {
	partner := uuid.MustParse("f4000000-0000-4000-8000-000000000009")
	dast, err := screen.ScoreDAST10(screen.DAST10Answers{
		Q1: screen.Yes, Q2: screen.Yes, Q3: screen.Yes, Q4: screen.No, Q5: screen.No,
		Q6: screen.No, Q7: screen.No, Q8: screen.No, Q9: screen.No, Q10: screen.No,
	}, screen.DAST10Options{})
	require.NoError(t, err)
	drugBrief, err := brief.New(brief.Config{ID: plantest.ComponentID(8), Patient: plantest.Patient(), Screen: dast.Result,
		ScreenedAt: plantest.Day(0), Payer: billing.PayerMedicaid, Location: time.UTC})
	require.NoError(t, err)
	host := plantest.NewComponent(9, "x-peer-support")

	p := plantest.New(t)
	comps := []intervention.Component{tsfFacilitation(t, plantest.ComponentID(7), partner), drugBrief, host}
	ops := []plan.Op{
		plan.PutProblem(plantest.Problem(1)), plan.PutGoal(plantest.Goal(1, plantest.ProblemID(1))),
		plan.PutObjective(plantest.Objective(1, plantest.GoalID(1))),
	}
	for i, c := range comps {
		ops = append(ops, plan.AttachComponent(c), plan.PutIntervention(plantest.Intervention(i+1, c.Modality(), c.ID(), plantest.ObjectiveID(1))))
	}
	_, _, err = p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), ops...)
	require.NoError(t, err)
	b, err := fhir.Export(p, subject(), options(plantest.Day(20)))
	require.NoError(t, err)

	tsf := resource[*fhir.Procedure](t, b, "Procedure", plantest.SessionID(700))
	assert.Equal(t, "twelve-step-facilitation", tsf.Code.Coding[0].Code, "a conjoint session has no verified PCS code")
	require.NotNil(t, tsf.Encounter, "the partner took part")
	rp := resource[*fhir.RelatedPerson](t, b, "RelatedPerson", partner)
	assert.Equal(t, "SIGOTHR", rp.Relationship[0].Coding[0].Code)
	consent := resource[*fhir.Consent](t, b, "Consent", familyConsent(7, partner, intervention.Date{}).ID)
	ref, ok := b.Resolve(consent.Provision.Actor[0].Reference.Reference)
	require.True(t, ok)
	assert.Equal(t, "RelatedPerson", ref.ResourceType())

	screenObs := resource[*fhir.Observation](t, b, "Observation", plantest.ComponentID(8), "screening")
	assert.Equal(t, screen.LOINCDAST10Total, screenObs.Code.Coding[0].Code)
	cp := resource[*fhir.CarePlan](t, b, "CarePlan", plantest.PlanID())
	assert.Equal(t, fhir.SystemModality, cp.Activity[1].Detail.Code.Coding[0].System, "no SNOMED alcohol brief intervention after a DAST")
	assert.Equal(t, "x-peer-support", cp.Activity[2].Detail.Code.Coding[0].Code)
	assert.Empty(t, cp.Activity[2].Detail.Code.Coding[0].Display)
	assert.Nil(t, cp.Author, "an unsigned plan has no author")
	_, ok = b.Resolve(fhir.URNPrefix + fhir.ResourceID("Observation", plantest.ComponentID(9), "measure", "component.completion"))
	assert.False(t, ok, "a figure that is not computable is left out")
}
