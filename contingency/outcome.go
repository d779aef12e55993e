package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Outcome is what one visit does to the reward run. The zero Outcome is invalid.
type Outcome string

// The outcomes a Policy maps each result status to
// (reference: contingency.md §7, "Each programme must map each status to earn / reset / hold").
const (
	OutcomeEarn  Outcome = "earn"  // target met: earns the next reward and extends the run
	OutcomeReset Outcome = "reset" // target not met: earns nothing and restarts the run
	OutcomeHold  Outcome = "hold"  // neither: the visit is skipped and the run is kept (reference: E1)
)

// ErrUnknownOutcome means an outcome is not one of the constants.
var ErrUnknownOutcome = fmt.Errorf("contingency: outcome: %w", intervention.ErrUnknownValue)

// Outcomes returns every Outcome in a stable order.
func Outcomes() []Outcome { return []Outcome{OutcomeEarn, OutcomeReset, OutcomeHold} }

// ParseOutcome returns the Outcome whose text form is s.
func ParseOutcome(s string) (Outcome, error) {
	return enum.Parse(Outcome(s), Outcome.Valid, ErrUnknownOutcome)
}

// Valid reports whether o is one of the constants.
func (o Outcome) Valid() bool { return enum.Valid(o, Outcomes()) }

// String returns the text form of o.
func (o Outcome) String() string { return string(o) }

// MarshalText encodes o; an invalid Outcome is an error.
func (o Outcome) MarshalText() ([]byte, error) {
	return enum.Marshal(o, Outcome.Valid, ErrUnknownOutcome)
}

// UnmarshalText decodes o with ParseOutcome; on error *o is unchanged.
func (o *Outcome) UnmarshalText(b []byte) error { return enum.Unmarshal(o, b, ParseOutcome) }
