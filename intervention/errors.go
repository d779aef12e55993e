package intervention

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// ErrInvalid matches every validation failure in this module: a value that is
// out of range, missing, unknown or inconsistent. Test for it with errors.Is.
var ErrInvalid = wire.ErrInvalid

// Rules shared by every package. Each wraps ErrInvalid so that a bare rule
// (not inside a FieldError) still matches it.
var (
	// ErrMissing means a required value is absent (zero UUID, empty list, zero time).
	ErrMissing = fmt.Errorf("missing: %w", ErrInvalid)
	// ErrOutOfRange means a number or time lies outside its permitted bounds.
	ErrOutOfRange = fmt.Errorf("out of range: %w", ErrInvalid)
	// ErrUnknownValue means an enumerated text form is not one the library knows.
	ErrUnknownValue = fmt.Errorf("unknown value: %w", ErrInvalid)
	// ErrDuplicate means a value that must be unique appears more than once.
	ErrDuplicate = fmt.Errorf("duplicate: %w", ErrInvalid)
	// ErrInconsistent means two fields contradict each other.
	ErrInconsistent = fmt.Errorf("inconsistent: %w", ErrInvalid)
	// ErrMalformedJSON means a document is not valid JSON of the expected
	// shape (bad syntax, a wrong type, an unknown field, trailing data). The
	// decoder's own message is dropped because it may quote the input.
	ErrMalformedJSON = fmt.Errorf("malformed JSON: %w", ErrInvalid)
)

// Rules of the strict JSON decoder every document and value goes through.
// Each error it returns is a *FieldError whose rule matches one of these
// and the package's malformed-JSON error (plan.ErrMalformedJSON, …). An
// unknown or repeated key is reported at the path of the object holding
// it, never by name: a key is input, and may carry PHI.
var (
	// ErrNullDocument means a whole document is JSON null.
	ErrNullDocument = wire.ErrNullDocument
	// ErrDuplicateKey means an object holds the same key twice (the last
	// must not silently win).
	ErrDuplicateKey = wire.ErrDuplicateKey
	// ErrUnknownKey means an object holds a key its type does not define;
	// keys match exactly, case included ("ID" is not "id").
	ErrUnknownKey = wire.ErrUnknownKey
	// ErrInvalidText means a string is not valid UTF-8 text: invalid bytes,
	// an escaped unpaired surrogate, or NUL.
	ErrInvalidText = wire.ErrInvalidText
	// ErrTimeRange means a time lies outside the years TimeMinYear–TimeMaxYear
	// (in UTC).
	ErrTimeRange = wire.ErrTimeRange
	// ErrTimeOffset means a time's UTC offset cannot be written as RFC 3339
	// (Go parses "+24:00" but refuses to format it).
	ErrTimeOffset = wire.ErrTimeOffset
	// ErrArrayLength means a fixed-length array (a questionnaire's answers)
	// has too many or too few elements.
	ErrArrayLength = wire.ErrArrayLength
)

// Rules of a document's schemaVersion (docs/schema-evolution.md), each
// reported at "schemaVersion" as a *SchemaError that also matches the
// document kind's own rule (plan.ErrSchemaVersion, …).
var (
	// ErrNewerSchema means a document was written by a newer version of the
	// library: a later major schemaVersion, or a later minor one whose
	// additions this reader cannot skip. Upgrade the reader.
	ErrNewerSchema = wire.ErrNewerSchema
	// ErrOlderSchema means a document's schemaVersion is older than any
	// this reader has an upgrade from.
	ErrOlderSchema = wire.ErrOlderSchema
	// ErrSchemaSyntax means a schemaVersion is missing or is not "MAJOR"
	// or "MAJOR.MINOR" in canonical form.
	ErrSchemaSyntax = wire.ErrSchemaSyntax
)

// SchemaError is the schemaVersion rule a document broke, with the version
// it declares and the newest the reader supports (two numbers, never input
// text).
type SchemaError = wire.SchemaError

// The years a stored time may lie in (the zero time aside, which means
// unset). Domain rules may be narrower.
const (
	TimeMinYear = wire.MinYear
	TimeMaxYear = wire.MaxYear
)

// FieldError names the field that failed, as a JSON path such as
// "objectives[2].target", and the rule it broke. It never carries the value,
// so it is safe to log: free text is PHI under 42 CFR Part 2.
//
// Every FieldError matches ErrInvalid under errors.Is, and errors.Is also
// matches the wrapped rule. (It is defined beside the strict decoder, which
// reports its paths with it.)
type FieldError = wire.FieldError

// Field returns a *FieldError for path and rule.
func Field(path string, rule error) error { return wire.Field(path, rule) }

// Expect returns a *FieldError for path and rule whose message says what
// the field must be instead of naming the rule: "id: required, a non-nil
// UUID". errors.Is still matches the rule and ErrInvalid. want must not
// quote the value (it may be PHI).
func Expect(path string, rule error, want string) error { return wire.Expect(path, rule, want) }

// What common fields must be, for Expect.
const (
	// WantID is what an identifier must be.
	WantID = "required, a non-nil UUID"
	// WantZone is what a time zone must be.
	WantZone = "must be a time zone loaded by name with time.LoadLocation, such as America/New_York (not time.Local, which differs between machines, and not nil)"
)

// Prefix returns err with every FieldError inside it (including those joined
// by errors.Join) re-rooted under prefix, so that a nested value's
// "amount" becomes "entries[3].amount". A nil err stays nil; errors that are
// not FieldErrors are wrapped in one whose path is prefix.
func Prefix(prefix string, err error) error { return wire.Prefix(prefix, err) }

// JoinPath joins JSON path segments: JoinPath("a", "b") is "a.b", and a
// segment that starts with "[" attaches without a dot.
func JoinPath(parent, child string) string { return wire.JoinPath(parent, child) }

// Index returns the path of element i of the list at path: Index("goals", 2)
// is "goals[2]".
func Index(path string, i int) string { return wire.Index(path, i) }

// FieldErrors returns every FieldError inside err, in order, flattening
// errors.Join trees. It lets a host form mark every bad field at once.
func FieldErrors(err error) []*FieldError {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*FieldError
		for _, e := range joined.Unwrap() {
			out = append(out, FieldErrors(e)...)
		}
		return out
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return []*FieldError{fe}
	}
	return nil
}
