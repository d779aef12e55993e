package fhir_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// randomPlan builds a random but valid plantest plan from rng: problems
// with zero to two diagnoses, goals in one or both wordings, objectives
// with and without measures, targets and due dates, components of several
// modalities (an MI series with sessions, a CM programme, host
// components), interventions serving random objectives, and — when the
// plan is activated — random objective statuses and session links.
func randomPlan(t *testing.T, rng *rand.Rand) *plan.Plan {
	t.Helper()
	p := plantest.New(t)
	pick := func(n int) int { return rng.IntN(n) }
	var ops []plan.Op

	var comps []intervention.Component
	if pick(2) == 0 {
		mi := plantest.MIComponent(t, plantest.ComponentID(1))
		for n := 1; n <= pick(4); n++ {
			_, err := mi.AddSession(plantest.MISession(n, plantest.Day(3*n)))
			require.NoError(t, err)
		}
		comps = append(comps, mi)
	}
	if pick(3) == 0 {
		comps = append(comps, plantest.CMProgram(t, plantest.ComponentID(2), 2, pick(5)))
	}
	hostModalities := []intervention.Modality{intervention.ModalityCBT, intervention.ModalityFamilyTherapy, intervention.ModalityTwelveStepFacilitation, "x-peer-support"}
	for i := range pick(3) {
		comps = append(comps, plantest.NewComponent(10+i, hostModalities[pick(len(hostModalities))]))
	}
	for _, c := range comps {
		ops = append(ops, plan.AttachComponent(c))
	}

	diagnoses := []plan.DiagnosisCode{"F10.20", "F11.20", "F12.10", "F14.20", "F15.90"}
	nProblems := 1 + pick(3)
	for i := 1; i <= nProblems; i++ {
		pr := plan.Problem{ID: plantest.ProblemID(i), Statement: intervention.NewText(fmt.Sprintf("Problem %d", i))}
		for _, j := range rng.Perm(len(diagnoses))[:pick(3)] {
			pr.Diagnoses = append(pr.Diagnoses, diagnoses[j])
		}
		pr.Status = plan.ProblemStatuses()[pick(len(plan.ProblemStatuses()))]
		ops = append(ops, plan.PutProblem(pr))
	}
	nGoals := 1 + pick(4)
	for i := 1; i <= nGoals; i++ {
		g := plan.Goal{ID: plantest.GoalID(i), Problem: plantest.ProblemID(1 + pick(nProblems)), Status: plan.GoalStatuses()[pick(3)]}
		switch pick(3) {
		case 0:
			g.PatientWords = intervention.NewText(fmt.Sprintf("My goal %d", i))
		case 1:
			g.Clinical = intervention.NewText(fmt.Sprintf("Clinical goal %d", i))
		default:
			g.PatientWords, g.Clinical = intervention.NewText(fmt.Sprintf("My goal %d", i)), intervention.NewText(fmt.Sprintf("Clinical goal %d", i))
		}
		ops = append(ops, plan.PutGoal(g))
	}
	nObjectives := 1 + pick(5)
	for i := 1; i <= nObjectives; i++ {
		o := plan.Objective{ID: plantest.ObjectiveID(i), Goal: plantest.GoalID(1 + pick(nGoals)), Text: intervention.NewText(fmt.Sprintf("Objective %d", i))}
		if pick(4) > 0 {
			o.Measure = []string{"sessions-attended", "cm.negative-share", "days-abstinent"}[pick(3)]
		}
		switch pick(4) {
		case 0:
			o.Target = plan.Target{Comparator: plan.Comparators()[pick(3)], Value: decimal.New(int64(pick(1000)), -int32(pick(3))), Unit: "days"}
		case 1:
			o.Target = plan.Target{Criterion: intervention.NewText("Observable")}
		case 2:
			o.Target = plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(1), Criterion: intervention.NewText("And observable")}
		}
		if pick(3) > 0 {
			o.Due = plantest.Date(30 + pick(150))
		}
		ops = append(ops, plan.PutObjective(o))
	}
	nInterventions := 1 + pick(4)
	for i := 1; i <= nInterventions; i++ {
		iv := plan.Intervention{ID: plantest.InterventionID(i), Modality: "x-unattached", Status: plan.InterventionStatuses()[pick(3)]}
		if len(comps) > 0 && pick(4) > 0 {
			c := comps[pick(len(comps))]
			iv.Modality, iv.Component = c.Modality(), c.ID()
		}
		for _, j := range rng.Perm(nObjectives)[:1+pick(nObjectives)] {
			iv.Objectives = append(iv.Objectives, plantest.ObjectiveID(1+j))
		}
		if pick(3) > 0 {
			iv.Frequency = plan.Frequency{Count: 1 + pick(3), Per: plan.FrequencyUnits()[pick(3)], Minutes: pick(2) * 50}
		}
		for range pick(3) {
			iv.Responsible = append(iv.Responsible, uuid.UUID{0x57, 15: byte(1 + pick(200))})
		}
		iv.Responsible = dedupe(iv.Responsible)
		ops = append(ops, plan.PutIntervention(iv))
	}
	if pick(2) == 0 {
		ops = append(ops, plan.SetLevelOfCare(plantest.LevelOfCare(1)))
	}
	_, _, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), ops...)
	require.NoError(t, err)
	if pick(3) == 0 {
		return p // a draft
	}
	plantest.SignRevision(t, p, plantest.ChangeID(1), plantest.Day(1).Add(time.Hour), 1)
	_, _, err = p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
	require.NoError(t, err)
	for i := 1; i <= nObjectives; i++ {
		if s := plan.ObjectiveStatuses()[pick(5)]; s != plan.ObjectiveNotStarted && pick(2) == 0 {
			_, _, err := p.Edit(plantest.Change(100+i, plan.ReasonUpdate, plantest.Day(2).Add(time.Duration(i)*time.Minute)),
				plan.SetObjectiveStatus(plantest.ObjectiveID(i), s))
			require.NoError(t, err)
		}
	}
	for n := 1; n <= pick(6); n++ {
		l := plan.SessionLink{ID: plantest.SessionID(n), Modality: "x-unlinked", Start: plantest.Day(3 * n), Minutes: 50}
		if len(comps) > 0 && pick(2) == 0 {
			c := comps[pick(len(comps))]
			l.Component, l.Modality = c.ID(), c.Modality()
		}
		for range pick(3) {
			if pick(2) == 0 {
				l.Addresses = append(l.Addresses, plantest.ObjectiveID(1+pick(nObjectives)))
			} else {
				l.Addresses = append(l.Addresses, plantest.InterventionID(1+pick(nInterventions)))
			}
		}
		l.Addresses = dedupe(l.Addresses)
		_, err := p.LinkSession(l)
		require.NoError(t, err)
	}
	if pick(4) == 0 {
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonDischarge, plantest.Day(40)), plan.StatusClosed)
		require.NoError(t, err)
	}
	return p
}

func dedupe(ids []uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	seen := map[uuid.UUID]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// TestRandomPlansResolve is a property test: every random plan exports to
// a document whose references all resolve inside it, with unique fullUrls,
// the Composition first, activities with a detail and no reference, and
// the same bytes on a second export.
func TestRandomPlansResolve(t *testing.T) {
	for seed := range uint64(60) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 0x5eed))
			p := randomPlan(t, rng)
			o := options(plantest.Day(1 + rng.IntN(60)))
			o.IncludePatientWords, o.OmitClinicalText = rng.IntN(2) == 0, rng.IntN(2) == 0
			if rng.IntN(2) == 0 {
				o.Consents = []intervention.Consent{tpoConsent()}
			}
			b, err := fhir.Export(p, subject(), o)
			require.NoError(t, err)
			require.NoError(t, b.Verify())
			first := indented(t, b)
			requireResolves(t, first)
			again, err := fhir.Export(p, subject(), o)
			require.NoError(t, err)
			assert.Equal(t, string(first), string(indented(t, again)))
			for _, r := range b.Resources("CarePlan") {
				for _, a := range as[*fhir.CarePlan](r).Activity {
					assert.NotNil(t, a.Detail)
					assert.Nil(t, a.Reference)
				}
			}
			for _, r := range b.Resources("Goal") {
				g := as[*fhir.Goal](r)
				assert.NotEmpty(t, g.LifecycleStatus)
				require.NotNil(t, g.AchievementStatus)
				assert.True(t, g.Description.Text != "" || len(g.Description.Coding) > 0)
				for _, tg := range g.Target {
					if tg.DetailQuantity != nil || tg.DetailString != "" {
						assert.NotNil(t, tg.Measure, "gol-1")
					}
				}
			}
			assert.Len(t, b.Resources("Goal"), len(p.Goals())+len(p.Objectives()))
			var doc bundleJSON
			require.NoError(t, json.Unmarshal(first, &doc))
			for i, e := range doc.Entry {
				requireNarrative(t, e.Resource["text"], fmt.Sprint("entry ", i))
			}
		})
	}
}
