package intervention

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Purpose is why information may be used or disclosed under a 42 CFR Part 2
// consent (§2.31(a)(5); reference: plans-and-interop.md §5.5). A consent has
// exactly one Purpose, so a consent for legal proceedings can never be
// combined with any other purpose, as the 2024 Final Rule requires.
//
// The same type names the purpose of a requested disclosure in
// Consent.Permits. PurposeTPO is the single treatment, payment and health
// care operations consent of the 2024 Final Rule; it permits disclosures for
// PurposeTreatment, PurposePayment and PurposeHealthCareOperations as well as
// for PurposeTPO itself. Every other purpose permits only itself.
//
// The zero Purpose is invalid.
type Purpose string

// The purposes a consent may name (reference: plans-and-interop.md §5.5).
const (
	// PurposeTPO is the single consent for all future uses and disclosures
	// for treatment, payment and health care operations (2024 Final Rule).
	PurposeTPO Purpose = "treatment-payment-operations"
	// PurposeTreatment is treatment only.
	PurposeTreatment Purpose = "treatment"
	// PurposePayment is payment only.
	PurposePayment Purpose = "payment"
	// PurposeHealthCareOperations is health care operations only.
	PurposeHealthCareOperations Purpose = "health-care-operations"
	// PurposePatientRequest is "at the request of the patient" (§2.31(a)(5)).
	PurposePatientRequest Purpose = "patient-request"
	// PurposeFamilyInvolvement is sharing with family members or designated
	// supports so that they can take part in treatment (a non-TPO
	// disclosure that needs a specific consent).
	PurposeFamilyInvolvement Purpose = "family-involvement"
	// PurposeLegalProceedings is use in civil, criminal, administrative or
	// legislative proceedings; such a consent cannot be combined with any
	// other purpose (2024 Final Rule).
	PurposeLegalProceedings Purpose = "legal-proceedings"
	// PurposeEmployment is disclosure to an employer.
	PurposeEmployment Purpose = "employment"
	// PurposeResearch is disclosure for research.
	PurposeResearch Purpose = "research"
	// PurposeOther is any other specific purpose the host records elsewhere.
	PurposeOther Purpose = "other"
)

// ErrUnknownPurpose means a purpose is not one of the Purposes.
var ErrUnknownPurpose = fmt.Errorf("purpose: %w", ErrUnknownValue)

// Purposes returns every Purpose in a stable order.
func Purposes() []Purpose {
	return []Purpose{
		PurposeTPO, PurposeTreatment, PurposePayment, PurposeHealthCareOperations,
		PurposePatientRequest, PurposeFamilyInvolvement, PurposeLegalProceedings,
		PurposeEmployment, PurposeResearch, PurposeOther,
	}
}

// ParsePurpose returns the Purpose whose text form is s, or
// ErrUnknownPurpose.
func ParsePurpose(s string) (Purpose, error) {
	p := Purpose(s)
	if !p.Valid() {
		return "", ErrUnknownPurpose
	}
	return p, nil
}

// Valid reports whether p is one of the Purposes.
func (p Purpose) Valid() bool { return enum.Valid(p, Purposes()) }

// IsTPO reports whether p is treatment, payment or health care operations
// (singly or as the single TPO consent). Only these purposes may have the
// expiry "none", and a consent for them may name only the TPO recipient
// classes (reference: plans-and-interop.md §5.5, §2.31(a)).
func (p Purpose) IsTPO() bool {
	switch p {
	case PurposeTPO, PurposeTreatment, PurposePayment, PurposeHealthCareOperations:
		return true
	case PurposePatientRequest, PurposeFamilyInvolvement, PurposeLegalProceedings,
		PurposeEmployment, PurposeResearch, PurposeOther:
		return false
	}
	return false
}

// permits reports whether a consent for p covers a disclosure for purpose q:
// the single TPO consent covers each of treatment, payment and operations;
// every other purpose covers only itself.
func (p Purpose) permits(q Purpose) bool {
	if p == PurposeTPO {
		return q.IsTPO()
	}
	return p == q
}

// String returns the text form of p.
func (p Purpose) String() string { return string(p) }

// MarshalText encodes p; an invalid Purpose is an error, so one is never stored.
func (p Purpose) MarshalText() ([]byte, error) {
	return enum.Marshal(p, Purpose.Valid, ErrUnknownPurpose)
}

// UnmarshalText decodes p with ParsePurpose; on error *p is unchanged.
func (p *Purpose) UnmarshalText(b []byte) error { return enum.Unmarshal(p, b, ParsePurpose) }

// RequiresRedisclosureNotice reports whether a disclosure for purpose p must
// carry the 42 CFR §2.32 notice prohibiting redisclosure. Under the 2024
// Final Rule every disclosure made with the patient's Part 2 consent must be
// accompanied by the notice, so this is true for every valid Purpose and
// false only for an invalid one (reference: plans-and-interop.md §5.5).
func RequiresRedisclosureNotice(p Purpose) bool { return p.Valid() }
