package cbt

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// The measure codes Progress reports, always all of them and in this order.
// A measure without data (no homework closed yet, no urge in a window) is
// not computable (0/0), never 0.
const (
	// MeasureSessionsAttended counts sessions the patient attended (unit "sessions").
	MeasureSessionsAttended = "cbt.sessions-attended"
	// MeasureCoreTopicsCovered is core topics covered over the curriculum's
	// core topics (unit "ratio"); the same figure as Completion.
	MeasureCoreTopicsCovered = "cbt.core-topics-covered"
	// MeasureElectivesCovered counts distinct elective topics covered (unit "topics").
	MeasureElectivesCovered = "cbt.electives-covered"
	// MeasureHomeworkAssigned counts practice exercises assigned (unit "exercises").
	MeasureHomeworkAssigned = "cbt.homework-assigned"
	// MeasureHomeworkSessions is attended sessions in which an exercise
	// was assigned over attended sessions (unit "ratio"; 72 % in Carroll,
	// Nich & Ball 2005).
	MeasureHomeworkSessions = "cbt.homework-sessions"
	// MeasureHomeworkAttempted is closed exercises attempted or completed
	// over closed exercises (unit "ratio"). An exercise is closed once
	// reviewed or once its due date has passed.
	MeasureHomeworkAttempted = "cbt.homework-attempted"
	// MeasureHomeworkCompletion is closed exercises completed over closed
	// exercises (unit "ratio").
	MeasureHomeworkCompletion = "cbt.homework-completion"
	// MeasureCravingMean is the mean urge intensity over the last TrendDays
	// days (unit "points").
	MeasureCravingMean = "cbt.craving-mean"
	// MeasureCravingPreviousMean is the mean urge intensity over the
	// TrendDays days before those (unit "points").
	MeasureCravingPreviousMean = "cbt.craving-previous-mean"
	// MeasureCravingChange is the first minus the second (unit "points";
	// negative when craving eases).
	MeasureCravingChange = "cbt.craving-change"
	// MeasureUrgesResisted is urges not acted on over urges logged in the
	// last TrendDays days (unit "ratio").
	MeasureUrgesResisted = "cbt.urges-resisted"
	// MeasureAnalyses counts functional analyses dated on or before asOf
	// (unit "analyses").
	MeasureAnalyses = "cbt.functional-analyses"
)

// The Due codes Progress lists.
const (
	// DueHomework is a practice exercise with a due date that is neither
	// completed nor reviewed; its Ref is the homework ID.
	DueHomework = "cbt.homework"
	// DueNextSession is the next session, SessionIntervalDays after the
	// last attended one, while the course is active.
	DueNextSession = "cbt.next-session"
)

// Progress summarises the course as of asOf (intervention.Component).
// Only what happened by asOf counts: sessions that started at or before
// asOf, urges logged at or before it, and dated records on or before asOf's
// date in the course's time zone. It is pure.
//
//   - Status: not-started until the patient attends a session; completed
//     once every core topic is covered or PlannedSessions (when set) have
//     been attended; active otherwise.
//   - Completion: core topics covered over the curriculum's core topics
//     (electives are optional, so they do not count; not computable for a
//     curriculum without core topics).
//   - Attendance: sessions attended over sessions counted for the patient
//     (intervention.Attendance.Counted: programme cancellations and excused
//     absences are not counted).
//   - Measures: the Measure… codes, all of them, in their listed order.
//   - Due: open exercises with a due date, and the next session when
//     SessionIntervalDays is set and the course is active; by date, overdue
//     once asOf's date is after the due day.
func (c *Course) Progress(asOf time.Time) intervention.Progress {
	c.mu.RLock()
	defer c.mu.RUnlock()
	loc := c.cfg.location()
	today := c.dateOf(asOf) // zero (nothing dated counts) outside years 1–9999
	cur := c.cfg.Curriculum

	counted := 0
	for _, s := range c.sessions {
		if p, ok := s.Session.Attendee(c.cfg.Patient); ok && !s.Session.Start.After(asOf) && p.Attendance.Counted() {
			counted++
		}
	}
	seq := c.attended(asOf)
	covered := map[string]bool{}
	withHomework := 0
	for _, h := range seq {
		for _, t := range h.s.Session.Topics {
			covered[t] = true
		}
		if slices.ContainsFunc(c.homework, func(hw Homework) bool { return hw.Session == h.s.Session.ID }) {
			withHomework++
		}
	}
	coreCovered, electives := 0, 0
	for _, t := range cur.Topics {
		if !covered[t.Code] {
			continue
		}
		switch t.Kind {
		case TopicCore:
			coreCovered++
		case TopicElective:
			electives++
		}
	}
	core := len(cur.Core())

	status := intervention.StatusActive
	switch {
	case len(seq) == 0:
		status = intervention.StatusNotStarted
	case core > 0 && coreCovered == core,
		c.cfg.PlannedSessions > 0 && len(seq) >= c.cfg.PlannedSessions:
		status = intervention.StatusCompleted
	}

	var due []intervention.Due
	assigned, closed, attempted, completed := 0, 0, 0, 0
	for _, hw := range c.homework {
		if today.IsZero() || hw.On.After(today) {
			continue
		}
		assigned++
		st := stateOf(hw, c.updates, today)
		pastDue := !hw.Due.IsZero() && today.After(hw.Due)
		if st.Status == HomeworkReviewed || pastDue {
			closed++
			if st.Reached.rank() >= HomeworkAttempted.rank() {
				attempted++
			}
			if st.Reached == HomeworkCompleted {
				completed++
			}
		}
		if !hw.Due.IsZero() && st.Status.rank() < HomeworkCompleted.rank() {
			due = append(due, intervention.Due{Code: DueHomework, By: hw.Due, Overdue: pastDue, Ref: hw.ID})
		}
	}
	if n := len(seq); n > 0 && status == intervention.StatusActive && c.cfg.SessionIntervalDays > 0 && !today.IsZero() {
		next := c.dateOf(seq[n-1].s.Session.Start).AddDays(c.cfg.SessionIntervalDays)
		due = append(due, intervention.Due{Code: DueNextSession, By: next, Overdue: today.After(next)})
	}
	slices.SortStableFunc(due, func(a, b intervention.Due) int { return a.By.Compare(b.By) })

	var trend CravingTrend
	if !today.IsZero() {
		trend, _ = TrendOf(c.urges, asOf, c.cfg.TrendDays, loc) // days and asOf are in range
	}
	analyses := 0
	for _, a := range c.analyses {
		if !today.IsZero() && !a.On.After(today) {
			analyses++
		}
	}

	completion := intervention.RatioOf(coreCovered, core)
	return intervention.Progress{
		Component: c.cfg.ID, Modality: c.Modality(), AsOf: asOf, Status: status,
		Completion: completion,
		Attendance: intervention.RatioOf(len(seq), counted),
		Measures: []intervention.Measure{
			{Code: MeasureSessionsAttended, Unit: "sessions", Value: intervention.RatioOf(len(seq), 1)},
			{Code: MeasureCoreTopicsCovered, Unit: "ratio", Value: completion},
			{Code: MeasureElectivesCovered, Unit: "topics", Value: intervention.RatioOf(electives, 1)},
			{Code: MeasureHomeworkAssigned, Unit: "exercises", Value: intervention.RatioOf(assigned, 1)},
			{Code: MeasureHomeworkSessions, Unit: "ratio", Value: intervention.RatioOf(withHomework, len(seq))},
			{Code: MeasureHomeworkAttempted, Unit: "ratio", Value: intervention.RatioOf(attempted, closed)},
			{Code: MeasureHomeworkCompletion, Unit: "ratio", Value: intervention.RatioOf(completed, closed)},
			{Code: MeasureCravingMean, Unit: "points", Value: trend.RecentMean},
			{Code: MeasureCravingPreviousMean, Unit: "points", Value: trend.PreviousMean},
			{Code: MeasureCravingChange, Unit: "points", Value: trend.Change},
			{Code: MeasureUrgesResisted, Unit: "ratio", Value: trend.Resisted},
			{Code: MeasureAnalyses, Unit: "analyses", Value: intervention.RatioOf(analyses, 1)},
		},
		Due: due,
	}
}
