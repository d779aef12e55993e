package plantest

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// T is the part of testing.TB the helpers use; *testing.T and *testing.B
// satisfy it. A helper that cannot go on calls Errorf, then FailNow.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// ok reports a non-nil err and stops the test, and says whether err was nil.
// With a T whose FailNow returns, the helpers return zero values.
func ok(t T, what string, err error) bool {
	t.Helper()
	if err != nil {
		fail(t, what, err)
		return false
	}
	return true
}

// fail reports err and stops the test.
func fail(t T, what string, err error) {
	t.Helper()
	t.Errorf("plantest: %s: %v", what, err)
	t.FailNow()
}

// Namespaces of the fixed IDs, in the ID's bytes 12–13.
const (
	nsPerson uint16 = iota + 1
	nsPlan
	nsProblem
	nsGoal
	nsObjective
	nsIntervention
	nsStrength
	nsDischarge
	nsParticipation
	nsComponent
	nsChange
	nsSignature
	nsSession
	nsLevel
	nsReview
	nsRecord
)

// id returns the fixed ID n of namespace ns: 00000000-0000-0000-0000-NNNNXXXXXXXX.
func id(ns uint16, n int) uuid.UUID {
	var u uuid.UUID
	binary.BigEndian.PutUint16(u[10:], ns)
	binary.BigEndian.PutUint32(u[12:], uint32(n)) //nolint:gosec // test IDs are small
	return u
}

// PlanID returns the ID of the plans the builders make.
func PlanID() uuid.UUID { return id(nsPlan, 1) }

// Patient returns the patient's ID.
func Patient() uuid.UUID { return id(nsPerson, 1) }

// Author returns the ID of the staff member who writes and signs plans
// (credential "LADC", qualified).
func Author() uuid.UUID { return id(nsPerson, 2) }

// Cosigner returns the ID of a supervising co-signer.
func Cosigner() uuid.UUID { return id(nsPerson, 3) }

// Clinician returns the ID of the clinician responsible for interventions.
func Clinician() uuid.UUID { return id(nsPerson, 4) }

// ProblemID returns the ID of problem n (the builders' IDs are fixed).
func ProblemID(n int) uuid.UUID { return id(nsProblem, n) }

// GoalID returns the ID of goal n.
func GoalID(n int) uuid.UUID { return id(nsGoal, n) }

// ObjectiveID returns the ID of objective n.
func ObjectiveID(n int) uuid.UUID { return id(nsObjective, n) }

// InterventionID returns the ID of intervention n.
func InterventionID(n int) uuid.UUID { return id(nsIntervention, n) }

// StrengthID returns the ID of strength n.
func StrengthID(n int) uuid.UUID { return id(nsStrength, n) }

// DischargeID returns the ID of discharge criterion n.
func DischargeID(n int) uuid.UUID { return id(nsDischarge, n) }

// ParticipationID returns the ID of participation record n.
func ParticipationID(n int) uuid.UUID { return id(nsParticipation, n) }

// ComponentID returns the ID of component n.
func ComponentID(n int) uuid.UUID { return id(nsComponent, n) }

// ChangeID returns the ID of change (revision) n.
func ChangeID(n int) uuid.UUID { return id(nsChange, n) }

// SignatureID returns the ID of signature n.
func SignatureID(n int) uuid.UUID { return id(nsSignature, n) }

// SessionID returns the ID of session n.
func SessionID(n int) uuid.UUID { return id(nsSession, n) }

// LevelID returns the ID of level-of-care placement n.
func LevelID(n int) uuid.UUID { return id(nsLevel, n) }

// ReviewID returns the ID of review n.
func ReviewID(n int) uuid.UUID { return id(nsReview, n) }

// RecordID returns the ID of component record n (a stage assessment, a
// delivery).
func RecordID(n int) uuid.UUID { return id(nsRecord, n) }

// Admitted returns the fixed admission time: Monday 6 January 2025, 09:00 UTC.
func Admitted() time.Time { return time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) }

// Day returns the instant n days after Admitted (same clock time).
func Day(n int) time.Time { return Admitted().AddDate(0, 0, n) }

// Date returns the calendar date of Day(n).
func Date(n int) intervention.Date {
	d, _ := intervention.DateOf(Day(n), time.UTC)
	return d
}

// AsOf returns Day(20): the time at which ValidPlan passes every default rule.
func AsOf() time.Time { return Day(20) }

// Jurisdiction and Setting are those of Config: Minnesota outpatient,
// initial plan within 30 days and reviews every 30 days (reference:
// plans-and-interop.md §4.4, MN 9533.0100).
const (
	Jurisdiction = "US-MN"
	Setting      = "outpatient"
)

// Config returns the configuration of the plans the builders make.
func Config() plan.Config {
	return plan.Config{
		ID: PlanID(), Patient: Patient(), Jurisdiction: Jurisdiction, Setting: Setting,
		Admitted: Admitted(), End: Date(180), Location: time.UTC,
	}
}

// Change returns change n made by the author at at for reason.
func Change(n int, reason plan.Reason, at time.Time) plan.Change {
	return plan.Change{ID: ChangeID(n), By: Author(), At: at, Reason: reason}
}

// Problem returns a complete active problem n (an F10.20 diagnosis and
// evidence).
func Problem(n int) plan.Problem {
	return plan.Problem{
		ID: ProblemID(n), Statement: intervention.NewText(fmt.Sprintf("Problem %d as assessed", n)),
		Diagnoses: []plan.DiagnosisCode{"F10.20"}, Evidence: []plan.Evidence{{Source: "audit", Ref: RecordID(1000 + n)}},
		Status: plan.ProblemActive,
	}
}

// Goal returns a complete goal n of problem, in the patient's words and
// clinical wording.
func Goal(n int, problem uuid.UUID) plan.Goal {
	return plan.Goal{
		ID: GoalID(n), Problem: problem, PatientWords: intervention.NewText(fmt.Sprintf("In my own words, goal %d", n)),
		Clinical: intervention.NewText(fmt.Sprintf("Clinical goal %d", n)), Term: plan.TermShort, Status: plan.GoalActive,
	}
}

// Objective returns a complete objective n of goal: a measure, a numeric
// target and a due date 90 days after admission.
func Objective(n int, goal uuid.UUID) plan.Objective {
	return plan.Objective{
		ID: ObjectiveID(n), Goal: goal, Text: intervention.NewText(fmt.Sprintf("Objective %d", n)), Measure: "sessions-attended",
		Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(8), Unit: "sessions"}, Due: Date(90),
		Status: plan.ObjectiveNotStarted,
	}
}

// Intervention returns a complete weekly intervention n of modality,
// delivered by component (uuid.Nil for none), serving objectives, with the
// Clinician responsible.
func Intervention(n int, m intervention.Modality, component uuid.UUID, objectives ...uuid.UUID) plan.Intervention {
	return plan.Intervention{
		ID: InterventionID(n), Objectives: objectives, Modality: m, Component: component,
		Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: 50}, Responsible: []uuid.UUID{Clinician()},
		Status: plan.InterventionActive,
	}
}

// LevelOfCare returns a complete 3rd-edition placement at level 1,
// assessed on admission, driven by dimension 5.
func LevelOfCare(n int) plan.LevelOfCare {
	return plan.LevelOfCare{
		ID: LevelID(n), Edition: plan.ASAMThird, Level: "1",
		Dimensions: Ratings(0, 0, 1, 1, 2, 1),
		Driving:    []int{5}, Rationale: intervention.NewText("Relapse potential is the highest risk"), AssessedOn: Date(0), Assessor: Author(),
	}
}

// Ratings returns the ratings of dimensions 1, 2, … in order.
func Ratings(ratings ...int) []plan.DimensionRating {
	out := make([]plan.DimensionRating, len(ratings))
	for i, r := range ratings {
		out[i] = plan.DimensionRating{Dimension: i + 1, Rating: r}
	}
	return out
}

// ContentOps returns the ops of a complete one-problem plan around MI
// component c: a problem, a goal, an objective, an MI intervention, a
// strength, a discharge criterion discussed on admission, the patient's
// participation and a level of care.
func ContentOps(c intervention.Component) []plan.Op {
	return []plan.Op{
		plan.AttachComponent(c),
		plan.PutProblem(Problem(1)),
		plan.PutGoal(Goal(1, ProblemID(1))),
		plan.PutObjective(Objective(1, GoalID(1))),
		plan.PutIntervention(Intervention(1, c.Modality(), c.ID(), ObjectiveID(1))),
		plan.PutStrength(plan.Strength{ID: StrengthID(1), Text: intervention.NewText("Supportive sister")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: DischargeID(1), Text: intervention.NewText("Ninety days abstinent"), Discussed: Date(1)}),
		plan.PutParticipation(plan.Participation{ID: ParticipationID(1), Person: Patient(), Role: intervention.RolePatient, On: Date(1)}),
		plan.SetLevelOfCare(LevelOfCare(1)),
	}
}

// New returns an empty draft plan with Config.
func New(t T) *plan.Plan {
	t.Helper()
	p, err := plan.New(Config())
	if !ok(t, "plan.New", err) {
		return nil
	}
	return p
}

// DraftPlan returns a draft with complete content (ContentOps around an MI
// component, change 1 on Day(1)) that is neither signed nor active.
func DraftPlan(t T) *plan.Plan {
	t.Helper()
	p := New(t)
	if _, _, err := p.Edit(Change(1, plan.ReasonInitial, Day(1)), ContentOps(MIComponent(t, ComponentID(1)))...); !ok(t, "Edit", err) {
		return nil
	}
	return p
}

// ActivePlan returns a plan whose first change (change 1, Day(1)) applies
// ops, signed by the author and the patient an hour later (signatures 1
// and 2) and activated on Day(2) (change 2). Tests pass ContentOps with one
// element changed or left out, to see a rule fire.
func ActivePlan(t T, ops ...plan.Op) *plan.Plan {
	t.Helper()
	p := New(t)
	if _, _, err := p.Edit(Change(1, plan.ReasonInitial, Day(1)), ops...); !ok(t, "Edit", err) {
		return nil
	}
	SignRevision(t, p, ChangeID(1), Day(1).Add(time.Hour), 1)
	if _, _, err := p.Transition(Change(2, plan.ReasonActivation, Day(2)), plan.StatusActive); !ok(t, "Transition", err) {
		return nil
	}
	return p
}

// ValidPlan returns ActivePlan(ContentOps(MIComponent(ComponentID(1)))) with
// one billable MI session on Day(8) linked to objective 1 and intervention
// 1. It passes every rule of plan.DefaultRules as of AsOf.
func ValidPlan(t T) *plan.Plan {
	t.Helper()
	p := ActivePlan(t, ContentOps(MIComponent(t, ComponentID(1)))...)
	if _, err := p.LinkSession(plan.SessionLink{
		ID: SessionID(1), Component: ComponentID(1), Modality: intervention.ModalityMotivationalInterviewing,
		Start: Day(8), Minutes: 50, Billable: true, Addresses: []uuid.UUID{ObjectiveID(1), InterventionID(1)},
	}); err != nil {
		fail(t, "LinkSession", err)
		return nil
	}
	return p
}

// SignRevision records the author's (qualified, "LADC") and the patient's
// signatures of revision at at, with signature IDs n and n+1.
func SignRevision(t T, p *plan.Plan, revision uuid.UUID, at time.Time, n int) {
	t.Helper()
	for i, s := range []plan.Signature{
		{ID: SignatureID(n), Revision: revision, Role: plan.SignerAuthor, Signer: Author(), Credential: "LADC", Qualified: true, SignedAt: at},
		{ID: SignatureID(n + 1), Revision: revision, Role: plan.SignerPatient, Signer: Patient(), SignedAt: at.Add(time.Minute)},
	} {
		if _, err := p.Sign(s); !ok(t, fmt.Sprintf("Sign %d", i), err) {
			return
		}
	}
}

// Edit applies ops to p as the next change (ID after the plan's revision
// count plus 100, by the author, a minute after the last revision, reason
// update) and returns the revision.
func Edit(t T, p *plan.Plan, ops ...plan.Op) plan.Revision {
	t.Helper()
	rev, _, err := p.Edit(nextChange(p, plan.ReasonUpdate), ops...)
	if !ok(t, "Edit", err) {
		return plan.Revision{}
	}
	return rev
}

// nextChange returns a change numbered and timed after p's last revision.
func nextChange(p *plan.Plan, reason plan.Reason) plan.Change {
	revs := p.Revisions()
	at := Admitted()
	if n := len(revs); n > 0 {
		at = revs[n-1].At.Add(time.Minute)
	}
	return Change(100+len(revs), reason, at)
}

// Review takes an active p through a complete review completed at at:
// begins it, records the patient's participation, applies ops, completes
// it (progress for every objective, unchanged, outcome continue, with a
// justification) and has the author and patient sign it. n numbers the
// review, its changes, participation and signatures.
func Review(t T, p *plan.Plan, at time.Time, n int, ops ...plan.Op) plan.Revision {
	t.Helper()
	base := 1000 * n
	if _, _, err := p.Transition(Change(base+1, plan.ReasonReview, at), plan.StatusUnderReview); !ok(t, "Transition under-review", err) {
		return plan.Revision{}
	}
	d, _ := intervention.DateOf(at, p.Config().Location)
	ops = append(ops, plan.PutParticipation(plan.Participation{ID: ParticipationID(base), Person: Patient(), Role: intervention.RolePatient, On: d}))
	if _, _, err := p.Edit(Change(base+2, plan.ReasonReview, at), ops...); !ok(t, "Edit in review", err) {
		return plan.Revision{}
	}
	r := plan.Review{ID: ReviewID(n), Outcome: plan.OutcomeContinue, Justification: intervention.NewText("Continued services are needed")}
	for _, o := range p.Objectives() {
		r.Progress = append(r.Progress, plan.ObjectiveProgress{Objective: o.ID, Status: o.Status})
	}
	rev, _, err := p.CompleteReview(Change(base+3, plan.ReasonReview, at), r)
	if !ok(t, "CompleteReview", err) {
		return plan.Revision{}
	}
	SignRevision(t, p, rev.ID, at, base)
	return rev
}

// MIComponent returns an MI component for the Patient about alcohol use,
// with a contemplation stage assessment on Day(1).
func MIComponent(t T, componentID uuid.UUID) *motivation.Component {
	t.Helper()
	c, err := motivation.New(motivation.Config{ID: componentID, Patient: Patient(), Target: "alcohol-use", PlannedSessions: 4, Location: time.UTC})
	if !ok(t, "motivation.New", err) {
		return nil
	}
	StageMI(t, c, 1, motivation.StageContemplation, Date(1))
	return c
}

// StageMI records a stage assessment (record ID n) on the MI component.
func StageMI(t T, c *motivation.Component, n int, stage motivation.Stage, on intervention.Date) {
	t.Helper()
	if _, err := c.RecordStage(motivation.StageAssessment{
		ID: RecordID(n), Behavior: "alcohol-use", Stage: stage, On: on, Assessor: Clinician(), Method: motivation.MethodClinicalInterview,
	}); err != nil {
		fail(t, "RecordStage", err)
		return
	}
}

// MISession returns MI session n at at: the Patient present for 50 minutes
// with the Clinician, engaging.
func MISession(n int, at time.Time) motivation.MISession {
	return motivation.MISession{
		Session: intervention.Session{
			ID: SessionID(n), Modality: intervention.ModalityMotivationalInterviewing, Format: intervention.FormatIndividual,
			Start: at, Minutes: 50, Clinician: Clinician(),
			Participants: []intervention.SessionParticipant{{
				Participant: intervention.Participant{ID: Patient(), Role: intervention.RolePatient},
				Attendance:  intervention.AttendanceAttended, Minutes: 50,
			}},
		},
		Processes: []motivation.Process{motivation.ProcessEngaging},
	}
}

// BriefComponent returns a brief intervention for the Patient triggered by
// a positive AUDIT on Day(0), with one FRAMES delivery on Day(0).
func BriefComponent(t T, componentID uuid.UUID) *brief.Intervention {
	t.Helper()
	res, err := screen.ScoreAUDIT(screen.AUDITAnswers{
		Q1: screen.DrinkFrequency4OrMoreAWeek, Q2: screen.DrinkQuantity5To6, Q3: screen.FrequencyWeekly,
		Q4: screen.FrequencyNever, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever, Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}, screen.AUDITOptions{})
	if !ok(t, "screen.ScoreAUDIT", err) {
		return nil
	}
	b, err := brief.New(brief.Config{ID: componentID, Patient: Patient(), Screen: res.Result, ScreenedAt: Day(0), Payer: billing.PayerMedicaid, Location: time.UTC})
	if !ok(t, "brief.New", err) {
		return nil
	}
	if _, err := b.Deliver(brief.Delivery{
		ID: RecordID(2), At: Day(0).Add(time.Hour), Minutes: 20, Clinician: Clinician(), Model: brief.ModelFRAMES,
		Elements: []brief.Element{brief.FRAMESFeedback, brief.FRAMESAdvice},
	}); err != nil {
		fail(t, "Deliver", err)
		return nil
	}
	return b
}

// CMProgram returns a contingency-management programme for the Patient on
// the Higgins voucher schedule with a twice-weekly calendar of weeks weeks
// from Date(0), posting to a new in-memory ledger with a fixed clock. It
// records results results (every fourth positive) in collection order.
func CMProgram(t T, componentID uuid.UUID, weeks, results int) *contingency.Program {
	t.Helper()
	ctx := context.Background()
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), Patient(),
		contingency.WithClock(intervention.FixedClock(Admitted())), contingency.WithIDSource(intervention.SequentialIDs()))
	if !ok(t, "contingency.NewLedger", err) {
		return nil
	}
	p, err := contingency.NewProgram(componentID, CMConfig(weeks), ledger)
	if !ok(t, "contingency.NewProgram", err) {
		return nil
	}
	visits := CMConfig(weeks).Calendar.Visits()
	for i := range min(results, len(visits)) {
		status := contingency.ResultNegative
		if i%4 == 3 {
			status = contingency.ResultPositive
		}
		r := contingency.Result{SpecimenID: fmt.Sprintf("s-%d", i+1), CollectedAt: visits[i].In(time.UTC).Add(10 * time.Hour), Status: status}
		if _, err := p.Record(ctx, "staff-1", r); !ok(t, "Record", err) {
			return nil
		}
	}
	return p
}

// CMConfig returns the configuration CMProgram uses.
func CMConfig(weeks int) contingency.ProgramConfig {
	cfg := contingency.HigginsProgram(Date(0), contingency.RecoveryR1)
	cfg.Calendar = contingency.TwiceWeekly(Date(0), weeks, contingency.Monday, contingency.Thursday)
	return cfg
}

// FindingsOf returns the findings of rule id among findings.
func FindingsOf(findings []intervention.Finding, id string) []intervention.Finding {
	var out []intervention.Finding
	for _, f := range findings {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// RequireFinding fails the test unless findings hold a finding of rule id
// whose path is path (any path when path is ""), and returns it.
func RequireFinding(t T, findings []intervention.Finding, id, path string) intervention.Finding {
	t.Helper()
	for _, f := range findings {
		if f.Rule == id && (path == "" || f.Path == path) {
			return f
		}
	}
	t.Errorf("plantest: no %s finding at %q; got %s", id, path, list(findings))
	t.FailNow()
	return intervention.Finding{}
}

// RequireNoFinding fails the test if findings hold a finding of rule id.
func RequireNoFinding(t T, findings []intervention.Finding, id string) {
	t.Helper()
	if got := FindingsOf(findings, id); len(got) > 0 {
		t.Errorf("plantest: unexpected %s findings: %s", id, list(got))
		t.FailNow()
	}
}

// RequireNoFindings fails the test if findings is not empty.
func RequireNoFindings(t T, findings []intervention.Finding) {
	t.Helper()
	if len(findings) > 0 {
		t.Errorf("plantest: unexpected findings: %s", list(findings))
		t.FailNow()
	}
}

// list formats findings one per line (findings hold no PHI).
func list(findings []intervention.Finding) string {
	if len(findings) == 0 {
		return "none"
	}
	lines := make([]string, len(findings))
	for i, f := range findings {
		lines[i] = f.String()
	}
	return "\n\t" + strings.Join(lines, "\n\t")
}

// Check runs rule on p as of asOf (a RuleSet's Check for a set).
func Check(rule plan.Rule, p *plan.Plan, asOf time.Time) []intervention.Finding {
	return plan.NewRuleSet(rule).Check(p, asOf)
}

// DefaultRules returns plan.DefaultRules with the seeded tables.
func DefaultRules(t T) plan.RuleSet {
	t.Helper()
	rs, err := plan.DefaultRules(plan.RulesConfig{})
	if !ok(t, "plan.DefaultRules", err) {
		return plan.RuleSet{}
	}
	return rs
}
