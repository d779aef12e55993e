package billing

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxMinutes is the most minutes any single input may state: one day. Larger
// values are rejected as out of range rather than billed.
const MaxMinutes = 24 * 60

// ErrMinutesOutOfRange means a minute count is negative or more than
// MaxMinutes.
var ErrMinutesOutOfRange = fmt.Errorf("billing: minutes outside 0..1440: %w", intervention.ErrOutOfRange)

// RuleID names the rule that produced a Result, so that a clinician or
// auditor can see why a code or unit count was chosen. The built-in IDs are
// the constants below and are stable; a host's own band table or unit rule
// names itself.
type RuleID string

// The built-in rules.
const (
	// RulePsychotherapyTimeBand is the CPT psychotherapy time bands
	// (PsychotherapyBands).
	RulePsychotherapyTimeBand RuleID = "cpt-psychotherapy-time-band"
	// RuleFamilyMinimum is the 26-minute minimum of the family codes
	// (FamilyBands).
	RuleFamilyMinimum RuleID = "cpt-family-psychotherapy-minimum"
	// RuleGroupPerParticipant is group psychotherapy per participant
	// (GroupBands).
	RuleGroupPerParticipant RuleID = "cpt-group-per-participant"
	// RuleSBIRTDescriptor is the SBIRT descriptor reading: 15–30 minutes short
	// code, more than 30 long code.
	RuleSBIRTDescriptor RuleID = "sbirt-descriptor"
	// RuleSBIRTLongAt30 is the SBIRT Oregon reading: 30 minutes or more long code.
	RuleSBIRTLongAt30 RuleID = "sbirt-long-at-30"
	// RuleCMSEightMinute is the CMS 8-minute rule (EightMinuteRule).
	RuleCMSEightMinute RuleID = "cms-8-minute"
	// RuleCPTMidpoint is the CPT midpoint rule (MidpointRule).
	RuleCPTMidpoint RuleID = "cpt-midpoint"
	// RuleCeiling15 is whole 15-minute blocks rounded up (CeilingRule).
	RuleCeiling15 RuleID = "ceiling-15-minute"
)

// Reason says why a Result is not billable. The zero Reason means the result
// is billable.
type Reason string

// The reasons a result is not billable.
const (
	// ReasonBelowMinimum: fewer minutes than the shortest billable band or
	// than one unit.
	ReasonBelowMinimum Reason = "below-minimum"
	// ReasonNoBand: the minutes fall in a gap between a payer's bands or above
	// its last closed band.
	ReasonNoBand Reason = "no-band"
	// ReasonPayerExcluded: another payer has a code for these minutes but this
	// payer has none (SBIRT 5–14 minutes outside Medicare).
	ReasonPayerExcluded Reason = "payer-excluded"
)

// ErrUnknownReason means a reason's text is not one of the known reasons.
var ErrUnknownReason = fmt.Errorf("billing: reason: %w", intervention.ErrUnknownValue)

// Reasons returns the reasons in a stable order.
func Reasons() []Reason { return []Reason{ReasonBelowMinimum, ReasonNoBand, ReasonPayerExcluded} }

// ParseReason returns the reason whose text is s.
func ParseReason(s string) (Reason, error) {
	r := Reason(s)
	if !r.Valid() {
		return "", ErrUnknownReason
	}
	return r, nil
}

// Valid reports whether r is a known reason (the zero Reason is not).
func (r Reason) Valid() bool { return enum.Valid(r, Reasons()) }

// String returns the text form of r.
func (r Reason) String() string { return string(r) }

// MarshalText encodes r; an invalid Reason is an error, so one is never stored.
func (r Reason) MarshalText() ([]byte, error) {
	return enum.Marshal(r, Reason.Valid, ErrUnknownReason)
}

// UnmarshalText decodes r with ParseReason; on error *r is unchanged.
func (r *Reason) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseReason) }

// Result is one billing decision with what produced it. A billable Result
// has a Code, at least one unit and no Reason; a Result that is not billable
// has no Code, zero Units and a Reason — never a guessed code.
type Result struct {
	Code     Code   `json:"code,omitzero"`     // the code to bill; empty when not billable
	Units    int    `json:"units"`             // units to bill (1 for a time-band code)
	Minutes  int    `json:"minutes"`           // the minutes the rule counted
	Rule     RuleID `json:"rule"`              // the rule applied
	Reason   Reason `json:"reason,omitzero"`   // why not billable; empty when billable
	Payer    Payer  `json:"payer,omitzero"`    // the payer, when the rule depends on it
	DailyCap int    `json:"dailyCap,omitzero"` // the daily unit cap applied, if any
	Capped   bool   `json:"capped,omitzero"`   // Units was cut to DailyCap
}

// Billable reports whether r bills a code.
func (r Result) Billable() bool { return r.Reason == "" && r.Code != "" && r.Units > 0 }

// checkMinutes returns a FieldError at path unless 0 ≤ m ≤ MaxMinutes.
func checkMinutes(path string, m int) error {
	if m < 0 || m > MaxMinutes {
		return intervention.Field(path, ErrMinutesOutOfRange)
	}
	return nil
}

// checkMinuteList checks every entry of ms, naming each as path[i].
func checkMinuteList(path string, ms []int) []error {
	var errs []error
	for i, m := range ms {
		if err := checkMinutes(intervention.Index(path, i), m); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
