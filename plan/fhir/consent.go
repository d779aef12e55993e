package fhir

import (
	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// relatedPerson adds the family member p (a participant with a family
// role): the host's opaque ID, the relationship — the local role code, with
// the v3-RoleCode where one matches exactly — and the patient. No name.
func (b *builder) relatedPerson(p intervention.Participant) Reference {
	rel := CodeableConcept{}
	if code, ok := roleRelationship(p.Role); ok {
		rel.Coding = append(rel.Coding, Coding{System: SystemRoleCode, Code: code})
	}
	rel.Coding = append(rel.Coding, local(SystemRole, string(p.Role)))
	return b.add(&RelatedPerson{
		Base:       Base{ID: ResourceID("RelatedPerson", p.ID)},
		Identifier: []Identifier{uuidIdentifier(p.ID)}, Patient: b.patient, Relationship: []CodeableConcept{rel},
	})
}

// consentStatus maps a consent's state on the document's date to
// Consent.status: in force → active; unsigned or signed later → proposed;
// revoked or expired → inactive (reference: plans-and-interop.md §5.5,
// rules P-CONSENT-1..3; intervention.Consent.Active).
func consentStatus(c intervention.Consent, asOf intervention.Date) string {
	_, why := c.Active(asOf)
	switch why {
	case intervention.ConsentPermitted:
		return "active"
	case intervention.ConsentNotSigned, intervention.ConsentNotYetSigned:
		return "proposed"
	case intervention.ConsentRevoked, intervention.ConsentExpired, intervention.ConsentInvalid,
		intervention.ConsentWrongPatient, intervention.ConsentWrongPurpose, intervention.ConsentWrongRecipient,
		intervention.ConsentCounselingNotesNeedSeparateConsent, intervention.ConsentInformationNotCovered:
		return "inactive"
	}
	return "inactive"
}

// lastDay returns the last day c is in force: the earliest of its expiry
// date, the day its expiry event occurred and the day before its
// revocation; zero when none is set.
func lastDay(c intervention.Consent) intervention.Date {
	var end intervention.Date
	for _, d := range []intervention.Date{c.ExpiresOn, c.ExpiryEventOccurred, c.RevokedOn.AddDays(-1)} {
		if !d.IsZero() && (end.IsZero() || d.Before(end)) {
			end = d
		}
	}
	return end
}

// recipient returns the reference of a consent recipient: a family member
// or staff member already in the document by ID; another ID as an
// Organization carrying only that ID; a class as a descriptive Group coded
// with the class.
func (b *builder) recipient(r intervention.Recipient) Reference {
	if r.ID != uuid.Nil {
		for _, rt := range []string{"RelatedPerson", "Practitioner"} {
			if res, ok := b.get(ResourceID(rt, r.ID)); ok {
				return refTo(res)
			}
		}
		return b.add(&Organization{Base: Base{ID: ResourceID("Organization", r.ID)}, Identifier: []Identifier{uuidIdentifier(r.ID)}})
	}
	return b.add(&Group{
		Base: Base{ID: ResourceID("Group", idNamespace(), "recipient-class", string(r.Class))},
		Type: "person", Actual: false, Code: conceptPtr(local(SystemRecipientClass, string(r.Class))),
	})
}

// consent adds the 42 CFR Part 2 consent c as a Consent resource: scope
// patient-privacy, the category of Options.ConsentCategory, policy rule
// v3-ActCode 42CFRPart2 (reference: plans-and-interop.md §5.1), status as of
// the document's date, and one permit provision: the period from the
// signature to the last day in force, each recipient as an information
// recipient (v3-ParticipationType IRCP), the action "disclose", the purpose
// and the information categories (local codes). The description of "other"
// information is clinical text. Disclosers have no R4 element and are not
// exported.
func (b *builder) consent(c intervention.Consent) Reference {
	prov := &ConsentProvision{
		Type:    "permit",
		Action:  []CodeableConcept{concept(local(systemConsentAction, "disclose"))},
		Purpose: []Coding{local(SystemPurpose, string(c.Purpose))},
	}
	if !c.SignedOn.IsZero() {
		prov.Period = &Period{Start: c.SignedOn.String(), End: lastDay(c).String()}
	}
	for _, r := range c.Recipients {
		prov.Actor = append(prov.Actor, ConsentActor{
			Role: concept(local(systemParticipationType, "IRCP")), Reference: b.recipient(r),
		})
	}
	for _, cat := range c.Information {
		cc := concept(local(SystemInfoCategory, string(cat)))
		if cat == intervention.InfoOther {
			cc.Text = b.clinical(c.Description.Reveal())
		}
		prov.Code = append(prov.Code, cc)
	}
	res := &Consent{
		Base:       Base{ID: ResourceID("Consent", c.ID)},
		Identifier: []Identifier{uuidIdentifier(c.ID)},
		Status:     consentStatus(c, b.asOf),
		Scope:      concept(local(systemConsentScope, "patient-privacy")),
		Category:   []CodeableConcept{concept(b.opts.consentCategory())},
		Patient:    &b.patient,
		DateTime:   c.SignedOn.String(),
		PolicyRule: conceptPtr(local(SystemActCode, "42CFRPart2")),
		Provision:  prov,
	}
	if c.SignedBy == intervention.SignerPatient && !c.SignedOn.IsZero() {
		res.Performer = []Reference{b.patient}
	}
	return b.add(res)
}
