package plan_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// Positions of plantest.ContentOps.
const (
	opComponent = iota
	opProblem
	opGoal
	opObjective
	opIntervention
	opStrength
	opDischarge
	opParticipation
	opLevel
)

// content returns ContentOps with the ops at the keys of replace replaced
// (removed when nil), then extra appended.
func content(t testing.TB, replace map[int]plan.Op, extra ...plan.Op) []plan.Op {
	t.Helper()
	var out []plan.Op
	for i, op := range plantest.ContentOps(plantest.MIComponent(t, plantest.ComponentID(1))) {
		if r, ok := replace[i]; ok {
			op = r
		}
		if op != nil {
			out = append(out, op)
		}
	}
	return append(out, extra...)
}

// ruleCase is a plan and the findings one rule must report on it.
type ruleCase struct {
	name  string
	plan  func(t *testing.T) *plan.Plan
	asOf  time.Time
	paths []string // nil: the rule must report nothing
}

// runRule checks rule on each case (as of AsOf unless set), alone and in
// the default set.
func runRule(t *testing.T, rule plan.Rule, cases []ruleCase) { runRuleIn(t, rule, true, cases) }

// runRuleIn is runRule; inDefault says whether the default set holds the
// rule as configured, so that it must report the same.
func runRuleIn(t *testing.T, rule plan.Rule, inDefault bool, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			asOf := tc.asOf
			if asOf.IsZero() {
				asOf = plantest.AsOf()
			}
			p := tc.plan(t)
			got := rule.Check(p, asOf)
			var gotPaths []string
			for _, f := range got {
				assert.Equal(t, rule.ID(), f.Rule)
				assert.Equal(t, rule.Severity(), f.Severity)
				assert.NotEmpty(t, f.Message)
				assert.NotEmpty(t, f.Source)
				gotPaths = append(gotPaths, f.Path)
			}
			assert.ElementsMatch(t, tc.paths, gotPaths)
			if inDefault {
				inSet := plantest.FindingsOf(check(t, p, asOf), rule.ID())
				assert.Len(t, inSet, len(got), "the default set reports the same")
			}
			if tc.paths == nil {
				plantest.RequireNoFinding(t, got, rule.ID())
			} else {
				plantest.RequireFinding(t, got, rule.ID(), tc.paths[0])
			}
		})
	}
}

func valid(t *testing.T) *plan.Plan { return plantest.ValidPlan(t) }

func activeWith(replace map[int]plan.Op, extra ...plan.Op) func(t *testing.T) *plan.Plan {
	return func(t *testing.T) *plan.Plan { return plantest.ActivePlan(t, content(t, replace, extra...)...) }
}

func TestValidPlanPassesDefaultRules(t *testing.T) {
	plantest.RequireNoFindings(t, check(t, plantest.ValidPlan(t), plantest.AsOf()))
	r := plantest.RealisticPlan(t)
	plantest.RequireNoFindings(t, check(t, r.Plan, plantest.RealisticAsOf()))
}

func TestStructureRule(t *testing.T) {
	resolved := plantest.Problem(1)
	resolved.Status = plan.ProblemResolved
	deferred := plantest.Problem(2)
	deferred.Status = plan.ProblemDeferred
	discontinued := plantest.Goal(2, plantest.ProblemID(2))
	discontinued.Status = plan.GoalDiscontinued
	met := plantest.Objective(2, plantest.GoalID(1))
	met.Status = plan.ObjectiveMet
	runRule(t, plan.StructureRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"problem without goal", activeWith(nil, plan.PutProblem(plantest.Problem(2))), time.Time{}, []string{"problems[1]"}},
		{"problem with only a discontinued goal", activeWith(nil, plan.PutProblem(plantest.Problem(2)), plan.PutGoal(discontinued)),
			time.Time{}, []string{"problems[1]"}},
		{"deferred problem needs no goal", activeWith(nil, plan.PutProblem(deferred)), time.Time{}, nil},
		{"goal without objective", activeWith(nil, plan.PutGoal(plantest.Goal(2, plantest.ProblemID(1)))), time.Time{}, []string{"goals[1]"}},
		{"open objective without intervention", activeWith(nil, plan.PutObjective(plantest.Objective(2, plantest.GoalID(1)))),
			time.Time{}, []string{"objectives[1]"}},
		{"met objective needs no intervention", activeWith(nil, plan.PutObjective(met)), time.Time{}, nil},
		{"no active problem", activeWith(map[int]plan.Op{opProblem: plan.PutProblem(resolved)}), time.Time{}, []string{"problems"}},
	})
}

func TestDiagnosisRule(t *testing.T) {
	noDx := plantest.Problem(1)
	noDx.Diagnoses, noDx.Evidence = nil, nil
	runRule(t, plan.DiagnosisRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"no diagnosis, no evidence", activeWith(map[int]plan.Op{opProblem: plan.PutProblem(noDx)}), time.Time{},
			[]string{"problems", "problems[0].evidence"}},
	})
}

func TestStrengthsRule(t *testing.T) {
	runRule(t, plan.StrengthsRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"none", activeWith(map[int]plan.Op{opStrength: nil}), time.Time{}, []string{"strengths"}},
	})
}

func TestPatientWordsRule(t *testing.T) {
	clinical := plantest.Goal(1, plantest.ProblemID(1))
	clinical.PatientWords = intervention.NewText("  ")
	dropped := plantest.Goal(2, plantest.ProblemID(1))
	dropped.PatientWords, dropped.Status = intervention.NewText(""), plan.GoalDiscontinued
	runRule(t, plan.PatientWordsRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"clinical wording only", activeWith(map[int]plan.Op{opGoal: plan.PutGoal(clinical)}), time.Time{}, []string{"goals[0].patientWords"}},
		{"discontinued goal", activeWith(nil, plan.PutGoal(dropped)), time.Time{}, nil},
	})
}

func TestMeasurableRule(t *testing.T) {
	vague := plantest.Objective(1, plantest.GoalID(1))
	vague.Measure, vague.Target, vague.Due = "", plan.Target{}, intervention.Date{}
	criterion := plantest.Objective(1, plantest.GoalID(1))
	criterion.Target = plan.Target{Criterion: intervention.NewText("Attends every group")}
	runRule(t, plan.MeasurableRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"criterion target", activeWith(map[int]plan.Op{opObjective: plan.PutObjective(criterion)}), time.Time{}, nil},
		{"not measurable", activeWith(map[int]plan.Op{opObjective: plan.PutObjective(vague)}), time.Time{},
			[]string{"objectives[0].measure", "objectives[0].target", "objectives[0].due"}},
	})
}

func TestTargetDatesRule(t *testing.T) {
	at := func(d int) plan.Op {
		o := plantest.Objective(1, plantest.GoalID(1))
		o.Due = plantest.Date(d)
		return plan.PutObjective(o)
	}
	reviewed := func(t *testing.T) *plan.Plan {
		p := activeWith(map[int]plan.Op{opObjective: at(25)})(t)
		plantest.Review(t, p, plantest.Day(28), 1)
		return p
	}
	runRule(t, plan.TargetDatesRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"before the plan starts", activeWith(map[int]plan.Op{opObjective: at(-3)}), plantest.Day(1), []string{"objectives[0].due", "objectives[0].due"}},
		{"after the plan period", activeWith(map[int]plan.Op{opObjective: at(181)}), time.Time{}, []string{"objectives[0].due"}},
		{"past due, not reviewed", activeWith(map[int]plan.Op{opObjective: at(15)}), time.Time{}, []string{"objectives[0].due"}},
		{"past due, reviewed since", reviewed, plantest.Day(29), nil},
		{"due today", activeWith(map[int]plan.Op{opObjective: at(20)}), time.Time{}, nil},
	})
}

func TestInterventionsRule(t *testing.T) {
	bare := plantest.Intervention(1, intervention.ModalityMotivationalInterviewing, plantest.ComponentID(1), plantest.ObjectiveID(1))
	bare.Frequency, bare.Responsible = plan.Frequency{}, nil
	ended := bare
	ended.ID, ended.Status = plantest.InterventionID(2), plan.InterventionCompleted
	runRule(t, plan.InterventionsRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"no frequency, no staff", activeWith(map[int]plan.Op{opIntervention: plan.PutIntervention(bare)}), time.Time{},
			[]string{"interventions[0].frequency", "interventions[0].responsible"}},
		{"completed intervention", activeWith(nil, plan.PutIntervention(ended)), time.Time{}, nil},
	})
}

func TestReadinessRule(t *testing.T) {
	build := func(stage motivation.Stage, withMI bool) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			mi := plantest.MIComponent(t, plantest.ComponentID(1))
			plantest.StageMI(t, mi, 50, stage, plantest.Date(2))
			cbt := plantest.NewComponent(2, intervention.ModalityCBT)
			replace := map[int]plan.Op{
				opComponent:    plan.AttachComponent(mi),
				opIntervention: plan.PutIntervention(plantest.Intervention(1, intervention.ModalityCBT, cbt.ID(), plantest.ObjectiveID(1))),
			}
			extra := []plan.Op{plan.AttachComponent(cbt)}
			if withMI {
				extra = append(extra, plan.PutIntervention(plantest.Intervention(2, intervention.ModalityMotivationalInterviewing, mi.ID(), plantest.ObjectiveID(1))))
			}
			var ops []plan.Op
			for i, op := range plantest.ContentOps(mi) {
				if r, ok := replace[i]; ok {
					op = r
				}
				ops = append(ops, op)
			}
			ops = append(ops[:1], append(extra[:1], ops[1:]...)...)
			return plantest.ActivePlan(t, append(ops, extra[1:]...)...)
		}
	}
	runRule(t, plan.ReadinessRule(plan.ReadinessOptions{}), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"precontemplation, CBT only", build(motivation.StagePrecontemplation, false), time.Time{}, []string{"interventions[0].modality"}},
		{"precontemplation, CBT with MI", build(motivation.StagePrecontemplation, true), time.Time{}, nil},
		{"action, CBT only", build(motivation.StageAction, false), time.Time{}, nil},
		{"assessed after asOf", build(motivation.StagePrecontemplation, false), plantest.Day(0), nil},
	})
	custom := plan.ReadinessRule(plan.ReadinessOptions{Early: []motivation.Stage{motivation.StageAction}})
	assert.Len(t, custom.Check(build(motivation.StageAction, false)(t), plantest.AsOf()), 1)
}

func TestDischargeRule(t *testing.T) {
	undiscussed := plan.DischargeCriterion{ID: plantest.DischargeID(1), Text: intervention.NewText("Ninety days abstinent")}
	runRule(t, plan.DischargeRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"none", activeWith(map[int]plan.Op{opDischarge: nil}), time.Time{}, []string{"dischargeCriteria"}},
		{"not discussed", activeWith(map[int]plan.Op{opDischarge: plan.PutDischargeCriterion(undiscussed)}), time.Time{}, []string{"dischargeCriteria"}},
	})
}

func TestScriptedTextRule(t *testing.T) {
	known := plan.NewTextSet("in my OWN words,   goal 1!", "Objective 1", "Clinical goal 1")
	runRuleIn(t, plan.ScriptedTextRule(known), false, []ruleCase{
		{"scripted", valid, time.Time{}, []string{"goals[0].patientWords", "goals[0].clinical", "objectives[0].text"}},
	})
	runRuleIn(t, plan.ScriptedTextRule(plan.NewTextSet("Something else entirely")), false, []ruleCase{{"individual", valid, time.Time{}, nil}})
	runRule(t, plan.ScriptedTextRule(plan.TextSet{}), []ruleCase{{"empty corpus", valid, time.Time{}, nil}})
}

func TestParticipationRule(t *testing.T) {
	parent := plan.Participation{ID: plantest.ParticipationID(1), Person: plantest.Cosigner(), Role: intervention.RoleParent, On: plantest.Date(1)}
	noReviewParticipation := func(t *testing.T) *plan.Plan {
		p := plantest.ValidPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonReview, plantest.Day(30)), plan.StatusUnderReview)
		require.NoError(t, err)
		_, _, err = p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(30)), plan.Review{
			ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Justification: intervention.NewText("x"),
			Progress: []plan.ObjectiveProgress{{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveInProgress}},
		})
		require.NoError(t, err)
		return p
	}
	runRule(t, plan.ParticipationRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"none", activeWith(map[int]plan.Op{opParticipation: nil}), time.Time{}, []string{"participation"}},
		{"a parent only", activeWith(map[int]plan.Op{opParticipation: plan.PutParticipation(parent)}), time.Time{}, []string{"participation"}},
		{"review without the patient", noReviewParticipation, plantest.Day(31), []string{"reviews[0]"}},
		{"review with the patient", func(t *testing.T) *plan.Plan {
			p := plantest.ValidPlan(t)
			plantest.Review(t, p, plantest.Day(30), 1)
			return p
		}, plantest.Day(31), nil},
	})
}

func TestSignaturesRule(t *testing.T) {
	unsigned := func(t *testing.T) *plan.Plan {
		p := plantest.DraftPlan(t)
		_, _, err := p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
		require.NoError(t, err)
		return p
	}
	sign := func(sigs ...plan.Signature) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			p := plantest.DraftPlan(t)
			_, _, err := p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
			require.NoError(t, err)
			for _, s := range sigs {
				_, err := p.Sign(s)
				require.NoError(t, err)
			}
			return p
		}
	}
	author := plan.Signature{ID: plantest.SignatureID(1), Revision: plantest.ChangeID(1), Role: plan.SignerAuthor, Signer: plantest.Author(), SignedAt: plantest.Day(1)}
	declined := plan.Signature{ID: plantest.SignatureID(2), Revision: plantest.ChangeID(2), Role: plan.SignerPatient, Signer: plantest.Patient(),
		Declined: plan.DeclineRefused, SignedAt: plantest.Day(3)}
	credentialed := author
	credentialed.Credential = "LADC"
	staleSignature := func(t *testing.T) *plan.Plan {
		p := plantest.DraftPlan(t)
		plantest.SignRevision(t, p, plantest.ChangeID(1), plantest.Day(1), 1)
		plantest.Edit(t, p, plan.PutStrength(plan.Strength{ID: plantest.StrengthID(2), Text: intervention.NewText("Added after signing")}))
		_, _, err := p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
		require.NoError(t, err)
		return p
	}
	unsignedReview := func(t *testing.T) *plan.Plan {
		p := plantest.ValidPlan(t)
		_, _, err := p.Transition(plantest.Change(3, plan.ReasonReview, plantest.Day(30)), plan.StatusUnderReview)
		require.NoError(t, err)
		_, _, err = p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(30)), plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeDischarge})
		require.NoError(t, err)
		return p
	}
	runRule(t, plan.SignaturesRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"unsigned", unsigned, time.Time{}, []string{"revisions[1]", "revisions[1]"}},
		{"author without credentials, refusal documented", sign(author, declined), time.Time{}, []string{"signatures[0].credential"}},
		{"author with credentials, refusal documented", sign(credentialed, declined), time.Time{}, nil},
		{"signed after asOf", sign(credentialed, declined), plantest.Day(2), []string{"revisions[1]"}},
		{"signed content changed before activation", staleSignature, time.Time{}, []string{"revisions[2]", "revisions[2]"}},
		{"review unsigned", unsignedReview, plantest.Day(31), []string{"revisions[3]", "revisions[3]"}},
	})
}

func TestCosignatureRule(t *testing.T) {
	florida := func(qualified bool, cosignDay int) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			cfg := plantest.Config()
			cfg.Jurisdiction, cfg.Setting = "US-FL", "residential-level-1"
			p, err := plan.New(cfg)
			require.NoError(t, err)
			_, _, err = p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), content(t, nil)...)
			require.NoError(t, err)
			for _, s := range []plan.Signature{
				{ID: plantest.SignatureID(1), Revision: plantest.ChangeID(1), Role: plan.SignerAuthor, Signer: plantest.Author(), Credential: "CAC", Qualified: qualified, SignedAt: plantest.Day(1)},
				{ID: plantest.SignatureID(2), Revision: plantest.ChangeID(1), Role: plan.SignerPatient, Signer: plantest.Patient(), SignedAt: plantest.Day(1)},
			} {
				_, err := p.Sign(s)
				require.NoError(t, err)
			}
			_, _, err = p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(2)), plan.StatusActive)
			require.NoError(t, err)
			if cosignDay > 0 {
				_, err = p.Sign(plan.Signature{ID: plantest.SignatureID(3), Revision: plantest.ChangeID(2), Role: plan.SignerCosigner,
					Signer: plantest.Cosigner(), Credential: "LMHC", Qualified: true, SignedAt: plantest.Day(cosignDay)})
				require.NoError(t, err)
			}
			return p
		}
	}
	rule := plan.CosignatureRule(plan.SeedTimingTable())
	runRule(t, rule, []ruleCase{
		{"no co-signature rule", valid, time.Time{}, nil},
		{"qualified author", florida(true, 0), time.Time{}, nil},
		{"unqualified, not yet due", florida(false, 0), plantest.Day(10), nil},
		{"unqualified, overdue", florida(false, 0), plantest.Day(12), []string{"signatures[0]"}},
		{"unqualified, co-signed in time", florida(false, 11), plantest.Day(20), nil},
		{"unqualified, co-signed late", florida(false, 12), plantest.Day(20), []string{"signatures[2].signedAt"}},
	})
	always := plan.TimingTable{{Jurisdiction: "US-MN", Setting: "outpatient", Cosign: plan.Cosign{When: plan.CosignAlways, Within: plan.Days(14)}, Source: "test"}}
	runRuleIn(t, plan.CosignatureRule(always), false, []ruleCase{{"always, overdue", valid, time.Time{}, []string{"signatures[0]"}}})
	p := florida(false, 0)(t)
	due := p.Due(plantest.Day(5), plan.SeedTimingTable())
	require.NotEmpty(t, due)
	assert.Equal(t, plan.DueCosignature, due[0].Code)
	assert.Equal(t, plantest.SignatureID(1), due[0].Ref)
	assert.Equal(t, plantest.Date(11), due[0].By, "10 calendar days after 7 January: by the end of 17 January")
}

func TestInitialPlanRule(t *testing.T) {
	lateActivation := func(t *testing.T) *plan.Plan {
		p := plantest.DraftPlan(t)
		plantest.SignRevision(t, p, plantest.ChangeID(1), plantest.Day(1), 1)
		_, _, err := p.Transition(plantest.Change(2, plan.ReasonActivation, plantest.Day(31)), plan.StatusActive)
		require.NoError(t, err)
		return p
	}
	noRow := func(t *testing.T) *plan.Plan {
		cfg := plantest.Config()
		cfg.Setting = "unknown-setting"
		p, err := plan.New(cfg)
		require.NoError(t, err)
		return p
	}
	rule := plan.InitialPlanRule(plan.SeedTimingTable())
	runRule(t, rule, []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"draft within 30 days", draft, plantest.Day(30), nil},
		{"draft after 30 days", draft, plantest.Day(31), []string{"status"}},
		{"activated after 30 days", lateActivation, plantest.Day(40), []string{"revisions[1].at"}},
		{"no timing row", noRow, plantest.Day(400), nil},
	})
}

func TestReviewDueRule(t *testing.T) {
	reviewedOn := func(days ...int) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			p := plantest.ValidPlan(t)
			for i, d := range days {
				plantest.Review(t, p, plantest.Day(d), i+1)
			}
			return p
		}
	}
	closedOn := func(d int) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			p := plantest.ValidPlan(t)
			_, _, err := p.Transition(plantest.Change(3, plan.ReasonDischarge, plantest.Day(d)), plan.StatusClosed)
			require.NoError(t, err)
			return p
		}
	}
	rule := plan.ReviewDueRule(plan.SeedTimingTable())
	runRule(t, rule, []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"draft", draft, plantest.Day(100), nil},
		{"due on day 32", valid, plantest.Day(32), nil},
		{"overdue", valid, plantest.Day(33), []string{"reviews"}},
		{"reviewed in time", reviewedOn(30, 55), plantest.Day(60), nil},
		{"reviewed late", reviewedOn(35), plantest.Day(40), []string{"reviews[0].completed"}},
		{"closed before due", closedOn(25), plantest.Day(100), nil},
		{"closed after due", closedOn(40), plantest.Day(100), []string{"reviews"}},
	})
}

func TestReviewContentRule(t *testing.T) {
	review := func(r plan.Review, edit bool) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			p := underReview(t)
			if edit {
				_, _, err := p.Edit(plantest.Change(5, plan.ReasonReview, plantest.Day(30)), plan.PutObjective(plantest.Objective(2, plantest.GoalID(1))))
				require.NoError(t, err)
			}
			_, _, err := p.CompleteReview(plantest.Change(4, plan.ReasonReview, plantest.Day(30)), r)
			require.NoError(t, err)
			return p
		}
	}
	progress := []plan.ObjectiveProgress{{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveInProgress}}
	runRule(t, plan.ReviewContentRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"complete", review(plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue, Justification: intervention.NewText("x"), Progress: progress}, false), time.Time{}, nil},
		{"new objective needs no progress", review(plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeModify, Justification: intervention.NewText("x"), Progress: progress}, true), time.Time{}, nil},
		{"no progress, no justification", review(plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeContinue}, false), time.Time{},
			[]string{"reviews[0].progress", "reviews[0].justification"}},
		{"modify without changes", review(plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeModify, Justification: intervention.NewText("x"),
			Progress: []plan.ObjectiveProgress{{Objective: plantest.ObjectiveID(1), Status: plan.ObjectiveNotStarted}}}, false), time.Time{},
			[]string{"reviews[0].changed"}},
		{"discharge needs no justification", review(plan.Review{ID: plantest.ReviewID(1), Outcome: plan.OutcomeDischarge, Progress: progress}, false), time.Time{}, nil},
	})
}

func TestASAMPlacementRule(t *testing.T) {
	level := func(edit func(*plan.LevelOfCare)) func(t *testing.T) *plan.Plan {
		l := plantest.LevelOfCare(1)
		edit(&l)
		return activeWith(map[int]plan.Op{opLevel: plan.SetLevelOfCare(l)})
	}
	rule := plan.ASAMPlacementRule(plan.DefaultASAMTable())
	runRule(t, rule, []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"none", activeWith(map[int]plan.Op{opLevel: nil}), time.Time{}, []string{"levelsOfCare"}},
		{"4th edition, retired level", level(func(l *plan.LevelOfCare) { l.Edition, l.Level = plan.ASAMFourth, "3.3" }), time.Time{},
			[]string{"levelsOfCare[0].level"}},
		{"4th edition level", level(func(l *plan.LevelOfCare) { l.Edition, l.Level = plan.ASAMFourth, "2.7" }), time.Time{}, nil},
		{"unknown level", level(func(l *plan.LevelOfCare) { l.Level = "9.9" }), time.Time{}, []string{"levelsOfCare[0].level"}},
		{"missing, extra and out-of-range ratings, no rationale", level(func(l *plan.LevelOfCare) {
			l.Dimensions = []plan.DimensionRating{{Dimension: 1, Rating: 5}, {Dimension: 7, Rating: 0}}
			l.Driving, l.Rationale = []int{1}, intervention.NewText("")
		}), time.Time{}, []string{"levelsOfCare[0].dimensions", "levelsOfCare[0].dimensions[0].rating",
			"levelsOfCare[0].dimensions[1].dimension", "levelsOfCare[0].rationale"}},
	})
	runRuleIn(t, plan.ASAMPlacementRule(plan.ASAMTable{plan.ASAMFourthEdition()}), false, []ruleCase{
		{"edition not in table", valid, time.Time{}, []string{"levelsOfCare[0].edition"}},
	})
}

func TestASAMDerivationRule(t *testing.T) {
	level := func(edit func(*plan.LevelOfCare)) func(t *testing.T) *plan.Plan {
		l := plantest.LevelOfCare(1)
		edit(&l)
		return activeWith(map[int]plan.Op{opLevel: plan.SetLevelOfCare(l)})
	}
	rule := plan.ASAMDerivationRule(plan.DefaultASAMTable())
	runRule(t, rule, []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"no placement", activeWith(map[int]plan.Op{opLevel: nil}), time.Time{}, nil},
		{"no driving dimensions", level(func(l *plan.LevelOfCare) { l.Driving = nil }), time.Time{}, []string{"levelsOfCare[0].driving"}},
		{"driven below the highest risk", level(func(l *plan.LevelOfCare) { l.Driving = []int{3, 5} }), time.Time{},
			[]string{"levelsOfCare[0].driving[0]"}},
		{"4th edition dimension 6", level(func(l *plan.LevelOfCare) {
			l.Edition, l.Level, l.Dimensions, l.Driving = plan.ASAMFourth, "1.5", plantest.Ratings(0, 0, 1, 1, 2, 3), []int{5, 6}
		}), time.Time{}, []string{"levelsOfCare[0].driving[1]"}},
	})
	runRuleIn(t, plan.ASAMDerivationRule(plan.ASAMTable{}), false, []ruleCase{{"edition not in table", valid, time.Time{}, nil}})
}

func TestGoldenThreadRule(t *testing.T) {
	link := func(l plan.SessionLink) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			p := plantest.ValidPlan(t)
			_, err := p.LinkSession(l)
			require.NoError(t, err)
			return p
		}
	}
	runRule(t, plan.GoldenThreadRule(), []ruleCase{
		{"valid", valid, time.Time{}, nil},
		{"billable, addresses nothing", link(plan.SessionLink{ID: plantest.SessionID(2), Modality: intervention.ModalityMotivationalInterviewing,
			Start: plantest.Day(9), Minutes: 50, Billable: true}), time.Time{}, []string{"sessions[1].addresses"}},
		{"not billable, addresses nothing", link(plan.SessionLink{ID: plantest.SessionID(2), Modality: intervention.ModalityMotivationalInterviewing,
			Start: plantest.Day(9), Minutes: 50}), time.Time{}, nil},
		{"modality not in the plan", link(plan.SessionLink{ID: plantest.SessionID(2), Modality: intervention.ModalityCBT,
			Start: plantest.Day(9), Minutes: 50, Addresses: []uuid.UUID{plantest.ObjectiveID(1)}}), time.Time{}, []string{"sessions[1].modality"}},
	})
}

func TestComponentRule(t *testing.T) {
	withIssues := func(issues ...intervention.Finding) func(t *testing.T) *plan.Plan {
		return func(t *testing.T) *plan.Plan {
			c := plantest.NewComponent(2, intervention.ModalityCBT)
			c.Issues = issues
			return activeWith(nil, plan.AttachComponent(c))(t)
		}
	}
	rule := plan.ComponentRule()
	assert.Equal(t, plan.RuleComponents, rule.ID())
	assert.Equal(t, intervention.SeverityError, rule.Severity())
	got := rule.Check(withIssues(
		intervention.Finding{Rule: "C-CBT-MATCH-1", Severity: intervention.SeverityWarning, Path: "sessions[0]", Message: "x", Source: "s"},
		intervention.Finding{Message: "unnamed"},
	)(t), plantest.AsOf())
	assert.Equal(t, []intervention.Finding{
		{Rule: "C-CBT-MATCH-1", Severity: intervention.SeverityWarning, Path: "components[1].sessions[0]", Message: "x", Source: "s"},
		{Rule: plan.RuleComponents, Severity: intervention.SeverityError, Path: "components[1]", Message: "unnamed", Source: "intervention.Checker"},
	}, got)
	assert.Empty(t, rule.Check(withIssues()(t), plantest.AsOf()))

	rules := plantest.DefaultRules(t)
	p := withIssues(intervention.Finding{Rule: "C-TSF-1", Severity: intervention.SeverityError, Message: "x"})(t)
	plantest.RequireFinding(t, rules.Check(p, plantest.AsOf()), "C-TSF-1", "components[1]")
	plantest.RequireNoFinding(t, rules.Without("C-TSF-1").Check(p, plantest.AsOf()), "C-TSF-1")
	lowered, err := rules.WithSeverity("C-TSF-1", intervention.SeverityInfo)
	require.NoError(t, err)
	f := plantest.RequireFinding(t, lowered.Check(p, plantest.AsOf()), "C-TSF-1", "")
	assert.Equal(t, intervention.SeverityInfo, f.Severity)
}

func TestRuleSetComposition(t *testing.T) {
	rules := plantest.DefaultRules(t)
	assert.Equal(t, []string{
		"P-STRUCT-1", "P-DX-1", "P-STRENGTH-1", "P-WORDS-1", "P-MEASURE-1", "P-TARGET-DATE-1", "P-INTERV-1",
		"P-READINESS-1", "P-DISCHARGE-1", "P-SCRIPT-1", "P-PARTIC-1", "P-SIGN-1", "P-COSIGN-1", "P-DUE-INIT-1",
		"P-DUE-REVIEW-1", "P-REVIEW-CONTENT-1", "P-ASAM-1", "P-ASAM-2", "P-THREAD-1", "P-ID-1", "C-COMPONENTS",
	}, rules.IDs())
	assert.Len(t, rules.Rules(), 21)

	p := activeWith(map[int]plan.Op{opStrength: nil, opDischarge: nil})(t)
	got := rules.Check(p, plantest.AsOf())
	require.Len(t, got, 2)
	assert.Equal(t, plan.RuleDischarge, got[0].Rule, "errors first")
	assert.Equal(t, plan.RuleStrengths, got[1].Rule)

	without := rules.Without(plan.RuleDischarge)
	assert.Len(t, without.Rules(), 20)
	assert.Len(t, rules.Rules(), 21, "the receiver is unchanged")
	assert.Len(t, without.Check(p, plantest.AsOf()), 1)
	_, ok := without.Severity(plan.RuleDischarge)
	assert.False(t, ok)

	back := without.With(plan.DischargeRule())
	assert.Len(t, back.Check(p, plantest.AsOf()), 2)

	raised, err := rules.WithSeverity(plan.RuleStrengths, intervention.SeverityError)
	require.NoError(t, err)
	sev, ok := raised.Severity(plan.RuleStrengths)
	require.True(t, ok)
	assert.Equal(t, intervention.SeverityError, sev)
	sev, _ = rules.Severity(plan.RuleStrengths)
	assert.Equal(t, intervention.SeverityWarning, sev)
	for _, f := range raised.Check(p, plantest.AsOf()) {
		assert.Equal(t, intervention.SeverityError, f.Severity)
	}
	_, err = rules.WithSeverity(plan.RuleStrengths, "fatal")
	require.ErrorIs(t, err, plan.ErrRuleSet)
	require.ErrorIs(t, err, intervention.ErrUnknownSeverity)

	host := plan.NewRule("X-ONE", intervention.SeverityInfo, func(*plan.Plan, time.Time) []intervention.Finding {
		return []intervention.Finding{{Path: "strengths", Message: "host"}, {Rule: "X-OTHER", Severity: intervention.SeverityError, Message: "other"}}
	})
	replaced := plan.NewRule("X-ONE", intervention.SeverityInfo, nil)
	set := plan.NewRuleSet(host, nil)
	assert.Equal(t, []intervention.Finding{
		{Rule: "X-OTHER", Severity: intervention.SeverityError, Message: "other"},
		{Rule: "X-ONE", Severity: intervention.SeverityInfo, Path: "strengths", Message: "host"},
	}, set.Check(p, plantest.AsOf()))
	assert.Empty(t, set.With(replaced).Check(p, plantest.AsOf()))
	assert.Empty(t, plan.RuleSet{}.Check(p, plantest.AsOf()))

	_, err = plan.DefaultRules(plan.RulesConfig{Timing: plan.TimingTable{{Jurisdiction: "US-MN"}}})
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Contains(t, paths(err), "timing[0].setting")
}
