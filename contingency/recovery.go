package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Recovery names the reading of the Higgins reset-recovery rule, "patients
// can regain the higher voucher values by providing five consecutive
// cocaine-negative specimens" (NIDA CRA manual). Which visit pays the regained
// value is [UNCERTAIN], so both readings are offered (reference:
// contingency.md §1 "Gaps and ambiguities"; V4-R1, V4-R2).
//
// In Escalating the empty Recovery means RecoveryR1, the default; elsewhere
// the zero Recovery is invalid.
type Recovery string

// The two readings of reset recovery after K consecutive post-reset earns.
const (
	// RecoveryR1: the K-th post-reset earn is still paid on the reset ladder;
	// the (K+1)-th resumes one step above the last level earned before the
	// reset (reference: V4-R1, $187.50 with Higgins' parameters).
	RecoveryR1 Recovery = "r1"
	// RecoveryR2: the K-th post-reset earn is itself paid at the resumed
	// level (reference: V4-R2, $197.50).
	RecoveryR2 Recovery = "r2"
)

// ErrUnknownRecovery means a recovery reading is not one of the constants.
var ErrUnknownRecovery = fmt.Errorf("contingency: recovery: %w", intervention.ErrUnknownValue)

// Recoveries returns every Recovery in a stable order.
func Recoveries() []Recovery { return []Recovery{RecoveryR1, RecoveryR2} }

// ParseRecovery returns the Recovery whose text form is s.
func ParseRecovery(s string) (Recovery, error) {
	return enum.Parse(Recovery(s), Recovery.Valid, ErrUnknownRecovery)
}

// Valid reports whether r is one of the constants.
func (r Recovery) Valid() bool { return enum.Valid(r, Recoveries()) }

// String returns the text form of r.
func (r Recovery) String() string { return string(r) }

// MarshalText encodes r; an invalid Recovery is an error.
func (r Recovery) MarshalText() ([]byte, error) {
	return enum.Marshal(r, Recovery.Valid, ErrUnknownRecovery)
}

// UnmarshalText decodes r with ParseRecovery; on error *r is unchanged.
func (r *Recovery) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseRecovery) }
