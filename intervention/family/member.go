package family

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Member is a family member taking part in the therapy — a concerned
// significant other, partner, parent, sibling, child or other relative,
// identified only by the host's opaque ID and a family role — with the 42
// CFR Part 2 consents the patient signed for disclosures to them
// (reference: plans-and-interop.md §2 "multiple participants with roles",
// §5.5). The identified patient is not a member.
//
// Consents hold the patient's consents in recording order; a consent's
// Description is PHI and is redacted by intervention.Consent's String,
// fmt and slog forms.
type Member struct {
	intervention.Participant
	Consents []intervention.Consent `json:"consents"`
}

// Validate reports every problem with m, each under its JSON path: a valid
// participant with a family role (ErrNotFamily at "role"), and valid,
// distinct consents.
func (m Member) Validate() error {
	errs := []error{m.Participant.Validate()}
	if m.Role.Valid() && !m.Role.IsFamily() {
		errs = append(errs, field("role", ErrNotFamily))
	}
	for i, c := range m.Consents {
		path := intervention.Index("consents", i)
		if err := c.Validate(); err != nil {
			errs = append(errs, intervention.Prefix(path, err))
		} else if slices.IndexFunc(m.Consents, func(o intervention.Consent) bool { return o.ID == c.ID }) < i {
			errs = append(errs, field(path+".id", intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

// permits reports whether one of consents permits disclosing the
// categories info of patient's records to the member with ID member on
// asOf for family involvement, and why not (intervention.FindConsent).
//
// The request names the member by ID only: a consent must name the member
// (DESIGN.md, "Privacy by construction": "consent naming that recipient");
// a consent naming only the class "family-member" does not permit. It must
// be the patient's, and its scope must cover every category in info; info
// empty is ConsentInvalid (every disclosure says what it discloses). When
// no consent permits, the reason is that of the most relevant consent:
// among those for family involvement naming the member, the one signed
// last (the last recorded on a tie); otherwise the last one recorded;
// ConsentWrongRecipient when the member has none.
func permits(patient, member uuid.UUID, consents []intervention.Consent, asOf intervention.Date,
	info []intervention.InfoCategory,
) (bool, intervention.ConsentReason) {
	i, why := intervention.FindConsent(consents, intervention.Disclosure{
		Patient:     patient,
		Recipient:   intervention.RecipientID(member),
		Purpose:     intervention.PurposeFamilyInvolvement,
		Information: info,
		AsOf:        asOf,
	})
	return i >= 0, why
}

// sessionInfo is what a session or recovery contract discloses to the
// family members it lists: intervention.FamilySessionInformation.
func sessionInfo() []intervention.InfoCategory {
	return []intervention.InfoCategory{intervention.FamilySessionInformation}
}

// consentUpdate reports how consent c relates to old, a recorded consent
// with the same ID: identical (same), a permitted update that only records
// a revocation or the expiry event's date that old lacked (update), or a
// conflict (neither).
func consentUpdate(old, c intervention.Consent) (same, update bool) {
	a, err1 := intervention.ConsentDocument(c).MarshalJSON() // the storage form holds the description
	b, err2 := intervention.ConsentDocument(old).MarshalJSON()
	if err1 != nil || err2 != nil {
		return false, false
	}
	if string(a) == string(b) {
		return true, false
	}
	merged := old
	if old.RevokedOn.IsZero() {
		merged.RevokedOn = c.RevokedOn
	}
	if old.ExpiryEventOccurred.IsZero() {
		merged.ExpiryEventOccurred = c.ExpiryEventOccurred
	}
	m, err := intervention.ConsentDocument(merged).MarshalJSON()
	return false, err == nil && string(m) == string(a)
}

func cloneMember(m Member) Member {
	m.Consents = cloneConsents(m.Consents)
	return m
}

func cloneConsents(cs []intervention.Consent) []intervention.Consent {
	if cs == nil {
		return nil
	}
	out := make([]intervention.Consent, len(cs))
	for i, c := range cs {
		c.Disclosers = slices.Clone(c.Disclosers)
		c.Information = slices.Clone(c.Information)
		c.Recipients = slices.Clone(c.Recipients)
		out[i] = c
	}
	return out
}

// String summarises m: its ID, role and consents in their redacted form
// (intervention.Consent.String never shows the description).
func (m Member) String() string {
	s := "Member{id=" + m.ID.String() + " role=" + enumText(string(m.Role), m.Role.Valid()) + " consents=["
	for i, c := range m.Consents {
		if i > 0 {
			s += " "
		}
		s += c.String()
	}
	return s + "]}"
}

// GoString is the %#v form: String with the package qualifier.
func (m Member) GoString() string { return "family." + m.String() }

// Format makes every fmt verb print the String form.
func (m Member) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, m.String(), m.GoString())
}

// LogValue implements slog.LogValuer: the ID, the role and each consent's
// redacted log value.
func (m Member) LogValue() slog.Value {
	consents := make([]slog.Attr, len(m.Consents))
	for i, c := range m.Consents {
		consents[i] = slog.Any(strconv.Itoa(i), c.LogValue())
	}
	return slog.GroupValue(
		slog.String("id", m.ID.String()),
		slog.String("role", enumText(string(m.Role), m.Role.Valid())),
		slog.Attr{Key: "consents", Value: slog.GroupValue(consents...)},
	)
}

// Members is a list of members; it logs and prints redacted like Member.
// Log a plain []Member as Members: slog's JSON handler would otherwise
// encode the slice as JSON, consent descriptions included.
type Members []Member

// String joins the members' String forms.
func (ms Members) String() string {
	s := "["
	for i, m := range ms {
		if i > 0 {
			s += " "
		}
		s += m.String()
	}
	return s + "]"
}

// Format makes every fmt verb print the String form.
func (ms Members) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, ms.String(), "family.Members"+ms.String())
}

// LogValue implements slog.LogValuer: each member's log value.
func (ms Members) LogValue() slog.Value {
	attrs := make([]slog.Attr, len(ms))
	for i, m := range ms {
		attrs[i] = slog.Any(strconv.Itoa(i), m.LogValue())
	}
	return slog.GroupValue(attrs...)
}
