package motivation

import (
	"strings"
	"unicode/utf8"

	"github.com/recoverykit/psychosocial/intervention"
)

// MaxTextBytes bounds each free-text entry of a worksheet or change plan
// (a line on a form, not a note; the bound is the library's).
const MaxTextBytes = 2000

// redacted replaces free text (PHI under 42 CFR Part 2) in String, GoString,
// fmt and slog output.
const redacted = "[redacted]"

// checkText returns ErrMissing at path for blank text and ErrBadText for
// text that is too long or not UTF-8.
func checkText(path string, t intervention.Text) error {
	switch s := t.Reveal(); {
	case strings.TrimSpace(s) == "":
		return field(path, intervention.ErrMissing)
	case len(s) > MaxTextBytes || !utf8.ValidString(s):
		return field(path, ErrBadText)
	}
	return nil
}

// checkTexts checks every entry of a text list.
func checkTexts(path string, ss []intervention.Text) []error {
	var errs []error
	for i, s := range ss {
		if err := checkText(intervention.Index(path, i), s); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// enumText returns s, or "(invalid)" when it is not valid, so that String
// output never echoes arbitrary input.
func enumText(s string, valid bool) string {
	if !valid {
		return "(invalid)"
	}
	return s
}
