package twelvestep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// DefaultInvolvementWindowDays is the default attendance window of
// Involvement: 90 days, the past-three-months frame of MM-HAS (reference:
// plans-and-interop.md §3.4). [design default]
const DefaultInvolvementWindowDays = 90

// DefaultConsentPurposes returns the consent purposes that let a
// significant other take part in a session by default: family involvement
// and "at the request of the patient" (reference: plans-and-interop.md
// §5.5).
func DefaultConsentPurposes() []intervention.Purpose {
	return []intervention.Purpose{intervention.PurposeFamilyInvolvement, intervention.PurposePatientRequest}
}

// Config is what a Facilitation is built from. Zero optional fields take
// the documented defaults, and New stores the values it will use.
type Config struct {
	// ID is the component's stable identifier within the plan.
	ID uuid.UUID
	// Patient is the host's opaque ID of the patient; the patient must take
	// part in every session added, and consents must be the patient's.
	Patient uuid.UUID
	// Curriculum is the session catalogue (MATCHTSF, MAAEZ or the
	// programme's own); required.
	Curriculum Curriculum
	// Adapted says the programme delivers an adapted MAAEZ rather than the
	// manual: C-MAAEZ-1 findings are then warnings instead of errors (the
	// reference rates the rule "Error for fidelity mode"). It does not
	// change C-TSF-1.
	Adapted bool
	// JourneyStart is the first day of the patient's clean time (the
	// original sobriety date); zero when clean time is not tracked, in which
	// case RecordSlip fails and the clean-time measures are not computable.
	JourneyStart intervention.Date
	// Milestones is the milestone schedule; the zero value means
	// DefaultMilestones.
	Milestones MilestoneSchedule
	// Target is the meeting-attendance target; the zero value means
	// NinetyInNinety.
	Target AttendanceTarget
	// InvolvementWindowDays is the attendance window of Involvement, 1–366;
	// 0 means DefaultInvolvementWindowDays.
	InvolvementWindowDays int
	// ConsentPurposes are the consent purposes that let a significant other
	// take part in a session (C-TSF-1); empty means DefaultConsentPurposes.
	ConsentPurposes []intervention.Purpose
	// Location is the patient's time zone: calendar days, clean time and
	// windows are counted in it. Nil means UTC. It must be a zone
	// time.LoadLocation can load by name (it is stored by name), not
	// time.Local, whose meaning depends on the machine.
	Location *time.Location
}

// Validate reports every problem with c, each under the JSON path the
// component's JSON form gives it.
func (c Config) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Patient == uuid.Nil {
		errs = append(errs, field("patient", intervention.ErrMissing))
	}
	if c.Curriculum.IsZero() {
		errs = append(errs, field("curriculum", intervention.ErrMissing))
	} else {
		errs = append(errs, intervention.Prefix("curriculum", c.Curriculum.Validate()))
	}
	if !c.Milestones.IsZero() {
		errs = append(errs, intervention.Prefix("milestones", c.Milestones.Validate()))
	}
	if !c.Target.IsZero() {
		errs = append(errs, intervention.Prefix("attendanceTarget", c.Target.Validate()))
	}
	if c.InvolvementWindowDays < 0 || c.InvolvementWindowDays > MaxWindowDays {
		errs = append(errs, field("involvementWindowDays", intervention.ErrOutOfRange))
	}
	for i, p := range c.ConsentPurposes {
		path := intervention.Index("consentPurposes", i)
		switch {
		case !p.Valid():
			errs = append(errs, field(path, intervention.ErrUnknownPurpose))
		case slices.Index(c.ConsentPurposes, p) < i:
			errs = append(errs, field(path, intervention.ErrDuplicate))
		}
	}
	if c.Location != nil && !wire.Storable(c.Location) {
		errs = append(errs, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone))
	}
	return errors.Join(errs...)
}

func (c Config) location() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// withDefaults returns c with every zero optional field set to its default
// and its own copies of the lists.
func (c Config) withDefaults() Config {
	c.Curriculum = c.Curriculum.clone()
	if c.Milestones.IsZero() {
		c.Milestones = DefaultMilestones()
	}
	c.Milestones = c.Milestones.clone()
	if c.Target.IsZero() {
		c.Target = NinetyInNinety()
	}
	if c.InvolvementWindowDays == 0 {
		c.InvolvementWindowDays = DefaultInvolvementWindowDays
	}
	if len(c.ConsentPurposes) == 0 {
		c.ConsentPurposes = DefaultConsentPurposes()
	}
	c.ConsentPurposes = slices.Clone(c.ConsentPurposes)
	c.Location = c.location()
	return c
}

func (c Config) clone() Config {
	c.Curriculum = c.Curriculum.clone()
	c.Milestones = c.Milestones.clone()
	c.ConsentPurposes = slices.Clone(c.ConsentPurposes)
	return c
}

// String summarises c without the journey start, which is a sobriety date.
func (c Config) String() string {
	return "Config{id=" + c.ID.String() + " patient=" + c.Patient.String() +
		" protocol=" + enumText(string(c.Curriculum.Protocol), c.Curriculum.Protocol.Valid()) +
		" adapted=" + strconv.FormatBool(c.Adapted) + " journeyStart=" + redacted + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (c Config) GoString() string { return "twelvestep." + c.String() }

// Format makes every fmt verb print the String form.
func (c Config) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, c.String(), c.GoString())
}

// LogValue implements slog.LogValuer; the journey start is redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", c.ID.String()), slog.String("patient", c.Patient.String()),
		slog.String("protocol", enumText(string(c.Curriculum.Protocol), c.Curriculum.Protocol.Valid())),
		slog.Bool("adapted", c.Adapted), slog.String("journeyStart", redacted),
	)
}

// Facilitation is a twelve-step facilitation component for one patient: the
// TSF sessions of a curriculum (Project MATCH TSF, MAAEZ or the
// programme's own), the Part 2 consents that let significant others take
// part, the mutual-help meeting log, affiliation snapshots (sponsor, home
// group, self-identification), step work, service commitments, and clean
// time with slips and milestones (reference: plans-and-interop.md §3).
//
// Everything is append-only: records are added, never edited or removed.
// A slip is withdrawn by a retraction, a service commitment ended by
// EndService, and a consent advances through its lifecycle (signed,
// revoked, expiry event) by recording it again. Every record carries a
// caller-chosen ID. Recording the same record again is a no-op that reports
// replayed = true; the same ID with different content is ErrConflict. A
// failed call changes nothing.
//
// Facilitation implements intervention.Component and intervention.Checker.
// It is safe for concurrent use; its zero value is invalid (Validate says
// why) — build one with New. It holds no free text; sobriety dates are
// sensitive, so String, fmt and slog output show identifiers and counts
// only.
type Facilitation struct {
	mu           sync.RWMutex
	cfg          Config
	sessions     []intervention.Session
	consents     []intervention.Consent
	meetings     []Meeting
	affiliations []Affiliation
	steps        []StepWork
	service      []ServiceCommitment
	slips        []Slip
	retractions  []SlipRetraction
}

var (
	_ intervention.Component = (*Facilitation)(nil)
	_ intervention.Checker   = (*Facilitation)(nil)
)

// New returns an empty component. It fails, wrapping
// intervention.ErrInvalid, when cfg is invalid.
func New(cfg Config) (*Facilitation, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Facilitation{cfg: cfg.withDefaults()}, nil
}

// ID returns the component's identifier.
func (f *Facilitation) ID() uuid.UUID {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.cfg.ID
}

// Modality returns intervention.ModalityTwelveStepFacilitation.
func (f *Facilitation) Modality() intervention.Modality {
	return intervention.ModalityTwelveStepFacilitation
}

// Config returns the component's configuration, with the defaults in use.
func (f *Facilitation) Config() Config {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.cfg.clone()
}

// Validate reports problems with the component's configuration. Records
// are checked as they are added, so a component built with New is valid;
// the zero Facilitation is not.
func (f *Facilitation) Validate() error {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.cfg.Validate()
}

// sameJSON reports whether a and b encode the same.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// replay reports whether rec is already recorded as old: replayed = true
// when both encode the same, ErrConflict at path otherwise.
func replay[T any](old, rec T, path string) (bool, error) {
	if !sameJSON(old, rec) {
		return false, field(path, ErrConflict)
	}
	return true, nil
}

// find returns the index of the element of s whose ID is id, or -1.
func find[T any](s []T, id uuid.UUID, key func(T) uuid.UUID) int {
	if id == uuid.Nil {
		return -1
	}
	return slices.IndexFunc(s, func(e T) bool { return key(e) == id })
}

func sessionID(s intervention.Session) uuid.UUID { return s.ID }
func consentID(c intervention.Consent) uuid.UUID { return c.ID }
func meetingID(m Meeting) uuid.UUID              { return m.ID }
func affiliationID(a Affiliation) uuid.UUID      { return a.ID }
func stepID(w StepWork) uuid.UUID                { return w.ID }
func serviceID(s ServiceCommitment) uuid.UUID    { return s.ID }
func slipID(s Slip) uuid.UUID                    { return s.ID }
func retractionID(r SlipRetraction) uuid.UUID    { return r.ID }
func retractedSlip(r SlipRetraction) uuid.UUID   { return r.Slip }
func cloneSession(s intervention.Session) intervention.Session {
	s.Participants = slices.Clone(s.Participants)
	s.Topics = slices.Clone(s.Topics)
	return s
}

func cloneConsent(c intervention.Consent) intervention.Consent {
	c.Disclosers = slices.Clone(c.Disclosers)
	c.Information = slices.Clone(c.Information)
	c.Recipients = slices.Clone(c.Recipients)
	return c
}

// AddSession records a TSF session. Besides intervention.Session.Validate:
// the modality must be twelve-step-facilitation (intervention.ErrInconsistent
// at "modality"); the component's patient must take part with the patient
// role (intervention.ErrInconsistent at "participants"); every topic must be
// in the curriculum (ErrUnknownTopic at "topics[i]"); and topics may be
// listed only when the patient was present (intervention.ErrInconsistent at
// "topics"). Significant others may take part; Findings checks their
// consent (C-TSF-1). Idempotent on the session ID.
func (f *Facilitation) AddSession(s intervention.Session) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.sessions, s.ID, sessionID); i >= 0 {
		return replay(f.sessions[i], s, "id")
	}
	errs := []error{s.Validate()}
	if s.Modality.Valid() && s.Modality != intervention.ModalityTwelveStepFacilitation {
		errs = append(errs, field("modality", intervention.ErrInconsistent))
	}
	p, ok := s.Attendee(f.cfg.Patient)
	switch {
	case !ok || p.Role != intervention.RolePatient:
		errs = append(errs, field("participants", intervention.ErrInconsistent))
	case len(s.Topics) > 0 && !p.Attendance.Present():
		errs = append(errs, field("topics", intervention.ErrInconsistent))
	}
	for i, t := range s.Topics {
		if _, ok := f.cfg.Curriculum.Topic(t); !ok {
			errs = append(errs, field(intervention.Index("topics", i), ErrUnknownTopic))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	f.sessions = append(f.sessions, cloneSession(s))
	return false, nil
}

// RecordConsent records a 42 CFR Part 2 consent of the patient, which
// Findings consults for significant others in sessions (C-TSF-1). The
// consent must be valid (intervention.Consent.Validate) and the patient's
// (intervention.ErrInconsistent at "patient").
//
// A consent changes over its life, so recording a consent whose ID is
// already recorded replaces it when the new one only fills in lifecycle
// dates the old one lacked — SignedOn (and SignedBy, unless already named),
// RevokedOn, ExpiryEventOccurred — and is otherwise identical; replayed is
// then false. The identical consent is a replay; anything else is
// ErrConflict at "id".
func (f *Facilitation) RecordConsent(c intervention.Consent) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := c.Validate(); err != nil {
		return false, err
	}
	if c.Patient != f.cfg.Patient {
		return false, field("patient", intervention.ErrInconsistent)
	}
	if i := find(f.consents, c.ID, consentID); i >= 0 {
		old := f.consents[i]
		if sameJSON(old, c) {
			return true, nil
		}
		if !advances(old, c) {
			return false, field("id", ErrConflict)
		}
		f.consents[i] = cloneConsent(c)
		return false, nil
	}
	f.consents = append(f.consents, cloneConsent(c))
	return false, nil
}

// advances reports whether c is old with lifecycle dates filled in that old
// lacked, and nothing else changed.
func advances(old, c intervention.Consent) bool {
	t := c
	if old.SignedOn.IsZero() {
		t.SignedOn = old.SignedOn
		if old.SignedBy == "" {
			t.SignedBy = ""
		}
	}
	if old.RevokedOn.IsZero() {
		t.RevokedOn = old.RevokedOn
	}
	if old.ExpiryEventOccurred.IsZero() {
		t.ExpiryEventOccurred = old.ExpiryEventOccurred
	}
	return sameJSON(old, t)
}

// RecordMeeting records a mutual-help meeting the patient attended
// (Meeting.Validate). Idempotent on the meeting ID.
func (f *Facilitation) RecordMeeting(m Meeting) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.meetings, m.ID, meetingID); i >= 0 {
		return replay(f.meetings[i], m, "id")
	}
	if err := m.Validate(); err != nil {
		return false, err
	}
	f.meetings = append(f.meetings, cloneMeeting(m))
	return false, nil
}

// RecordAffiliation records an affiliation snapshot (Affiliation.Validate).
// Idempotent on the snapshot ID.
func (f *Facilitation) RecordAffiliation(a Affiliation) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.affiliations, a.ID, affiliationID); i >= 0 {
		return replay(f.affiliations[i], a, "id")
	}
	if err := a.Validate(); err != nil {
		return false, err
	}
	f.affiliations = append(f.affiliations, a)
	return false, nil
}

// RecordStepWork records a change in step work (StepWork.Validate).
// Idempotent on the record ID.
func (f *Facilitation) RecordStepWork(w StepWork) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.steps, w.ID, stepID); i >= 0 {
		return replay(f.steps[i], w, "id")
	}
	if err := w.Validate(); err != nil {
		return false, err
	}
	f.steps = append(f.steps, w)
	return false, nil
}

// AddService records a service commitment (ServiceCommitment.Validate); it
// may already carry its End. Idempotent on the commitment ID: the same
// commitment again, or again without the End that EndService set since,
// is a replay.
func (f *Facilitation) AddService(s ServiceCommitment) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.service, s.ID, serviceID); i >= 0 {
		old := f.service[i]
		if s.End.IsZero() {
			s.End = old.End
		}
		return replay(old, s, "id")
	}
	if err := s.Validate(); err != nil {
		return false, err
	}
	f.service = append(f.service, s)
	return false, nil
}

// EndService ends the recorded service commitment id on end (the last day
// held). An unknown id is ErrNotRecorded at "id"; an end before the start is
// intervention.ErrInconsistent at "end"; a zero end is
// intervention.ErrMissing. Ending it again on the same day is a replay, on
// another day ErrConflict at "end".
func (f *Facilitation) EndService(id uuid.UUID, end intervention.Date) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := find(f.service, id, serviceID)
	switch {
	case i < 0:
		return false, field("id", ErrNotRecorded)
	case end.IsZero():
		return false, field("end", intervention.ErrMissing)
	case f.service[i].End == end:
		return true, nil
	case !f.service[i].End.IsZero():
		return false, field("end", ErrConflict)
	case end.Before(f.service[i].Start):
		return false, field("end", intervention.ErrInconsistent)
	}
	f.service[i].End = end
	return false, nil
}

// RecordSlip records a slip, the only action that restarts the clean-time
// streak (rule C-MILESTONE-1). Besides Slip.Validate: the component must
// track clean time (ErrNoJourney at "on"); the slip may not precede the
// journey start nor follow the day it was recorded in the patient's time
// zone (intervention.ErrInconsistent at "on"). Findings flags a positive-test
// slip recorded by someone other than a clinician. Idempotent on the slip ID.
func (f *Facilitation) RecordSlip(s Slip) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.slips, s.ID, slipID); i >= 0 {
		return replay(f.slips[i], s, "id")
	}
	if err := s.Validate(); err != nil {
		return false, err
	}
	recorded, _ := intervention.DateOf(s.RecordedAt, f.cfg.location()) // RecordedAt was validated
	switch {
	case f.cfg.JourneyStart.IsZero():
		return false, field("on", ErrNoJourney)
	case s.On.Before(f.cfg.JourneyStart) || s.On.After(recorded):
		return false, field("on", intervention.ErrInconsistent)
	}
	f.slips = append(f.slips, s)
	return false, nil
}

// RetractSlip withdraws a recorded slip (ErrNotRecorded at "slip"
// otherwise) that no other retraction withdrew (ErrAlreadyRetracted at
// "slip"); it may not be recorded before the slip was
// (intervention.ErrInconsistent at "recordedAt"). Idempotent on the
// retraction ID.
func (f *Facilitation) RetractSlip(r SlipRetraction) (replayed bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := find(f.retractions, r.ID, retractionID); i >= 0 {
		return replay(f.retractions[i], r, "id")
	}
	if err := r.Validate(); err != nil {
		return false, err
	}
	i := find(f.slips, r.Slip, slipID)
	switch {
	case i < 0:
		return false, field("slip", ErrNotRecorded)
	case find(f.retractions, r.Slip, retractedSlip) >= 0:
		return false, field("slip", ErrAlreadyRetracted)
	case r.RecordedAt.Before(f.slips[i].RecordedAt):
		return false, field("recordedAt", intervention.ErrInconsistent)
	}
	f.retractions = append(f.retractions, r)
	return false, nil
}

// Sessions returns the sessions in the order they were added.
func (f *Facilitation) Sessions() []intervention.Session {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make([]intervention.Session, len(f.sessions))
	for i, s := range f.sessions {
		out[i] = cloneSession(s)
	}
	return out
}

// Consents returns the consents in the order they were first recorded, each
// in its latest state.
func (f *Facilitation) Consents() []intervention.Consent {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make([]intervention.Consent, len(f.consents))
	for i, c := range f.consents {
		out[i] = cloneConsent(c)
	}
	return out
}

// Meetings returns the meetings in the order they were recorded.
func (f *Facilitation) Meetings() []Meeting {
	f.mu.RLock()
	defer f.mu.RUnlock()
	out := make([]Meeting, len(f.meetings))
	for i, m := range f.meetings {
		out[i] = cloneMeeting(m)
	}
	return out
}

// Affiliations returns the affiliation snapshots in recording order.
func (f *Facilitation) Affiliations() []Affiliation {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Clone(f.affiliations)
}

// StepWork returns the step-work records in recording order.
func (f *Facilitation) StepWork() []StepWork {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Clone(f.steps)
}

// Service returns the service commitments in recording order.
func (f *Facilitation) Service() []ServiceCommitment {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Clone(f.service)
}

// Slips returns every recorded slip, retracted ones included, in recording
// order.
func (f *Facilitation) Slips() []Slip {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Clone(f.slips)
}

// Retractions returns the slip retractions in recording order.
func (f *Facilitation) Retractions() []SlipRetraction {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Clone(f.retractions)
}

// String summarises f: identifiers and record counts, never dates.
func (f *Facilitation) String() string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	var b strings.Builder
	b.WriteString("Facilitation{id=" + f.cfg.ID.String() + " protocol=" +
		enumText(string(f.cfg.Curriculum.Protocol), f.cfg.Curriculum.Protocol.Valid()))
	for _, a := range f.counts() {
		b.WriteString(" " + a.Key + "=" + strconv.FormatInt(a.Value.Int64(), 10))
	}
	b.WriteString("}")
	return b.String()
}

func (f *Facilitation) counts() []slog.Attr {
	return []slog.Attr{
		slog.Int("sessions", len(f.sessions)), slog.Int("consents", len(f.consents)),
		slog.Int("meetings", len(f.meetings)), slog.Int("affiliations", len(f.affiliations)),
		slog.Int("stepWork", len(f.steps)), slog.Int("service", len(f.service)),
		slog.Int("slips", len(f.slips)), slog.Int("retractions", len(f.retractions)),
	}
}

// GoString is the %#v form: String with the package qualifier.
func (f *Facilitation) GoString() string { return "twelvestep." + f.String() }

// Format makes every fmt verb print the String form, so no verb reaches a
// sobriety date by reflection.
func (f *Facilitation) Format(s fmt.State, verb rune) {
	intervention.FormatRedacted(s, verb, f.String(), f.GoString())
}

// LogValue implements slog.LogValuer: identifiers and record counts.
func (f *Facilitation) LogValue() slog.Value {
	f.mu.RLock()
	defer f.mu.RUnlock()
	attrs := []slog.Attr{
		slog.String("id", f.cfg.ID.String()),
		slog.String("protocol", enumText(string(f.cfg.Curriculum.Protocol), f.cfg.Curriculum.Protocol.Valid())),
	}
	return slog.GroupValue(append(attrs, f.counts()...)...)
}
