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
	host.DueItems = []intervention.Due{{Code: "cbt.homework-check", By: plantest.Day(25), Ref: plantest.RecordID(5)}}
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
	assert.Equal(t, time.Date(2025, 2, 8, 0, 0, 0, 0, time.UTC), review.By, "30 days after activation on 8 January")
	assert.True(t, review.Overdue)
	assert.Equal(t, plantest.PlanID(), review.Ref)
	obj := pr.Due[2]
	assert.Equal(t, plantest.ObjectiveID(2), obj.Ref)
	assert.Equal(t, time.Date(2025, 4, 7, 0, 0, 0, 0, time.UTC), obj.By)
	assert.True(t, obj.Overdue)
	assert.Equal(t, pr.Due, p.Due(asOf, plan.SeedTimingTable()))
}

func TestDueByStatus(t *testing.T) {
	timing := plan.SeedTimingTable()
	d := plantest.DraftPlan(t).Due(plantest.Day(5), timing)
	require.Len(t, d, 1)
	assert.Equal(t, plan.DueInitialPlan, d[0].Code)
	assert.Equal(t, time.Date(2025, 2, 6, 0, 0, 0, 0, time.UTC), d[0].By, "30 calendar days after admission on 6 January")
	assert.False(t, d[0].Overdue)

	p := plantest.ValidPlan(t)
	plantest.Review(t, p, plantest.Day(30), 1)
	d = p.Due(plantest.Day(31), timing)
	require.Len(t, d, 2)
	assert.Equal(t, plan.DueReview, d[0].Code)
	assert.Equal(t, time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC), d[0].By, "30 days after the review on 5 February")

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
