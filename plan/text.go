package plan

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/recoverykit/psychosocial/intervention"
)

// MaxTextBytes bounds every free-text field (a statement on a form, not a
// note; the bound is the library's).
const MaxTextBytes = 4000

// redacted replaces free text in String, fmt and slog output.
const redacted = "[redacted]"

// Text is free text written by or about the patient: a problem statement,
// goals in the patient's own words, an objective, a strength, a rationale.
// It is protected health information (42 CFR Part 2), so it redacts itself:
// String, every fmt verb and slog print "[redacted]". A struct holding Text
// fields therefore prints redacted with %v and %+v. The JSON form is the
// text itself: store plan documents only where PHI may be stored. Reveal
// returns the text.
type Text string

// Reveal returns the text itself, for display to someone entitled to it.
func (t Text) Reveal() string { return string(t) }

// IsBlank reports whether t is empty or only white space.
func (t Text) IsBlank() bool { return strings.TrimSpace(string(t)) == "" }

// String returns "[redacted]".
func (t Text) String() string { return redacted }

// GoString returns `plan.Text("[redacted]")`.
func (t Text) GoString() string { return `plan.Text("` + redacted + `")` }

// Format prints "[redacted]" for every verb (quoted for %q, GoString for %#v).
func (t Text) Format(f fmt.State, verb rune) { formatRedacted(f, verb, redacted, t.GoString()) }

// LogValue implements slog.LogValuer: "[redacted]".
func (t Text) LogValue() slog.Value { return slog.StringValue(redacted) }

// formatRedacted writes goString for %#v, a quoted s for %q and s otherwise,
// so that no verb reaches a field by reflection.
func formatRedacted(f fmt.State, verb rune, s, goString string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		s = goString
	case verb == 'q':
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}

// checkText reports ErrBadText at path for text that is too long or not
// UTF-8, and ErrMissing for blank text when required.
func checkText(path string, t Text, required bool) error {
	switch {
	case required && t.IsBlank():
		return field(path, intervention.ErrMissing)
	case len(t) > MaxTextBytes || !utf8.ValidString(string(t)):
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
