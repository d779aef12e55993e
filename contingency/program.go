package contingency

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Program errors.
var (
	// ErrUnknownSpecimen means a correction names a specimen that was never recorded.
	ErrUnknownSpecimen = fmt.Errorf("contingency: no result recorded for the specimen: %w", intervention.ErrInvalid)
	// ErrBeforeCalendar means a result was collected before the programme's calendar starts.
	ErrBeforeCalendar = fmt.Errorf("contingency: collected before the calendar starts: %w", intervention.ErrOutOfRange)
	// ErrCorrectionMovesResult means a correction changes when the specimen
	// was collected; record the specimen under a new ID instead.
	ErrCorrectionMovesResult = fmt.Errorf("contingency: a correction cannot change collectedAt: %w", intervention.ErrInconsistent)
	// ErrResultConflict means a specimen ID was recorded before with a
	// different result; use Correct to change a result.
	ErrResultConflict = errors.New("contingency: specimen recorded before with a different result")
)

// Drawer draws prize slips for a visit that earned draws. BowlDrawer adapts a
// *Bowl and the caller's seeded RNG.
type Drawer interface {
	Draw(n int) ([]Slip, error)
}

// Program is one participant's CM programme: it records specimen results in
// any arrival order, prices them in collection order with the schedule, and
// keeps the ledger in step, reconciling late and corrected results with
// linked entries (reference: contingency.md §7, C1, E1, I1).
//
// Program implements intervention.Component. It is safe for concurrent use.
type Program struct {
	id     uuid.UUID
	cfg    ProgramConfig
	ledger *Ledger
	drawer Drawer

	keyPrefix string // "cm/<id>/", the start of every ledger key the programme writes

	mu       sync.Mutex
	visits   []visit
	recorded map[string]Recorded // last outcome per specimen, for replays
	results  map[string]specimen // current result and operation count per specimen
	ops      []Operation
}

// specimen is what the programme knows of one specimen ID.
type specimen struct {
	result Result // the current (possibly corrected) result
	ops    int    // operations applied to it so far
}

// placement is where a result goes in a programme: its date, its
// classification, and whether it is in a scheduled slot, an unscheduled
// visit, or no visit at all (an unscheduled result the programme does not
// price).
type placement struct {
	date   intervention.Date
	class  Classification
	slot   bool
	priced bool
}

// ProgramOption configures NewProgram.
type ProgramOption interface{ applyProgram(*Program) error }

type drawerOption struct{ d Drawer }

func (o drawerOption) applyProgram(p *Program) error {
	if o.d == nil {
		return intervention.Field("drawer", intervention.ErrMissing)
	}
	p.drawer = o.d
	return nil
}

// WithDrawer makes the programme draw prize slips itself for visits that
// earn draws, and post their value as prize entries. Without it, a prize
// award is reported in Recorded.Award.Draws and the host posts the prizes.
func WithDrawer(d Drawer) ProgramOption { return drawerOption{d} }

// NewProgram returns an empty programme with identifier id, posting to
// ledger. It fails, wrapping intervention.ErrInvalid, when id is nil, the
// configuration is invalid or ledger is nil.
func NewProgram(id uuid.UUID, cfg ProgramConfig, ledger *Ledger, opts ...ProgramOption) (*Program, error) {
	var errs []error
	if id == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if ledger == nil {
		errs = append(errs, intervention.Field("ledger", intervention.ErrMissing))
	}
	errs = append(errs, cfg.Validate())
	if cfg.Reconcile == "" {
		cfg.Reconcile = FullRecompute
	}
	cfg.Ineligible = slices.Clone(cfg.Ineligible)
	p := &Program{id: id, cfg: cfg, ledger: ledger, keyPrefix: "cm/" + id.String() + "/",
		recorded: map[string]Recorded{}, results: map[string]specimen{}}
	for i, o := range opts {
		if o == nil {
			errs = append(errs, intervention.Field(intervention.Index("options", i), intervention.ErrMissing))
			continue
		}
		errs = append(errs, o.applyProgram(p))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return p, nil
}

// ID returns the programme's identifier.
func (p *Program) ID() uuid.UUID { return p.id }

// Modality returns intervention.ModalityContingencyManagement.
func (p *Program) Modality() intervention.Modality {
	return intervention.ModalityContingencyManagement
}

// Config returns the programme's configuration.
func (p *Program) Config() ProgramConfig {
	c := p.cfg
	c.Ineligible = slices.Clone(c.Ineligible)
	return c
}

// Ledger returns the ledger the programme posts to.
func (p *Program) Ledger() *Ledger { return p.ledger }

// Validate reports problems with the programme's configuration.
func (p *Program) Validate() error { return p.cfg.Validate() }

// Recorded is what recording or correcting one result did.
type Recorded struct {
	// SpecimenID is the result's specimen.
	SpecimenID string `json:"specimenId"`
	// Visit is the reference of the visit the result was recorded for (the
	// scheduled date, see Entry.Visit); empty for a result the programme
	// does not price (Limit "unscheduled").
	Visit string `json:"visit,omitzero"`
	// Classification is the outcome the policy gave the result.
	Classification Classification `json:"classification"`
	// Standing reports whether the result is the one that stands for its
	// visit; a recollection may replace it (see RecollectionPolicy).
	Standing bool `json:"standing,omitzero"`
	// Award is the schedule's price of the visit before caps, as decided by
	// the result that stands for it.
	Award Award `json:"award"`
	// Limit names the programme limit that made the visit pay nothing
	// ("unscheduled", "outside-calendar", "visit-limit", "ineligible"), if
	// one did.
	Limit string `json:"limit,omitzero"`
	// Entries are the ledger entries the operation appended, including the
	// reconciliation of other visits whose price changed.
	Entries []Entry `json:"entries,omitzero"`
	// Repriced lists, in visit order, every visit whose payout the
	// operation changed — the recorded visit and any other a late or
	// corrected result repriced — with what it was worth before and after
	// and the entries that moved it, so that the host can tell staff and the
	// patient.
	Repriced []Repricing `json:"repriced,omitzero"`
	// Replayed is true when the same result was recorded before: nothing
	// changed and the rest is the original receipt (reference: I1).
	Replayed bool `json:"replayed,omitzero"`
}

// Record records result r for the scheduled visit whose day — the calendar
// date of its collection time in the programme's zone — it was collected on,
// and posts what that changes. A second result for the same visit is a
// recollection: the programme's RecollectionPolicy decides which stands, and
// the visit is priced once. A result on a day the calendar schedules no
// visit is recorded but earns nothing and leaves the run untouched (Limit
// "unscheduled"), unless the programme allows unscheduled visits.
//
// Results may arrive in any order: visits are priced in date order,
// scheduled dates before the latest visit without a result count as missed,
// and a late result re-prices later visits under the programme's Reconcile
// policy; Recorded.Repriced lists every visit whose payout changed.
//
// Recording the same result again is a no-op that returns the original
// Recorded with Replayed set (reference: I1). Recording a different result
// under a recorded SpecimenID fails with ErrResultConflict: use Correct.
// actor is the host's opaque ID of who recorded it. A failed Record changes
// neither the programme nor the ledger.
func (p *Program) Record(ctx context.Context, actor string, r Result) (Recorded, error) {
	return p.apply(ctx, Operation{Kind: OperationRecord, Actor: actor, Result: r})
}

// Correct replaces the recorded result of r.SpecimenID with r — a
// point-of-care negative later confirmed positive by the laboratory — and
// reconciles the ledger by net change: for each visit whose worth changed it
// posts only the difference, an award when it rose and linked reversals when
// it fell (reference: C1). Money already redeemed is never clawed back: what
// a reversal cannot take from the available balance is owed
// (Ledger.Owed), and cap room follows the net awards. reason is a short
// machine code such as "lab-confirmation". A correction must keep
// CollectedAt; correcting to the result already recorded is a replay.
func (p *Program) Correct(ctx context.Context, actor, reason string, r Result) (Recorded, error) {
	return p.apply(ctx, Operation{Kind: OperationCorrect, Actor: actor, Reason: reason, Result: r})
}

// apply runs one operation under the lock.
func (p *Program) apply(ctx context.Context, op Operation) (Recorded, error) {
	op.Result.CollectedAt = op.Result.CollectedAt.UTC()
	op.Result.Readings = slices.Clone(op.Result.Readings)
	if err := op.Validate(); err != nil {
		return Recorded{}, err
	}
	pl, err := p.place(op.Result)
	if err != nil {
		return Recorded{}, err
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	spec := op.Result.SpecimenID
	prev, known := p.recorded[spec]
	switch op.Kind {
	case OperationRecord:
		if known {
			return p.replay(spec, op.Result)
		}
	case OperationCorrect:
		if !known {
			return Recorded{}, intervention.Field("result.specimenId", ErrUnknownSpecimen)
		}
		if old := p.resultOf(spec); sameResult(old, op.Result) {
			return replayed(prev), nil
		} else if !old.CollectedAt.Equal(op.Result.CollectedAt) {
			return Recorded{}, intervention.Field("result.collectedAt", ErrCorrectionMovesResult)
		}
	}

	rec := Recorded{SpecimenID: spec, Classification: pl.class, Limit: limitUnscheduled}
	if pl.priced {
		from, tail := p.plan(op.Result, pl)
		repriced, entries, err := p.post(ctx, p.opKey(op), op, tail)
		if err != nil {
			return Recorded{}, err
		}
		p.visits = append(p.visits[:from], tail...)
		got := &p.visits[p.visitOf(op.Result, pl)]
		rec = Recorded{
			SpecimenID: spec, Visit: got.ref(), Classification: pl.class, Standing: got.result.SpecimenID == spec,
			Award: got.award, Limit: got.limit, Entries: entries, Repriced: repriced,
		}
	}
	p.ops = append(p.ops, op)
	p.results[spec] = specimen{result: op.Result, ops: p.results[spec].ops + 1}
	p.recorded[spec] = rec
	return cloneRecorded(rec), nil
}

// place classifies r and places it on the programme's calendar. Errors have
// paths under "result".
func (p *Program) place(r Result) (placement, error) {
	if err := r.Validate(); err != nil {
		return placement{}, intervention.Prefix("result", err)
	}
	class, err := p.cfg.Policy.classify(p.cfg.Target, r)
	if err != nil {
		return placement{}, err
	}
	date, err := intervention.DateOf(r.CollectedAt, p.cfg.location())
	if err != nil {
		return placement{}, intervention.Prefix("result.collectedAt", err)
	}
	if date.Before(p.cfg.Calendar.Start) {
		return placement{}, intervention.Field("result.collectedAt", ErrBeforeCalendar)
	}
	slot := p.cfg.Calendar.Scheduled(date)
	return placement{date: date, class: class, slot: slot, priced: slot || p.cfg.AllowUnscheduled}, nil
}

// visitOf returns the position in p.visits of the visit r was placed in.
func (p *Program) visitOf(r Result, pl placement) int {
	if pl.slot {
		i, _ := slotAt(p.visits, pl.date)
		return i
	}
	v := visit{date: pl.date, at: r.CollectedAt, result: r}
	i, _ := position(p.visits, &v)
	return i
}

// replay answers a Record of a specimen already recorded.
func (p *Program) replay(spec string, r Result) (Recorded, error) {
	if !sameResult(p.resultOf(spec), r) {
		return Recorded{}, fmt.Errorf("%w (use Correct)", ErrResultConflict)
	}
	return replayed(p.recorded[spec]), nil
}

// replayed returns a copy of rec marked as a replay.
func replayed(rec Recorded) Recorded {
	rec = cloneRecorded(rec)
	rec.Replayed = true
	return rec
}

// cloneRecorded returns rec with its own slices.
func cloneRecorded(rec Recorded) Recorded {
	rec.Entries = slices.Clone(rec.Entries)
	rec.Repriced = slices.Clone(rec.Repriced)
	for i := range rec.Repriced {
		rec.Repriced[i] = rec.Repriced[i].clone()
	}
	return rec
}

// resultOf returns the current result of a recorded specimen.
func (p *Program) resultOf(spec string) Result { return p.results[spec].result }

// opKey is the ledger idempotency key of an operation: deterministic, so
// that replaying the programme's operations against its ledger is a no-op.
func (p *Program) opKey(op Operation) string {
	n := p.results[op.Result.SpecimenID].ops
	return p.keyPrefix + string(op.Kind) + "/" + strconv.Itoa(n) + "/" + op.Result.SpecimenID
}

// plan returns the position from which the visits change and the new tail
// of visits from there with r recorded, re-priced. p.visits is not modified.
func (p *Program) plan(r Result, pl placement) (int, []visit) {
	in := placed{result: r, class: pl.class}
	var at int
	var v visit
	if pl.slot {
		if i, ok := slotAt(p.visits, pl.date); ok {
			at, v = i, p.visits[i]
		} else {
			at, v = i, p.missedVisit(pl.date)
		}
	} else {
		v = visit{date: pl.date, at: r.CollectedAt, result: r}
		if i, ok := position(p.visits, &v); ok {
			at, v = i, p.visits[i]
		} else {
			at = i
		}
	}
	found := at < len(p.visits) && compareVisits(&p.visits[at], &v) == 0
	v.results = slices.Clone(v.results)
	if j := slices.IndexFunc(v.results, func(x placed) bool { return x.result.SpecimenID == r.SpecimenID }); j >= 0 {
		v.results[j] = in
	} else {
		v.results = append(v.results, in)
	}
	v.stand(p.cfg.Recollection, p.missedClass(), p.cfg.location())
	if found {
		tail := slices.Clone(p.visits[at:])
		tail[0] = v
		return at, p.reprice(at, tail)
	}
	// Scheduled dates after the last visit and before this one passed
	// without a result: they are missed.
	if at == len(p.visits) {
		from := p.cfg.Calendar.Start
		if at > 0 {
			from = p.visits[at-1].date.AddDays(1)
		}
		// The usual case, a result after every visit so far: build the tail
		// in the spare capacity of p.visits, which the caller commits by
		// appending it in place. Nothing visible in p.visits changes until then.
		tail := p.visits[at:at:cap(p.visits)]
		for _, d := range p.cfg.Calendar.Between(from, pl.date) {
			tail = append(tail, p.missedVisit(d))
		}
		return at, p.reprice(at, append(tail, v))
	}
	tail := make([]visit, 0, len(p.visits)-at+1)
	tail = append(append(tail, v), p.visits[at:]...)
	return at, p.reprice(at, tail)
}

// missedClass is the classification of a scheduled visit without a result.
func (p *Program) missedClass() Classification {
	return Classification{Outcome: p.cfg.Policy.Missed, Rule: "status:" + string(ResultMissed)}
}

// missedVisit returns the slot for scheduled date d without a result.
func (p *Program) missedVisit(d intervention.Date) visit {
	return visit{date: d, at: d.In(p.cfg.location()), slot: true, class: p.missedClass()}
}

// reprice prices tail, the visits from position from on, in order.
func (p *Program) reprice(from int, tail []visit) []visit {
	var st RunState
	if from > 0 {
		st = p.visits[from-1].after
	}
	for i := range tail {
		v := &tail[i]
		n := from + i
		v.before = st
		v.limit = p.cfg.limit(v.date, n)
		if v.limit != "" {
			v.award = Award{Visit: n, Outcome: v.class.Outcome, Run: st.Run}
			v.after = st
			continue
		}
		a, next, err := p.cfg.Schedule.Advance(st, v.class.Step(p.cfg.Calendar.Week(v.date)))
		if err != nil { // a valid schedule never fails on a classified step
			a, next = Award{Outcome: v.class.Outcome, Run: st.Run}, st
		}
		a.Visit = n
		v.award, v.after, st = a, next, next
	}
	return tail
}

// Operation is one call that changed the programme: the programme's own log.
// A host persists Operations and rebuilds a programme with Restore; replayed
// against the same ledger, they post nothing new.
type Operation struct {
	Kind   OperationKind `json:"kind"`
	Actor  string        `json:"actor"`
	Reason string        `json:"reason,omitzero"`
	Result Result        `json:"result"`
}

// Validate reports every problem with o.
func (o Operation) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if !o.Kind.Valid() {
		add(intervention.Field("kind", ErrUnknownOperationKind))
	}
	add(checkLedgerRef("actor", o.Actor))
	if o.Kind == OperationCorrect {
		add(checkLedgerCode("reason", o.Reason))
	}
	if err := o.Result.Validate(); err != nil {
		add(intervention.Prefix("result", err))
	}
	return errors.Join(errs...)
}

// Operations returns the programme's log of operations, oldest first.
func (p *Program) Operations() []Operation {
	p.mu.Lock()
	defer p.mu.Unlock()
	ops := slices.Clone(p.ops)
	for i := range ops {
		ops[i].Result.Readings = slices.Clone(ops[i].Result.Readings)
	}
	return ops
}

// Restore rebuilds a programme from its persisted operations, replaying them
// in order against ledger. Operations already reflected in the ledger are
// idempotent replays there, so restoring posts nothing new; operations the
// ledger has not seen are posted.
func Restore(ctx context.Context, id uuid.UUID, cfg ProgramConfig, ledger *Ledger, ops []Operation, opts ...ProgramOption) (*Program, error) {
	p, err := NewProgram(id, cfg, ledger, opts...)
	if err != nil {
		return nil, err
	}
	for i, op := range ops {
		if _, err := p.apply(ctx, op); err != nil {
			return nil, intervention.Prefix(intervention.Index("operations", i), err)
		}
	}
	return p, nil
}

// sameResult reports whether two results are the same fact.
func sameResult(a, b Result) bool {
	return a.SpecimenID == b.SpecimenID && a.CollectedAt.Equal(b.CollectedAt) && a.Status == b.Status &&
		slices.Equal(a.Readings, b.Readings)
}
