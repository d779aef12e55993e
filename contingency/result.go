package contingency

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// MaxSpecimenIDLen is the longest SpecimenID a Result may carry, in bytes.
const MaxSpecimenIDLen = 256

// ErrReadingStatus means a per-substance reading is neither negative nor
// positive: an unreadable analyte makes the whole specimen ResultInvalid.
var ErrReadingStatus = fmt.Errorf("contingency: a reading is negative or positive: %w", intervention.ErrInvalid)

// ErrMalformedResult means a Result's JSON could not be decoded (bad syntax,
// a wrong type, an unknown field, trailing data). The decoder's own message
// is dropped because it may quote the input.
var ErrMalformedResult = fmt.Errorf("contingency: malformed result JSON: %w", intervention.ErrInvalid)

// Reading is the result of one substance in a tested specimen.
type Reading struct {
	Substance Substance `json:"substance"`
	// Status is ResultNegative or ResultPositive.
	Status ResultStatus `json:"status"`
}

// Result is one visit's result as the host reports it: a specimen's overall
// status and its per-substance readings, or the status of a non-specimen
// target (ResultMet, ResultMissed, …).
//
// When Readings are present on a negative or positive specimen they decide the
// outcome, and only the substances of the programme's Target count
// (reference: RIP-3): the overall Status must agree with them (negative: every
// reading negative; positive: at least one reading positive). A negative or
// positive specimen without readings is taken as negative, or positive, for
// every target substance.
//
// The zero Result is invalid.
type Result struct {
	// SpecimenID is the host's opaque, unique key for the specimen or visit.
	// Recording the same SpecimenID twice is a no-op (reference: I1). It
	// must not contain PHI.
	SpecimenID string `json:"specimenId"`
	// CollectedAt is when the specimen was collected, or the visit was due:
	// results are evaluated in this order whatever order they arrive in.
	CollectedAt time.Time `json:"collectedAt"`
	// Status is the overall status of the specimen or visit.
	Status ResultStatus `json:"status"`
	// Readings are the per-substance results, at most one per substance.
	// Allowed only when Status.AllowsReadings.
	Readings []Reading `json:"readings,omitzero"`
}

// Validate reports every problem with r. It never modifies r.
//
// Rules: SpecimenID is 1–MaxSpecimenIDLen bytes; CollectedAt is set, in years
// 1–9999; Status is valid; Readings appear only when Status.AllowsReadings,
// each with a valid substance read once, negative or positive; a negative
// Status has no positive reading and a positive Status has at least one when
// readings are given.
func (r Result) Validate() error {
	var errs []error
	switch {
	case r.SpecimenID == "":
		errs = append(errs, intervention.Field("specimenId", intervention.ErrMissing))
	case len(r.SpecimenID) > MaxSpecimenIDLen:
		errs = append(errs, intervention.Field("specimenId", intervention.ErrOutOfRange))
	}
	switch {
	case r.CollectedAt.IsZero():
		errs = append(errs, intervention.Field("collectedAt", intervention.ErrMissing))
	case r.CollectedAt.Year() < 1 || r.CollectedAt.Year() > 9999:
		errs = append(errs, intervention.Field("collectedAt", intervention.ErrOutOfRange))
	}
	if !r.Status.Valid() {
		errs = append(errs, intervention.Field("status", ErrUnknownResultStatus))
	}
	if len(r.Readings) > 0 && r.Status.Valid() && !r.Status.AllowsReadings() {
		errs = append(errs, intervention.Field("readings", intervention.ErrInconsistent))
	}
	seen := make(map[Substance]bool, len(r.Readings))
	positives := 0
	for i, rd := range r.Readings {
		path := intervention.Index("readings", i)
		switch {
		case !rd.Substance.Valid():
			errs = append(errs, intervention.Field(path+".substance", ErrUnknownSubstance))
		case seen[rd.Substance]:
			errs = append(errs, intervention.Field(path+".substance", intervention.ErrDuplicate))
		}
		seen[rd.Substance] = true
		switch rd.Status {
		case ResultPositive:
			positives++
		case ResultNegative:
		case ResultMissed, ResultExcused, ResultRefused, ResultDilute, ResultSubstituted,
			ResultAdulterated, ResultInvalid, ResultPendingLab, ResultMet, ResultNotMet:
			errs = append(errs, intervention.Field(path+".status", ErrReadingStatus))
		default:
			errs = append(errs, intervention.Field(path+".status", ErrUnknownResultStatus))
		}
	}
	if len(r.Readings) > 0 {
		if (r.Status == ResultNegative && positives > 0) || (r.Status == ResultPositive && positives == 0) {
			errs = append(errs, intervention.Field("status", intervention.ErrInconsistent))
		}
	}
	return errors.Join(errs...)
}

// DecodeResult decodes one Result from JSON strictly (no unknown fields, no
// trailing data) and validates it. Errors wrap intervention.ErrInvalid and
// never quote the input.
func DecodeResult(data []byte) (Result, error) {
	var r Result
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		for _, rule := range []error{ErrUnknownResultStatus, ErrUnknownSubstance} {
			if errors.Is(err, rule) {
				return Result{}, rule // the bare rule: the decoder's wrapping may quote the input
			}
		}
		return Result{}, ErrMalformedResult
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Result{}, ErrMalformedResult
	}
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	return r, nil
}
