package intervention

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// Ratio is an exact quotient such as "% negative specimens" or "reflections
// per question". A Ratio whose denominator is zero is not computable: Value
// reports that instead of returning 0, NaN or Inf, so a report can print
// "n/a" rather than a misleading figure (DESIGN.md, "Money and ratios are
// exact"). The zero Ratio is 0/0, not computable.
type Ratio struct {
	num, den decimal.Decimal
}

// NewRatio returns num/den exactly.
func NewRatio(num, den decimal.Decimal) Ratio { return Ratio{num: num, den: den} }

// RatioOf returns the ratio of two counts, e.g. RatioOf(negatives, specimens).
func RatioOf(num, den int) Ratio {
	return Ratio{num: decimal.NewFromInt(int64(num)), den: decimal.NewFromInt(int64(den))}
}

// Num returns the numerator.
func (r Ratio) Num() decimal.Decimal { return r.num }

// Den returns the denominator.
func (r Ratio) Den() decimal.Decimal { return r.den }

// Computable reports whether the denominator is non-zero.
func (r Ratio) Computable() bool { return !r.den.IsZero() }

// Value returns num/den rounded half away from zero to scale decimal places,
// and false when the ratio is not computable.
func (r Ratio) Value(scale int32) (decimal.Decimal, bool) {
	if !r.Computable() {
		return decimal.Zero, false
	}
	return r.num.DivRound(r.den, scale), true
}

// Percent returns 100·num/den rounded to scale decimal places, and false when
// the ratio is not computable.
func (r Ratio) Percent(scale int32) (decimal.Decimal, bool) {
	if !r.Computable() {
		return decimal.Zero, false
	}
	return r.num.Mul(decimal.NewFromInt(100)).DivRound(r.den, scale), true
}

// exact formats d with all its digits and no exponent, whatever the host
// did to shopspring/decimal's package settings (CONVENTIONS §3).
func exact(d decimal.Decimal) string { return d.StringFixed(max(0, -d.Exponent())) }

// String returns "num/den", or "num/0 (not computable)".
func (r Ratio) String() string {
	s := exact(r.num) + "/" + exact(r.den)
	if !r.Computable() {
		s += " (not computable)"
	}
	return s
}

// ratioJSON is the wire form of a Ratio.
type ratioJSON struct {
	Numerator   string `json:"numerator"`
	Denominator string `json:"denominator"`
	Computable  bool   `json:"computable"`
}

// MarshalJSON encodes r as {"numerator":"3","denominator":"4","computable":true}.
func (r Ratio) MarshalJSON() ([]byte, error) {
	return json.Marshal(ratioJSON{Numerator: exact(r.num), Denominator: exact(r.den), Computable: r.Computable()})
}

// ErrBadRatio means a ratio's JSON form is malformed or contradicts itself.
var ErrBadRatio = fmt.Errorf("ratio: %w", ErrInvalid)

// UnmarshalJSON decodes the form MarshalJSON writes. The computable flag must
// agree with the denominator. On error *r is unchanged.
func (r *Ratio) UnmarshalJSON(b []byte) error {
	var w ratioJSON
	if err := wire.Decode(b, &w, ErrInvalid, ErrBadRatio); err != nil {
		return err
	}
	num, err1 := decimal.NewFromString(w.Numerator)
	den, err2 := decimal.NewFromString(w.Denominator)
	if err1 != nil || err2 != nil || den.IsZero() == w.Computable {
		return ErrBadRatio
	}
	*r = Ratio{num: num, den: den}
	return nil
}
