package motivation

import "github.com/recoverykit/psychosocial/intervention"

// Behavior is the target behaviour that MI work and stage assessments are
// about, as a host-chosen code such as "alcohol-use", "smoking" or a
// terminology code ("229819007"). It is a code, never free text: 1–64
// characters of ASCII letters and digits, '.', '_' and '-', starting with a
// letter or digit. The zero Behavior is invalid.
type Behavior string

// ParseBehavior returns s as a Behavior, or ErrBadBehavior when s is not a
// code.
func ParseBehavior(s string) (Behavior, error) {
	if b := Behavior(s); b.Valid() {
		return b, nil
	}
	return "", ErrBadBehavior
}

// Valid reports whether b is a well-formed code.
func (b Behavior) Valid() bool { return isCode(string(b)) }

// String returns the code.
func (b Behavior) String() string { return string(b) }

// MarshalText encodes b; an invalid Behavior is an error, so one is never stored.
func (b Behavior) MarshalText() ([]byte, error) {
	if !b.Valid() {
		return nil, ErrBadBehavior
	}
	return []byte(b), nil
}

// UnmarshalText decodes b with ParseBehavior; on error *b is unchanged.
func (b *Behavior) UnmarshalText(t []byte) error {
	v, err := ParseBehavior(string(t))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// isCode reports whether s is 1–64 ASCII letters, digits, '.', '_' or '-',
// starting with a letter or digit.
func isCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		alnum := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !alnum && (i == 0 || (c != '.' && c != '_' && c != '-')) {
			return false
		}
	}
	return true
}

// checkCode returns nil when s is a code, ErrMissing at path when it is
// empty and ErrBadCode otherwise.
func checkCode(path, s string) error {
	switch {
	case s == "":
		return field(path, intervention.ErrMissing)
	case !isCode(s):
		return field(path, ErrBadCode)
	}
	return nil
}
