package intervention

import (
	"errors"

	"github.com/google/uuid"
)

// Participant is a person taking part in treatment, identified only by the
// host's opaque ID and a Role. The library never stores names, birth dates or
// addresses (42 CFR Part 2; DESIGN.md, "Privacy by construction").
type Participant struct {
	ID   uuid.UUID `json:"id"`
	Role Role      `json:"role"`
}

// Validate reports every problem with p.
func (p Participant) Validate() error {
	var errs []error
	if p.ID == uuid.Nil {
		errs = append(errs, Expect("id", ErrMissing, WantID))
	}
	if !p.Role.Valid() {
		errs = append(errs, Field("role", ErrUnknownRole))
	}
	return errors.Join(errs...)
}
