package twelvestep

import (
	"errors"
	"slices"
	"strconv"

	"github.com/recoverykit/psychosocial/intervention"
)

// Milestone bounds (data-entry bounds, not clinical facts).
const (
	// MaxMilestones bounds the milestones of a schedule.
	MaxMilestones = 100
	// MaxMilestoneYears bounds a milestone's length and the recurrence
	// interval, in years (days and months are bounded to the same span).
	MaxMilestoneYears = 100
)

// Milestone is one clean-time milestone ("chip", "key tag"): Count calendar
// Units after the start of the current streak. The 24-hour chip is one
// calendar day.
type Milestone struct {
	// Code names the milestone, e.g. "30-days"; a code, never free text.
	Code  string `json:"code"`
	Count int    `json:"count"`
	Unit  Unit   `json:"unit"`
}

// DateFrom returns the day the milestone is reached for a streak that
// starts on start (the first day clean): start plus Count calendar days, or
// plus Count months (Count years as 12·Count months) with
// intervention.Date.AddMonths, which clamps to the month's last day. So a
// streak that starts on 29 February 2024 reaches one year on 28 February
// 2025 (and four years on 29 February 2028), and one starting on 31 August
// reaches six months on the last day of February.
func (m Milestone) DateFrom(start intervention.Date) intervention.Date {
	switch m.Unit {
	case UnitDay:
		return start.AddDays(m.Count)
	case UnitMonth:
		return start.AddMonths(m.Count)
	case UnitYear:
		return start.AddMonths(12 * m.Count)
	}
	return intervention.Date{}
}

// spanDays returns the fewest and most calendar days the milestone can take
// whatever the start date: n days is n; n months lie within 28n–31n days
// (AddMonths clamps only shorten); n years within 365n–366n.
func (m Milestone) spanDays() (lo, hi int) {
	switch m.Unit {
	case UnitDay:
		return m.Count, m.Count
	case UnitMonth:
		return 28 * m.Count, 31 * m.Count
	case UnitYear:
		return 365 * m.Count, 366 * m.Count
	}
	return 0, 0
}

// validate reports the problems with m, with paths relative to it.
func (m Milestone) validate() []error {
	var errs []error
	if !validCode(m.Code) {
		errs = append(errs, field("code", ErrBadCode))
	}
	if !m.Unit.Valid() {
		errs = append(errs, field("unit", ErrUnknownUnit))
		return errs
	}
	limit := MaxMilestoneYears
	switch m.Unit {
	case UnitDay:
		limit = 366 * MaxMilestoneYears
	case UnitMonth:
		limit = 12 * MaxMilestoneYears
	case UnitYear:
	}
	if m.Count < 1 || m.Count > limit {
		errs = append(errs, field("count", intervention.ErrOutOfRange))
	}
	return errs
}

// MilestoneSchedule is a programme's or fellowship's milestone schedule.
// There is no fellowship-wide standard — "A.A. does not have specific
// sobriety coins", colours vary by group and NA uses key tags — so the
// schedule is configuration, with DefaultMilestones as the default
// (reference: plans-and-interop.md §3.3; rule C-MILESTONE-1).
type MilestoneSchedule struct {
	// Name is a code naming the schedule, e.g. "common-chips".
	Name string `json:"name"`
	// Milestones are listed in increasing order; Findings flags a pair that
	// is not increasing on every calendar (rule C-MILESTONE-1).
	Milestones []Milestone `json:"milestones"`
	// ThenEveryYears, when positive, adds a milestone every that many years
	// from the streak start once the last listed milestone is passed, with
	// the code "<n>-years" ("2-years", "3-years", …).
	ThenEveryYears int `json:"thenEveryYears,omitzero"`
}

// DefaultMilestones returns the commonly used chip schedule: 24 hours (one
// calendar day), 30, 60 and 90 days, 6 and 9 months, 1 year, 18 months,
// then yearly (reference: plans-and-interop.md §3.3 [secondary]:
// soberspeak.com, thetokenshop.com, thefreedomcenter.com; rule
// C-MILESTONE-1).
func DefaultMilestones() MilestoneSchedule {
	return MilestoneSchedule{
		Name: "common-chips",
		Milestones: []Milestone{
			{Code: "24-hours", Count: 1, Unit: UnitDay},
			{Code: "30-days", Count: 30, Unit: UnitDay},
			{Code: "60-days", Count: 60, Unit: UnitDay},
			{Code: "90-days", Count: 90, Unit: UnitDay},
			{Code: "6-months", Count: 6, Unit: UnitMonth},
			{Code: "9-months", Count: 9, Unit: UnitMonth},
			{Code: "1-year", Count: 1, Unit: UnitYear},
			{Code: "18-months", Count: 18, Unit: UnitMonth},
		},
		ThenEveryYears: 1,
	}
}

// IsZero reports whether s is the zero schedule.
func (s MilestoneSchedule) IsZero() bool {
	return s.Name == "" && len(s.Milestones) == 0 && s.ThenEveryYears == 0
}

// Validate reports every problem with s, each under its JSON path: a code
// name (ErrBadCode); at least one milestone or a recurrence (ErrMissing at
// "milestones"), at most MaxMilestones; each milestone with a code, unique
// (intervention.ErrDuplicate), a known unit and a count of 1 up to
// MaxMilestoneYears years' worth (intervention.ErrOutOfRange);
// ThenEveryYears 0–MaxMilestoneYears. Order is not checked here: Unordered
// reports it. Validate never modifies s.
func (s MilestoneSchedule) Validate() error {
	var errs []error
	if !validCode(s.Name) {
		errs = append(errs, field("name", ErrBadCode))
	}
	switch {
	case len(s.Milestones) == 0 && s.ThenEveryYears == 0:
		errs = append(errs, field("milestones", intervention.ErrMissing))
	case len(s.Milestones) > MaxMilestones:
		errs = append(errs, field("milestones", intervention.ErrOutOfRange))
	}
	for i, m := range s.Milestones {
		path := intervention.Index("milestones", i)
		for _, err := range m.validate() {
			errs = append(errs, intervention.Prefix(path, err))
		}
		if validCode(m.Code) && slices.IndexFunc(s.Milestones[:i], func(o Milestone) bool { return o.Code == m.Code }) >= 0 {
			errs = append(errs, field(path+".code", intervention.ErrDuplicate))
		}
	}
	if s.ThenEveryYears < 0 || s.ThenEveryYears > MaxMilestoneYears {
		errs = append(errs, field("thenEveryYears", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// Unordered returns the indexes of listed milestones that do not come
// strictly after the milestone listed before them for every possible start
// date — "30 days" after "1 month", or "60 days" after "90 days". The
// schedule still works (dates are sorted), but such a schedule is probably a
// mistake; Findings reports each under rule C-MILESTONE-1.
func (s MilestoneSchedule) Unordered() []int {
	var out []int
	for i := 1; i < len(s.Milestones); i++ {
		_, prevHi := s.Milestones[i-1].spanDays()
		lo, _ := s.Milestones[i].spanDays()
		if lo <= prevHi {
			out = append(out, i)
		}
	}
	return out
}

// MilestoneDate is a milestone and the day a streak reaches it. The zero
// MilestoneDate means "none".
type MilestoneDate struct {
	Milestone Milestone         `json:"milestone"`
	On        intervention.Date `json:"on"`
}

// IsZero reports whether d is the zero MilestoneDate.
func (d MilestoneDate) IsZero() bool { return d.On.IsZero() }

// listed returns the listed milestones' dates from start, sorted by date
// (schedule order among equal dates).
func (s MilestoneSchedule) listed(start intervention.Date) []MilestoneDate {
	out := make([]MilestoneDate, 0, len(s.Milestones))
	for _, m := range s.Milestones {
		out = append(out, MilestoneDate{Milestone: m, On: m.DateFrom(start)})
	}
	slices.SortStableFunc(out, func(a, b MilestoneDate) int { return a.On.Compare(b.On) })
	return out
}

// recurring returns the k-th recurring milestone from start.
func (s MilestoneSchedule) recurring(start intervention.Date, k int) MilestoneDate {
	years := k * s.ThenEveryYears
	m := Milestone{Code: strconv.Itoa(years) + "-years", Count: years, Unit: UnitYear}
	return MilestoneDate{Milestone: m, On: m.DateFrom(start)}
}

// Through returns every milestone a streak starting on start reaches on or
// before through, in date order: the listed ones, then the recurring ones
// after the last listed date. Nothing when through is before start or
// either date is zero.
func (s MilestoneSchedule) Through(start, through intervention.Date) []MilestoneDate {
	if start.IsZero() || through.IsZero() || through.Before(start) {
		return nil
	}
	var out []MilestoneDate
	after := start
	for _, d := range s.listed(start) {
		if !d.On.After(through) {
			out = append(out, d)
		}
		after = d.On
	}
	if s.ThenEveryYears < 1 {
		return out
	}
	for k := 1; ; k++ {
		d := s.recurring(start, k)
		if d.On.After(through) {
			return out
		}
		if d.On.After(after) {
			out = append(out, d)
		}
	}
}

// Next returns the first milestone a streak starting on start reaches after
// today (today may be before start), and false when the schedule has no
// more or a date is zero.
func (s MilestoneSchedule) Next(start, today intervention.Date) (MilestoneDate, bool) {
	if start.IsZero() || today.IsZero() {
		return MilestoneDate{}, false
	}
	after := start
	for _, d := range s.listed(start) {
		if d.On.After(today) {
			return d, true
		}
		after = d.On
	}
	if s.ThenEveryYears < 1 {
		return MilestoneDate{}, false
	}
	// Start near today rather than at year one: k·n years from start is
	// at least (k·n−1) whole years after start's year.
	k := max(1, (today.Year()-start.Year())/s.ThenEveryYears-1)
	for ; ; k++ {
		d := s.recurring(start, k)
		if d.On.After(today) && d.On.After(after) {
			return d, true
		}
	}
}

// Last returns the latest milestone a streak starting on start has reached
// on or before today, and false when it has reached none.
func (s MilestoneSchedule) Last(start, today intervention.Date) (MilestoneDate, bool) {
	if start.IsZero() || today.IsZero() || today.Before(start) {
		return MilestoneDate{}, false
	}
	var last MilestoneDate
	after := start
	for _, d := range s.listed(start) {
		if !d.On.After(today) {
			last = d
		}
		after = d.On
	}
	if s.ThenEveryYears >= 1 {
		for k := (today.Year()-start.Year())/s.ThenEveryYears + 1; k >= 1; k-- {
			d := s.recurring(start, k)
			if !d.On.After(today) {
				if d.On.After(after) {
					last = d
				}
				break
			}
		}
	}
	return last, !last.IsZero()
}

// Reached counts the milestones a streak starting on start has reached on
// or before today.
func (s MilestoneSchedule) Reached(start, today intervention.Date) int {
	if start.IsZero() || today.IsZero() || today.Before(start) {
		return 0
	}
	n := 0
	after := start
	for _, d := range s.listed(start) {
		if !d.On.After(today) {
			n++
		}
		after = d.On
	}
	if s.ThenEveryYears >= 1 {
		for k := (today.Year()-start.Year())/s.ThenEveryYears + 1; k >= 1; k-- {
			d := s.recurring(start, k)
			if d.On.After(after) && !d.On.After(today) {
				n++
			}
		}
	}
	return n
}

// clone returns s with its own milestone list.
func (s MilestoneSchedule) clone() MilestoneSchedule {
	s.Milestones = slices.Clone(s.Milestones)
	return s
}
