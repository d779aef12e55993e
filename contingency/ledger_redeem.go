package contingency

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

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
	var buf [512]byte
	w := canonWriter{b: buf[:0]}
	w = w.str("redeem")
	w = w.str(r.Key)
	w = w.money(r.Amount)
	w = w.str(string(r.Instrument))
	w = w.str(r.Actor)
	w = w.time(r.EffectiveAt)
	w = w.str(r.Reason)
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
	var buf [512]byte
	w := canonWriter{b: buf[:0]}
	w = w.str(op)
	w = w.str(key)
	w = w.uuid(pendingID)
	w = w.str(approver)
	w = w.str(reason)
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

// buildRedeem returns the entry of r.
func (l *Ledger) buildRedeem(r Redemption) ([]Entry, error) {
	for ci := range l.caps {
		if c := &l.caps[ci].cap; len(c.FundingSources) == 0 && c.Forbids("", r.Instrument) {
			return nil, &ForbiddenInstrumentError{Field: "instrument", Cap: c.Name, Instrument: r.Instrument}
		}
	}
	amt := moneyCents(r.Amount)
	if amt > l.cents.available() {
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

// release resolves the pending redemption id with the entry at idx.
func (l *Ledger) release(id uuid.UUID, idx int) {
	l.resolution[id] = idx
	if _, ok := l.pending[id]; ok {
		l.cents.held += moneyCents(l.entries[l.byID[id]].Amount)
		delete(l.pending, id)
	}
}
