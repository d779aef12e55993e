package twelvestep

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Slip is the explicit, attributed action that restarts the clean-time
// streak: who recorded it (ID and role), when, why, and the days involved.
// Nothing else restarts a streak — in particular a positive test never does
// by itself; a clinician records a Slip with SlipPositiveTest (reference:
// plans-and-interop.md §3.3; rule C-MILESTONE-1). A slip restarts the
// current streak but never moves the journey start.
//
// Sobriety dates are sensitive: String, fmt and slog output show the slip's
// ID, reason and recorder's role, never its dates.
type Slip struct {
	ID uuid.UUID `json:"id"`
	// On is the day of the use.
	On intervention.Date `json:"on"`
	// RestartOn is the first day of the new streak; zero means the day
	// after On (the first full day clean).
	RestartOn intervention.Date `json:"restartOn,omitzero"`
	Reason    SlipReason        `json:"reason"`
	// Evidence is the host's opaque ID of what the slip rests on (a test
	// result, a note), when there is one.
	Evidence uuid.UUID `json:"evidence,omitzero"`
	// RecordedBy is the host's opaque ID of who recorded the slip, and
	// RecordedByRole their role; RecordedAt is when.
	RecordedBy     uuid.UUID         `json:"recordedBy"`
	RecordedByRole intervention.Role `json:"recordedByRole"`
	RecordedAt     time.Time         `json:"recordedAt"`
}

// Restart returns the first day of the streak the slip starts: RestartOn,
// or the day after On when RestartOn is zero.
func (s Slip) Restart() intervention.Date {
	if s.RestartOn.IsZero() {
		return s.On.AddDays(1)
	}
	return s.RestartOn
}

// Validate reports every problem with s, each under its JSON path: ID, On,
// RecordedBy and RecordedAt are required (intervention.ErrMissing; a
// recorded time in the years 1970–2199); Reason and RecordedByRole must be
// known; RestartOn, when set, must be after On (intervention.ErrInconsistent).
// A slip without attribution is therefore never recorded. Validate never
// modifies s.
func (s Slip) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if s.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if s.On.IsZero() {
		add("on", intervention.ErrMissing)
	} else if !s.RestartOn.IsZero() && !s.RestartOn.After(s.On) {
		add("restartOn", intervention.ErrInconsistent)
	}
	if !s.Reason.Valid() {
		add("reason", ErrUnknownSlipReason)
	}
	if s.RecordedBy == uuid.Nil {
		add("recordedBy", intervention.ErrMissing)
	}
	if !s.RecordedByRole.Valid() {
		add("recordedByRole", intervention.ErrUnknownRole)
	}
	if err := checkInstant("recordedAt", s.RecordedAt); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// String returns the slip's ID, reason and recorder's role; its dates are
// redacted.
func (s Slip) String() string {
	return "Slip{id=" + s.ID.String() + " reason=" + enumText(string(s.Reason), s.Reason.Valid()) +
		" recordedByRole=" + enumText(string(s.RecordedByRole), s.RecordedByRole.Valid()) + " dates=" + redacted + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (s Slip) GoString() string { return "twelvestep." + s.String() }

// Format makes every fmt verb print the String form, so no verb reaches
// the dates by reflection.
func (s Slip) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, s.String(), s.GoString())
}

// LogValue implements slog.LogValuer: ID, reason and role, dates redacted.
func (s Slip) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", s.ID.String()),
		slog.String("reason", enumText(string(s.Reason), s.Reason.Valid())),
		slog.String("recordedByRole", enumText(string(s.RecordedByRole), s.RecordedByRole.Valid())),
		slog.String("dates", redacted),
	)
}

// SlipRetraction withdraws a slip recorded in error or resting on a test
// that was not confirmed: the slip stays in the record (it is never edited
// or deleted) but no longer restarts the streak. Like a slip, it is an
// explicit, attributed action.
type SlipRetraction struct {
	ID             uuid.UUID         `json:"id"`
	Slip           uuid.UUID         `json:"slip"`
	Reason         RetractionReason  `json:"reason"`
	RecordedBy     uuid.UUID         `json:"recordedBy"`
	RecordedByRole intervention.Role `json:"recordedByRole"`
	RecordedAt     time.Time         `json:"recordedAt"`
}

// Validate reports every problem with r, each under its JSON path.
func (r SlipRetraction) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if r.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if r.Slip == uuid.Nil {
		add("slip", intervention.ErrMissing)
	}
	if !r.Reason.Valid() {
		add("reason", ErrUnknownRetractionReason)
	}
	if r.RecordedBy == uuid.Nil {
		add("recordedBy", intervention.ErrMissing)
	}
	if !r.RecordedByRole.Valid() {
		add("recordedByRole", intervention.ErrUnknownRole)
	}
	if err := checkInstant("recordedAt", r.RecordedAt); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// CleanTime is the patient's clean time on a day, counted in calendar days
// in the patient's time zone (reference: plans-and-interop.md §3.3;
// rule C-MILESTONE-1):
//
//   - the journey start is the original start and never moves; JourneyDays
//     counts the days since it;
//   - the current streak starts on the journey start, or on the restart day
//     of the latest slip dated on or before Today (retracted slips do not
//     count); StreakDays counts the days since it, 0 while it has not begun
//     (on the day of a slip, say);
//   - milestones come from the schedule, counted from the streak start.
//
// Day counts are Today minus the start date: 0 on the first day clean, 1
// the next day (the 24-hour milestone), 30 on the 30-day milestone.
//
// Sobriety dates are sensitive: String, fmt and slog output show counts
// and milestone codes, never dates.
type CleanTime struct {
	// Tracked: the component has a journey start. When false every other
	// field is zero.
	Tracked bool              `json:"tracked"`
	Today   intervention.Date `json:"today"`
	// Started: Today is on or after the journey start. JourneyDays and
	// StreakDays are 0 before it.
	Started      bool              `json:"started"`
	JourneyStart intervention.Date `json:"journeyStart,omitzero"`
	StreakStart  intervention.Date `json:"streakStart,omitzero"`
	JourneyDays  int               `json:"journeyDays"`
	StreakDays   int               `json:"streakDays"`
	// Slips counts the slips dated on or before Today, not retracted.
	Slips int `json:"slips"`
	// Reached counts the milestones of the current streak reached by Today.
	Reached int `json:"reached"`
	// Last is the latest milestone of the current streak reached by Today
	// and Next the first after Today; zero when there is none.
	Last MilestoneDate `json:"last,omitzero"`
	Next MilestoneDate `json:"next,omitzero"`
	// DaysToNext is the number of days from Today to Next.On; 0 without Next.
	DaysToNext int `json:"daysToNext"`
}

// cleanTime computes the clean time on today from the journey start, the
// slips (with retracted ones already removed) and the schedule.
func cleanTime(journey, today intervention.Date, slips []Slip, sched MilestoneSchedule) CleanTime {
	if journey.IsZero() {
		return CleanTime{}
	}
	ct := CleanTime{Tracked: true, Today: today, JourneyStart: journey, StreakStart: journey}
	if today.IsZero() {
		return ct
	}
	for _, s := range slips {
		if s.On.After(today) {
			continue
		}
		ct.Slips++
		if r := s.Restart(); r.After(ct.StreakStart) {
			ct.StreakStart = r
		}
	}
	if !today.Before(journey) {
		ct.Started = true
		ct.JourneyDays = today.DaysSince(journey)
		ct.StreakDays = max(0, today.DaysSince(ct.StreakStart))
	}
	ct.Reached = sched.Reached(ct.StreakStart, today)
	ct.Last, _ = sched.Last(ct.StreakStart, today)
	if next, ok := sched.Next(ct.StreakStart, today); ok {
		ct.Next = next
		ct.DaysToNext = next.On.DaysSince(today)
	}
	return ct
}

// String summarises ct with counts and milestone codes; dates are redacted.
func (ct CleanTime) String() string {
	if !ct.Tracked {
		return "CleanTime{tracked=false}"
	}
	s := "CleanTime{started=" + strconv.FormatBool(ct.Started) +
		" journeyDays=" + strconv.Itoa(ct.JourneyDays) + " streakDays=" + strconv.Itoa(ct.StreakDays) +
		" slips=" + strconv.Itoa(ct.Slips) + " reached=" + strconv.Itoa(ct.Reached)
	if !ct.Last.IsZero() {
		s += " last=" + ct.Last.Milestone.Code
	}
	if !ct.Next.IsZero() {
		s += " next=" + ct.Next.Milestone.Code + " daysToNext=" + strconv.Itoa(ct.DaysToNext)
	}
	return s + " dates=" + redacted + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (ct CleanTime) GoString() string { return "twelvestep." + ct.String() }

// Format makes every fmt verb print the String form, so no verb reaches
// the dates by reflection.
func (ct CleanTime) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, ct.String(), ct.GoString())
}

// LogValue implements slog.LogValuer: counts and milestone codes, dates
// redacted.
func (ct CleanTime) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Bool("tracked", ct.Tracked)}
	if ct.Tracked {
		attrs = append(attrs,
			slog.Bool("started", ct.Started),
			slog.Int("journeyDays", ct.JourneyDays), slog.Int("streakDays", ct.StreakDays),
			slog.Int("slips", ct.Slips), slog.Int("reached", ct.Reached))
		if !ct.Last.IsZero() {
			attrs = append(attrs, slog.String("last", ct.Last.Milestone.Code))
		}
		if !ct.Next.IsZero() {
			attrs = append(attrs, slog.String("next", ct.Next.Milestone.Code), slog.Int("daysToNext", ct.DaysToNext))
		}
		attrs = append(attrs, slog.String("dates", redacted))
	}
	return slog.GroupValue(attrs...)
}
