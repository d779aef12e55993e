package twelvestep

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// The measure codes Progress reports, always all of them and in this order.
// A measure without data is not computable (0/0), never 0.
const (
	// MeasureSessionsAttended counts TSF sessions the patient attended (unit "sessions").
	MeasureSessionsAttended = "tsf.sessions-attended"
	// MeasureTopicsCovered is the share of the curriculum's required topics
	// (opening, core, closing) covered in attended sessions (unit "ratio").
	MeasureTopicsCovered = "tsf.topics-covered"
	// MeasureElectivesCovered counts elective topics covered (unit "topics").
	MeasureElectivesCovered = "tsf.electives-covered"
	// MeasureConjointSessions counts attended sessions in which a
	// significant other took part (unit "sessions").
	MeasureConjointSessions = "tsf.conjoint-sessions"
	// MeasureMeetingsInWindow counts meetings in the rolling window that
	// count toward the attendance target (unit "meetings").
	MeasureMeetingsInWindow = "tsf.meetings-in-window"
	// MeasureMeetingTarget is meetings in the window over the target's
	// meetings (unit "ratio"; 1 or more means met).
	MeasureMeetingTarget = "tsf.meeting-target"
	// MeasureMeetingsTotal counts every meeting recorded up to asOf (unit "meetings").
	MeasureMeetingsTotal = "tsf.meetings-total"
	// MeasureStreakDays is the current streak in calendar days (unit
	// "days"); not computable without a journey start or before it.
	MeasureStreakDays = "tsf.streak-days"
	// MeasureJourneyDays is the days since the journey start (unit "days");
	// not computable without one or before it.
	MeasureJourneyDays = "tsf.journey-days"
	// MeasureMilestonesReached counts the current streak's milestones
	// reached (unit "milestones"); not computable without a journey start.
	MeasureMilestonesReached = "tsf.milestones-reached"
	// MeasureDaysToNextMilestone is the days from asOf's date to the next
	// milestone (unit "days"); not computable without one.
	MeasureDaysToNextMilestone = "tsf.days-to-next-milestone"
	// MeasureSlips counts slips dated on or before asOf's date, not
	// retracted (unit "slips"); not computable without a journey start.
	MeasureSlips = "tsf.slips"
	// MeasureStepsCompleted counts steps whose current status is completed
	// (unit "steps").
	MeasureStepsCompleted = "tsf.steps-completed"
	// MeasureHasSponsor is 1 when a current affiliation has a sponsor, else
	// 0 (unit "flag"); not computable without an affiliation snapshot.
	MeasureHasSponsor = "tsf.has-sponsor"
	// MeasureHomeGroup is 1 when a current affiliation names a home group
	// (unit "flag"); not computable without an affiliation snapshot.
	MeasureHomeGroup = "tsf.home-group"
	// MeasureSelfIdentifies is 1 when the patient self-identifies as a
	// member of a fellowship (unit "flag"); not computable without an
	// affiliation snapshot.
	MeasureSelfIdentifies = "tsf.self-identifies"
	// MeasureServiceCommitments counts service commitments held on asOf's
	// date (unit "commitments").
	MeasureServiceCommitments = "tsf.service-commitments"
)

// DueNextMilestone is the Due code of the next clean-time milestone: By is
// the milestone's date in the patient's time zone. It is never overdue.
const DueNextMilestone = "tsf.next-milestone"

// SessionSummary is the TSF course as of a time.
type SessionSummary struct {
	// Planned is the curriculum's number of sessions.
	Planned int `json:"planned"`
	// Attended counts sessions the patient attended; Counted those counted
	// for the attendance rate (intervention.Attendance.Counted).
	Attended int `json:"attended"`
	Counted  int `json:"counted"`
	// Conjoint counts attended sessions in which a significant other took part.
	Conjoint int `json:"conjoint"`
	// TopicsCovered are the topic IDs covered in attended sessions, in
	// curriculum order.
	TopicsCovered []string `json:"topicsCovered"`
	// Required counts the curriculum's required topics and RequiredCovered
	// those covered; ElectivesCovered counts electives covered.
	Required         int `json:"required"`
	RequiredCovered  int `json:"requiredCovered"`
	ElectivesCovered int `json:"electivesCovered"`
}

// Summary is everything the component reports as of a time, typed: the
// figures Progress flattens into measures, with the milestone codes and
// dates that a Measure cannot carry.
type Summary struct {
	AsOf time.Time `json:"asOf"`
	// Today is asOf's date in the patient's time zone.
	Today       intervention.Date           `json:"today"`
	Status      intervention.ProgressStatus `json:"status"`
	Sessions    SessionSummary              `json:"sessions"`
	Meetings    MeetingSummary              `json:"meetings"`
	CleanTime   CleanTime                   `json:"cleanTime"`
	Steps       StepSummary                 `json:"steps"`
	Affiliation AffiliationSummary          `json:"affiliation"`
}

// today returns asOf's date in the patient's time zone; zero (nothing
// dated counts) outside the years 1–9999.
func (f *Facilitation) today(asOf time.Time) intervention.Date {
	d, _ := intervention.DateOf(asOf, f.cfg.location())
	return d
}

// Summary summarises the component as of asOf. Only what happened by asOf
// counts: sessions and meetings that started at or before asOf, and dated
// records (slips, snapshots, step work, service) on or before asOf's date
// in the patient's time zone. A retracted slip never counts. It is pure.
func (f *Facilitation) Summary(asOf time.Time) Summary {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.summary(asOf)
}

func (f *Facilitation) summary(asOf time.Time) Summary {
	today := f.today(asOf)
	s := Summary{
		AsOf: asOf, Today: today,
		Sessions:    f.sessionSummary(asOf),
		Affiliation: f.affiliationSummary(today),
		Steps:       f.stepSummary(today),
	}
	s.Meetings = f.meetingSummary(asOf, today)
	s.CleanTime = f.cleanTime(today)
	switch {
	case s.Sessions.Attended == 0:
		s.Status = intervention.StatusNotStarted
	case s.Sessions.Attended >= s.Sessions.Planned:
		s.Status = intervention.StatusCompleted
	default:
		s.Status = intervention.StatusActive
	}
	return s
}

// held reports whether the patient was present at s, and whether a
// significant other was too.
func (f *Facilitation) held(s intervention.Session) (present, conjoint bool) {
	for _, p := range s.Participants {
		switch {
		case p.ID == f.cfg.Patient && p.Role == intervention.RolePatient:
			present = p.Attendance.Present()
		case p.Role.IsFamily() && p.Attendance.Present():
			conjoint = true
		}
	}
	return present, present && conjoint
}

func (f *Facilitation) sessionSummary(asOf time.Time) SessionSummary {
	cur := f.cfg.Curriculum
	out := SessionSummary{Planned: cur.Sessions, TopicsCovered: []string{}}
	covered := map[string]bool{}
	for _, s := range f.sessions {
		if s.Start.After(asOf) {
			continue
		}
		if p, _ := s.Attendee(f.cfg.Patient); p.Attendance.Counted() {
			out.Counted++
		}
		present, conjoint := f.held(s)
		if !present {
			continue
		}
		out.Attended++
		if conjoint {
			out.Conjoint++
		}
		for _, t := range s.Topics {
			covered[t] = true
		}
	}
	for _, t := range cur.Topics {
		if t.Kind.Required() {
			out.Required++
		}
		if !covered[t.ID] {
			continue
		}
		out.TopicsCovered = append(out.TopicsCovered, t.ID)
		switch {
		case t.Kind.Required():
			out.RequiredCovered++
		case t.Kind == TopicElective:
			out.ElectivesCovered++
		}
	}
	return out
}

// currentAffiliations returns the latest snapshot per fellowship dated on
// or before today (the last recorded among those of the same date), in
// order of the fellowship's first snapshot.
func (f *Facilitation) currentAffiliations(today intervention.Date) []Affiliation {
	var out []Affiliation
	if today.IsZero() {
		return out
	}
	for _, a := range f.affiliations {
		if a.On.After(today) {
			continue
		}
		i := slices.IndexFunc(out, func(o Affiliation) bool { return o.Fellowship == a.Fellowship })
		switch {
		case i < 0:
			out = append(out, a)
		case !a.On.Before(out[i].On):
			out[i] = a
		}
	}
	return out
}

func (f *Facilitation) affiliationSummary(today intervention.Date) AffiliationSummary {
	out := AffiliationSummary{Fellowships: []Fellowship{}}
	for _, a := range f.currentAffiliations(today) {
		out.Known = true
		out.Fellowships = append(out.Fellowships, a.Fellowship)
		out.SelfIdentifies = out.SelfIdentifies || a.SelfIdentifies
		out.HasSponsor = out.HasSponsor || a.HasSponsor
		out.IsSponsor = out.IsSponsor || a.IsSponsor
		out.HasHomeGroup = out.HasHomeGroup || a.HomeGroup != ""
	}
	for _, s := range f.service {
		if s.ActiveOn(today) {
			out.ActiveService++
		}
	}
	return out
}

func (f *Facilitation) stepSummary(today intervention.Date) StepSummary {
	out := StepSummary{Steps: make([]StepState, Steps)}
	for i := range out.Steps {
		out.Steps[i] = StepState{Step: i + 1, Status: StepNotStarted}
	}
	if !today.IsZero() {
		for _, w := range f.steps {
			st := &out.Steps[w.Step-1]
			if w.On.After(today) || (!st.Since.IsZero() && w.On.Before(st.Since)) {
				continue
			}
			st.Status, st.Since = w.Status, w.On
		}
	}
	for _, st := range out.Steps {
		switch st.Status {
		case StepCompleted:
			out.Completed++
		case StepInProgress:
			out.InProgress++
		case StepNotStarted:
		}
	}
	return out
}

func (f *Facilitation) meetingSummary(asOf time.Time, today intervention.Date) MeetingSummary {
	t := f.cfg.Target
	out := MeetingSummary{Target: t, Fellowships: []Fellowship{}}
	homes := f.currentAffiliations(today)
	if !today.IsZero() {
		out.WindowStart, out.WindowEnd = t.Window(today)
	}
	loc := f.cfg.location()
	for _, m := range f.meetings {
		if m.At.After(asOf) {
			continue
		}
		out.Total++
		verified := m.Verification == VerificationVerified
		if verified {
			out.Verified++
		}
		if m.Venue == VenueOnline {
			out.Online++
		}
		if m.Group != "" && slices.ContainsFunc(homes, func(a Affiliation) bool {
			return a.Fellowship == m.Fellowship && a.HomeGroup == m.Group
		}) {
			out.HomeGroup++
		}
		if !slices.Contains(out.Fellowships, m.Fellowship) {
			out.Fellowships = append(out.Fellowships, m.Fellowship)
		}
		d, _ := intervention.DateOf(m.At, loc) // At was validated
		if !today.IsZero() && !d.Before(out.WindowStart) && (verified || !t.VerifiedOnly) {
			out.InWindow++
		}
	}
	out.TargetMet = out.InWindow >= t.Meetings
	return out
}

// effectiveSlips returns the slips no retraction withdrew.
func (f *Facilitation) effectiveSlips() []Slip {
	var out []Slip
	for _, s := range f.slips {
		if find(f.retractions, s.ID, retractedSlip) < 0 {
			out = append(out, s)
		}
	}
	return out
}

func (f *Facilitation) cleanTime(today intervention.Date) CleanTime {
	return cleanTime(f.cfg.JourneyStart, today, f.effectiveSlips(), f.cfg.Milestones)
}

// CleanTime returns the patient's clean time on asOf's date in the
// patient's time zone (see CleanTime). It is pure.
func (f *Facilitation) CleanTime(asOf time.Time) CleanTime {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.cleanTime(f.today(asOf))
}

// Involvement returns the AAI three-item core for fellowship as of asOf:
// the fellowship's meetings in the InvolvementWindowDays ending on asOf's
// date, steps completed, and the latest self-identification answer
// (reference: plans-and-interop.md §3.4). It is pure.
func (f *Facilitation) Involvement(asOf time.Time, fellowship Fellowship) Involvement {
	f.mu.RLock()
	defer f.mu.RUnlock()
	today := f.today(asOf)
	out := Involvement{Fellowship: fellowship, WindowDays: f.cfg.InvolvementWindowDays}
	if today.IsZero() {
		return out
	}
	first := today.AddDays(-(f.cfg.InvolvementWindowDays - 1))
	for _, m := range f.meetings {
		d, _ := intervention.DateOf(m.At, f.cfg.location())
		if m.Fellowship == fellowship && !m.At.After(asOf) && !d.Before(first) {
			out.Meetings++
		}
	}
	out.StepsCompleted = f.stepSummary(today).Completed
	for _, a := range f.currentAffiliations(today) {
		if a.Fellowship == fellowship {
			out.Known, out.SelfIdentifies = true, a.SelfIdentifies
		}
	}
	return out
}

// flag returns 1/1 or 0/1 when known, and a not-computable ratio otherwise.
func flag(known, v bool) intervention.Ratio {
	switch {
	case !known:
		return intervention.Ratio{}
	case v:
		return intervention.RatioOf(1, 1)
	}
	return intervention.RatioOf(0, 1)
}

// Progress summarises the component as of asOf (intervention.Component),
// from Summary. It is pure.
//
//   - Status: not-started until the patient attends a session; completed
//     once the curriculum's sessions have been attended; active otherwise.
//   - Completion: sessions attended over the curriculum's sessions (capped
//     at 1).
//   - Attendance: sessions attended over sessions counted for the patient.
//   - Measures: the Measure… codes, all of them, in their listed order.
//   - Due: the next clean-time milestone (DueNextMilestone), when there is
//     one; never overdue, since a milestone is reached, not owed.
func (f *Facilitation) Progress(asOf time.Time) intervention.Progress {
	f.mu.RLock()
	defer f.mu.RUnlock()
	s := f.summary(asOf)
	ss, ms, ct, af := s.Sessions, s.Meetings, s.CleanTime, s.Affiliation
	count := func(n int) intervention.Ratio { return intervention.RatioOf(n, 1) }
	var streak, journey, reached, toNext, slips intervention.Ratio
	if ct.Tracked && !s.Today.IsZero() {
		reached, slips = count(ct.Reached), count(ct.Slips)
		if ct.Started {
			streak, journey = count(ct.StreakDays), count(ct.JourneyDays)
		}
		if !ct.Next.IsZero() {
			toNext = count(ct.DaysToNext)
		}
	}
	p := intervention.Progress{
		Component: f.cfg.ID, Modality: f.Modality(), AsOf: asOf, Status: s.Status,
		Completion: intervention.RatioOf(min(ss.Attended, ss.Planned), ss.Planned),
		Attendance: intervention.RatioOf(ss.Attended, ss.Counted),
		Measures: []intervention.Measure{
			{Code: MeasureSessionsAttended, Unit: "sessions", Value: count(ss.Attended)},
			{Code: MeasureTopicsCovered, Unit: "ratio", Value: intervention.RatioOf(ss.RequiredCovered, ss.Required)},
			{Code: MeasureElectivesCovered, Unit: "topics", Value: count(ss.ElectivesCovered)},
			{Code: MeasureConjointSessions, Unit: "sessions", Value: count(ss.Conjoint)},
			{Code: MeasureMeetingsInWindow, Unit: "meetings", Value: count(ms.InWindow)},
			{Code: MeasureMeetingTarget, Unit: "ratio", Value: intervention.RatioOf(ms.InWindow, ms.Target.Meetings)},
			{Code: MeasureMeetingsTotal, Unit: "meetings", Value: count(ms.Total)},
			{Code: MeasureStreakDays, Unit: "days", Value: streak},
			{Code: MeasureJourneyDays, Unit: "days", Value: journey},
			{Code: MeasureMilestonesReached, Unit: "milestones", Value: reached},
			{Code: MeasureDaysToNextMilestone, Unit: "days", Value: toNext},
			{Code: MeasureSlips, Unit: "slips", Value: slips},
			{Code: MeasureStepsCompleted, Unit: "steps", Value: count(s.Steps.Completed)},
			{Code: MeasureHasSponsor, Unit: "flag", Value: flag(af.Known, af.HasSponsor)},
			{Code: MeasureHomeGroup, Unit: "flag", Value: flag(af.Known, af.HasHomeGroup)},
			{Code: MeasureSelfIdentifies, Unit: "flag", Value: flag(af.Known, af.SelfIdentifies)},
			{Code: MeasureServiceCommitments, Unit: "commitments", Value: count(af.ActiveService)},
		},
	}
	if ct.Tracked && !ct.Next.IsZero() {
		p.Due = []intervention.Due{{Code: DueNextMilestone, By: ct.Next.On}}
	}
	return p
}
