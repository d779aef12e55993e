package plan_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// generator builds random plans through the API, so that every plan it
// makes is one a host could have made.
type generator struct {
	t   testing.TB
	r   *rand.Rand
	ids int
}

func (g *generator) id() uuid.UUID {
	g.ids++
	var u uuid.UUID
	u[0], u[14], u[15] = 0x9e, byte(g.ids>>8), byte(g.ids)
	return u
}

var textRunes = []rune("abcdefghij XYZ0123456789.,;'\"\\/\n\té√ßü😀<>&\u2028漢字")

func (g *generator) text() intervention.Text {
	var b strings.Builder
	b.WriteByte('a' + byte(g.r.IntN(26)))
	for range g.r.IntN(40) {
		b.WriteRune(textRunes[g.r.IntN(len(textRunes))])
	}
	return intervention.NewText(b.String())
}

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *generator) chance(n int) bool { return g.r.IntN(n) == 0 }

// generatePlan returns a random plan for seed: any status, any mix of
// elements, components, reviews, signatures and sessions.
func generatePlan(t testing.TB, seed uint64) *plan.Plan {
	t.Helper()
	g := &generator{t: t, r: rand.New(rand.NewPCG(seed, 0x5eed))} //nolint:gosec // test data
	loc := time.UTC
	if g.chance(2) {
		var err error
		loc, err = time.LoadLocation("America/Denver")
		require.NoError(t, err)
	}
	admitted := time.Date(2025, 3, 1+g.r.IntN(20), g.r.IntN(24), g.r.IntN(60), 0, 0, loc)
	cfg := plan.Config{ID: g.id(), Patient: plantest.Patient(), Admitted: admitted, Location: loc}
	if g.chance(2) {
		cfg.Jurisdiction, cfg.Setting = "US-MN", "outpatient"
	}
	if g.chance(2) {
		d, _ := intervention.DateOf(admitted, loc)
		cfg.End = d.AddDays(g.r.IntN(400))
	}
	p, err := plan.New(cfg)
	require.NoError(t, err)
	at := admitted
	next := func() plan.Change {
		at = at.Add(time.Duration(1+g.r.IntN(72*60)) * time.Minute)
		return plan.Change{ID: g.id(), By: plantest.Author(), At: at, Reason: pick(g, plan.Reasons())}
	}
	ops, objectives, interventions := g.content(t, cfg)
	rev, _, err := p.Edit(next(), ops...)
	require.NoError(t, err)
	g.sign(p, rev, at)
	if g.chance(4) {
		_, _, err := p.Transition(next(), plan.StatusClosed)
		require.NoError(t, err)
		return p
	}
	if g.chance(5) {
		return p
	}
	act, _, err := p.Transition(next(), plan.StatusActive)
	require.NoError(t, err)
	g.sign(p, act, at)
	for range g.r.IntN(4) {
		_, _, err := p.Transition(next(), plan.StatusUnderReview)
		require.NoError(t, err)
		if g.chance(2) {
			_, _, err := p.Edit(next(), plan.PutStrength(plan.Strength{ID: g.id(), Text: g.text()}))
			require.NoError(t, err)
		}
		r := plan.Review{ID: g.id(), Outcome: pick(g, plan.ReviewOutcomes())}
		if g.chance(2) {
			r.Justification = g.text()
		}
		for _, o := range objectives {
			if g.chance(2) {
				op := plan.ObjectiveProgress{Objective: o, Status: pick(g, plan.ObjectiveStatuses())}
				if g.chance(2) {
					op.Note = g.text()
				}
				r.Progress = append(r.Progress, op)
			}
		}
		rev, _, err := p.CompleteReview(next(), r)
		require.NoError(t, err)
		g.sign(p, rev, at)
	}
	for range g.r.IntN(6) {
		l := plan.SessionLink{ID: g.id(), Modality: intervention.ModalityCBT, Start: at.Add(-time.Hour), Minutes: g.r.IntN(120), Billable: g.chance(2)}
		for _, id := range append(objectives, interventions...) {
			if g.chance(3) {
				l.Addresses = append(l.Addresses, id)
			}
		}
		_, err := p.LinkSession(l)
		require.NoError(t, err)
	}
	if g.chance(3) {
		_, _, err := p.Transition(next(), plan.StatusClosed)
		require.NoError(t, err)
	}
	return p
}

// content returns the ops of random content and the IDs of its objectives
// and interventions.
func (g *generator) content(t testing.TB, cfg plan.Config) (ops []plan.Op, objectives, interventions []uuid.UUID) {
	day, _ := intervention.DateOf(cfg.Admitted, cfg.Location)
	var components []intervention.Component
	for range g.r.IntN(3) {
		c := plantest.MIComponent(t, g.id())
		components = append(components, c)
		ops = append(ops, plan.AttachComponent(c))
	}
	if g.chance(2) {
		c := plantest.BriefComponent(t, g.id())
		components = append(components, c)
		ops = append(ops, plan.AttachComponent(c))
	}
	for range 1 + g.r.IntN(4) {
		pr := plan.Problem{ID: g.id(), Statement: g.text(), Status: pick(g, plan.ProblemStatuses())}
		for range g.r.IntN(3) {
			pr.Diagnoses = append(pr.Diagnoses, plan.DiagnosisCode(pick(g, []string{"F10.20", "F11.20", "F14.10", "Z59.0", "F32.A", "F41"})))
		}
		pr.Diagnoses = uniq(pr.Diagnoses)
		for range g.r.IntN(3) {
			e := plan.Evidence{Text: g.text()}
			if g.chance(2) {
				e.Source, e.Ref = "audit", g.id()
			}
			pr.Evidence = append(pr.Evidence, e)
		}
		ops = append(ops, plan.PutProblem(pr))
		for range g.r.IntN(3) {
			goal := plan.Goal{ID: g.id(), Problem: pr.ID, Clinical: g.text(), Status: pick(g, plan.GoalStatuses())}
			if g.chance(2) {
				goal.PatientWords, goal.Term = g.text(), pick(g, plan.GoalTerms())
			}
			ops = append(ops, plan.PutGoal(goal))
			for range g.r.IntN(3) {
				o := plan.Objective{ID: g.id(), Goal: goal.ID, Text: g.text(), Status: pick(g, plan.ObjectiveStatuses())}
				switch g.r.IntN(3) {
				case 0:
					o.Measure = "days-abstinent"
					o.Target = plan.Target{Comparator: pick(g, plan.Comparators()), Value: decimal.New(g.r.Int64N(20000)-10000, -int32(g.r.IntN(4))), Unit: "days"}
				case 1:
					o.Target = plan.Target{Criterion: g.text()}
				}
				if g.chance(2) {
					o.Due = day.AddDays(g.r.IntN(300))
				}
				ops = append(ops, plan.PutObjective(o))
				objectives = append(objectives, o.ID)
			}
		}
	}
	if len(objectives) > 0 {
		for range g.r.IntN(4) {
			iv := plan.Intervention{ID: g.id(), Objectives: []uuid.UUID{pick(g, objectives)}, Modality: intervention.ModalityCBT,
				Status: pick(g, plan.InterventionStatuses())}
			if len(components) > 0 && g.chance(2) {
				c := pick(g, components)
				iv.Component, iv.Modality = c.ID(), c.Modality()
			}
			if g.chance(2) {
				iv.Frequency = plan.Frequency{Count: 1 + g.r.IntN(5), Per: pick(g, plan.FrequencyUnits()), Minutes: g.r.IntN(90)}
				iv.Responsible = []uuid.UUID{plantest.Clinician()}
			}
			ops = append(ops, plan.PutIntervention(iv))
			interventions = append(interventions, iv.ID)
		}
	}
	for range g.r.IntN(3) {
		ops = append(ops, plan.PutStrength(plan.Strength{ID: g.id(), Text: g.text()}))
	}
	for range g.r.IntN(2) {
		d := plan.DischargeCriterion{ID: g.id(), Text: g.text()}
		if g.chance(2) {
			d.Discussed = day
		}
		ops = append(ops, plan.PutDischargeCriterion(d))
	}
	if g.chance(2) {
		ops = append(ops, plan.PutParticipation(plan.Participation{ID: g.id(), Person: plantest.Patient(), Role: pick(g, intervention.Roles()), On: day}))
	}
	if g.chance(2) {
		l := plan.LevelOfCare{ID: g.id(), Edition: pick(g, plan.Editions()), Level: pick(g, []string{"1", "2.1", "3.7", "1.0"}),
			Dimensions: plantest.Ratings(g.r.IntN(5), g.r.IntN(5), g.r.IntN(5)), AssessedOn: day, Assessor: plantest.Author()}
		if g.chance(2) {
			l.Driving, l.Rationale = []int{1 + g.r.IntN(3)}, g.text()
		}
		ops = append(ops, plan.SetLevelOfCare(l))
	}
	return ops, objectives, interventions
}

func (g *generator) sign(p *plan.Plan, rev plan.Revision, at time.Time) {
	if g.chance(3) {
		return
	}
	s := plan.Signature{ID: g.id(), Revision: rev.ID, Role: plan.SignerAuthor, Signer: plantest.Author(), SignedAt: at,
		Credential: "LADC", Qualified: g.chance(2)}
	_, err := p.Sign(s)
	require.NoError(g.t, err)
	s = plan.Signature{ID: g.id(), Revision: rev.ID, Role: plan.SignerPatient, Signer: plantest.Patient(), SignedAt: at.Add(time.Minute)}
	if g.chance(3) {
		s.Declined = pick(g, plan.DeclineReasons())
	}
	_, err = p.Sign(s)
	require.NoError(g.t, err)
}

func uniq[T comparable](xs []T) []T {
	var out []T
	for _, x := range xs {
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}
