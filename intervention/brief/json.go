package brief

import (
	"encoding/json"
	"fmt"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// SchemaVersion is the schemaVersion of an Intervention's JSON document.
const SchemaVersion = "1"

// ErrMalformedJSON means a document is not an Intervention's JSON form
// (bad syntax, an unknown field, a wrong schemaVersion, an unknown zone).
// The decoder's own message is dropped because it may quote the input.
var ErrMalformedJSON = fmt.Errorf("brief: malformed JSON: %w", intervention.ErrInvalid)

// document is the JSON form of an Intervention.
type document struct {
	SchemaVersion string      `json:"schemaVersion"`
	Config        Config      `json:"config"`
	Location      string      `json:"location"`
	Deliveries    []Delivered `json:"deliveries"`
	Referral      *Referral   `json:"referral,omitzero"`
}

// MarshalJSON encodes the intervention with its configuration, deliveries
// and referral. The time zone is written by name.
func (b *Intervention) MarshalJSON() ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	doc := document{SchemaVersion: SchemaVersion, Config: b.cfg, Location: b.cfg.Location.String(), Deliveries: b.deliveries, Referral: b.referral}
	if doc.Deliveries == nil {
		doc.Deliveries = []Delivered{}
	}
	return json.Marshal(doc)
}

// UnmarshalJSON decodes the form MarshalJSON writes and rebuilds the
// intervention through New, Deliver, Refer and UpdateReferral, so a decoded
// intervention obeys every rule a recorded one does. Unknown fields are
// errors. On error *b is unchanged.
func (b *Intervention) UnmarshalJSON(data []byte) error {
	var doc document
	if err := wire.Decode(data, &doc, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	if doc.SchemaVersion != SchemaVersion {
		return intervention.Field("schemaVersion", ErrMalformedJSON)
	}
	loc, ok := wire.Zone(doc.Location)
	if !ok {
		return ErrMalformedJSON
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
