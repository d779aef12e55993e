package contingency

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

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
