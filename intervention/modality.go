package intervention

import (
	"fmt"
	"strings"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Modality names the kind of psychosocial intervention a component delivers.
// The built-in modalities are the constants below; a host names its own with
// CustomModality ("x-" followed by lowercase letters, digits and hyphens).
// The zero Modality is invalid.
type Modality string

// The built-in modalities (DESIGN.md, package map).
const (
	ModalityMotivationalInterviewing Modality = "motivational-interviewing"
	ModalityBriefIntervention        Modality = "brief-intervention"
	ModalityCBT                      Modality = "cbt"
	ModalityFamilyTherapy            Modality = "family-therapy"
	ModalityContingencyManagement    Modality = "contingency-management"
	ModalityTwelveStepFacilitation   Modality = "twelve-step-facilitation"
)

// ErrUnknownModality means a modality is neither built in nor a valid custom name.
var ErrUnknownModality = fmt.Errorf("modality: %w", ErrUnknownValue)

// customPrefix starts every host-defined modality name.
const customPrefix = "x-"

// Modalities returns the built-in modalities in a stable order.
func Modalities() []Modality {
	return []Modality{
		ModalityMotivationalInterviewing, ModalityBriefIntervention, ModalityCBT,
		ModalityFamilyTherapy, ModalityContingencyManagement, ModalityTwelveStepFacilitation,
	}
}

// CustomModality returns the host-defined modality "x-"+name. The name must
// be 1–64 characters of lowercase ASCII letters, digits and hyphens.
func CustomModality(name string) (Modality, error) {
	return ParseModality(customPrefix + name)
}

// ParseModality returns the modality whose text form is s: a built-in one, or
// a custom one starting with "x-".
func ParseModality(s string) (Modality, error) {
	m := Modality(s)
	if !m.Valid() {
		return "", ErrUnknownModality
	}
	return m, nil
}

// Valid reports whether m is built in or a well-formed custom modality.
func (m Modality) Valid() bool {
	return enum.Valid(m, Modalities()) || m.IsCustom()
}

// IsCustom reports whether m is a well-formed host-defined modality.
func (m Modality) IsCustom() bool {
	name, ok := strings.CutPrefix(string(m), customPrefix)
	if !ok || name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// String returns the text form of m.
func (m Modality) String() string { return string(m) }

// MarshalText encodes m; an invalid modality is an error, so one is never stored.
func (m Modality) MarshalText() ([]byte, error) {
	return enum.Marshal(m, Modality.Valid, ErrUnknownModality)
}

// UnmarshalText decodes m with ParseModality; on error *m is unchanged.
func (m *Modality) UnmarshalText(b []byte) error { return enum.Unmarshal(m, b, ParseModality) }
