package intervention

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"unique"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// Redacted is what every output of a Text prints instead of the text.
//
// It is a constant, not "[redacted 42 bytes]": a length is itself
// information (an empty answer, a one-word refusal, the size of a relative's
// statement), and nothing a log reader needs. Whether a field is present is
// shown by the record's own summary, not by Text.
const Redacted = "[redacted]"

// Text is free text written by or about a patient: a goal in the patient's
// own words, a functional analysis, a decisional-balance item, a consent's
// description. It is protected health information (42 CFR Part 2), so it
// redacts itself in every output a program reaches by accident:
//
//   - String, GoString and fmt with every verb (%v %+v %#v %s %q %x %X %d …)
//     print Redacted (quoted for %q, `intervention.Text{[redacted]}` for %#v),
//     in a value, a pointer, a slice, a map or an exported struct field;
//   - MarshalText and MarshalJSON write Redacted, so encoding/json, slog's
//     JSON and text handlers (which marshal slices and maps of records),
//     encoding/xml and map keys never see the text;
//   - LogValue is Redacted.
//
// The text itself is reached only through Reveal, a name that shows in code
// review. Text has no unmarshalling methods: decoding a record that holds
// Text with encoding/json fails instead of silently storing the redacted
// form. Each document codec (a plan document, a component document, a
// consent document) writes and reads the text explicitly with Reveal and
// NewText in its own wire form, so documents keep the text for the host's
// PHI store.
//
// Printing by reflection cannot reach the text either. fmt prints a value
// by reflection when it may not call its methods: %p of a non-pointer, a
// bad verb (%s of a struct holding a pointer prints the pointee with %v),
// or a Text in an unexported field or in a map. Text keeps its string
// behind a canonical pointer (a unique.Handle), and fmt prints a pointer to
// a string as an address, with every verb, never following it. Only tools
// that follow every pointer (go-spew, which testify uses for its diffs)
// show the text.
//
// The zero Text is empty. Texts compare with == (equal texts are equal
// Texts) and are safe for concurrent use.
type Text struct{ h unique.Handle[string] }

// NewText returns s as free text.
func NewText(s string) Text {
	if s == "" {
		return Text{}
	}
	return Text{unique.Make(s)}
}

// NewTexts returns each of ss as free text; nil for nil.
func NewTexts(ss []string) []Text { return wire.Map(ss, NewText) }

// Reveal returns the text itself, for display to someone entitled to it or
// for the document that stores it.
func (t Text) Reveal() string {
	if t.IsZero() {
		return ""
	}
	return t.h.Value()
}

// RevealTexts returns the text of each of ts; nil for nil.
func RevealTexts(ts []Text) []string { return wire.Map(ts, Text.Reveal) }

// IsZero reports whether t is empty.
func (t Text) IsZero() bool { return t == Text{} }

// IsBlank reports whether t is empty or only white space.
func (t Text) IsBlank() bool { return strings.TrimSpace(t.Reveal()) == "" }

// String returns Redacted.
func (t Text) String() string { return Redacted }

// GoString returns `intervention.Text{[redacted]}`.
func (t Text) GoString() string { return "intervention.Text{" + Redacted + "}" }

// Format prints Redacted for every verb: quoted for %q, GoString for %#v.
// Width, precision and flags are ignored, so that no verb reaches the text.
func (t Text) Format(f fmt.State, verb rune) { FormatRedacted(f, verb, Redacted, t.GoString()) }

// MarshalText returns Redacted: text encodings of a record (slog's text
// handler, encoding/xml, a map key) never carry the text.
func (t Text) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// MarshalJSON returns the JSON string Redacted: json.Marshal of a record,
// and so slog's JSON handler on slices and maps of records, never carries
// the text. Document codecs write Reveal instead.
func (t Text) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// LogValue implements slog.LogValuer: Redacted.
func (t Text) LogValue() slog.Value { return slog.StringValue(Redacted) }

// FormatRedacted is the Format method of a type whose every fmt verb must
// print a redacted summary: it writes goString for %#v, a quoted s for %q
// and s for every other verb and flag. Types holding Text in unexported
// fields call it from their Format method, so that no verb prints them by
// reflection.
func FormatRedacted(f fmt.State, verb rune, s, goString string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		s = goString
	case verb == 'q':
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}
