package contingency

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// TargetKind names what a programme reinforces. The zero TargetKind is
// invalid.
type TargetKind string

// The target kinds (reference: contingency.md §7 "Attendance targets",
// "Medication targets"; §9 item 3).
const (
	// TargetAbstinence reinforces specimens negative for the target substances.
	TargetAbstinence TargetKind = "abstinence"
	// TargetAttendance reinforces attending (on time) a counselling session or group.
	TargetAttendance TargetKind = "attendance"
	// TargetMedicationAdherence reinforces taking a medication (an observed
	// dose, a take-home dose verified later).
	TargetMedicationAdherence TargetKind = "medication-adherence"
	// TargetCustom reinforces a host-defined goal activity.
	TargetCustom TargetKind = "custom"
)

// ErrUnknownTargetKind means a target kind is not one of the constants.
var ErrUnknownTargetKind = fmt.Errorf("contingency: target kind: %w", intervention.ErrUnknownValue)

// TargetKinds returns every TargetKind in a stable order.
func TargetKinds() []TargetKind {
	return []TargetKind{TargetAbstinence, TargetAttendance, TargetMedicationAdherence, TargetCustom}
}

// ParseTargetKind returns the TargetKind whose text form is s.
func ParseTargetKind(s string) (TargetKind, error) {
	return enum.Parse(TargetKind(s), TargetKind.Valid, ErrUnknownTargetKind)
}

// Valid reports whether k is one of the constants.
func (k TargetKind) Valid() bool { return enum.Valid(k, TargetKinds()) }

// String returns the text form of k.
func (k TargetKind) String() string { return string(k) }

// MarshalText encodes k; an invalid TargetKind is an error.
func (k TargetKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, TargetKind.Valid, ErrUnknownTargetKind)
}

// UnmarshalText decodes k with ParseTargetKind; on error *k is unchanged.
func (k *TargetKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseTargetKind) }

// Verification names how a target is checked. The zero Verification is
// invalid.
type Verification string

// The verification methods (reference: contingency.md §7 "Breath, urine and
// saliva"; §9 item 3).
const (
	VerificationUrine            Verification = "urine"
	VerificationSaliva           Verification = "saliva"
	VerificationBreath           Verification = "breath"
	VerificationAttendanceRecord Verification = "attendance-record"
)

// ErrUnknownVerification means a verification is not one of the constants.
var ErrUnknownVerification = fmt.Errorf("contingency: verification: %w", intervention.ErrUnknownValue)

// Verifications returns every Verification in a stable order.
func Verifications() []Verification {
	return []Verification{VerificationUrine, VerificationSaliva, VerificationBreath, VerificationAttendanceRecord}
}

// ParseVerification returns the Verification whose text form is s.
func ParseVerification(s string) (Verification, error) {
	return enum.Parse(Verification(s), Verification.Valid, ErrUnknownVerification)
}

// Valid reports whether v is one of the constants.
func (v Verification) Valid() bool { return enum.Valid(v, Verifications()) }

// IsSpecimen reports whether v tests a specimen (urine, saliva or breath)
// rather than a record.
func (v Verification) IsSpecimen() bool {
	switch v {
	case VerificationUrine, VerificationSaliva, VerificationBreath:
		return true
	case VerificationAttendanceRecord:
		return false
	}
	return false
}

// String returns the text form of v.
func (v Verification) String() string { return string(v) }

// MarshalText encodes v; an invalid Verification is an error.
func (v Verification) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Verification.Valid, ErrUnknownVerification)
}

// UnmarshalText decodes v with ParseVerification; on error *v is unchanged.
func (v *Verification) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseVerification)
}

// Target is what a programme reinforces and how it checks it.
//
// An abstinence target names its Primary substances, which decide whether a
// visit earns, and optionally Secondary substances, which only add a bonus
// when they are also negative (CTN-0007: stimulants and alcohol primary,
// opioids secondary worth +2 draws; reference: contingency.md §2, §7
// "Multiple target substances"). Substances outside both lists never matter
// (RIP-3). A programme that needs several substances all negative (Katz 2002:
// opiates and cocaine) lists them all as Primary.
//
// A programme pairing urine with breath alcohol (Roll 2006, CTN-0007) names
// urine as its Verification and reports the breath reading as an alcohol
// Reading of the same Result.
//
// The zero Target is invalid.
type Target struct {
	Kind TargetKind `json:"kind"`
	// Primary lists the substances that must all be negative to earn.
	// Required for abstinence targets; empty for every other kind.
	Primary []Substance `json:"primary,omitzero"`
	// Secondary lists the substances whose negatives earn a bonus
	// (Step.SecondaryMet). Optional; abstinence targets only.
	Secondary    []Substance  `json:"secondary,omitzero"`
	Verification Verification `json:"verification"`
}

// Validate reports every problem with t. It never modifies t.
//
// Rules: Kind and Verification are valid; an abstinence target has at least
// one Primary substance and a specimen verification (urine, saliva, breath);
// an attendance target is verified by attendance record; only abstinence
// targets name substances; every substance is valid and appears once across
// Primary and Secondary.
func (t Target) Validate() error {
	var errs []error
	if !t.Kind.Valid() {
		errs = append(errs, intervention.Field("kind", ErrUnknownTargetKind))
	}
	if !t.Verification.Valid() {
		errs = append(errs, intervention.Field("verification", ErrUnknownVerification))
	}
	seen := make(map[Substance]bool, len(t.Primary)+len(t.Secondary))
	check := func(path string, list []Substance) {
		for i, s := range list {
			switch {
			case !s.Valid():
				errs = append(errs, intervention.Field(intervention.Index(path, i), ErrUnknownSubstance))
			case seen[s]:
				errs = append(errs, intervention.Field(intervention.Index(path, i), intervention.ErrDuplicate))
			}
			seen[s] = true
		}
	}
	check("primary", t.Primary)
	check("secondary", t.Secondary)

	switch t.Kind {
	case TargetAbstinence:
		if len(t.Primary) == 0 {
			errs = append(errs, intervention.Field("primary", intervention.ErrMissing))
		}
		if t.Verification.Valid() && !t.Verification.IsSpecimen() {
			errs = append(errs, intervention.Field("verification", intervention.ErrInconsistent))
		}
	case TargetAttendance, TargetMedicationAdherence, TargetCustom:
		if len(t.Primary) > 0 {
			errs = append(errs, intervention.Field("primary", intervention.ErrInconsistent))
		}
		if len(t.Secondary) > 0 {
			errs = append(errs, intervention.Field("secondary", intervention.ErrInconsistent))
		}
		if t.Kind == TargetAttendance && t.Verification.Valid() && t.Verification != VerificationAttendanceRecord {
			errs = append(errs, intervention.Field("verification", intervention.ErrInconsistent))
		}
	}
	return errors.Join(errs...)
}
