package plantest_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// recorder is a plantest.T that records failures instead of stopping.
type recorder struct {
	errors []string
	failed bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) FailNow() { r.failed = true }

func TestFixedValues(t *testing.T) {
	assert.Equal(t, "00000000-0000-0000-0000-000300000002", plantest.ProblemID(2).String())
	ids := map[string]bool{}
	for _, id := range []fmt.Stringer{
		plantest.PlanID(), plantest.Patient(), plantest.Author(), plantest.Cosigner(), plantest.Clinician(),
		plantest.ProblemID(1), plantest.GoalID(1), plantest.ObjectiveID(1), plantest.InterventionID(1), plantest.StrengthID(1),
		plantest.DischargeID(1), plantest.ParticipationID(1), plantest.ComponentID(1), plantest.ChangeID(1), plantest.SignatureID(1),
		plantest.SessionID(1), plantest.LevelID(1), plantest.ReviewID(1), plantest.RecordID(1),
	} {
		assert.False(t, ids[id.String()], "IDs are distinct across namespaces")
		ids[id.String()] = true
	}
	assert.Equal(t, time.Monday, plantest.Admitted().Weekday())
	assert.Equal(t, plantest.Admitted().AddDate(0, 0, 20), plantest.AsOf())
	assert.Equal(t, "2025-01-16", plantest.Date(10).String())
	require.NoError(t, plantest.Config().Validate())
	require.NoError(t, plantest.Problem(1).Validate())
	require.NoError(t, plantest.Goal(1, plantest.ProblemID(1)).Validate())
	require.NoError(t, plantest.Objective(1, plantest.GoalID(1)).Validate())
	require.NoError(t, plantest.Intervention(1, intervention.ModalityCBT, plantest.ComponentID(1), plantest.ObjectiveID(1)).Validate())
	require.NoError(t, plantest.LevelOfCare(1).Validate())
}

func TestBuildersPassDefaultRules(t *testing.T) {
	rules := plantest.DefaultRules(t)
	p := plantest.ValidPlan(t)
	assert.Equal(t, plan.StatusActive, p.Status())
	plantest.RequireNoFindings(t, rules.Check(p, plantest.AsOf()))

	d := plantest.DraftPlan(t)
	assert.Equal(t, plan.StatusDraft, d.Status())
	plantest.RequireNoFindings(t, rules.Check(d, plantest.AsOf())) // signatures are checked from activation on

	rev := plantest.Review(t, p, plantest.Day(30), 1)
	assert.Equal(t, plan.StatusActive, rev.To)
	plantest.RequireNoFindings(t, rules.Check(p, plantest.Day(31)))

	r := plantest.RealisticPlan(t)
	assert.Len(t, r.Plan.Components(), 6)
	assert.Len(t, r.Plan.Objectives(), plantest.RealisticObjectives)
	assert.Len(t, r.Plan.Problems(), plantest.RealisticProblems)
	plantest.RequireNoFindings(t, rules.Check(r.Plan, plantest.RealisticAsOf()))
	b, err := r.Codec.Marshal(r.Plan)
	require.NoError(t, err)
	back, err := r.Codec.Unmarshal(b)
	require.NoError(t, err)
	again, err := r.Codec.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
}

func TestAssertionsReportFailures(t *testing.T) {
	findings := []intervention.Finding{{Rule: "X-1", Severity: intervention.SeverityWarning, Path: "goals[0]", Message: "m"}}

	r := &recorder{}
	f := plantest.RequireFinding(r, findings, "X-1", "goals[0]")
	assert.False(t, r.failed)
	assert.Equal(t, findings[0], f)
	plantest.RequireFinding(r, findings, "X-1", "")
	assert.False(t, r.failed)

	plantest.RequireFinding(r, findings, "X-1", "goals[1]")
	assert.True(t, r.failed)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "X-1 warning goals[0]: m")

	r = &recorder{}
	plantest.RequireFinding(r, nil, "X-2", "")
	assert.True(t, r.failed)
	assert.Contains(t, r.errors[0], "got none")

	r = &recorder{}
	plantest.RequireNoFinding(r, findings, "X-2")
	assert.False(t, r.failed)
	plantest.RequireNoFinding(r, findings, "X-1")
	assert.True(t, r.failed)

	r = &recorder{}
	plantest.RequireNoFindings(r, nil)
	assert.False(t, r.failed)
	plantest.RequireNoFindings(r, findings)
	assert.True(t, r.failed)

	assert.Equal(t, findings, plantest.FindingsOf(findings, "X-1"))
	assert.Empty(t, plantest.FindingsOf(findings, "X-2"))
}

func TestBuildersReportFailures(t *testing.T) {
	r := &recorder{}
	p := plantest.ValidPlan(r)
	require.False(t, r.failed)
	plantest.Edit(r, p, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("x")}))
	assert.True(t, r.failed, "an active plan takes no content edit")
	assert.Contains(t, r.errors[0], "plantest: Edit")

	r = &recorder{}
	plantest.SignRevision(r, p, plantest.ChangeID(99), plantest.Day(3), 50)
	assert.True(t, r.failed)

	r = &recorder{}
	plantest.Review(r, plantest.DraftPlan(t), plantest.Day(3), 1)
	assert.True(t, r.failed, "a draft cannot be reviewed")

	r = &recorder{}
	plantest.ActivePlan(r)
	assert.True(t, r.failed, "an edit needs ops")

	r = &recorder{}
	plantest.StageMI(r, plantest.MIComponent(t, plantest.ComponentID(1)), 1, "bogus", plantest.Date(1))
	assert.True(t, r.failed)

	for name, build := range map[string]func(plantest.T){
		"MIComponent":    func(t plantest.T) { plantest.MIComponent(t, [16]byte{}) },
		"BriefComponent": func(t plantest.T) { plantest.BriefComponent(t, [16]byte{}) },
		"CMProgram":      func(t plantest.T) { plantest.CMProgram(t, [16]byte{}, 1, 1) },
		"CBTCourse":      func(t plantest.T) { plantest.CBTCourse(t, [16]byte{}) },
		"FamilyTherapy":  func(t plantest.T) { plantest.FamilyTherapy(t, [16]byte{}, 1) },
		"TSF":            func(t plantest.T) { plantest.TSFFacilitation(t, [16]byte{}, 1) },
	} {
		r = &recorder{}
		build(r)
		assert.True(t, r.failed, name)
	}
}

func TestComponent(t *testing.T) {
	c := plantest.NewComponent(3, intervention.ModalityFamilyTherapy)
	c.Issues = []intervention.Finding{{Rule: "C-FAMILY-1", Severity: intervention.SeverityWarning, Message: "m"}}
	c.DueItems = []intervention.Due{{Code: "x", By: plantest.Date(5)}}
	require.NoError(t, c.Validate())
	assert.Equal(t, plantest.ComponentID(3), c.ID())
	assert.Equal(t, intervention.ModalityFamilyTherapy, c.Modality())
	pr := c.Progress(plantest.Day(6))
	assert.Equal(t, intervention.StatusActive, pr.Status)
	require.Len(t, pr.Due, 1)
	assert.True(t, pr.Due[0].Overdue)
	assert.False(t, c.DueItems[0].Overdue, "Progress copies")
	assert.Equal(t, c.Issues, c.Findings(plantest.AsOf()))

	codec := plantest.ComponentCodec()
	b, err := wiretest.Marshal(c)
	require.NoError(t, err)
	back, err := codec.Decode(b)
	require.NoError(t, err)
	assert.Equal(t, c, back)
	_, err = codec.Decode([]byte(`{"componentId":"00000000-0000-0000-0000-000000000001","kind":"cbt","status":"active","extra":1}`))
	require.ErrorIs(t, err, plantest.ErrMalformed)
	_, err = codec.Decode([]byte(`{} {}`))
	require.ErrorIs(t, err, plantest.ErrMalformed)
	_, err = codec.Decode([]byte(`{"kind":"bogus"}`))
	require.ErrorIs(t, err, intervention.ErrInvalid)
	_, err = codec.Decode([]byte(`{"status":"active"}`))
	require.ErrorIs(t, err, intervention.ErrMissing)
	assert.ElementsMatch(t, []string{"id", "modality"}, fieldPaths(err), "the component's own Validate paths")

	// A due item's "by" is a date; the RFC 3339 instant written before
	// Due.By became a date reads as its UTC date, so stored documents load.
	const head = `{"componentId":"00000000-0000-0000-0000-000000000001","kind":"cbt","status":"active","dueItems":[{"code":"x","by":`
	for _, by := range []string{`"2025-01-11"`, `"2025-01-11T09:00:00Z"`, `"2025-01-10T23:30:00-05:00"`} {
		got, err := codec.Decode([]byte(head + by + `,"overdue":false}]}`))
		require.NoError(t, err, by)
		pc, ok := got.(*plantest.Component)
		require.True(t, ok)
		assert.Equal(t, plantest.Date(5), pc.DueItems[0].By, by)
	}
	for _, by := range []string{`"2025-02-30"`, `"11 January 2025"`, `"2025-01-11T09:00:00"`} {
		_, err := codec.Decode([]byte(head + by + `,"overdue":false}]}`))
		require.ErrorIs(t, err, intervention.ErrInvalid, by)
	}
}

func TestCMCodec(t *testing.T) {
	cm := plantest.CMProgram(t, plantest.ComponentID(3), 4, 5)
	assert.Len(t, cm.Operations(), 5)
	codec := plantest.CMCodec(cm.Ledger())
	b, err := wiretest.Marshal(cm)
	require.NoError(t, err)
	back, err := codec.Decode(b)
	require.NoError(t, err)
	assert.Equal(t, cm.ID(), back.ID())
	_, err = codec.Decode([]byte(`{}`))
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Len(t, plantest.CMConfig(2).Calendar.Visits(), 4)
}

func TestCheck(t *testing.T) {
	rule := plan.NewRule("X-1", intervention.SeverityInfo, func(*plan.Plan, time.Time) []intervention.Finding {
		return []intervention.Finding{{Message: "m"}}
	})
	got := plantest.Check(rule, plantest.ValidPlan(t), plantest.AsOf())
	assert.Equal(t, []intervention.Finding{{Rule: "X-1", Severity: intervention.SeverityInfo, Message: "m"}}, got)
}

func fieldPaths(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	if len(out) == 0 && err != nil && !errors.Is(err, intervention.ErrInvalid) {
		return []string{err.Error()}
	}
	return out
}

func TestModalityBuilders(t *testing.T) {
	asOf := plantest.Day(365)
	c := plantest.CBTCourse(t, plantest.ComponentID(4))
	assert.Len(t, c.Sessions(), 10)
	assert.Empty(t, c.Findings(asOf))
	assert.Equal(t, intervention.StatusCompleted, c.Progress(asOf).Status)
	f := plantest.FamilyTherapy(t, plantest.ComponentID(5), 3)
	assert.Len(t, f.Sessions(), 3)
	assert.Empty(t, f.Findings(asOf))
	s := plantest.TSFFacilitation(t, plantest.ComponentID(6), 2)
	assert.Len(t, s.Sessions(), 6)
	assert.Empty(t, s.Findings(asOf))
}
