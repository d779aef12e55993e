package billing

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Payer is the kind of payer a claim goes to; it picks the SBIRT code set
// (reference: instruments.md §6.4). The zero Payer is invalid.
type Payer string

// The payer kinds.
const (
	PayerMedicare   Payer = "medicare"   // HCPCS G2011, G0396, G0397
	PayerMedicaid   Payer = "medicaid"   // CPT 99408, 99409 (state H-codes via Units)
	PayerCommercial Payer = "commercial" // CPT 99408, 99409
)

// ErrUnknownPayer means a payer's text is not one of the known payer kinds.
var ErrUnknownPayer = fmt.Errorf("billing: payer: %w", intervention.ErrUnknownValue)

// Payers returns the payer kinds in a stable order.
func Payers() []Payer { return []Payer{PayerMedicare, PayerMedicaid, PayerCommercial} }

// ParsePayer returns the payer kind named s ("medicare", "medicaid",
// "commercial").
func ParsePayer(s string) (Payer, error) {
	p := Payer(s)
	if !p.Valid() {
		return "", ErrUnknownPayer
	}
	return p, nil
}

// Valid reports whether p is a known payer kind.
func (p Payer) Valid() bool { return enum.Valid(p, Payers()) }

// String returns the text form of p.
func (p Payer) String() string { return string(p) }

// MarshalText encodes p; an invalid Payer is an error, so one is never stored.
func (p Payer) MarshalText() ([]byte, error) { return enum.Marshal(p, Payer.Valid, ErrUnknownPayer) }

// UnmarshalText decodes p with ParsePayer; on error *p is unchanged.
func (p *Payer) UnmarshalText(b []byte) error { return enum.Unmarshal(p, b, ParsePayer) }
