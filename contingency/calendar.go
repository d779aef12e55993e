package contingency

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Weekday is a day of the week in its JSON form ("monday"). The zero Weekday
// is invalid.
type Weekday string

// The weekdays.
const (
	Sunday    Weekday = "sunday"
	Monday    Weekday = "monday"
	Tuesday   Weekday = "tuesday"
	Wednesday Weekday = "wednesday"
	Thursday  Weekday = "thursday"
	Friday    Weekday = "friday"
	Saturday  Weekday = "saturday"
)

// ErrUnknownWeekday means a weekday is not one of the constants.
var ErrUnknownWeekday = fmt.Errorf("contingency: weekday: %w", intervention.ErrUnknownValue)

// Weekdays returns the weekdays in time.Weekday order, Sunday first.
func Weekdays() []Weekday {
	return []Weekday{Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday}
}

// ParseWeekday returns the Weekday whose text form is s.
func ParseWeekday(s string) (Weekday, error) {
	return enum.Parse(Weekday(s), Weekday.Valid, ErrUnknownWeekday)
}

// Valid reports whether w is one of the constants.
func (w Weekday) Valid() bool { return enum.Valid(w, Weekdays()) }

// Time returns w as a time.Weekday; an invalid w returns -1.
func (w Weekday) Time() time.Weekday { return time.Weekday(slices.Index(Weekdays(), w)) }

// String returns the text form of w.
func (w Weekday) String() string { return string(w) }

// MarshalText encodes w; an invalid Weekday is an error.
func (w Weekday) MarshalText() ([]byte, error) {
	return enum.Marshal(w, Weekday.Valid, ErrUnknownWeekday)
}

// UnmarshalText decodes w with ParseWeekday; on error *w is unchanged.
func (w *Weekday) UnmarshalText(b []byte) error { return enum.Unmarshal(w, b, ParseWeekday) }

// Phase is a run of weeks with the same testing days, e.g. "12 weeks on
// Monday and Thursday".
type Phase struct {
	Weeks int       `json:"weeks"`
	Days  []Weekday `json:"days"`
}

// Calendar is a programme's testing calendar: the days on which a specimen
// is due. Week 0 starts on Start, and phases follow each other: RIP tests
// twice a week in weeks 1–12 and once a week in weeks 13–24
// (reference: contingency.md §3).
//
// The zero Calendar is invalid.
type Calendar struct {
	Start  intervention.Date `json:"start"`
	Phases []Phase           `json:"phases"`
}

// Calendar rules.
var (
	// ErrNoVisits means a calendar schedules no visit at all.
	ErrNoVisits = fmt.Errorf("contingency: calendar schedules no visits: %w", intervention.ErrInvalid)
)

// maxCalendarWeeks bounds a calendar to ten years, far beyond any CM programme.
const maxCalendarWeeks = 520

// Validate reports every problem with c.
func (c Calendar) Validate() error {
	var errs []error
	if c.Start.IsZero() {
		errs = append(errs, intervention.Field("start", intervention.ErrMissing))
	}
	if len(c.Phases) == 0 {
		errs = append(errs, intervention.Field("phases", intervention.ErrMissing))
	}
	total := 0
	for i, p := range c.Phases {
		path := intervention.Index("phases", i)
		if p.Weeks < 1 || p.Weeks > maxCalendarWeeks {
			errs = append(errs, intervention.Field(path+".weeks", intervention.ErrOutOfRange))
		}
		total += max(p.Weeks, 0)
		if len(p.Days) == 0 {
			errs = append(errs, intervention.Field(path+".days", intervention.ErrMissing))
		}
		for j, d := range p.Days {
			dp := intervention.Index(path+".days", j)
			switch {
			case !d.Valid():
				errs = append(errs, intervention.Field(dp, ErrUnknownWeekday))
			case slices.Index(p.Days, d) < j:
				errs = append(errs, intervention.Field(dp, intervention.ErrDuplicate))
			}
		}
	}
	if total > maxCalendarWeeks {
		errs = append(errs, intervention.Field("phases", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// Weeks returns the calendar's length in weeks.
func (c Calendar) Weeks() int {
	n := 0
	for _, p := range c.Phases {
		n += p.Weeks
	}
	return n
}

// End returns the first day after the calendar's last week.
func (c Calendar) End() intervention.Date { return c.Start.AddDays(7 * c.Weeks()) }

// Week returns the programme week of d, counted from 0 at Start; days before
// Start give a negative week.
func (c Calendar) Week(d intervention.Date) int {
	days := d.DaysSince(c.Start)
	if days < 0 {
		return -((-days + 6) / 7)
	}
	return days / 7
}

// phaseOf returns the phase that covers week w, or false outside the calendar.
func (c Calendar) phaseOf(w int) (Phase, bool) {
	if w < 0 {
		return Phase{}, false
	}
	for _, p := range c.Phases {
		if w < p.Weeks {
			return p, true
		}
		w -= p.Weeks
	}
	return Phase{}, false
}

// Scheduled reports whether a specimen is due on d.
func (c Calendar) Scheduled(d intervention.Date) bool {
	p, ok := c.phaseOf(c.Week(d))
	if !ok {
		return false
	}
	wd := d.Weekday()
	return slices.ContainsFunc(p.Days, func(x Weekday) bool { return x.Time() == wd })
}

// Visits returns every scheduled date in order.
func (c Calendar) Visits() []intervention.Date {
	return c.Between(c.Start, c.End())
}

// Between returns the scheduled dates d with from ≤ d < to, in order.
func (c Calendar) Between(from, to intervention.Date) []intervention.Date {
	if from.Before(c.Start) {
		from = c.Start
	}
	if end := c.End(); to.After(end) {
		to = end
	}
	var out []intervention.Date
	for d := from; d.Before(to); d = d.AddDays(1) {
		if c.Scheduled(d) {
			out = append(out, d)
		}
	}
	return out
}

// TwiceWeekly returns a calendar testing on first and second weekdays for
// weeks weeks from start (CTN-0007: two visits a week for 12 weeks;
// reference: contingency.md §2).
func TwiceWeekly(start intervention.Date, weeks int, first, second Weekday) Calendar {
	return Calendar{Start: start, Phases: []Phase{{Weeks: weeks, Days: []Weekday{first, second}}}}
}

// ThriceWeekly returns a Monday–Wednesday–Friday calendar for weeks weeks
// from start (Higgins and Silverman: three specimens a week for 12 weeks;
// reference: contingency.md §1).
func ThriceWeekly(start intervention.Date, weeks int) Calendar {
	return Calendar{Start: start, Phases: []Phase{{Weeks: weeks, Days: []Weekday{Monday, Wednesday, Friday}}}}
}

// RIPCalendar returns the Recovery Incentives Program calendar: two tests a
// week (on first and second) in weeks 1–12, then one a week (on first) in
// weeks 13–24, 36 tests in all (reference: contingency.md §3, RIP-5).
func RIPCalendar(start intervention.Date, first, second Weekday) Calendar {
	return Calendar{Start: start, Phases: []Phase{
		{Weeks: 12, Days: []Weekday{first, second}},
		{Weeks: 12, Days: []Weekday{first}},
	}}
}
