package billing

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// unitMinutes is the length of one unit of a per-15-minute code.
const unitMinutes = 15

// UnitRule turns one day's timed minutes into 15-minute units. Payers and
// states differ (reference: plans-and-interop.md §5.4, "make the unit
// algorithm pluggable"), so the rule is a parameter; the default is
// EightMinuteRule. A host may supply its own rule.
type UnitRule interface {
	// ID names the rule in every Result.
	ID() RuleID
	// Units returns the total units for one patient-day. minutes has one
	// entry per timed code billed that day (each code's sessions that day
	// already added). Units must not decrease when an entry grows. An entry
	// outside 0..MaxMinutes is an error naming "minutes[i]".
	Units(minutes []int) (int, error)
}

// eightMinuteUnits is the 8-minute banding: < 8 → 0, 8–22 → 1, 23–37 → 2,
// 38–52 → 3, …, that is ⌊(m+7)/15⌋ for m ≥ 0.
func eightMinuteUnits(m int) int { return (m + unitMinutes/2) / unitMinutes }

// EightMinuteRule is the CMS 8-minute rule, the default UnitRule: add up all
// timed minutes of the day across codes first, then count 8–22 min = 1 unit,
// 23–37 = 2, 38–52 = 3, 53–67 = 4, 68–82 = 5, 83–97 = 6 and so on; under
// 8 minutes is not billable. reference: plans-and-interop.md §5.4 (Medicare
// Claims Processing Manual ch. 5 §20.2).
//
// The rule gives the day's total; how CMS spreads that total over several
// codes is not in the reference and is left to the caller.
type EightMinuteRule struct{}

// ID returns RuleCMSEightMinute.
func (EightMinuteRule) ID() RuleID { return RuleCMSEightMinute }

// Units sums minutes, then applies the 8-minute banding to the sum.
func (EightMinuteRule) Units(minutes []int) (int, error) {
	if err := errors.Join(checkMinuteList("minutes", minutes)...); err != nil {
		return 0, err
	}
	total := 0
	for _, m := range minutes {
		total += m
	}
	return eightMinuteUnits(total), nil
}

// MidpointRule is the CPT midpoint rule: a unit is billable once more than
// half of it (at least 8 of 15 minutes) has passed, each further unit at
// +15 minutes: 8 → 1, 23 → 2, 38 → 3. reference: plans-and-interop.md §5.4
// ("some payers use CPT's midpoint rule instead").
//
// It differs from EightMinuteRule only in where it adds: it applies to each
// code's minutes separately and then adds the units, whereas the CMS rule
// adds all timed minutes first. For a single code the two give the same
// units for every minute count; for 7 + 7 minutes of two codes the CMS rule
// gives 1 unit (14 minutes) and this rule 0, and for 20 + 20 minutes 3 units
// against 2.
type MidpointRule struct{}

// ID returns RuleCPTMidpoint.
func (MidpointRule) ID() RuleID { return RuleCPTMidpoint }

// Units applies the midpoint banding to each entry and adds the units.
func (MidpointRule) Units(minutes []int) (int, error) {
	if err := errors.Join(checkMinuteList("minutes", minutes)...); err != nil {
		return 0, err
	}
	units := 0
	for _, m := range minutes {
		units += eightMinuteUnits(m)
	}
	return units, nil
}

// CeilingRule counts every started 15-minute block: ⌈minutes/15⌉ per code,
// so 1–15 minutes is 1 unit and 16 is 2. It is the reference's reading of
// H0050 units for Medicaid, which no cited source confirms (UNVERIFIED,
// reference: instruments.md §11 vector V51); use it only for a payer known
// to count that way.
type CeilingRule struct{}

// ID returns RuleCeiling15.
func (CeilingRule) ID() RuleID { return RuleCeiling15 }

// Units rounds each entry up to whole 15-minute blocks and adds the units.
func (CeilingRule) Units(minutes []int) (int, error) {
	if err := errors.Join(checkMinuteList("minutes", minutes)...); err != nil {
		return 0, err
	}
	units := 0
	for _, m := range minutes {
		units += (m + unitMinutes - 1) / unitMinutes
	}
	return units, nil
}

// UnitOptions configures Units. The zero value uses EightMinuteRule and no
// daily cap.
type UnitOptions struct {
	// Rule counts units; nil means EightMinuteRule.
	Rule UnitRule
	// DailyCap is the most units of the code billable for one patient-day
	// (some states cap H0004 at 12 units a day); 0 means no cap.
	// reference: plans-and-interop.md §5.4.
	DailyCap int
}

// Errors reported by Units.
var (
	// ErrNotPerFifteenMinutes means Units was asked about a code that is not
	// billed in 15-minute units (see Code.PerFifteenMinutes).
	ErrNotPerFifteenMinutes = fmt.Errorf("billing: not a per-15-minute code: %w", intervention.ErrInconsistent)
	// ErrNegativeCap means UnitOptions.DailyCap is negative.
	ErrNegativeCap = fmt.Errorf("billing: daily cap below 0: %w", intervention.ErrOutOfRange)
	// ErrRuleResult means a UnitRule returned negative units.
	ErrRuleResult = fmt.Errorf("billing: unit rule returned negative units: %w", intervention.ErrOutOfRange)
)

// Units returns the units of a per-15-minute code (H0004, H0038, H0050) for
// one patient-day's minutes of it, under opts.Rule and capped at
// opts.DailyCap (Capped reports a cut). Fewer minutes than one unit is not
// billable (ReasonBelowMinimum): under EightMinuteRule, 7 minutes is 0 units
// and 8 is 1.
//
// It returns an error wrapping intervention.ErrInvalid for an unknown code
// or one not per 15 minutes (field "code"), minutes outside 0..MaxMinutes
// ("minutes"), a negative cap ("dailyCap"), or a rule with no ID or that
// fails or returns negative units ("rule").
func Units(code Code, minutes int, opts UnitOptions) (Result, error) {
	var errs []error
	switch {
	case !code.Valid():
		errs = append(errs, intervention.Field("code", ErrUnknownCode))
	case !code.PerFifteenMinutes():
		errs = append(errs, intervention.Field("code", ErrNotPerFifteenMinutes))
	}
	errs = append(errs, checkMinutes("minutes", minutes))
	if opts.DailyCap < 0 {
		errs = append(errs, intervention.Field("dailyCap", ErrNegativeCap))
	}
	rule := opts.Rule
	if rule == nil {
		rule = EightMinuteRule{}
	}
	if rule.ID() == "" {
		errs = append(errs, intervention.Field("rule", intervention.ErrMissing))
	}
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	units, err := rule.Units([]int{minutes})
	if err != nil {
		return Result{}, intervention.Prefix("rule", err)
	}
	if units < 0 {
		return Result{}, intervention.Field("rule", ErrRuleResult)
	}
	r := Result{Minutes: minutes, Rule: rule.ID(), DailyCap: opts.DailyCap}
	if units == 0 {
		r.Reason = ReasonBelowMinimum
		return r, nil
	}
	if opts.DailyCap > 0 && units > opts.DailyCap {
		units, r.Capped = opts.DailyCap, true
	}
	r.Code, r.Units = code, units
	return r, nil
}
