package motivation

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// SchemaVersion is the schemaVersion of the component's JSON form.
const SchemaVersion = "1"

// schema is the document's version contract (docs/schema-evolution.md):
// one major version so far, so no upgrade step.
var schema = wire.Schema{Current: SchemaVersion, Refused: ErrSchemaVersion}

// componentJSON is the wire form of a Component. Key order is part of the
// contract (testdata/component.golden.json).
type componentJSON struct {
	SchemaVersion   string                 `json:"schemaVersion"`
	ID              uuid.UUID              `json:"id"`
	Patient         uuid.UUID              `json:"patient"`
	Target          Behavior               `json:"target"`
	PlannedSessions int                    `json:"plannedSessions"`
	TimeZone        string                 `json:"timeZone"`
	Thresholds      MITIThresholds         `json:"thresholds"`
	Sessions        []MISession            `json:"sessions"`
	Stages          []StageAssessment      `json:"stages"`
	Ratings         []RulerRating          `json:"ratings"`
	ClientLanguage  []ClientLanguageCoding `json:"clientLanguage"`
	Fidelity        []MITICoding           `json:"fidelity"`
	Balances        []balanceDoc           `json:"balances"`
	ChangePlans     []changePlanDoc        `json:"changePlans"`
}

// MarshalJSON refuses with intervention.ErrDocumentOnly: the component's JSON
// is its stored document, which holds PHI, and json.Marshal is also how
// loggers encode a slice of records. Use MarshalDocument.
func (c *Component) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// MarshalDocument encodes the component as a document with schemaVersion "1":
// its configuration (the time zone by IANA name) and every record in
// recording order. The document holds worksheet and change-plan text: store
// it only where PHI may be stored. A zero (invalid) Component is an error.
func (c *Component) MarshalDocument() ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if err := c.cfg.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(componentJSON{
		SchemaVersion:   SchemaVersion,
		ID:              c.cfg.ID,
		Patient:         c.cfg.Patient,
		Target:          c.cfg.Target,
		PlannedSessions: c.cfg.PlannedSessions,
		TimeZone:        c.cfg.location().String(),
		Thresholds:      c.cfg.Thresholds,
		Sessions:        wire.List(c.sessions),
		Stages:          wire.List(c.stages.entries),
		Ratings:         wire.List(c.ratings),
		ClientLanguage:  wire.List(c.talk),
		Fidelity:        wire.List(c.fidelity),
		Balances:        wire.List(wire.Map(c.balances, DecisionalBalance.doc)),
		ChangePlans:     wire.List(wire.Map(c.plans, ChangePlan.doc)),
	})
}

// UnmarshalJSON decodes a document MarshalJSON wrote, checking it as
// strictly as recording does: every record is replayed through the
// Add/Record/Revise methods, so a document that could not have been built
// that way is rejected. Errors wrap intervention.ErrInvalid: ErrMalformedJSON
// for syntax, type and unknown-key errors, ErrSchemaVersion at
// "schemaVersion", an unknown time zone at "timeZone", and record problems
// under their list path ("stages[2].corrects"); a repeated record is
// intervention.ErrDuplicate. On error *c is unchanged. As encoding/json does
// for other types, JSON null is a no-op.
func (c *Component) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	fresh, err := decodeComponent(b)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg, c.sessions, c.stages, c.ratings = fresh.cfg, fresh.sessions, fresh.stages, fresh.ratings
	c.talk, c.fidelity, c.balances, c.plans = fresh.talk, fresh.fidelity, fresh.balances, fresh.plans
	return nil
}

// ParseComponent decodes a component document (see UnmarshalJSON).
func ParseComponent(b []byte) (*Component, error) { return decodeComponent(b) }

func decodeComponent(b []byte) (*Component, error) {
	var w componentJSON
	if err := schema.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	loc, ok := wire.Zone(w.TimeZone)
	if !ok {
		return nil, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	c, err := New(Config{
		ID: w.ID, Patient: w.Patient, Target: w.Target, PlannedSessions: w.PlannedSessions,
		Thresholds: w.Thresholds, Location: loc,
	})
	if err != nil {
		return nil, err
	}
	if w.Thresholds.IsZero() {
		return nil, field("thresholds", intervention.ErrMissing)
	}
	var errs []error
	add := func(path string, i int, replayed bool, err error) {
		p := intervention.Index(path, i)
		idPath := p + ".id"
		if path == "sessions" {
			idPath = p + ".session.id"
		}
		if err != nil {
			errs = append(errs, intervention.Prefix(p, err))
		} else if replayed {
			errs = append(errs, field(idPath, intervention.ErrDuplicate))
		}
	}
	for i, s := range w.Sessions {
		r, err := c.AddSession(s)
		add("sessions", i, r, err)
	}
	for i, s := range w.Stages {
		r, err := c.RecordStage(s)
		add("stages", i, r, err)
	}
	for i, s := range w.Ratings {
		r, err := c.RecordRating(s)
		add("ratings", i, r, err)
	}
	for i, s := range w.ClientLanguage {
		r, err := c.RecordClientLanguage(s)
		add("clientLanguage", i, r, err)
	}
	for i, s := range w.Fidelity {
		r, err := c.RecordFidelity(s)
		add("fidelity", i, r, err)
	}
	for i, s := range w.Balances {
		r, err := c.AddBalance(s.balance())
		add("balances", i, r, err)
	}
	for i, s := range w.ChangePlans {
		r, err := c.RevisePlan(s.plan())
		add("changePlans", i, r, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}
