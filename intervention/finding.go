package intervention

import (
	"fmt"
	"time"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Severity ranks a rule finding. The zero Severity is invalid.
type Severity string

// The severities, in increasing order (reference: plans-and-interop.md
// section (b), "severity suggestion").
const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// ErrUnknownSeverity means a severity is not one of the constants.
var ErrUnknownSeverity = fmt.Errorf("severity: %w", ErrUnknownValue)

// Severities returns every Severity from least to most severe.
func Severities() []Severity { return []Severity{SeverityInfo, SeverityWarning, SeverityError} }

// ParseSeverity returns the Severity whose text form is s.
func ParseSeverity(s string) (Severity, error) {
	return enum.Parse(Severity(s), Severity.Valid, ErrUnknownSeverity)
}

// Valid reports whether s is one of the constants.
func (s Severity) Valid() bool { return enum.Valid(s, Severities()) }

// Rank orders severities: info 1, warning 2, error 3; 0 for an invalid one.
func (s Severity) Rank() int {
	for i, x := range Severities() {
		if x == s {
			return i + 1
		}
	}
	return 0
}

// String returns the text form of s.
func (s Severity) String() string { return string(s) }

// MarshalText encodes s; an invalid Severity is an error.
func (s Severity) MarshalText() ([]byte, error) {
	return enum.Marshal(s, Severity.Valid, ErrUnknownSeverity)
}

// UnmarshalText decodes s with ParseSeverity; on error *s is unchanged.
func (s *Severity) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseSeverity) }

// Finding is one rule's verdict on a plan or a component: which rule, how
// severe, where (the JSON path of the element, "sessions[3]"), a fixed
// message, and the source the rule comes from. Messages are written by the
// rule, never built from patient data, so a Finding is safe to log.
type Finding struct {
	Rule     string   `json:"rule"` // e.g. "C-CBT-MATCH-1"
	Severity Severity `json:"severity"`
	Path     string   `json:"path,omitzero"`
	Message  string   `json:"message"`
	Source   string   `json:"source,omitzero"` // e.g. "plans-and-interop.md (b) 27"
}

// String returns "RULE severity path: message".
func (f Finding) String() string {
	s := f.Rule + " " + string(f.Severity)
	if f.Path != "" {
		s += " " + f.Path
	}
	return s + ": " + f.Message
}

// Checker is implemented by components that check their own protocol
// integrity (CBT fidelity, TSF session format, clean-time milestones): a
// plan's rules engine collects their findings with its own.
type Checker interface {
	Findings(asOf time.Time) []Finding
}
