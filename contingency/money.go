package contingency

import (
	"fmt"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// ErrBadMoney means a money amount is not a decimal number of dollars with at
// most two decimal places.
var ErrBadMoney = fmt.Errorf("contingency: money must be dollars with at most 2 decimal places: %w", intervention.ErrInvalid)

// Money is an amount in US dollars held exactly as a decimal.Decimal. Its
// text and JSON forms are always written with two decimal places ("12.50"),
// whatever the host did to shopspring/decimal's package settings, so that the
// wire form and the ledger's hash chain never change under the host's feet.
//
// Amounts are rounded to cents half away from zero (decimal.Round(2)) where
// arithmetic produces more places; the zero Money is $0.00.
type Money struct{ decimal.Decimal }

// Dollars returns Money for d rounded to cents.
func Dollars(d decimal.Decimal) Money { return Money{d.Round(2)} }

// Cents returns Money for n cents.
func Cents(n int64) Money {
	if n >= 0 && n <= maxSharedCents {
		return sharedCents()[n]
	}
	return Money{decimal.New(n, -2)}
}

// maxSharedCents is the largest amount, in cents, that Cents hands out from
// a shared table instead of allocating: $100.00 covers every voucher, bonus
// and prize of the built-in schedules.
const maxSharedCents = 10_000

// sharedCents is the table of Money for 0 to maxSharedCents cents, built once
// on first use. A decimal never changes its value (its arithmetic returns
// new ones), so sharing them is safe.
var sharedCents = sync.OnceValue(func() []Money {
	t := make([]Money, maxSharedCents+1)
	for i := range t {
		t[i] = Money{decimal.New(int64(i), -2)}
	}
	return t
})

// ParseMoney parses "12.50", "12.5" or "12"; more than two decimal places is
// an error rather than a silent rounding.
func ParseMoney(s string) (Money, error) {
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() < -2 && !d.Equal(d.Round(2)) {
		return Money{}, ErrBadMoney
	}
	return Money{d.Round(2)}, nil
}

// String returns m with two decimal places, e.g. "997.50".
func (m Money) String() string { return m.StringFixed(2) }

// Format makes every fmt verb print m as String does ("12.50"), rather than
// the embedded decimal's own form ("12.5"); width and flags are honoured
// (%8s, %-8v), and %q quotes it.
func (m Money) Format(f fmt.State, verb rune) {
	if verb != 'q' {
		verb = 's'
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), m.String())
}

// Add returns m + o.
func (m Money) Add(o Money) Money { return Money{m.Decimal.Add(o.Decimal)} }

// Sub returns m − o.
func (m Money) Sub(o Money) Money { return Money{m.Decimal.Sub(o.Decimal)} }

// Neg returns −m.
func (m Money) Neg() Money { return Money{m.Decimal.Neg()} }

// Equal reports whether m and o are the same amount (1.5 equals 1.50).
func (m Money) Equal(o Money) bool { return m.Decimal.Equal(o.Decimal) }

// MarshalText encodes m as "12.50".
func (m Money) MarshalText() ([]byte, error) { return []byte(m.StringFixed(2)), nil }

// UnmarshalText decodes m with ParseMoney; on error *m is unchanged.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON encodes m as a JSON string "12.50".
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.StringFixed(2) + `"`), nil }

// UnmarshalJSON decodes a JSON string "12.50"; numbers are refused so that no
// float ever carries money. On error *m is unchanged.
func (m *Money) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return ErrBadMoney
	}
	return m.UnmarshalText(b[1 : len(b)-1])
}
