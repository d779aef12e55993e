package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// RefusalScope says what a refusing cap (CapRefuse) refuses when a visit's
// award does not fit in the cap's window (PerWindow): the visit's award as a
// whole, or each line on its own. It matters when a visit pays a voucher and
// a bonus: under SAMHSA's $750 cap the 33rd Higgins voucher ($42.50) no
// longer fits, but its $10.00 bonus would. A per-item limit (PerItem) always
// judges each item on its own — a line, or with BonusSameItem the visit's
// voucher and bonus together (reference: CAP-OIG-item).
//
// The reference pins only the 31st visit under "all-or-nothing" ($0.00;
// reference: CAP-SAMHSA) and no programme document found says whether a
// bonus survives its refused voucher, so this is a design choice with a
// default. RefuseVisit, the default, reads "all-or-nothing" as applying to
// the visit's award: 36 Higgins negatives under SAMHSA's cap pay $718.75.
// RefuseLine treats the voucher and its bonus as separate awards, as each is
// a separate ledger line: the same 36 negatives pay $738.75. The built-in
// caps (OIGNominal, SAMHSA2025, RIPCap) trim by default and leave the scope
// at its default when switched to refuse.
type RefusalScope string

// The refusal scopes.
const (
	// RefuseVisit refuses every award line of the visit in the posting when
	// the visit's award as a whole does not fit. The empty RefusalScope
	// means RefuseVisit. Lines without a Visit are refused one by one.
	RefuseVisit RefusalScope = "visit"
	// RefuseLine refuses each line that does not fit on its own; a bonus
	// that fits is paid although its voucher was refused.
	RefuseLine RefusalScope = "line"
)

// ErrUnknownRefusalScope means a refusal scope is not one of the constants.
var ErrUnknownRefusalScope = fmt.Errorf("contingency: refusal scope: %w", intervention.ErrUnknownValue)

// RefusalScopes returns every RefusalScope in a stable order.
func RefusalScopes() []RefusalScope { return []RefusalScope{RefuseVisit, RefuseLine} }

// ParseRefusalScope returns the RefusalScope whose text form is s.
func ParseRefusalScope(s string) (RefusalScope, error) {
	return enum.Parse(RefusalScope(s), RefusalScope.Valid, ErrUnknownRefusalScope)
}

// Valid reports whether r is one of the constants.
func (r RefusalScope) Valid() bool { return enum.Valid(r, RefusalScopes()) }

// String returns the text form of r.
func (r RefusalScope) String() string { return string(r) }

// MarshalText encodes r; an invalid RefusalScope is an error.
func (r RefusalScope) MarshalText() ([]byte, error) {
	return enum.Marshal(r, RefusalScope.Valid, ErrUnknownRefusalScope)
}

// UnmarshalText decodes r with ParseRefusalScope; on error *r is unchanged.
func (r *RefusalScope) UnmarshalText(b []byte) error {
	return enum.Unmarshal(r, b, ParseRefusalScope)
}
