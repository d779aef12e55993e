package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func TestProgressRollUp(t *testing.T) {
	host := plantest.NewComponent(2, intervention.ModalityCBT)
	host.DueItems = []intervention.Due{{Code: "cbt.homework-check", By: plantest.Date(25), Ref: plantest.RecordID(5)}}
	dropped := plantest.Objective(3, plantest.GoalID(1))
	dropped.Status = plan.ObjectiveDiscontinued
	p := plantest.ActivePlan(t, content(t, nil,
		plan.AttachComponent(host),
		plan.PutObjective(plantest.Objective(2, plantest.GoalID(1))),
		plan.PutObjective(dropped),
		plan.PutIntervention(plantest.Intervention(2, intervention.ModalityCBT, host.ID(), plantest.ObjectiveID(2))),
	)...)
	plantest.Edit(t, p, plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveMet))

	asOf := plantest.Day(100)
	pr := p.Progress(asOf, plan.SeedTimingTable())
	assert.Equal(t, plantest.PlanID(), pr.Plan)
	assert.Equal(t, plan.StatusActive, pr.Status)
	assert.Equal(t, asOf, pr.AsOf)
	assert.Equal(t, []plan.ObjectiveSummary{
		{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveMet, Due: plantest.Date(90)},
		{Objective: plantest.ObjectiveID(2), Status: plan.ObjectiveNotStarted, Due: plantest.Date(90), Overdue: true},
		{Objective: plantest.ObjectiveID(3), Status: plan.ObjectiveDiscontinued, Due: plantest.Date(90)},
	}, pr.Objectives)
	assert.Equal(t, "1/2", pr.ObjectivesMet.String(), "met over not discontinued")
	require.Len(t, pr.Components, 2)
	assert.Equal(t, intervention.ModalityMotivationalInterviewing, pr.Components[0].Modality)
	assert.Equal(t, intervention.ModalityCBT, pr.Components[1].Modality)

	var codes []string
	for _, d := range pr.Due {
		codes = append(codes, d.Code)
	}
	assert.Equal(t, []string{"cbt.homework-check", plan.DueReview, plan.DueObjective}, codes, "soonest first")
	review := pr.Due[1]
	assert.Equal(t, plantest.Date(32), review.By, "30 days after activation on 8 January: by the end of 7 February")
	assert.True(t, review.Overdue)
	assert.Equal(t, plantest.PlanID(), review.Ref)
	obj := pr.Due[2]
	assert.Equal(t, plantest.ObjectiveID(2), obj.Ref)
	assert.Equal(t, plantest.Date(90), obj.By, "the objective's own due date, 6 April")
	assert.True(t, obj.Overdue)
	assert.Equal(t, pr.Due, p.Due(asOf, plan.SeedTimingTable()))
}

func TestDueByStatus(t *testing.T) {
	timing := plan.SeedTimingTable()
	d := plantest.DraftPlan(t).Due(plantest.Day(5), timing)
	require.Len(t, d, 1)
	assert.Equal(t, plan.DueInitialPlan, d[0].Code)
	assert.Equal(t, plantest.Date(30), d[0].By, "30 calendar days after admission on 6 January: by the end of 5 February")
	assert.False(t, d[0].Overdue)

	p := plantest.ValidPlan(t)
	plantest.Review(t, p, plantest.Day(30), 1)
	d = p.Due(plantest.Day(31), timing)
	require.Len(t, d, 2)
	assert.Equal(t, plan.DueReview, d[0].Code)
	assert.Equal(t, plantest.Date(60), d[0].By, "30 days after the review on 5 February: by the end of 7 March")

	assert.Empty(t, reach(t, plan.StatusClosed).Due(plantest.Day(100), timing))
	assert.Len(t, plantest.ValidPlan(t).Due(plantest.AsOf(), plan.TimingTable{}), 1, "no row: only the objective")
	cfg := plantest.Config()
	cfg.Jurisdiction = ""
	bare, err := plan.New(cfg)
	require.NoError(t, err)
	assert.Empty(t, bare.Due(plantest.Day(100), timing))
	assert.Empty(t, bare.Progress(plantest.Day(100), timing).Due)
	assert.False(t, bare.Progress(plantest.Day(100), timing).ObjectivesMet.Computable())
}

// A plan deadline is listed as the civil date, in the plan's zone, on which
// it ends. Admitted at 21:30 on 6 January in New York (already 7 January in
// UTC), the Minnesota initial plan (30 days) is due by the end of 5
// February there: not overdue at 23:30 that evening, overdue at 00:01 on
// 6 February. A 24-hour deadline is dated by the day it falls on.
func TestDueDatesInThePlanZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	cfg := plantest.Config()
	cfg.Location = ny
	cfg.Admitted = time.Date(2025, 1, 6, 21, 30, 0, 0, ny)
	p, err := plan.New(cfg)
	require.NoError(t, err)
	timing := plan.SeedTimingTable()

	feb5, err := intervention.NewDate(2025, time.February, 5)
	require.NoError(t, err)
	d := p.Due(time.Date(2025, 2, 5, 23, 30, 0, 0, ny), timing)
	require.Len(t, d, 1)
	assert.Equal(t, plan.DueInitialPlan, d[0].Code)
	assert.Equal(t, feb5, d[0].By, "30 days after 6 January in New York, not after the UTC date")
	assert.False(t, d[0].Overdue, "23:30 on the last day is in time")
	d = p.Due(time.Date(2025, 2, 6, 0, 1, 0, 0, ny), timing)
	require.Len(t, d, 1)
	assert.True(t, d[0].Overdue, "00:01 the next day in New York is overdue")

	cfg.Jurisdiction, cfg.Setting = "US-MT", "asam-3.7" // initial plan within 24 hours
	p, err = plan.New(cfg)
	require.NoError(t, err)
	d = p.Due(cfg.Admitted, timing)
	require.Len(t, d, 1)
	jan7, err := intervention.NewDate(2025, time.January, 7)
	require.NoError(t, err)
	assert.Equal(t, jan7, d[0].By, "21:30 on 7 January, New York")
	assert.False(t, d[0].Overdue)
}
