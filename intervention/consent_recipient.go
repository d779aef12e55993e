package intervention

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/recoverykit/psychosocial/internal/enum"
)

// RecipientClass is a class of persons to whom a 42 CFR Part 2 consent lets
// information be disclosed (§2.31(a)(4): recipients "by name or class";
// reference: plans-and-interop.md §5.5). The first four are the classes of
// the single TPO consent: "my treating providers, health plans, third-party
// payers, and people helping to operate this program". The others are
// non-TPO recipients that need a specific, purpose-bound consent.
//
// RecipientOther classifies a recipient who fits none of the classes; a
// consent cannot name it as a class (it identifies nobody), so such a
// recipient must be named by ID.
//
// The zero RecipientClass is invalid.
type RecipientClass string

// The recipient classes (reference: plans-and-interop.md §5.5).
const (
	// RecipientTreatingProviders are the patient's treating providers (TPO).
	RecipientTreatingProviders RecipientClass = "treating-providers"
	// RecipientHealthPlans are the patient's health plans (TPO).
	RecipientHealthPlans RecipientClass = "health-plans"
	// RecipientThirdPartyPayers are third-party payers (TPO).
	RecipientThirdPartyPayers RecipientClass = "third-party-payers"
	// RecipientProgramOperations are people helping to operate the program (TPO).
	RecipientProgramOperations RecipientClass = "program-operations"
	// RecipientFamilyMember is a member of the patient's family.
	RecipientFamilyMember RecipientClass = "family-member"
	// RecipientDesignatedSupport is a support person the patient designated
	// ("designated supports contact").
	RecipientDesignatedSupport RecipientClass = "designated-support"
	// RecipientEmployer is an employer.
	RecipientEmployer RecipientClass = "employer"
	// RecipientCourt is a court.
	RecipientCourt RecipientClass = "court"
	// RecipientCriminalJustice is a criminal-justice agency such as
	// probation or parole.
	RecipientCriminalJustice RecipientClass = "criminal-justice"
	// RecipientLicensingBoard is a professional licensing board.
	RecipientLicensingBoard RecipientClass = "licensing-board"
	// RecipientOther is a recipient in none of the classes; name it by ID.
	RecipientOther RecipientClass = "other"
)

var (
	// ErrUnknownRecipientClass means a recipient class is not one of the
	// RecipientClasses.
	ErrUnknownRecipientClass = fmt.Errorf("recipient class: %w", ErrUnknownValue)
	// ErrVagueRecipient means a consent names RecipientOther as a class,
	// which identifies nobody (§2.31(a)(4)); name the recipient by ID.
	ErrVagueRecipient = fmt.Errorf("recipient class identifies nobody: %w", ErrInvalid)
	// ErrRecipientNotTPO means a treatment, payment or operations consent
	// names a recipient class outside the TPO classes; family, employers,
	// courts and the like need a specific consent (2024 Final Rule).
	ErrRecipientNotTPO = fmt.Errorf("recipient class needs a non-TPO consent: %w", ErrInconsistent)
	// ErrUnknownDiscloserClass means a discloser class is not one of the
	// DiscloserClasses.
	ErrUnknownDiscloserClass = fmt.Errorf("discloser class: %w", ErrUnknownValue)
	// ErrIDAndClass means a consent's recipient or discloser has both an ID
	// and a class; it must have exactly one.
	ErrIDAndClass = fmt.Errorf("both id and class set: %w", ErrInconsistent)
)

// RecipientClasses returns every RecipientClass in a stable order.
func RecipientClasses() []RecipientClass {
	return []RecipientClass{
		RecipientTreatingProviders, RecipientHealthPlans, RecipientThirdPartyPayers,
		RecipientProgramOperations, RecipientFamilyMember, RecipientDesignatedSupport,
		RecipientEmployer, RecipientCourt, RecipientCriminalJustice, RecipientLicensingBoard,
		RecipientOther,
	}
}

// ParseRecipientClass returns the RecipientClass whose text form is s, or
// ErrUnknownRecipientClass.
func ParseRecipientClass(s string) (RecipientClass, error) {
	c := RecipientClass(s)
	if !c.Valid() {
		return "", ErrUnknownRecipientClass
	}
	return c, nil
}

// Valid reports whether c is one of the RecipientClasses.
func (c RecipientClass) Valid() bool { return enum.Valid(c, RecipientClasses()) }

// IsTPO reports whether c is one of the four classes a single TPO consent
// names (reference: plans-and-interop.md §5.5, §2.31(a)(4)).
func (c RecipientClass) IsTPO() bool {
	switch c {
	case RecipientTreatingProviders, RecipientHealthPlans, RecipientThirdPartyPayers,
		RecipientProgramOperations:
		return true
	case RecipientFamilyMember, RecipientDesignatedSupport, RecipientEmployer, RecipientCourt,
		RecipientCriminalJustice, RecipientLicensingBoard, RecipientOther:
		return false
	}
	return false
}

// String returns the text form of c.
func (c RecipientClass) String() string { return string(c) }

// MarshalText encodes c; an invalid class is an error, so one is never stored.
func (c RecipientClass) MarshalText() ([]byte, error) {
	return enum.Marshal(c, RecipientClass.Valid, ErrUnknownRecipientClass)
}

// UnmarshalText decodes c with ParseRecipientClass; on error *c is unchanged.
func (c *RecipientClass) UnmarshalText(b []byte) error {
	return enum.Unmarshal(c, b, ParseRecipientClass)
}

// Recipient is who receives a disclosure. It plays two roles:
//
//   - In Consent.Recipients it names one permitted recipient: exactly one of
//     ID (a specific person or organisation, by the host's opaque ID) or
//     Class (everyone in that class). Build it with RecipientID or
//     RecipientOfClass.
//   - In a Permits request it describes the actual recipient: set ID, Class
//     or both. A consent entry with an ID matches a request with that ID; an
//     entry with a Class matches a request of that Class.
//
// The zero Recipient is invalid in both roles.
type Recipient struct {
	ID    uuid.UUID      `json:"id,omitzero"`
	Class RecipientClass `json:"class,omitzero"`
}

// RecipientID returns the recipient with the host's opaque ID id.
func RecipientID(id uuid.UUID) Recipient { return Recipient{ID: id} }

// RecipientOfClass returns the recipient class c.
func RecipientOfClass(c RecipientClass) Recipient { return Recipient{Class: c} }

// TPORecipients returns the recipients of the single TPO consent: treating
// providers, health plans, third-party payers and people helping to operate
// the program (reference: plans-and-interop.md §5.5).
func TPORecipients() []Recipient {
	return []Recipient{
		RecipientOfClass(RecipientTreatingProviders), RecipientOfClass(RecipientHealthPlans),
		RecipientOfClass(RecipientThirdPartyPayers), RecipientOfClass(RecipientProgramOperations),
	}
}

// String returns "id:<uuid>", "class:<class>" or both joined by a comma. An
// invalid class prints as "(invalid)", so a mistaken free-text value never
// reaches a log.
func (r Recipient) String() string {
	return consentPartyString(r.ID, string(r.Class), r.Class.Valid())
}

// validate checks r as a consent entry: exactly one of ID and Class, and a
// class that identifies someone.
func (r Recipient) validate() error {
	switch {
	case r.ID == uuid.Nil && r.Class == "":
		return &FieldError{Err: ErrMissing}
	case r.ID != uuid.Nil && r.Class != "":
		return &FieldError{Err: ErrIDAndClass}
	case r.Class == "":
		return nil
	case !r.Class.Valid():
		return &FieldError{Field: "class", Err: ErrUnknownRecipientClass}
	case r.Class == RecipientOther:
		return &FieldError{Field: "class", Err: ErrVagueRecipient}
	}
	return nil
}

// validRequest reports whether r can describe an actual recipient: an ID,
// a known class, or both.
func (r Recipient) validRequest() bool {
	if r.Class != "" && !r.Class.Valid() {
		return false
	}
	return r.ID != uuid.Nil || r.Class != ""
}

// matches reports whether consent entry r covers the actual recipient q.
func (r Recipient) matches(q Recipient) bool {
	if r.ID != uuid.Nil {
		return r.ID == q.ID
	}
	return r.Class != "" && r.Class == q.Class
}

// DiscloserClass is a class of persons a consent authorises to make the
// disclosure (§2.31(a)(2): "the name or other specific identification of the
// person(s), or class of persons, authorized to make the requested use or
// disclosure"; reference: plans-and-interop.md §5.5). The zero DiscloserClass
// is invalid.
type DiscloserClass string

// The discloser classes.
const (
	// DiscloserProgram is the Part 2 program that holds the records, acting
	// through its staff.
	DiscloserProgram DiscloserClass = "program"
	// DiscloserTreatingProviders are the patient's treating providers that
	// hold the records.
	DiscloserTreatingProviders DiscloserClass = "treating-providers"
)

// DiscloserClasses returns every DiscloserClass in a stable order.
func DiscloserClasses() []DiscloserClass {
	return []DiscloserClass{DiscloserProgram, DiscloserTreatingProviders}
}

// ParseDiscloserClass returns the DiscloserClass whose text form is s, or
// ErrUnknownDiscloserClass.
func ParseDiscloserClass(s string) (DiscloserClass, error) {
	c := DiscloserClass(s)
	if !c.Valid() {
		return "", ErrUnknownDiscloserClass
	}
	return c, nil
}

// Valid reports whether c is one of the DiscloserClasses.
func (c DiscloserClass) Valid() bool { return enum.Valid(c, DiscloserClasses()) }

// String returns the text form of c.
func (c DiscloserClass) String() string { return string(c) }

// MarshalText encodes c; an invalid class is an error, so one is never stored.
func (c DiscloserClass) MarshalText() ([]byte, error) {
	return enum.Marshal(c, DiscloserClass.Valid, ErrUnknownDiscloserClass)
}

// UnmarshalText decodes c with ParseDiscloserClass; on error *c is unchanged.
func (c *DiscloserClass) UnmarshalText(b []byte) error {
	return enum.Unmarshal(c, b, ParseDiscloserClass)
}

// Discloser is who a consent authorises to make the disclosure: exactly one
// of ID (a specific program or person, by the host's opaque ID) or Class.
// The zero Discloser is invalid.
type Discloser struct {
	ID    uuid.UUID      `json:"id,omitzero"`
	Class DiscloserClass `json:"class,omitzero"`
}

// DiscloserID returns the discloser with the host's opaque ID id.
func DiscloserID(id uuid.UUID) Discloser { return Discloser{ID: id} }

// DiscloserOfClass returns the discloser class c.
func DiscloserOfClass(c DiscloserClass) Discloser { return Discloser{Class: c} }

// String returns "id:<uuid>" or "class:<class>" (both, comma-joined, for an
// invalid Discloser). An invalid class prints as "(invalid)".
func (d Discloser) String() string {
	return consentPartyString(d.ID, string(d.Class), d.Class.Valid())
}

// validate checks d: exactly one of ID and Class, and a known class.
func (d Discloser) validate() error {
	switch {
	case d.ID == uuid.Nil && d.Class == "":
		return &FieldError{Err: ErrMissing}
	case d.ID != uuid.Nil && d.Class != "":
		return &FieldError{Err: ErrIDAndClass}
	case d.Class != "" && !d.Class.Valid():
		return &FieldError{Field: "class", Err: ErrUnknownDiscloserClass}
	}
	return nil
}

// consentPartyString formats an ID-or-class party without echoing an
// invalid class.
func consentPartyString(id uuid.UUID, class string, classValid bool) string {
	var s string
	if id != uuid.Nil {
		s = "id:" + id.String()
	}
	if class != "" {
		if s != "" {
			s += ","
		}
		s += "class:" + consentEnumText(class, classValid)
	}
	return s
}

// consentEnumText returns the text of an enum value, or "(invalid)" when it
// is not valid: an invalid enum may hold mistaken free text, which must not
// reach a log.
func consentEnumText(s string, valid bool) string {
	if !valid && s != "" {
		return "(invalid)"
	}
	return s
}
