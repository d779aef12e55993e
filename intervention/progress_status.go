package intervention

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// ProgressStatus is where a component stands. The zero ProgressStatus is invalid.
type ProgressStatus string

// The progress statuses.
const (
	StatusNotStarted   ProgressStatus = "not-started"
	StatusActive       ProgressStatus = "active"
	StatusCompleted    ProgressStatus = "completed"
	StatusDiscontinued ProgressStatus = "discontinued"
)

// ErrUnknownProgressStatus means a progress status is not one of the constants.
var ErrUnknownProgressStatus = fmt.Errorf("progress status: %w", ErrUnknownValue)

// ProgressStatuses returns every ProgressStatus in a stable order.
func ProgressStatuses() []ProgressStatus {
	return []ProgressStatus{StatusNotStarted, StatusActive, StatusCompleted, StatusDiscontinued}
}

// ParseProgressStatus returns the ProgressStatus whose text form is s.
func ParseProgressStatus(s string) (ProgressStatus, error) {
	return enum.Parse(ProgressStatus(s), ProgressStatus.Valid, ErrUnknownProgressStatus)
}

// Valid reports whether p is one of the constants.
func (p ProgressStatus) Valid() bool { return enum.Valid(p, ProgressStatuses()) }

// String returns the text form of p.
func (p ProgressStatus) String() string { return string(p) }

// MarshalText encodes p; an invalid ProgressStatus is an error.
func (p ProgressStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(p, ProgressStatus.Valid, ErrUnknownProgressStatus)
}

// UnmarshalText decodes p with ParseProgressStatus; on error *p is unchanged.
func (p *ProgressStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(p, b, ParseProgressStatus)
}
