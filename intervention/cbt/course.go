package cbt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxPlannedSessions bounds Config.PlannedSessions (a data-entry bound).
const MaxPlannedSessions = 1000

// Config is what a Course is built from.
type Config struct {
	// ID is the component's stable identifier within the plan.
	ID uuid.UUID
	// Patient is the host's opaque ID of the patient; they must be a
	// participant, with the patient role, of every session added.
	Patient uuid.UUID
	// Curriculum is the protocol followed: a preset or the host's own.
	Curriculum Curriculum
	// PlannedSessions is the number of sessions planned; 0 means
	// open-ended. Once that many are attended the course is completed.
	PlannedSessions int
	// ManualFidelity is manual-fidelity mode: RuleMATCH findings are errors
	// rather than warnings (reference: plans-and-interop.md (b) 27, "Error
	// for manual-fidelity mode").
	ManualFidelity bool
	// Location is the time zone in which session dates, due dates and the
	// craving-trend windows are reckoned; nil means UTC. It must be a zone
	// time.LoadLocation can load by name (it is stored by name), not
	// time.Local, whose meaning depends on the machine.
	Location *time.Location
	// SessionIntervalDays is the planned gap between sessions (7 for
	// weekly); when set, Progress lists the next session as due that many
	// days after the last attended one. 0 means no next-session item.
	SessionIntervalDays int
	// TrendDays is the craving-trend window in days; 0 means
	// DefaultTrendDays, and New stores the value it will use.
	TrendDays int
}

// Validate reports every problem with c, each under the JSON path the
// course's JSON form gives it.
func (c Config) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Patient == uuid.Nil {
		errs = append(errs, field("patient", intervention.ErrMissing))
	}
	errs = append(errs, intervention.Prefix("curriculum", c.Curriculum.Validate()))
	if c.PlannedSessions < 0 || c.PlannedSessions > MaxPlannedSessions {
		errs = append(errs, field("plannedSessions", intervention.ErrOutOfRange))
	}
	if c.SessionIntervalDays < 0 || c.SessionIntervalDays > MaxTrendDays {
		errs = append(errs, field("sessionIntervalDays", intervention.ErrOutOfRange))
	}
	if c.TrendDays < 0 || c.TrendDays > MaxTrendDays {
		errs = append(errs, field("trendDays", intervention.ErrOutOfRange))
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

// Course is a CBT course for one patient on one curriculum: the sessions
// held (with the topics they covered), practice exercises and their status
// history, functional analyses and the urge log. Everything is append-only:
// records are added, never edited or removed; a homework's status moves on
// by appending a HomeworkUpdate.
//
// Every record carries a caller-chosen ID. Recording the same record again
// is a no-op that reports replayed = true; the same ID with different
// content is ErrConflict. A failed call changes nothing.
//
// Course implements intervention.Component and intervention.Checker. It is
// safe for concurrent use; its zero value is invalid (Validate says why) —
// build one with New. Functional-analysis text is PHI: String, fmt and slog
// output show only identifiers and counts.
type Course struct {
	mu       sync.RWMutex
	cfg      Config
	sessions []Session
	homework []Homework
	updates  []HomeworkUpdate
	analyses []FunctionalAnalysis
	urges    []Urge
}

var (
	_ intervention.Component = (*Course)(nil)
	_ intervention.Checker   = (*Course)(nil)
)

// New returns an empty course. It fails, wrapping intervention.ErrInvalid,
// when cfg is invalid. The course keeps its own copy of the curriculum.
func New(cfg Config) (*Course, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.TrendDays == 0 {
		cfg.TrendDays = DefaultTrendDays
	}
	cfg.Curriculum = cfg.Curriculum.Clone()
	return &Course{cfg: cfg}, nil
}

// ID returns the component's identifier.
func (c *Course) ID() uuid.UUID {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cfg.ID
}

// Modality returns intervention.ModalityCBT.
func (c *Course) Modality() intervention.Modality { return intervention.ModalityCBT }

// Config returns the course's configuration (a copy), with the trend
// window in use.
func (c *Course) Config() Config {
	c.mu.RLock()
	defer c.mu.RUnlock()
	cfg := c.cfg
	cfg.Curriculum = cfg.Curriculum.Clone()
	return cfg
}

// Curriculum returns a copy of the course's curriculum.
func (c *Course) Curriculum() Curriculum {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.cfg.Curriculum.Clone()
}

// Validate reports problems with the course's configuration. Records are
// checked as they are added, so a course built with New is valid; the zero
// Course is not.
func (c *Course) Validate() error {
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

func sessionID(s Session) uuid.UUID             { return s.Session.ID }
func homeworkID(h Homework) uuid.UUID           { return h.ID }
func updateID(u HomeworkUpdate) uuid.UUID       { return u.ID }
func analysisID(a FunctionalAnalysis) uuid.UUID { return a.ID }
func urgeID(u Urge) uuid.UUID                   { return u.ID }

// session returns the recorded session with id.
func (c *Course) session(id uuid.UUID) (Session, bool) {
	i := find(c.sessions, id, sessionID)
	if i < 0 {
		return Session{}, false
	}
	return c.sessions[i], true
}

// present reports whether the patient was present at s.
func (c *Course) present(s Session) bool {
	p, ok := s.Session.Attendee(c.cfg.Patient)
	return ok && p.Attendance.Present()
}

// dateOf returns the date of t in the course's time zone (zero outside
// years 1–9999).
func (c *Course) dateOf(t time.Time) intervention.Date {
	d, _ := intervention.DateOf(t, c.cfg.location())
	return d
}

// AddSession records a CBT session. Besides Session.Validate, the course's
// patient must be a participant with the patient role (ErrInconsistent at
// "session.participants"), every topic must be a topic of the curriculum
// (ErrUnknownTopic at "session.topics[i]"), and an ElectiveChoice may be set
// only when an elective topic is covered (ErrInconsistent at
// "electiveChoice"). Ordering constraints are not enforced here: Findings
// reports departures. Idempotent on the session ID.
func (c *Course) AddSession(s Session) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.sessions, s.Session.ID, sessionID); i >= 0 {
		return replay(c.sessions[i], s, "session.id")
	}
	errs := []error{s.Validate()}
	if p, ok := s.Session.Attendee(c.cfg.Patient); !ok || p.Role != intervention.RolePatient {
		errs = append(errs, field("session.participants", intervention.ErrInconsistent))
	}
	elective := false
	for i, t := range s.Session.Topics {
		if !validCode(t) {
			continue // Session.Validate reported it
		}
		switch c.cfg.Curriculum.kindOf(t) {
		case TopicElective:
			elective = true
		case TopicCore:
		default:
			errs = append(errs, field(intervention.Index("session.topics", i), ErrUnknownTopic))
		}
	}
	if s.ElectiveChoice != "" && !elective {
		errs = append(errs, field("electiveChoice", intervention.ErrInconsistent))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.sessions = append(c.sessions, cloneSession(s))
	return false, nil
}

// AssignHomework records a practice exercise assigned in a recorded session
// (ErrNotRecorded at "session") that the patient attended (ErrInconsistent
// at "session"), dated that session's day in the course's time zone
// (ErrInconsistent at "on"), practising a topic of the curriculum when one
// is named (ErrUnknownTopic at "topic"). Its status starts as assigned.
// Idempotent on the homework ID.
func (c *Course) AssignHomework(h Homework) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.homework, h.ID, homeworkID); i >= 0 {
		return replay(c.homework[i], h, "id")
	}
	errs := []error{h.Validate()}
	if h.Session != uuid.Nil {
		s, ok := c.session(h.Session)
		switch {
		case !ok:
			errs = append(errs, field("session", ErrNotRecorded))
		case !c.present(s):
			errs = append(errs, field("session", intervention.ErrInconsistent))
		case !h.On.IsZero() && h.On != c.dateOf(s.Session.Start):
			errs = append(errs, field("on", intervention.ErrInconsistent))
		}
	}
	if validCode(h.Topic) {
		if _, ok := c.cfg.Curriculum.Topic(h.Topic); !ok {
			errs = append(errs, field("topic", ErrUnknownTopic))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.homework = append(c.homework, h)
	return false, nil
}

// UpdateHomework appends a status change to a recorded homework
// (ErrNotRecorded at "homework"). The change must be allowed from the
// current status (HomeworkStatus.CanBecome; ErrBadTransition at "status")
// and dated no earlier than the homework's latest change or assignment
// (ErrInconsistent at "on"). A named session must be recorded
// (ErrNotRecorded at "session") and start after the session the homework
// was assigned in (ErrInconsistent at "session"); a review's session must
// also have been attended by the patient (ErrInconsistent at "session") and
// the review dated that session's day (ErrInconsistent at "on").
// Idempotent on the update ID.
func (c *Course) UpdateHomework(u HomeworkUpdate) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.updates, u.ID, updateID); i >= 0 {
		return replay(c.updates[i], u, "id")
	}
	errs := []error{u.Validate()}
	if u.Homework != uuid.Nil {
		errs = append(errs, c.checkUpdate(u)...)
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.updates = append(c.updates, u)
	return false, nil
}

// checkUpdate checks u against its homework's history.
func (c *Course) checkUpdate(u HomeworkUpdate) []error {
	i := find(c.homework, u.Homework, homeworkID)
	if i < 0 {
		return []error{field("homework", ErrNotRecorded)}
	}
	h := c.homework[i]
	st := stateOf(h, c.updates, intervention.Date{})
	var errs []error
	if u.Status.Valid() && u.Status != HomeworkAssigned && !st.Status.CanBecome(u.Status) {
		errs = append(errs, field("status", ErrBadTransition))
	}
	last := h.On
	if n := len(st.Updates); n > 0 {
		last = st.Updates[n-1].On
	}
	if !u.On.IsZero() && u.On.Before(last) {
		errs = append(errs, field("on", intervention.ErrInconsistent))
	}
	if u.Session == uuid.Nil {
		return errs
	}
	s, ok := c.session(u.Session)
	if !ok {
		return append(errs, field("session", ErrNotRecorded))
	}
	assigned, _ := c.session(h.Session) // recorded: checked when h was assigned
	switch {
	case !s.Session.Start.After(assigned.Session.Start):
		errs = append(errs, field("session", intervention.ErrInconsistent))
	case u.Status == HomeworkReviewed && !c.present(s):
		errs = append(errs, field("session", intervention.ErrInconsistent))
	case u.Status == HomeworkReviewed && !u.On.IsZero() && u.On != c.dateOf(s.Session.Start):
		errs = append(errs, field("on", intervention.ErrInconsistent))
	}
	return errs
}

// AddAnalysis records a functional analysis. A Session, when set, must
// name a recorded session (ErrNotRecorded at "session") and the analysis be
// dated that session's day in the course's time zone (ErrInconsistent at
// "on"). Idempotent on the analysis ID.
func (c *Course) AddAnalysis(a FunctionalAnalysis) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.analyses, a.ID, analysisID); i >= 0 {
		return replay(c.analyses[i].doc(), a.doc(), "id") // the document form holds the text
	}
	errs := []error{a.Validate()}
	if a.Session != uuid.Nil {
		s, ok := c.session(a.Session)
		switch {
		case !ok:
			errs = append(errs, field("session", ErrNotRecorded))
		case !a.On.IsZero() && a.On != c.dateOf(s.Session.Start):
			errs = append(errs, field("on", intervention.ErrInconsistent))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	c.analyses = append(c.analyses, cloneAnalysis(a))
	return false, nil
}

// RecordUrge records an urge-log entry. A zero Scale is stored as
// DefaultScale. Idempotent on the entry ID.
func (c *Course) RecordUrge(u Urge) (replayed bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := find(c.urges, u.ID, urgeID); i >= 0 {
		return replay(c.urges[i], u, "id")
	}
	if err := u.Validate(); err != nil {
		return false, err
	}
	u.Scale = u.Scale.Bounds()
	c.urges = append(c.urges, u)
	return false, nil
}

// Sessions returns the sessions in the order they were added.
func (c *Course) Sessions() []Session {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Session, len(c.sessions))
	for i, s := range c.sessions {
		out[i] = cloneSession(s)
	}
	return out
}

// Homework returns the homework assignments in the order they were
// recorded.
func (c *Course) Homework() []Homework {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.homework)
}

// HomeworkUpdates returns every homework status change in recording order.
func (c *Course) HomeworkUpdates() []HomeworkUpdate {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.updates)
}

// HomeworkState returns the homework with id and its status from the
// changes dated on or before through (zero: all); ok is false when no such
// homework is recorded.
func (c *Course) HomeworkState(id uuid.UUID, through intervention.Date) (state HomeworkState, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	i := find(c.homework, id, homeworkID)
	if i < 0 {
		return HomeworkState{}, false
	}
	return stateOf(c.homework[i], c.updates, through), true
}

// Analyses returns the functional analyses in recording order.
func (c *Course) Analyses() FunctionalAnalyses {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make(FunctionalAnalyses, len(c.analyses))
	for i, a := range c.analyses {
		out[i] = cloneAnalysis(a)
	}
	return out
}

// Urges returns the urge-log entries in recording order.
func (c *Course) Urges() []Urge {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Clone(c.urges)
}

// CravingTrend returns the urge log's trend as of asOf in the course's time
// zone (TrendOf); days 0 means the course's TrendDays.
func (c *Course) CravingTrend(asOf time.Time, days int) (CravingTrend, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if days == 0 {
		days = c.cfg.TrendDays
	}
	return TrendOf(c.urges, asOf, days, c.cfg.location())
}

// Covered returns the curriculum topic codes the patient has covered in
// sessions they attended that started at or before asOf, in the order first
// covered.
func (c *Course) Covered(asOf time.Time) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for _, h := range c.attended(asOf) {
		for _, t := range h.s.Session.Topics {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// held is an attended session and its index in the recording order (the
// index of its JSON path, "sessions[i]").
type held struct {
	idx int
	s   Session
}

// attended returns the sessions the patient attended that started at or
// before asOf, by start time (recording order on ties).
func (c *Course) attended(asOf time.Time) []held {
	var out []held
	for i, s := range c.sessions {
		if !s.Session.Start.After(asOf) && c.present(s) {
			out = append(out, held{idx: i, s: s})
		}
	}
	slices.SortStableFunc(out, func(a, b held) int { return a.s.Session.Start.Compare(b.s.Session.Start) })
	return out
}

func (c *Course) counts() []slog.Attr {
	return []slog.Attr{
		slog.Int("sessions", len(c.sessions)), slog.Int("homework", len(c.homework)),
		slog.Int("homeworkUpdates", len(c.updates)), slog.Int("analyses", len(c.analyses)),
		slog.Int("urges", len(c.urges)),
	}
}

func (c *Course) attrs() []slog.Attr {
	attrs := []slog.Attr{
		slog.String("id", c.cfg.ID.String()),
		slog.String("curriculum", enumText(c.cfg.Curriculum.ID, validCode(c.cfg.Curriculum.ID))),
	}
	return append(attrs, c.counts()...)
}

// String summarises c: identifiers and record counts, never text.
func (c *Course) String() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return "Course{" + attrsText(c.attrs())[1:] + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (c *Course) GoString() string { return "cbt." + c.String() }

// Format makes every fmt verb print the String form, so no verb reaches
// functional-analysis text by reflection.
func (c *Course) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, c.String(), c.GoString())
}

// LogValue implements slog.LogValuer: identifiers and record counts.
func (c *Course) LogValue() slog.Value {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slog.GroupValue(c.attrs()...)
}
