package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Change says who makes a change, when and why. Its ID is the idempotency
// key: the revision the change makes gets it, and the same change sent
// again (same ID, same content) is a no-op.
type Change struct {
	ID     uuid.UUID `json:"id"`
	By     uuid.UUID `json:"by"` // the host's opaque ID of the staff member
	At     time.Time `json:"at"`
	Reason Reason    `json:"reason"`
}

// validate reports every problem with c as the next change of s.
func (c Change) validate(s *state) []error {
	errs := []error{checkID("change.id", c.ID), checkID("change.by", c.By), checkInstant("change.at", c.At)}
	if !c.Reason.Valid() {
		errs = append(errs, field("change.reason", ErrUnknownReason))
	}
	if n := len(s.revisions); n > 0 && !c.At.IsZero() && c.At.Before(s.revisions[n-1].At) {
		errs = append(errs, field("change.at", ErrOutOfOrder))
	}
	if _, used := s.index().byID[c.ID]; used && c.ID != uuid.Nil {
		errs = append(errs, field("change.id", ErrIDInUse))
	}
	return errs
}

// Revision is one change to a plan, in the append-only revision log: who,
// when, why, the status before and after, and the IDs of the elements it
// added or changed. It holds no PHI. InputHash is the SHA-256 of the
// change's canonical input, so that a replay with different content is
// detected (CONVENTIONS §14); that input includes plan text, which the hash
// does not reveal but does not anonymise either (a short text can be
// guessed), so a plan document stays PHI as a whole.
type Revision struct {
	ID        uuid.UUID   `json:"id"`
	Seq       int         `json:"seq"` // 1, 2, …
	By        uuid.UUID   `json:"by"`
	At        time.Time   `json:"at"`
	Reason    Reason      `json:"reason"`
	From      Status      `json:"from"`
	To        Status      `json:"to"`
	Added     []uuid.UUID `json:"added,omitzero"`
	Changed   []uuid.UUID `json:"changed,omitzero"`
	InputHash string      `json:"inputHash"`
	// ContentHash is the hex SHA-256 of the plan's content after the
	// revision (its configuration, elements and attached components, in
	// document form): what a signature of the revision signs. A decoded
	// document whose content or signatures do not match it is refused
	// (ErrContentMismatch). Empty in documents written before it existed.
	ContentHash string `json:"contentHash,omitzero"`
}

func (r Revision) clone() Revision {
	r.Added = slices.Clone(r.Added)
	r.Changed = slices.Clone(r.Changed)
	return r
}

// IsTransition reports whether r changed the plan's status.
func (r Revision) IsTransition() bool { return r.From != r.To }

// changesContent reports whether r is an edit of a draft or of a plan
// under review: the content patients and authors sign.
func (r Revision) changesContent() bool { return r.From == r.To && r.From != StatusActive }

// Op is one edit within a Change, made by PutProblem, PutGoal,
// PutObjective, PutIntervention, PutStrength, PutDischargeCriterion,
// PutParticipation, SetLevelOfCare, SetObjectiveStatus or AttachComponent.
// Ops apply in order, so an element may refer to one added earlier in the
// same change.
type Op interface {
	opName() string
	opValue() any
	apply(w *work) error
}

// work is an edit in progress: a new state built from base.
type work struct {
	st             *state
	owned          uint32 // lists already copied, by kind bit
	added, changed []uuid.UUID
	// revisions are the IDs of the base state's revisions and change is the
	// ID of the change being made: no element may take one of them.
	revisions map[uuid.UUID]int
	change    uuid.UUID
}

// newWork starts an edit of s by change c.
func newWork(s *state, c uuid.UUID) *work {
	return &work{st: s.next(), revisions: s.index().revisions, change: c}
}

// namesRevision reports whether id is the ID of a revision, or of the
// change being made.
func (w *work) namesRevision(id uuid.UUID) bool {
	_, ok := w.revisions[id]
	return ok || id == w.change
}

// own copies the list of kind k the first time it is modified in place.
func own[T any](w *work, k kind, list *[]T) {
	if w.owned&(1<<k) == 0 {
		*list = slices.Clone(*list)
		w.owned |= 1 << k
	}
}

// find returns the kind and position of the element, component, review or
// placement with id in the state being built.
func (w *work) find(id uuid.UUID) (kind, int, bool) {
	s := w.st
	for _, l := range []struct {
		k kind
		n int
		f func(int) uuid.UUID
	}{
		{kindProblem, len(s.problems), func(i int) uuid.UUID { return s.problems[i].ID }},
		{kindGoal, len(s.goals), func(i int) uuid.UUID { return s.goals[i].ID }},
		{kindObjective, len(s.objectives), func(i int) uuid.UUID { return s.objectives[i].ID }},
		{kindIntervention, len(s.interventions), func(i int) uuid.UUID { return s.interventions[i].ID }},
		{kindStrength, len(s.strengths), func(i int) uuid.UUID { return s.strengths[i].ID }},
		{kindDischarge, len(s.discharge), func(i int) uuid.UUID { return s.discharge[i].ID }},
		{kindParticipation, len(s.participation), func(i int) uuid.UUID { return s.participation[i].ID }},
		{kindComponent, len(s.components), func(i int) uuid.UUID { return s.components[i].ID() }},
		{kindReview, len(s.reviews), func(i int) uuid.UUID { return s.reviews[i].ID }},
		{kindLevel, len(s.levels), func(i int) uuid.UUID { return s.levels[i].ID }},
	} {
		for i := range l.n {
			if l.f(i) == id {
				return l.k, i, true
			}
		}
	}
	return 0, 0, false
}

// refers checks that id names an element of kind k.
func (w *work) refers(path string, id uuid.UUID, k kind) error {
	if id == uuid.Nil {
		return nil // reported by Validate
	}
	if got, _, ok := w.find(id); !ok || got != k {
		return field(path, ErrNotFound)
	}
	return nil
}

func (w *work) note(id uuid.UUID, added bool) {
	switch {
	case slices.Contains(w.added, id), slices.Contains(w.changed, id):
	case added:
		w.added = append(w.added, id)
	default:
		w.changed = append(w.changed, id)
	}
}

// put adds v to list, or replaces the element with the same ID.
func put[T any](w *work, k kind, list *[]T, id uuid.UUID, v T) error {
	got, i, ok := w.find(id)
	switch {
	case w.namesRevision(id):
		return field("id", ErrIDInUse)
	case !ok:
		*list = append(*list, v)
		w.note(id, true)
	case got != k:
		return field("id", ErrIDInUse)
	case reflect.DeepEqual((*list)[i], v):
	default:
		own(w, k, list)
		(*list)[i] = v
		w.note(id, false)
	}
	return nil
}

// editable reports ErrStatus unless the plan's content may change.
func (w *work) editable() error {
	if !w.st.status.editable() {
		return field("", ErrStatus)
	}
	return nil
}

type putProblem struct{ v Problem }

// PutProblem adds the problem, or replaces the one with the same ID. A zero
// Status is stored as ProblemActive.
func PutProblem(p Problem) Op {
	p = p.clone()
	p.Diagnoses, p.Evidence = nilIfEmpty(p.Diagnoses), nilIfEmpty(p.Evidence)
	if p.Status == "" {
		p.Status = ProblemActive
	}
	return putProblem{p}
}

func (o putProblem) opName() string { return "putProblem" }
func (o putProblem) opValue() any   { return o.v.doc() }
func (o putProblem) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate()); err != nil {
		return err
	}
	return put(w, kindProblem, &w.st.problems, o.v.ID, o.v)
}

type putGoal struct{ v Goal }

// PutGoal adds the goal, or replaces the one with the same ID. Its problem
// must be in the plan. A zero Status is stored as GoalActive.
func PutGoal(g Goal) Op {
	if g.Status == "" {
		g.Status = GoalActive
	}
	return putGoal{g}
}

func (o putGoal) opName() string { return "putGoal" }
func (o putGoal) opValue() any   { return o.v.doc() }
func (o putGoal) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate(), w.refers("problem", o.v.Problem, kindProblem)); err != nil {
		return err
	}
	return put(w, kindGoal, &w.st.goals, o.v.ID, o.v)
}

type putObjective struct{ v Objective }

// PutObjective adds the objective, or replaces the one with the same ID.
// Its goal must be in the plan. A zero Status is stored as
// ObjectiveNotStarted.
func PutObjective(o Objective) Op {
	if o.Status == "" {
		o.Status = ObjectiveNotStarted
	}
	return putObjective{o}
}

func (o putObjective) opName() string { return "putObjective" }
func (o putObjective) opValue() any   { return o.v.doc() }
func (o putObjective) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate(), w.refers("goal", o.v.Goal, kindGoal)); err != nil {
		return err
	}
	return put(w, kindObjective, &w.st.objectives, o.v.ID, o.v)
}

type putIntervention struct{ v Intervention }

// PutIntervention adds the intervention, or replaces the one with the same
// ID. Its objectives must be in the plan, and its component, when set, must
// be attached and of the same modality. A zero Status is stored as
// InterventionActive.
func PutIntervention(i Intervention) Op {
	i = i.clone()
	i.Responsible = nilIfEmpty(i.Responsible)
	if i.Status == "" {
		i.Status = InterventionActive
	}
	return putIntervention{i}
}

func (o putIntervention) opName() string { return "putIntervention" }
func (o putIntervention) opValue() any   { return o.v }
func (o putIntervention) apply(w *work) error {
	errs := []error{w.editable(), o.v.Validate()}
	for j, id := range o.v.Objectives {
		errs = append(errs, w.refers(intervention.Index("objectives", j), id, kindObjective))
	}
	if o.v.Component != uuid.Nil {
		k, j, ok := w.find(o.v.Component)
		switch {
		case !ok || k != kindComponent:
			errs = append(errs, field("component", ErrNotFound))
		case w.st.components[j].Modality() != o.v.Modality:
			errs = append(errs, field("modality", intervention.ErrInconsistent))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return put(w, kindIntervention, &w.st.interventions, o.v.ID, o.v)
}

type putStrength struct{ v Strength }

// PutStrength adds the strength, or replaces the one with the same ID.
func PutStrength(s Strength) Op { return putStrength{s} }

func (o putStrength) opName() string { return "putStrength" }
func (o putStrength) opValue() any   { return o.v.doc() }
func (o putStrength) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate()); err != nil {
		return err
	}
	return put(w, kindStrength, &w.st.strengths, o.v.ID, o.v)
}

type putDischarge struct{ v DischargeCriterion }

// PutDischargeCriterion adds the discharge criterion, or replaces the one
// with the same ID.
func PutDischargeCriterion(d DischargeCriterion) Op { return putDischarge{d} }

func (o putDischarge) opName() string { return "putDischargeCriterion" }
func (o putDischarge) opValue() any   { return o.v.doc() }
func (o putDischarge) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate()); err != nil {
		return err
	}
	return put(w, kindDischarge, &w.st.discharge, o.v.ID, o.v)
}

type putParticipation struct{ v Participation }

// PutParticipation adds the participation record, or replaces the one with
// the same ID.
func PutParticipation(p Participation) Op { return putParticipation{p} }

func (o putParticipation) opName() string { return "putParticipation" }
func (o putParticipation) opValue() any   { return o.v }
func (o putParticipation) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate()); err != nil {
		return err
	}
	return put(w, kindParticipation, &w.st.participation, o.v.ID, o.v)
}

type setLevel struct{ v LevelOfCare }

// SetLevelOfCare records a placement. A new ID appends it to the placement
// history and makes it current; the current placement's ID corrects it; an
// older placement's ID is ErrIDInUse. A level-of-care change needs a draft
// or a plan under review, so that it is reviewed at once (reference:
// plans-and-interop.md (b) 19, "LOC change triggers an immediate review").
func SetLevelOfCare(l LevelOfCare) Op {
	l = l.clone()
	l.Driving = nilIfEmpty(l.Driving)
	return setLevel{l}
}

func (o setLevel) opName() string { return "setLevelOfCare" }
func (o setLevel) opValue() any   { return o.v.doc() }
func (o setLevel) apply(w *work) error {
	if err := errors.Join(w.editable(), o.v.Validate()); err != nil {
		return err
	}
	if k, i, ok := w.find(o.v.ID); ok && (k != kindLevel || i != len(w.st.levels)-1) {
		return field("id", ErrIDInUse)
	}
	return put(w, kindLevel, &w.st.levels, o.v.ID, o.v)
}

type setObjectiveStatus struct {
	Objective uuid.UUID       `json:"objective"`
	Status    ObjectiveStatus `json:"status"`
}

// SetObjectiveStatus changes an objective's status. Unlike the other ops it
// is allowed in an active plan.
func SetObjectiveStatus(objective uuid.UUID, s ObjectiveStatus) Op {
	return setObjectiveStatus{objective, s}
}

func (o setObjectiveStatus) opName() string { return "setObjectiveStatus" }
func (o setObjectiveStatus) opValue() any   { return o }
func (o setObjectiveStatus) apply(w *work) error {
	var errs []error
	if w.st.status == StatusClosed {
		errs = append(errs, field("", ErrStatus))
	}
	if !o.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownObjectiveStatus))
	}
	errs = append(errs, checkID("objective", o.Objective), w.refers("objective", o.Objective, kindObjective))
	if err := errors.Join(errs...); err != nil {
		return err
	}
	_, i, _ := w.find(o.Objective)
	if w.st.objectives[i].Status != o.Status {
		own(w, kindObjective, &w.st.objectives)
		w.st.objectives[i].Status = o.Status
		w.note(o.Objective, false)
	}
	return nil
}

type attachComponent struct{ c intervention.Component }

// componentRef is how an attached component enters a change's input hash:
// by ID and modality, since its content changes as it is used.
type componentRef struct {
	ID       uuid.UUID             `json:"id"`
	Modality intervention.Modality `json:"modality"`
}

// AttachComponent adds a component (a modality package's type or the
// host's own) to the plan. The component must be valid. Attaching the same
// component again is a no-op; another component with the same ID is
// ErrConflict.
func AttachComponent(c intervention.Component) Op { return attachComponent{c} }

func (o attachComponent) opName() string { return "attachComponent" }
func (o attachComponent) opValue() any {
	if o.c == nil {
		return nil
	}
	return componentRef{o.c.ID(), o.c.Modality()}
}

func (o attachComponent) apply(w *work) error {
	if o.c == nil {
		return field("component", intervention.ErrMissing)
	}
	errs := []error{w.editable()}
	if err := o.c.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("component", err))
	} else {
		errs = append(errs, checkID("component.id", o.c.ID()))
		if !o.c.Modality().Valid() {
			errs = append(errs, field("component.modality", intervention.ErrUnknownModality))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	k, i, ok := w.find(o.c.ID())
	switch {
	case w.namesRevision(o.c.ID()):
		return field("component.id", ErrIDInUse)
	case !ok:
		w.st.components = append(w.st.components, o.c)
		w.note(o.c.ID(), true)
	case k != kindComponent:
		return field("component.id", ErrIDInUse)
	case !sameComponent(w.st.components[i], o.c):
		return field("component.id", ErrConflict)
	}
	return nil
}

// sameComponent reports whether a and b are the same value (the same
// pointer, for the library's components), without panicking on
// uncomparable types.
func sameComponent(a, b intervention.Component) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb {
		return false
	}
	if !ta.Comparable() {
		return reflect.DeepEqual(a, b)
	}
	return a == b
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// changeInput is the canonical input of a change, hashed for idempotency.
// Elements are in their document forms, so that the hash covers their text
// (an element's own JSON form redacts it).
type changeInput struct {
	Kind   string     `json:"kind"`
	Change Change     `json:"change"`
	Ops    []opInput  `json:"ops,omitzero"`
	To     Status     `json:"to,omitzero"`
	Review *reviewDoc `json:"review,omitzero"`
}

type opInput struct {
	Op    string `json:"op"`
	Value any    `json:"value"`
}

// hash returns the hex SHA-256 of in's JSON form, or "" when it cannot be
// encoded (an invalid value, which validation reports).
func (in changeInput) hash() string {
	b, err := json.Marshal(in)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func editInput(c Change, ops []Op) changeInput {
	in := changeInput{Kind: "edit", Change: c, Ops: make([]opInput, len(ops))}
	for i, o := range ops {
		if o != nil {
			in.Ops[i] = opInput{o.opName(), o.opValue()}
		}
	}
	return in
}

// replay returns the revision recorded under c.ID when hash matches its
// input (replayed), ErrConflict when it does not, and ok = false when no
// revision has that ID.
func (s *state) replay(id uuid.UUID, hash string) (rev Revision, ok bool, err error) {
	i, found := s.index().revisions[id]
	if !found || id == uuid.Nil {
		return Revision{}, false, nil
	}
	if hash == "" || s.revisions[i].InputHash != hash {
		return Revision{}, true, field("change.id", ErrConflict)
	}
	return s.revisions[i].clone(), true, nil
}

// commit appends a revision for c to w's state and makes it current.
func (p *Plan) commit(w *work, c Change, from Status, hash string) Revision {
	rev := Revision{
		ID: c.ID, Seq: len(w.st.revisions) + 1, By: c.By, At: c.At, Reason: c.Reason,
		From: from, To: w.st.status, Added: w.added, Changed: w.changed, InputHash: hash,
		ContentHash: w.st.contentHash(),
	}
	w.st.revisions = append(w.st.revisions, rev)
	p.st = w.st
	return rev.clone()
}

// Edit applies ops as one change and records one revision listing the
// element IDs added and changed. It fails, changing nothing, when c is
// invalid or dated before the last revision (ErrOutOfOrder at "change.at"),
// when any op fails (each under "ops[i]", e.g. ErrStatus, ErrNotFound,
// ErrIDInUse) or when nothing would change (ErrNoChange). The same change
// again is a no-op that returns the original revision and replayed = true;
// its ID with other content is ErrConflict.
func (p *Plan) Edit(c Change, ops ...Op) (rev Revision, replayed bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snapLocked()
	hash := editInput(c, ops).hash()
	if rev, ok, err := s.replay(c.ID, hash); ok {
		return rev, err == nil, err
	}
	errs := c.validate(s)
	if len(ops) == 0 {
		errs = append(errs, field("ops", intervention.ErrMissing))
	}
	w := newWork(s, c.ID)
	for i, o := range ops {
		path := intervention.Index("ops", i)
		if o == nil {
			errs = append(errs, field(path, intervention.ErrMissing))
			continue
		}
		errs = append(errs, intervention.Prefix(path, o.apply(w)))
	}
	if err := errors.Join(errs...); err != nil {
		return Revision{}, false, err
	}
	if len(w.added)+len(w.changed) == 0 {
		return Revision{}, false, field("ops", ErrNoChange)
	}
	return p.commit(w, c, s.status, hash), false, nil
}

// snapLocked is snap for callers that hold p.mu.
func (p *Plan) snapLocked() *state {
	if p.st == nil {
		p.st = &state{lazy: &lazyIndex{}}
	}
	return p.st
}

// Transition moves the plan along its lifecycle (see Status) and records a
// revision. An illegal move is ErrIllegalTransition at "status"; ending a
// review is ErrReviewRequired (use CompleteReview). It changes nothing on
// error, and replays like Edit.
func (p *Plan) Transition(c Change, to Status) (rev Revision, replayed bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snapLocked()
	hash := changeInput{Kind: "transition", Change: c, To: to}.hash()
	if rev, ok, err := s.replay(c.ID, hash); ok {
		return rev, err == nil, err
	}
	errs := c.validate(s)
	switch {
	case !to.Valid():
		errs = append(errs, field("to", ErrUnknownStatus))
	case s.status == StatusUnderReview && to == StatusActive:
		errs = append(errs, field("status", ErrReviewRequired))
	case !s.status.CanTransition(to):
		errs = append(errs, field("status", ErrIllegalTransition))
	}
	if err := errors.Join(errs...); err != nil {
		return Revision{}, false, err
	}
	w := newWork(s, c.ID)
	w.st.status = to
	return p.commit(w, c, s.status, hash), false, nil
}

// CompleteReview records the review r and returns the plan from under
// review to active. Each objective's progress entry sets its status. The
// record lists every element changed since the review began. Errors, which
// change nothing: ErrIllegalTransition at "status" unless the plan is under
// review; r's problems under "review" (an unknown objective is ErrNotFound,
// a review ID already used is ErrIDInUse). Replays like Edit.
func (p *Plan) CompleteReview(c Change, r Review) (rev Revision, replayed bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snapLocked()
	r = r.clone()
	rd := r.doc()
	hash := changeInput{Kind: "review", Change: c, Review: &rd}.hash()
	if rev, ok, err := s.replay(c.ID, hash); ok {
		return rev, err == nil, err
	}
	errs := c.validate(s)
	if s.status != StatusUnderReview {
		errs = append(errs, field("status", ErrIllegalTransition))
	}
	errs = append(errs, intervention.Prefix("review", r.Validate()))
	w := newWork(s, c.ID)
	if _, _, used := w.find(r.ID); used || r.ID != uuid.Nil && w.namesRevision(r.ID) {
		errs = append(errs, field("review.id", ErrIDInUse))
	}
	for i, op := range r.Progress {
		path := intervention.Index("review.progress", i)
		if err := w.refers(path+".objective", op.Objective, kindObjective); err != nil {
			errs = append(errs, err)
			continue
		}
		if _, j, ok := w.find(op.Objective); ok && op.Status.Valid() && w.st.objectives[j].Status != op.Status {
			own(w, kindObjective, &w.st.objectives)
			w.st.objectives[j].Status = op.Status
			w.changed = append(w.changed, op.Objective)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Revision{}, false, err
	}
	begin := s.reviewBegan()
	rec := ReviewRecord{Review: r, Revision: c.ID, Reviewer: c.By, Started: s.revisions[begin].At, Completed: c.At}
	for _, rv := range s.revisions[begin+1:] {
		for _, id := range slices.Concat(rv.Added, rv.Changed) {
			if !slices.Contains(rec.Changed, id) {
				rec.Changed = append(rec.Changed, id)
			}
		}
	}
	for _, id := range w.changed {
		if !slices.Contains(rec.Changed, id) {
			rec.Changed = append(rec.Changed, id)
		}
	}
	w.st.reviews = append(w.st.reviews, rec)
	w.added = []uuid.UUID{r.ID}
	w.st.status = StatusActive
	return p.commit(w, c, s.status, hash), false, nil
}

// reviewBegan returns the index of the revision that began the current
// review (the last one that moved the plan to under review).
func (s *state) reviewBegan() int {
	for i := len(s.revisions) - 1; i >= 0; i-- {
		if s.revisions[i].To == StatusUnderReview && s.revisions[i].From != StatusUnderReview {
			return i
		}
	}
	return 0
}
