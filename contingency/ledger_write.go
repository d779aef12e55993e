package contingency

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

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
		if len(entries) == 0 { // a restatement that changes nothing
			return Receipt{Version: l.version()}, nil
		}
		expected := l.version()
		v, err := l.store.Append(ctx, l.participant, expected, entries)
		if err == nil {
			for i := range entries { // built by this write: the ledger owns them
				l.apply(entries[i])
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
		if l.cfg.keys != nil {
			l.cfg.keys.sign(e)
		}
		prev = e.Hash
	}
	return nil
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
		net := netCents(&e)
		l.cents.post(e.Kind, amt, net)
		l.byTime.insert(e.EffectiveAt, net, uint64(e.Seq))
		if visit != nil {
			visit.cents += net
			visit.net = Cents(visit.cents)
		}
		switch e.Kind {
		case KindEarn, KindBonus, KindPrize:
			l.capAdd(e, amt)
		case KindReverse:
			l.reversal[e.Corrects] = idx
			l.reversed[e.Corrects] -= net
			if j, ok := l.byID[e.Corrects]; ok {
				l.capAdd(l.entries[j], net)
			}
		case KindRedeem:
			if e.Corrects != uuid.Nil {
				l.release(e.Corrects, idx)
			}
		case KindAdjust, KindExpire: // counted by post
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
	case e.MAC != "" && (len(e.MAC) != 64 || !isLowerHex(e.MAC) || checkLedgerCode("", e.KeyID) != nil),
		e.MAC == "" && e.KeyID != "":
		return bad("mac")
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
		take, left := short-amt, l.remaining(&o)
		_, done := l.reversal[e.Corrects]
		zero := take == 0 && moneyCents(o.Amount) == 0 && !done
		if !o.Kind.IsAward() || o.Status != StatusPosted || !zero && (take <= 0 || take > left) {
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
