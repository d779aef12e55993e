package plan_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func TestStatusStateMachine(t *testing.T) {
	allowed := map[[2]plan.Status]bool{
		{plan.StatusDraft, plan.StatusActive}:       true,
		{plan.StatusDraft, plan.StatusClosed}:       true,
		{plan.StatusActive, plan.StatusUnderReview}: true,
		{plan.StatusActive, plan.StatusClosed}:      true,
		{plan.StatusUnderReview, plan.StatusActive}: true,
		{plan.StatusUnderReview, plan.StatusClosed}: true,
	}
	for _, from := range plan.Statuses() {
		for _, to := range plan.Statuses() {
			assert.Equal(t, allowed[[2]plan.Status{from, to}], from.CanTransition(to), "%s → %s", from, to)
		}
	}
	assert.Empty(t, plan.StatusClosed.Next())
	assert.Empty(t, plan.Status("bogus").Next())
	assert.False(t, plan.Status("bogus").CanTransition(plan.StatusActive))
}

// reach returns a plan in status s built through the API.
func reach(t *testing.T, s plan.Status) *plan.Plan {
	t.Helper()
	switch s {
	case plan.StatusDraft:
		return plantest.DraftPlan(t)
	case plan.StatusActive:
		return plantest.ValidPlan(t)
	case plan.StatusUnderReview:
		return underReview(t)
	case plan.StatusClosed:
		p := plantest.ValidPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonDischarge, plantest.Day(40)), plan.StatusClosed)
		require.NoError(t, err)
		return p
	}
	t.Fatalf("unknown status %s", s)
	return nil
}

func TestTransitionIllegalChangesNothing(t *testing.T) {
	for _, from := range plan.Statuses() {
		for _, to := range append(plan.Statuses(), "bogus") {
			if from.CanTransition(to) && (from != plan.StatusUnderReview || to != plan.StatusActive) {
				continue
			}
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				p := reach(t, from)
				before := doc(t, p)
				_, _, err := p.Transition(change(50, plantest.Day(60)), to)
				require.ErrorIs(t, err, intervention.ErrInvalid)
				switch {
				case !to.Valid():
					require.ErrorIs(t, err, plan.ErrUnknownStatus)
				case from == plan.StatusUnderReview && to == plan.StatusActive:
					require.ErrorIs(t, err, plan.ErrReviewRequired)
				default:
					require.ErrorIs(t, err, plan.ErrIllegalTransition)
				}
				assert.Equal(t, before, doc(t, p))
				assert.Equal(t, from, p.Status())
			})
		}
	}
}

func TestLifecycleFullCycle(t *testing.T) {
	p := plantest.ValidPlan(t)
	act, ok := p.Activation()
	require.True(t, ok)
	assert.Equal(t, plan.StatusDraft, act.From)
	assert.Equal(t, plan.StatusActive, act.To)
	assert.True(t, act.IsTransition())

	rev := plantest.Review(t, p, plantest.Day(30), 1, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Employed")}))
	assert.Equal(t, plan.StatusUnderReview, rev.From)
	assert.Equal(t, plan.StatusActive, rev.To)
	assert.Equal(t, []uuid.UUID{plantest.ReviewID(1)}, rev.Added)
	require.Len(t, p.Reviews(), 1)
	r := p.Reviews()[0]
	assert.Equal(t, plantest.Day(30), r.Started)
	assert.Equal(t, plantest.Day(30), r.Completed)
	assert.Equal(t, plantest.Author(), r.Reviewer)
	assert.Equal(t, rev.ID, r.Revision)
	assert.ElementsMatch(t, []uuid.UUID{plantest.StrengthID(2), plantest.ParticipationID(1000)}, r.Changed)

	_, _, err := p.Transition(plantest.Change(9, plan.ReasonDischarge, plantest.Day(55)), plan.StatusClosed)
	require.NoError(t, err)
	assert.Equal(t, plan.StatusClosed, p.Status())
	seqs := []int{}
	for _, r := range p.Revisions() {
		seqs = append(seqs, r.Seq)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6}, seqs)
	assert.Empty(t, check(t, p, plantest.Day(90)), "a plan closed before its review was due")
}

func TestCompleteReviewAppliesProgress(t *testing.T) {
	p := underReview(t)
	r := plan.Review{
		ID: plantest.ReviewID(1), Outcome: plan.OutcomeModify, Justification: intervention.NewText("Still drinking on weekends"),
		Progress: []plan.ObjectiveProgress{{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveMet, Note: intervention.NewText("met early")}},
	}
	rev, replayed, err := p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(31)), r)
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, []uuid.UUID{plantest.ObjectiveID(1)}, rev.Changed)
	o, ok := p.Objective(plantest.ObjectiveID(1))
	require.True(t, ok)
	assert.Equal(t, plan.ObjectiveMet, o.Status)
	assert.Equal(t, plantest.Day(30), p.Reviews()[0].Started)

	again, replayed, err := p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(31)), r)
	require.NoError(t, err)
	assert.True(t, replayed)
	assert.Equal(t, rev, again)
	r.Outcome = plan.OutcomeContinue
	_, _, err = p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(31)), r)
	require.ErrorIs(t, err, plan.ErrConflict)
}

func TestCompleteReviewErrorsChangeNothing(t *testing.T) {
	good := plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Justification: intervention.NewText("x")}
	tests := []struct {
		name   string
		plan   func(*testing.T) *plan.Plan
		change plan.Change
		review plan.Review
		rules  []error
		paths  []string
	}{
		{"not under review", func(t *testing.T) *plan.Plan { return plantest.ValidPlan(t) }, change(4, plantest.Day(31)), good,
			[]error{plan.ErrIllegalTransition}, []string{"status"}},
		{"unknown objective", underReviewT, change(4, plantest.Day(31)),
			plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Progress: []plan.ObjectiveProgress{{Objective: plantest.GoalID(1), Status: plan.ObjectiveMet}}},
			[]error{plan.ErrNotFound}, []string{"review.progress[0].objective"}},
		{"invalid review", underReviewT, change(4, plantest.Day(31)),
			plan.Review{Outcome: "maybe", Progress: []plan.ObjectiveProgress{{Status: "x"}, {Status: plan.ObjectiveMet}}},
			[]error{intervention.ErrMissing, plan.ErrUnknownReviewOutcome, plan.ErrUnknownObjectiveStatus},
			[]string{"review.id", "review.outcome", "review.progress[0].objective", "review.progress[0].status", "review.progress[1].objective"}},
		{"review ID names an element", underReviewT, change(4, plantest.Day(31)),
			plan.Review{ID: plantest.GoalID(1), Outcome: plan.OutcomeDischarge}, []error{plan.ErrIDInUse}, []string{"review.id"}},
		{"review ID is the change ID", underReviewT, change(4, plantest.Day(31)),
			plan.Review{ID: plantest.ChangeID(4), Outcome: plan.OutcomeDischarge}, []error{plan.ErrIDInUse}, []string{"review.id"}},
		{"review ID of a revision", underReviewT, change(4, plantest.Day(31)),
			plan.Review{ID: plantest.ChangeID(1), Outcome: plan.OutcomeDischarge}, []error{plan.ErrIDInUse}, []string{"review.id"}},
		{"before the last revision", underReviewT, change(4, plantest.Day(29)), good, []error{plan.ErrOutOfOrder}, []string{"change.at"}},
		{"duplicate progress", underReviewT, change(4, plantest.Day(31)),
			plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Progress: []plan.ObjectiveProgress{
				{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveMet}, {Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveMet}}},
			[]error{intervention.ErrDuplicate}, []string{"review.progress[1].objective"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan(t)
			before := doc(t, p)
			_, _, err := p.CompleteReview(tc.change, tc.review)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			for _, rule := range tc.rules {
				require.ErrorIs(t, err, rule)
			}
			assert.ElementsMatch(t, tc.paths, paths(err))
			assert.Equal(t, before, doc(t, p))
		})
	}
}

func underReviewT(t *testing.T) *plan.Plan { return underReview(t) }

func TestEditRecordsRevision(t *testing.T) {
	p := plantest.New(t)
	assert.Equal(t, plan.StatusDraft, p.Status())
	mi := plantest.MIComponent(t, plantest.ComponentID(1))
	rev, replayed, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), plantest.ContentOps(mi)...)
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, 1, rev.Seq)
	assert.Len(t, rev.Added, 9)
	assert.Empty(t, rev.Changed)
	assert.Len(t, rev.InputHash, 64)
	assert.False(t, rev.IsTransition())

	again, replayed, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), plantest.ContentOps(mi)...)
	require.NoError(t, err)
	assert.True(t, replayed)
	assert.Equal(t, rev, again)
	assert.Len(t, p.Revisions(), 1)

	g := plantest.Goal(1, plantest.ProblemID(1))
	g.Clinical = intervention.NewText("Reworded")
	rev2, _, err := p.Edit(change(2, plantest.Day(2)), plan.PutGoal(g), plan.PutGoal(g))
	require.NoError(t, err)
	assert.Empty(t, rev2.Added)
	assert.Equal(t, []uuid.UUID{plantest.GoalID(1)}, rev2.Changed)
	got, ok := p.Goal(plantest.GoalID(1))
	require.True(t, ok)
	assert.Equal(t, intervention.NewText("Reworded"), got.Clinical)

	_, _, err = p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), plan.PutGoal(g))
	require.ErrorIs(t, err, plan.ErrConflict)
	assert.Equal(t, []string{"change.id"}, paths(err))
}

func TestEditErrorsChangeNothing(t *testing.T) {
	obj := plantest.Objective(9, plantest.GoalID(1))
	tests := []struct {
		name  string
		plan  func(*testing.T) *plan.Plan
		c     plan.Change
		ops   []plan.Op
		rules []error
		paths []string
	}{
		{"no ops", draft, change(5, plantest.Day(3)), nil, []error{intervention.ErrMissing}, []string{"ops"}},
		{"nil op", draft, change(5, plantest.Day(3)), []plan.Op{nil}, []error{intervention.ErrMissing}, []string{"ops[0]"}},
		{"no change", draft, change(5, plantest.Day(3)), []plan.Op{plan.PutGoal(plantest.Goal(1, plantest.ProblemID(1)))},
			[]error{plan.ErrNoChange}, []string{"ops"}},
		{"bad change", draft, plan.Change{Reason: "why"}, []plan.Op{plan.PutStrength(plan.Strength{ID: plantest.StrengthID(9), Text: intervention.NewText("x")})},
			[]error{intervention.ErrMissing, plan.ErrUnknownReason}, []string{"change.id", "change.by", "change.at", "change.reason"}},
		{"change at out of range", draft, change(5, time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)),
			[]plan.Op{plan.PutStrength(plan.Strength{ID: plantest.StrengthID(9), Text: intervention.NewText("x")})},
			[]error{intervention.ErrOutOfRange, plan.ErrOutOfOrder}, []string{"change.at", "change.at"}},
		{"out of order", draft, change(5, plantest.Day(0)), []plan.Op{plan.PutStrength(plan.Strength{ID: plantest.StrengthID(9), Text: intervention.NewText("x")})},
			[]error{plan.ErrOutOfOrder}, []string{"change.at"}},
		{"change ID names an element", draft, change(5, plantest.Day(3)), nil, nil, nil},
		{"active plan", active, change(5, plantest.Day(3)), []plan.Op{plan.PutObjective(obj)}, []error{plan.ErrStatus}, []string{"ops[0]"}},
		{"closed plan", closed, change(5, plantest.Day(50)), []plan.Op{plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveMet)},
			[]error{plan.ErrStatus}, []string{"ops[0]"}},
		{"goal of no problem", draft, change(5, plantest.Day(3)), []plan.Op{plan.PutGoal(plantest.Goal(9, plantest.ProblemID(9)))},
			[]error{plan.ErrNotFound}, []string{"ops[0].problem"}},
		{"objective of a problem", draft, change(5, plantest.Day(3)), []plan.Op{plan.PutObjective(plantest.Objective(9, plantest.ProblemID(1)))},
			[]error{plan.ErrNotFound}, []string{"ops[0].goal"}},
		{"intervention of nothing", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.PutIntervention(plantest.Intervention(9, intervention.ModalityCBT, plantest.ComponentID(9), plantest.GoalID(1)))},
			[]error{plan.ErrNotFound}, []string{"ops[0].objectives[0]", "ops[0].component"}},
		{"intervention modality differs from its component", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.PutIntervention(plantest.Intervention(9, intervention.ModalityCBT, plantest.ComponentID(1), plantest.ObjectiveID(1)))},
			[]error{intervention.ErrInconsistent}, []string{"ops[0].modality"}},
		{"ID of another kind", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.PutStrength(plan.Strength{ID: plantest.GoalID(1), Text: intervention.NewText("x")})}, []error{plan.ErrIDInUse}, []string{"ops[0].id"}},
		{"invalid element, later op still checked", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.PutStrength(plan.Strength{ID: plantest.StrengthID(9)}), plan.PutDischargeCriterion(plan.DischargeCriterion{Text: intervention.NewText("x")})},
			[]error{intervention.ErrMissing}, []string{"ops[0].text", "ops[1].id"}},
		{"objective status of nothing", active, change(5, plantest.Day(3)),
			[]plan.Op{plan.SetObjectiveStatus(plantest.GoalID(1), "done"), plan.SetObjectiveStatus(uuid.Nil, plan.ObjectiveMet)},
			[]error{plan.ErrNotFound, plan.ErrUnknownObjectiveStatus, intervention.ErrMissing},
			[]string{"ops[0].status", "ops[0].objective", "ops[1].objective"}},
		{"nil component", draft, change(5, plantest.Day(3)), []plan.Op{plan.AttachComponent(nil)},
			[]error{intervention.ErrMissing}, []string{"ops[0].component"}},
		{"invalid component", draft, change(5, plantest.Day(3)), []plan.Op{plan.AttachComponent(&plantest.Component{})},
			[]error{intervention.ErrMissing}, []string{"ops[0].component.id", "ops[0].component.modality", "ops[0].component.status"}},
		{"component ID of an element", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.AttachComponent(&plantest.Component{ComponentID: plantest.GoalID(1), Kind: intervention.ModalityCBT, Status: intervention.StatusActive})},
			[]error{plan.ErrIDInUse}, []string{"ops[0].component.id"}},
		{"another component with the same ID", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.AttachComponent(plantest.MIComponent(t, plantest.ComponentID(1)))}, []error{plan.ErrConflict}, []string{"ops[0].component.id"}},
		{"element ID of a revision", draft, change(5, plantest.Day(3)),
			[]plan.Op{plan.PutStrength(plan.Strength{ID: plantest.ChangeID(1), Text: intervention.NewText("x")}), plan.PutStrength(plan.Strength{ID: plantest.ChangeID(5), Text: intervention.NewText("x")}),
				plan.AttachComponent(plantest.NewComponent(9, intervention.ModalityCBT)), plan.AttachComponent(&plantest.Component{
					ComponentID: plantest.ChangeID(5), Kind: intervention.ModalityCBT, Status: intervention.StatusActive})},
			[]error{plan.ErrIDInUse}, []string{"ops[0].id", "ops[1].id", "ops[3].component.id"}},
	}
	for _, tc := range tests {
		if tc.rules == nil {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			p := tc.plan(t)
			before := doc(t, p)
			_, _, err := p.Edit(tc.c, tc.ops...)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			for _, rule := range tc.rules {
				require.ErrorIs(t, err, rule)
			}
			assert.ElementsMatch(t, tc.paths, paths(err))
			assert.Equal(t, before, doc(t, p))
		})
	}
	t.Run("change ID names an element", func(t *testing.T) {
		p := draft(t)
		_, _, err := p.Edit(plan.Change{ID: plantest.GoalID(1), By: plantest.Author(), At: plantest.Day(3), Reason: plan.ReasonUpdate},
			plan.PutStrength(plan.Strength{ID: plantest.StrengthID(9), Text: intervention.NewText("x")}))
		require.ErrorIs(t, err, plan.ErrIDInUse)
		assert.Equal(t, []string{"change.id"}, paths(err))
	})
}

func draft(t *testing.T) *plan.Plan  { return plantest.DraftPlan(t) }
func active(t *testing.T) *plan.Plan { return plantest.ValidPlan(t) }
func closed(t *testing.T) *plan.Plan { return reach(t, plan.StatusClosed) }

func TestAttachSameComponentIsNoChange(t *testing.T) {
	p := plantest.New(t)
	c := plantest.NewComponent(1, intervention.ModalityCBT)
	plantest.Edit(t, p, plan.AttachComponent(c))
	_, _, err := p.Edit(change(200, plantest.Day(3)), plan.AttachComponent(c))
	require.ErrorIs(t, err, plan.ErrNoChange)
	got, ok := p.Component(plantest.ComponentID(1))
	require.True(t, ok)
	assert.Same(t, c, got)
	_, ok = p.Component(plantest.GoalID(1))
	assert.False(t, ok)
	assert.Len(t, p.Components(), 1)
}

// uncomparable is a component whose dynamic type cannot be compared with ==.
type uncomparable struct {
	id   uuid.UUID
	tags []string
}

func (u uncomparable) ID() uuid.UUID                            { return u.id }
func (u uncomparable) Modality() intervention.Modality          { return "x-tags" }
func (u uncomparable) Validate() error                          { return nil }
func (u uncomparable) Progress(time.Time) intervention.Progress { return intervention.Progress{} }

func TestAttachUncomparableComponent(t *testing.T) {
	p := plantest.New(t)
	c := uncomparable{id: plantest.ComponentID(1), tags: []string{"a"}}
	plantest.Edit(t, p, plan.AttachComponent(c))
	_, _, err := p.Edit(change(200, plantest.Day(3)), plan.AttachComponent(uncomparable{id: plantest.ComponentID(1), tags: []string{"a"}}))
	require.ErrorIs(t, err, plan.ErrNoChange)
	_, _, err = p.Edit(change(200, plantest.Day(3)), plan.AttachComponent(uncomparable{id: plantest.ComponentID(1), tags: []string{"b"}}))
	require.ErrorIs(t, err, plan.ErrConflict)
}

func TestSetObjectiveStatusInActivePlan(t *testing.T) {
	p := plantest.ValidPlan(t)
	rev := plantest.Edit(t, p, plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveInProgress))
	assert.Equal(t, []uuid.UUID{plantest.ObjectiveID(1)}, rev.Changed)
	assert.Equal(t, plan.StatusActive, rev.To)
	o, _ := p.Objective(plantest.ObjectiveID(1))
	assert.Equal(t, plan.ObjectiveInProgress, o.Status)
	_, _, err := p.Edit(change(300, plantest.Day(40)), plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveInProgress))
	require.ErrorIs(t, err, plan.ErrNoChange)
}

func TestLevelOfCareHistory(t *testing.T) {
	p := plantest.DraftPlan(t)
	cur, ok := p.LevelOfCare()
	require.True(t, ok)
	assert.Equal(t, plantest.LevelID(1), cur.ID)

	corrected := plantest.LevelOfCare(1)
	corrected.Rationale = intervention.NewText("Corrected rationale")
	rev := plantest.Edit(t, p, plan.SetLevelOfCare(corrected))
	assert.Equal(t, []uuid.UUID{plantest.LevelID(1)}, rev.Changed)
	assert.Len(t, p.LevelsOfCare(), 1)

	next := plantest.LevelOfCare(2)
	next.Level = "2.1"
	rev = plantest.Edit(t, p, plan.SetLevelOfCare(next))
	assert.Equal(t, []uuid.UUID{plantest.LevelID(2)}, rev.Added)
	require.Len(t, p.LevelsOfCare(), 2)
	cur, _ = p.LevelOfCare()
	assert.Equal(t, "2.1", cur.Level)

	before := doc(t, p)
	_, _, err := p.Edit(change(900, plantest.Day(5)), plan.SetLevelOfCare(corrected))
	require.ErrorIs(t, err, plan.ErrIDInUse)
	assert.Equal(t, []string{"ops[0].id"}, paths(err))
	assert.Equal(t, before, doc(t, p))

	_, ok = plantest.New(t).LevelOfCare()
	assert.False(t, ok)
}

func TestAccessorsCopy(t *testing.T) {
	p := plantest.ValidPlan(t)
	probs := p.Problems()
	probs[0].Diagnoses[0] = "Z00.00"
	ivs := p.Interventions()
	ivs[0].Objectives[0] = uuid.Nil
	revs := p.Revisions()
	revs[0].Added[0] = uuid.Nil
	links := p.Sessions()
	links[0].Addresses[0] = uuid.Nil
	l, _ := p.LevelOfCare()
	l.Dimensions[0].Rating = 4
	assert.Equal(t, plan.DiagnosisCode("F10.20"), p.Problems()[0].Diagnoses[0])
	assert.NotEqual(t, uuid.Nil, p.Interventions()[0].Objectives[0])
	assert.NotEqual(t, uuid.Nil, p.Revisions()[0].Added[0])
	assert.NotEqual(t, uuid.Nil, p.Sessions()[0].Addresses[0])
	l2, _ := p.LevelOfCare()
	assert.Equal(t, 0, l2.Dimensions[0].Rating)

	pr, ok := p.Problem(plantest.ProblemID(1))
	require.True(t, ok)
	assert.Equal(t, plantest.ProblemID(1), pr.ID)
	_, ok = p.Problem(plantest.GoalID(1))
	assert.False(t, ok)
	iv, ok := p.Intervention(plantest.InterventionID(1))
	require.True(t, ok)
	assert.Equal(t, plantest.InterventionID(1), iv.ID)
	assert.Len(t, p.Strengths(), 1)
	assert.Len(t, p.DischargeCriteria(), 1)
	assert.Len(t, p.Participation(), 1)
	assert.Len(t, p.Goals(), 1)
	assert.Len(t, p.Signatures(), 2)
	assert.Equal(t, plantest.PlanID(), p.ID())
	assert.Equal(t, plantest.Config().Jurisdiction, p.Config().Jurisdiction)
}

func TestPath(t *testing.T) {
	p := plantest.ValidPlan(t)
	plantest.Review(t, p, plantest.Day(30), 1)
	for id, want := range map[uuid.UUID]string{
		plantest.ObjectiveID(1):     "objectives[0]",
		plantest.ComponentID(1):     "components[0]",
		plantest.LevelID(1):         "levelsOfCare[0]",
		plantest.ReviewID(1):        "reviews[0]",
		plantest.ChangeID(2):        "revisions[1]",
		plantest.SignatureID(2):     "signatures[1]",
		plantest.SessionID(1):       "sessions[0]",
		plantest.ParticipationID(1): "participation[0]",
	} {
		got, ok := p.Path(id)
		require.True(t, ok, want)
		assert.Equal(t, want, got)
	}
	_, ok := p.Path(uuid.Nil)
	assert.False(t, ok)
}

func TestCloneIsIndependent(t *testing.T) {
	p := plantest.ValidPlan(t)
	q := p.Clone()
	plantest.Edit(t, q, plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveMet))
	plantest.Edit(t, p, plan.SetObjectiveStatus(plantest.ObjectiveID(1), plan.ObjectiveNotMet))
	po, _ := p.Objective(plantest.ObjectiveID(1))
	qo, _ := q.Objective(plantest.ObjectiveID(1))
	assert.Equal(t, plan.ObjectiveNotMet, po.Status)
	assert.Equal(t, plan.ObjectiveMet, qo.Status)
	assert.Len(t, p.Revisions(), 3)
	assert.Len(t, q.Revisions(), 3)
	assert.NotEqual(t, p.Revisions()[2].InputHash, q.Revisions()[2].InputHash)
}

func TestZeroPlan(t *testing.T) {
	var p plan.Plan
	assert.Equal(t, uuid.Nil, p.ID())
	assert.Equal(t, plan.Status(""), p.Status())
	_, err := p.MarshalDocument()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	_, _, err = p.Edit(change(1, plantest.Day(1)), plan.PutStrength(plan.Strength{ID: plantest.StrengthID(1), Text: intervention.NewText("x")}))
	require.ErrorIs(t, err, plan.ErrStatus)
	_, err = (*plan.Codec)(nil).Marshal(nil)
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

func TestNewRejectsBadConfig(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	require.NoError(t, err)
	tests := []struct {
		name  string
		edit  func(*plan.Config)
		paths []string
	}{
		{"zero", func(c *plan.Config) { *c = plan.Config{} }, []string{"id", "patient", "admitted"}},
		{"codes", func(c *plan.Config) { c.Jurisdiction, c.Setting = "US MT", "-x" }, []string{"jurisdiction", "setting"}},
		{"local zone", func(c *plan.Config) { c.Location = time.Local }, []string{"timeZone"}},
		{"end before start", func(c *plan.Config) { c.End = plantest.Date(-1) }, []string{"end"}},
		{"admitted out of range", func(c *plan.Config) { c.Admitted = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }, []string{"admitted", "end"}},
		{"fine", func(c *plan.Config) { c.Location = paris }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := plantest.Config()
			tc.edit(&cfg)
			p, err := plan.New(cfg)
			if tc.paths == nil {
				require.NoError(t, err)
				require.NotNil(t, p)
				return
			}
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Nil(t, p)
			assert.ElementsMatch(t, tc.paths, paths(err))
		})
	}
}
