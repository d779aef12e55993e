package cbt

import (
	"log/slog"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/recoverykit/psychosocial/intervention"
)

// Text bounds (the library's, not a source's: a line on a worksheet, a
// topic title).
const (
	// MaxTextBytes bounds each free-text entry of a functional analysis.
	MaxTextBytes = 2000
	// MaxNameBytes bounds a curriculum or topic name.
	MaxNameBytes = 200
)

// redacted replaces free text (PHI under 42 CFR Part 2) in String, GoString,
// fmt and slog output.
const redacted = "[redacted]"

// codePattern is the form of every code: the same form intervention.Session
// accepts for topic IDs.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// validCode reports whether s is a code.
func validCode(s string) bool { return codePattern.MatchString(s) }

// checkCode returns ErrMissing at path for an empty code and ErrBadCode for
// a malformed one.
func checkCode(path, s string) error {
	switch {
	case s == "":
		return field(path, intervention.ErrMissing)
	case !validCode(s):
		return field(path, ErrBadCode)
	}
	return nil
}

// checkText returns ErrMissing at path for blank text and ErrBadText for
// text longer than limit bytes or not UTF-8.
func checkText(path, s string, limit int) error {
	switch {
	case strings.TrimSpace(s) == "":
		return field(path, intervention.ErrMissing)
	case len(s) > limit || !utf8.ValidString(s):
		return field(path, ErrBadText)
	}
	return nil
}

// checkOptionalText is checkText for a field that may be empty.
func checkOptionalText(path, s string) error {
	if s == "" {
		return nil
	}
	return checkText(path, s, MaxTextBytes)
}

// enumText returns s, or "(invalid)" when it is not valid, so that String
// output never echoes arbitrary input.
func enumText(s string, valid bool) string {
	if !valid {
		return "(invalid)"
	}
	return s
}

// attrsText renders attrs as " k=v k=v" for a String form.
func attrsText(attrs []slog.Attr) string {
	var b strings.Builder
	for _, a := range attrs {
		b.WriteString(" " + a.Key + "=" + a.Value.String())
	}
	return b.String()
}
