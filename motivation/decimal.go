package motivation

import (
	"cmp"

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

// Integers whose decimals are built once, when the package is initialised,
// and shared by every score instead of allocated per call: every count,
// sum and numerator a coded segment or a questionnaire realistically gives
// lies in this range (a MITI segment with a thousand reflections does not
// occur). Larger values are allocated as before.
const (
	sharedIntMin = -128
	sharedIntMax = 1023
)

// sharedInts holds decimal.NewFromInt(n) at index n − sharedIntMin. It is
// read-only after initialisation, and handing out copies is safe: a
// decimal.Decimal is immutable (no method modifies the big.Int behind it,
// and Coefficient and BigInt return copies).
var sharedInts = func() (t [sharedIntMax - sharedIntMin + 1]decimal.Decimal) {
	for i := range t {
		t[i] = decimal.NewFromInt(int64(i + sharedIntMin))
	}
	return t
}()

// intDecimal returns decimal.NewFromInt(n), shared when n is small.
func intDecimal(n int) decimal.Decimal {
	if n >= sharedIntMin && n <= sharedIntMax {
		return sharedInts[n-sharedIntMin]
	}
	return decimal.NewFromInt(int64(n))
}

// ratioOf is intervention.RatioOf(num, den) with shared decimals for small
// terms: the same values, without allocating.
func ratioOf(num, den int) intervention.Ratio {
	return intervention.NewRatio(intDecimal(num), intDecimal(den))
}

// saneDecimal reports whether d has a bounded exponent and lies in [lo, hi].
func saneDecimal(d decimal.Decimal, lo, hi int64) bool {
	if e := d.Exponent(); e < minExponent || e > maxExponent {
		return false
	}
	return cmpFrac(lo, 1, d) <= 0 && cmpFrac(hi, 1, d) >= 0
}

// Bounds of the integer fast path of cmpFrac: within them every product it
// forms stays below 10¹⁸, so int64 arithmetic is exact.
const (
	maxFracNum    = 1_000_000_000 // |num|
	maxFracDen    = 1_000_000     // den
	maxFracDigits = 12            // digits of d's coefficient
)

// pow10 returns 10ⁿ for the small n (0…9) that exponents in
// minExponent…maxExponent scale by.
func pow10(n int32) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// cmpFrac compares num/den with d exactly: -1, 0 or +1. den must not be
// zero. Within maxFracNum, maxFracDen, maxFracDigits and an exponent of d in
// minExponent…maxExponent — every count-based score and every sane
// threshold — it compares int64 cross-products and allocates nothing;
// otherwise it compares decimals.
func cmpFrac(num, den int64, d decimal.Decimal) int {
	e := d.Exponent()
	if num < -maxFracNum || num > maxFracNum || den <= 0 || den > maxFracDen ||
		e < minExponent || e > maxExponent || d.NumDigits() > maxFracDigits {
		return cmpDecimals(decimal.NewFromInt(num), decimal.NewFromInt(den), d)
	}
	c := d.CoefficientInt64() // |c| < 10¹²
	if e < 0 {
		return cmp.Compare(num*pow10(-e), c*den) // < 10¹⁵ and < 10¹⁸
	}
	v := c * pow10(e) // d itself, |v| < 10¹⁵
	switch {
	case v > maxFracNum: // |num/den| ≤ maxFracNum < v
		return -1
	case v < -maxFracNum:
		return 1
	}
	return cmp.Compare(num, v*den) // |v·den| ≤ 10¹⁵
}

// smallFrac returns r as int64 num/den with den > 0 when both terms are
// integers (exponent 0) small enough for cmpFrac's fast path — every ratio
// the scorers build from counts.
func smallFrac(r intervention.Ratio) (num, den int64, ok bool) {
	n, d := r.Num(), r.Den()
	if n.Exponent() != 0 || d.Exponent() != 0 || n.NumDigits() > 9 || d.NumDigits() > 6 || d.IsZero() {
		return 0, 0, false
	}
	num, den = n.CoefficientInt64(), d.CoefficientInt64()
	if den < 0 {
		num, den = -num, -den
	}
	return num, den, true
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
	if num, den, ok := smallFrac(r); ok {
		return cmpFrac(num, den, d)
	}
	return cmpDecimals(r.Num(), r.Den(), d)
}

// cmpDecimals compares num/den with d in decimal arithmetic; den ≠ 0.
func cmpDecimals(num, den, d decimal.Decimal) int {
	c := num.Cmp(d.Mul(den))
	if den.IsNegative() {
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
