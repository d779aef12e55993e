package contingency

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Limits on ledger input.
const (
	// maxAmountCents bounds every amount: $1,000,000.00.
	maxAmountCents = 100_000_000
	maxKeyLen      = 256
	maxRefLen      = 256
	maxCodeLen     = 64
	maxLines       = 1000
	// Effective and recorded times must fall in these years (UTC).
	minLedgerYear = 1900
	maxLedgerYear = 2199
)

// Rules a ledger write can break because of the ledger's state. Writes
// return them inside a *LedgerError; test with errors.Is.
var (
	// ErrInsufficientBalance means a redemption, expiry or negative
	// adjustment would take the available balance (balance minus pending
	// holds) below zero.
	ErrInsufficientBalance = errors.New("contingency: insufficient available balance")
	// ErrIdempotencyConflict means a key was used before with a different
	// input: a caller bug. *IdempotencyConflictError matches it.
	ErrIdempotencyConflict = errors.New("contingency: idempotency key reused with a different input")
	// ErrAlreadyReversed means the entry was already reversed under another key.
	ErrAlreadyReversed = errors.New("contingency: entry already reversed")
	// ErrNotReversible means the entry is not an earn, bonus or prize entry.
	ErrNotReversible = errors.New("contingency: only earn, bonus and prize entries can be reversed")
	// ErrUnknownEntry means no entry of this ledger has the ID.
	ErrUnknownEntry = errors.New("contingency: unknown ledger entry")
	// ErrNotPending means the entry is not a redemption awaiting approval.
	ErrNotPending = errors.New("contingency: entry is not a pending redemption")
	// ErrAlreadyResolved means the pending redemption was already approved
	// or vetoed under another key: a pending redemption resolves once.
	ErrAlreadyResolved = errors.New("contingency: pending redemption already resolved")
	// ErrUnknownCap means the ledger has no cap of that name.
	ErrUnknownCap = errors.New("contingency: unknown cap")
	// ErrNoWindowLimit means the cap has no PerWindow limit, so no amount
	// remains or runs out.
	ErrNoWindowLimit = errors.New("contingency: cap has no window limit")
	// ErrCorruptLedger means the store returned entries that chain correctly
	// but do not make a consistent ledger (a reversal of an unknown entry, a
	// duplicate key, a malformed amount), or a version that does not match
	// its entries.
	ErrCorruptLedger = errors.New("contingency: stored ledger is inconsistent")
)

// Validation rules of ledger commands; each wraps intervention.ErrInvalid.
var (
	// ErrForbiddenInstrument means a cap forbids the instrument (OIG and
	// SAMHSA forbid cash). *ForbiddenInstrumentError matches it.
	ErrForbiddenInstrument = fmt.Errorf("contingency: instrument forbidden by a cap: %w", intervention.ErrInvalid)
	// ErrKindNotPostable means a Posting line has kind redeem, which has its
	// own method.
	ErrKindNotPostable = fmt.Errorf("contingency: entry kind cannot be posted: %w", intervention.ErrInvalid)
	// ErrBadKey means an idempotency key is longer than 256 bytes, contains
	// '#' (reserved for the keys of a posting's later lines), a control
	// character or invalid UTF-8.
	ErrBadKey = fmt.Errorf("contingency: idempotency key must be up to 256 bytes without '#' or control characters: %w", intervention.ErrInvalid)
	// ErrBadCode means a code (a reason, a cap name, a slip tier) is not 1–64
	// ASCII letters, digits, '-', '_', '.', ':' or '/'. Codes are never free
	// text: free text is PHI.
	ErrBadCode = fmt.Errorf("contingency: code must be up to 64 letters, digits or -_.:/: %w", intervention.ErrInvalid)
	// ErrBadReference means an opaque reference (actor, visit, funding
	// source) is longer than 256 bytes, contains a control character or is
	// invalid UTF-8.
	ErrBadReference = fmt.Errorf("contingency: reference must be up to 256 bytes without control characters: %w", intervention.ErrInvalid)
)

// LedgerError says which ledger operation failed on which ledger
// (CONVENTIONS §13). Expected is the ledger's version when the operation ran;
// Actual is the version the store reported, when it reported one. Unwrap
// gives Err, the rule: ErrVersionConflict after the retries ran out,
// ErrInsufficientBalance, *IdempotencyConflictError, a store error…
type LedgerError struct {
	Op               string // "load", "refresh", "post", "redeem", "approve", "veto", "reverse"
	Participant      uuid.UUID
	Expected, Actual Version
	Err              error
}

// Error reports the operation, the versions and the rule; never a
// participant or a value.
func (e *LedgerError) Error() string {
	var b strings.Builder
	b.WriteString("contingency: ledger ")
	b.WriteString(e.Op)
	b.WriteString(" at version ")
	b.WriteString(strconv.FormatUint(uint64(e.Expected), 10))
	if e.Actual != 0 && e.Actual != e.Expected {
		b.WriteString(" (store at ")
		b.WriteString(strconv.FormatUint(uint64(e.Actual), 10))
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Err.
func (e *LedgerError) Unwrap() error { return e.Err }

// IdempotencyConflictError means Key was used before with a different input
// (CONVENTIONS §14). It matches ErrIdempotencyConflict. Its message leaves
// the key out: a key may be a specimen ID.
type IdempotencyConflictError struct{ Key string }

// Error reports the rule.
func (e *IdempotencyConflictError) Error() string { return ErrIdempotencyConflict.Error() }

// Is makes every IdempotencyConflictError match ErrIdempotencyConflict.
func (e *IdempotencyConflictError) Is(target error) bool { return target == ErrIdempotencyConflict }

// ForbiddenInstrumentError means Cap forbids Instrument on the command field
// Field ("lines[2].instrument", "instrument"). It matches
// ErrForbiddenInstrument and so intervention.ErrInvalid.
type ForbiddenInstrumentError struct {
	Field      string
	Cap        string
	Instrument Instrument
}

// Error names the field, the instrument and the cap (configuration, not PHI).
func (e *ForbiddenInstrumentError) Error() string {
	return "contingency: " + e.Field + ": instrument " + string(e.Instrument) + " is forbidden by cap " + e.Cap
}

// Unwrap returns ErrForbiddenInstrument.
func (e *ForbiddenInstrumentError) Unwrap() error { return ErrForbiddenInstrument }

// Receipt is what a ledger write did (CONVENTIONS §14). Entries are the
// entries the write appended, in order, and Entry is the first of them (the
// only one for Redeem, Approve, Veto and Reverse). Version is the ledger
// version right after the write. Replayed reports that the key and input
// had been written before: the entries and version are the original ones
// and nothing was appended.
type Receipt struct {
	Entry    Entry   `json:"entry"`
	Entries  []Entry `json:"entries"`
	Version  Version `json:"version"`
	Replayed bool    `json:"replayed,omitzero"`
}

// Posting is one atomic write of award and correction lines. Its Key is the
// caller's idempotency key (a specimen ID, or a UUID the host saved before
// submitting): the first line's entry gets Key, the n-th line's (n ≥ 2)
// gets Key+"#n", which is why a key may not contain '#'.
type Posting struct {
	Key   string `json:"key"`
	Actor string `json:"actor"` // the host's opaque ID of the staff member or system
	Lines []Line `json:"lines"` // 1–1000 lines, appended in order
}

// Line is one line of a Posting.
//
// Kind is earn, bonus, prize, adjust, expire or reverse. Amount is at most
// $1,000,000.00 with at most two decimal places, and its meaning depends on
// the kind: for earn, bonus and prize it is the award requested before caps
// (zero or more: a prize of only "good job" slips is $0.00); for expire it is
// the positive amount removed; for adjust it is signed and not zero (a
// negative adjust removes money); for reverse it must be zero, because the
// ledger takes back the amount of the award named by Corrects, as Reverse
// does (never below a zero available balance). The ledger writes the signed
// amount on the entry.
//
// A reverse line lets a re-priced visit be reversed and paid again in one
// atomic posting, with the room the reversal frees counted by the caps of
// the later lines. Its Corrects and Reason are required; EffectiveAt may be
// zero (the original's); Instrument, FundingSource and Visit may be empty
// and must otherwise match the original's, which the reversal inherits.
//
// Award is required on earn, bonus and prize lines and refused on the others.
// The ledger sets Award.Requested to Amount and Award.Caps to the caps that
// bound the line; a caller may leave them zero (Requested may also equal
// Amount). On a prize line with slips, Amount must be the sum of the slips.
// Reason is required on adjust, expire and reverse lines.
type Line struct {
	Kind          EntryKind  `json:"kind"`
	Amount        Money      `json:"amount"`
	Instrument    Instrument `json:"instrument"`
	FundingSource string     `json:"fundingSource,omitzero"`
	// EffectiveAt is when the line counts (the visit); 1900–2199. Optional
	// on a reverse line.
	EffectiveAt time.Time `json:"effectiveAt"`
	Visit       string    `json:"visit,omitzero"`
	// Reason is a code, required on adjust, expire and reverse lines.
	Reason string `json:"reason,omitzero"`
	// Corrects names an entry of this ledger the line corrects: required on
	// a reverse line (an earn, bonus or prize entry), optional otherwise.
	Corrects uuid.UUID    `json:"corrects,omitzero"`
	Award    *AwardDetail `json:"award,omitzero"`
}

// Redemption asks to spend Amount (positive) of the balance in Instrument.
type Redemption struct {
	Key         string     `json:"key"`
	Amount      Money      `json:"amount"`
	Instrument  Instrument `json:"instrument"`
	Actor       string     `json:"actor"`
	EffectiveAt time.Time  `json:"effectiveAt"`
	Reason      string     `json:"reason,omitzero"` // an optional code
}

// Totals are a ledger's running figures. All are derived from the entries
// (Fold) and kept up to date on every append.
//
//	Balance   = Earned − Redeemed + Adjusted − Expired (posted entries only)
//	Available = Balance − Held
type Totals struct {
	// Balance is the sum of the amounts of posted entries.
	Balance Money `json:"balance"`
	// Available is what can be redeemed now: Balance less Held.
	Available Money `json:"available"`
	// Held is the sum of the redemptions awaiting approval.
	Held Money `json:"held"`
	// Earned is the awards (earn, bonus, prize) less their reversals.
	Earned Money `json:"earned"`
	// Redeemed is the posted redemptions, as a positive amount.
	Redeemed Money `json:"redeemed"`
	// Adjusted is the net of the adjustments.
	Adjusted Money `json:"adjusted"`
	// Expired is what expired, as a positive amount.
	Expired Money `json:"expired"`
	// Shortfall is what reversals could not take back because it had been
	// redeemed (reference: contingency.md §8, C1: never clawed back below
	// zero).
	Shortfall Money `json:"shortfall"`
}

// Fold computes the Totals of entries from scratch, in their order: the
// definition the ledger's O(1) running totals are checked against. It needs
// no verified chain and never fails; entries it cannot place (a resolution of
// an unknown pending redemption) count by their own status.
func Fold(entries []Entry) Totals {
	var t Totals
	pending := make(map[uuid.UUID]Money)
	release := func(id uuid.UUID) {
		if amt, ok := pending[id]; ok {
			t.Held = t.Held.Add(amt) // amt is negative
			delete(pending, id)
		}
	}
	for _, e := range entries {
		switch e.Status {
		case StatusPosted:
			t.Balance = t.Balance.Add(e.Amount)
			switch e.Kind {
			case KindEarn, KindBonus, KindPrize, KindReverse:
				t.Earned = t.Earned.Add(e.Amount)
				t.Shortfall = t.Shortfall.Add(e.Shortfall)
			case KindRedeem:
				t.Redeemed = t.Redeemed.Sub(e.Amount)
				if e.Corrects != uuid.Nil {
					release(e.Corrects)
				}
			case KindAdjust:
				t.Adjusted = t.Adjusted.Add(e.Amount)
			case KindExpire:
				t.Expired = t.Expired.Sub(e.Amount)
			}
		case StatusPending:
			t.Held = t.Held.Sub(e.Amount)
			pending[e.ID] = e.Amount
		case StatusVoided:
			release(e.Corrects)
		}
	}
	t.Available = t.Balance.Sub(t.Held)
	return t
}

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
// Balance, Available, Held, Earned, Redeemed, Version and VisitNet are O(1)
// and allocate nothing; BalanceAsOf is O(log n); CapUsage and CapRemaining
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
	reversal   map[uuid.UUID]int // award ID → index of its reversal
	resolution map[uuid.UUID]int // pending redemption ID → index of its approval or veto
	pending    map[uuid.UUID]struct{}
	visits     map[string]*ledgerVisit
	caps       []capTracker
	byTime     effectiveIndex
	head       string
	cents      ledgerCents
	totals     Totals // Money mirror of cents, for allocation-free reads
}

// ledgerVisit is what the ledger knows about one visit.
type ledgerVisit struct {
	cents   int64
	net     Money
	entries []int
}

// ledgerCents are the running totals in cents.
type ledgerCents struct {
	balance, held, earned, redeemed, adjusted, expired, shortfall int64
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

// Balance returns the sum of posted entries. O(1), no allocation.
func (l *Ledger) Balance() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals.Balance
}

// Available returns the balance less pending redemptions: what can be
// redeemed now. Never negative. O(1), no allocation.
func (l *Ledger) Available() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals.Available
}

// Held returns the sum of redemptions awaiting approval. O(1), no allocation.
func (l *Ledger) Held() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals.Held
}

// Earned returns the awards less their reversals. O(1), no allocation.
func (l *Ledger) Earned() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals.Earned
}

// Redeemed returns the posted redemptions as a positive amount. O(1), no
// allocation.
func (l *Ledger) Redeemed() Money {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals.Redeemed
}

// Totals returns every running total. O(1).
func (l *Ledger) Totals() Totals {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.totals
}

// BalanceAsOf returns the sum of posted entries whose EffectiveAt is at or
// before t: the balance as the ledger now knows it to have been at t
// (bi-temporal: a correction recorded today but effective last week changes
// last week's figure). Back-dated debits can make a past figure negative;
// only the current balance is guaranteed not to be. O(log n).
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

// ReversalOf returns a copy of the entry that reversed the award id, if any.
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

func (l *Ledger) capByName(name string) *capTracker {
	for i := range l.caps {
		if l.caps[i].cap.Name == name {
			return &l.caps[i]
		}
	}
	return nil
}

// Post appends the lines of p atomically, applying the caps to its award
// lines in order (see Cap). It is idempotent on p.Key.
//
// Errors: validation errors wrapping intervention.ErrInvalid with paths such
// as "lines[1].amount" (returned as they are); otherwise a *LedgerError
// wrapping *IdempotencyConflictError, *ForbiddenInstrumentError, a
// *intervention.FieldError with ErrUnknownEntry for a line's unknown
// Corrects or ErrInconsistent for a reverse line that does not match its
// original, ErrInsufficientBalance (an expire or negative adjust line),
// ErrNotReversible or ErrAlreadyReversed (a reverse line), an IDSource or
// store error, or ErrVersionConflict when the retries ran out.
func (l *Ledger) Post(ctx context.Context, p Posting) (Receipt, error) {
	if err := p.Validate(); err != nil {
		return Receipt{}, err
	}
	w := canonWriter{}
	w.str("post")
	w.str(p.Key)
	w.str(p.Actor)
	w.int(len(p.Lines))
	for _, ln := range p.Lines {
		w.str(string(ln.Kind))
		w.money(ln.Amount)
		w.str(string(ln.Instrument))
		w.str(ln.FundingSource)
		w.time(ln.EffectiveAt)
		w.str(ln.Visit)
		w.str(ln.Reason)
		w.uuid(ln.Corrects)
		w.award(ln.Award, false)
	}
	return l.write(ctx, "post", p.Key, w.sum(), func() ([]Entry, error) { return l.buildPost(p) })
}

// Redeem spends r.Amount of the available balance. With
// WithRedemptionApproval the entry is a pending redemption that holds the
// amount until Approve or Veto resolves it; otherwise it posts at once. It is
// idempotent on r.Key.
//
// Errors: validation errors wrapping intervention.ErrInvalid; otherwise a
// *LedgerError wrapping ErrInsufficientBalance, *ForbiddenInstrumentError
// (a cap covering every funding source forbids r.Instrument),
// *IdempotencyConflictError, or a store error.
func (l *Ledger) Redeem(ctx context.Context, r Redemption) (Receipt, error) {
	if err := r.Validate(); err != nil {
		return Receipt{}, err
	}
	w := canonWriter{}
	w.str("redeem")
	w.str(r.Key)
	w.money(r.Amount)
	w.str(string(r.Instrument))
	w.str(r.Actor)
	w.time(r.EffectiveAt)
	w.str(r.Reason)
	return l.write(ctx, "redeem", r.Key, w.sum(), func() ([]Entry, error) { return l.buildRedeem(r) })
}

// Approve posts the pending redemption pendingID: a redeem entry whose
// Corrects names it, with its amount, instrument, reason and effective time,
// written by approver. A pending redemption resolves exactly once; a retry
// with the same key is a replay.
//
// Errors: validation errors (key, pendingId, approver); otherwise a
// *LedgerError wrapping ErrUnknownEntry, ErrNotPending, ErrAlreadyResolved,
// *IdempotencyConflictError or a store error.
func (l *Ledger) Approve(ctx context.Context, key string, pendingID uuid.UUID, approver string) (Receipt, error) {
	return l.resolve(ctx, "approve", key, pendingID, approver, "")
}

// Veto refuses the pending redemption pendingID, releasing its hold: a
// redeem entry with StatusVoided whose Corrects names it (the therapist's
// veto; reference: contingency.md §1 and §7, "Redemption"). reason is a
// required code. Errors as for Approve.
func (l *Ledger) Veto(ctx context.Context, key string, pendingID uuid.UUID, approver, reason string) (Receipt, error) {
	return l.resolve(ctx, "veto", key, pendingID, approver, reason)
}

func (l *Ledger) resolve(ctx context.Context, op, key string, pendingID uuid.UUID, approver, reason string) (Receipt, error) {
	errs := []error{checkLedgerKey("key", key), checkLedgerRef("approver", approver)}
	if pendingID == uuid.Nil {
		errs = append(errs, intervention.Field("pendingId", intervention.ErrMissing))
	}
	if op == "veto" {
		errs = append(errs, checkLedgerCode("reason", reason))
	}
	if err := errors.Join(errs...); err != nil {
		return Receipt{}, err
	}
	w := canonWriter{}
	w.str(op)
	w.str(key)
	w.uuid(pendingID)
	w.str(approver)
	w.str(reason)
	return l.write(ctx, op, key, w.sum(), func() ([]Entry, error) {
		i, ok := l.byID[pendingID]
		if !ok {
			return nil, ErrUnknownEntry
		}
		p := l.entries[i]
		if p.Kind != KindRedeem || p.Status != StatusPending {
			return nil, ErrNotPending
		}
		if _, done := l.resolution[pendingID]; done {
			return nil, ErrAlreadyResolved
		}
		e := Entry{
			Kind: KindRedeem, Amount: p.Amount, Instrument: p.Instrument, Actor: approver,
			Reason: p.Reason, Corrects: pendingID, EffectiveAt: p.EffectiveAt,
		}
		if op == "veto" {
			e.Status, e.Reason = StatusVoided, reason
		}
		return []Entry{e}, nil
	})
}

// Reverse takes back the earn, bonus or prize entry entryID with a linked
// KindReverse entry (the original stays; reference: contingency.md §5). The
// reversal inherits the original's visit, funding source and instrument, and
// gives back the cap room it used. reason is a required code. effectiveAt is
// when the reversal counts; the zero time means the original's EffectiveAt,
// so that the net change at that time is zero (FRAGMENT's convention).
//
// The reversal never takes the available balance below zero: if money was
// already redeemed, it takes back what is available and records the rest in
// Entry.Shortfall (reference: contingency.md §8, C1). Reversing an entry again
// under the same key is a replay (I2); under another key it is
// ErrAlreadyReversed.
//
// Errors: validation errors (key, entryId, actor, reason, effectiveAt);
// otherwise a *LedgerError wrapping ErrUnknownEntry, ErrNotReversible,
// ErrAlreadyReversed, *IdempotencyConflictError or a store error.
func (l *Ledger) Reverse(ctx context.Context, key string, entryID uuid.UUID, actor, reason string, effectiveAt time.Time) (Receipt, error) {
	errs := []error{checkLedgerKey("key", key), checkLedgerRef("actor", actor), checkLedgerCode("reason", reason)}
	if entryID == uuid.Nil {
		errs = append(errs, intervention.Field("entryId", intervention.ErrMissing))
	}
	if !effectiveAt.IsZero() {
		errs = append(errs, checkLedgerTime("effectiveAt", effectiveAt))
	}
	if err := errors.Join(errs...); err != nil {
		return Receipt{}, err
	}
	w := canonWriter{}
	w.str("reverse")
	w.str(key)
	w.uuid(entryID)
	w.str(actor)
	w.str(reason)
	w.time(effectiveAt)
	return l.write(ctx, "reverse", key, w.sum(), func() ([]Entry, error) {
		o, err := l.reversible(entryID, nil)
		if err != nil {
			return nil, err
		}
		return []Entry{reversalEntry(o, l.cents.balance-l.cents.held, actor, reason, effectiveAt)}, nil
	})
}

// reversible returns the award entry id, which neither the ledger nor the
// entries built so far (batch) have reversed.
func (l *Ledger) reversible(id uuid.UUID, batch []Entry) (Entry, error) {
	i, ok := l.byID[id]
	if !ok {
		return Entry{}, ErrUnknownEntry
	}
	o := l.entries[i]
	if !o.Kind.IsAward() || o.Status != StatusPosted {
		return Entry{}, ErrNotReversible
	}
	_, done := l.reversal[id]
	if done || slices.ContainsFunc(batch, func(e Entry) bool { return e.Kind == KindReverse && e.Corrects == id }) {
		return Entry{}, ErrAlreadyReversed
	}
	return o, nil
}

// reversalEntry returns the reversal of award o when avail cents are
// available: it takes back what is available and records the rest as a
// shortfall. A zero effectiveAt means o's.
func reversalEntry(o Entry, avail int64, actor, reason string, effectiveAt time.Time) Entry {
	orig := moneyCents(o.Amount)
	cover := min(orig, max(avail, 0))
	e := Entry{
		Kind: KindReverse, Amount: Cents(-cover), Instrument: o.Instrument, FundingSource: o.FundingSource,
		Actor: actor, Reason: reason, Corrects: o.ID, Visit: o.Visit, EffectiveAt: o.EffectiveAt,
	}
	if !effectiveAt.IsZero() {
		e.EffectiveAt = normTime(effectiveAt)
	}
	if cover < orig {
		e.Shortfall = Cents(orig - cover)
	}
	return e
}

// write runs one idempotent write: replay check, build against the current
// state, seal, append, apply; on a version conflict it catches up and tries
// again.
func (l *Ledger) write(ctx context.Context, op, key, in string, build func() ([]Entry, error)) (Receipt, error) {
	fail := func(actual Version, err error) error {
		return &LedgerError{Op: op, Participant: l.participant, Expected: l.version(), Actual: actual, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return Receipt{}, &LedgerError{Op: op, Participant: l.participant, Err: err}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if r, ok, err := l.replay(key, in); err != nil {
			return Receipt{}, fail(0, err)
		} else if ok {
			return r, nil
		}
		entries, err := build()
		if err == nil {
			err = l.seal(entries, key, in)
		}
		if err != nil {
			return Receipt{}, fail(0, err)
		}
		expected := l.version()
		v, err := l.store.Append(ctx, l.participant, expected, entries)
		if err == nil {
			for i := range entries {
				l.apply(cloneEntry(entries[i]))
			}
			return receiptOf(entries, false), nil
		}
		if !errors.Is(err, ErrVersionConflict) && !errors.Is(err, ErrDuplicateKey) || attempt >= l.cfg.retries {
			return Receipt{}, fail(v, err)
		}
		if err := l.catchUp(ctx); err != nil {
			return Receipt{}, fail(v, err)
		}
	}
}

// replay returns the receipt of an earlier write under key, or an
// *IdempotencyConflictError when its input differed.
func (l *Ledger) replay(key, in string) (Receipt, bool, error) {
	i, ok := l.byKey[key]
	if !ok {
		return Receipt{}, false, nil
	}
	if l.entries[i].InputHash != in {
		return Receipt{}, false, &IdempotencyConflictError{Key: key}
	}
	out := []Entry{cloneEntry(l.entries[i])}
	for n := 2; ; n++ {
		j, ok := l.byKey[lineKey(key, n)]
		if !ok {
			break
		}
		out = append(out, cloneEntry(l.entries[j]))
	}
	return receiptOf(out, true), true, nil
}

func receiptOf(entries []Entry, replayed bool) Receipt {
	out := make([]Entry, len(entries))
	for i := range entries {
		out[i] = cloneEntry(entries[i])
	}
	return Receipt{Entry: out[0], Entries: out, Version: out[len(out)-1].Seq, Replayed: replayed}
}

// lineKey returns the idempotency key of line n (from 1) of a write under key.
func lineKey(key string, n int) string {
	if n == 1 {
		return key
	}
	return key + "#" + strconv.Itoa(n)
}

// seal stamps the entries built for a write with their identity and chain.
func (l *Ledger) seal(entries []Entry, key, in string) error {
	now := l.cfg.clock.Now()
	if err := checkLedgerTime("recordedAt", now); err != nil {
		return fmt.Errorf("contingency: clock: %w", err)
	}
	now = normTime(now)
	prev, seq := l.head, l.version()
	for i := range entries {
		id, err := l.cfg.ids()
		if err != nil {
			return err
		}
		_, used := l.byID[id]
		if id == uuid.Nil || used || slices.ContainsFunc(entries[:i], func(e Entry) bool { return e.ID == id }) {
			return intervention.Field("id", intervention.ErrDuplicate)
		}
		seq++
		e := &entries[i]
		e.SchemaVersion, e.ID, e.Participant, e.Seq = EntrySchemaVersion, id, l.participant, seq
		e.IdempotencyKey, e.InputHash, e.RecordedAt, e.PrevHash = lineKey(key, i+1), in, now, prev
		e.Hash = HashEntry(*e)
		prev = e.Hash
	}
	return nil
}

// buildPost returns the entries of p under the ledger's caps and balance.
func (l *Ledger) buildPost(p Posting) ([]Entry, error) {
	out := make([]Entry, len(p.Lines))
	avail := l.cents.balance - l.cents.held
	var scratch capScratch
	for i, ln := range p.Lines {
		path := intervention.Index("lines", i)
		if ln.Corrects != uuid.Nil {
			if _, ok := l.byID[ln.Corrects]; !ok {
				return nil, intervention.Field(path+".corrects", ErrUnknownEntry)
			}
		}
		e := Entry{
			Kind: ln.Kind, EffectiveAt: normTime(ln.EffectiveAt), Instrument: ln.Instrument,
			FundingSource: ln.FundingSource, Reason: ln.Reason, Corrects: ln.Corrects, Visit: ln.Visit, Actor: p.Actor,
		}
		amt := moneyCents(ln.Amount)
		switch ln.Kind {
		case KindEarn, KindBonus, KindPrize:
			for ci := range l.caps {
				if c := &l.caps[ci].cap; c.Forbids(ln.FundingSource, ln.Instrument) {
					return nil, &ForbiddenInstrumentError{Field: path + ".instrument", Cap: c.Name, Instrument: ln.Instrument}
				}
			}
			paid, binding := l.applyCaps(&scratch, ln, amt)
			a := cloneAward(ln.Award)
			a.Requested, a.Caps = Cents(amt), binding
			e.Amount, e.Award = Cents(paid), a
			avail += paid
		case KindAdjust, KindExpire:
			if ln.Kind == KindExpire {
				amt = -amt
			}
			e.Amount = Cents(amt)
			if avail += amt; amt < 0 && avail < 0 {
				return nil, fmt.Errorf("contingency: %s: %w", path, ErrInsufficientBalance)
			}
		case KindReverse:
			o, err := l.reversible(ln.Corrects, out[:i])
			if err != nil {
				if errors.Is(err, ErrUnknownEntry) {
					return nil, intervention.Field(path+".corrects", err)
				}
				return nil, fmt.Errorf("contingency: %s: %w", path, err)
			}
			for _, f := range []struct{ field, got, want string }{
				{"instrument", string(ln.Instrument), string(o.Instrument)},
				{"fundingSource", ln.FundingSource, o.FundingSource},
				{"visit", ln.Visit, o.Visit},
			} {
				if f.got != "" && f.got != f.want {
					return nil, intervention.Field(path+"."+f.field, intervention.ErrInconsistent)
				}
			}
			e = reversalEntry(o, avail, p.Actor, ln.Reason, ln.EffectiveAt)
			avail += moneyCents(e.Amount)
			l.freeCaps(&scratch, o, moneyCents(e.Amount))
		case KindRedeem:
			return nil, intervention.Field(path+".kind", ErrKindNotPostable)
		}
		out[i] = e
	}
	return out, nil
}

// buildRedeem returns the entry of r.
func (l *Ledger) buildRedeem(r Redemption) ([]Entry, error) {
	for ci := range l.caps {
		if c := &l.caps[ci].cap; len(c.FundingSources) == 0 && c.Forbids("", r.Instrument) {
			return nil, &ForbiddenInstrumentError{Field: "instrument", Cap: c.Name, Instrument: r.Instrument}
		}
	}
	amt := moneyCents(r.Amount)
	if amt > l.cents.balance-l.cents.held {
		return nil, ErrInsufficientBalance
	}
	e := Entry{
		Kind: KindRedeem, Amount: Cents(-amt), Instrument: r.Instrument, Actor: r.Actor,
		Reason: r.Reason, EffectiveAt: normTime(r.EffectiveAt),
	}
	if l.cfg.approval {
		e.Status = StatusPending
	}
	return []Entry{e}, nil
}

// apply adds a sealed, checked entry to the ledger's state.
func (l *Ledger) apply(e Entry) {
	idx := len(l.entries)
	l.entries = append(l.entries, e)
	l.byKey[e.IdempotencyKey] = idx
	l.byID[e.ID] = idx
	amt := moneyCents(e.Amount)
	var visit *ledgerVisit
	if e.Visit != "" {
		visit = l.visits[e.Visit]
		if visit == nil {
			visit = &ledgerVisit{}
			l.visits[e.Visit] = visit
		}
		visit.entries = append(visit.entries, idx)
	}
	switch e.Status {
	case StatusPosted:
		l.cents.balance += amt
		l.byTime.insert(e.EffectiveAt, amt, uint64(e.Seq))
		if visit != nil {
			visit.cents += amt
			visit.net = Cents(visit.cents)
		}
		switch e.Kind {
		case KindEarn, KindBonus, KindPrize:
			l.cents.earned += amt
			l.capAdd(e, amt)
		case KindReverse:
			l.cents.earned += amt
			l.cents.shortfall += moneyCents(e.Shortfall)
			l.reversal[e.Corrects] = idx
			if j, ok := l.byID[e.Corrects]; ok {
				l.capAdd(l.entries[j], amt)
			}
		case KindRedeem:
			l.cents.redeemed -= amt
			if e.Corrects != uuid.Nil {
				l.release(e.Corrects, idx)
			}
		case KindAdjust:
			l.cents.adjusted += amt
		case KindExpire:
			l.cents.expired -= amt
		}
	case StatusPending:
		l.cents.held -= amt
		l.pending[e.ID] = struct{}{}
	case StatusVoided:
		l.release(e.Corrects, idx)
	}
	l.head = e.Hash
	l.setTotals()
}

// release resolves the pending redemption id with the entry at idx.
func (l *Ledger) release(id uuid.UUID, idx int) {
	l.resolution[id] = idx
	if _, ok := l.pending[id]; ok {
		l.cents.held += moneyCents(l.entries[l.byID[id]].Amount)
		delete(l.pending, id)
	}
}

// capAdd counts amt toward every cap covering award, on award's day.
func (l *Ledger) capAdd(award Entry, amt int64) {
	if len(l.caps) == 0 {
		return
	}
	y, m, d := award.EffectiveAt.In(l.cfg.loc).Date()
	day := civilDays(y, m, d)
	for i := range l.caps {
		if l.caps[i].cap.Covers(award.FundingSource, award.Instrument) {
			l.caps[i].add(day, amt)
		}
	}
}

func (l *Ledger) setTotals() {
	c := &l.cents
	l.totals = Totals{
		Balance: Cents(c.balance), Available: Cents(c.balance - c.held), Held: Cents(c.held),
		Earned: Cents(c.earned), Redeemed: Cents(c.redeemed), Adjusted: Cents(c.adjusted),
		Expired: Cents(c.expired), Shortfall: Cents(c.shortfall),
	}
}

// checkStored checks an entry loaded from the store against the ledger so
// far: the invariants the ledger's own writes keep.
func (l *Ledger) checkStored(e *Entry) error {
	bad := func(what string) error {
		return fmt.Errorf("contingency: entry %d: %s: %w", e.Seq, what, ErrCorruptLedger)
	}
	amt, okAmt := centsOf(e.Amount)
	short, okShort := centsOf(e.Shortfall)
	_, dupKey := l.byKey[e.IdempotencyKey]
	_, dupID := l.byID[e.ID]
	switch {
	case e.SchemaVersion != EntrySchemaVersion:
		return bad("schema version")
	case e.ID == uuid.Nil || dupID:
		return bad("id")
	case e.IdempotencyKey == "" || dupKey:
		return bad("idempotency key")
	case !e.Kind.Valid():
		return bad("kind")
	case !e.Instrument.Valid():
		return bad("instrument")
	case !e.Status.Valid() || e.Status != StatusPosted && e.Kind != KindRedeem:
		return bad("status")
	case !okAmt || !okShort || short < 0 || short != 0 && e.Kind != KindReverse:
		return bad("amount")
	case checkLedgerTime("", e.EffectiveAt) != nil || checkLedgerTime("", e.RecordedAt) != nil:
		return bad("time")
	}
	corrected, hasCorrects := l.byID[e.Corrects]
	if e.Corrects != uuid.Nil && !hasCorrects {
		return bad("corrects")
	}
	switch e.Kind {
	case KindEarn, KindBonus, KindPrize:
		if amt < 0 || e.Award == nil {
			return bad("award")
		}
	case KindReverse:
		if !hasCorrects || amt > 0 {
			return bad("reversal")
		}
		o := l.entries[corrected]
		_, reversed := l.reversal[e.Corrects]
		if !o.Kind.IsAward() || o.Status != StatusPosted || reversed || short-amt != moneyCents(o.Amount) {
			return bad("reversal")
		}
	case KindRedeem:
		if amt >= 0 {
			return bad("redemption")
		}
		if e.Status == StatusPending && hasCorrects || e.Status == StatusVoided && !hasCorrects {
			return bad("redemption")
		}
		if hasCorrects {
			p := l.entries[corrected]
			_, open := l.pending[e.Corrects]
			if !open || !p.Amount.Equal(e.Amount) {
				return bad("redemption")
			}
		}
	case KindAdjust:
		if amt == 0 {
			return bad("adjustment")
		}
	case KindExpire:
		if amt >= 0 {
			return bad("expiry")
		}
	}
	return nil
}

// Validate reports every problem with p. It never modifies p.
func (p Posting) Validate() error {
	errs := []error{checkLedgerKey("key", p.Key), checkLedgerRef("actor", p.Actor)}
	switch {
	case len(p.Lines) == 0:
		errs = append(errs, intervention.Field("lines", intervention.ErrMissing))
	case len(p.Lines) > maxLines:
		errs = append(errs, intervention.Field("lines", intervention.ErrOutOfRange))
	}
	for i, ln := range p.Lines {
		errs = append(errs, intervention.Prefix(intervention.Index("lines", i), ln.Validate()))
	}
	return errors.Join(errs...)
}

// Validate reports every problem with ln. It never modifies ln.
func (ln Line) Validate() error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	award := false
	switch ln.Kind {
	case KindEarn, KindBonus, KindPrize:
		award = true
		if ln.Amount.IsNegative() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
	case KindExpire:
		if !ln.Amount.IsPositive() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindAdjust:
		if ln.Amount.IsZero() {
			add(intervention.Field("amount", intervention.ErrOutOfRange))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindReverse:
		if ln.Corrects == uuid.Nil {
			add(intervention.Field("corrects", intervention.ErrMissing))
		}
		if !ln.Amount.IsZero() {
			add(intervention.Field("amount", intervention.ErrInconsistent))
		}
		add(checkLedgerCode("reason", ln.Reason))
	case KindRedeem:
		add(intervention.Field("kind", ErrKindNotPostable))
	default:
		if ln.Kind == "" {
			add(intervention.Field("kind", intervention.ErrMissing))
		} else {
			add(intervention.Field("kind", ErrUnknownEntryKind))
		}
	}
	add(checkLedgerAmount("amount", ln.Amount))
	if ln.Kind != KindReverse || ln.Instrument != "" {
		add(checkLedgerInstrument("instrument", ln.Instrument))
	}
	if ln.Kind != KindReverse || !ln.EffectiveAt.IsZero() {
		add(checkLedgerTime("effectiveAt", ln.EffectiveAt))
	}
	if ln.FundingSource != "" {
		add(checkLedgerRef("fundingSource", ln.FundingSource))
	}
	if ln.Visit != "" {
		add(checkLedgerRef("visit", ln.Visit))
	}
	if ln.Reason != "" && award {
		add(checkLedgerCode("reason", ln.Reason))
	}
	switch {
	case award && ln.Award == nil:
		add(intervention.Field("award", intervention.ErrMissing))
	case !award && ln.Award != nil:
		add(intervention.Field("award", intervention.ErrInconsistent))
	case award:
		add(intervention.Prefix("award", checkLedgerAward(ln)))
	}
	return errors.Join(errs...)
}

// checkLedgerAward checks the AwardDetail of an award line.
func checkLedgerAward(ln Line) error {
	a := ln.Award
	var errs []error
	bad := func(field string, rule error) { errs = append(errs, intervention.Field(field, rule)) }
	switch {
	case a.Schedule == "":
		bad("schedule", intervention.ErrMissing)
	case !a.Schedule.Valid():
		bad("schedule", ErrUnknownScheduleKind)
	}
	if a.Run < 0 {
		bad("run", intervention.ErrOutOfRange)
	}
	if a.Level < 0 {
		bad("level", intervention.ErrOutOfRange)
	}
	if !a.Requested.IsZero() && !a.Requested.Equal(ln.Amount) {
		bad("requested", intervention.ErrInconsistent)
	}
	if len(a.Caps) != 0 {
		bad("caps", intervention.ErrInconsistent)
	}
	if len(a.Slips) != 0 && ln.Kind != KindPrize {
		bad("slips", intervention.ErrInconsistent)
	}
	var total Money
	sumOK := true
	for i, s := range a.Slips {
		p := intervention.Index("slips", i)
		if err := checkLedgerCode(p+".tier", s.Tier); err != nil {
			errs = append(errs, err)
		}
		if err := checkLedgerAmount(p+".value", s.Value); err != nil {
			errs = append(errs, err)
			sumOK = false
		} else if s.Value.IsNegative() {
			bad(p+".value", intervention.ErrOutOfRange)
		}
		total = total.Add(s.Value)
	}
	if len(a.Slips) != 0 && sumOK && !total.Equal(ln.Amount) {
		bad("slips", intervention.ErrInconsistent)
	}
	return errors.Join(errs...)
}

// Validate reports every problem with r. It never modifies r.
func (r Redemption) Validate() error {
	errs := []error{
		checkLedgerKey("key", r.Key), checkLedgerAmount("amount", r.Amount),
		checkLedgerInstrument("instrument", r.Instrument), checkLedgerRef("actor", r.Actor),
		checkLedgerTime("effectiveAt", r.EffectiveAt),
	}
	if !r.Amount.IsPositive() {
		errs = append(errs, intervention.Field("amount", intervention.ErrOutOfRange))
	}
	if r.Reason != "" {
		errs = append(errs, checkLedgerCode("reason", r.Reason))
	}
	return errors.Join(errs...)
}

func checkLedgerKey(path, s string) error {
	switch {
	case s == "":
		return intervention.Field(path, intervention.ErrMissing)
	case len(s) > maxKeyLen || strings.ContainsRune(s, '#') || !plainText(s):
		return intervention.Field(path, ErrBadKey)
	}
	return nil
}

func checkLedgerRef(path, s string) error {
	switch {
	case s == "":
		return intervention.Field(path, intervention.ErrMissing)
	case len(s) > maxRefLen || !plainText(s):
		return intervention.Field(path, ErrBadReference)
	}
	return nil
}

func checkLedgerCode(path, s string) error {
	if s == "" {
		return intervention.Field(path, intervention.ErrMissing)
	}
	if len(s) > maxCodeLen {
		return intervention.Field(path, ErrBadCode)
	}
	for i := range len(s) {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && !strings.ContainsRune("-_.:/", rune(c)) {
			return intervention.Field(path, ErrBadCode)
		}
	}
	return nil
}

func checkLedgerInstrument(path string, in Instrument) error {
	switch {
	case in == "":
		return intervention.Field(path, intervention.ErrMissing)
	case !in.Valid():
		return intervention.Field(path, ErrUnknownInstrument)
	}
	return nil
}

// checkLedgerAmount checks that m has at most two decimal places and a
// magnitude of at most $1,000,000.00.
func checkLedgerAmount(path string, m Money) error {
	d := m.Decimal
	if !d.Equal(d.Round(2)) {
		return intervention.Field(path, ErrBadMoney)
	}
	if _, ok := centsOf(m); !ok {
		return intervention.Field(path, intervention.ErrOutOfRange)
	}
	return nil
}

func checkLedgerTime(path string, t time.Time) error {
	if t.IsZero() {
		return intervention.Field(path, intervention.ErrMissing)
	}
	if y := t.UTC().Year(); y < minLedgerYear || y > maxLedgerYear {
		return intervention.Field(path, intervention.ErrOutOfRange)
	}
	return nil
}

// plainText reports whether s is valid UTF-8 without control characters.
func plainText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// centsOf returns m in cents when it has at most two decimal places and a
// magnitude of at most $1,000,000.00.
func centsOf(m Money) (int64, bool) {
	d := m.Decimal
	if d.Exponent() > 12 || !d.Equal(d.Round(2)) {
		return 0, false
	}
	c := d.Shift(2)
	if c.Abs().GreaterThan(Cents(maxAmountCents).Shift(2)) {
		return 0, false
	}
	return c.IntPart(), true
}

// moneyCents returns m in cents; m must be valid (see centsOf).
func moneyCents(m Money) int64 {
	c, _ := centsOf(m)
	return c
}

// normTime returns t in UTC without a monotonic clock reading.
func normTime(t time.Time) time.Time { return t.Round(0).UTC() }

// cloneEntry returns e with its own copy of its award.
func cloneEntry(e Entry) Entry {
	e.Award = cloneAward(e.Award)
	return e
}

func cloneAward(a *AwardDetail) *AwardDetail {
	if a == nil {
		return nil
	}
	c := *a
	c.Caps = slices.Clone(a.Caps)
	c.Slips = slices.Clone(a.Slips)
	if len(c.Caps) == 0 {
		c.Caps = nil
	}
	if len(c.Slips) == 0 {
		c.Slips = nil
	}
	return &c
}

// effectiveIndex is a treap of posted amounts keyed by effective time, with
// subtree sums, for BalanceAsOf in O(log n) whatever order entries arrive in.
// Node 0 is the empty sentinel; priorities are a hash of Seq, so the shape is
// deterministic.
type effectiveIndex struct {
	nodes []effectiveNode
	root  int32
}

type effectiveNode struct {
	sec         int64
	nsec        int32
	left, right int32
	prio        uint64
	cents, sum  int64
}

func (t *effectiveIndex) insert(at time.Time, cents int64, seq uint64) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, effectiveNode{})
	}
	sec, nsec := at.Unix(), int32(at.Nanosecond())
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, effectiveNode{sec: sec, nsec: nsec, prio: splitmix(seq), cents: cents, sum: cents})
	a, b := t.split(t.root, sec, nsec)
	t.root = t.merge(t.merge(a, n), b)
}

// atOrBefore reports whether node n's key is at or before (sec, nsec).
func (t *effectiveIndex) atOrBefore(n int32, sec int64, nsec int32) bool {
	nd := &t.nodes[n]
	return nd.sec < sec || nd.sec == sec && nd.nsec <= nsec
}

func (t *effectiveIndex) fix(n int32) {
	nd := &t.nodes[n]
	nd.sum = nd.cents + t.nodes[nd.left].sum + t.nodes[nd.right].sum
}

// split splits subtree n into keys at or before (sec, nsec) and keys after.
func (t *effectiveIndex) split(n int32, sec int64, nsec int32) (int32, int32) {
	if n == 0 {
		return 0, 0
	}
	if t.atOrBefore(n, sec, nsec) {
		a, b := t.split(t.nodes[n].right, sec, nsec)
		t.nodes[n].right = a
		t.fix(n)
		return n, b
	}
	a, b := t.split(t.nodes[n].left, sec, nsec)
	t.nodes[n].left = b
	t.fix(n)
	return a, n
}

func (t *effectiveIndex) merge(a, b int32) int32 {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	case t.nodes[a].prio > t.nodes[b].prio:
		t.nodes[a].right = t.merge(t.nodes[a].right, b)
		t.fix(a)
		return a
	}
	t.nodes[b].left = t.merge(a, t.nodes[b].left)
	t.fix(b)
	return b
}

// upTo returns the sum of amounts at or before (sec, nsec).
func (t *effectiveIndex) upTo(sec int64, nsec int32) int64 {
	var acc int64
	for n := t.root; n != 0; {
		nd := &t.nodes[n]
		if t.atOrBefore(n, sec, nsec) {
			acc += t.nodes[nd.left].sum + nd.cents
			n = nd.right
		} else {
			n = nd.left
		}
	}
	return acc
}

// splitmix is the SplitMix64 finaliser.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
