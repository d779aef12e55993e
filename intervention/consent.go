package intervention

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/recoverykit/psychosocial/internal/enum"
)

// InfoCategory is a category of information a consent lets be disclosed: the
// structured part of the "description of the information … in a specific and
// meaningful fashion" (§2.31(a)(3); reference: plans-and-interop.md §5.5).
//
// InfoAllSUDRecords covers every other category except
// InfoSUDCounselingNotes: SUD counselling notes need a consent of their own
// that covers nothing else (2024 Final Rule). InfoOther needs the consent's
// Description to say what it is. The zero InfoCategory is invalid.
type InfoCategory string

// The information categories.
const (
	// InfoAllSUDRecords is all of the patient's SUD records except SUD
	// counselling notes.
	InfoAllSUDRecords InfoCategory = "all-sud-records"
	// InfoTreatmentPlan is the treatment plan.
	InfoTreatmentPlan InfoCategory = "treatment-plan"
	// InfoAttendance is attendance at sessions and appointments.
	InfoAttendance InfoCategory = "attendance"
	// InfoProgress is treatment progress (not counselling notes).
	InfoProgress InfoCategory = "progress"
	// InfoDiagnosis is diagnoses.
	InfoDiagnosis InfoCategory = "diagnosis"
	// InfoMedications is medications, including medication for opioid use
	// disorder.
	InfoMedications InfoCategory = "medications"
	// InfoToxicologyResults is drug and alcohol test results.
	InfoToxicologyResults InfoCategory = "toxicology-results"
	// InfoScreeningResults is screening and assessment instrument results.
	InfoScreeningResults InfoCategory = "screening-results"
	// InfoCMRewards is contingency management rewards earned and redeemed.
	InfoCMRewards InfoCategory = "cm-rewards"
	// InfoDischargeSummary is the discharge summary.
	InfoDischargeSummary InfoCategory = "discharge-summary"
	// InfoSUDCounselingNotes is SUD counselling notes, which need a separate
	// consent covering nothing else (2024 Final Rule; reference:
	// plans-and-interop.md §5.5).
	InfoSUDCounselingNotes InfoCategory = "sud-counseling-notes"
	// InfoOther is information the consent's Description specifies.
	InfoOther InfoCategory = "other"
)

// InfoCategories returns every InfoCategory in a stable order.
func InfoCategories() []InfoCategory {
	return []InfoCategory{
		InfoAllSUDRecords, InfoTreatmentPlan, InfoAttendance, InfoProgress, InfoDiagnosis,
		InfoMedications, InfoToxicologyResults, InfoScreeningResults, InfoCMRewards,
		InfoDischargeSummary, InfoSUDCounselingNotes, InfoOther,
	}
}

// ParseInfoCategory returns the InfoCategory whose text form is s, or
// ErrUnknownInfoCategory.
func ParseInfoCategory(s string) (InfoCategory, error) {
	c := InfoCategory(s)
	if !c.Valid() {
		return "", ErrUnknownInfoCategory
	}
	return c, nil
}

// Valid reports whether c is one of the InfoCategories.
func (c InfoCategory) Valid() bool { return enum.Valid(c, InfoCategories()) }

// String returns the text form of c.
func (c InfoCategory) String() string { return string(c) }

// MarshalText encodes c; an invalid category is an error, so one is never stored.
func (c InfoCategory) MarshalText() ([]byte, error) {
	return enum.Marshal(c, InfoCategory.Valid, ErrUnknownInfoCategory)
}

// UnmarshalText decodes c with ParseInfoCategory; on error *c is unchanged.
func (c *InfoCategory) UnmarshalText(b []byte) error {
	return enum.Unmarshal(c, b, ParseInfoCategory)
}

// ExpiryEvent is an event or condition on which a consent expires if not
// revoked before (§2.31(a); reference: plans-and-interop.md §5.5). The
// host records the date the event happened in Consent.ExpiryEventOccurred.
// The zero ExpiryEvent means the consent has no expiry event.
type ExpiryEvent string

// The expiry events.
const (
	// ExpiryEventEndOfTreatment expires the consent at the end of treatment.
	ExpiryEventEndOfTreatment ExpiryEvent = "end-of-treatment"
	// ExpiryEventNone means the consent never expires; allowed only for
	// treatment, payment and operations consents (reference:
	// plans-and-interop.md §5.5).
	ExpiryEventNone ExpiryEvent = "none"
	// ExpiryEventOther is another event or condition the host tracks; it
	// expires the consent once the host sets ExpiryEventOccurred.
	ExpiryEventOther ExpiryEvent = "other"
)

// ExpiryEvents returns every ExpiryEvent in a stable order.
func ExpiryEvents() []ExpiryEvent {
	return []ExpiryEvent{ExpiryEventEndOfTreatment, ExpiryEventNone, ExpiryEventOther}
}

// ParseExpiryEvent returns the ExpiryEvent whose text form is s, or
// ErrUnknownExpiryEvent.
func ParseExpiryEvent(s string) (ExpiryEvent, error) {
	e := ExpiryEvent(s)
	if !e.Valid() {
		return "", ErrUnknownExpiryEvent
	}
	return e, nil
}

// Valid reports whether e is one of the ExpiryEvents.
func (e ExpiryEvent) Valid() bool { return enum.Valid(e, ExpiryEvents()) }

// String returns the text form of e.
func (e ExpiryEvent) String() string { return string(e) }

// MarshalText encodes e; an invalid event is an error, so one is never stored.
func (e ExpiryEvent) MarshalText() ([]byte, error) {
	return enum.Marshal(e, ExpiryEvent.Valid, ErrUnknownExpiryEvent)
}

// UnmarshalText decodes e with ParseExpiryEvent; on error *e is unchanged.
func (e *ExpiryEvent) UnmarshalText(b []byte) error {
	return enum.Unmarshal(e, b, ParseExpiryEvent)
}

// Signer is who signed a consent: the patient, or a person authorised to
// sign for a minor, a patient lacking capacity or a deceased patient
// (§2.31(a), §2.14, §2.15; reference: plans-and-interop.md §5.5). The zero
// Signer is invalid.
type Signer string

// The signers.
const (
	// SignerPatient is the patient.
	SignerPatient Signer = "patient"
	// SignerGuardian is a parent or legal guardian signing for a minor or
	// for a patient who lacks capacity.
	SignerGuardian Signer = "guardian"
	// SignerAuthorizedRepresentative is another person authorised by law to
	// act for the patient, such as a personal representative of a deceased
	// patient.
	SignerAuthorizedRepresentative Signer = "authorized-representative"
)

// Signers returns every Signer in a stable order.
func Signers() []Signer {
	return []Signer{SignerPatient, SignerGuardian, SignerAuthorizedRepresentative}
}

// ParseSigner returns the Signer whose text form is s, or ErrUnknownSigner.
func ParseSigner(s string) (Signer, error) {
	v := Signer(s)
	if !v.Valid() {
		return "", ErrUnknownSigner
	}
	return v, nil
}

// Valid reports whether s is one of the Signers.
func (s Signer) Valid() bool { return enum.Valid(s, Signers()) }

// String returns the text form of s.
func (s Signer) String() string { return string(s) }

// MarshalText encodes s; an invalid Signer is an error, so one is never stored.
func (s Signer) MarshalText() ([]byte, error) {
	return enum.Marshal(s, Signer.Valid, ErrUnknownSigner)
}

// UnmarshalText decodes s with ParseSigner; on error *s is unchanged.
func (s *Signer) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseSigner) }

// ConsentReason explains a Consent.Permits or Consent.Active answer. The
// zero ConsentReason is invalid.
type ConsentReason string

// The reasons, in the order Permits checks them: when several apply, the
// first one listed (after ConsentPermitted) is reported.
const (
	// ConsentPermitted means the consent permits the disclosure.
	ConsentPermitted ConsentReason = "permitted"
	// ConsentInvalid means the consent fails Validate or the request is
	// malformed (zero date, unknown purpose, class or category, a
	// recipient with neither ID nor class, or no information category:
	// every disclosure must say what it discloses).
	ConsentInvalid ConsentReason = "invalid"
	// ConsentWrongPatient means the consent is another patient's: the
	// request names the patient whose records are disclosed and the
	// consent's Patient is someone else.
	ConsentWrongPatient ConsentReason = "wrong-patient"
	// ConsentNotSigned means the consent has no signature date.
	ConsentNotSigned ConsentReason = "not-signed"
	// ConsentNotYetSigned means the consent was signed after the date asked about.
	ConsentNotYetSigned ConsentReason = "not-yet-signed"
	// ConsentRevoked means the consent was revoked on or before the date
	// asked about.
	ConsentRevoked ConsentReason = "revoked"
	// ConsentExpired means the expiry date, or the day the expiry event
	// occurred, is before the date asked about.
	ConsentExpired ConsentReason = "expired"
	// ConsentWrongPurpose means the consent is for another purpose.
	ConsentWrongPurpose ConsentReason = "wrong-purpose"
	// ConsentWrongRecipient means the consent names neither the recipient's
	// ID nor its class.
	ConsentWrongRecipient ConsentReason = "wrong-recipient"
	// ConsentCounselingNotesNeedSeparateConsent means SUD counselling notes
	// were asked for under a consent that does not name them.
	ConsentCounselingNotesNeedSeparateConsent ConsentReason = "counseling-notes-need-separate-consent"
	// ConsentInformationNotCovered means a category asked for is outside
	// the consent's scope (its Information; see Consent.Covers): for
	// example a family session under a consent for SUD counselling notes
	// only, or for CM reward information only.
	ConsentInformationNotCovered ConsentReason = "information-not-covered"
)

// ConsentReasons returns every ConsentReason in a stable order.
func ConsentReasons() []ConsentReason {
	return []ConsentReason{
		ConsentPermitted, ConsentInvalid, ConsentWrongPatient, ConsentNotSigned, ConsentNotYetSigned, ConsentRevoked,
		ConsentExpired, ConsentWrongPurpose, ConsentWrongRecipient,
		ConsentCounselingNotesNeedSeparateConsent, ConsentInformationNotCovered,
	}
}

// ParseConsentReason returns the ConsentReason whose text form is s, or
// ErrUnknownConsentReason.
func ParseConsentReason(s string) (ConsentReason, error) {
	r := ConsentReason(s)
	if !r.Valid() {
		return "", ErrUnknownConsentReason
	}
	return r, nil
}

// Valid reports whether r is one of the ConsentReasons.
func (r ConsentReason) Valid() bool { return enum.Valid(r, ConsentReasons()) }

// String returns the text form of r.
func (r ConsentReason) String() string { return string(r) }

// MarshalText encodes r; an invalid reason is an error, so one is never stored.
func (r ConsentReason) MarshalText() ([]byte, error) {
	return enum.Marshal(r, ConsentReason.Valid, ErrUnknownConsentReason)
}

// UnmarshalText decodes r with ParseConsentReason; on error *r is unchanged.
func (r *ConsentReason) UnmarshalText(b []byte) error {
	return enum.Unmarshal(r, b, ParseConsentReason)
}

// Errors of consents.
var (
	// ErrUnknownInfoCategory means an information category is not one of
	// the InfoCategories.
	ErrUnknownInfoCategory = fmt.Errorf("information category: %w", ErrUnknownValue)
	// ErrUnknownExpiryEvent means an expiry event is not one of the ExpiryEvents.
	ErrUnknownExpiryEvent = fmt.Errorf("expiry event: %w", ErrUnknownValue)
	// ErrUnknownSigner means a signer is not one of the Signers.
	ErrUnknownSigner = fmt.Errorf("signer: %w", ErrUnknownValue)
	// ErrUnknownConsentReason means a reason is not one of the ConsentReasons.
	ErrUnknownConsentReason = fmt.Errorf("consent reason: %w", ErrUnknownValue)
	// ErrCounselingNotesCombined means a consent covers SUD counselling notes
	// together with other information; counselling notes need a consent of
	// their own (2024 Final Rule; reference: plans-and-interop.md §5.5).
	ErrCounselingNotesCombined = fmt.Errorf("SUD counseling notes need a consent of their own: %w", ErrInconsistent)
	// ErrExpiryNoneNotTPO means a consent whose purpose is not treatment,
	// payment or operations has the expiry "none" (reference:
	// plans-and-interop.md §5.5, §2.31(a)).
	ErrExpiryNoneNotTPO = fmt.Errorf("expiry none is allowed only for treatment, payment and operations: %w", ErrInconsistent)
)

// consentRedacted replaces PHI in String, GoString and LogValue output.
const consentRedacted = "[redacted]"

// Consent is a patient's written consent to the use or disclosure of SUD
// records under 42 CFR Part 2 §2.31 as amended by the 2024 Final Rule
// (reference: plans-and-interop.md §5.5). It is a plain value: build it from
// the host's records, check it with Validate, and ask Permits before sharing
// anything.
//
// Elements of §2.31(a) and where they live:
//
//   - (1) patient: Patient, the host's opaque ID (never a name);
//   - (2) who may disclose: Disclosers;
//   - (3) what information: Information categories — the consent's
//     scope, which every disclosure check compares with the categories
//     it discloses (PermitsDisclosure, Covers) — plus an optional
//     free-text Description;
//   - (4) recipients, by name (ID) or class: Recipients;
//   - (5) purpose: Purpose — exactly one per consent, so a legal-proceedings
//     consent is never combined with another purpose;
//   - expiry date, event or condition: ExpiresOn and/or ExpiryEvent,
//     with ExpiryEventOccurred the day the event happened;
//   - signature and date: SignedBy and SignedOn.
//
// The right to revoke and the §2.32 redisclosure notice are statements on
// the form, not data; RevokedOn records a revocation.
//
// Dates and boundaries (all civil dates, checked by Permits and Active):
//
//   - A zero SignedOn means not signed: the consent permits nothing. The
//     consent is in force from SignedOn inclusive.
//   - The consent is in force through ExpiresOn inclusive and expired from
//     the next day.
//   - The consent is in force through the day its ExpiryEvent occurred
//     inclusive (the same rule as ExpiresOn) and expired from the next day.
//     With both a date and an event, whichever comes first expires it.
//   - A revocation takes effect on RevokedOn: the consent permits nothing on
//     or after that day. Disclosures already made in reliance on the consent
//     are not affected; that is the host's record, not this value's.
//
// Description is PHI, a Text: it never appears in String, GoString, fmt
// output of any verb, slog output, error messages or the consent's own JSON
// form, which writes it as "[redacted]" (so slog's JSON handler on a slice
// of consents is safe). The storage form is ConsentDocument, whose JSON
// holds the Description.
//
// The zero Consent is invalid. JSON encoding refuses an invalid Consent.
// Consent has no UnmarshalJSON: read stored consents as ConsentDocument.
type Consent struct {
	ID      uuid.UUID `json:"id"`
	Patient uuid.UUID `json:"patient"` // the host's opaque patient ID
	// Disclosers are who may make the disclosure; at least one.
	Disclosers []Discloser `json:"disclosers"`
	// Information is what may be disclosed — the consent's scope; at least
	// one category. A consent naming InfoSUDCounselingNotes must name
	// nothing else. There is no empty or implied scope: a consent without
	// a category fails Validate and so permits nothing (ConsentInvalid);
	// to permit everything but counselling notes, name InfoAllSUDRecords.
	Information []InfoCategory `json:"information"`
	// Description is optional free text describing the information;
	// required when Information includes InfoOther. It is PHI.
	Description Text `json:"description,omitzero"`
	// Recipients are who may receive it; at least one, each with exactly one
	// of ID or Class. A TPO-purpose consent may name only TPO classes.
	Recipients []Recipient `json:"recipients"`
	// Purpose is the one purpose of the disclosure.
	Purpose Purpose `json:"purpose"`
	// ExpiresOn is the last day the consent is in force; zero for none.
	ExpiresOn Date `json:"expiresOn,omitzero"`
	// ExpiryEvent is the event or condition that expires the consent; zero
	// for none. At least one of ExpiresOn and ExpiryEvent is required;
	// ExpiryEventNone excludes ExpiresOn and needs a TPO purpose.
	ExpiryEvent ExpiryEvent `json:"expiryEvent,omitzero"`
	// ExpiryEventOccurred is the day the ExpiryEvent happened (for example
	// the discharge date); zero while it has not.
	ExpiryEventOccurred Date `json:"expiryEventOccurred,omitzero"`
	// SignedOn is the signature date; zero while unsigned.
	SignedOn Date `json:"signedOn,omitzero"`
	// SignedBy is who signed; required once SignedOn is set and may be
	// filled in before (the expected signer).
	SignedBy Signer `json:"signedBy,omitzero"`
	// RevokedOn is the day a revocation took effect; zero if not revoked.
	// It needs a signature and may not precede it.
	RevokedOn Date `json:"revokedOn,omitzero"`
}

// Validate reports every problem with c, each as a *FieldError whose Field is
// the JSON path ("recipients[1].class") and whose rule wraps ErrInvalid,
// joined with errors.Join; nil when c is valid. An unsigned consent is valid
// (a draft); Permits reports it as ConsentNotSigned. Validate never modifies
// c and never echoes a value.
//
// Rules (reference: plans-and-interop.md §5.5, §2.31):
//   - id, patient, purpose, disclosers, information and recipients are
//     required (ErrMissing); enums must be known (ErrUnknownPurpose …);
//     list entries must be unique (ErrDuplicate);
//   - each discloser and recipient has exactly one of id and class
//     (ErrMissing, ErrIDAndClass); a recipient class must identify someone
//     (ErrVagueRecipient); a TPO consent names only TPO classes
//     (ErrRecipientNotTPO);
//   - SUD counselling notes are alone in their consent
//     (ErrCounselingNotesCombined); InfoOther needs a Description (ErrMissing);
//   - an expiry date or event is required (ErrMissing at expiresOn); "none"
//     only for TPO purposes (ErrExpiryNoneNotTPO) and never with a date;
//     ExpiryEventOccurred needs an event other than none (ErrInconsistent);
//   - SignedOn needs SignedBy (ErrMissing); RevokedOn needs SignedOn and may
//     not precede it; ExpiresOn and ExpiryEventOccurred may not precede
//     SignedOn (ErrInconsistent).
func (c Consent) Validate() error {
	var errs []error
	add := func(path string, rule error) {
		errs = append(errs, &FieldError{Field: path, Err: rule})
	}
	if c.ID == uuid.Nil {
		add("id", ErrMissing)
	}
	if c.Patient == uuid.Nil {
		add("patient", ErrMissing)
	}
	errs = append(errs, c.validateDisclosers()...)
	errs = append(errs, c.validateInformation()...)
	errs = append(errs, c.validateRecipients()...)
	switch {
	case c.Purpose == "":
		add("purpose", ErrMissing)
	case !c.Purpose.Valid():
		add("purpose", ErrUnknownPurpose)
	}
	errs = append(errs, c.validateExpiry()...)
	errs = append(errs, c.validateSignature()...)
	return errors.Join(errs...)
}

func (c Consent) validateDisclosers() []error {
	if len(c.Disclosers) == 0 {
		return []error{&FieldError{Field: "disclosers", Err: ErrMissing}}
	}
	var errs []error
	for i, d := range c.Disclosers {
		path := Index("disclosers", i)
		if err := d.validate(); err != nil {
			errs = append(errs, Prefix(path, err))
		} else if slices.Contains(c.Disclosers[:i], d) {
			errs = append(errs, &FieldError{Field: path, Err: ErrDuplicate})
		}
	}
	return errs
}

func (c Consent) validateInformation() []error {
	var errs []error
	if len(c.Information) == 0 {
		errs = append(errs, &FieldError{Field: "information", Err: ErrMissing})
	}
	notes, others, other := false, false, false
	for i, cat := range c.Information {
		path := Index("information", i)
		switch {
		case !cat.Valid():
			errs = append(errs, &FieldError{Field: path, Err: ErrUnknownInfoCategory})
		case slices.Contains(c.Information[:i], cat):
			errs = append(errs, &FieldError{Field: path, Err: ErrDuplicate})
		}
		if cat == InfoSUDCounselingNotes {
			notes = true
		} else {
			others = true
		}
		if cat == InfoOther {
			other = true
		}
	}
	if notes && others {
		errs = append(errs, &FieldError{Field: "information", Err: ErrCounselingNotesCombined})
	}
	if other && c.Description.IsBlank() {
		errs = append(errs, &FieldError{Field: "description", Err: ErrMissing})
	}
	return errs
}

func (c Consent) validateRecipients() []error {
	if len(c.Recipients) == 0 {
		return []error{&FieldError{Field: "recipients", Err: ErrMissing}}
	}
	var errs []error
	for i, r := range c.Recipients {
		path := Index("recipients", i)
		switch err := r.validate(); {
		case err != nil:
			errs = append(errs, Prefix(path, err))
		case slices.Contains(c.Recipients[:i], r):
			errs = append(errs, &FieldError{Field: path, Err: ErrDuplicate})
		case r.Class != "" && c.Purpose.IsTPO() && !r.Class.IsTPO():
			errs = append(errs, &FieldError{Field: JoinPath(path, "class"), Err: ErrRecipientNotTPO})
		}
	}
	return errs
}

func (c Consent) validateExpiry() []error {
	var errs []error
	add := func(path string, rule error) {
		errs = append(errs, &FieldError{Field: path, Err: rule})
	}
	if c.ExpiresOn.IsZero() && c.ExpiryEvent == "" {
		add("expiresOn", ErrMissing)
	}
	if c.ExpiryEvent != "" && !c.ExpiryEvent.Valid() {
		add("expiryEvent", ErrUnknownExpiryEvent)
	}
	if c.ExpiryEvent == ExpiryEventNone {
		if c.Purpose.Valid() && !c.Purpose.IsTPO() {
			add("expiryEvent", ErrExpiryNoneNotTPO)
		}
		if !c.ExpiresOn.IsZero() {
			add("expiresOn", ErrInconsistent)
		}
	}
	if !c.ExpiryEventOccurred.IsZero() && (c.ExpiryEvent == "" || c.ExpiryEvent == ExpiryEventNone) {
		add("expiryEventOccurred", ErrInconsistent)
	}
	return errs
}

func (c Consent) validateSignature() []error {
	var errs []error
	add := func(path string, rule error) {
		errs = append(errs, &FieldError{Field: path, Err: rule})
	}
	switch {
	case c.SignedBy != "" && !c.SignedBy.Valid():
		add("signedBy", ErrUnknownSigner)
	case c.SignedBy == "" && !c.SignedOn.IsZero():
		add("signedBy", ErrMissing)
	}
	if !c.RevokedOn.IsZero() && (c.SignedOn.IsZero() || c.RevokedOn.Before(c.SignedOn)) {
		add("revokedOn", ErrInconsistent)
	}
	if !c.SignedOn.IsZero() {
		if !c.ExpiresOn.IsZero() && c.ExpiresOn.Before(c.SignedOn) {
			add("expiresOn", ErrInconsistent)
		}
		if !c.ExpiryEventOccurred.IsZero() && c.ExpiryEventOccurred.Before(c.SignedOn) {
			add("expiryEventOccurred", ErrInconsistent)
		}
	}
	return errs
}

// Active reports whether c is in force on asOf, whatever the recipient or
// purpose, and why not: ConsentInvalid (c fails Validate or asOf is zero),
// ConsentNotSigned, ConsentNotYetSigned (signed after asOf), ConsentRevoked
// (revoked on or before asOf) or ConsentExpired (asOf after ExpiresOn or
// after the day the expiry event occurred), checked in that order; otherwise
// true and ConsentPermitted. See Consent for the boundary rules.
func (c Consent) Active(asOf Date) (bool, ConsentReason) {
	switch {
	case asOf.IsZero() || c.Validate() != nil:
		return false, ConsentInvalid
	case c.SignedOn.IsZero():
		return false, ConsentNotSigned
	case asOf.Before(c.SignedOn):
		return false, ConsentNotYetSigned
	case !c.RevokedOn.IsZero() && !asOf.Before(c.RevokedOn):
		return false, ConsentRevoked
	case !c.ExpiresOn.IsZero() && asOf.After(c.ExpiresOn):
		return false, ConsentExpired
	case !c.ExpiryEventOccurred.IsZero() && asOf.After(c.ExpiryEventOccurred):
		return false, ConsentExpired
	}
	return true, ConsentPermitted
}

// Covers reports whether c's Information includes category cat: named
// directly, or through InfoAllSUDRecords, which covers every category except
// InfoSUDCounselingNotes. It reads Information only and does not validate c.
func (c Consent) Covers(cat InfoCategory) bool {
	if !cat.Valid() {
		return false
	}
	for _, have := range c.Information {
		if have == cat || (have == InfoAllSUDRecords && cat != InfoSUDCounselingNotes) {
			return true
		}
	}
	return false
}

// String summarises c for logs and debugging. The Description is replaced by
// "[redacted]" and invalid enum values by "(invalid)"; empty optional fields
// are left out.
func (c Consent) String() string {
	var b strings.Builder
	b.WriteString("Consent{id=" + c.ID.String() + " patient=" + c.Patient.String())
	b.WriteString(" purpose=" + consentEnumText(string(c.Purpose), c.Purpose.Valid()))
	b.WriteString(" information=[" + strings.Join(c.infoTexts(), " ") + "]")
	if !c.Description.IsZero() {
		b.WriteString(" description=" + consentRedacted)
	}
	b.WriteString(" recipients=[" + strings.Join(consentStrings(c.Recipients), " ") + "]")
	b.WriteString(" disclosers=[" + strings.Join(consentStrings(c.Disclosers), " ") + "]")
	for _, a := range c.optionalAttrs() {
		b.WriteString(" " + a.Key + "=" + a.Value.String())
	}
	b.WriteString("}")
	return b.String()
}

// GoString is the %#v form of c: String with the package qualifier. It
// redacts Description like String.
func (c Consent) GoString() string { return "intervention." + c.String() }

// Format makes every fmt verb print the redacted String form (%#v prints
// GoString and %q quotes String), so that no verb can reach Description by
// reflection.
func (c Consent) Format(f fmt.State, verb rune) { FormatRedacted(f, verb, c.String(), c.GoString()) }

// LogValue implements slog.LogValuer: c logs as a group of its fields with
// Description replaced by "[redacted]" and invalid enum values by
// "(invalid)".
func (c Consent) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", c.ID.String()),
		slog.String("patient", c.Patient.String()),
		slog.String("purpose", consentEnumText(string(c.Purpose), c.Purpose.Valid())),
		slog.Any("information", c.infoTexts()),
	}
	if !c.Description.IsZero() {
		attrs = append(attrs, slog.String("description", consentRedacted))
	}
	attrs = append(attrs,
		slog.Any("recipients", consentStrings(c.Recipients)),
		slog.Any("disclosers", consentStrings(c.Disclosers)),
	)
	attrs = append(attrs, c.optionalAttrs()...)
	return slog.GroupValue(attrs...)
}

// optionalAttrs returns the set optional fields of c as string attributes.
func (c Consent) optionalAttrs() []slog.Attr {
	var attrs []slog.Attr
	date := func(key string, d Date) {
		if !d.IsZero() {
			attrs = append(attrs, slog.String(key, d.String()))
		}
	}
	date("expiresOn", c.ExpiresOn)
	if c.ExpiryEvent != "" {
		attrs = append(attrs, slog.String("expiryEvent", consentEnumText(string(c.ExpiryEvent), c.ExpiryEvent.Valid())))
	}
	date("expiryEventOccurred", c.ExpiryEventOccurred)
	date("signedOn", c.SignedOn)
	if c.SignedBy != "" {
		attrs = append(attrs, slog.String("signedBy", consentEnumText(string(c.SignedBy), c.SignedBy.Valid())))
	}
	date("revokedOn", c.RevokedOn)
	return attrs
}

func (c Consent) infoTexts() []string {
	out := make([]string, len(c.Information))
	for i, cat := range c.Information {
		out[i] = consentEnumText(string(cat), cat.Valid())
	}
	return out
}

func consentStrings[T fmt.Stringer](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// consentJSON is Consent without its methods, for its own JSON form.
type consentJSON Consent

// MarshalJSON encodes c with lowerCamelCase keys, enums as text and dates as
// "YYYY-MM-DD", omitting empty optional fields, and the Description
// redacted: this is the form logs and debugging see. An invalid c is an
// error (from Validate). Store consents as ConsentDocument.
func (c Consent) MarshalJSON() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(consentJSON(c))
}
