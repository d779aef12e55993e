package contingency

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// ErrMissingReading means a specimen carries per-substance readings but none
// for a primary target substance, and no primary substance is positive, so
// whether the target was met cannot be told.
var ErrMissingReading = fmt.Errorf("contingency: no reading for a primary target substance: %w", intervention.ErrInvalid)

// ErrStatusNotForTarget means a result status does not apply to the target's
// kind: negative and positive report specimens for abstinence targets; met
// and not-met report the other kinds.
var ErrStatusNotForTarget = fmt.Errorf("contingency: result status does not apply to the target kind: %w", intervention.ErrInvalid)

// Policy maps every ResultStatus to the Outcome it has on the reward run: a
// programme's answer to "what does a dilute, refused, excused … result do?"
// (reference: contingency.md §7, "Each programme must map each status to earn
// / reset / hold"). Policy is a comparable value; With returns a changed
// copy. The zero Policy is invalid: DefaultPolicy is the usual start.
type Policy struct {
	Negative    Outcome `json:"negative"`
	Positive    Outcome `json:"positive"`
	Missed      Outcome `json:"missed"`
	Excused     Outcome `json:"excused"`
	Refused     Outcome `json:"refused"`
	Dilute      Outcome `json:"dilute"`
	Substituted Outcome `json:"substituted"`
	Adulterated Outcome `json:"adulterated"`
	Invalid     Outcome `json:"invalid"`
	PendingLab  Outcome `json:"pendingLab"`
	Met         Outcome `json:"met"`
	NotMet      Outcome `json:"notMet"`
}

// DefaultPolicy returns the policy drawn from reference/contingency.md §1 and
// §7:
//
//   - negative → earn; positive → reset (Higgins: "the value of the voucher
//     reverts to its initial value whenever cocaine use occurs"; RIP-4).
//   - missed → reset: "a scheduled specimen that is not submitted counts as
//     cocaine-positive" (NIDA CRA manual); "an unexcused absence resets"
//     (NREPP); REAP resets on missed screens.
//   - refused, substituted, adulterated → reset: clinic and drug-court
//     policies count them as positive (§7).
//   - excused → hold: the visit is removed from the run (reference: E1
//     "skip"; CTN-0007 data carry EXCUSED apart from missing). Map it to reset
//     for the E1 "missed" reading.
//   - dilute → reset: drug-court contracts treat dilute samples as positive
//     (§7). A programme that recollects instead maps it to hold. Whatever the
//     mapping, a dilute specimen positive for a primary substance resets (DOT:
//     a positive-dilute counts as positive).
//   - invalid → hold [UNCERTAIN, no source]: an invalid test says nothing
//     about use and the specimen should be recollected; a programme that
//     counts it as a refusal maps it to reset.
//   - pending-lab → hold: a point-of-care result awaiting confirmation earns
//     nothing yet; the host records the confirmed result for the same
//     specimen when it arrives (§5 "a pending earn covers POC results
//     awaiting lab confirmation"; C1).
//   - met → earn; not-met → reset [design choice]: XPMI pays extra draws for
//     consecutive on-time attendance, so a late arrival breaks the run (§2).
func DefaultPolicy() Policy {
	return Policy{
		Negative:    OutcomeEarn,
		Positive:    OutcomeReset,
		Missed:      OutcomeReset,
		Excused:     OutcomeHold,
		Refused:     OutcomeReset,
		Dilute:      OutcomeReset,
		Substituted: OutcomeReset,
		Adulterated: OutcomeReset,
		Invalid:     OutcomeHold,
		PendingLab:  OutcomeHold,
		Met:         OutcomeEarn,
		NotMet:      OutcomeReset,
	}
}

// field returns a pointer to the field of p that holds status s and its JSON
// name, or nil for an unknown status.
func (p *Policy) field(s ResultStatus) (*Outcome, string) {
	switch s {
	case ResultNegative:
		return &p.Negative, "negative"
	case ResultPositive:
		return &p.Positive, "positive"
	case ResultMissed:
		return &p.Missed, "missed"
	case ResultExcused:
		return &p.Excused, "excused"
	case ResultRefused:
		return &p.Refused, "refused"
	case ResultDilute:
		return &p.Dilute, "dilute"
	case ResultSubstituted:
		return &p.Substituted, "substituted"
	case ResultAdulterated:
		return &p.Adulterated, "adulterated"
	case ResultInvalid:
		return &p.Invalid, "invalid"
	case ResultPendingLab:
		return &p.PendingLab, "pendingLab"
	case ResultMet:
		return &p.Met, "met"
	case ResultNotMet:
		return &p.NotMet, "notMet"
	}
	return nil, ""
}

// Outcome returns the outcome p gives status s. It fails with
// ErrUnknownResultStatus for an unknown status and ErrUnknownOutcome when p
// maps s to no valid outcome.
func (p Policy) Outcome(s ResultStatus) (Outcome, error) {
	f, _ := p.field(s)
	if f == nil {
		return "", ErrUnknownResultStatus
	}
	if !f.Valid() {
		return "", ErrUnknownOutcome
	}
	return *f, nil
}

// With returns a copy of p that maps status s to outcome o, e.g.
// DefaultPolicy().With(ResultExcused, OutcomeReset) for the E1 "missed"
// reading. On error (unknown status or outcome) it returns p unchanged.
func (p Policy) With(s ResultStatus, o Outcome) (Policy, error) {
	if !o.Valid() {
		return p, ErrUnknownOutcome
	}
	f, _ := p.field(s)
	if f == nil {
		return p, ErrUnknownResultStatus
	}
	*f = o
	return p, nil
}

// Validate reports every status that p maps to no valid outcome. It never
// modifies p.
func (p Policy) Validate() error {
	var errs []error
	for _, s := range ResultStatuses() {
		if f, name := p.field(s); !f.Valid() {
			errs = append(errs, intervention.Field(name, ErrUnknownOutcome))
		}
	}
	return errors.Join(errs...)
}

// Classification is what one Result does to the run under a Policy and a
// Target, with the rule that decided it so staff can explain it.
type Classification struct {
	Outcome Outcome `json:"outcome"`
	// SecondaryMet reports an earning visit on which every secondary target
	// substance was also negative (CTN-0007's +2 draws; reference: P2).
	SecondaryMet bool `json:"secondaryMet,omitzero"`
	// Rule is a machine code naming what decided the outcome:
	//   "status:<status>"                the overall status, mapped by the policy
	//   "primary-negative"               every primary substance read negative (the policy's negative)
	//   "primary-positive:<substance>"   the first primary substance, in target order, read positive (the policy's positive)
	//   "dilute-positive:<substance>"    a dilute specimen positive for a primary substance (the policy's positive)
	// It names a substance, so treat it like the result itself: it is PHI
	// once tied to a participant.
	Rule string `json:"rule"`
}

// Step returns the schedule step for c at programme week week (counted from
// 0). SecondaryMet is kept only on an earning visit.
func (c Classification) Step(week int) Step {
	return Step{Outcome: c.Outcome, SecondaryMet: c.SecondaryMet && c.Outcome == OutcomeEarn, Week: week}
}

// Classify decides the outcome of result r for target t under p.
//
// For an abstinence target only the target's substances count (reference:
// RIP-3): a stimulant-only programme treats a specimen positive only for THC
// as negative. A negative or positive specimen is decided by its readings:
//
//   - a primary substance read positive → the policy's positive
//     ("primary-positive:<substance>");
//   - every primary substance read negative → the policy's negative
//     ("primary-negative");
//   - readings present but a primary substance unread, and none positive →
//     ErrMissingReading: the result cannot be classified;
//   - no readings → the overall status applies to every target substance
//     ("status:negative", "status:positive").
//
// A dilute specimen positive for a primary substance takes the policy's
// positive (DOT: a positive-dilute counts as positive,
// "dilute-positive:<substance>"); otherwise every other status maps through
// the policy ("status:<status>"). Preliminary readings on a pending-lab
// result decide nothing.
//
// SecondaryMet is true only on an earning visit of a target with secondary
// substances when every secondary substance read negative, or the specimen
// is negative with no readings. A secondary substance without a reading is
// not met.
//
// For attendance, medication-adherence and custom targets the status maps
// through the policy; negative and positive fail with ErrStatusNotForTarget,
// as do met and not-met for an abstinence target.
//
// Errors wrap intervention.ErrInvalid, with paths under "policy", "target"
// and "result".
func (p Policy) Classify(t Target, r Result) (Classification, error) {
	if err := errors.Join(
		intervention.Prefix("policy", p.Validate()),
		intervention.Prefix("target", t.Validate()),
		intervention.Prefix("result", r.Validate()),
	); err != nil {
		return Classification{}, err
	}
	return p.classify(t, r)
}

// classify is Classify for a policy, target and result already validated:
// the programme validates its policy and target once, not per result.
func (p Policy) classify(t Target, r Result) (Classification, error) {
	abstinence := t.Kind == TargetAbstinence
	switch r.Status {
	case ResultNegative, ResultPositive:
		if !abstinence {
			return Classification{}, intervention.Field("result.status", ErrStatusNotForTarget)
		}
		return p.classifyTested(t, r)
	case ResultMet, ResultNotMet:
		if abstinence {
			return Classification{}, intervention.Field("result.status", ErrStatusNotForTarget)
		}
	case ResultDilute:
		if s, ok := firstPrimaryPositive(t, r.Readings); ok {
			return Classification{Outcome: p.Positive, Rule: "dilute-positive:" + string(s)}, nil
		}
	case ResultMissed, ResultExcused, ResultRefused, ResultSubstituted, ResultAdulterated,
		ResultInvalid, ResultPendingLab:
	}
	o, err := p.Outcome(r.Status)
	if err != nil {
		return Classification{}, err // unreachable: p and r were validated
	}
	c := Classification{Outcome: o, Rule: "status:" + string(r.Status)}
	if o == OutcomeEarn && r.Status == ResultDilute {
		c.SecondaryMet = secondaryMet(t, r)
	}
	return c, nil
}

// classifyTested classifies a negative or positive specimen for an
// abstinence target.
func (p Policy) classifyTested(t Target, r Result) (Classification, error) {
	var c Classification
	switch {
	case len(r.Readings) == 0 && r.Status == ResultNegative:
		c = Classification{Outcome: p.Negative, Rule: "status:negative"}
	case len(r.Readings) == 0:
		c = Classification{Outcome: p.Positive, Rule: "status:positive"}
	default:
		if s, ok := firstPrimaryPositive(t, r.Readings); ok {
			return Classification{Outcome: p.Positive, Rule: "primary-positive:" + string(s)}, nil
		}
		for _, s := range t.Primary {
			if _, ok := readingOf(r.Readings, s); !ok {
				return Classification{}, intervention.Field("result.readings", ErrMissingReading)
			}
		}
		c = Classification{Outcome: p.Negative, Rule: "primary-negative"}
	}
	if c.Outcome == OutcomeEarn {
		c.SecondaryMet = secondaryMet(t, r)
	}
	return c, nil
}

// firstPrimaryPositive returns the first of t's primary substances, in target
// order, that readings show positive.
func firstPrimaryPositive(t Target, readings []Reading) (Substance, bool) {
	for _, s := range t.Primary {
		if st, ok := readingOf(readings, s); ok && st == ResultPositive {
			return s, true
		}
	}
	return "", false
}

// secondaryMet reports whether every secondary substance of t is negative in
// r: read negative, or r is negative without readings.
func secondaryMet(t Target, r Result) bool {
	if len(t.Secondary) == 0 {
		return false
	}
	if len(r.Readings) == 0 {
		return r.Status == ResultNegative
	}
	for _, s := range t.Secondary {
		if st, ok := readingOf(r.Readings, s); !ok || st != ResultNegative {
			return false
		}
	}
	return true
}

// readingOf returns the status of substance s in readings.
func readingOf(readings []Reading, s Substance) (ResultStatus, bool) {
	for _, rd := range readings {
		if rd.Substance == s {
			return rd.Status, true
		}
	}
	return "", false
}
