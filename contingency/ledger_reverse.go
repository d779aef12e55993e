package contingency

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

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
