package family

import (
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// DVRisk is the result of a domestic-violence risk screen of a concerned
// significant other. The zero DVRisk is invalid.
type DVRisk string

// The screen results. CRAFT takes domestic-violence precautions before it
// changes how the CSO acts toward the loved one (reference:
// plans-and-interop.md §2; rule C-FAMILY-1).
const (
	// DVRiskNotIdentified means the screen found no risk of violence.
	DVRiskNotIdentified DVRisk = "not-identified"
	// DVRiskIdentified means the screen found a risk; precautions (a safety
	// plan) must be recorded before behaviour-change procedures.
	DVRiskIdentified DVRisk = "identified"
)

// DVRisks returns every DVRisk in a stable order.
func DVRisks() []DVRisk { return []DVRisk{DVRiskNotIdentified, DVRiskIdentified} }

// ParseDVRisk returns the DVRisk whose text form is s, or ErrUnknownDVRisk.
func ParseDVRisk(s string) (DVRisk, error) {
	return enum.Parse(DVRisk(s), DVRisk.Valid, ErrUnknownDVRisk)
}

// Valid reports whether r is one of the DVRisks.
func (r DVRisk) Valid() bool { return enum.Valid(r, DVRisks()) }

// String returns the text form of r.
func (r DVRisk) String() string { return string(r) }

// MarshalText encodes r; an invalid DVRisk is an error.
func (r DVRisk) MarshalText() ([]byte, error) { return enum.Marshal(r, DVRisk.Valid, ErrUnknownDVRisk) }

// UnmarshalText decodes r with ParseDVRisk; on error *r is unchanged.
func (r *DVRisk) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseDVRisk) }

// DVScreen records the domestic-violence precautions taken with a family
// member: the risk screen and, when a risk was identified, whether a safety
// plan was made. CRAFT records them before any behaviour-change procedure
// (CRAFTProcedure.BehaviorChange) with that member (rule C-FAMILY-1;
// reference: plans-and-interop.md §2). It holds no notes.
type DVScreen struct {
	ID uuid.UUID `json:"id"`
	// Member is the screened family member (usually the CSO).
	Member uuid.UUID         `json:"member"`
	On     intervention.Date `json:"on"`
	Risk   DVRisk            `json:"risk"`
	// SafetyPlan reports that a safety plan was made; expected whenever
	// Risk is DVRiskIdentified (a C-FAMILY-1 finding otherwise).
	SafetyPlan bool `json:"safetyPlan"`
	// Clinician is the host's opaque ID of the clinician who screened.
	Clinician uuid.UUID `json:"clinician"`
}

// Validate reports every problem with d, each under its JSON path.
func (d DVScreen) Validate() error {
	var errs []error
	if d.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if d.Member == uuid.Nil {
		errs = append(errs, field("member", intervention.ErrMissing))
	}
	if d.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if !d.Risk.Valid() {
		errs = append(errs, field("risk", ErrUnknownDVRisk))
	}
	if d.Clinician == uuid.Nil {
		errs = append(errs, field("clinician", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// InvitationOutcome is how the identified patient answered an invitation
// to enter treatment. The zero InvitationOutcome is invalid.
type InvitationOutcome string

// The invitation outcomes (reference: plans-and-interop.md §2, "invitation
// attempts & outcome").
const (
	// InvitationAccepted means the identified patient agreed to enter
	// treatment; record the day they did with Therapy.RecordTreatmentEntry.
	InvitationAccepted InvitationOutcome = "accepted"
	// InvitationDeclined means the identified patient refused.
	InvitationDeclined InvitationOutcome = "declined"
	// InvitationUndecided means no answer yet, or a "maybe".
	InvitationUndecided InvitationOutcome = "undecided"
)

// InvitationOutcomes returns every InvitationOutcome in a stable order.
func InvitationOutcomes() []InvitationOutcome {
	return []InvitationOutcome{InvitationAccepted, InvitationDeclined, InvitationUndecided}
}

// ParseInvitationOutcome returns the InvitationOutcome whose text form is s,
// or ErrUnknownInvitationOutcome.
func ParseInvitationOutcome(s string) (InvitationOutcome, error) {
	return enum.Parse(InvitationOutcome(s), InvitationOutcome.Valid, ErrUnknownInvitationOutcome)
}

// Valid reports whether o is one of the InvitationOutcomes.
func (o InvitationOutcome) Valid() bool { return enum.Valid(o, InvitationOutcomes()) }

// String returns the text form of o.
func (o InvitationOutcome) String() string { return string(o) }

// MarshalText encodes o; an invalid outcome is an error.
func (o InvitationOutcome) MarshalText() ([]byte, error) {
	return enum.Marshal(o, InvitationOutcome.Valid, ErrUnknownInvitationOutcome)
}

// UnmarshalText decodes o with ParseInvitationOutcome; on error *o is unchanged.
func (o *InvitationOutcome) UnmarshalText(b []byte) error {
	return enum.Unmarshal(o, b, ParseInvitationOutcome)
}

// Invitation is one CRAFT attempt by a family member to invite the
// identified patient into treatment, and its outcome (reference:
// plans-and-interop.md §2; rule C-FAMILY-1 "track IP treatment-entry
// invitations/outcome").
type Invitation struct {
	ID uuid.UUID `json:"id"`
	// By is the member who made the invitation.
	By      uuid.UUID         `json:"by"`
	On      intervention.Date `json:"on"`
	Outcome InvitationOutcome `json:"outcome"`
}

// Validate reports every problem with i, each under its JSON path.
func (i Invitation) Validate() error {
	var errs []error
	if i.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if i.By == uuid.Nil {
		errs = append(errs, field("by", intervention.ErrMissing))
	}
	if i.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if !i.Outcome.Valid() {
		errs = append(errs, field("outcome", ErrUnknownInvitationOutcome))
	}
	return errors.Join(errs...)
}
