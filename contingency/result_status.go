package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ResultStatus is the status of one visit's result: of a whole specimen, of
// one substance's reading, or of a non-specimen target. A Policy maps each
// status to an Outcome (reference: contingency.md §7 "The library therefore
// needs result statuses beyond negative and positive … Each programme must
// map each status to earn / reset / hold"). The zero ResultStatus is invalid.
type ResultStatus string

// The result statuses. The first ten are specimen statuses (reference:
// contingency.md §7, §9 item 4); ResultMet and ResultNotMet report
// attendance, medication-adherence and custom targets, which have no
// specimen.
const (
	// ResultNegative: the specimen was tested and is negative for the substances read.
	ResultNegative ResultStatus = "negative"
	// ResultPositive: the specimen was tested and is positive for at least one substance.
	ResultPositive ResultStatus = "positive"
	// ResultMissed: a scheduled visit or specimen did not happen and was not excused.
	ResultMissed ResultStatus = "missed"
	// ResultExcused: the visit was excused (illness, holiday, clinic closure).
	ResultExcused ResultStatus = "excused"
	// ResultRefused: the participant refused to give a specimen.
	ResultRefused ResultStatus = "refused"
	// ResultDilute: creatinine < 20 mg/dL and specific gravity < 1.003 (HHS/DOT).
	ResultDilute ResultStatus = "dilute"
	// ResultSubstituted: creatinine < 2 mg/dL and SG ≤ 1.001 or ≥ 1.020 (HHS/DOT).
	ResultSubstituted ResultStatus = "substituted"
	// ResultAdulterated: nitrite ≥ 500 µg/mL, pH < 3 or ≥ 11, or an exogenous substance (HHS/DOT).
	ResultAdulterated ResultStatus = "adulterated"
	// ResultInvalid: the test gave no valid result (an unreadable device,
	// an interfering substance); the specimen should be recollected.
	ResultInvalid ResultStatus = "invalid"
	// ResultPendingLab: a point-of-care result awaits laboratory confirmation.
	ResultPendingLab ResultStatus = "pending-lab"
	// ResultMet: a non-specimen target was met (attended on time, dose
	// observed, activity completed).
	ResultMet ResultStatus = "met"
	// ResultNotMet: the participant was seen but a non-specimen target was
	// not met (arrived late for an on-time target, activity not done).
	ResultNotMet ResultStatus = "not-met"
)

// ErrUnknownResultStatus means a result status is not one of the constants.
var ErrUnknownResultStatus = fmt.Errorf("contingency: result status: %w", intervention.ErrUnknownValue)

// ResultStatuses returns every ResultStatus in a stable order.
func ResultStatuses() []ResultStatus {
	return []ResultStatus{
		ResultNegative, ResultPositive, ResultMissed, ResultExcused, ResultRefused, ResultDilute,
		ResultSubstituted, ResultAdulterated, ResultInvalid, ResultPendingLab, ResultMet, ResultNotMet,
	}
}

// ParseResultStatus returns the ResultStatus whose text form is s.
func ParseResultStatus(s string) (ResultStatus, error) {
	return enum.Parse(ResultStatus(s), ResultStatus.Valid, ErrUnknownResultStatus)
}

// Valid reports whether s is one of the constants.
func (s ResultStatus) Valid() bool { return enum.Valid(s, ResultStatuses()) }

// AllowsReadings reports whether a Result with status s may carry
// per-substance readings: a tested specimen (negative, positive), a dilute
// one (a positive-dilute counts as positive), or a point-of-care result
// awaiting the laboratory (its preliminary readings are kept for the record).
func (s ResultStatus) AllowsReadings() bool {
	switch s {
	case ResultNegative, ResultPositive, ResultDilute, ResultPendingLab:
		return true
	case ResultMissed, ResultExcused, ResultRefused, ResultSubstituted, ResultAdulterated,
		ResultInvalid, ResultMet, ResultNotMet:
		return false
	}
	return false
}

// String returns the text form of s.
func (s ResultStatus) String() string { return string(s) }

// MarshalText encodes s; an invalid ResultStatus is an error.
func (s ResultStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(s, ResultStatus.Valid, ErrUnknownResultStatus)
}

// UnmarshalText decodes s with ParseResultStatus; on error *s is unchanged.
func (s *ResultStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(s, b, ParseResultStatus)
}
