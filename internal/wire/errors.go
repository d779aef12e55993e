package wire

import (
	"errors"
	"fmt"
	"strconv"
)

// The error vocabulary is defined here, below package intervention, so that
// the strict decoder can report a path as the FieldError every package
// uses; intervention re-exports each of these under the same name.

// ErrInvalid matches every validation failure in this module.
var ErrInvalid = errors.New("invalid")

// Rules of the strict decoder (see Decode). Each wraps ErrInvalid. None of
// them, and no path Decode reports, carries input bytes: an object key is
// input too, so an unknown or repeated key is reported at the path of the
// object that holds it, never by name.
var (
	// ErrNullDocument means the whole document is JSON null.
	ErrNullDocument = fmt.Errorf("null document: %w", ErrInvalid)
	// ErrDuplicateKey means an object holds the same key twice.
	ErrDuplicateKey = fmt.Errorf("duplicate key: %w", ErrInvalid)
	// ErrUnknownKey means an object holds a key its type does not define
	// (keys match field names exactly, case included).
	ErrUnknownKey = fmt.Errorf("unknown key present: %w", ErrInvalid)
	// ErrInvalidText means a string is not valid UTF-8 text: a byte sequence
	// that is not UTF-8, a \u escape of an unpaired surrogate, or NUL.
	ErrInvalidText = fmt.Errorf("invalid UTF-8 text: %w", ErrInvalid)
	// ErrTimeRange means a time lies outside the years MinYear–MaxYear (UTC).
	ErrTimeRange = fmt.Errorf("time outside years %d-%d: %w", MinYear, MaxYear, ErrInvalid)
	// ErrTimeOffset means a time's UTC offset cannot be encoded again
	// (Go parses "+24:00" and refuses to format it).
	ErrTimeOffset = fmt.Errorf("time offset out of range: %w", ErrInvalid)
	// ErrArrayLength means a fixed-length array has too many or too few
	// elements.
	ErrArrayLength = fmt.Errorf("wrong array length: %w", ErrInvalid)
)

// FieldError names the field that failed, as a JSON path such as
// "objectives[2].target", and the rule it broke; it never carries the
// value. intervention.FieldError is this type.
type FieldError struct {
	Field string // JSON path of the field, e.g. "participants[1].role"
	Err   error  // the rule broken, e.g. intervention.ErrMissing
	// Want, when set, says what the field must be, in words a developer
	// can act on ("required, a non-nil UUID"); it never quotes the value.
	Want string
}

// Error reports the field path and what it must be ("id: required, a
// non-nil UUID"), or, without Want, the path and the rule broken.
func (e *FieldError) Error() string {
	if e.Want != "" {
		if e.Field == "" {
			return "invalid value: " + e.Want
		}
		return e.Field + ": " + e.Want
	}
	rule := "invalid"
	if e.Err != nil {
		rule = e.Err.Error()
	}
	if e.Field == "" {
		return "invalid value: " + rule
	}
	return "invalid " + e.Field + ": " + rule
}

// Expect returns a *FieldError for path and rule that says what the field
// must be.
func Expect(path string, rule error, want string) error {
	return &FieldError{Field: path, Err: rule, Want: want}
}

// Unwrap returns the rule.
func (e *FieldError) Unwrap() error { return e.Err }

// Is makes every FieldError match ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Field returns a *FieldError for path and rule.
func Field(path string, rule error) error {
	return &FieldError{Field: path, Err: rule}
}

// Prefix returns err with every FieldError inside it (including those
// joined by errors.Join) re-rooted under prefix. A nil err stays nil;
// errors that are not FieldErrors are wrapped in one whose path is prefix.
func Prefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		if _, rule := err.(*decodeError); !rule { //nolint:errorlint // err itself: a rule is not split like a join
			var out []error
			for _, e := range joined.Unwrap() {
				out = append(out, Prefix(prefix, e))
			}
			return errors.Join(out...)
		}
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return &FieldError{Field: JoinPath(prefix, fe.Field), Err: fe.Err, Want: fe.Want}
	}
	return &FieldError{Field: prefix, Err: err}
}

// JoinPath joins JSON path segments: JoinPath("a", "b") is "a.b", and a
// segment that starts with "[" attaches without a dot.
func JoinPath(parent, child string) string {
	switch {
	case parent == "":
		return child
	case child == "":
		return parent
	case child[0] == '[':
		return parent + child
	}
	return parent + "." + child
}

// Index returns the path of element i of the list at path: Index("goals", 2)
// is "goals[2]".
func Index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// decodeError is a strict-decoder rule together with the caller's
// malformed-document error, so that the error Decode returns matches both
// (wire.ErrDuplicateKey and plan.ErrMalformedJSON, say).
type decodeError struct {
	rule, malformed error
}

func (e *decodeError) Error() string { return e.rule.Error() }

// Unwrap returns the rule and the malformed-document error.
func (e *decodeError) Unwrap() []error { return []error{e.rule, e.malformed} }
