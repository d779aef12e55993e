package plan

import (
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rules this package reports. Each wraps intervention.ErrInvalid (through one
// of the shared rules) and arrives inside an *intervention.FieldError naming
// the JSON path of the field that broke it. No error carries a value: plan
// text is PHI (42 CFR Part 2).
var (
	// ErrIllegalTransition means the lifecycle does not allow the requested
	// status change (see Status.CanTransition).
	ErrIllegalTransition = fmt.Errorf("plan: lifecycle transition not allowed: %w", intervention.ErrInconsistent)
	// ErrReviewRequired means an under-review plan can return to active only
	// through CompleteReview, which records the review.
	ErrReviewRequired = fmt.Errorf("plan: a review must be recorded to end the review: %w", intervention.ErrInconsistent)
	// ErrStatus means the operation is not allowed in the plan's current
	// status: content changes need a draft or a plan under review, and a
	// closed plan changes no more.
	ErrStatus = fmt.Errorf("plan: not allowed in the plan's status: %w", intervention.ErrInconsistent)
	// ErrNotFound means a reference names no element, component or revision
	// of the plan.
	ErrNotFound = fmt.Errorf("plan: refers to nothing in the plan: %w", intervention.ErrInconsistent)
	// ErrIDInUse means an ID already names another element, of another kind.
	ErrIDInUse = fmt.Errorf("plan: ID already names another element: %w", intervention.ErrDuplicate)
	// ErrConflict means a record's ID (a change, a signature, a session) was
	// used before with different content. The same content again is a no-op.
	ErrConflict = fmt.Errorf("plan: ID used before with different content: %w", intervention.ErrDuplicate)
	// ErrNoChange means an edit would change nothing.
	ErrNoChange = fmt.Errorf("plan: edit changes nothing: %w", intervention.ErrInconsistent)
	// ErrOutOfOrder means a change or signature is dated before the record
	// it follows (revisions are in time order; a signature follows the
	// revision it signs).
	ErrOutOfOrder = fmt.Errorf("plan: dated before what it follows: %w", intervention.ErrOutOfRange)
	// ErrBadText means a free-text field is longer than MaxTextBytes or is
	// not valid UTF-8. (A blank required text is intervention.ErrMissing.)
	ErrBadText = fmt.Errorf("plan: text too long or not UTF-8: %w", intervention.ErrOutOfRange)
	// ErrBadCode means a field that must be a code (a jurisdiction, a
	// setting, a measure, a credential) is not 1–64 ASCII letters, digits,
	// '.', '_' or '-' starting with a letter or digit.
	ErrBadCode = fmt.Errorf("plan: not a code: %w", intervention.ErrInvalid)
	// ErrBadDiagnosis means a diagnosis code is not an ICD-10-CM code in
	// its dotted form (letter, digit, letter or digit, then an optional '.'
	// and 1–4 letters or digits: "F10.20").
	ErrBadDiagnosis = fmt.Errorf("plan: not an ICD-10-CM code: %w", intervention.ErrInvalid)
	// ErrBadHash means an input hash is not 64 lowercase hexadecimal digits.
	ErrBadHash = fmt.Errorf("plan: not a SHA-256 hex digest: %w", intervention.ErrInvalid)
	// ErrNoCodec means a component's modality has no encoder or decoder in
	// the Codec (register one with WithComponentCodec).
	ErrNoCodec = fmt.Errorf("plan: no codec for the component's modality: %w", intervention.ErrUnknownValue)
	// ErrSchemaVersion means a document has a schemaVersion this version of
	// the library does not read.
	ErrSchemaVersion = fmt.Errorf("plan: unsupported schemaVersion: %w", intervention.ErrUnknownValue)
	// ErrMalformedJSON means a document is not valid JSON or a value has the
	// wrong JSON type. The decoder's own message is dropped because it may
	// quote the input.
	ErrMalformedJSON = fmt.Errorf("plan: malformed JSON: %w", intervention.ErrInvalid)
	// ErrUnknownField means a document has a key the schema does not define
	// (keys are matched exactly, case included). It is
	// intervention.ErrUnknownKey, reported at the path of the object that
	// holds the key, never naming it.
	ErrUnknownField = intervention.ErrUnknownKey
)

// field returns a FieldError for path and rule.
func field(path string, rule error) error { return &intervention.FieldError{Field: path, Err: rule} }
