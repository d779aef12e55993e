package intervention

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Role is a participant's part in a session or plan. The zero Role is invalid.
type Role string

// The participant roles. "Concerned significant other" is CRAFT's term for the
// relative or friend who seeks help for the patient
// (reference: plans-and-interop.md §2).
const (
	RolePatient                   Role = "patient"
	RoleConcernedSignificantOther Role = "concerned-significant-other"
	RolePartner                   Role = "partner"
	RoleParent                    Role = "parent"
	RoleSibling                   Role = "sibling"
	RoleChild                     Role = "child"
	RoleOtherFamily               Role = "other-family"
	RoleClinician                 Role = "clinician"
	RolePeerSupporter             Role = "peer-supporter"
)

// ErrUnknownRole means a role is not one of the constants.
var ErrUnknownRole = fmt.Errorf("role: %w", ErrUnknownValue)

// Roles returns every Role in a stable order.
func Roles() []Role {
	return []Role{
		RolePatient, RoleConcernedSignificantOther, RolePartner, RoleParent, RoleSibling,
		RoleChild, RoleOtherFamily, RoleClinician, RolePeerSupporter,
	}
}

// ParseRole returns the Role whose text form is s.
func ParseRole(s string) (Role, error) {
	return enum.Parse(Role(s), Role.Valid, ErrUnknownRole)
}

// Valid reports whether r is one of the constants.
func (r Role) Valid() bool { return enum.Valid(r, Roles()) }

// IsFamily reports whether r is a relative or significant other: someone
// outside the treatment team who needs a Part 2 consent before plan content
// is disclosed to them (reference: plans-and-interop.md §5.5).
func (r Role) IsFamily() bool {
	switch r {
	case RoleConcernedSignificantOther, RolePartner, RoleParent, RoleSibling, RoleChild, RoleOtherFamily:
		return true
	case RolePatient, RoleClinician, RolePeerSupporter:
		return false
	}
	return false
}

// String returns the text form of r.
func (r Role) String() string { return string(r) }

// MarshalText encodes r; an invalid Role is an error.
func (r Role) MarshalText() ([]byte, error) { return enum.Marshal(r, Role.Valid, ErrUnknownRole) }

// UnmarshalText decodes r with ParseRole; on error *r is unchanged.
func (r *Role) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseRole) }
