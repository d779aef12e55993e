package motivation

import (
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// Exponent bounds for host-supplied decimals (thresholds, cut-offs, group
// means). Comparing decimals rescales them to a common exponent, so a value
// such as 1e-2000000000 would make a comparison allocate without bound; no
// clinical threshold needs more than six decimal places.
const (
	minExponent = -6
	maxExponent = 3
)

// saneDecimal reports whether d has a bounded exponent and lies in [lo, hi].
func saneDecimal(d decimal.Decimal, lo, hi int64) bool {
	if e := d.Exponent(); e < minExponent || e > maxExponent {
		return false
	}
	return d.Cmp(decimal.NewFromInt(lo)) >= 0 && d.Cmp(decimal.NewFromInt(hi)) <= 0
}

// decimalText is d in plain notation with exactly the digits its exponent
// carries ("3.5", "40", "3.0"), whatever the host set in decimal's package
// settings.
func decimalText(d decimal.Decimal) string {
	places := max(-d.Exponent(), 0)
	return d.StringFixed(places)
}

// cmpRatio compares the exact value of r with d: -1, 0 or +1. r must be
// computable.
func cmpRatio(r intervention.Ratio, d decimal.Decimal) int {
	c := r.Num().Cmp(d.Mul(r.Den()))
	if r.Den().IsNegative() {
		return -c
	}
	return c
}

// saneRatio reports whether r is computable with bounded exponents, so that
// comparing it with a sane decimal is cheap.
func saneRatio(r intervention.Ratio) bool {
	ok := func(d decimal.Decimal) bool {
		e := d.Exponent()
		return e >= minExponent && e <= maxExponent
	}
	return r.Computable() && ok(r.Num()) && ok(r.Den())
}

// subRatio returns a − b exactly: (an·bd − bn·ad)/(ad·bd). It is not
// computable when either operand is not.
func subRatio(a, b intervention.Ratio) intervention.Ratio {
	if !a.Computable() || !b.Computable() {
		return intervention.Ratio{}
	}
	num := a.Num().Mul(b.Den()).Sub(b.Num().Mul(a.Den()))
	return intervention.NewRatio(num, a.Den().Mul(b.Den()))
}
