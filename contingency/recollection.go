package contingency

import (
	"cmp"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// RecollectionPolicy decides which result stands when a scheduled visit has
// more than one: a recollection after a dilute or invalid specimen, a
// duplicate test. Whatever the policy, the visit is priced once.
//
// Under DOT collection rules a negative-dilute specimen with low creatinine
// is recollected at once under direct observation and the new specimen is
// the one that counts (reference: contingency.md §7, "Dilute, substituted
// and adulterated specimens"); CM protocols found do not say more, so the
// choice is a parameter.
type RecollectionPolicy string

// The recollection policies.
const (
	// RecollectLatest lets the latest collected result stand (ties: the
	// greater specimen ID), as the DOT recollection rule does. It is the
	// default; the empty RecollectionPolicy means RecollectLatest.
	RecollectLatest RecollectionPolicy = "latest"
	// RecollectWorst lets the worst reading stand: a reset over a hold over
	// an earning result (an earning result that misses the secondary target
	// is worse than one that meets it); ties go to the latest collected. A
	// programme that fears recollection being used to wash out a positive
	// chooses it.
	RecollectWorst RecollectionPolicy = "worst"
)

// ErrUnknownRecollectionPolicy means a recollection policy is not one of the
// constants.
var ErrUnknownRecollectionPolicy = fmt.Errorf("contingency: recollection policy: %w", intervention.ErrUnknownValue)

// RecollectionPolicies returns every RecollectionPolicy in a stable order.
func RecollectionPolicies() []RecollectionPolicy {
	return []RecollectionPolicy{RecollectLatest, RecollectWorst}
}

// ParseRecollectionPolicy returns the RecollectionPolicy whose text form is s.
func ParseRecollectionPolicy(s string) (RecollectionPolicy, error) {
	return enum.Parse(RecollectionPolicy(s), RecollectionPolicy.Valid, ErrUnknownRecollectionPolicy)
}

// Valid reports whether r is one of the constants.
func (r RecollectionPolicy) Valid() bool { return enum.Valid(r, RecollectionPolicies()) }

// String returns the text form of r.
func (r RecollectionPolicy) String() string { return string(r) }

// MarshalText encodes r; an invalid RecollectionPolicy is an error.
func (r RecollectionPolicy) MarshalText() ([]byte, error) {
	return enum.Marshal(r, RecollectionPolicy.Valid, ErrUnknownRecollectionPolicy)
}

// UnmarshalText decodes r with ParseRecollectionPolicy; on error *r is
// unchanged.
func (r *RecollectionPolicy) UnmarshalText(b []byte) error {
	return enum.Unmarshal(r, b, ParseRecollectionPolicy)
}

// standing returns the index of the result that stands among rs (not empty).
func (r RecollectionPolicy) standing(rs []placed) int {
	best := 0
	for i := 1; i < len(rs); i++ {
		c := 0
		if r == RecollectWorst {
			c = cmp.Compare(severity(rs[i].class), severity(rs[best].class))
		}
		if c == 0 {
			c = cmp.Or(rs[i].result.CollectedAt.Compare(rs[best].result.CollectedAt),
				cmp.Compare(rs[i].result.SpecimenID, rs[best].result.SpecimenID))
		}
		if c > 0 {
			best = i
		}
	}
	return best
}

// severity orders classifications from best to worst for RecollectWorst.
func severity(c Classification) int {
	switch c.Outcome {
	case OutcomeReset:
		return 3
	case OutcomeHold:
		return 2
	case OutcomeEarn:
		if c.SecondaryMet {
			return 0
		}
	}
	return 1
}
