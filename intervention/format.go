package intervention

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Format says who takes part in a session. The zero Format is invalid.
type Format string

// The session formats. Group sessions bill per attendee; family and conjoint
// sessions bill by whether the identified patient is present
// (reference: plans-and-interop.md §5.4).
const (
	FormatIndividual Format = "individual"
	FormatGroup      Format = "group"
	FormatFamily     Format = "family"
	FormatConjoint   Format = "conjoint" // a couple: the patient and a partner
)

// ErrUnknownFormat means a session format is not one of the constants.
var ErrUnknownFormat = fmt.Errorf("format: %w", ErrUnknownValue)

// Formats returns every Format in a stable order.
func Formats() []Format { return []Format{FormatIndividual, FormatGroup, FormatFamily, FormatConjoint} }

// ParseFormat returns the Format whose text form is s.
func ParseFormat(s string) (Format, error) {
	return enum.Parse(Format(s), Format.Valid, ErrUnknownFormat)
}

// Valid reports whether f is one of the constants.
func (f Format) Valid() bool { return enum.Valid(f, Formats()) }

// String returns the text form of f.
func (f Format) String() string { return string(f) }

// MarshalText encodes f; an invalid Format is an error.
func (f Format) MarshalText() ([]byte, error) { return enum.Marshal(f, Format.Valid, ErrUnknownFormat) }

// UnmarshalText decodes f with ParseFormat; on error *f is unchanged.
func (f *Format) UnmarshalText(b []byte) error { return enum.Unmarshal(f, b, ParseFormat) }
