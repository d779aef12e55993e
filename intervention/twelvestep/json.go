package twelvestep

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

// facilitationJSON is the wire form of a Facilitation. Key order is part of
// the contract (testdata/facilitation.golden.json).
type facilitationJSON struct {
	SchemaVersion         string                 `json:"schemaVersion"`
	ID                    uuid.UUID              `json:"id"`
	Patient               uuid.UUID              `json:"patient"`
	TimeZone              string                 `json:"timeZone"`
	Curriculum            Curriculum             `json:"curriculum"`
	Adapted               bool                   `json:"adapted"`
	JourneyStart          intervention.Date      `json:"journeyStart,omitzero"`
	Milestones            MilestoneSchedule      `json:"milestones"`
	AttendanceTarget      AttendanceTarget       `json:"attendanceTarget"`
	InvolvementWindowDays int                    `json:"involvementWindowDays"`
	ConsentPurposes       []intervention.Purpose `json:"consentPurposes"`
	Sessions              []intervention.Session `json:"sessions"`
	Consents              []intervention.Consent `json:"consents"`
	Meetings              []Meeting              `json:"meetings"`
	Affiliations          []Affiliation          `json:"affiliations"`
	StepWork              []StepWork             `json:"stepWork"`
	Service               []ServiceCommitment    `json:"service"`
	Slips                 []Slip                 `json:"slips"`
	Retractions           []SlipRetraction       `json:"retractions"`
}

// MarshalJSON refuses with intervention.ErrDocumentOnly: the facilitation's JSON
// is its stored document, which holds PHI, and json.Marshal is also how
// loggers encode a slice of records. Use MarshalDocument.
func (f *Facilitation) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// MarshalDocument encodes the component as a document with schemaVersion "1":
// its configuration with the defaults in use (the time zone by IANA name)
// and every record in recording order (consents in their latest state). The
// document holds sobriety dates: store it where PHI may be stored. A zero
// (invalid) Facilitation is an error.
func (f *Facilitation) MarshalDocument() ([]byte, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err := f.cfg.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(facilitationJSON{
		SchemaVersion:         SchemaVersion,
		ID:                    f.cfg.ID,
		Patient:               f.cfg.Patient,
		TimeZone:              f.cfg.location().String(),
		Curriculum:            f.cfg.Curriculum,
		Adapted:               f.cfg.Adapted,
		JourneyStart:          f.cfg.JourneyStart,
		Milestones:            f.cfg.Milestones,
		AttendanceTarget:      f.cfg.Target,
		InvolvementWindowDays: f.cfg.InvolvementWindowDays,
		ConsentPurposes:       f.cfg.ConsentPurposes,
		Sessions:              wire.List(f.sessions),
		Consents:              wire.List(f.consents),
		Meetings:              wire.List(f.meetings),
		Affiliations:          wire.List(f.affiliations),
		StepWork:              wire.List(f.steps),
		Service:               wire.List(f.service),
		Slips:                 wire.List(f.slips),
		Retractions:           wire.List(f.retractions),
	})
}

// UnmarshalJSON decodes a document MarshalJSON wrote, checking it as
// strictly as recording does: every record is replayed through the
// Add/Record methods, so a document that could not have been built that way
// is rejected. Errors wrap intervention.ErrInvalid: ErrMalformedJSON for
// syntax, type, unknown-key and trailing-data errors, ErrSchemaVersion at
// "schemaVersion", an unknown time zone at "timeZone", a missing
// configuration value (milestones, attendanceTarget, involvementWindowDays,
// consentPurposes) as intervention.ErrMissing, and record problems under
// their list path ("slips[2].on"); a repeated record is
// intervention.ErrDuplicate. On error *f is unchanged. As encoding/json does
// for other types, JSON null is a no-op.
func (f *Facilitation) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	fresh, err := decodeFacilitation(b)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg, f.sessions, f.consents, f.meetings = fresh.cfg, fresh.sessions, fresh.consents, fresh.meetings
	f.affiliations, f.steps, f.service = fresh.affiliations, fresh.steps, fresh.service
	f.slips, f.retractions = fresh.slips, fresh.retractions
	return nil
}

// ParseFacilitation decodes a component document (see UnmarshalJSON).
func ParseFacilitation(b []byte) (*Facilitation, error) { return decodeFacilitation(b) }

func decodeFacilitation(b []byte) (*Facilitation, error) {
	var w facilitationJSON
	if err := schema.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	loc, ok := wire.Zone(w.TimeZone)
	if !ok {
		return nil, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	var errs []error
	missing := func(path string, zero bool) {
		if zero {
			errs = append(errs, field(path, intervention.ErrMissing))
		}
	}
	missing("milestones", w.Milestones.IsZero())
	missing("attendanceTarget", w.AttendanceTarget.IsZero())
	missing("involvementWindowDays", w.InvolvementWindowDays == 0)
	missing("consentPurposes", len(w.ConsentPurposes) == 0)
	f, err := New(Config{
		ID: w.ID, Patient: w.Patient, Curriculum: w.Curriculum, Adapted: w.Adapted,
		JourneyStart: w.JourneyStart, Milestones: w.Milestones, Target: w.AttendanceTarget,
		InvolvementWindowDays: w.InvolvementWindowDays, ConsentPurposes: w.ConsentPurposes, Location: loc,
	})
	if err != nil || len(errs) > 0 {
		return nil, errors.Join(append(errs, err)...)
	}
	add := func(path string, i int, replayed bool, err error) {
		p := intervention.Index(path, i)
		if err != nil {
			errs = append(errs, intervention.Prefix(p, err))
		} else if replayed {
			errs = append(errs, field(p+".id", intervention.ErrDuplicate))
		}
	}
	replayAll(w.Sessions, "sessions", f.AddSession, add)
	for i, c := range w.Consents {
		// A consent recorded twice is a duplicate even when the second
		// copy would advance the first: the document holds each once.
		if find(f.consents, c.ID, consentID) >= 0 {
			add("consents", i, true, nil)
			continue
		}
		r, err := f.RecordConsent(c)
		add("consents", i, r, err)
	}
	replayAll(w.Meetings, "meetings", f.RecordMeeting, add)
	replayAll(w.Affiliations, "affiliations", f.RecordAffiliation, add)
	replayAll(w.StepWork, "stepWork", f.RecordStepWork, add)
	replayAll(w.Service, "service", f.AddService, add)
	replayAll(w.Slips, "slips", f.RecordSlip, add)
	replayAll(w.Retractions, "retractions", f.RetractSlip, add)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f, nil
}

// replayAll records every element of list with record, reporting each
// outcome to add.
func replayAll[T any](list []T, path string, record func(T) (bool, error), add func(string, int, bool, error)) {
	for i, v := range list {
		r, err := record(v)
		add(path, i, r, err)
	}
}
