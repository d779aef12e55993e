package plan

import (
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

// Bounds on instants: a time outside these years is a data-entry error.
const (
	minYear = 1970
	maxYear = 2200
)

// Config is what a plan is created with. It does not change afterwards.
type Config struct {
	// ID is the plan's stable identifier.
	ID uuid.UUID
	// Patient is the host's opaque ID of the patient.
	Patient uuid.UUID
	// Jurisdiction and Setting select the timing-table row (codes such as
	// "US-MT" and "asam-3.7"); empty when no timing rule applies.
	Jurisdiction string
	Setting      string
	// Admitted is the anchor the initial-plan deadline counts from:
	// admission, first contact or assessment, as the jurisdiction counts
	// (reference: plans-and-interop.md §4.4). The plan period starts on its
	// date.
	Admitted time.Time
	// End is the expected end of the plan period; zero means open-ended.
	End intervention.Date
	// Location is the time zone in which dates are compared and calendar
	// deadlines end; nil means UTC. It must be loadable by name (it is
	// stored by name), so time.Local is refused.
	Location *time.Location
}

// Validate reports every problem with c, each under the JSON path of the
// plan document.
func (c Config) Validate() error {
	errs := []error{
		checkID("id", c.ID), checkID("patient", c.Patient),
		checkCode("jurisdiction", c.Jurisdiction, false), checkCode("setting", c.Setting, false),
		checkInstant("admitted", c.Admitted),
	}
	if c.Location != nil && !wire.Storable(c.Location) {
		errs = append(errs, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone))
	}
	if !c.End.IsZero() && !c.Admitted.IsZero() && c.End.Before(c.start()) {
		errs = append(errs, field("end", intervention.ErrInconsistent))
	}
	return errors.Join(errs...)
}

func (c Config) location() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// start returns the first day of the plan period: the date of Admitted.
func (c Config) start() intervention.Date { return c.dateOf(c.Admitted) }

// dateOf returns the calendar date of t in the plan's zone.
func (c Config) dateOf(t time.Time) intervention.Date {
	d, _ := intervention.DateOf(t, c.location()) // location is never nil
	return d
}

// checkInstant reports a zero time or one outside 1970–2199.
func checkInstant(path string, t time.Time) error {
	if t.IsZero() {
		return field(path, intervention.ErrMissing)
	}
	if y := t.UTC().Year(); y < minYear || y >= maxYear {
		return field(path, intervention.ErrOutOfRange)
	}
	return nil
}

// Plan is one patient's treatment plan: problems → goals (in the patient's
// own words and clinical wording) → measurable objectives → interventions
// delivered by components, with strengths, discharge criteria, the ASAM
// level of care, participation, signatures, periodic reviews and the
// sessions that carried it out (DESIGN.md, "Treatment plans").
//
// Every element has a caller-chosen, stable UUID: an edit replaces an
// element by ID and never deletes one (close it with a status instead).
// Every change is an append-only Revision saying who, when, why and which
// element IDs changed. Content changes in a draft or under review; an active
// plan changes only objective statuses; a closed plan accepts only
// signatures. A failed operation changes nothing, and replaying an
// operation with the same ID and content is a no-op that reports
// replayed = true.
//
// Plan is safe for concurrent use; each change makes a new immutable
// snapshot, so readers and rules never block writers. Its zero value is not
// usable: build one with New or decode one with a Codec. Plan text is PHI:
// String, fmt verbs and slog show identifiers and counts only.
type Plan struct {
	mu sync.Mutex
	st *state
}

// state is one immutable snapshot of a plan. Changes build a new state:
// lists whose elements change are copied first; lists that only grow are
// appended to (readers of older states see only their own length). Clone
// clips every list so that two plans never append into shared capacity.
type state struct {
	cfg           Config
	status        Status
	levels        []LevelOfCare // placements, oldest first; the last is current
	problems      []Problem
	goals         []Goal
	objectives    []Objective
	interventions []Intervention
	strengths     []Strength
	discharge     []DischargeCriterion
	participation []Participation
	components    []intervention.Component
	revisions     []Revision
	reviews       []ReviewRecord
	signatures    []Signature
	sessions      []SessionLink
	lazy          *lazyIndex
}

// New returns an empty draft plan. It fails, wrapping
// intervention.ErrInvalid, when cfg is invalid.
func New(cfg Config) (*Plan, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Plan{st: &state{cfg: cfg, status: StatusDraft, lazy: &lazyIndex{}}}, nil
}

// snap returns the current snapshot. The zero Plan has an empty one.
func (p *Plan) snap() *state {
	if p == nil {
		return &state{lazy: &lazyIndex{}}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.st == nil {
		p.st = &state{lazy: &lazyIndex{}}
	}
	return p.st
}

// next returns a shallow copy of s with a fresh index.
func (s *state) next() *state {
	n := *s
	n.lazy = &lazyIndex{}
	return &n
}

// nextSameIndex returns a shallow copy of s sharing its index, for a
// change to signatures or sessions only.
func (s *state) nextSameIndex() *state {
	n := *s
	return &n
}

// Clone returns an independent plan with p's current content. Later changes
// to either do not affect the other. Components are shared: they are the
// host's live objects.
func (p *Plan) Clone() *Plan {
	s := p.snap()
	n := *s
	n.problems, n.goals, n.objectives = slices.Clip(n.problems), slices.Clip(n.goals), slices.Clip(n.objectives)
	n.interventions, n.strengths, n.levels = slices.Clip(n.interventions), slices.Clip(n.strengths), slices.Clip(n.levels)
	n.discharge, n.participation = slices.Clip(n.discharge), slices.Clip(n.participation)
	n.components, n.revisions, n.reviews = slices.Clip(n.components), slices.Clip(n.revisions), slices.Clip(n.reviews)
	n.signatures, n.sessions = slices.Clip(n.signatures), slices.Clip(n.sessions)
	return &Plan{st: &n}
}

// ID returns the plan's identifier.
func (p *Plan) ID() uuid.UUID { return p.snap().cfg.ID }

// Config returns the plan's configuration.
func (p *Plan) Config() Config { return p.snap().cfg }

// Status returns the plan's lifecycle status.
func (p *Plan) Status() Status { return p.snap().status }

// LevelOfCare returns the current ASAM placement and whether one is recorded.
func (p *Plan) LevelOfCare() (LevelOfCare, bool) {
	s := p.snap()
	if len(s.levels) == 0 {
		return LevelOfCare{}, false
	}
	return s.levels[len(s.levels)-1].clone(), true
}

// LevelsOfCare returns every placement recorded, oldest first.
func (p *Plan) LevelsOfCare() []LevelOfCare { return cloneEach(p.snap().levels, LevelOfCare.clone) }

// Problems returns the problems in the order they were added.
func (p *Plan) Problems() []Problem { return cloneEach(p.snap().problems, Problem.clone) }

// Goals returns the goals in the order they were added.
func (p *Plan) Goals() []Goal { return slices.Clone(p.snap().goals) }

// Objectives returns the objectives in the order they were added.
func (p *Plan) Objectives() []Objective { return slices.Clone(p.snap().objectives) }

// Interventions returns the interventions in the order they were added.
func (p *Plan) Interventions() []Intervention {
	return cloneEach(p.snap().interventions, Intervention.clone)
}

// Strengths returns the strengths in the order they were added.
func (p *Plan) Strengths() []Strength { return slices.Clone(p.snap().strengths) }

// DischargeCriteria returns the discharge criteria in the order they were added.
func (p *Plan) DischargeCriteria() []DischargeCriterion { return slices.Clone(p.snap().discharge) }

// Participation returns the participation records in the order they were added.
func (p *Plan) Participation() []Participation { return slices.Clone(p.snap().participation) }

// Components returns the plan's components in the order they were attached.
// They are the host's live objects, not copies.
func (p *Plan) Components() []intervention.Component { return slices.Clone(p.snap().components) }

// Component returns the component with id.
func (p *Plan) Component(id uuid.UUID) (intervention.Component, bool) {
	s := p.snap()
	r, ok := s.index().byID[id]
	if !ok || r.kind != kindComponent {
		return nil, false
	}
	return s.components[r.i], true
}

// Revisions returns every revision, oldest first.
func (p *Plan) Revisions() []Revision { return cloneEach(p.snap().revisions, Revision.clone) }

// Reviews returns every completed review, oldest first.
func (p *Plan) Reviews() []ReviewRecord { return cloneEach(p.snap().reviews, ReviewRecord.clone) }

// Signatures returns every signature in the order recorded.
func (p *Plan) Signatures() []Signature { return slices.Clone(p.snap().signatures) }

// Sessions returns every session link in the order recorded.
func (p *Plan) Sessions() []SessionLink { return cloneEach(p.snap().sessions, SessionLink.clone) }

// Problem returns the problem with id.
func (p *Plan) Problem(id uuid.UUID) (Problem, bool) {
	s := p.snap()
	return lookup(s, id, kindProblem, s.problems, Problem.clone)
}

// Goal returns the goal with id.
func (p *Plan) Goal(id uuid.UUID) (Goal, bool) {
	s := p.snap()
	return lookup(s, id, kindGoal, s.goals, func(g Goal) Goal { return g })
}

// Objective returns the objective with id.
func (p *Plan) Objective(id uuid.UUID) (Objective, bool) {
	s := p.snap()
	return lookup(s, id, kindObjective, s.objectives, func(o Objective) Objective { return o })
}

// Intervention returns the intervention with id.
func (p *Plan) Intervention(id uuid.UUID) (Intervention, bool) {
	s := p.snap()
	return lookup(s, id, kindIntervention, s.interventions, Intervention.clone)
}

func lookup[T any](s *state, id uuid.UUID, k kind, list []T, clone func(T) T) (T, bool) {
	r, ok := s.index().byID[id]
	if !ok || r.kind != k {
		var zero T
		return zero, false
	}
	return clone(list[r.i]), true
}

// Path returns the JSON path of the element, component, revision, review,
// signature or session with id in the plan document ("objectives[3]"), for
// a rule's finding.
func (p *Plan) Path(id uuid.UUID) (string, bool) {
	s := p.snap()
	ix := s.index()
	if r, ok := ix.byID[id]; ok {
		return r.path(), true
	}
	if i, ok := ix.revisions[id]; ok {
		return intervention.Index("revisions", i), true
	}
	if i := slices.IndexFunc(s.signatures, func(g Signature) bool { return g.ID == id }); i >= 0 {
		return intervention.Index("signatures", i), true
	}
	if i := slices.IndexFunc(s.sessions, func(l SessionLink) bool { return l.ID == id }); i >= 0 {
		return intervention.Index("sessions", i), true
	}
	return "", false
}

// Activation returns the revision that first made the plan active.
func (p *Plan) Activation() (Revision, bool) {
	s := p.snap()
	i := s.activation()
	if i < 0 {
		return Revision{}, false
	}
	return s.revisions[i].clone(), true
}

// activation returns the index of the first revision from draft to active, or -1.
func (s *state) activation() int {
	return slices.IndexFunc(s.revisions, func(r Revision) bool { return r.From == StatusDraft && r.To == StatusActive })
}

func cloneEach[T any](list []T, clone func(T) T) []T {
	if list == nil {
		return nil
	}
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = clone(v)
	}
	return out
}

// String summarises p: identifiers, status and counts, never text.
func (p *Plan) String() string {
	s := p.snap()
	out := "Plan{id=" + s.cfg.ID.String() + " status=" + string(s.status)
	for _, a := range s.counts() {
		out += " " + a.Key + "=" + strconv.FormatInt(a.Value.Int64(), 10)
	}
	return out + "}"
}

func (s *state) counts() []slog.Attr {
	return []slog.Attr{
		slog.Int("problems", len(s.problems)), slog.Int("goals", len(s.goals)),
		slog.Int("objectives", len(s.objectives)), slog.Int("interventions", len(s.interventions)),
		slog.Int("components", len(s.components)), slog.Int("revisions", len(s.revisions)),
		slog.Int("reviews", len(s.reviews)), slog.Int("signatures", len(s.signatures)),
		slog.Int("sessions", len(s.sessions)),
	}
}

// GoString is the %#v form: String with the package qualifier.
func (p *Plan) GoString() string { return "plan." + p.String() }

// Format makes every fmt verb print the String form, so that no verb
// reaches plan text by reflection.
func (p *Plan) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, p.String(), p.GoString())
}

// LogValue implements slog.LogValuer: identifiers, status and counts.
func (p *Plan) LogValue() slog.Value {
	s := p.snap()
	attrs := []slog.Attr{slog.String("id", s.cfg.ID.String()), slog.String("status", string(s.status))}
	return slog.GroupValue(append(attrs, s.counts()...)...)
}

// LogValue implements slog.LogValuer: identifiers and codes, no text.
func (p Problem) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", p.ID.String()), slog.String("status", string(p.Status)),
		slog.Int("diagnoses", len(p.Diagnoses)), slog.Int("evidence", len(p.Evidence)))
}

// LogValue implements slog.LogValuer: identifiers and codes, no text.
func (g Goal) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", g.ID.String()), slog.String("problem", g.Problem.String()),
		slog.String("status", string(g.Status)))
}

// LogValue implements slog.LogValuer: identifiers and codes, no text.
func (o Objective) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", o.ID.String()), slog.String("goal", o.Goal.String()),
		slog.String("measure", o.Measure), slog.String("due", o.Due.String()), slog.String("status", string(o.Status)))
}

// LogValue implements slog.LogValuer: the identifier only.
func (s Strength) LogValue() slog.Value { return slog.GroupValue(slog.String("id", s.ID.String())) }

// LogValue implements slog.LogValuer: the identifier and date only.
func (d DischargeCriterion) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", d.ID.String()), slog.String("discussed", d.Discussed.String()))
}

// LogValue implements slog.LogValuer: edition, level and ratings, no text.
func (l LevelOfCare) LogValue() slog.Value {
	return slog.GroupValue(slog.String("edition", string(l.Edition)), slog.String("level", l.Level),
		slog.Int("dimensions", len(l.Dimensions)), slog.String("assessedOn", l.AssessedOn.String()))
}

// LogValue implements slog.LogValuer: the source and reference, no text.
func (e Evidence) LogValue() slog.Value {
	return slog.GroupValue(slog.String("source", e.Source), slog.String("ref", e.Ref.String()))
}

// LogValue implements slog.LogValuer: the comparator, value and unit, no
// criterion text.
func (t Target) LogValue() slog.Value {
	return slog.GroupValue(slog.String("comparator", string(t.Comparator)), slog.String("value", exact(t.Value)),
		slog.String("unit", t.Unit))
}
