package contingency

import (
	"errors"
	"fmt"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// ErrNoSchedule means a programme has no schedule.
var ErrNoSchedule = fmt.Errorf("contingency: programme has no schedule: %w", intervention.ErrMissing)

// Period is a run of calendar days from From through Through inclusive; a
// zero Through leaves it open-ended.
type Period struct {
	From    intervention.Date `json:"from"`
	Through intervention.Date `json:"through,omitzero"`
}

// Contains reports whether d falls in p.
func (p Period) Contains(d intervention.Date) bool {
	return !d.Before(p.From) && (p.Through.IsZero() || !d.After(p.Through))
}

// Validate reports every problem with p.
func (p Period) Validate() error {
	var errs []error
	if p.From.IsZero() {
		errs = append(errs, intervention.Field("from", intervention.ErrMissing))
	}
	if !p.Through.IsZero() && p.Through.Before(p.From) {
		errs = append(errs, intervention.Field("through", intervention.ErrInconsistent))
	}
	return errors.Join(errs...)
}

// ProgramConfig is the fixed design of one participant's CM programme: what
// it rewards, how each result maps to an outcome, what each visit pays, when
// specimens are due, and how corrections reach the ledger.
type ProgramConfig struct {
	Target   Target
	Policy   Policy
	Schedule Schedule
	Calendar Calendar
	// Reconcile says how late and corrected results change the ledger; the
	// zero value is FullRecompute.
	Reconcile Reconcile
	// Instrument is the reward instrument awards are posted in (vouchers
	// spent by staff are items; RIP pays gift cards).
	Instrument Instrument
	// FundingSource is the host's opaque code of who pays, for caps.
	FundingSource string
	// MaxVisits, when positive, pays nothing from visit MaxVisits+1 on
	// (reference: RIP-6, test 37 pays $0). Derived missed visits count.
	MaxVisits int
	// Ineligible lists periods in which results earn nothing and leave the
	// run untouched (reference: RIP-7, residential or incarcerated members
	// earn $0 until they move to outpatient care).
	Ineligible []Period
	// Location is the programme's time zone: collection times become
	// calendar dates in it. nil means UTC.
	Location *time.Location
	// Recollection decides which of several results for one scheduled visit
	// stands; the zero value is RecollectLatest.
	Recollection RecollectionPolicy
	// AllowUnscheduled prices a result collected on a day the calendar
	// schedules no visit as a visit of its own, in date order. It is off by
	// default: such a result is recorded but earns nothing and leaves the
	// run untouched, because CM schedules reinforce the scheduled test
	// (reference: contingency.md §1 and §2: specimens are collected on fixed
	// days, and a late or off-schedule sample is treated as missed by
	// drug-court contracts, §7).
	AllowUnscheduled bool
}

// Validate reports every problem with c.
func (c ProgramConfig) Validate() error {
	errs := []error{
		intervention.Prefix("target", c.Target.Validate()),
		intervention.Prefix("policy", c.Policy.Validate()),
		intervention.Prefix("calendar", c.Calendar.Validate()),
	}
	if c.Schedule == nil {
		errs = append(errs, intervention.Field("schedule", ErrNoSchedule))
	} else {
		errs = append(errs, intervention.Prefix("schedule", c.Schedule.Validate()))
	}
	if c.Reconcile != "" && !c.Reconcile.Valid() {
		errs = append(errs, intervention.Field("reconcile", ErrUnknownReconcile))
	}
	if !c.Instrument.Valid() {
		errs = append(errs, intervention.Field("instrument", ErrUnknownInstrument))
	}
	if c.Recollection != "" && !c.Recollection.Valid() {
		errs = append(errs, intervention.Field("recollection", ErrUnknownRecollectionPolicy))
	}
	if c.MaxVisits < 0 {
		errs = append(errs, intervention.Field("maxVisits", intervention.ErrOutOfRange))
	}
	for i, p := range c.Ineligible {
		errs = append(errs, intervention.Prefix(intervention.Index("ineligible", i), p.Validate()))
	}
	return errors.Join(errs...)
}

func (c ProgramConfig) location() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// limit returns why a visit on d at position n (from 0) pays nothing
// whatever its outcome, or "" when it may earn.
func (c ProgramConfig) limit(d intervention.Date, n int) string {
	switch {
	case !d.Before(c.Calendar.End()):
		return limitOutsideCalendar
	case c.MaxVisits > 0 && n >= c.MaxVisits:
		return limitVisitLimit
	}
	for _, p := range c.Ineligible {
		if p.Contains(d) {
			return limitIneligible
		}
	}
	return ""
}

// The reasons a visit pays nothing whatever its outcome.
const (
	limitOutsideCalendar = "outside-calendar" // after the calendar's last week (RIP-6)
	limitVisitLimit      = "visit-limit"      // beyond MaxVisits (RIP-6)
	limitIneligible      = "ineligible"       // in an ineligible period (RIP-7)
	limitUnscheduled     = "unscheduled"      // collected on a day without a scheduled visit
)
