package motivation

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// The measure codes Progress reports, always all of them and in this order.
// A measure without data (no rating yet, no coding yet) is not computable
// (0/0), never 0.
const (
	// MeasureSessionsAttended counts sessions the patient attended (unit "sessions").
	MeasureSessionsAttended = "mi.sessions-attended"
	// MeasureProcessesCovered is the share of the four MI processes covered
	// in attended sessions (unit "ratio").
	MeasureProcessesCovered = "mi.processes-covered"
	// MeasureImportanceLatest is the latest importance-ruler value (unit "points").
	MeasureImportanceLatest = "mi.importance-latest"
	// MeasureConfidenceLatest is the latest confidence-ruler value (unit "points").
	MeasureConfidenceLatest = "mi.confidence-latest"
	// MeasureReadinessLatest is the latest readiness-ruler value (unit "points").
	MeasureReadinessLatest = "mi.readiness-latest"
	// MeasureReadinessChange is the latest readiness value minus the first
	// (unit "points"); not computable with fewer than two ratings or when
	// they were on different scales.
	MeasureReadinessChange = "mi.readiness-change"
	// MeasureChangeTalkPercent is the latest coding's CT/(CT+ST) as a
	// fraction (unit "ratio"; Ratio.Percent gives %CT).
	MeasureChangeTalkPercent = "mi.change-talk-percent"
	// MeasureChangeTalkChange is the latest coding's CT/(CT+ST) minus the
	// first coding's (unit "ratio"): the change-talk trend.
	MeasureChangeTalkChange = "mi.change-talk-change"
	// MeasureTechnical is the latest MITI coding's technical global (unit "points").
	MeasureTechnical = "mi.technical"
	// MeasureRelational is the latest MITI coding's relational global (unit "points").
	MeasureRelational = "mi.relational"
	// MeasureComplexReflections is the latest coding's CR/(SR+CR) (unit "ratio").
	MeasureComplexReflections = "mi.complex-reflections"
	// MeasureReflectionToQuestion is the latest coding's (SR+CR)/Q (unit "ratio").
	MeasureReflectionToQuestion = "mi.reflection-to-question"
	// MeasureMIAdherent is the latest coding's MI-adherent total (unit "count").
	MeasureMIAdherent = "mi.mi-adherent"
	// MeasureMINonAdherent is the latest coding's MI-non-adherent total (unit "count").
	MeasureMINonAdherent = "mi.mi-non-adherent"
)

// DueChangePlanStep is the Due code of an open change-plan step with a
// target date; its Ref is the plan revision's ID.
const DueChangePlanStep = "mi.change-plan-step"

// Progress summarises the component as of asOf (intervention.Component).
// Only what happened by asOf counts: sessions that started at or before
// asOf, and dated records on or before asOf's date in the component's time
// zone. It is pure.
//
//   - Status: not-started until the patient attends a session; completed
//     once PlannedSessions (when set) have been attended; active otherwise.
//   - Completion: sessions attended over PlannedSessions (not computable
//     when open-ended).
//   - Attendance: sessions attended over sessions counted for the patient
//     (intervention.Attendance.Counted).
//   - Measures: the Measure… codes, all of them, in their listed order.
//     Fidelity figures come from the latest MITI coding by date (the last
//     recorded on that date, whoever coded it).
//   - Due: the current change plan's open steps with a target date, by date,
//     overdue once asOf's date is after the target date.
func (c *Component) Progress(asOf time.Time) intervention.Progress {
	c.mu.RLock()
	defer c.mu.RUnlock()
	loc := c.cfg.location()
	today, _ := intervention.DateOf(asOf, loc) // zero (nothing dated counts) outside years 1–9999

	attended, counted := 0, 0
	covered := map[Process]bool{}
	for _, s := range c.sessions {
		if s.Session.Start.After(asOf) {
			continue
		}
		p, _ := s.Session.Attendee(c.cfg.Patient)
		if p.Attendance.Counted() {
			counted++
		}
		if p.Attendance.Present() {
			attended++
			for _, pr := range s.Processes {
				covered[pr] = true
			}
		}
	}

	status := intervention.StatusActive
	switch {
	case attended == 0:
		status = intervention.StatusNotStarted
	case c.cfg.PlannedSessions > 0 && attended >= c.cfg.PlannedSessions:
		status = intervention.StatusCompleted
	}

	// Dated figures; a zero today (asOf outside years 1–9999) counts none.
	latestRating := func(r Ruler) intervention.Ratio {
		if l, ok := TrendOf(c.ratings, r, today).Latest(); ok && !today.IsZero() {
			return intervention.RatioOf(l.Value, 1)
		}
		return intervention.Ratio{}
	}
	var readinessChange, ctPercent, ctChange intervention.Ratio
	var fid MITISummary
	fidOK := false
	if !today.IsZero() {
		readinessChange = TrendOf(c.ratings, RulerReadiness, today).Change
		if pts := c.changeTalk(today); len(pts) > 0 {
			ctPercent = pts[len(pts)-1].Summary.PercentChangeTalk
			if len(pts) > 1 {
				ctChange = subRatio(ctPercent, pts[0].Summary.PercentChangeTalk)
			}
		}
		_, fid, fidOK = c.latestFidelity(today)
	}
	count := func(n int) intervention.Ratio {
		if !fidOK {
			return intervention.Ratio{}
		}
		return intervention.RatioOf(n, 1)
	}

	prog := intervention.Progress{
		Component: c.cfg.ID, Modality: c.Modality(), AsOf: asOf, Status: status,
		Completion: intervention.RatioOf(min(attended, c.cfg.PlannedSessions), c.cfg.PlannedSessions),
		Attendance: intervention.RatioOf(attended, counted),
		Measures: []intervention.Measure{
			{Code: MeasureSessionsAttended, Unit: "sessions", Value: intervention.RatioOf(attended, 1)},
			{Code: MeasureProcessesCovered, Unit: "ratio", Value: intervention.RatioOf(len(covered), len(Processes()))},
			{Code: MeasureImportanceLatest, Unit: "points", Value: latestRating(RulerImportance)},
			{Code: MeasureConfidenceLatest, Unit: "points", Value: latestRating(RulerConfidence)},
			{Code: MeasureReadinessLatest, Unit: "points", Value: latestRating(RulerReadiness)},
			{Code: MeasureReadinessChange, Unit: "points", Value: readinessChange},
			{Code: MeasureChangeTalkPercent, Unit: "ratio", Value: ctPercent},
			{Code: MeasureChangeTalkChange, Unit: "ratio", Value: ctChange},
			{Code: MeasureTechnical, Unit: "points", Value: fid.Technical},
			{Code: MeasureRelational, Unit: "points", Value: fid.Relational},
			{Code: MeasureComplexReflections, Unit: "ratio", Value: fid.ComplexReflections},
			{Code: MeasureReflectionToQuestion, Unit: "ratio", Value: fid.ReflectionToQuestion},
			{Code: MeasureMIAdherent, Unit: "count", Value: count(fid.MIAdherent)},
			{Code: MeasureMINonAdherent, Unit: "count", Value: count(fid.MINonAdherent)},
		},
	}
	if plan, ok := latest(c.plans, planOn, today); ok {
		for _, s := range plan.OpenSteps() {
			prog.Due = append(prog.Due, intervention.Due{
				Code: DueChangePlanStep, By: s.By, Overdue: today.After(s.By), Ref: plan.ID,
			})
		}
		slices.SortStableFunc(prog.Due, func(a, b intervention.Due) int { return a.By.Compare(b.By) })
	}
	return prog
}
