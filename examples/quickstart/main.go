// Command quickstart walks through one patient's first month of outpatient
// treatment with every part of the library: an AUDIT screen and a brief
// intervention (SBIRT), motivational interviewing, contingency management
// paying vouchers into a hash-chained ledger, a CBT course, CRAFT family
// therapy with the patient's mother under a 42 CFR Part 2 consent, and
// twelve-step facilitation — six components of one treatment plan, built,
// signed and activated, with every session linked to the objectives it
// served. It ends with the plan's progress, what is due and the default
// rules' findings (reference: plans-and-interop.md §4; DESIGN.md,
// "Treatment plans").
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -as-of 2025-02-10   # two days later: the review is overdue
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// The plan's jurisdiction and setting pick its timing row: Minnesota
// outpatient, initial plan within 30 days and a review every 30 days
// (reference: plans-and-interop.md §4.4, MN 9533.0100).
const (
	jurisdiction = "US-MN"
	setting      = "outpatient"
	zone         = "America/Chicago"
	defaultAsOf  = "2025-02-06"
)

// clinic holds the fixed inputs of the story: the time zone, the ID source
// and the people, who are opaque IDs only (the library stores no names).
type clinic struct {
	loc  *time.Location
	ids  intervention.IDSource
	next func() uuid.UUID
	// patient is in treatment; mother is her concerned significant other;
	// counsellor writes and signs the plan; clinician delivers sessions.
	patient, mother, counsellor, clinician uuid.UUID
}

// at returns 2025-month-day hh:mm in the clinic's zone.
func (c *clinic) at(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2025, month, day, hour, minute, 0, 0, c.loc)
}

// date returns the calendar date of t in the clinic's zone.
func (c *clinic) date(t time.Time) intervention.Date {
	d, _ := intervention.DateOf(t, c.loc) // c.loc is never nil
	return d
}

// attended is the attendance of who in role for minutes.
func attended(who uuid.UUID, role intervention.Role, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: who, Role: role}, Attendance: intervention.AttendanceAttended, Minutes: minutes,
	}
}

func run(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asOfFlag := fs.String("as-of", defaultAsOf, "date (YYYY-MM-DD, 2025-02-06 or later) of the progress report and rule check, at noon")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(out)
			fmt.Fprintln(out, "usage: quickstart [flags]")
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("%w (run with -h for usage)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	asOfDate, err := intervention.ParseDate(*asOfFlag)
	if err != nil {
		return fmt.Errorf("-as-of: want YYYY-MM-DD: %w", err)
	}
	if minDate, _ := intervention.ParseDate(defaultAsOf); asOfDate.Before(minDate) {
		return fmt.Errorf("-as-of: the month's records end on 2025-02-05; pick %s or later", defaultAsOf)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return err
	}
	ids := intervention.SequentialIDs() // deterministic IDs; use intervention.NewRandomID in production
	c := &clinic{loc: loc, ids: ids, next: func() uuid.UUID { id, _ := ids(); return id }}
	c.patient, c.mother, c.counsellor, c.clinician = c.next(), c.next(), c.next(), c.next()
	asOf := asOfDate.In(loc).Add(12 * time.Hour)

	s, err := c.intake(out)
	if err != nil {
		return err
	}
	p, err := c.buildPlan(out, s)
	if err != nil {
		return err
	}
	if err := c.month(out, s, p); err != nil {
		return err
	}
	return report(out, p, asOf)
}

// components are the plan's six components, with the IDs the month's
// records need.
type components struct {
	brief  *brief.Intervention
	mi     *motivation.Component
	cm     *contingency.Program
	cbt    *cbt.Course
	family *family.Therapy
	tsf    *twelvestep.Facilitation
	// consent is the patient's Part 2 consent for her mother.
	consent intervention.Consent
}

// intake builds the six components at intake (Monday 6 January): the
// AUDIT screen and the brief intervention it triggers, the MI series with
// its first stage assessment, the CM programme on its own ledger, the CBT
// course, the CRAFT therapy with the consented mother, and TSF.
func (c *clinic) intake(out io.Writer) (*components, error) {
	admitted := c.at(time.January, 6, 9, 0)
	s := &components{}

	// SBIRT: an AUDIT of 16 (zone III) and a FRAMES brief intervention.
	audit, err := screen.ScoreAUDIT(screen.AUDITAnswers{
		Q1: screen.DrinkFrequency4OrMoreAWeek, Q2: screen.DrinkQuantity7To9, Q3: screen.FrequencyWeekly,
		Q4: screen.FrequencyLessThanMonthly, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyMonthly, Q8: screen.FrequencyLessThanMonthly, Q9: screen.YearRecencyNo, Q10: screen.YearRecencyBeforeLastYear,
	}, screen.AUDITOptions{})
	if err != nil {
		return nil, err
	}
	if s.brief, err = brief.New(brief.Config{ID: c.next(), Patient: c.patient, Screen: audit.Result,
		ScreenedAt: admitted, Payer: billing.PayerMedicaid, Location: c.loc}); err != nil {
		return nil, err
	}
	bi, err := s.brief.Deliver(brief.Delivery{
		ID: c.next(), At: admitted.Add(30 * time.Minute), Minutes: 20, Clinician: c.clinician, Model: brief.ModelFRAMES,
		Elements: []brief.Element{brief.FRAMESFeedback, brief.FRAMESResponsibility, brief.FRAMESAdvice,
			brief.FRAMESMenu, brief.FRAMESEmpathy, brief.FRAMESSelfEfficacy},
		Rulers: []brief.RulerValue{{Ruler: brief.RulerReadiness, Value: 5}},
	})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Intake Mon %s: AUDIT %d/%d (%s, %s); FRAMES brief intervention, %d min: bill %s × %d\n",
		c.date(admitted), audit.Score, audit.MaxScore, audit.Band, audit.Action, bi.Minutes, bi.Billing.Code, bi.Billing.Units)

	// MI about alcohol use: contemplation at intake.
	if s.mi, err = motivation.New(motivation.Config{ID: c.next(), Patient: c.patient, Target: "alcohol-use",
		PlannedSessions: 8, Location: c.loc}); err != nil {
		return nil, err
	}
	if _, err := s.mi.RecordStage(motivation.StageAssessment{ID: c.next(), Behavior: "alcohol-use",
		Stage: motivation.StageContemplation, On: c.date(admitted), Assessor: c.clinician,
		Method: motivation.MethodClinicalInterview}); err != nil {
		return nil, err
	}

	// CM: Higgins vouchers for cocaine-negative urine, Mon/Wed/Fri for 12
	// weeks, under the SAMHSA $750 cap, on the patient's own ledger.
	ctx := context.Background()
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), c.patient,
		contingency.WithClock(intervention.FixedClock(c.at(time.February, 5, 17, 0))),
		contingency.WithIDSource(c.ids), contingency.WithCaps(contingency.SAMHSA2025()))
	if err != nil {
		return nil, err
	}
	cfg := contingency.HigginsProgram(c.date(admitted), contingency.RecoveryR1)
	cfg.Location = c.loc
	if s.cm, err = contingency.NewProgram(c.next(), cfg, ledger); err != nil {
		return nil, err
	}

	// CBT: Carroll's NIDA manual, ten weekly sessions.
	if s.cbt, err = cbt.New(cbt.Config{ID: c.next(), Patient: c.patient, Curriculum: cbt.NIDACocaine(),
		PlannedSessions: 10, SessionIntervalDays: 7, Location: c.loc}); err != nil {
		return nil, err
	}

	// 42 CFR Part 2: the patient lets the programme share her plan and
	// attendance with her mother for family sessions until treatment ends.
	s.consent = intervention.Consent{
		ID:          c.next(),
		Patient:     c.patient,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance},
		Recipients:  []intervention.Recipient{intervention.RecipientID(c.mother)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    c.date(admitted),
		SignedBy:    intervention.SignerPatient,
	}
	if s.family, err = family.New(family.Config{ID: c.next(), Patient: c.patient, Model: family.ModelCRAFT,
		PlannedSessions: 12, Location: c.loc}); err != nil {
		return nil, err
	}
	mother := intervention.Participant{ID: c.mother, Role: intervention.RoleParent}
	if _, err := s.family.AddMember(family.Member{Participant: mother, Consents: []intervention.Consent{s.consent}}); err != nil {
		return nil, err
	}

	// TSF: the MAAEZ group curriculum; clean time from the day of admission.
	if s.tsf, err = twelvestep.New(twelvestep.Config{ID: c.next(), Patient: c.patient, Curriculum: twelvestep.MAAEZ(),
		JourneyStart: c.date(admitted), Location: c.loc}); err != nil {
		return nil, err
	}
	return s, nil
}

// elements are the IDs of the plan's objectives and interventions, which
// session links name.
type elements struct {
	objectives    [5]uuid.UUID // readiness, negative urine, CBT practice, meetings, family sessions
	interventions [6]uuid.UUID // MI, brief, CM, CBT, family, TSF
}

// buildPlan writes the plan on 7 January in one change, has it signed by
// the counsellor and the patient, and activates it on 8 January.
func (c *clinic) buildPlan(out io.Writer, s *components) (*planned, error) {
	p, err := plan.New(plan.Config{ID: c.next(), Patient: c.patient, Jurisdiction: jurisdiction, Setting: setting,
		Admitted: c.at(time.January, 6, 9, 0), End: c.date(c.at(time.April, 30, 0, 0)), Location: c.loc})
	if err != nil {
		return nil, err
	}
	var e elements
	for i := range e.objectives {
		e.objectives[i] = c.next()
	}
	for i := range e.interventions {
		e.interventions[i] = c.next()
	}
	written := c.at(time.January, 7, 14, 0)
	day := c.date(written)
	alcohol, cocaine, home := c.next(), c.next(), c.next()
	drink, use, trust := c.next(), c.next(), c.next()
	target := func(cmp plan.Comparator, v int64, unit string) plan.Target {
		return plan.Target{Comparator: cmp, Value: decimal.NewFromInt(v), Unit: unit}
	}
	weekly := func(minutes int) plan.Frequency { return plan.Frequency{Count: 1, Per: plan.PerWeek, Minutes: minutes} }
	staff := []uuid.UUID{c.clinician}
	ops := []plan.Op{
		plan.AttachComponent(s.mi), plan.AttachComponent(s.brief), plan.AttachComponent(s.cm),
		plan.AttachComponent(s.cbt), plan.AttachComponent(s.family), plan.AttachComponent(s.tsf),
		plan.PutProblem(plan.Problem{ID: alcohol, Statement: intervention.NewText("Daily heavy drinking; missed work twice this month"),
			Diagnoses: []plan.DiagnosisCode{"F10.20"}, Evidence: []plan.Evidence{{Source: "audit", Ref: s.brief.ID()}}}),
		plan.PutProblem(plan.Problem{ID: cocaine, Statement: intervention.NewText("Weekend cocaine use for two years"),
			Diagnoses: []plan.DiagnosisCode{"F14.20"}, Evidence: []plan.Evidence{{Source: "intake-interview", Text: intervention.NewText("Self-report")}}}),
		plan.PutProblem(plan.Problem{ID: home, Statement: intervention.NewText("Conflict with her mother, with whom she lives"),
			Evidence: []plan.Evidence{{Source: "bps", Text: intervention.NewText("Biopsychosocial assessment, family section")}}}),
		plan.PutGoal(plan.Goal{ID: drink, Problem: alcohol, PatientWords: intervention.NewText("I want to stop drinking so I keep my job"),
			Clinical: intervention.NewText("Abstinence from alcohol"), Term: plan.TermLong}),
		plan.PutGoal(plan.Goal{ID: use, Problem: cocaine, PatientWords: intervention.NewText("No more weekends lost to coke"),
			Clinical: intervention.NewText("Sustained abstinence from cocaine"), Term: plan.TermLong}),
		plan.PutGoal(plan.Goal{ID: trust, Problem: home, PatientWords: intervention.NewText("I want my mom to trust me again"),
			Clinical: intervention.NewText("Family supports recovery; less conflict at home"), Term: plan.TermShort}),
		plan.PutObjective(plan.Objective{ID: e.objectives[0], Goal: drink, Text: intervention.NewText("Readiness to change rated 7 or more"),
			Measure: motivation.MeasureReadinessLatest, Target: target(plan.AtLeast, 7, "points"), Due: day.AddDays(59)}),
		plan.PutObjective(plan.Objective{ID: e.objectives[1], Goal: use, Text: intervention.NewText("At least 80% of urine samples cocaine-negative"),
			Measure: contingency.MeasureNegativeShare, Target: target(plan.AtLeast, 80, "percent"), Due: day.AddDays(80)}),
		plan.PutObjective(plan.Objective{ID: e.objectives[2], Goal: use, Text: intervention.NewText("Complete three in four CBT practice exercises"),
			Measure: cbt.MeasureHomeworkCompletion, Target: target(plan.AtLeast, 75, "percent"), Due: day.AddDays(66)}),
		plan.PutObjective(plan.Objective{ID: e.objectives[3], Goal: drink, Text: intervention.NewText("Attend 90 AA meetings in 90 days"),
			Measure: twelvestep.MeasureMeetingsInWindow, Target: target(plan.AtLeast, 90, "meetings"), Due: day.AddDays(90)}),
		plan.PutObjective(plan.Objective{ID: e.objectives[4], Goal: trust, Text: intervention.NewText("Mother attends 8 CRAFT sessions"),
			Measure: family.MeasureSessionsAttended, Target: target(plan.AtLeast, 8, "sessions"), Due: day.AddDays(83)}),
		plan.PutIntervention(plan.Intervention{ID: e.interventions[0], Objectives: e.objectives[:1], Modality: s.mi.Modality(),
			Component: s.mi.ID(), Frequency: weekly(50), Responsible: staff}),
		plan.PutIntervention(plan.Intervention{ID: e.interventions[1], Objectives: e.objectives[:1], Modality: s.brief.Modality(),
			Component: s.brief.ID(), Status: plan.InterventionCompleted}), // delivered at intake
		plan.PutIntervention(plan.Intervention{ID: e.interventions[2], Objectives: e.objectives[1:2], Modality: s.cm.Modality(),
			Component: s.cm.ID(), Frequency: plan.Frequency{Count: 3, Per: plan.PerWeek, Minutes: 15}, Responsible: staff}),
		plan.PutIntervention(plan.Intervention{ID: e.interventions[3], Objectives: e.objectives[2:3], Modality: s.cbt.Modality(),
			Component: s.cbt.ID(), Frequency: weekly(60), Responsible: staff}),
		plan.PutIntervention(plan.Intervention{ID: e.interventions[4], Objectives: e.objectives[4:5], Modality: s.family.Modality(),
			Component: s.family.ID(), Frequency: weekly(55), Responsible: staff}),
		plan.PutIntervention(plan.Intervention{ID: e.interventions[5], Objectives: e.objectives[3:4], Modality: s.tsf.Modality(),
			Component: s.tsf.ID(), Frequency: weekly(90), Responsible: staff}),
		plan.PutStrength(plan.Strength{ID: c.next(), Text: intervention.NewText("Steady job as a mechanic; wants to keep it")}),
		plan.PutStrength(plan.Strength{ID: c.next(), Text: intervention.NewText("Mother willing to take part in treatment")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: c.next(),
			Text: intervention.NewText("Ninety days without alcohol or cocaine, confirmed by urine tests"), Discussed: day}),
		plan.PutParticipation(plan.Participation{ID: c.next(), Person: c.patient, Role: intervention.RolePatient, On: day}),
		plan.PutParticipation(plan.Participation{ID: c.next(), Person: c.mother, Role: intervention.RoleParent, On: day}),
		plan.SetLevelOfCare(plan.LevelOfCare{ID: c.next(), Edition: plan.ASAMThird, Level: "1",
			Dimensions: ratings(0, 0, 1, 2, 2, 1), Driving: []int{4, 5},
			Rationale: intervention.NewText("Ambivalent about change; relapse risk moderate; stable housing"), AssessedOn: c.date(c.at(time.January, 6, 9, 0)),
			Assessor: c.counsellor}),
	}
	rev, _, err := p.Edit(plan.Change{ID: c.next(), By: c.counsellor, At: written, Reason: plan.ReasonInitial}, ops...)
	if err != nil {
		return nil, err
	}
	for _, sig := range []plan.Signature{
		{ID: c.next(), Revision: rev.ID, Role: plan.SignerAuthor, Signer: c.counsellor, Credential: "LADC", Qualified: true, SignedAt: written.Add(time.Hour)},
		{ID: c.next(), Revision: rev.ID, Role: plan.SignerPatient, Signer: c.patient, SignedAt: written.Add(time.Hour)},
	} {
		if _, err := p.Sign(sig); err != nil {
			return nil, err
		}
	}
	act, _, err := p.Transition(plan.Change{ID: c.next(), By: c.counsellor, At: c.at(time.January, 8, 9, 0),
		Reason: plan.ReasonActivation}, plan.StatusActive)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Plan written %s (revision %d, %d elements), signed by the counsellor (LADC) and the patient, %s %s\n",
		day, rev.Seq, len(rev.Added), act.To, c.date(act.At))
	fmt.Fprintf(out, "  %d problems, %d goals in her words, %d objectives, %d interventions, %d components, ASAM level 1\n",
		len(p.Problems()), len(p.Goals()), len(p.Objectives()), len(p.Interventions()), len(p.Components()))
	// Plan text is PHI: fmt prints it redacted; Reveal is for the screen
	// that shows it to the clinician.
	goal := p.Goals()[0]
	fmt.Fprintf(out, "  goal 1 in her words: %q (fmt prints %v)\n", goal.PatientWords.Reveal(), goal.PatientWords)
	return &planned{Plan: p, elements: e}, nil
}

// planned is the plan with the IDs of its objectives and interventions.
type planned struct {
	*plan.Plan
	elements
}

// ratings returns the ASAM ratings of dimensions 1, 2, … in order.
func ratings(r ...int) []plan.DimensionRating {
	out := make([]plan.DimensionRating, len(r))
	for i, v := range r {
		out[i] = plan.DimensionRating{Dimension: i + 1, Rating: v}
	}
	return out
}

// linker links a session of comp to objective and intervention (indices
// into elements).
type linker func(session intervention.Session, comp intervention.Component, objective, iv int) error

// month records the month's activity in the components and links every
// session to the objective and intervention it served.
func (c *clinic) month(out io.Writer, s *components, p *planned) error {
	// link ties a billable session to the objective and intervention it served.
	link := func(session intervention.Session, comp intervention.Component, objective, iv int) error {
		_, err := p.LinkSession(plan.LinkFor(session, comp.ID(), true, p.objectives[objective], p.interventions[iv]))
		return err
	}
	var errs []error
	// MI on Wednesdays, with a readiness ruler at the first and last session.
	processes := [][]motivation.Process{
		{motivation.ProcessEngaging}, {motivation.ProcessEngaging, motivation.ProcessFocusing},
		{motivation.ProcessFocusing, motivation.ProcessEvoking}, {motivation.ProcessEvoking}, {motivation.ProcessEvoking, motivation.ProcessPlanning},
	}
	for i, procs := range processes {
		ms := motivation.MISession{Session: intervention.Session{
			ID: c.next(), Modality: intervention.ModalityMotivationalInterviewing, Format: intervention.FormatIndividual,
			Start: c.at(time.January, 8+7*i, 10, 0), Minutes: 50, Clinician: c.clinician,
			Participants: []intervention.SessionParticipant{attended(c.patient, intervention.RolePatient, 50)},
		}, Processes: procs}
		_, err := s.mi.AddSession(ms)
		errs = append(errs, err, link(ms.Session, s.mi, 0, 0))
		if i == 0 || i == len(processes)-1 {
			_, err = s.mi.RecordRating(motivation.RulerRating{ID: c.next(), Ruler: motivation.RulerReadiness,
				Value: 4 + 3*min(i, 1), On: c.date(ms.Session.Start), Rater: c.clinician, Session: ms.Session.ID})
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nThe first month, as recorded:")
	fmt.Fprintln(out, "  MI: 5 weekly sessions; readiness ruler 4 → 7")
	if err := c.contingencyManagement(out, s); err != nil {
		return err
	}
	if err := c.cbtCourse(out, s, link); err != nil {
		return err
	}
	if err := c.familyTherapy(out, s, link); err != nil {
		return err
	}
	if err := c.facilitation(out, s, link); err != nil {
		return err
	}
	// The readiness objective is met; the others are under way.
	ops := []plan.Op{plan.SetObjectiveStatus(p.objectives[0], plan.ObjectiveMet)}
	for _, o := range p.objectives[1:] {
		ops = append(ops, plan.SetObjectiveStatus(o, plan.ObjectiveInProgress))
	}
	if _, _, err := p.Edit(plan.Change{ID: c.next(), By: c.counsellor, At: c.at(time.February, 5, 17, 0), Reason: plan.ReasonUpdate}, ops...); err != nil {
		return err
	}
	fmt.Fprintf(out, "  %d sessions linked to the objectives they served; readiness objective met\n", len(p.Sessions()))
	return nil
}

// contingencyManagement records the month's urine results, Mon/Wed/Fri from
// 6 January: visit 4's result reaches the clinic after visit 5's, and the
// laboratory turns visit 3's point-of-care negative positive. The
// programme re-prices the run and reconciles the ledger.
func (c *clinic) contingencyManagement(out io.Writer, s *components) error {
	ctx := context.Background()
	visits := s.cm.Config().Calendar.Visits()
	result := func(i int, status contingency.ResultStatus) contingency.Result {
		return contingency.Result{
			SpecimenID:  fmt.Sprintf("urine-%02d", i+1),
			CollectedAt: visits[i].In(c.loc).Add(15 * time.Hour),
			Status:      status,
		}
	}
	for _, i := range []int{0, 1, 2, 4, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13} {
		if _, err := s.cm.Record(ctx, "staff-17", result(i, contingency.ResultNegative)); err != nil {
			return err
		}
	}
	if _, err := s.cm.Correct(ctx, "lab-interface", "lab-confirmation", result(2, contingency.ResultPositive)); err != nil {
		return err
	}
	ledger := s.cm.Ledger()
	if err := contingency.Verify(ledger.Entries()); err != nil {
		return err
	}
	fmt.Fprintf(out, "  CM: 14 urine results, visit 4's after visit 5's; the lab turned %s positive: ledger reconciled\n", visits[2])
	st := s.cm.Status(c.at(time.February, 5, 17, 0))
	fmt.Fprintf(out, "      balance $%s, %d entries, hash chain verified; next visit %s pays $%s ($%s left under the cap)\n",
		st.Balance, len(ledger.Entries()), st.NextVisit, contingency.Dollars(st.NextAward.Amount()), st.CapRemaining)
	// The positive test is a slip: the clinician restarts clean time.
	_, err := s.tsf.RecordSlip(twelvestep.Slip{ID: c.next(), On: visits[2], Reason: twelvestep.SlipPositiveTest,
		RecordedBy: c.clinician, RecordedByRole: intervention.RoleClinician, RecordedAt: c.at(time.January, 13, 10, 0)})
	return err
}

// cbtCourse records CBT on Thursdays: the NIDA topics in order and a
// practice exercise each week, due at the next session, where it is
// reviewed. The patient did the second one only in part.
func (c *clinic) cbtCourse(out io.Writer, s *components, link linker) error {
	topics := cbt.NIDACocaine().Topics
	var homework uuid.UUID
	completed := 0
	for i := range 4 {
		start := c.at(time.January, 9+7*i, 15, 0)
		session := intervention.Session{ID: c.next(), Modality: intervention.ModalityCBT, Format: intervention.FormatIndividual,
			Start: start, Minutes: 60, Clinician: c.clinician, Topics: []string{topics[i].Code},
			Participants: []intervention.SessionParticipant{attended(c.patient, intervention.RolePatient, 60)}}
		if _, err := s.cbt.AddSession(cbt.Session{Session: session}); err != nil {
			return err
		}
		if err := link(session, s.cbt, 2, 3); err != nil {
			return err
		}
		if homework != uuid.Nil {
			done := cbt.HomeworkCompleted
			if i == 2 {
				done = cbt.HomeworkAttempted
			} else {
				completed++
			}
			for _, u := range []cbt.HomeworkUpdate{
				{ID: c.next(), Homework: homework, Status: done, On: c.date(start).AddDays(-1)},
				{ID: c.next(), Homework: homework, Status: cbt.HomeworkReviewed, On: c.date(start), Session: session.ID},
			} {
				if _, err := s.cbt.UpdateHomework(u); err != nil {
					return err
				}
			}
		}
		homework = c.next()
		if _, err := s.cbt.AssignHomework(cbt.Homework{ID: homework, Session: session.ID, On: c.date(start),
			Due: c.date(start).AddDays(7), Topic: topics[i].Code}); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "  CBT: 4 weekly sessions (NIDA manual, topics in order); %d of 3 practice exercises completed\n", completed)
	return nil
}

// familyTherapy records CRAFT with the mother: a domestic-violence screen
// first, a conjoint session with the patient present (90847), then
// sessions with the mother alone (90846). On 1 February the patient
// revokes her consent, and the next session may not include her mother.
func (c *clinic) familyTherapy(out io.Writer, s *components, link linker) error {
	if _, err := s.family.RecordDVScreen(family.DVScreen{ID: c.next(), Member: c.mother, On: c.date(c.at(time.January, 13, 9, 0)),
		Risk: family.DVRiskNotIdentified, Clinician: c.clinician}); err != nil {
		return err
	}
	session := func(day int, withPatient bool, procs ...family.CRAFTProcedure) family.Session {
		s := family.Session{Session: intervention.Session{ID: c.next(), Modality: intervention.ModalityFamilyTherapy,
			Format: intervention.FormatFamily, Start: c.at(time.January, day, 16, 0), Minutes: 50, Clinician: c.clinician,
			Participants: []intervention.SessionParticipant{attended(c.mother, intervention.RoleParent, 50)},
		}, CRAFTProcedures: procs}
		if withPatient {
			s.Session.Participants = append(s.Session.Participants, attended(c.patient, intervention.RolePatient, 50))
		}
		return s
	}
	var bills []string
	for _, fs := range []family.Session{
		session(15, true, family.CRAFTInformingMotivating, family.CRAFTCommunicationSkills),
		session(22, false, family.CRAFTFunctionalAnalysisUse, family.CRAFTRewardingNonUse),
		session(29, false, family.CRAFTProblemSolving, family.CRAFTEnrichingCSOLife),
	} {
		bill, _, err := s.family.AddSession(fs)
		if err != nil {
			return err
		}
		if err := link(fs.Session, s.family, 4, 4); err != nil {
			return err
		}
		bills = append(bills, fmt.Sprintf("%s %s", c.date(fs.Session.Start), bill.Code))
	}
	fmt.Fprintf(out, "  Family (CRAFT, mother consented): 3 sessions, billed %s\n", strings.Join(bills, ", "))

	revoked := s.consent
	revoked.RevokedOn = c.date(c.at(time.February, 1, 12, 0))
	if _, err := s.family.RecordConsent(c.mother, revoked); err != nil {
		return err
	}
	next := session(29, false, family.CRAFTProblemSolving)
	next.Session.Start = c.at(time.February, 5, 16, 0)
	_, _, err := s.family.AddSession(next)
	var refused *family.ConsentError
	if !errors.As(err, &refused) {
		return fmt.Errorf("session after the revocation: want a consent error, got %w", err)
	}
	fmt.Fprintf(out, "  Consent revoked %s: session %s with her mother refused (%s); nothing recorded\n",
		revoked.RevokedOn, c.date(next.Session.Start), refused.Reason)
	return nil
}

// facilitation records the MAAEZ group on Fridays (topics in the manual's
// order) and AA meetings on Tuesdays, Thursdays and Sundays.
func (c *clinic) facilitation(out io.Writer, s *components, link linker) error {
	topics := twelvestep.MAAEZ().Topics
	for i := range 4 {
		session := intervention.Session{ID: c.next(), Modality: intervention.ModalityTwelveStepFacilitation,
			Format: intervention.FormatGroup, Start: c.at(time.January, 10+7*i, 18, 0), Minutes: 90, Clinician: c.clinician,
			Topics: []string{topics[i].ID}, Participants: []intervention.SessionParticipant{attended(c.patient, intervention.RolePatient, 90)}}
		if _, err := s.tsf.AddSession(session); err != nil {
			return err
		}
		if err := link(session, s.tsf, 3, 5); err != nil {
			return err
		}
	}
	meetings := 0
	for day := 7; day <= 36; day++ { // 7 January to 5 February
		at := c.at(time.January, day, 19, 0)
		if wd := at.Weekday(); wd != time.Tuesday && wd != time.Thursday && wd != time.Sunday {
			continue
		}
		if _, err := s.tsf.RecordMeeting(twelvestep.Meeting{ID: c.next(), At: at, Fellowship: twelvestep.FellowshipAA,
			Venue: twelvestep.VenueInPerson, Verification: twelvestep.VerificationSelfReported}); err != nil {
			return err
		}
		meetings++
	}
	fmt.Fprintf(out, "  TSF: 4 MAAEZ group sessions, %d AA meetings; clean time restarted after the positive test\n", meetings)
	return nil
}

// keyMeasures are the measures the report shows for each modality.
var keyMeasures = map[intervention.Modality][]string{
	intervention.ModalityMotivationalInterviewing: {motivation.MeasureSessionsAttended, motivation.MeasureReadinessLatest, motivation.MeasureReadinessChange},
	intervention.ModalityBriefIntervention:        {brief.MeasureScreenScore, brief.MeasureElementsDelivered, brief.MeasureMinutes},
	intervention.ModalityContingencyManagement:    {contingency.MeasureCurrentStreak, contingency.MeasureNegativeShare, contingency.MeasureBalance},
	intervention.ModalityCBT:                      {cbt.MeasureSessionsAttended, cbt.MeasureCoreTopicsCovered, cbt.MeasureHomeworkCompletion},
	intervention.ModalityFamilyTherapy:            {family.MeasureSessionsAttended, family.MeasureSessionsWithPatient, family.MeasureElementsCovered},
	intervention.ModalityTwelveStepFacilitation:   {twelvestep.MeasureMeetingsInWindow, twelvestep.MeasureStreakDays, twelvestep.MeasureTopicsCovered},
}

// report prints the plan's progress, what is due and the default rules'
// findings as of asOf.
func report(out io.Writer, p *planned, asOf time.Time) error {
	pr := p.Progress(asOf, plan.SeedTimingTable())
	loc := p.Config().Location
	today, _ := intervention.DateOf(asOf, loc)
	fmt.Fprintf(out, "\nProgress on %s %s: plan %s, objectives met %s\n", today.Weekday().String()[:3], today, pr.Status, pr.ObjectivesMet)
	byComponent := map[uuid.UUID]intervention.Progress{}
	for _, cp := range pr.Components {
		byComponent[cp.Component] = cp
	}
	for i, os := range pr.Objectives {
		o, _ := p.Objective(os.Objective)
		now := "n/a"
		for _, iv := range p.Interventions() {
			if iv.Component != uuid.Nil && iv.Objectives[0] == o.ID {
				if m, ok := byComponent[iv.Component].Measure(o.Measure); ok {
					now = show(m)
				}
				break
			}
		}
		fmt.Fprintf(out, "  objective %d %-12s %s %s %s %s by %s: now %s\n", i+1, os.Status, o.Measure,
			o.Target.Comparator, o.Target.Value, o.Target.Unit, o.Due, now)
	}
	for _, cp := range pr.Components {
		var parts []string
		for _, code := range keyMeasures[cp.Modality] {
			if m, ok := cp.Measure(code); ok {
				parts = append(parts, code+" "+show(m))
			}
		}
		fmt.Fprintf(out, "  %-25s %-11s %s\n", cp.Modality, cp.Status, strings.Join(parts, ", "))
	}
	fmt.Fprintln(out, "Due:")
	for _, d := range pr.Due {
		if d.Code == plan.DueObjective {
			continue // the objectives' due dates are listed above
		}
		overdue := ""
		if d.Overdue {
			overdue = "  OVERDUE"
		}
		fmt.Fprintf(out, "  %-19s by %s %s%s\n", d.Code, d.By.Weekday().String()[:3], d.By, overdue)
	}

	rules, err := plan.DefaultRules(plan.RulesConfig{})
	if err != nil {
		return err
	}
	later := asOf.AddDate(0, 0, 4)
	for i, when := range []time.Time{asOf, later} {
		findings := rules.Check(p.Plan, when)
		d, _ := intervention.DateOf(when, loc)
		if i == 0 {
			fmt.Fprintf(out, "Rule findings on %s (%d default rules):", d, len(rules.IDs()))
		} else {
			fmt.Fprintf(out, "Rule findings on %s if nothing more is recorded:", d)
		}
		if len(findings) == 0 {
			fmt.Fprint(out, " none")
		}
		fmt.Fprintln(out)
		for _, f := range findings {
			fmt.Fprintf(out, "  %s\n", f) // rule ID, severity, JSON path, message
		}
	}
	return nil
}

// show formats a measure: dollars, a percentage for a ratio, a plain
// number, or a fraction ("6/6"); "n/a" when it is not computable.
func show(m intervention.Measure) string {
	if !m.Value.Computable() {
		return "n/a"
	}
	switch {
	case m.Unit == "USD":
		v, _ := m.Value.Value(2)
		return "$" + v.StringFixed(2)
	case m.Unit == "ratio":
		v, _ := m.Value.Percent(0)
		return v.String() + "%"
	case m.Value.Den().Equal(decimal.NewFromInt(1)):
		return m.Value.Num().String()
	}
	return m.Value.String()
}
