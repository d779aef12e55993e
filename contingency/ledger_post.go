package contingency

import (
	"context"
	"errors"
	"fmt"
	"time"

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
	var buf [512]byte
	w := canonWriter{b: buf[:0]}
	w = w.str("post")
	w = w.str(p.Key)
	w = w.str(p.Actor)
	w = w.int(len(p.Lines))
	for _, ln := range p.Lines {
		if ln.Restate {
			w = w.str("restate:" + string(ln.Kind))
		} else {
			w = w.str(string(ln.Kind))
		}
		w = w.money(ln.Amount)
		w = w.str(string(ln.Instrument))
		w = w.str(ln.FundingSource)
		w = w.time(ln.EffectiveAt)
		w = w.str(ln.Visit)
		w = w.str(ln.Reason)
		w = w.uuid(ln.Corrects)
		w = w.award(ln.Award, false)
	}
	return l.write(ctx, "post", p.Key, w.sum(), func() ([]Entry, error) { return l.buildPost(p) })
}

// buildPost returns the entries of p under the ledger's caps and balance.
func (l *Ledger) buildPost(p Posting) ([]Entry, error) {
	out := make([]Entry, 0, len(p.Lines))
	b := postBuild{l: l, pos: l.cents.position - l.cents.held}
	if l.refusesVisits() {
		b.group = visitGroups(p.Lines)
	}
	b.restated = l.restated(p.Lines, &b.scratch)
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
			group := amt
			if b.group != nil {
				group = b.group[i]
			}
			paid, binding := l.applyCaps(&b.scratch, ln, amt, group)
			if ln.Restate {
				out = b.restate(out, p.Actor, ln, b.restated[i], paid, binding)
				continue
			}
			a := cloneAward(ln.Award)
			a.Requested, a.Caps = Cents(amt), binding
			e.Amount, e.Award = Cents(paid), a
			b.pos += paid
		case KindAdjust, KindExpire:
			if ln.Kind == KindExpire {
				amt = -amt
			}
			if amt < 0 && -amt > max(b.pos, 0) {
				return nil, fmt.Errorf("contingency: %s: %w", path, ErrInsufficientBalance)
			}
			e.Amount = Cents(amt)
			b.pos += amt
		case KindReverse:
			o, left, err := l.reversible(ln.Corrects, out)
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
			take := left
			if amt > 0 {
				if amt > left {
					return nil, intervention.Field(path+".amount", ErrReversalExceedsAward)
				}
				take = amt
			}
			e = b.reverse(o, take, p.Actor, ln.Reason, ln.EffectiveAt)
		case KindRedeem:
			return nil, intervention.Field(path+".kind", ErrKindNotPostable)
		}
		out = append(out, e)
	}
	return out, nil
}

// postBuild is the state of a posting being built.
type postBuild struct {
	l        *Ledger
	pos      int64 // position less holds: what is available when positive
	scratch  capScratch
	group    []int64              // per line: what the visit's award lines from it on request
	restated map[int]restatedKind // per restate line: what it restates
}

// restatedKind is what the ledger holds of one visit's awards of one kind:
// the awards that still count, and the request the latest restatement (or
// award) stated.
type restatedKind struct {
	awards    []awardAt
	requested Money
}

// awardAt is an award entry of the ledger and the cents left of it.
type awardAt struct {
	idx  int
	left int64
}

// reverse returns the reversal of take cents of award o and counts it.
func (b *postBuild) reverse(o Entry, take int64, actor, reason string, at time.Time) Entry {
	e := reversalEntry(o, take, max(b.pos, 0), actor, reason, at)
	b.pos -= take
	b.l.freeCaps(&b.scratch, o, -take)
	return e
}

// restate appends to out what makes the awards of ln's visit and kind net
// paid cents: an award of the difference when it rises, reversals of the
// latest awards first when it falls, nothing when neither the payout nor the
// request changed. The
// room the restated awards used was freed before the first line (see
// restated), and applyCaps counted paid.
func (b *postBuild) restate(out []Entry, actor string, ln Line, rk restatedKind, paid int64, binding []string) []Entry {
	awards := rk.awards
	var cur int64
	for _, a := range awards {
		cur += a.left
	}
	reason := ln.Reason
	if reason == "" {
		reason = ReasonRestated
	}
	// Every entry of a restatement explains it: the visit's whole request
	// of the kind, and the caps that bound what it pays.
	detail := func(slips bool) *AwardDetail {
		a := cloneAward(ln.Award)
		a.Requested, a.Caps = ln.Amount, binding
		if !slips {
			a.Slips = nil
		}
		return a
	}
	delta := paid - cur
	if delta < 0 {
		take := -delta
		for i := len(awards) - 1; i >= 0 && take > 0; i-- {
			t := min(awards[i].left, take)
			if t == 0 {
				continue
			}
			e := reversalEntry(b.l.entries[awards[i].idx], t, max(b.pos, 0), actor, reason, time.Time{})
			e.Award = detail(false)
			b.pos -= t
			take -= t
			out = append(out, e)
		}
	}
	// A rise is paid. New slips, and a new request that the caps leave at
	// the same payout, are written on an award of $0.00, so that every
	// change of a visit's worth leaves an entry: it explains the payout, and
	// it makes the posting's key — and so a replay of it — durable.
	if delta > 0 || len(ln.Award.Slips) > 0 || delta == 0 && !rk.requested.Equal(ln.Amount) {
		e := Entry{
			Kind: ln.Kind, Amount: Cents(max(delta, 0)), EffectiveAt: normTime(ln.EffectiveAt), Instrument: ln.Instrument,
			FundingSource: ln.FundingSource, Reason: ln.Reason, Visit: ln.Visit, Actor: actor, Award: detail(true),
		}
		if n := len(awards); n > 0 {
			e.Corrects = b.l.entries[awards[n-1].idx].ID
		}
		b.pos += max(delta, 0)
		out = append(out, e)
	}
	return out
}

// restated returns, for each restate line of lines, the ledger's awards of
// its visit and kind that still count, and frees the cap room they use in
// scratch: a posting prices its restated visits afresh, in line order, so
// that caps bind exactly as they would had the visits been posted in that
// order from the start.
func (l *Ledger) restated(lines []Line, scratch *capScratch) map[int]restatedKind {
	var out map[int]restatedKind
	for i := range lines {
		ln := &lines[i]
		if !ln.Restate {
			continue
		}
		if out == nil {
			out = make(map[int]restatedKind)
		}
		var rk restatedKind
		if v := l.visits[ln.Visit]; v != nil {
			for _, idx := range v.entries {
				e := &l.entries[idx]
				if e.Status != StatusPosted || l.awardKind(e) != ln.Kind {
					continue
				}
				if e.Award != nil {
					rk.requested = e.Award.Requested
				}
				if e.Kind == KindReverse {
					continue
				}
				left := l.remaining(e)
				rk.awards = append(rk.awards, awardAt{idx: idx, left: left})
				l.freeCaps(scratch, *e, -left)
			}
		}
		out[i] = rk
	}
	return out
}

// awardKind returns the kind of award e is or reverses ("" for others).
func (l *Ledger) awardKind(e *Entry) EntryKind {
	switch {
	case e.Kind.IsAward():
		return e.Kind
	case e.Kind == KindReverse:
		if j, ok := l.byID[e.Corrects]; ok {
			return l.entries[j].Kind
		}
	}
	return ""
}

// visitGroups returns, for each line, the amount requested by the award
// lines of its visit from it on: what a cap that refuses a visit's award
// as a whole compares with its room (see Cap.RefusalScope).
func visitGroups(lines []Line) []int64 {
	out := make([]int64, len(lines))
	for i := len(lines) - 1; i >= 0; i-- {
		ln := &lines[i]
		if !ln.Kind.IsAward() {
			continue
		}
		out[i] = moneyCents(ln.Amount)
		if ln.Visit == "" {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			if lines[j].Visit == ln.Visit && lines[j].Kind.IsAward() {
				out[i] += out[j]
				break
			}
		}
	}
	return out
}
