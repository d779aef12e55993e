package brief

import (
	"encoding/json"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// SchemaVersion is the schemaVersion of an Intervention's JSON document.
// Version 2 names the time zone "timeZone", as every other document does;
// version 1 called it "location", and a version 1 document is upgraded
// when read (docs/schema-evolution.md).
const SchemaVersion = "2"

// ErrMalformedJSON means a document is not an Intervention's JSON form
// (bad syntax, an unknown field, a wrong type).
// The decoder's own message is dropped because it may quote the input.
var ErrMalformedJSON = fmt.Errorf("brief: malformed JSON: %w", intervention.ErrInvalid)

// ErrSchemaVersion means a document has a schemaVersion this version of
// the library does not read: malformed, newer (intervention.ErrNewerSchema)
// or older than any upgrade (intervention.ErrOlderSchema).
var ErrSchemaVersion = fmt.Errorf("brief: unsupported schemaVersion: %w", intervention.ErrUnknownValue)

// schema is the document's version contract: 1 → 2 renamed "location" to
// "timeZone".
var schema = wire.Schema{
	Current:  SchemaVersion,
	Upgrades: map[int]wire.Upgrade{1: upgradeV1},
	Refused:  ErrSchemaVersion,
}

// upgradeV1 rewrites a version 1 document as version 2.
func upgradeV1(doc *wire.Object) error { return doc.Rename("location", "timeZone") }

// document is the JSON form of an Intervention.
type document struct {
	SchemaVersion string      `json:"schemaVersion"`
	Config        Config      `json:"config"`
	TimeZone      string      `json:"timeZone"`
	Deliveries    []Delivered `json:"deliveries"`
	Referral      *Referral   `json:"referral,omitzero"`
}

// MarshalJSON refuses with intervention.ErrDocumentOnly: the intervention's JSON
// is its stored document, which holds PHI, and json.Marshal is also how
// loggers encode a slice of records. Use MarshalDocument.
func (b *Intervention) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// MarshalDocument encodes the intervention with its configuration, deliveries
// and referral. The time zone is written by name.
func (b *Intervention) MarshalDocument() ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	doc := document{SchemaVersion: SchemaVersion, Config: b.cfg, TimeZone: b.cfg.Location.String(), Deliveries: b.deliveries, Referral: b.referral}
	if doc.Deliveries == nil {
		doc.Deliveries = []Delivered{}
	}
	return json.Marshal(doc)
}

// UnmarshalJSON decodes the form MarshalJSON writes and rebuilds the
// intervention through New, Deliver, Refer and UpdateReferral, so a decoded
// intervention obeys every rule a recorded one does. Unknown fields are
// errors; a schemaVersion it does not read is ErrSchemaVersion at
// "schemaVersion", an unknown zone intervention.ErrUnknownValue at
// "timeZone". A version 1 document (whose zone key was "location") is
// upgraded first. On error *b is unchanged.
func (b *Intervention) UnmarshalJSON(data []byte) error {
	var doc document
	if err := schema.Decode(data, &doc, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	loc, ok := wire.Zone(doc.TimeZone)
	if !ok {
		return intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	doc.Config.Location = loc
	nb, err := New(doc.Config)
	if err != nil {
		return intervention.Prefix("config", err)
	}
	for i, d := range doc.Deliveries {
		got, err := nb.Deliver(d.Delivery)
		if err != nil {
			return intervention.Prefix(intervention.Index("deliveries", i), err)
		}
		if got.Billing != d.Billing || got.NegativeScreen != d.NegativeScreen {
			return intervention.Field(intervention.Index("deliveries", i)+".billing", intervention.ErrInconsistent)
		}
	}
	if r := doc.Referral; r != nil {
		if len(r.History) == 0 || r.History[0].Status != ReferralReferred {
			return intervention.Field("referral.history", intervention.ErrInconsistent)
		}
		if err := nb.Refer(r.ID, r.To, r.History[0].On, r.History[0].By); err != nil {
			return intervention.Prefix("referral", err)
		}
		for i, e := range r.History[1:] {
			if err := nb.UpdateReferral(e.Status, e.On, e.By); err != nil {
				return intervention.Prefix(intervention.Index("referral.history", i+1), err)
			}
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cfg, b.deliveries, b.referral = nb.cfg, nb.deliveries, nb.referral
	return nil
}
