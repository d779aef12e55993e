package fhir

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Bounds on instants and texts the host passes.
const (
	minYear = 1970
	maxYear = 2200
	// maxNoticeBytes bounds Options.Notice.
	maxNoticeBytes = 4000
	// maxIdentifiers bounds Subject.Identifiers.
	maxIdentifiers = 20
)

// Errors of this package. Each wraps intervention.ErrInvalid and arrives
// inside an *intervention.FieldError naming the path of the input that
// broke it; no error carries a value.
var (
	// ErrSubjectMismatch means the Subject's patient is not the patient of
	// the plan, screening, programme or therapy exported.
	ErrSubjectMismatch = fmt.Errorf("fhir: subject is not the record's patient: %w", intervention.ErrInconsistent)
	// ErrUnresolved means a reference in a Bundle names no entry of it, or
	// two entries share a fullUrl (Bundle.Verify). Export never returns a
	// Bundle that fails Verify.
	ErrUnresolved = fmt.Errorf("fhir: reference does not resolve inside the bundle: %w", intervention.ErrInconsistent)
	// ErrBadCoding means a security label or a code given in Options lacks
	// its system or code.
	ErrBadCoding = fmt.Errorf("fhir: coding needs a system and a code: %w", intervention.ErrInvalid)
	// ErrBadText means a text given in Options is too long or not UTF-8.
	ErrBadText = fmt.Errorf("fhir: text too long or not UTF-8: %w", intervention.ErrOutOfRange)
)

// Subject is the patient the exported document is about, as the host
// chooses to identify them: the host's opaque patient ID (which must be the
// exported record's patient) and, optionally, business identifiers such as
// a medical record number. Nothing else about the patient is exported: the
// Patient resource holds only these identifiers.
type Subject struct {
	Patient     uuid.UUID
	Identifiers []Identifier
}

// Validate reports every problem with s under "subject".
func (s Subject) Validate() error {
	var errs []error
	if s.Patient == uuid.Nil {
		errs = append(errs, intervention.Field("subject.patient", intervention.ErrMissing))
	}
	if len(s.Identifiers) > maxIdentifiers {
		errs = append(errs, intervention.Field("subject.identifiers", intervention.ErrOutOfRange))
	}
	for i, id := range s.Identifiers {
		if id.Value == "" || !utf8.ValidString(id.Value+id.System) || len(id.Value)+len(id.System) > maxNoticeBytes {
			errs = append(errs, intervention.Field(intervention.Index("subject.identifiers", i), ErrBadText))
		}
	}
	return errors.Join(errs...)
}

// DefaultRedisclosureNotice is the 42 CFR §2.32 notice the exporter puts in
// every document when Options.Notice is empty: the short statement of
// §2.32(a)(2). Every disclosure made with the patient's Part 2 consent must
// carry the notice (reference: plans-and-interop.md §5.5, rule P-CONSENT-2;
// intervention.RequiresRedisclosureNotice). The reference cites the notice
// but does not quote it: this wording is the 2024 Final Rule's as the
// library understands it ("use or disclosure"; before 2024 the statement
// read "prohibits unauthorized disclosure of these records") — have counsel
// confirm it and pass the approved text in Options.Notice.
const DefaultRedisclosureNotice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

// DefaultSecurityLabels returns the security labels the exporter puts on
// every resource when Options.SecurityLabels is nil: confidentiality R
// (restricted; v3-Confidentiality), sensitivity ETH (substance abuse
// information; v3-ActCode) and policy 42CFRPart2 (v3-ActCode) (reference:
// plans-and-interop.md §5.1, §5.2 SHIFT value sets, rule P-CONSENT-2 "v3-ActCode
// 42CFRPart2 policy; ETH/PSY sensitivity labels"). A host that also wants
// an obligation such as v3-ActCode NORDSCLCD (no redisclosure without
// consent directive, HL7 DS4P) passes its own list.
func DefaultSecurityLabels() []Coding {
	return []Coding{
		{System: SystemConfidentiality, Code: "R"},
		{System: SystemActCode, Code: "ETH"},
		{System: SystemActCode, Code: "42CFRPart2"},
	}
}

// DefaultConsentCategory returns the Consent.category the exporter writes
// when Options.ConsentCategory is zero: the local code
// "part2-consent". FHIR requires a category; the reference names no code
// for it (LOINC 59284-0 "Patient Consent", used by the R4 examples, is not
// verified by the reference), so the default is local and a parameter.
func DefaultConsentCategory() Coding {
	return Coding{System: SystemConsentCategory, Code: "part2-consent", Display: "42 CFR Part 2 consent"}
}

// Options say how a document is made and to whom it is disclosed.
// DocumentID, Timestamp, Author, Recipient and Purpose are required, and one
// of Consents must permit the disclosure; every other field has a
// documented default in its zero value.
type Options struct {
	// DocumentID identifies this disclosure: the Bundle's identifier and
	// the Composition's are derived from it. Use a new ID for each
	// document.
	DocumentID uuid.UUID
	// Timestamp is when the document is made: the Bundle's timestamp, the
	// Composition's date, and the "as of" time of every status, progress
	// figure and consent state exported (a consent's state is that of
	// Timestamp's calendar date in Timestamp's own time zone).
	Timestamp time.Time
	// Author is the host's opaque ID of the staff member who releases the
	// document (Composition.author, a Practitioner without a name).
	Author uuid.UUID
	// IncludePatientWords exports goals in the patient's own words
	// (plan.Goal.PatientWords). They are the patient's own plan content;
	// by default they stay out and a goal carries its clinical wording
	// only (or data-absent-reason "masked" when it has none).
	IncludePatientWords bool
	// OmitClinicalText leaves out clinical free text too: problem
	// statements, clinical goal wording, objective text and criteria,
	// placement rationale, consent descriptions. By default they are
	// exported; codes, dates and figures are always exported.
	OmitClinicalText bool
	// Recipient is who receives the document: the host's opaque ID of a
	// person or organisation, its class, or both
	// (intervention.Consent.PermitsDisclosure matches it against each
	// consent's recipients).
	Recipient intervention.Recipient
	// Purpose is why the document is disclosed (for example
	// intervention.PurposeTreatment for a referral to a treating provider).
	Purpose intervention.Purpose
	// Consents are the patient's 42 CFR Part 2 consents under which the
	// document is disclosed; each is exported as a Consent resource
	// (status as of Timestamp). They must be valid and the Subject's, and
	// one of them must permit disclosing every information category the
	// document holds to Recipient for Purpose on the document's date, or
	// the export fails with an *intervention.DisclosureError at
	// "options.consents" (see the package documentation, "Consent").
	Consents []intervention.Consent
	// SecurityLabels are put on every resource's meta.security and on the
	// Bundle's; nil means DefaultSecurityLabels, an empty non-nil list
	// means none.
	SecurityLabels []Coding
	// Notice is the 42 CFR §2.32 notice carried by the Composition's last
	// section; "" means DefaultRedisclosureNotice.
	Notice string
	// ConsentCategory is every Consent's category; zero means
	// DefaultConsentCategory.
	ConsentCategory Coding
}

// Validate reports every problem with o.
func (o Options) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, intervention.Field(path, rule)) }
	if o.DocumentID == uuid.Nil {
		add("options.documentId", intervention.ErrMissing)
	}
	switch {
	case o.Timestamp.IsZero():
		add("options.timestamp", intervention.ErrMissing)
	case o.Timestamp.UTC().Year() < minYear || o.Timestamp.UTC().Year() >= maxYear:
		add("options.timestamp", intervention.ErrOutOfRange)
	}
	if o.Author == uuid.Nil {
		add("options.author", intervention.ErrMissing)
	}
	switch {
	case o.Recipient == intervention.Recipient{}:
		add("options.recipient", intervention.ErrMissing)
	case o.Recipient.Class != "" && !o.Recipient.Class.Valid():
		add("options.recipient.class", intervention.ErrUnknownRecipientClass)
	}
	switch {
	case o.Purpose == "":
		add("options.purpose", intervention.ErrMissing)
	case !o.Purpose.Valid():
		add("options.purpose", intervention.ErrUnknownPurpose)
	}
	for i, c := range o.Consents {
		if err := c.Validate(); err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("options.consents", i), err))
		}
	}
	for i, c := range o.SecurityLabels {
		if c.System == "" || c.Code == "" {
			add(intervention.Index("options.securityLabels", i), ErrBadCoding)
		}
	}
	if len(o.Notice) > maxNoticeBytes || !utf8.ValidString(o.Notice) {
		add("options.notice", ErrBadText)
	}
	if !o.ConsentCategory.IsZero() && (o.ConsentCategory.System == "" || o.ConsentCategory.Code == "") {
		add("options.consentCategory", ErrBadCoding)
	}
	return errors.Join(errs...)
}

// checkInputs validates o and s and that s names patient, the exported
// record's patient, and that every consent is the patient's.
func checkInputs(s Subject, patient uuid.UUID, o Options) error {
	errs := []error{s.Validate(), o.Validate()}
	if s.Patient != uuid.Nil && s.Patient != patient {
		errs = append(errs, intervention.Field("subject.patient", ErrSubjectMismatch))
	}
	for i, c := range o.Consents {
		if c.Patient != uuid.Nil && c.Patient != patient {
			errs = append(errs, intervention.Field(intervention.Index("options.consents", i)+".patient", ErrSubjectMismatch))
		}
	}
	return errors.Join(errs...)
}

func (o Options) labels() []Coding {
	if o.SecurityLabels == nil {
		return DefaultSecurityLabels()
	}
	return append([]Coding(nil), o.SecurityLabels...)
}

func (o Options) notice() string {
	if o.Notice == "" {
		return DefaultRedisclosureNotice
	}
	return o.Notice
}

func (o Options) consentCategory() Coding {
	if o.ConsentCategory.IsZero() {
		return DefaultConsentCategory()
	}
	return o.ConsentCategory
}
