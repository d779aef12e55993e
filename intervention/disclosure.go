package intervention

import (
	"fmt"
	"slices"

	"github.com/google/uuid"
)

// FamilySessionInformation is the information category a session with a
// family member or other significant other present discloses to them: the
// treatment plan. Whatever the model (CRAFT, BCT, BSFT, MDFT, FFT, a TSF
// conjoint session), taking part tells the relative that the patient is in
// SUD treatment and what that treatment involves and aims at — the goals
// worked on, the recovery contract, the procedures practised — which is
// plan content; the reference puts the family-session gate at exactly this
// point: consent is needed "before any plan content is shared with them"
// (reference: plans-and-interop.md §5.5, "Library implication"; §2.31(a)(3)
// "how much and what kind of information"). So a family session needs a
// consent whose scope covers InfoTreatmentPlan (named, or through
// InfoAllSUDRecords).
//
// It is not InfoSUDCounselingNotes: counselling notes are the clinician's
// separate notes analysing a session's conversation, which holding a
// session does not disclose, and they need a consent of their own that
// covers nothing else — so a counselling-notes-only consent never permits
// a family session. Nor is it InfoCMRewards. Attendance records, progress
// measures, test results and the like are further categories a host states
// when it shares them (family.Therapy.CanDisclose).
const FamilySessionInformation = InfoTreatmentPlan

// ErrNotPermitted means no consent permits a disclosure; it arrives inside
// a *DisclosureError that says why.
var ErrNotPermitted = fmt.Errorf("no consent permits the disclosure: %w", ErrInconsistent)

// DisclosureError says why a disclosure was refused: Reason is the answer
// of the most relevant consent (see FindConsent). It unwraps to
// ErrNotPermitted (and so matches ErrInvalid). Its message names the
// reason only, never an ID or a consent's text.
type DisclosureError struct {
	Reason ConsentReason
}

// Error reports the reason.
func (e *DisclosureError) Error() string {
	return "no consent permits the disclosure: " + consentEnumText(string(e.Reason), e.Reason.Valid())
}

// Unwrap returns ErrNotPermitted.
func (e *DisclosureError) Unwrap() error { return ErrNotPermitted }

// Disclosure is a proposed use or disclosure to check against a consent:
// whose records, to whom, why, what and when.
type Disclosure struct {
	// Patient is the host's opaque ID of the patient whose records are
	// disclosed. A consent of another patient never permits
	// (ConsentWrongPatient). Zero means the host has already picked this
	// patient's consents, and the patient is not compared.
	Patient uuid.UUID `json:"patient,omitzero"`
	// Recipient is the actual recipient: its ID, its class, or both.
	Recipient Recipient `json:"recipient"`
	// Purpose is why the information is disclosed.
	Purpose Purpose `json:"purpose"`
	// Information is what is disclosed: at least one category. A
	// disclosure that does not say what it discloses is malformed
	// (ConsentInvalid): the consent's scope can only be checked against
	// a stated category.
	Information []InfoCategory `json:"information,omitempty"`
	// AsOf is the day of the disclosure.
	AsOf Date `json:"asOf"`
}

func (d Disclosure) valid() bool {
	if d.AsOf.IsZero() || !d.Purpose.Valid() || !d.Recipient.validRequest() || len(d.Information) == 0 {
		return false
	}
	for _, cat := range d.Information {
		if !cat.Valid() {
			return false
		}
	}
	return true
}

// Permits reports whether c permits disclosing the categories info and
// more to recipient for purpose on asOf, and why. It is PermitsDisclosure
// without a patient (the host picked this patient's consents); see there
// for the rules. At least one category is required: say what is
// disclosed, and the consent's scope is checked against it.
func (c Consent) Permits(recipient Recipient, purpose Purpose, asOf Date, info InfoCategory, more ...InfoCategory) (bool, ConsentReason) {
	return c.PermitsDisclosure(Disclosure{
		Recipient: recipient, Purpose: purpose, Information: append([]InfoCategory{info}, more...), AsOf: asOf,
	})
}

// PermitsDisclosure reports whether c permits d, and why. The answer is true
// only with ConsentPermitted. Checks run in this order and the first failing
// one is reported (reference: plans-and-interop.md §5.5; §2.31(a)):
//
//  1. c is valid and d well formed — with at least one information
//     category — else ConsentInvalid;
//  2. c is the patient's (when d names the patient), else
//     ConsentWrongPatient;
//  3. c is in force on d.AsOf (see Active): signed, not revoked, not expired;
//  4. c's Purpose covers d.Purpose (a TPO consent covers treatment, payment
//     and operations; any other purpose only itself), else ConsentWrongPurpose;
//  5. one of c's Recipients matches d.Recipient (an ID entry matches that ID
//     only; a class entry matches a recipient of that class), else
//     ConsentWrongRecipient;
//  6. if d asks for SUD counselling notes, c names them, else
//     ConsentCounselingNotesNeedSeparateConsent — InfoAllSUDRecords does not
//     cover them;
//  7. c's scope covers every other category in d.Information (see Covers),
//     else ConsentInformationNotCovered.
//
// Every permitted disclosure must carry the §2.32 notice
// (RequiresRedisclosureNotice).
func (c Consent) PermitsDisclosure(d Disclosure) (bool, ConsentReason) {
	if !d.valid() || c.Validate() != nil {
		return false, ConsentInvalid
	}
	if d.Patient != uuid.Nil && c.Patient != d.Patient {
		return false, ConsentWrongPatient
	}
	if ok, why := c.Active(d.AsOf); !ok {
		return false, why
	}
	if !c.Purpose.permits(d.Purpose) {
		return false, ConsentWrongPurpose
	}
	if !c.names(d.Recipient) {
		return false, ConsentWrongRecipient
	}
	if slices.Contains(d.Information, InfoSUDCounselingNotes) && !c.Covers(InfoSUDCounselingNotes) {
		return false, ConsentCounselingNotesNeedSeparateConsent
	}
	for _, cat := range d.Information {
		if !c.Covers(cat) {
			return false, ConsentInformationNotCovered
		}
	}
	return true, ConsentPermitted
}

// names reports whether one of c's Recipients matches recipient q.
func (c Consent) names(q Recipient) bool {
	return slices.ContainsFunc(c.Recipients, func(r Recipient) bool { return r.matches(q) })
}

// FindConsent returns the index of the first of consents that permits d,
// with ConsentPermitted. When none permits it returns -1 and the reason of
// the most relevant consent: among those of d's patient whose purpose
// covers d.Purpose and that name d.Recipient, the one signed last (the
// last listed on a tie); otherwise the last one listed; ConsentWrongRecipient
// when consents is empty. A host switches on the reason; wrap it in a
// *DisclosureError to refuse.
func FindConsent(consents []Consent, d Disclosure) (int, ConsentReason) {
	reason := ConsentWrongRecipient
	best := -1
	for i, c := range consents {
		ok, why := c.PermitsDisclosure(d)
		if ok {
			return i, ConsentPermitted
		}
		applies := (d.Patient == uuid.Nil || c.Patient == d.Patient) && c.Purpose.permits(d.Purpose) && c.names(d.Recipient)
		switch {
		case applies && (best < 0 || !c.SignedOn.Before(consents[best].SignedOn)):
			best, reason = i, why
		case best < 0:
			reason = why
		}
	}
	return -1, reason
}
