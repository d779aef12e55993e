package family

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// SchemaVersion is the schemaVersion of the therapy's JSON form.
const SchemaVersion = "1"

// schema is the document's version contract (docs/schema-evolution.md):
// one major version so far, so no upgrade step.
var schema = wire.Schema{Current: SchemaVersion, Refused: ErrSchemaVersion}

// therapyJSON is the wire form of a Therapy. Key order is part of the
// contract (testdata/therapy.golden.json).
type therapyJSON struct {
	SchemaVersion   string             `json:"schemaVersion"`
	ID              uuid.UUID          `json:"id"`
	Patient         uuid.UUID          `json:"patient"`
	Model           Model              `json:"model"`
	PlannedSessions int                `json:"plannedSessions"`
	TimeZone        string             `json:"timeZone"`
	Strain          StrainPolicy       `json:"strain"`
	Members         []memberDoc        `json:"members"`
	Sessions        []Session          `json:"sessions"`
	DVScreens       []DVScreen         `json:"dvScreens"`
	Invitations     []Invitation       `json:"invitations"`
	TreatmentEntry  intervention.Date  `json:"treatmentEntry"`
	Contracts       []RecoveryContract `json:"contracts"`
	Calendar        []CalendarEntry    `json:"calendar"`
	StrainCheckIns  []StrainCheckIn    `json:"strainCheckIns"`
}

// MarshalJSON refuses with intervention.ErrDocumentOnly: the therapy's JSON
// is its stored document, which holds PHI, and json.Marshal is also how
// loggers encode a slice of records. Use MarshalDocument.
func (t *Therapy) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// MarshalDocument encodes the therapy as a document with schemaVersion "1": its
// configuration (the time zone by IANA name), the members with their
// consents in their current state, and every record in recording order;
// treatmentEntry is "" until recorded. Consent descriptions are PHI: store
// the document only where PHI may be stored. A zero (invalid) Therapy is
// an error.
func (t *Therapy) MarshalDocument() ([]byte, error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if err := t.cfg.Validate(); err != nil {
		return nil, err
	}
	members := make([]memberDoc, len(t.members))
	for i, m := range t.members {
		members[i] = m.doc()
	}
	return json.Marshal(therapyJSON{
		SchemaVersion:   SchemaVersion,
		ID:              t.cfg.ID,
		Patient:         t.cfg.Patient,
		Model:           t.cfg.Model,
		PlannedSessions: t.cfg.PlannedSessions,
		TimeZone:        t.cfg.location().String(),
		Strain:          t.cfg.Strain,
		Members:         members,
		Sessions:        wire.List(t.sessions),
		DVScreens:       wire.List(t.screens),
		Invitations:     wire.List(t.invitations),
		TreatmentEntry:  t.entry,
		Contracts:       wire.List(t.contracts),
		Calendar:        wire.List(t.calendar),
		StrainCheckIns:  wire.List(t.strain),
	})
}

// UnmarshalJSON decodes a document MarshalJSON wrote, checking it as
// strictly as recording does: every record is replayed through the
// Add/Record methods in document order (members, sessions, DV screens,
// invitations, treatment entry, contracts, calendar, strain check-ins), so
// a document that could not have been built that way — a session without a
// permitting consent, a calendar day outside every contract — is rejected.
// Errors wrap intervention.ErrInvalid: ErrMalformedJSON for syntax, type
// and unknown-key errors, ErrSchemaVersion at "schemaVersion", an unknown
// time zone at "timeZone", a zero strain policy at "strain", and record
// problems under their list path ("sessions[2].session.participants[1]");
// a repeated record is intervention.ErrDuplicate. On error *t is unchanged.
// As encoding/json does for other types, JSON null is a no-op.
func (t *Therapy) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	fresh, err := decodeTherapy(b)
	if err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cfg, t.members, t.sessions, t.screens = fresh.cfg, fresh.members, fresh.sessions, fresh.screens
	t.invitations, t.entry, t.contracts = fresh.invitations, fresh.entry, fresh.contracts
	t.calendar, t.strain = fresh.calendar, fresh.strain
	return nil
}

// ParseTherapy decodes a therapy document (see UnmarshalJSON).
func ParseTherapy(b []byte) (*Therapy, error) { return decodeTherapy(b) }

func decodeTherapy(b []byte) (*Therapy, error) {
	var w therapyJSON
	if err := schema.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	loc, ok := wire.Zone(w.TimeZone)
	if !ok {
		return nil, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	if w.Strain.IsZero() {
		return nil, field("strain", intervention.ErrMissing)
	}
	t, err := New(Config{
		ID: w.ID, Patient: w.Patient, Model: w.Model, PlannedSessions: w.PlannedSessions,
		Strain: w.Strain, Location: loc,
	})
	if err != nil {
		return nil, err
	}
	var errs []error
	add := func(path string, i int, idPath string, replayed bool, err error) {
		p := intervention.Index(path, i)
		if err != nil {
			errs = append(errs, intervention.Prefix(p, err))
		} else if replayed {
			errs = append(errs, field(intervention.JoinPath(p, idPath), intervention.ErrDuplicate))
		}
	}
	seen := map[uuid.UUID]bool{}
	for i, m := range w.Members {
		if seen[m.ID] {
			add("members", i, "id", true, nil)
			continue
		}
		seen[m.ID] = true
		_, err := t.AddMember(m.member())
		add("members", i, "id", false, err)
	}
	if len(errs) == 0 { // sessions and contracts need the members
		for i, s := range w.Sessions {
			_, r, err := t.AddSession(s)
			add("sessions", i, "session.id", r, err)
		}
	}
	for i, d := range w.DVScreens {
		r, err := t.RecordDVScreen(d)
		add("dvScreens", i, "id", r, err)
	}
	for i, v := range w.Invitations {
		r, err := t.RecordInvitation(v)
		add("invitations", i, "id", r, err)
	}
	if !w.TreatmentEntry.IsZero() {
		if _, err := t.RecordTreatmentEntry(w.TreatmentEntry); err != nil {
			errs = append(errs, err)
		}
	}
	for i, c := range w.Contracts {
		r, err := t.AddContract(c)
		add("contracts", i, "id", r, err)
	}
	for i, e := range w.Calendar {
		r, err := t.RecordDay(e)
		add("calendar", i, "day", r, err)
	}
	for i, c := range w.StrainCheckIns {
		r, err := t.RecordStrain(c)
		add("strainCheckIns", i, "id", r, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}
