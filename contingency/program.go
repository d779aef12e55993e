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
		errs = append(errs, intervention.Field("id", intervention.ErrMissing))
	}
	if ledger == nil {
		errs = append(errs, intervention.Field("ledger", intervention.ErrMissing))
	}
	errs = append(errs, cfg.Validate())
	if cfg.Reconcile == "" {
		cfg.Reconcile = FullRecompute
	}
	cfg.Ineligible = slices.Clone(cfg.Ineligible)
	p := &Program{id: id, cfg: cfg, ledger: ledger, recorded: map[string]Recorded{}, results: map[string]specimen{}}
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
	// Classification is the outcome the policy gave the result.
	Classification Classification `json:"classification"`
	// Award is the schedule's price for the visit before caps.
	Award Award `json:"award"`
	// Limit names the programme limit that made the visit pay nothing
	// ("outside-calendar", "visit-limit", "ineligible"), if one did.
	Limit string `json:"limit,omitzero"`
	// Entries are the ledger entries the operation appended, including the
	// reconciliation of other visits whose price changed.
	Entries []Entry `json:"entries,omitzero"`
	// Replayed is true when the same result was recorded before: nothing
	// changed and Entries are the original ones (reference: I1).
	Replayed bool `json:"replayed,omitzero"`
}

// Record records result r for the visit it was collected at and posts what
// it earns. Results may arrive in any order: each is priced in collection
// order, scheduled dates before it without a result count as missed, and a
// late result re-prices later visits under the programme's Reconcile policy.
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
// reconciles the ledger with linked reversal and new award entries
// (reference: C1). Money already redeemed is never clawed back below zero;
// the ledger records the shortfall. reason is a short machine code such as
// "lab-confirmation". A correction must keep CollectedAt; correcting to the
// result already recorded is a replay.
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
	v, err := p.visitOf(op.Result)
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
			prev.Replayed, prev.Entries = true, slices.Clone(prev.Entries)
			return prev, nil
		} else if !old.CollectedAt.Equal(op.Result.CollectedAt) {
			return Recorded{}, intervention.Field("result.collectedAt", ErrCorrectionMovesResult)
		}
	}

	from, tail := p.plan(v, op.Kind == OperationCorrect)
	entries, err := p.post(ctx, p.opKey(op), op, tail)
	if err != nil {
		return Recorded{}, err
	}
	p.visits = append(p.visits[:from], tail...)
	p.ops = append(p.ops, op)
	p.results[spec] = specimen{result: op.Result, ops: p.results[spec].ops + 1}
	i, _ := position(p.visits, &v)
	got := p.visits[i]
	rec := Recorded{SpecimenID: spec, Classification: got.class, Award: got.award, Limit: got.limit, Entries: entries}
	p.recorded[spec] = rec
	rec.Entries = slices.Clone(entries)
	return rec, nil
}

// visitOf classifies r and places it on the programme's calendar. Errors
// have paths under "result".
func (p *Program) visitOf(r Result) (visit, error) {
	if err := r.Validate(); err != nil {
		return visit{}, intervention.Prefix("result", err)
	}
	class, err := p.cfg.Policy.classify(p.cfg.Target, r)
	if err != nil {
		return visit{}, err
	}
	date, err := intervention.DateOf(r.CollectedAt, p.cfg.location())
	if err != nil {
		return visit{}, intervention.Prefix("result.collectedAt", err)
	}
	if date.Before(p.cfg.Calendar.Start) {
		return visit{}, intervention.Field("result.collectedAt", ErrBeforeCalendar)
	}
	return visit{date: date, at: r.CollectedAt, result: r, class: class}, nil
}

// replay answers a Record of a specimen already recorded.
func (p *Program) replay(spec string, r Result) (Recorded, error) {
	if !sameResult(p.resultOf(spec), r) {
		return Recorded{}, fmt.Errorf("%w (use Correct)", ErrResultConflict)
	}
	rec := p.recorded[spec]
	rec.Replayed, rec.Entries = true, slices.Clone(rec.Entries)
	return rec, nil
}

// resultOf returns the current result of a recorded specimen.
func (p *Program) resultOf(spec string) Result { return p.results[spec].result }

// opKey is the ledger idempotency key of an operation: deterministic, so
// that replaying the programme's operations against its ledger is a no-op.
func (p *Program) opKey(op Operation) string {
	n := p.results[op.Result.SpecimenID].ops
	return "cm/" + p.id.String() + "/" + string(op.Kind) + "/" + strconv.Itoa(n) + "/" + op.Result.SpecimenID
}

// plan returns the position from which the visits change and the new tail
// of visits from there, re-priced. p.visits is not modified.
func (p *Program) plan(v visit, correct bool) (int, []visit) {
	if correct {
		i, _ := position(p.visits, &v)
		tail := slices.Clone(p.visits[i:])
		old := tail[0]
		v.paid, v.revision, v.credits = old.paid, old.revision, old.credits
		tail[0] = v
		return i, p.reprice(i, tail)
	}
	// Scheduled dates after the last visit and before this one passed
	// without a result: they are missed.
	from := p.cfg.Calendar.Start
	if n := len(p.visits); n > 0 {
		from = p.visits[n-1].date.AddDays(1)
	}
	var inserts []visit
	for _, d := range p.cfg.Calendar.Between(from, v.date) {
		inserts = append(inserts, p.missedVisit(d))
	}
	// A result for a date already counted as missed takes its place.
	miss := p.missedVisit(v.date)
	n := len(p.visits)
	if i, found := position(p.visits, &miss); found {
		tail := append(inserts, p.visits[i+1:]...)
		j, _ := position(tail, &v)
		return i, p.reprice(i, slices.Insert(tail, j, v))
	}
	if i, _ := position(p.visits, &v); i < n {
		tail := append(inserts, p.visits[i:]...)
		j, _ := position(tail, &v)
		return i, p.reprice(i, slices.Insert(tail, j, v))
	}
	// The usual case, a result after every visit so far: build the tail in
	// the spare capacity of p.visits, which the caller commits by appending
	// it in place. Nothing visible in p.visits changes until then.
	tail := append(append(p.visits[n:n:cap(p.visits)], inserts...), v)
	return n, p.reprice(n, tail)
}

// missedVisit returns the derived missed visit for scheduled date d.
func (p *Program) missedVisit(d intervention.Date) visit {
	class := Classification{Outcome: p.cfg.Policy.Missed, Rule: "status:" + string(ResultMissed)}
	return visit{date: d, at: d.In(p.cfg.location()), class: class}
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
	if !o.Kind.Valid() {
		errs = append(errs, intervention.Field("kind", ErrUnknownOperationKind))
	}
	errs = append(errs, checkLedgerRef("actor", o.Actor))
	if o.Kind == OperationCorrect {
		errs = append(errs, checkLedgerCode("reason", o.Reason))
	}
	errs = append(errs, intervention.Prefix("result", o.Result.Validate()))
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

// maxLinesPerPosting is the ledger's limit on lines in one Posting.
const maxLinesPerPosting = 1000

// post tells the ledger what the re-priced tail changes: for every visit
// whose payout changes, a linked reversal of what it was paid and the lines
// of its new award, in one atomic Posting. It updates the visits' paid
// award and revision in tail.
func (p *Program) post(ctx context.Context, key string, op Operation, tail []visit) ([]Entry, error) {
	reason := "late-result"
	if op.Kind == OperationCorrect {
		reason = op.Reason
	}
	var lines []Line
	repriced := map[string]*visit{}
	for i := range tail {
		v := &tail[i]
		if sameAward(v.award, v.paid) || p.cfg.Reconcile == ReverseOnly && v.result.SpecimenID != op.Result.SpecimenID {
			continue
		}
		for _, id := range v.credits {
			lines = append(lines, Line{Kind: KindReverse, Corrects: id, Visit: v.ref(), Reason: reason})
		}
		award, err := p.awardLines(v)
		if err != nil {
			return nil, err
		}
		lines = append(lines, award...)
		v.paid, v.credits = v.award, nil
		v.revision++
		repriced[v.ref()] = v
	}
	var entries []Entry
	for part := 0; len(lines) > 0; part++ {
		n := min(len(lines), maxLinesPerPosting)
		k := key
		if part > 0 {
			k += "/part" + strconv.Itoa(part+1)
		}
		rec, err := p.ledger.Post(ctx, Posting{Key: k, Actor: op.Actor, Lines: lines[:n]})
		if err != nil {
			return nil, err
		}
		entries = append(entries, rec.Entries...)
		lines = lines[n:]
	}
	for _, e := range entries {
		if v := repriced[e.Visit]; v != nil && e.Kind.IsAward() {
			v.credits = append(v.credits, e.ID)
		}
	}
	return entries, nil
}

// awardLines returns the ledger lines that pay v's award: the voucher, its
// bonus, and the prizes of its draws when the programme draws them itself.
func (p *Program) awardLines(v *visit) ([]Line, error) {
	a := v.award
	line := func(kind EntryKind, amount Money, slips []Slip) Line {
		return Line{
			Kind: kind, Amount: amount, Instrument: p.cfg.Instrument, FundingSource: p.cfg.FundingSource,
			EffectiveAt: v.at, Visit: v.ref(),
			Award: &AwardDetail{Schedule: p.cfg.Schedule.Kind(), Run: a.Run, Level: a.Level, Slips: slips},
		}
	}
	var out []Line
	if a.Base.IsPositive() {
		out = append(out, line(KindEarn, Dollars(a.Base), nil))
	}
	if a.Bonus.IsPositive() {
		out = append(out, line(KindBonus, Dollars(a.Bonus), nil))
	}
	if a.Draws > 0 && p.drawer != nil {
		slips, err := p.drawer.Draw(a.Draws)
		if err != nil {
			return nil, intervention.Prefix("drawer", err)
		}
		out = append(out, line(KindPrize, SlipsValue(slips), slips))
	}
	return out, nil
}
