package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// OperationKind names what a programme Operation did. The zero OperationKind is invalid.
type OperationKind string

// The programme operations.
const (
	OperationRecord  OperationKind = "record"  // Program.Record
	OperationCorrect OperationKind = "correct" // Program.Correct
)

// ErrUnknownOperationKind means an operation kind is not one of the constants.
var ErrUnknownOperationKind = fmt.Errorf("contingency: operation kind: %w", intervention.ErrUnknownValue)

// OperationKinds returns every OperationKind in a stable order.
func OperationKinds() []OperationKind { return []OperationKind{OperationRecord, OperationCorrect} }

// ParseOperationKind returns the OperationKind whose text form is s.
func ParseOperationKind(s string) (OperationKind, error) {
	return enum.Parse(OperationKind(s), OperationKind.Valid, ErrUnknownOperationKind)
}

// Valid reports whether k is one of the constants.
func (k OperationKind) Valid() bool { return enum.Valid(k, OperationKinds()) }

// String returns the text form of k.
func (k OperationKind) String() string { return string(k) }

// MarshalText encodes k; an invalid OperationKind is an error.
func (k OperationKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, OperationKind.Valid, ErrUnknownOperationKind)
}

// UnmarshalText decodes k with ParseOperationKind; on error *k is unchanged.
func (k *OperationKind) UnmarshalText(b []byte) error {
	return enum.Unmarshal(k, b, ParseOperationKind)
}
