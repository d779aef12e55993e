package brief

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Ruler names a readiness ruler asked during a brief intervention (BNI step
// 3, "build readiness to change"; reference: instruments.md §6.2, §7.3). The
// zero Ruler is invalid.
type Ruler string

// The readiness rulers.
const (
	RulerImportance Ruler = "importance"
	RulerConfidence Ruler = "confidence"
	RulerReadiness  Ruler = "readiness"
)

// ErrUnknownRuler means a ruler is not one of the constants.
var ErrUnknownRuler = fmt.Errorf("brief: ruler: %w", intervention.ErrUnknownValue)

// Rulers returns every Ruler in a stable order.
func Rulers() []Ruler { return []Ruler{RulerImportance, RulerConfidence, RulerReadiness} }

// ParseRuler returns the Ruler whose text form is s.
func ParseRuler(s string) (Ruler, error) { return enum.Parse(Ruler(s), Ruler.Valid, ErrUnknownRuler) }

// Valid reports whether r is one of the constants.
func (r Ruler) Valid() bool { return enum.Valid(r, Rulers()) }

// String returns the text form of r.
func (r Ruler) String() string { return string(r) }

// MarshalText encodes r; an invalid Ruler is an error.
func (r Ruler) MarshalText() ([]byte, error) { return enum.Marshal(r, Ruler.Valid, ErrUnknownRuler) }

// UnmarshalText decodes r with ParseRuler; on error *r is unchanged.
func (r *Ruler) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseRuler) }

// RulerValue is one readiness-ruler answer with the scale it was asked on:
// rulers are asked 0–10 or 1–10, so the bounds travel with the value
// (reference: instruments.md §10 D15). Min and Max both zero mean 0–10.
type RulerValue struct {
	Ruler Ruler `json:"ruler"`
	Value int   `json:"value"`
	Min   int   `json:"min"`
	Max   int   `json:"max"`
}

// Bounds returns the scale, 0–10 when none is set.
func (v RulerValue) Bounds() (lo, hi int) {
	if v.Min == 0 && v.Max == 0 {
		return 0, 10
	}
	return v.Min, v.Max
}

// Validate reports every problem with v.
func (v RulerValue) Validate() error {
	var errs []error
	if !v.Ruler.Valid() {
		errs = append(errs, intervention.Field("ruler", ErrUnknownRuler))
	}
	lo, hi := v.Bounds()
	switch {
	case lo < 0 || hi > 100 || lo >= hi:
		errs = append(errs, intervention.Field("max", intervention.ErrOutOfRange))
	case v.Value < lo || v.Value > hi:
		errs = append(errs, intervention.Field("value", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}
