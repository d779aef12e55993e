package intervention

import (
	"bytes"
	"encoding/json"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// ConsentDocument is the storage form of a Consent: the same value, whose
// JSON holds the Description itself (a Consent's own JSON form redacts it).
// Store and read consents through it, only where PHI may be stored:
//
//	b, err := json.Marshal(intervention.ConsentDocument(c))
//	var d intervention.ConsentDocument
//	err = json.Unmarshal(b, &d) // validated; c = intervention.Consent(d)
//
// Documents that hold consents (a family therapy) use it for them. Printing
// a ConsentDocument redacts like a Consent: its Description is a Text.
type ConsentDocument Consent

// consentDoc is the wire form of a ConsentDocument: Consent's fields, keys
// and order, with the Description as a string. TestConsentDocumentMirrorsConsent
// fails when the two drift apart.
type consentDoc struct {
	ID                  uuid.UUID      `json:"id"`
	Patient             uuid.UUID      `json:"patient"`
	Disclosers          []Discloser    `json:"disclosers"`
	Information         []InfoCategory `json:"information"`
	Description         string         `json:"description,omitzero"`
	Recipients          []Recipient    `json:"recipients"`
	Purpose             Purpose        `json:"purpose"`
	ExpiresOn           Date           `json:"expiresOn,omitzero"`
	ExpiryEvent         ExpiryEvent    `json:"expiryEvent,omitzero"`
	ExpiryEventOccurred Date           `json:"expiryEventOccurred,omitzero"`
	SignedOn            Date           `json:"signedOn,omitzero"`
	SignedBy            Signer         `json:"signedBy,omitzero"`
	RevokedOn           Date           `json:"revokedOn,omitzero"`
}

// MarshalJSON encodes the consent with lowerCamelCase keys, enums as text,
// dates as "YYYY-MM-DD", empty optional fields omitted, and the
// Description as itself. An invalid consent is an error (from Validate), so
// an invalid consent is never stored.
func (d ConsentDocument) MarshalJSON() ([]byte, error) {
	c := Consent(d)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(consentDoc{
		ID: c.ID, Patient: c.Patient, Disclosers: c.Disclosers, Information: c.Information,
		Description: c.Description.Reveal(), Recipients: c.Recipients, Purpose: c.Purpose, ExpiresOn: c.ExpiresOn,
		ExpiryEvent: c.ExpiryEvent, ExpiryEventOccurred: c.ExpiryEventOccurred, SignedOn: c.SignedOn,
		SignedBy: c.SignedBy, RevokedOn: c.RevokedOn,
	})
}

// UnmarshalJSON decodes and validates a consent. An unknown enum value, a
// bad date or any Validate problem is an error wrapping ErrInvalid (syntax
// and type errors are ErrMalformedJSON); on error *d is unchanged. As
// encoding/json does for other types, JSON null is a no-op.
func (d *ConsentDocument) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var v consentDoc
	if err := wire.Decode(b, &v, ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	c := Consent{
		ID: v.ID, Patient: v.Patient, Disclosers: v.Disclosers, Information: v.Information,
		Description: NewText(v.Description), Recipients: v.Recipients, Purpose: v.Purpose, ExpiresOn: v.ExpiresOn,
		ExpiryEvent: v.ExpiryEvent, ExpiryEventOccurred: v.ExpiryEventOccurred, SignedOn: v.SignedOn,
		SignedBy: v.SignedBy, RevokedOn: v.RevokedOn,
	}
	if err := c.Validate(); err != nil {
		return err
	}
	*d = ConsentDocument(c)
	return nil
}
