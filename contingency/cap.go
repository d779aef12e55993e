package contingency

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// WindowKind names how a cap's window is laid on the calendar. The zero
// WindowKind is invalid.
type WindowKind string

// The window kinds. Reference: contingency.md §4 ("Treat caps as per funding
// source, per window (calendar year / programme year / episode)") and §3
// (RIP's "$599 per calendar year" versus "over a six-month period").
const (
	// WindowCalendarYear runs 1 January to 31 December.
	WindowCalendarYear WindowKind = "calendar-year"
	// WindowProgramme runs in periods of Months calendar months from Start
	// (a programme year when Months is 12, RIP's six-month service when it
	// is 6). Periods repeat forwards and backwards from Start.
	WindowProgramme WindowKind = "programme"
	// WindowRollingDays is the Days calendar days ending on (and including)
	// the day in question.
	WindowRollingDays WindowKind = "rolling-days"
	// WindowEpisode is the whole ledger: every entry counts.
	WindowEpisode WindowKind = "episode"
)

// ErrUnknownWindowKind means a window kind is not one of the constants.
var ErrUnknownWindowKind = fmt.Errorf("contingency: window kind: %w", intervention.ErrUnknownValue)

// WindowKinds returns every WindowKind in a stable order.
func WindowKinds() []WindowKind {
	return []WindowKind{WindowCalendarYear, WindowProgramme, WindowRollingDays, WindowEpisode}
}

// ParseWindowKind returns the WindowKind whose text form is s.
func ParseWindowKind(s string) (WindowKind, error) {
	return enum.Parse(WindowKind(s), WindowKind.Valid, ErrUnknownWindowKind)
}

// Valid reports whether k is one of the constants.
func (k WindowKind) Valid() bool { return enum.Valid(k, WindowKinds()) }

// String returns the text form of k.
func (k WindowKind) String() string { return string(k) }

// MarshalText encodes k; an invalid WindowKind is an error.
func (k WindowKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, WindowKind.Valid, ErrUnknownWindowKind)
}

// UnmarshalText decodes k with ParseWindowKind; on error *k is unchanged.
func (k *WindowKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseWindowKind) }

// Limits on window parameters.
const (
	maxWindowMonths = 120
	maxWindowDays   = 3660
)

// Window is the stretch of calendar a cap's PerWindow limit applies to. Days
// are civil dates in the participant's time zone (the ledger's WithLocation,
// UTC by default): an award effective at 23:30 on 31 December in Los Angeles
// counts in that year even though it is already 1 January in UTC.
//
// The zero Window is invalid; build one with CalendarYear, ProgrammeYear,
// ProgrammePeriod, RollingDays or Episode.
type Window struct {
	Kind WindowKind `json:"kind"`
	// Start is the first day of the first period (WindowProgramme only).
	Start intervention.Date `json:"start,omitzero"`
	// Months is the length of each period (WindowProgramme only), 1–120.
	Months int `json:"months,omitzero"`
	// Days is the length of the rolling window (WindowRollingDays only), 1–3660.
	Days int `json:"days,omitzero"`
}

// CalendarYear returns the calendar-year window.
func CalendarYear() Window { return Window{Kind: WindowCalendarYear} }

// ProgrammeYear returns yearly periods starting on start.
func ProgrammeYear(start intervention.Date) Window { return ProgrammePeriod(start, 12) }

// ProgrammePeriod returns periods of months calendar months starting on start.
func ProgrammePeriod(start intervention.Date, months int) Window {
	return Window{Kind: WindowProgramme, Start: start, Months: months}
}

// RollingDays returns the window of the days calendar days ending on the day
// in question.
func RollingDays(days int) Window { return Window{Kind: WindowRollingDays, Days: days} }

// Episode returns the window that holds the whole ledger.
func Episode() Window { return Window{Kind: WindowEpisode} }

// Validate reports every problem with w. It never modifies w.
func (w Window) Validate() error {
	var errs []error
	bad := func(field string, rule error) { errs = append(errs, intervention.Field(field, rule)) }
	unused := func(start, months, days bool) {
		if !start && !w.Start.IsZero() {
			bad("start", intervention.ErrInconsistent)
		}
		if !months && w.Months != 0 {
			bad("months", intervention.ErrInconsistent)
		}
		if !days && w.Days != 0 {
			bad("days", intervention.ErrInconsistent)
		}
	}
	switch w.Kind {
	case WindowCalendarYear, WindowEpisode:
		unused(false, false, false)
	case WindowProgramme:
		if w.Start.IsZero() {
			bad("start", intervention.ErrMissing)
		}
		if w.Months < 1 || w.Months > maxWindowMonths {
			bad("months", intervention.ErrOutOfRange)
		}
		unused(true, true, false)
	case WindowRollingDays:
		if w.Days < 1 || w.Days > maxWindowDays {
			bad("days", intervention.ErrOutOfRange)
		}
		unused(false, false, true)
	default:
		if w.Kind == "" {
			bad("kind", intervention.ErrMissing)
		} else {
			bad("kind", ErrUnknownWindowKind)
		}
	}
	return errors.Join(errs...)
}

// bounds returns the first and last day (as civilDays) of the window that
// holds the civil date y-m-d; for a rolling window, the one ending on it. An
// episode, or an invalid window, holds every day.
func (w Window) bounds(y int, m time.Month, d int) (lo, hi int64) {
	day := civilDays(y, m, d)
	switch w.Kind {
	case WindowCalendarYear:
		return civilDays(y, time.January, 1), civilDays(y, time.December, 31)
	case WindowProgramme:
		if w.Months < 1 || w.Start.IsZero() {
			break
		}
		s := w.Start
		k := (y*12 + int(m) - 1) - (s.Year()*12 + int(s.Month()) - 1)
		n := int(floorDiv(int64(k), int64(w.Months)))
		start := s.AddMonths(n * w.Months)
		if dateDays(start) > day {
			n--
			start = s.AddMonths(n * w.Months)
		}
		next := s.AddMonths((n + 1) * w.Months)
		return dateDays(start), dateDays(next) - 1
	case WindowRollingDays:
		return day - int64(w.Days) + 1, day
	case WindowEpisode:
	}
	return math.MinInt64, math.MaxInt64
}

// CapPolicy says what happens to an award that would exceed a cap. The zero
// CapPolicy is CapTrim, the default (reference: contingency.md §8, vector
// CAP-SAMHSA: "This must be a configuration flag"). Its text forms are "trim"
// and "refuse"; the integer is never persisted.
type CapPolicy int

// The cap policies.
const (
	// CapTrim pays the award up to the room left under the cap ("pay up to
	// cap": the 31st Higgins voucher of $40.00 pays $31.25 under SAMHSA's
	// $750).
	CapTrim CapPolicy = iota
	// CapRefuse pays nothing when the award exceeds the room left
	// ("all-or-nothing": the same voucher pays $0.00). The refused award is
	// still written, at $0.00, with the amount requested and the cap named,
	// so that the refusal is explained and audited.
	CapRefuse
)

// ErrUnknownCapPolicy means a cap policy is not one of the constants.
var ErrUnknownCapPolicy = fmt.Errorf("contingency: cap policy: %w", intervention.ErrUnknownValue)

// CapPolicies returns every CapPolicy in a stable order.
func CapPolicies() []CapPolicy { return []CapPolicy{CapTrim, CapRefuse} }

// ParseCapPolicy returns the CapPolicy whose text form is s.
func ParseCapPolicy(s string) (CapPolicy, error) {
	switch s {
	case "trim":
		return CapTrim, nil
	case "refuse":
		return CapRefuse, nil
	}
	return 0, ErrUnknownCapPolicy
}

// Valid reports whether p is one of the constants.
func (p CapPolicy) Valid() bool {
	switch p {
	case CapTrim, CapRefuse:
		return true
	}
	return false
}

// String returns the text form of p; an invalid policy reads "CapPolicy(n)".
func (p CapPolicy) String() string {
	switch p {
	case CapTrim:
		return "trim"
	case CapRefuse:
		return "refuse"
	}
	return "CapPolicy(" + strconv.Itoa(int(p)) + ")"
}

// MarshalText encodes p; an invalid CapPolicy is an error.
func (p CapPolicy) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, ErrUnknownCapPolicy
	}
	return []byte(p.String()), nil
}

// UnmarshalText decodes p with ParseCapPolicy; on error *p is unchanged.
func (p *CapPolicy) UnmarshalText(b []byte) error {
	v, err := ParseCapPolicy(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Cap is a limit on what a participant may be paid (reference:
// contingency.md §4 "Federal limits on incentives", §8 vectors CAP-*).
//
// A cap covers the award entries (kinds earn, bonus and prize) whose
// FundingSource is in FundingSources and whose Instrument is in Instruments;
// an empty list covers every value. Adjustments, redemptions and expiries
// are never capped. For each covered award line of a Posting, in order:
//
//   - PerItem limits the line. Each line is one item, so a voucher and its
//     bonus are two items by default. With BonusSameItem, the earn and bonus
//     lines of one Visit in one Posting are one item and share the limit
//     (reference: CAP-OIG-item, "policy choice; flag it"). A prize line is
//     one item: post one prize line per slip when each prize is an item.
//   - PerWindow limits the sum of covered awards effective in the Window
//     that holds the line's EffectiveAt, in the participant's time zone.
//     For a rolling window the line must fit every window that holds it, so
//     a back-dated award cannot overfill a later window.
//   - Policy decides an award that exceeds the room left: CapTrim pays the
//     room, CapRefuse pays $0.00. Either way the entry records the amount
//     requested and the caps that bound it (AwardDetail.Requested, .Caps).
//     Under CapRefuse, RefusalScope says whether a visit's voucher and bonus
//     fit or are refused together (RefuseVisit, the default) or line by
//     line (RefuseLine).
//
// Cap usage is the net of the covered awards: reversing a covered award
// gives back the room it used, in the window of the original award, by the
// whole amount reversed — money the participant had already redeemed and
// now owes included, so a correction never leaves owed money using room.
//
// ForbiddenInstruments are refused outright with a *ForbiddenInstrumentError,
// on covered-funding award lines of any instrument and, for a cap with no
// FundingSources filter, on redemptions (OIG and SAMHSA forbid cash).
//
// A zero PerItem or PerWindow means no such limit. Money must have at most
// two decimal places.
type Cap struct {
	// Name identifies the cap in AwardDetail.Caps and CapUsage: a short code
	// such as "oig-nominal".
	Name      string `json:"name"`
	PerItem   Money  `json:"perItem"`
	PerWindow Money  `json:"perWindow"`
	// Window is required when PerWindow is not zero.
	Window               Window       `json:"window,omitzero"`
	FundingSources       []string     `json:"fundingSources,omitzero"`
	Instruments          []Instrument `json:"instruments,omitzero"`
	ForbiddenInstruments []Instrument `json:"forbiddenInstruments,omitzero"`
	Policy               CapPolicy    `json:"policy"`
	BonusSameItem        bool         `json:"bonusSameItem,omitzero"`
	// RefusalScope says what CapRefuse refuses: the visit's whole award
	// (RefuseVisit, the default when empty) or each line alone (RefuseLine).
	RefusalScope RefusalScope `json:"refusalScope,omitzero"`
}

// Validate reports every problem with c. It never modifies c.
func (c Cap) Validate() error {
	var errs []error
	if err := checkLedgerCode("name", c.Name); err != nil {
		errs = append(errs, err)
	}
	for _, m := range []struct {
		field string
		v     Money
	}{{"perItem", c.PerItem}, {"perWindow", c.PerWindow}} {
		if err := checkLedgerAmount(m.field, m.v); err != nil {
			errs = append(errs, err)
		} else if m.v.IsNegative() {
			errs = append(errs, intervention.Field(m.field, intervention.ErrOutOfRange))
		}
	}
	if !c.PerWindow.IsZero() || c.Window != (Window{}) {
		errs = append(errs, intervention.Prefix("window", c.Window.Validate()))
	}
	for i, src := range c.FundingSources {
		if err := checkLedgerRef(intervention.Index("fundingSources", i), src); err != nil {
			errs = append(errs, err)
		} else if slices.Index(c.FundingSources, src) < i {
			errs = append(errs, intervention.Field(intervention.Index("fundingSources", i), intervention.ErrDuplicate))
		}
	}
	errs = append(errs, checkInstruments("instruments", c.Instruments), checkInstruments("forbiddenInstruments", c.ForbiddenInstruments))
	if !c.Policy.Valid() {
		errs = append(errs, intervention.Field("policy", ErrUnknownCapPolicy))
	}
	if c.RefusalScope != "" && !c.RefusalScope.Valid() {
		errs = append(errs, intervention.Field("refusalScope", ErrUnknownRefusalScope))
	}
	return errors.Join(errs...)
}

func checkInstruments(path string, list []Instrument) error {
	var errs []error
	for i, in := range list {
		p := intervention.Index(path, i)
		switch {
		case !in.Valid():
			errs = append(errs, intervention.Field(p, ErrUnknownInstrument))
		case slices.Index(list, in) < i:
			errs = append(errs, intervention.Field(p, intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

// WithWindow returns a copy of c with window w.
func (c Cap) WithWindow(w Window) Cap {
	c = c.clone()
	c.Window = w
	return c
}

// WithPolicy returns a copy of c with policy p.
func (c Cap) WithPolicy(p CapPolicy) Cap {
	c = c.clone()
	c.Policy = p
	return c
}

// WithFundingSources returns a copy of c that covers only awards paid from
// the given funding sources (none: every source).
func (c Cap) WithFundingSources(sources ...string) Cap {
	c = c.clone()
	c.FundingSources = slices.Clone(sources)
	return c
}

// Covers reports whether c counts an award paid from fundingSource in
// instrument in.
func (c Cap) Covers(fundingSource string, in Instrument) bool {
	return (len(c.FundingSources) == 0 || slices.Contains(c.FundingSources, fundingSource)) &&
		(len(c.Instruments) == 0 || slices.Contains(c.Instruments, in))
}

// Forbids reports whether c refuses an award paid from fundingSource in
// instrument in.
func (c Cap) Forbids(fundingSource string, in Instrument) bool {
	return (len(c.FundingSources) == 0 || slices.Contains(c.FundingSources, fundingSource)) &&
		slices.Contains(c.ForbiddenInstruments, in)
}

// clone returns c with its own copies of its lists.
func (c Cap) clone() Cap {
	c.FundingSources = slices.Clone(c.FundingSources)
	c.Instruments = slices.Clone(c.Instruments)
	c.ForbiddenInstruments = slices.Clone(c.ForbiddenInstruments)
	return c
}

// OIGNominal returns the HHS-OIG "nominal value" limit under the Beneficiary
// Inducements CMP since 7 December 2016: at most $15 per item and $75 per
// patient per year, never cash or cash equivalents, valued at retail
// (reference: contingency.md §4). The year is the calendar year by default;
// the OIG text says only "per year". Every funding source counts. Voucher
// and bonus are separate items (BonusSameItem false); see CAP-OIG-item.
func OIGNominal() Cap {
	return Cap{
		Name:                 "oig-nominal",
		PerItem:              Cents(1500),
		PerWindow:            Cents(7500),
		Window:               CalendarYear(),
		ForbiddenInstruments: []Instrument{InstrumentCash, InstrumentCashEquivalent},
	}
}

// SAMHSA2025 returns SAMHSA's January 2025 limit for grantees whose grant
// authorises CM: up to $750 per patient per year, no limit per item, and
// "cash payments are not permitted" (reference: contingency.md §4).
//
// Defaults for what the reference marks open: the year is the calendar year;
// every funding source counts toward the $750 ([UNCERTAIN] whether non-SAMHSA
// money counts: narrow it with WithFundingSources); only InstrumentCash is
// forbidden, because the update expressly allows vouchers and gift cards for
// items and services — add InstrumentCashEquivalent to ForbiddenInstruments
// where the grant treats general-purpose cards as cash.
func SAMHSA2025() Cap {
	return Cap{
		Name:                 "samhsa-2025",
		PerWindow:            Cents(75000),
		Window:               CalendarYear(),
		ForbiddenInstruments: []Instrument{InstrumentCash},
	}
}

// RIPCap returns California's Recovery Incentives Program maximum of $599,
// chosen to stay below the IRS $600 reporting threshold (reference:
// contingency.md §3).
//
// [UNCERTAIN] window: LA County words the cap as "$599 per calendar year",
// Freese et al. 2023 as "over a six-month period". The default is the
// calendar year; for the six-month reading use
// RIPCap().WithWindow(ProgrammePeriod(enrolment, 6)).
func RIPCap() Cap {
	return Cap{Name: "rip", PerWindow: Cents(59900), Window: CalendarYear()}
}

// civilDays returns the number of days from 1970-01-01 to the civil date
// y-m-d (negative before it), by H. Hinnant's days_from_civil.
func civilDays(y int, m time.Month, d int) int64 {
	yy, mm, dd := int64(y), int64(m), int64(d)
	if mm <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	doy := (153*((mm+9)%12)+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateDays returns civilDays of d.
func dateDays(d intervention.Date) int64 { return civilDays(d.Year(), d.Month(), d.Day()) }

// floorDiv divides rounding towards negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// capTracker is a cap with its usage per effective day: a sorted list of
// days, the net covered amount of each, and running sums. Day amounts never
// go negative, because a reversal counts on its original's day and never
// takes back more than it.
type capTracker struct {
	cap       Cap
	perItem   int64
	perWindow int64
	days      []int64
	amts      []int64
	cum       []int64
}

// capDay is an amount on a day, for awards of a posting not yet appended.
type capDay struct{ day, cents int64 }

// capScratch holds the usage of a posting's earlier lines.
type capScratch struct {
	days    [][]capDay         // per cap
	items   []map[string]int64 // per cap: paid per visit, for BonusSameItem
	refused []map[string]bool  // per cap: visits whose award it refused
}

// init sizes s for n caps.
func (s *capScratch) init(n int) {
	if s.days == nil {
		s.days = make([][]capDay, n)
		s.items = make([]map[string]int64, n)
		s.refused = make([]map[string]bool, n)
	}
}

// window returns the cap's window; a cap without one counts over the episode.
func (t *capTracker) window() Window {
	if t.cap.Window.Kind == "" {
		return Episode()
	}
	return t.cap.Window
}

func (t *capTracker) add(day, cents int64) {
	n := len(t.days)
	if n == 0 || day > t.days[n-1] {
		var prev int64
		if n > 0 {
			prev = t.cum[n-1]
		}
		t.days, t.amts, t.cum = append(t.days, day), append(t.amts, cents), append(t.cum, prev+cents)
		return
	}
	i, found := slices.BinarySearch(t.days, day)
	if !found {
		t.days, t.amts, t.cum = slices.Insert(t.days, i, day), slices.Insert(t.amts, i, 0), slices.Insert(t.cum, i, 0)
	}
	t.amts[i] += cents
	for j := i; j < len(t.days); j++ {
		t.cum[j] = t.amts[j]
		if j > 0 {
			t.cum[j] += t.cum[j-1]
		}
	}
}

// upTo returns the usage on days up to and including day.
func (t *capTracker) upTo(day int64) int64 {
	i, found := slices.BinarySearch(t.days, day)
	if found {
		return t.cum[i]
	}
	if i == 0 {
		return 0
	}
	return t.cum[i-1]
}

// usage returns the usage on days lo..hi, including extra.
func (t *capTracker) usage(lo, hi int64, extra []capDay) int64 {
	s := t.upTo(hi)
	if lo != math.MinInt64 {
		s -= t.upTo(lo - 1)
	}
	for _, x := range extra {
		if x.day >= lo && x.day <= hi {
			s += x.cents
		}
	}
	return s
}

// windowRoom returns the room left under PerWindow for an award effective at
// t (already in the participant's zone): the limit less the usage of every
// window that holds t's day, never negative.
func (t *capTracker) windowRoom(at time.Time, extra []capDay) int64 {
	w := t.window()
	y, m, d := at.Date()
	lo, hi := w.bounds(y, m, d)
	used := t.usage(lo, hi, extra)
	if w.Kind == WindowRollingDays {
		// Later windows that still hold the day: the usage only rises at
		// award days, so checking the window ending on each suffices.
		n, day := int64(w.Days), hi
		from, _ := slices.BinarySearch(t.days, day+1)
		for j := from; j < len(t.days) && t.days[j] <= day+n-1; j++ {
			used = max(used, t.usage(t.days[j]-n+1, t.days[j], extra))
		}
		for _, x := range extra {
			if x.day > day && x.day <= day+n-1 {
				used = max(used, t.usage(x.day-n+1, x.day, extra))
			}
		}
	}
	return max(t.perWindow-used, 0)
}

// applyCaps returns what an award line of amt cents pays under the caps, and
// the names of the caps that bound it, and records the payment in scratch.
// group is what the line's visit requests from this line on (amt when the
// line names no visit): a refusing cap whose RefusalScope is RefuseVisit
// refuses the line when group does not fit in the window, and the visit's
// later lines with it. PerItem limits each item whatever the scope.
func (l *Ledger) applyCaps(scratch *capScratch, ln Line, amt, group int64) (int64, []string) {
	if len(l.caps) == 0 {
		return amt, nil
	}
	scratch.init(len(l.caps))
	at := ln.EffectiveAt.In(l.cfg.loc)
	y, m, d := at.Date()
	day := civilDays(y, m, d)
	grouped := ln.Kind == KindEarn || ln.Kind == KindBonus
	paid, refused := amt, false
	var binding []string
	for ci := range l.caps {
		t := &l.caps[ci]
		if !t.cap.Covers(ln.FundingSource, ln.Instrument) {
			continue
		}
		room := int64(math.MaxInt64)
		if t.perItem > 0 {
			var used int64
			if t.cap.BonusSameItem && grouped {
				used = scratch.items[ci][ln.Visit]
			}
			room = max(t.perItem-used, 0)
		}
		winRoom := int64(math.MaxInt64)
		if t.perWindow > 0 {
			winRoom = t.windowRoom(at, scratch.days[ci])
			room = min(room, winRoom)
		}
		whole := t.cap.Policy == CapRefuse && t.cap.RefusalScope != RefuseLine && ln.Visit != ""
		switch {
		case whole && scratch.refused[ci][ln.Visit]:
			binding = append(binding, t.cap.Name)
			refused = true
		case whole && group > winRoom:
			binding = append(binding, t.cap.Name)
			refused = true
			if scratch.refused[ci] == nil {
				scratch.refused[ci] = make(map[string]bool)
			}
			scratch.refused[ci][ln.Visit] = true
		case amt > room:
			binding = append(binding, t.cap.Name)
			if t.cap.Policy == CapRefuse {
				refused = true
			}
			paid = min(paid, room)
		}
	}
	if refused {
		paid = 0
	}
	for ci := range l.caps {
		t := &l.caps[ci]
		if !t.cap.Covers(ln.FundingSource, ln.Instrument) {
			continue
		}
		scratch.days[ci] = append(scratch.days[ci], capDay{day: day, cents: paid})
		if t.cap.BonusSameItem && grouped {
			if scratch.items[ci] == nil {
				scratch.items[ci] = make(map[string]int64)
			}
			scratch.items[ci][ln.Visit] += paid
		}
	}
	return paid, binding
}

// freeCaps records in scratch that a reversal earlier in a posting gives
// back amt (zero or negative) cents of the room award o used, on o's day.
func (l *Ledger) freeCaps(scratch *capScratch, o Entry, amt int64) {
	if len(l.caps) == 0 || amt == 0 {
		return
	}
	scratch.init(len(l.caps))
	y, m, d := o.EffectiveAt.In(l.cfg.loc).Date()
	day := civilDays(y, m, d)
	for ci := range l.caps {
		if l.caps[ci].cap.Covers(o.FundingSource, o.Instrument) {
			scratch.days[ci] = append(scratch.days[ci], capDay{day: day, cents: amt})
		}
	}
}
