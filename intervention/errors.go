package intervention

import (
	"errors"
	"fmt"
	"strconv"
)

// ErrInvalid matches every validation failure in this module: a value that is
// out of range, missing, unknown or inconsistent. Test for it with errors.Is.
var ErrInvalid = errors.New("invalid")

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

// FieldError names the field that failed, as a JSON path such as
// "objectives[2].target", and the rule it broke. It never carries the value,
// so it is safe to log: free text is PHI under 42 CFR Part 2.
//
// Every FieldError matches ErrInvalid under errors.Is, and errors.Is also
// matches the wrapped rule.
type FieldError struct {
	Field string // JSON path of the field, e.g. "participants[1].role"
	Err   error  // the rule broken, e.g. ErrMissing
}

// Error reports the field path and the rule.
func (e *FieldError) Error() string {
	rule := "invalid"
	if e.Err != nil {
		rule = e.Err.Error()
	}
	if e.Field == "" {
		return "invalid value: " + rule
	}
	return "invalid " + e.Field + ": " + rule
}

// Unwrap returns the rule.
func (e *FieldError) Unwrap() error { return e.Err }

// Is makes every FieldError match ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Field returns a *FieldError for path and rule.
func Field(path string, rule error) error {
	return &FieldError{Field: path, Err: rule}
}

// Prefix returns err with every FieldError inside it (including those joined
// by errors.Join) re-rooted under prefix, so that a nested value's
// "amount" becomes "entries[3].amount". A nil err stays nil; errors that are
// not FieldErrors are wrapped in one whose path is prefix.
func Prefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range joined.Unwrap() {
			out = append(out, Prefix(prefix, e))
		}
		return errors.Join(out...)
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return &FieldError{Field: JoinPath(prefix, fe.Field), Err: fe.Err}
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
