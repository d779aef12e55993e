package contingency

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
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
	// ErrRestatedTwice means a posting restates a visit's award of one kind
	// twice, or restates it beside another line of that visit and kind.
	ErrRestatedTwice = fmt.Errorf("contingency: a posting restates a visit's award of one kind once, on its only line of that kind: %w", intervention.ErrInvalid)
	// ErrReversalExceedsAward means a reverse line asks to take back more
	// than is left of the award it names.
	ErrReversalExceedsAward = fmt.Errorf("contingency: reversal exceeds what is left of the award: %w", intervention.ErrInvalid)
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
