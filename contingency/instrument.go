package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Instrument is the form in which a reward reaches the participant. Each
// cap applies to, or forbids, a different set of instruments, so every
// ledger entry records one (reference: contingency.md §4, OIG FAQ of
// 22 March 2023 on cash and cash equivalents). The zero Instrument is
// invalid.
type Instrument string

// The reward instruments (reference: contingency.md §4).
const (
	// InstrumentCash is currency, including person-to-person transfers
	// (Venmo, CashApp, PayPal, Zelle).
	InstrumentCash Instrument = "cash"
	// InstrumentCashEquivalent is a check, a general-purpose prepaid
	// Visa/Mastercard card or an unrestricted big-box store gift card.
	InstrumentCashEquivalent Instrument = "cash-equivalent"
	// InstrumentInKindCard is a gift card limited to a category (gas, food
	// delivery, a big-box card restricted to fresh food).
	InstrumentInKindCard Instrument = "in-kind-card"
	// InstrumentItem is a physical item (a prize-cabinet item, a voucher
	// purchase made by staff).
	InstrumentItem Instrument = "item"
	// InstrumentPrivilege is a non-monetary privilege such as a take-home
	// methadone or buprenorphine dose (reference: contingency.md §7,
	// "Medication targets").
	InstrumentPrivilege Instrument = "privilege"
)

// ErrUnknownInstrument means an instrument is not one of the constants.
var ErrUnknownInstrument = fmt.Errorf("contingency: instrument: %w", intervention.ErrUnknownValue)

// Instruments returns every Instrument in a stable order.
func Instruments() []Instrument {
	return []Instrument{
		InstrumentCash, InstrumentCashEquivalent, InstrumentInKindCard, InstrumentItem, InstrumentPrivilege,
	}
}

// ParseInstrument returns the Instrument whose text form is s.
func ParseInstrument(s string) (Instrument, error) {
	return enum.Parse(Instrument(s), Instrument.Valid, ErrUnknownInstrument)
}

// Valid reports whether i is one of the constants.
func (i Instrument) Valid() bool { return enum.Valid(i, Instruments()) }

// String returns the text form of i.
func (i Instrument) String() string { return string(i) }

// MarshalText encodes i; an invalid Instrument is an error, so one is never stored.
func (i Instrument) MarshalText() ([]byte, error) {
	return enum.Marshal(i, Instrument.Valid, ErrUnknownInstrument)
}

// UnmarshalText decodes i with ParseInstrument; on error *i is unchanged.
func (i *Instrument) UnmarshalText(b []byte) error { return enum.Unmarshal(i, b, ParseInstrument) }
