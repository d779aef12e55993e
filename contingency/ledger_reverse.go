package contingency

import (
	"context"
	"errors"
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
// Reverse takes back what is left of the award after earlier (partial)
// reversals. It never takes the available balance below zero: if money was
// already redeemed, it takes back what is available and records the rest in
// Entry.Shortfall, which the participant then owes (Totals.Owed; reference:
// contingency.md §8, C1). Reversing an entry again under the same key is a
// replay (I2); once nothing is left to take back, under another key it is
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
	var buf [512]byte
	w := canonWriter{b: buf[:0]}
	w = w.str("reverse")
	w = w.str(key)
	w = w.uuid(entryID)
	w = w.str(actor)
	w = w.str(reason)
	w = w.time(effectiveAt)
	return l.write(ctx, "reverse", key, w.sum(), func() ([]Entry, error) {
		o, left, err := l.reversible(entryID, nil)
		if err != nil {
			return nil, err
		}
		return []Entry{reversalEntry(o, left, l.cents.available(), actor, reason, effectiveAt)}, nil
	})
}

// reversible returns the award entry id and the cents left to take back of
// it, counting the reversals the ledger holds and those built so far in the
// same write (batch). An award fully taken back is ErrAlreadyReversed; a
// zero award can be reversed once, by a zero reversal.
func (l *Ledger) reversible(id uuid.UUID, batch []Entry) (Entry, int64, error) {
	i, ok := l.byID[id]
	if !ok {
		return Entry{}, 0, ErrUnknownEntry
	}
	o := l.entries[i]
	if !o.Kind.IsAward() || o.Status != StatusPosted {
		return Entry{}, 0, ErrNotReversible
	}
	left := l.remaining(&o)
	_, done := l.reversal[id]
	for j := range batch {
		if batch[j].Kind == KindReverse && batch[j].Corrects == id {
			left += netCents(&batch[j])
			done = true
		}
	}
	if left <= 0 && (done || moneyCents(o.Amount) > 0) {
		return Entry{}, 0, ErrAlreadyReversed
	}
	return o, left, nil
}

// remaining returns the cents of award o its reversals have not taken back.
func (l *Ledger) remaining(o *Entry) int64 { return moneyCents(o.Amount) - l.reversed[o.ID] }

// reversalEntry returns the reversal of take cents of award o when avail
// cents are available: it takes what is available from the balance and
// records the rest as a shortfall, money the participant now owes. A zero
// effectiveAt means o's.
func reversalEntry(o Entry, take, avail int64, actor, reason string, effectiveAt time.Time) Entry {
	cover := min(take, max(avail, 0))
	e := Entry{
		Kind: KindReverse, Amount: Cents(-cover), Instrument: o.Instrument, FundingSource: o.FundingSource,
		Actor: actor, Reason: reason, Corrects: o.ID, Visit: o.Visit, EffectiveAt: o.EffectiveAt,
	}
	if !effectiveAt.IsZero() {
		e.EffectiveAt = normTime(effectiveAt)
	}
	if cover < take {
		e.Shortfall = Cents(take - cover)
	}
	return e
}
