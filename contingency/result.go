package contingency

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxSpecimenIDLen is the longest SpecimenID a Result may carry, in bytes:
// short enough that the ledger keys and visit references a programme builds
// from it stay within the ledger's 256-byte limits.
const MaxSpecimenIDLen = 128

// ErrBadSpecimenID means a specimen ID is longer than MaxSpecimenIDLen, is
// not valid UTF-8, or holds a control character or '#' (which the ledger
// reserves for the keys of a posting's later lines).
var ErrBadSpecimenID = fmt.Errorf("contingency: specimen ID must be up to 128 bytes of text without control characters or '#': %w", intervention.ErrInvalid)

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
// Rules: SpecimenID is 1–MaxSpecimenIDLen bytes of text without control
// characters or '#' (ErrBadSpecimenID); CollectedAt is set, in the years
// 1900–2199 with an offset RFC 3339 can write (intervention.ErrTimeRange,
// ErrTimeOffset); Status is valid; Readings appear only when Status.AllowsReadings,
// each with a valid substance read once, negative or positive; a negative
// Status has no positive reading and a positive Status has at least one when
// readings are given.
func (r Result) Validate() error {
	var errs []error
	switch {
	case r.SpecimenID == "":
		errs = append(errs, intervention.Field("specimenId", intervention.ErrMissing))
	case len(r.SpecimenID) > MaxSpecimenIDLen || !plainText(r.SpecimenID) || strings.ContainsRune(r.SpecimenID, '#'):
		errs = append(errs, intervention.Field("specimenId", ErrBadSpecimenID))
	}
	if r.CollectedAt.IsZero() {
		errs = append(errs, intervention.Field("collectedAt", intervention.ErrMissing))
	} else if err := wire.CheckTime(r.CollectedAt); err != nil {
		errs = append(errs, intervention.Field("collectedAt", err))
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
	if err := wire.Decode(data, &r, intervention.ErrInvalid, ErrMalformedResult); err != nil {
		return Result{}, err
	}
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	return r, nil
}
