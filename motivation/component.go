package motivation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxPlannedSessions bounds Config.PlannedSessions (a data-entry bound).
const MaxPlannedSessions = 1000

// Config is what a Component is built from.
type Config struct {
	// ID is the component's stable identifier within the plan.
	ID uuid.UUID
	// Patient is the host's opaque ID of the patient; it must be a
	// participant of every session added.
	Patient uuid.UUID
	// Target is the behaviour the MI work is about; stage assessments,
	// worksheets and change plans must name it.
	Target Behavior
	// PlannedSessions is the number of sessions planned, for Completion; 0
	// means open-ended (Completion not computable, never completed).
	PlannedSessions int
	// Thresholds are the MITI competency thresholds for fidelity scores;
	// the zero value means MITI421Thresholds (reference: §10 D14), and New
	// stores the thresholds it will use.
	Thresholds MITIThresholds
	// Location is the time zone in which dated records are compared with
	// asOf and due dates become instants; nil means UTC. It must be a zone
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
	if !c.Target.Valid() {
		errs = append(errs, field("target", ErrBadBehavior))
	}
	if c.PlannedSessions < 0 || c.PlannedSessions > MaxPlannedSessions {
		errs = append(errs, field("plannedSessions", intervention.ErrOutOfRange))
	}
	if !c.Thresholds.IsZero() {
		errs = append(errs, intervention.Prefix("thresholds", c.Thresholds.Validate()))
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

// Component is a motivational-interviewing series for one patient and one
// target behaviour: MI sessions with the processes they covered, the stage
// of change over time, readiness-ruler ratings, client change talk and MITI
// fidelity codings per coder, decisional-balance worksheets and the change
// plan's revisions. Everything is append-only: records are added, never
// edited or removed; a stage correction and a plan revision are new records
// linked to the ones they replace.
//
// Every record carries a caller-chosen ID. Recording the same record again
// is a no-op that reports replayed = true; the same ID with different
// content is ErrConflict. A failed call changes nothing.
//
// Component implements intervention.Component. It is safe for concurrent
// use; its zero value is invalid (Validate says why) — build one with New.
// Worksheet and change-plan text is PHI: String, fmt and slog output show
// only identifiers and counts.
type Component struct {
	mu       sync.RWMutex
	cfg      Config
	sessions []MISession
	stages   StageHistory
	ratings  []RulerRating
	talk     []ClientLanguageCoding
	fidelity []MITICoding
	balances []DecisionalBalance
	plans    []ChangePlan
}

var _ intervention.Component = (*Component)(nil)

// New returns an empty component. It fails, wrapping
// intervention.ErrInvalid, when cfg is invalid.
func New(cfg Config) (*Component, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Thresholds.IsZero() {
		cfg.Thresholds = MITI421Thresholds()
	}
	h, _ := NewStageHistory(cfg.Target) // cfg.Target was validated
	return &Component{cfg: cfg, stages: h}, nil
}

// ID returns the component's identifier.
func (c *Component) ID() uuid.UUID {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cfg.ID
}

// Modality returns intervention.ModalityMotivationalInterviewing.
func (c *Component) Modality() intervention.Modality {
	return intervention.ModalityMotivationalInterviewing
}

// Config returns the component's configuration, with the thresholds in use.
func (c *Component) Config() Config {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cfg
}

// Validate reports problems with the component's configuration. Records
// are checked as they are added, so a component built with New is valid;
// the zero Component is not.
func (c *Component) Validate() error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cfg.Validate()
}

// replay reports whether rec is already recorded as old: replayed = true
// when both encode the same, ErrConflict at path otherwise.
func replay[T any](old, rec T, path string) (bool, error) {
	a, err1 := json.Marshal(old)
	b, err2 := json.Marshal(rec)
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
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

func sessionID(s MISession) uuid.UUID           { return s.Session.ID }
func ratingID(r RulerRating) uuid.UUID          { return r.ID }
func talkID(t ClientLanguageCoding) uuid.UUID   { return t.ID }
func fidelityID(f MITICoding) uuid.UUID         { return f.ID }
func balanceID(b DecisionalBalance) uuid.UUID   { return b.ID }
func planID(p ChangePlan) uuid.UUID             { return p.ID }
func fidelityOn(f MITICoding) intervention.Date { return f.On }
func planOn(p ChangePlan) intervention.Date     { return p.On }

// sessionRef checks that id, when set, names a recorded session. (A
// missing required session is reported by the record's own Validate.)
func (c *Component) sessionRef(id uuid.UUID) error {
	if id != uuid.Nil && find(c.sessions, id, sessionID) < 0 {
		return field("session", ErrNotRecorded)
	}
	return nil
}

// target checks that b is the component's target behaviour.
func (c *Component) target(b Behavior) error {
	if b.Valid() && b != c.cfg.Target {
		return field("behavior", intervention.ErrInconsistent)
	}
	return nil
}

// AddSession records an MI session. Besides MISession.Validate, the
// component's patient must be a participant (ErrInconsistent at
// "session.participants"), and processes may be listed only when the
// patient was present (ErrInconsistent at "processes"). Idempotent on the
// session ID.
func (c *Component) AddSession(s MISession) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.sessions, s.Session.ID, sessionID); i >= 0 {
		return replay(c.sessions[i], s, "session.id")
	}
	errs := []error{s.Validate()}
	p, ok := s.Session.Attendee(c.cfg.Patient)
	switch {
	case !ok || p.Role != intervention.RolePatient:
		errs = append(errs, field("session.participants", intervention.ErrInconsistent))
	case len(s.Processes) > 0 && !p.Attendance.Present():
		errs = append(errs, field("processes", intervention.ErrInconsistent))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.sessions = append(c.sessions, cloneSession(s))
	return false, nil
}

// RecordStage appends a stage assessment to the target behaviour's history
// (see StageHistory.Record). An assessment of another behaviour is
// ErrInconsistent at "behavior".
func (c *Component) RecordStage(a StageAssessment) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stages.Record(a)
}

// RecordRating records a ruler rating. A Session, when set, must name a
// recorded session (ErrNotRecorded at "session"). A zero Scale is stored as
// DefaultScale. Idempotent on the rating ID.
func (c *Component) RecordRating(r RulerRating) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.ratings, r.ID, ratingID); i >= 0 {
		return replay(c.ratings[i], r, "id")
	}
	if err := errors.Join(r.Validate(), c.sessionRef(r.Session)); err != nil {
		return false, err
	}
	r.Scale = r.Scale.Bounds()
	c.ratings = append(c.ratings, r)
	return false, nil
}

// RecordClientLanguage records a client-language coding of a recorded
// session (ErrNotRecorded at "session" otherwise). Idempotent on the
// coding ID.
func (c *Component) RecordClientLanguage(t ClientLanguageCoding) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.talk, t.ID, talkID); i >= 0 {
		return replay(c.talk[i], t, "id")
	}
	if err := errors.Join(t.Validate(), c.sessionRef(t.Session)); err != nil {
		return false, err
	}
	t.Counts = slices.Clone(t.Counts)
	c.talk = append(c.talk, t)
	return false, nil
}

// RecordFidelity records a MITI coding of a recorded session (ErrNotRecorded
// at "session" otherwise). Several coders may code the same session.
// Idempotent on the coding ID.
func (c *Component) RecordFidelity(f MITICoding) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.fidelity, f.ID, fidelityID); i >= 0 {
		return replay(c.fidelity[i], f, "id")
	}
	if err := errors.Join(f.Validate(), c.sessionRef(f.Session)); err != nil {
		return false, err
	}
	c.fidelity = append(c.fidelity, f)
	return false, nil
}

// AddBalance records a decisional-balance worksheet about the target
// behaviour (ErrInconsistent at "behavior" otherwise). A Session, when set,
// must name a recorded session. Idempotent on the worksheet ID.
func (c *Component) AddBalance(d DecisionalBalance) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.balances, d.ID, balanceID); i >= 0 {
		return replay(c.balances[i].doc(), d.doc(), "id") // the document form holds the text
	}
	if err := errors.Join(d.Validate(), c.target(d.Behavior), c.sessionRef(d.Session)); err != nil {
		return false, err
	}
	d.Scale = d.Scale.Bounds()
	c.balances = append(c.balances, cloneBalance(d))
	return false, nil
}

// RevisePlan records a change-plan revision about the target behaviour.
// The first revision revises nothing; each later one must revise the
// latest (ErrNotCurrentRevision at "revises") and be dated no earlier
// (ErrInconsistent at "on"). Idempotent on the revision ID.
func (c *Component) RevisePlan(p ChangePlan) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.plans, p.ID, planID); i >= 0 {
		return replay(c.plans[i].doc(), p.doc(), "id") // the document form holds the text
	}
	errs := []error{p.Validate(), c.target(p.Behavior)}
	if n := len(c.plans); n == 0 && p.Revises != uuid.Nil {
		errs = append(errs, field("revises", ErrNotRecorded))
	} else if n > 0 {
		last := c.plans[n-1]
		if p.Revises != last.ID {
			errs = append(errs, field("revises", ErrNotCurrentRevision))
		}
		if !p.On.IsZero() && p.On.Before(last.On) {
			errs = append(errs, field("on", intervention.ErrInconsistent))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.plans = append(c.plans, clonePlan(p))
	return false, nil
}

// Sessions returns the MI sessions in the order they were added.
func (c *Component) Sessions() []MISession {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]MISession, len(c.sessions))
	for i, s := range c.sessions {
		out[i] = cloneSession(s)
	}
	return out
}

// Stages returns a copy of the target behaviour's stage history.
func (c *Component) Stages() StageHistory {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return StageHistory{behavior: c.stages.behavior, entries: slices.Clone(c.stages.entries)}
}

// StageOn returns the stage assessment in force on d (StageHistory.At).
func (c *Component) StageOn(d intervention.Date) (StageAssessment, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stages.At(d)
}

// Ratings returns the ruler ratings in the order they were recorded.
func (c *Component) Ratings() []RulerRating {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.ratings)
}

// Trend returns ruler's ratings dated on or before through (zero: all) and
// their change (TrendOf).
func (c *Component) Trend(ruler Ruler, through intervention.Date) RulerTrend {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return TrendOf(c.ratings, ruler, through)
}

// ClientLanguage returns the client-language codings in recording order.
func (c *Component) ClientLanguage() []ClientLanguageCoding {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]ClientLanguageCoding, len(c.talk))
	for i, t := range c.talk {
		t.Counts = slices.Clone(t.Counts)
		out[i] = t
	}
	return out
}

// ChangeTalkPoint is one coding's change-talk summary.
type ChangeTalkPoint struct {
	Coding  uuid.UUID             `json:"coding"`
	Session uuid.UUID             `json:"session"`
	Coder   uuid.UUID             `json:"coder"`
	On      intervention.Date     `json:"on"`
	Summary ClientLanguageSummary `json:"summary"`
}

// ChangeTalkTrend returns the change-talk summary of every client-language
// coding dated on or before through (zero: all), in date order.
func (c *Component) ChangeTalkTrend(through intervention.Date) []ChangeTalkPoint {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.changeTalk(through)
}

func (c *Component) changeTalk(through intervention.Date) []ChangeTalkPoint {
	var out []ChangeTalkPoint
	for _, t := range c.talk {
		if !through.IsZero() && t.On.After(through) {
			continue
		}
		s, _ := t.Summary() // validated when recorded
		out = append(out, ChangeTalkPoint{Coding: t.ID, Session: t.Session, Coder: t.Coder, On: t.On, Summary: s})
	}
	sortByDate(out, func(p ChangeTalkPoint) intervention.Date { return p.On })
	return out
}

// Fidelity returns the MITI codings in recording order.
func (c *Component) Fidelity() []MITICoding {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.fidelity)
}

// Coders returns the coders who coded fidelity, in order of first coding.
func (c *Component) Coders() []uuid.UUID {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []uuid.UUID
	for _, f := range c.fidelity {
		if !slices.Contains(out, f.Coder) {
			out = append(out, f.Coder)
		}
	}
	return out
}

// FidelityByCoder returns coder's MITI codings in date order.
func (c *Component) FidelityByCoder(coder uuid.UUID) []MITICoding {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []MITICoding
	for _, f := range c.fidelity {
		if f.Coder == coder {
			out = append(out, f)
		}
	}
	sortByDate(out, fidelityOn)
	return out
}

// LatestFidelity returns the latest MITI coding dated on or before through
// (the last recorded among codings of that date, whoever coded it) and its
// summary under the component's thresholds; ok is false when there is none.
func (c *Component) LatestFidelity(through intervention.Date) (coding MITICoding, summary MITISummary, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.latestFidelity(through)
}

func (c *Component) latestFidelity(through intervention.Date) (MITICoding, MITISummary, bool) {
	f, ok := latest(c.fidelity, fidelityOn, through)
	if !ok {
		return MITICoding{}, MITISummary{}, false
	}
	s, err := f.Score(MITIOptions{Thresholds: c.cfg.Thresholds})
	return f, s, err == nil
}

// Balances returns the decisional-balance worksheets in recording order.
func (c *Component) Balances() DecisionalBalances {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make(DecisionalBalances, len(c.balances))
	for i, d := range c.balances {
		out[i] = cloneBalance(d)
	}
	return out
}

// Plans returns every change-plan revision, oldest first.
func (c *Component) Plans() ChangePlans {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make(ChangePlans, len(c.plans))
	for i, p := range c.plans {
		out[i] = clonePlan(p)
	}
	return out
}

// CurrentPlan returns the latest change-plan revision dated on or before
// d; ok is false when there is none.
func (c *Component) CurrentPlan(d intervention.Date) (ChangePlan, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := latest(c.plans, planOn, d)
	return clonePlan(p), ok
}

// String summarises c: identifiers and record counts, never text.
func (c *Component) String() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s := "Component{id=" + c.cfg.ID.String() + " target=" + enumText(string(c.cfg.Target), c.cfg.Target.Valid())
	for _, a := range c.counts() {
		s += " " + a.Key + "=" + strconv.FormatInt(a.Value.Int64(), 10)
	}
	return s + "}"
}

func (c *Component) counts() []slog.Attr {
	return []slog.Attr{
		slog.Int("sessions", len(c.sessions)), slog.Int("stages", c.stages.Len()),
		slog.Int("ratings", len(c.ratings)), slog.Int("clientLanguage", len(c.talk)),
		slog.Int("fidelity", len(c.fidelity)), slog.Int("balances", len(c.balances)),
		slog.Int("changePlans", len(c.plans)),
	}
}

// GoString is the %#v form: String with the package qualifier.
func (c *Component) GoString() string { return "motivation." + c.String() }

// Format makes every fmt verb print the String form, so no verb reaches
// worksheet or plan text by reflection.
func (c *Component) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, c.String(), c.GoString())
}

// LogValue implements slog.LogValuer: identifiers and record counts.
func (c *Component) LogValue() slog.Value {
	c.mu.RLock()
	defer c.mu.RUnlock()
	attrs := []slog.Attr{
		slog.String("id", c.cfg.ID.String()),
		slog.String("target", enumText(string(c.cfg.Target), c.cfg.Target.Valid())),
	}
	return slog.GroupValue(append(attrs, c.counts()...)...)
}

func cloneSession(s MISession) MISession {
	s.Session.Participants = slices.Clone(s.Session.Participants)
	s.Session.Topics = slices.Clone(s.Session.Topics)
	s.Processes = slices.Clone(s.Processes)
	return s
}

func cloneItems(items []BalanceItem) []BalanceItem {
	if items == nil {
		return nil
	}
	out := make([]BalanceItem, len(items))
	for i, it := range items {
		if it.Rating != nil {
			r := *it.Rating
			it.Rating = &r
		}
		out[i] = it
	}
	return out
}

func cloneBalance(d DecisionalBalance) DecisionalBalance {
	d.ProsOfChanging = cloneItems(d.ProsOfChanging)
	d.ConsOfChanging = cloneItems(d.ConsOfChanging)
	d.ProsOfStaying = cloneItems(d.ProsOfStaying)
	d.ConsOfStaying = cloneItems(d.ConsOfStaying)
	return d
}

func clonePlan(p ChangePlan) ChangePlan {
	p.Goals = slices.Clone(p.Goals)
	p.Steps = slices.Clone(p.Steps)
	p.Supports = slices.Clone(p.Supports)
	p.Obstacles = slices.Clone(p.Obstacles)
	p.SignsOfSuccess = slices.Clone(p.SignsOfSuccess)
	return p
}
