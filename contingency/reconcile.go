package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Reconcile says how a late or corrected result changes the ledger. The
// corrected-result rule is a design choice, not a sourced one
// (reference: contingency.md §7 and vector C1).
type Reconcile string

// The reconciliation policies.
const (
	// FullRecompute re-prices every visit from the changed one on and posts
	// linked reversals and new awards wherever a payout changed (reference:
	// C1, net −$26.25 on NNNNNN corrected to NNPNNN). It is the default; the
	// empty Reconcile means FullRecompute.
	FullRecompute Reconcile = "full-recompute"
	// ReverseOnly re-prices only the visit whose result arrived or changed;
	// later payouts stand (reference: C1, balance $38.75). Future visits are
	// still priced from the true sequence of results.
	ReverseOnly Reconcile = "reverse-only"
)

// ErrUnknownReconcile means a reconcile policy is not one of the constants.
var ErrUnknownReconcile = fmt.Errorf("contingency: reconcile: %w", intervention.ErrUnknownValue)

// Reconciles returns every Reconcile in a stable order.
func Reconciles() []Reconcile { return []Reconcile{FullRecompute, ReverseOnly} }

// ParseReconcile returns the Reconcile whose text form is s.
func ParseReconcile(s string) (Reconcile, error) {
	return enum.Parse(Reconcile(s), Reconcile.Valid, ErrUnknownReconcile)
}

// Valid reports whether r is one of the constants.
func (r Reconcile) Valid() bool { return enum.Valid(r, Reconciles()) }

// String returns the text form of r.
func (r Reconcile) String() string { return string(r) }

// MarshalText encodes r; an invalid Reconcile is an error.
func (r Reconcile) MarshalText() ([]byte, error) {
	return enum.Marshal(r, Reconcile.Valid, ErrUnknownReconcile)
}

// UnmarshalText decodes r with ParseReconcile; on error *r is unchanged.
func (r *Reconcile) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseReconcile) }
