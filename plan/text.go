package plan

import (
	"unicode/utf8"

	"github.com/recoverykit/psychosocial/intervention"
)

// MaxTextBytes bounds every free-text field (a statement on a form, not a
// note; the bound is the library's).
const MaxTextBytes = 4000

// checkText reports ErrBadText at path for text that is too long or not
// UTF-8, and ErrMissing for blank text when required.
func checkText(path string, t intervention.Text, required bool) error {
	switch s := t.Reveal(); {
	case required && t.IsBlank():
		return field(path, intervention.ErrMissing)
	case len(s) > MaxTextBytes || !utf8.ValidString(s):
		return field(path, ErrBadText)
	}
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
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// checkCode reports ErrBadCode at path when s is set but not a code, and
// ErrMissing when it is required and empty.
func checkCode(path, s string, required bool) error {
	switch {
	case s == "" && required:
		return field(path, intervention.ErrMissing)
	case s != "" && !isCode(s):
		return field(path, ErrBadCode)
	}
	return nil
}
