package plantest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// Sizes of RealisticPlan.
const (
	RealisticProblems   = 10
	RealisticGoals      = 20
	RealisticObjectives = 30
	RealisticWeeks      = 52
	realisticReviewDays = 28
	realisticComponents = 6
)

// RealisticAsOf returns the time RealisticPlan is checked at: a year after
// admission.
func RealisticAsOf() time.Time { return Day(365) }

// RealisticConfig returns the configuration of RealisticPlan: Minnesota
// outpatient, a 400-day plan period.
func RealisticConfig() plan.Config {
	cfg := Config()
	cfg.End = Date(400)
	return cfg
}

// Realistic is a year-long plan with what it takes to encode it.
type Realistic struct {
	Plan *plan.Plan
	// Codec reads and writes the plan: the contingency-management programme
	// through CMCodec over Ledger, the other components through the
	// built-in codecs or ComponentCodec.
	Codec  *plan.Codec
	Ledger *contingency.Ledger
}

// RealisticPlan builds a plan the size of a year of outpatient treatment:
// six components of different modalities (an MI series with 52 weekly
// sessions and monthly stage assessments, a brief intervention, a CM
// programme with twice-weekly results for a year, a 10-session CBT course
// with practice exercises, a CRAFT family therapy with 26 fortnightly
// sessions, and a MAAEZ TSF course with three meetings a week for a year),
// 10 problems, 20 goals, 30 objectives, 12 interventions, reviews every 28
// days with signatures, and every session linked to the plan. It passes
// plan.DefaultRules as of RealisticAsOf.
func RealisticPlan(t T) Realistic {
	t.Helper()
	p, err := plan.New(RealisticConfig())
	if !ok(t, "plan.New", err) {
		return Realistic{}
	}
	mi, err := motivation.New(motivation.Config{ID: ComponentID(1), Patient: Patient(), Target: "alcohol-use", PlannedSessions: RealisticWeeks, Location: time.UTC})
	if !ok(t, "motivation.New", err) {
		return Realistic{}
	}
	for w := range RealisticWeeks {
		if _, err := mi.AddSession(MISession(w+1, Day(7*w+3))); !ok(t, "AddSession", err) {
			return Realistic{}
		}
	}
	for m := range 12 {
		stage := motivation.StageContemplation
		if m >= 2 {
			stage = motivation.StageAction
		}
		StageMI(t, mi, 100+m, stage, Date(30*m+1))
	}
	cm := CMProgram(t, ComponentID(3), RealisticWeeks, 2*RealisticWeeks)
	components := []intervention.Component{
		mi, BriefComponent(t, ComponentID(2)), cm, CBTCourse(t, ComponentID(4)),
		FamilyTherapy(t, ComponentID(5), RealisticWeeks/2), TSFFacilitation(t, ComponentID(6), RealisticWeeks),
	}
	if _, _, err := p.Edit(Change(1, plan.ReasonInitial, Day(1)), realisticOps(components)...); !ok(t, "Edit", err) {
		return Realistic{}
	}
	SignRevision(t, p, ChangeID(1), Day(1).Add(time.Hour), 1)
	if _, _, err := p.Transition(Change(2, plan.ReasonActivation, Day(2)), plan.StatusActive); !ok(t, "Transition", err) {
		return Realistic{}
	}
	for n := 1; realisticReviewDays*n+2 <= 365; n++ {
		var ops []plan.Op
		if n == 1 {
			for o := range RealisticObjectives {
				ops = append(ops, plan.SetObjectiveStatus(ObjectiveID(o+1), plan.ObjectiveInProgress))
			}
		}
		if n == 6 {
			for o := range 10 {
				ops = append(ops, plan.SetObjectiveStatus(ObjectiveID(o+1), plan.ObjectiveMet))
			}
		}
		Review(t, p, Day(realisticReviewDays*n+2), n, ops...)
	}
	linkRealisticSessions(t, p, components)
	codec, err := plan.NewCodec(plan.WithComponentCodec(intervention.ModalityContingencyManagement, CMCodec(cm.Ledger())))
	if !ok(t, "plan.NewCodec", err) {
		return Realistic{}
	}
	return Realistic{Plan: p, Codec: codec, Ledger: cm.Ledger()}
}

func realisticOps(components []intervention.Component) []plan.Op {
	ops := make([]plan.Op, 0, 100)
	for _, c := range components {
		ops = append(ops, plan.AttachComponent(c))
	}
	for i := 1; i <= RealisticProblems; i++ {
		ops = append(ops, plan.PutProblem(Problem(i)))
	}
	for i := 1; i <= RealisticGoals; i++ {
		ops = append(ops, plan.PutGoal(Goal(i, ProblemID((i+1)/2))))
	}
	for i := 1; i <= RealisticObjectives; i++ {
		o := Objective(i, GoalID((i-1)%RealisticGoals+1))
		o.Due = Date(60 + 9*i)
		ops = append(ops, plan.PutObjective(o))
	}
	for j := 1; j <= 2*realisticComponents; j++ {
		c := components[(j-1)%realisticComponents]
		var objs []uuid.UUID
		for o := j; o <= RealisticObjectives; o += 2 * realisticComponents {
			objs = append(objs, ObjectiveID(o))
		}
		ops = append(ops, plan.PutIntervention(Intervention(j, c.Modality(), c.ID(), objs...)))
	}
	for i := 1; i <= 3; i++ {
		ops = append(ops, plan.PutStrength(plan.Strength{ID: StrengthID(i), Text: intervention.NewText(fmt.Sprintf("Strength %d", i))}))
	}
	ops = append(ops,
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: DischargeID(1), Text: intervention.NewText("Ninety days abstinent"), Discussed: Date(1)}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: DischargeID(2), Text: intervention.NewText("Stable housing")}),
		plan.PutParticipation(plan.Participation{ID: ParticipationID(1), Person: Patient(), Role: intervention.RolePatient, On: Date(1)}),
		plan.SetLevelOfCare(LevelOfCare(1)),
	)
	return ops
}

// linkRealisticSessions links every session of the MI, CBT, family and TSF
// components to the intervention of its component and that
// intervention's first objective.
func linkRealisticSessions(t T, p *plan.Plan, components []intervention.Component) {
	t.Helper()
	var sessions [][]intervention.Session
	mi, _ := components[0].(*motivation.Component)
	c, _ := components[3].(*cbt.Course)
	f, _ := components[4].(*family.Therapy)
	tsf, _ := components[5].(*twelvestep.Facilitation)
	var list []intervention.Session
	for _, s := range mi.Sessions() {
		list = append(list, s.Session)
	}
	sessions = append(sessions, list)
	list = nil
	for _, s := range c.Sessions() {
		list = append(list, s.Session)
	}
	sessions = append(sessions, list)
	list = nil
	for _, s := range f.Sessions() {
		list = append(list, s.Session)
	}
	sessions = append(sessions, list, tsf.Sessions())
	for k, idx := range []int{1, 4, 5, 6} {
		for _, s := range sessions[k] {
			l := plan.LinkFor(s, components[idx-1].ID(), true, InterventionID(idx), ObjectiveID(idx))
			if _, err := p.LinkSession(l); !ok(t, "LinkSession", err) {
				return
			}
		}
	}
}

// CMCodec is a host's codec for contingency.Program components: the
// programme writes itself (its MarshalJSON), and the decoder closes over
// the host's ledger, which contingency.DecodeProgram replays the
// programme's operations against (idempotently, so nothing new is posted).
func CMCodec(ledger *contingency.Ledger) plan.ComponentCodec {
	return plan.ComponentCodec{
		Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return contingency.DecodeProgram(context.Background(), doc, ledger)
		},
	}
}
