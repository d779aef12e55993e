package contingency

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ScheduleKind names a schedule type. The zero ScheduleKind is invalid.
type ScheduleKind string

// The built-in schedule kinds.
const (
	ScheduleEscalating ScheduleKind = "escalating"
	SchedulePrizeBowl  ScheduleKind = "prize-bowl"
	ScheduleTable      ScheduleKind = "table"
)

// ErrUnknownScheduleKind means a schedule kind is not one of the constants.
var ErrUnknownScheduleKind = fmt.Errorf("contingency: schedule kind: %w", intervention.ErrUnknownValue)

// ScheduleKinds returns every ScheduleKind in a stable order.
func ScheduleKinds() []ScheduleKind {
	return []ScheduleKind{ScheduleEscalating, SchedulePrizeBowl, ScheduleTable}
}

// ParseScheduleKind returns the ScheduleKind whose text form is s.
func ParseScheduleKind(s string) (ScheduleKind, error) {
	return enum.Parse(ScheduleKind(s), ScheduleKind.Valid, ErrUnknownScheduleKind)
}

// Valid reports whether k is one of the constants.
func (k ScheduleKind) Valid() bool { return enum.Valid(k, ScheduleKinds()) }

// String returns the text form of k.
func (k ScheduleKind) String() string { return string(k) }

// MarshalText encodes k; an invalid ScheduleKind is an error.
func (k ScheduleKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, ScheduleKind.Valid, ErrUnknownScheduleKind)
}

// UnmarshalText decodes k with ParseScheduleKind; on error *k is unchanged.
func (k *ScheduleKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseScheduleKind) }
