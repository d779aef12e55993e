package contingency

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Ledger is one participant's reward ledger: an append-only, hash-chained
// list of entries kept in a Store, with running totals, cap usage and
// indexes derived on every append (reference: contingency.md §5, DESIGN.md
// "Contingency management").
//
// Every write takes a caller's idempotency key: a retry with the same key and
// the same input returns the original entries (Receipt.Replayed), and the
// same key with another input is an *IdempotencyConflictError. A write that
// fails appends nothing to the store and leaves the ledger as it was, except
// that it may have caught up with entries other processes appended. The available balance never
// goes below zero. When the store reports that another process appended
// first (ErrVersionConflict), the ledger loads the new entries, verifies
// them and retries, a bounded number of times (WithMaxRetries).
//
// Concurrency: *Ledger is safe for concurrent use. Writes are serialised and
// hold the ledger's lock across the store call; reads never touch the store.
// Balance, Owed, Available, Held, Earned, Redeemed, Totals, Version and
// VisitNet are O(1); the Money totals are made once on the first read after
// a write, so a write allocates nothing for them and later reads nothing; BalanceAsOf is O(log n); CapUsage and CapRemaining
// are O(log d) for d distinct effective days (a rolling window also looks at
// the award days after the date, to keep back-dated awards within every
// window). A write does not replay history: its cost does not grow with the
// ledger, except for a back-dated award under a cap (O(d)).
type Ledger struct {
	store       Store
	participant uuid.UUID
	cfg         ledgerConfig

	mu         sync.RWMutex
	entries    []Entry
	byKey      map[string]int
	byID       map[uuid.UUID]int
	reversal   map[uuid.UUID]int   // award ID → index of its latest reversal
	reversed   map[uuid.UUID]int64 // award ID → cents its reversals took back, shortfalls included
	resolution map[uuid.UUID]int   // pending redemption ID → index of its approval or veto
	pending    map[uuid.UUID]struct{}
	visits     map[string]*ledgerVisit
	caps       []capTracker
	byTime     effectiveIndex
	head       string
	cents      ledgerCents
	totals     atomic.Pointer[Totals] // Money form of cents, made on the first read after a write
}

// ledgerVisit is what the ledger knows about one visit.
type ledgerVisit struct {
	cents   int64
	net     Money
	entries []int
}

// NewLedger loads participant's ledger from store, verifies its hash chain
// and its consistency, and derives its totals. Errors: a nil store, a Nil
// participant or a bad option (wrapping intervention.ErrInvalid, with field
// paths such as "caps[1].perWindow"); a *LedgerError with Op "load" wrapping
// the store's error, a *VerifyError (ErrTampered) or ErrCorruptLedger.
func NewLedger(ctx context.Context, store Store, participant uuid.UUID, opts ...Option) (*Ledger, error) {
	var errs []error
	if store == nil {
		errs = append(errs, intervention.Field("store", intervention.ErrMissing))
	}
	if participant == uuid.Nil {
		errs = append(errs, intervention.Field("participant", intervention.ErrMissing))
	}
	cfg := defaultLedgerConfig()
	for _, o := range opts {
		if o == nil {
			errs = append(errs, intervention.Field("options", intervention.ErrMissing))
			continue
		}
		if err := o.apply(&cfg); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	l := &Ledger{
		store:       store,
		participant: participant,
		cfg:         cfg,
		byKey:       make(map[string]int),
		byID:        make(map[uuid.UUID]int),
		reversal:    make(map[uuid.UUID]int),
		reversed:    make(map[uuid.UUID]int64),
		resolution:  make(map[uuid.UUID]int),
		pending:     make(map[uuid.UUID]struct{}),
		visits:      make(map[string]*ledgerVisit),
		caps:        make([]capTracker, len(cfg.caps)),
	}
	for i, c := range cfg.caps {
		l.caps[i] = capTracker{cap: c, perItem: moneyCents(c.PerItem), perWindow: moneyCents(c.PerWindow)}
	}
	l.setTotals()
	if err := l.catchUp(ctx); err != nil {
		return nil, &LedgerError{Op: "load", Participant: participant, Err: err}
	}
	return l, nil
}

// Refresh loads and applies entries other processes appended to the store
// since this ledger last saw it. Writes do this by themselves on a version
// conflict; call it before reading when another process may have written.
// Errors are *LedgerError with Op "refresh"; entries verified before a bad
// one stay applied, so the ledger always reflects a consistent prefix of the
// store.
func (l *Ledger) Refresh(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.catchUp(ctx); err != nil {
		return &LedgerError{Op: "refresh", Participant: l.participant, Expected: l.version(), Err: err}
	}
	return nil
}

// catchUp loads the entries after the ledger's version, verifies that they
// continue its chain, checks and applies them. The caller holds l.mu (or owns
// l exclusively).
func (l *Ledger) catchUp(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	from := l.version()
	entries, v, err := l.store.Load(ctx, l.participant, from)
	if err != nil {
		return err
	}
	if uint64(v) != uint64(from)+uint64(len(entries)) {
		return fmt.Errorf("contingency: store version does not match its entries: %w", ErrCorruptLedger)
	}
	if err := verifyChain(entries, from, l.head, l.participant); err != nil {
		return err
	}
	if l.cfg.keys != nil {
		if err := verifyMACs(entries, l.cfg.keys); err != nil {
			return err
		}
	}
	for i := range entries {
		e := cloneEntry(entries[i])
		if err := l.checkStored(&e); err != nil {
			return err
		}
		l.apply(e)
	}
	return nil
}

// Participant returns the participant whose ledger this is.
func (l *Ledger) Participant() uuid.UUID { return l.participant }

// Version returns the number of entries in the ledger.
func (l *Ledger) Version() Version {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.version()
}

func (l *Ledger) version() Version { return Version(len(l.entries)) }

// Balance returns the money the participant holds on the ledger, pending
// redemptions included: the net of the posted entries when it is positive,
// else zero (see Totals). O(1).
func (l *Ledger) Balance() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Balance
}

// Owed returns what the participant owes: money redeemed that a correction
// has since taken back. Later awards settle it before they become
// available; a positive adjustment writes it off. O(1).
func (l *Ledger) Owed() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Owed
}

// Available returns the balance less pending redemptions: what can be
// redeemed now. Never negative. O(1).
func (l *Ledger) Available() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Available
}

// Held returns the sum of redemptions awaiting approval. O(1).
func (l *Ledger) Held() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Held
}

// Earned returns the awards less their reversals at their full value: the
// net of what every visit is worth now. O(1).
func (l *Ledger) Earned() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Earned
}

// Redeemed returns the posted redemptions as a positive amount. O(1).
func (l *Ledger) Redeemed() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow().Redeemed
}

// Totals returns every running total. O(1).
func (l *Ledger) Totals() Totals {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totalsNow()
}

// BalanceAsOf returns the net of the posted entries whose EffectiveAt is at
// or before t: the position as the ledger now knows it to have been at t
// (bi-temporal: a correction recorded today but effective last week changes
// last week's figure). It is negative when, by then, more had been redeemed
// than the awards were worth. O(log n).
func (l *Ledger) BalanceAsOf(t time.Time) Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return Cents(l.byTime.upTo(t.Unix(), int32(t.Nanosecond())))
}

// VisitNet returns the net amount of the posted entries for visit (awards
// less their reversals and any adjustments naming the visit); zero for an
// unknown visit. O(1), no allocation.
func (l *Ledger) VisitNet(visit string) Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if v, ok := l.visits[visit]; ok {
		return v.net
	}
	return Money{}
}

// VisitEntries returns copies of the entries for visit, in ledger order.
func (l *Ledger) VisitEntries(visit string) []Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	v, ok := l.visits[visit]
	if !ok {
		return nil
	}
	out := make([]Entry, len(v.entries))
	for i, idx := range v.entries {
		out[i] = cloneEntry(l.entries[idx])
	}
	return out
}

// Entries returns a copy of every entry, in ledger order.
func (l *Ledger) Entries() []Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]Entry, len(l.entries))
	for i := range l.entries {
		out[i] = cloneEntry(l.entries[i])
	}
	return out
}

// EntryByKey returns a copy of the entry written under idempotency key key
// (a posting's later lines are under key#2, key#3…).
func (l *Ledger) EntryByKey(key string) (Entry, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	i, ok := l.byKey[key]
	if !ok {
		return Entry{}, false
	}
	return cloneEntry(l.entries[i]), true
}

// EntryByID returns a copy of the entry with ID id.
func (l *Ledger) EntryByID(id uuid.UUID) (Entry, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	i, ok := l.byID[id]
	if !ok {
		return Entry{}, false
	}
	return cloneEntry(l.entries[i]), true
}

// ReversalOf returns a copy of the latest entry that reversed (all or part
// of) the award id, if any.
func (l *Ledger) ReversalOf(id uuid.UUID) (Entry, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	i, ok := l.reversal[id]
	if !ok {
		return Entry{}, false
	}
	return cloneEntry(l.entries[i]), true
}

// Pending returns copies of the redemptions awaiting approval, in ledger
// order.
func (l *Ledger) Pending() []Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	idx := make([]int, 0, len(l.pending))
	for id := range l.pending {
		idx = append(idx, l.byID[id])
	}
	slices.Sort(idx)
	out := make([]Entry, len(idx))
	for i, j := range idx {
		out[i] = cloneEntry(l.entries[j])
	}
	return out
}

// Caps returns copies of the ledger's caps, in order.
func (l *Ledger) Caps() []Cap {
	out := make([]Cap, len(l.caps))
	for i := range l.caps {
		out[i] = l.caps[i].cap.clone()
	}
	return out
}

// CapUsage returns how much of cap name is used in the window that holds
// asOf (for a rolling window, the one ending on asOf's day), by the award
// entries the cap covers, less reversals. Errors: ErrUnknownCap.
func (l *Ledger) CapUsage(name string, asOf time.Time) (Money, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ct := l.capByName(name)
	if ct == nil {
		return Money{}, ErrUnknownCap
	}
	y, m, d := asOf.In(l.cfg.loc).Date()
	lo, hi := ct.window().bounds(y, m, d)
	return Cents(ct.usage(lo, hi, nil)), nil
}

// CapRemaining returns how much an award effective at asOf could still be
// paid under cap name's PerWindow limit: the limit less the usage of every
// window that holds asOf, never below zero. Errors: ErrUnknownCap, and
// ErrNoWindowLimit for a cap without a PerWindow limit.
func (l *Ledger) CapRemaining(name string, asOf time.Time) (Money, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ct := l.capByName(name)
	if ct == nil {
		return Money{}, ErrUnknownCap
	}
	if ct.perWindow <= 0 {
		return Money{}, ErrNoWindowLimit
	}
	return Cents(ct.windowRoom(asOf.In(l.cfg.loc), nil)), nil
}

// LeastCapRemaining returns the smallest CapRemaining at asOf among the
// caps with a PerWindow limit that cover awards from fundingSource in
// instrument in: what the next such award could still be paid. ok is false
// when no such cap exists.
func (l *Ledger) LeastCapRemaining(asOf time.Time, fundingSource string, in Instrument) (remaining Money, ok bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	least := int64(-1)
	at := asOf.In(l.cfg.loc)
	for i := range l.caps {
		t := &l.caps[i]
		if t.perWindow <= 0 || !t.cap.Covers(fundingSource, in) {
			continue
		}
		if r := t.windowRoom(at, nil); least < 0 || r < least {
			least = r
		}
	}
	if least < 0 {
		return Money{}, false
	}
	return Cents(least), true
}

// refusesVisits reports whether a cap refuses a visit's award as a whole
// (CapRefuse with RefusalScope RefuseVisit), which needs what each visit's
// lines request together.
func (l *Ledger) refusesVisits() bool {
	return slices.ContainsFunc(l.caps, func(t capTracker) bool {
		return t.cap.Policy == CapRefuse && t.cap.RefusalScope != RefuseLine
	})
}

// hasCaps reports whether the ledger has caps (they never change).
func (l *Ledger) hasCaps() bool { return len(l.caps) > 0 }

func (l *Ledger) capByName(name string) *capTracker {
	for i := range l.caps {
		if l.caps[i].cap.Name == name {
			return &l.caps[i]
		}
	}
	return nil
}
