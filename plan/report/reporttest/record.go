package reporttest

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// The patient's record is built here exactly as a host EHR would build it:
// every result, meeting, rating and plan change goes through the library's
// API at the time it happened, and only what happened by the report's
// as-of time is recorded. All IDs are opaque; the record holds no names.

// Fixed identities. The patient is known to the report by this opaque ID
// only.
var (
	patientID   = uuid.MustParse("5f0c6a2e-8d1b-4c3a-9e7f-2b4d6c8a0e13")
	planID      = uuid.MustParse("00000000-0000-0000-0001-0000000000b1")
	cmID        = uuid.MustParse("00000000-0000-0000-0001-0000000000c1")
	tsfID       = uuid.MustParse("00000000-0000-0000-0001-0000000000c2")
	miID        = uuid.MustParse("00000000-0000-0000-0001-0000000000c3")
	authorID    = uuid.MustParse("00000000-0000-0000-0001-0000000000d1") // the plan's author (LADC)
	clinicianID = uuid.MustParse("00000000-0000-0000-0001-0000000000d2") // the counsellor who runs the groups
)

// The episode's calendar: admission on Monday 6 January 2025, a 12-week
// Higgins voucher programme (Mon/Wed/Fri specimens) from the same day, and a
// sobriety date two days earlier.
var (
	admitted     = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	journeyStart = mustDate("2025-01-04")
	slipDay      = mustDate("2025-01-21") // the use the visit-8 specimen detected
)

// cmScript is the specimen result of each of the 36 scheduled visits:
// N negative, P positive, M missed (nothing recorded). Visit 23's
// point-of-care positive is overturned by the laboratory (cmCorrected).
const cmScript = "NNNNNNNPNNNNNMNNNNNNNNPNNNNNNNNNNNNN"

// cmCorrected is the 0-based visit whose point-of-care positive the
// laboratory reports negative two days later (reference: contingency.md
// C1, full recompute).
const cmCorrected = 22

// redemption is a voucher exchange at the front desk.
type redemption struct {
	at     time.Time
	amount string
}

// redemptions are the patient's exchanges of vouchers for goods.
var redemptions = []redemption{
	{time.Date(2025, 2, 14, 16, 0, 0, 0, time.UTC), "100.00"},
	{time.Date(2025, 3, 14, 16, 0, 0, 0, time.UTC), "150.00"},
}

// rulerVisit is one MI session with its three ruler ratings.
type rulerVisit struct {
	on                                string
	readiness, importance, confidence int
	stage                             motivation.Stage // "" when no stage was assessed
	process                           motivation.Process
}

// miVisits are the fortnightly MI sessions.
var miVisits = []rulerVisit{
	{"2025-01-06", 4, 6, 3, motivation.StageContemplation, motivation.ProcessEngaging},
	{"2025-01-20", 5, 8, 2, "", motivation.ProcessFocusing},
	{"2025-02-03", 5, 7, 4, motivation.StagePreparation, motivation.ProcessEvoking},
	{"2025-02-17", 6, 8, 5, "", motivation.ProcessEvoking},
	{"2025-03-03", 7, 9, 6, motivation.StageAction, motivation.ProcessPlanning},
	{"2025-03-17", 8, 9, 7, "", motivation.ProcessPlanning},
}

// Record is the demo patient's record as of a time: the treatment plan
// and the three components it attaches, each built through the library's
// API. Its fields are what report.Input asks for.
type Record struct {
	// AsOf is the time the record was built up to.
	AsOf time.Time
	// Plan is the treatment plan.
	Plan *plan.Plan
	// Vouchers is the Higgins voucher programme and Ledger its reward
	// ledger.
	Vouchers *contingency.Program
	Ledger   *contingency.Ledger
	// Facilitation is the MAAEZ twelve-step facilitation.
	Facilitation *twelvestep.Facilitation
	// Motivation is the MI series.
	Motivation *motivation.Component
}

// Patient is the demo patient's opaque ID.
func Patient() uuid.UUID { return patientID }

// First and Last are the first and last as-of days the record covers:
// admission and the end of the plan period.
func First() intervention.Date { return mustDate("2025-01-06") }

// Last is the last as-of day the record covers; see First.
func Last() intervention.Date { return mustDate("2025-07-04") }

// Build records everything that happened to the demo patient by asOf; it
// fails when asOf is not a storable instant. The plan's zone is UTC.
func Build(asOf time.Time) (Record, error) { return BuildIn(asOf, time.UTC) }

// BuildIn is Build with the plan's zone (plan.Config.Location) set to
// zone, which must be loaded by name; the components keep to UTC.
func BuildIn(asOf time.Time, zone *time.Location) (Record, error) {
	r, err := buildRecord(asOf, zone)
	if err != nil {
		return Record{}, err
	}
	return Record{AsOf: asOf, Plan: r.plan, Vouchers: r.cm, Ledger: r.ledger, Facilitation: r.tsf, Motivation: r.mi}, nil
}

// record is the patient's record as of a time, while it is built.
type record struct {
	zone   *time.Location // the plan's
	asOf   time.Time
	today  intervention.Date
	cm     *contingency.Program
	ledger *contingency.Ledger
	tsf    *twelvestep.Facilitation
	mi     *motivation.Component
	plan   *plan.Plan
}

// mustDate parses a date the program knows to be valid.
func mustDate(s string) intervention.Date {
	d, err := intervention.ParseDate(s)
	if err != nil {
		return intervention.Date{}
	}
	return d
}

// buildRecord records everything that happened by asOf.
func buildRecord(asOf time.Time, zone *time.Location) (*record, error) {
	today, err := intervention.DateOf(asOf, time.UTC)
	if err != nil {
		return nil, err
	}
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID {
		id, _ := ids() // SequentialIDs never fails
		return id
	}
	r := &record{asOf: asOf, today: today, zone: zone}
	if err := r.buildCM(); err != nil {
		return nil, fmt.Errorf("contingency management: %w", err)
	}
	if err := r.buildTSF(next); err != nil {
		return nil, fmt.Errorf("twelve-step facilitation: %w", err)
	}
	if err := r.buildMI(next); err != nil {
		return nil, fmt.Errorf("motivational interviewing: %w", err)
	}
	if err := r.buildPlan(next); err != nil {
		return nil, fmt.Errorf("treatment plan: %w", err)
	}
	return r, nil
}

// happened reports whether t is at or before the report's as-of time.
func (r *record) happened(t time.Time) bool { return !t.After(r.asOf) }

// specimenID is the host's opaque key of visit i's specimen.
func specimenID(i int) string { return fmt.Sprintf("u-%02d", i+1) }

// collectedAt is when visit i's specimen was collected.
func collectedAt(visits []intervention.Date, i int) time.Time {
	return visits[i].In(time.UTC).Add(10 * time.Hour)
}

// buildCM records the voucher programme: results in collection order, the
// laboratory's correction when it arrived, and the redemptions. The
// ledger's clock reads the time of the event being recorded.
func (r *record) buildCM() error {
	ctx := context.Background()
	now := admitted
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), patientID,
		contingency.WithClock(intervention.ClockFunc(func() time.Time { return now })),
		contingency.WithIDSource(intervention.SequentialIDs()))
	if err != nil {
		return err
	}
	start, _ := intervention.DateOf(admitted, time.UTC)
	cfg := contingency.HigginsProgram(start, contingency.RecoveryR1)
	prog, err := contingency.NewProgram(cmID, cfg, ledger)
	if err != nil {
		return err
	}
	r.cm, r.ledger = prog, ledger

	type event struct {
		at time.Time
		do func() error
	}
	var events []event
	visits := cfg.Calendar.Visits()
	for i := range len(cmScript) {
		status := contingency.ResultNegative
		switch cmScript[i] {
		case 'M':
			continue // the programme derives the missed visit from its calendar
		case 'P':
			status = contingency.ResultPositive
		}
		res := contingency.Result{SpecimenID: specimenID(i), CollectedAt: collectedAt(visits, i), Status: status}
		events = append(events, event{res.CollectedAt, func() error {
			_, err := prog.Record(ctx, "staff-17", res)
			return err
		}})
		if i == cmCorrected {
			lab := res
			lab.Status = contingency.ResultNegative
			events = append(events, event{visits[i].AddDays(2).In(time.UTC).Add(15 * time.Hour), func() error {
				_, err := prog.Correct(ctx, "lab-interface", "lab-confirmation", lab)
				return err
			}})
		}
	}
	for k, red := range redemptions {
		amount, err := contingency.ParseMoney(red.amount)
		if err != nil {
			return err
		}
		events = append(events, event{red.at, func() error {
			_, err := ledger.Redeem(ctx, contingency.Redemption{
				Key: fmt.Sprintf("redeem-%d", k+1), Amount: amount, Instrument: contingency.InstrumentItem,
				Actor: "staff-17", EffectiveAt: red.at, Reason: "voucher-exchange",
			})
			return err
		}})
	}
	// The host records events as they happen.
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	for _, e := range events {
		if !r.happened(e.at) {
			break
		}
		now = e.at
		if err := e.do(); err != nil {
			return err
		}
	}
	return nil
}

// attended returns who's participation as present for minutes.
func attended(who uuid.UUID, role intervention.Role, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: who, Role: role},
		Attendance:  intervention.AttendanceAttended, Minutes: minutes,
	}
}

// buildTSF records the MAAEZ group course, the meeting log and the slip the
// clinician recorded after the positive specimen.
func (r *record) buildTSF(next func() uuid.UUID) error {
	f, err := twelvestep.New(twelvestep.Config{
		ID: tsfID, Patient: patientID, Curriculum: twelvestep.MAAEZ(), JourneyStart: journeyStart, Location: time.UTC,
	})
	if err != nil {
		return err
	}
	r.tsf = f
	for i, topic := range twelvestep.MAAEZ().Topics {
		start := time.Date(2025, 1, 9+7*i, 18, 0, 0, 0, time.UTC) // Thursdays
		if !r.happened(start) {
			break
		}
		if _, err := f.AddSession(intervention.Session{
			ID: next(), Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatGroup,
			Start: start, Minutes: 90, Clinician: clinicianID, Topics: []string{topic.ID},
			Participants: []intervention.SessionParticipant{attended(patientID, intervention.RolePatient, 90)},
		}); err != nil {
			return err
		}
	}
	// Meetings: most evenings from the sobriety date, none on the days
	// around the slip, none on Wednesdays; Sunday meetings are online and
	// Tuesday meetings are verified by a signed attendance sheet.
	for day := journeyStart; ; day = day.AddDays(1) {
		at := day.In(time.UTC).Add(19 * time.Hour)
		if !r.happened(at) {
			break
		}
		wd := day.Weekday()
		if wd == time.Wednesday || (!day.Before(slipDay.AddDays(-2)) && !day.After(slipDay)) {
			continue
		}
		m := twelvestep.Meeting{
			ID: next(), At: at, Fellowship: twelvestep.FellowshipCA, Venue: twelvestep.VenueInPerson,
			Verification: twelvestep.VerificationSelfReported,
		}
		switch wd {
		case time.Sunday:
			m.Venue = twelvestep.VenueOnline
		case time.Tuesday:
			m.Verification, m.VerifiedBy = twelvestep.VerificationVerified, clinicianID
		case time.Thursday:
			m.Fellowship = twelvestep.FellowshipNA
		case time.Monday, time.Wednesday, time.Friday, time.Saturday:
		}
		if _, err := f.RecordMeeting(m); err != nil {
			return err
		}
	}
	slipRecorded := slipDay.AddDays(1).In(time.UTC).Add(16 * time.Hour)
	if r.happened(slipRecorded) {
		if _, err := f.RecordSlip(twelvestep.Slip{
			ID: next(), On: slipDay, Reason: twelvestep.SlipPositiveTest, Evidence: next(),
			RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: slipRecorded,
		}); err != nil {
			return err
		}
	}
	return nil
}

// buildMI records the fortnightly MI sessions with their ruler ratings and
// stage assessments.
func (r *record) buildMI(next func() uuid.UUID) error {
	c, err := motivation.New(motivation.Config{
		ID: miID, Patient: patientID, Target: "cocaine-use", PlannedSessions: len(miVisits), Location: time.UTC,
	})
	if err != nil {
		return err
	}
	r.mi = c
	for _, v := range miVisits {
		on := mustDate(v.on)
		start := on.In(time.UTC).Add(13 * time.Hour)
		if !r.happened(start) {
			break
		}
		session := intervention.Session{
			ID: next(), Modality: intervention.ModalityMotivationalInterviewing, Format: intervention.FormatIndividual,
			Start: start, Minutes: 50, Clinician: authorID,
			Participants: []intervention.SessionParticipant{attended(patientID, intervention.RolePatient, 50)},
		}
		if _, err := c.AddSession(motivation.MISession{Session: session, Processes: []motivation.Process{v.process}}); err != nil {
			return err
		}
		for _, rating := range []struct {
			ruler motivation.Ruler
			value int
		}{
			{motivation.RulerReadiness, v.readiness},
			{motivation.RulerImportance, v.importance},
			{motivation.RulerConfidence, v.confidence},
		} {
			if _, err := c.RecordRating(motivation.RulerRating{
				ID: next(), Ruler: rating.ruler, Value: rating.value, On: on, Rater: authorID, Session: session.ID,
			}); err != nil {
				return err
			}
		}
		if v.stage != "" {
			if _, err := c.RecordStage(motivation.StageAssessment{
				ID: next(), Behavior: "cocaine-use", Stage: v.stage, On: on, Assessor: authorID,
				Method: motivation.MethodClinicalInterview,
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// objectiveSpec is one measurable objective of the plan. Its measure is a
// component measure code, so the report reads progress from the
// component that delivers it.
type objectiveSpec struct {
	text    string // PHI: never shown in the report
	measure string
	value   int64
	unit    string
	due     string
}

// objectiveSpecs are the plan's objectives, in plan order.
var objectiveSpecs = []objectiveSpec{
	{"Submit cocaine-negative urine specimens at 80% of visits", contingency.MeasureNegativeShare, 80, "percent", "2025-03-28"},
	{"Eighteen consecutive negative specimens (six weeks)", contingency.MeasureLongestStreak, 18, "visits", "2025-03-28"},
	{"Ninety days of continuous abstinence", "tsf.streak-days", 90, "days", "2025-04-30"},
	{"Attend 90 mutual-help meetings in 90 days", "tsf.meetings-in-window", 90, "meetings", "2025-04-30"},
	{"Rate readiness to change at 7 or more", "mi.readiness-latest", 7, "points", "2025-03-07"},
}

// planStep is one dated change to the plan.
type planStep struct {
	at time.Time
	do func() error
}

// ratings returns the ASAM ratings of dimensions 1, 2, … in order.
func ratings(rs ...int) []plan.DimensionRating {
	out := make([]plan.DimensionRating, len(rs))
	for i, r := range rs {
		out[i] = plan.DimensionRating{Dimension: i + 1, Rating: r}
	}
	return out
}

// buildPlan writes the treatment plan: initial content with the three
// components attached, signatures and activation, the sessions linked to
// what they addressed, two monthly reviews and an objective met between
// reviews.
func (r *record) buildPlan(next func() uuid.UUID) error {
	p, err := plan.New(plan.Config{
		ID: planID, Patient: patientID, Jurisdiction: "US-MN", Setting: "outpatient",
		Admitted: admitted, End: mustDate("2025-07-04"), Location: r.zone,
	})
	if err != nil {
		return err
	}
	r.plan = p
	admittedOn, _ := intervention.DateOf(admitted, time.UTC)
	problem, goal, strength, discharge := next(), next(), next(), next()
	objectives := make([]uuid.UUID, len(objectiveSpecs))
	for i := range objectives {
		objectives[i] = next()
	}
	ivCM, ivTSF, ivMI := next(), next(), next()

	ops := []plan.Op{
		plan.AttachComponent(r.cm), plan.AttachComponent(r.tsf), plan.AttachComponent(r.mi),
		plan.PutProblem(plan.Problem{
			ID: problem, Statement: intervention.NewText("Cocaine use most days with missed work"), Diagnoses: []plan.DiagnosisCode{"F14.20"},
			Evidence: []plan.Evidence{{Source: "asam-assessment", Ref: next()}}, Status: plan.ProblemActive,
		}),
		plan.PutGoal(plan.Goal{
			ID: goal, Problem: problem, PatientWords: intervention.NewText("Stay off cocaine and keep my job"),
			Clinical: intervention.NewText("Sustained abstinence from cocaine"), Term: plan.TermShort, Status: plan.GoalActive,
		}),
	}
	for i, o := range objectiveSpecs {
		ops = append(ops, plan.PutObjective(plan.Objective{
			ID: objectives[i], Goal: goal, Text: intervention.NewText(o.text), Measure: o.measure,
			Target: plan.Target{Comparator: plan.AtLeast, Value: decimal.NewFromInt(o.value), Unit: o.unit},
			Due:    mustDate(o.due), Status: plan.ObjectiveNotStarted,
		}))
	}
	weekly := func(n, minutes int) plan.Frequency {
		return plan.Frequency{Count: n, Per: plan.PerWeek, Minutes: minutes}
	}
	ops = append(ops,
		plan.PutIntervention(plan.Intervention{
			ID: ivCM, Objectives: objectives[:2], Modality: r.cm.Modality(), Component: cmID,
			Frequency: weekly(3, 15), Responsible: []uuid.UUID{clinicianID}, Status: plan.InterventionActive,
		}),
		plan.PutIntervention(plan.Intervention{
			ID: ivTSF, Objectives: objectives[2:4], Modality: r.tsf.Modality(), Component: tsfID,
			Frequency: weekly(1, 90), Responsible: []uuid.UUID{clinicianID}, Status: plan.InterventionActive,
		}),
		plan.PutIntervention(plan.Intervention{
			ID: ivMI, Objectives: objectives[4:], Modality: r.mi.Modality(), Component: miID,
			Frequency: plan.Frequency{Count: 2, Per: plan.PerMonth, Minutes: 50}, Responsible: []uuid.UUID{authorID},
			Status: plan.InterventionActive,
		}),
		plan.PutStrength(plan.Strength{ID: strength, Text: intervention.NewText("Steady job and a supportive sibling")}),
		plan.PutDischargeCriterion(plan.DischargeCriterion{ID: discharge, Text: intervention.NewText("Ninety days abstinent with a sponsor"), Discussed: admittedOn}),
		plan.PutParticipation(plan.Participation{ID: next(), Person: patientID, Role: intervention.RolePatient, On: admittedOn.AddDays(1)}),
		plan.SetLevelOfCare(plan.LevelOfCare{
			ID: next(), Edition: plan.ASAMThird, Level: "1",
			Dimensions: ratings(0, 0, 1, 1, 2, 1),
			Driving:    []int{5}, Rationale: intervention.NewText("Relapse potential is the highest risk"), AssessedOn: admittedOn, Assessor: authorID,
		}),
	)

	change := func(at time.Time, reason plan.Reason) plan.Change {
		return plan.Change{ID: next(), By: authorID, At: at, Reason: reason}
	}
	sign := func(rev uuid.UUID, at time.Time) error {
		for _, s := range []plan.Signature{
			{ID: next(), Revision: rev, Role: plan.SignerAuthor, Signer: authorID, Credential: "LADC", Qualified: true, SignedAt: at},
			{ID: next(), Revision: rev, Role: plan.SignerPatient, Signer: patientID, SignedAt: at.Add(time.Minute)},
		} {
			if _, err := p.Sign(s); err != nil {
				return err
			}
		}
		return nil
	}
	review := func(at time.Time, met ...int) error {
		if _, _, err := p.Transition(change(at, plan.ReasonReview), plan.StatusUnderReview); err != nil {
			return err
		}
		on, _ := intervention.DateOf(at, time.UTC)
		if _, _, err := p.Edit(change(at, plan.ReasonReview),
			plan.PutParticipation(plan.Participation{ID: next(), Person: patientID, Role: intervention.RolePatient, On: on})); err != nil {
			return err
		}
		rv := plan.Review{ID: next(), Outcome: plan.OutcomeContinue, Justification: intervention.NewText("Early recovery; continue all services")}
		for i, o := range objectives {
			status := plan.ObjectiveInProgress
			for _, m := range met {
				if m == i {
					status = plan.ObjectiveMet
				}
			}
			rv.Progress = append(rv.Progress, plan.ObjectiveProgress{Objective: o, Status: status})
		}
		rev, _, err := p.CompleteReview(change(at, plan.ReasonReview), rv)
		if err != nil {
			return err
		}
		return sign(rev.ID, at.Add(time.Hour))
	}

	initial := time.Date(2025, 1, 7, 11, 0, 0, 0, time.UTC)
	steps := []planStep{
		{initial, func() error {
			rev, _, err := p.Edit(change(initial, plan.ReasonInitial), ops...)
			if err != nil {
				return err
			}
			if err := sign(rev.ID, initial.Add(30*time.Minute)); err != nil {
				return err
			}
			_, _, err = p.Transition(change(initial.Add(time.Hour), plan.ReasonActivation), plan.StatusActive)
			return err
		}},
		{time.Date(2025, 2, 5, 14, 0, 0, 0, time.UTC), func() error {
			return review(time.Date(2025, 2, 5, 14, 0, 0, 0, time.UTC))
		}},
		{time.Date(2025, 3, 5, 14, 0, 0, 0, time.UTC), func() error {
			return review(time.Date(2025, 3, 5, 14, 0, 0, 0, time.UTC), 4) // readiness 7 on 3 March
		}},
		{time.Date(2025, 3, 21, 16, 0, 0, 0, time.UTC), func() error {
			_, _, err := p.Edit(change(time.Date(2025, 3, 21, 16, 0, 0, 0, time.UTC), plan.ReasonUpdate),
				plan.SetObjectiveStatus(objectives[1], plan.ObjectiveMet)) // 19 negatives in a row
			return err
		}},
	}
	for _, s := range steps {
		if !r.happened(s.at) {
			break
		}
		if err := s.do(); err != nil {
			return err
		}
	}
	if p.Status() == plan.StatusDraft {
		return nil // nothing to link sessions to yet
	}
	// The golden thread: every group and MI session, linked to what it
	// addressed.
	for _, s := range r.tsf.Sessions() {
		if _, err := p.LinkSession(plan.LinkFor(s, tsfID, true, objectives[2], objectives[3], ivTSF)); err != nil {
			return err
		}
	}
	for i, s := range r.mi.Sessions() {
		addresses := []uuid.UUID{objectives[4], ivMI}
		if i == 5 {
			addresses = nil // "addressed in session" left blank: P-THREAD-1 flags it
		}
		if _, err := p.LinkSession(plan.LinkFor(s.Session, miID, true, addresses...)); err != nil {
			return err
		}
	}
	return nil
}
