package cbt

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// SchemaVersion is the schemaVersion of the course's JSON form.
const SchemaVersion = "1"

// schema is the document's version contract (docs/schema-evolution.md):
// one major version so far, so no upgrade step.
var schema = wire.Schema{Current: SchemaVersion, Refused: ErrSchemaVersion}

// courseJSON is the wire form of a Course. Key order is part of the
// contract (testdata/course.golden.json).
type courseJSON struct {
	SchemaVersion       string           `json:"schemaVersion"`
	ID                  uuid.UUID        `json:"id"`
	Patient             uuid.UUID        `json:"patient"`
	Curriculum          Curriculum       `json:"curriculum"`
	PlannedSessions     int              `json:"plannedSessions"`
	ManualFidelity      bool             `json:"manualFidelity"`
	TimeZone            string           `json:"timeZone"`
	SessionIntervalDays int              `json:"sessionIntervalDays"`
	TrendDays           int              `json:"trendDays"`
	Sessions            []Session        `json:"sessions"`
	Homework            []Homework       `json:"homework"`
	HomeworkUpdates     []HomeworkUpdate `json:"homeworkUpdates"`
	Analyses            []analysisDoc    `json:"analyses"`
	Urges               []Urge           `json:"urges"`
}

// MarshalJSON refuses with intervention.ErrDocumentOnly: the course's JSON
// is its stored document, which holds PHI, and json.Marshal is also how
// loggers encode a slice of records. Use MarshalDocument.
func (c *Course) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// MarshalDocument encodes the course as a document with schemaVersion "1": its
// configuration (the curriculum in full, the time zone by IANA name) and
// every record in recording order. The document holds functional-analysis
// text: store it only where PHI may be stored. A zero (invalid) Course is
// an error.
func (c *Course) MarshalDocument() ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if err := c.cfg.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(courseJSON{
		SchemaVersion:       SchemaVersion,
		ID:                  c.cfg.ID,
		Patient:             c.cfg.Patient,
		Curriculum:          c.cfg.Curriculum,
		PlannedSessions:     c.cfg.PlannedSessions,
		ManualFidelity:      c.cfg.ManualFidelity,
		TimeZone:            c.cfg.location().String(),
		SessionIntervalDays: c.cfg.SessionIntervalDays,
		TrendDays:           c.cfg.TrendDays,
		Sessions:            wire.List(c.sessions),
		Homework:            wire.List(c.homework),
		HomeworkUpdates:     wire.List(c.updates),
		Analyses:            wire.List(wire.Map(c.analyses, FunctionalAnalysis.doc)),
		Urges:               wire.List(c.urges),
	})
}

// UnmarshalJSON decodes a document MarshalJSON wrote, checking it as
// strictly as recording does: every record is replayed through the
// Add/Assign/Update/Record methods in list order (sessions, homework,
// homework updates, analyses, urges), so a document that could not have
// been built that way is rejected. Errors wrap intervention.ErrInvalid:
// ErrMalformedJSON for syntax, type, unknown-key and trailing-data errors,
// ErrSchemaVersion at "schemaVersion", an unknown time zone at "timeZone",
// trendDays 0 at "trendDays", configuration problems at their path
// ("curriculum.topics[2].code") and record problems under their list path
// ("homeworkUpdates[1].status"); a repeated record is
// intervention.ErrDuplicate. On error *c is unchanged. As encoding/json does
// for other types, JSON null is a no-op.
func (c *Course) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	fresh, err := decodeCourse(b)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg, c.sessions, c.homework, c.updates = fresh.cfg, fresh.sessions, fresh.homework, fresh.updates
	c.analyses, c.urges = fresh.analyses, fresh.urges
	return nil
}

// ParseCourse decodes a course document (see UnmarshalJSON).
func ParseCourse(b []byte) (*Course, error) { return decodeCourse(b) }

func decodeCourse(b []byte) (*Course, error) {
	var w courseJSON
	if err := schema.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	loc, ok := wire.Zone(w.TimeZone)
	if !ok {
		return nil, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	if w.TrendDays == 0 {
		return nil, field("trendDays", intervention.ErrMissing)
	}
	c, err := New(Config{
		ID: w.ID, Patient: w.Patient, Curriculum: w.Curriculum, PlannedSessions: w.PlannedSessions,
		ManualFidelity: w.ManualFidelity, Location: loc, SessionIntervalDays: w.SessionIntervalDays,
		TrendDays: w.TrendDays,
	})
	if err != nil {
		return nil, err
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
	for i, h := range w.Homework {
		r, err := c.AssignHomework(h)
		add("homework", i, r, err)
	}
	for i, u := range w.HomeworkUpdates {
		r, err := c.UpdateHomework(u)
		add("homeworkUpdates", i, r, err)
	}
	for i, a := range w.Analyses {
		r, err := c.AddAnalysis(a.analysis())
		add("analyses", i, r, err)
	}
	for i, u := range w.Urges {
		r, err := c.RecordUrge(u)
		add("urges", i, r, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}
