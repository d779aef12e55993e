package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// coachingModality is the host's own modality: peer recovery coaching,
// which the library does not model. Host modalities start with "x-".
const coachingModality intervention.Modality = "x-peer-coaching"

// The measure and due-item codes the host's component reports.
const (
	measureContacts = "x-peer-coaching.contacts"
	measureMinutes  = "x-peer-coaching.minutes"
	dueContact      = "x-peer-coaching.next-contact"
)

// coachingSchemaVersion is the schemaVersion of the host's component
// document.
const coachingSchemaVersion = "1"

// maxContactMinutes bounds a contact's length (a data-entry bound).
const maxContactMinutes = 480

// coaching is the host's own plan component: peer recovery coaching
// contacts. It implements intervention.Component, so a plan holds it beside
// the library's components, its Progress rolls up with theirs, and the
// host's codec stores it in the plan document.
type coaching struct {
	id       uuid.UUID
	patient  uuid.UUID
	contacts []contact
}

// contact is one peer-coaching contact: when, how long, and the coach's
// opaque ID.
type contact struct {
	At      time.Time `json:"at"`
	Minutes int       `json:"minutes"`
	Coach   uuid.UUID `json:"coach"`
}

var _ intervention.Component = (*coaching)(nil)

// ID returns the component's ID.
func (c *coaching) ID() uuid.UUID { return c.id }

// Modality returns coachingModality.
func (c *coaching) Modality() intervention.Modality { return coachingModality }

// Validate reports every problem, each under its JSON path, wrapping
// intervention.ErrInvalid and never echoing a value.
func (c *coaching) Validate() error {
	var errs []error
	if c.id == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.patient == uuid.Nil {
		errs = append(errs, intervention.Field("patient", intervention.ErrMissing))
	}
	for i, k := range c.contacts {
		path := intervention.Index("contacts", i)
		if k.At.IsZero() {
			errs = append(errs, intervention.Field(path+".at", intervention.ErrMissing))
		}
		if k.Minutes < 1 || k.Minutes > maxContactMinutes {
			errs = append(errs, intervention.Field(path+".minutes", intervention.ErrOutOfRange))
		}
		if k.Coach == uuid.Nil {
			errs = append(errs, intervention.Field(path+".coach", intervention.ErrMissing))
		}
	}
	return errors.Join(errs...)
}

// Progress counts the contacts and minutes up to asOf; the next contact is
// due a week after the last one.
func (c *coaching) Progress(asOf time.Time) intervention.Progress {
	n, minutes := 0, 0
	for _, k := range c.contacts {
		if !k.At.After(asOf) {
			n++
			minutes += k.Minutes
		}
	}
	p := intervention.Progress{Component: c.id, Modality: coachingModality, AsOf: asOf, Status: intervention.StatusNotStarted,
		Measures: []intervention.Measure{
			{Code: measureContacts, Unit: "contacts", Value: intervention.RatioOf(n, 1)},
			{Code: measureMinutes, Unit: "minutes", Value: intervention.RatioOf(minutes, 1)},
		}}
	if last, ok := c.lastContact(asOf); ok {
		p.Status = intervention.StatusActive
		// The next contact is due by the end of the seventh day after the
		// last one, counted in UTC, the zone this host's contacts are kept in.
		lastDay, _ := intervention.DateOf(last, time.UTC)
		today, _ := intervention.DateOf(asOf, time.UTC)
		by := lastDay.AddDays(7)
		p.Due = []intervention.Due{{Code: dueContact, By: by, Overdue: today.After(by)}}
	}
	return p
}

// lastContact returns the time of the last contact up to asOf.
func (c *coaching) lastContact(asOf time.Time) (time.Time, bool) {
	var last time.Time
	for _, k := range c.contacts {
		if !k.At.After(asOf) && k.At.After(last) {
			last = k.At
		}
	}
	return last, !last.IsZero()
}

// coachingJSON is the wire form of the host's component.
type coachingJSON struct {
	SchemaVersion string    `json:"schemaVersion"`
	ID            uuid.UUID `json:"id"`
	Patient       uuid.UUID `json:"patient"`
	Contacts      []contact `json:"contacts"`
}

// errCoachingDocument means a peer-coaching document is malformed or of
// another schema version.
var errCoachingDocument = fmt.Errorf("peer coaching: bad document: %w", intervention.ErrInvalid)

// coachingCodec is the host's codec for its component, registered with
// plan.WithComponentCodec: it writes the wire form and reads it strictly
// (unknown keys, trailing data and another schema version are errors),
// then validates.
func coachingCodec() plan.ComponentCodec {
	return plan.ComponentCodec{
		Encode: func(c intervention.Component) (json.RawMessage, error) {
			pc, ok := c.(*coaching)
			if !ok {
				return nil, intervention.Field("modality", intervention.ErrInconsistent)
			}
			contacts := pc.contacts
			if contacts == nil {
				contacts = []contact{}
			}
			return json.Marshal(coachingJSON{SchemaVersion: coachingSchemaVersion, ID: pc.id, Patient: pc.patient, Contacts: contacts})
		},
		Decode: func(doc json.RawMessage) (intervention.Component, error) {
			var w coachingJSON
			dec := json.NewDecoder(bytes.NewReader(doc))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&w); err != nil || dec.More() {
				return nil, errCoachingDocument
			}
			if w.SchemaVersion != coachingSchemaVersion {
				return nil, intervention.Field("schemaVersion", errCoachingDocument)
			}
			c := &coaching{id: w.ID, patient: w.Patient, contacts: w.Contacts}
			if err := c.Validate(); err != nil {
				return nil, err
			}
			return c, nil
		},
	}
}
