package contingency

import (
	"context"
	"slices"
	"strconv"

	"github.com/recoverykit/psychosocial/intervention"
)

// Repricing is what one operation did to one visit's payout: what the
// programme had told the ledger the visit was worth, what it is worth now,
// and the ledger entries that moved it.
type Repricing struct {
	// Visit is the visit's reference on its ledger entries, and Date its
	// scheduled date.
	Visit string            `json:"visit"`
	Date  intervention.Date `json:"date"`
	// Before and After are the visit's award before and after the operation
	// (before caps; a visit first priced has a zero Before).
	Before Award `json:"before"`
	After  Award `json:"after"`
	// Drawn are the prize slips drawn for the visit's extra draws, and
	// Returned the slips taken back when its draws fell, most recent first
	// (only when the programme draws; slips already drawn otherwise stand).
	Drawn    []Slip `json:"drawn,omitzero"`
	Returned []Slip `json:"returned,omitzero"`
	// Entries are the ledger entries posted for the visit.
	Entries []Entry `json:"entries,omitzero"`
}

// clone returns r with its own slices.
func (r Repricing) clone() Repricing {
	r.Drawn, r.Returned = slices.Clone(r.Drawn), slices.Clone(r.Returned)
	r.Entries = slices.Clone(r.Entries)
	for i := range r.Entries {
		r.Entries[i] = cloneEntry(r.Entries[i])
	}
	return r
}

// maxLinesPerPosting is the ledger's limit on lines in one Posting.
const maxLinesPerPosting = maxLines

// post tells the ledger what the re-priced tail changes. Every visit the
// operation reprices is restated on the ledger — its voucher, bonus and, when
// the programme draws, prizes — in one atomic Posting, and the ledger posts
// only the net change of each (see Line.Restate): under FullRecompute every
// visit of the tail (so that caps bind as they would have from the start),
// under ReverseOnly only the visit of the operation's result. It updates the
// visits' posted award and slips in tail and returns the visits whose payout
// changed with the entries posted for them.
func (p *Program) post(ctx context.Context, key string, op Operation, tail []visit) ([]Repricing, []Entry, error) {
	var lines []Line
	var repriced []Repricing
	mine := func(v *visit) bool {
		return slices.ContainsFunc(v.results, func(x placed) bool { return x.result.SpecimenID == op.Result.SpecimenID })
	}
	changed := false
	for i := range tail {
		v := &tail[i]
		if (p.cfg.Reconcile == FullRecompute || mine(v)) && !sameAward(v.award, v.posted) {
			changed = true
			break
		}
	}
	if !changed {
		return nil, nil, nil // e.g. a recollection that left the visit's worth as it was
	}
	for i := range tail {
		v := &tail[i]
		own := mine(v)
		if p.cfg.Reconcile == ReverseOnly && !own {
			continue
		}
		if sameAward(v.award, v.posted) && !p.ledger.hasCaps() {
			continue
		}
		reason := op.Reason
		if op.Kind == OperationRecord && !own {
			reason = ReasonLateResult
		}
		r := Repricing{Visit: v.ref(), Date: v.date, Before: v.posted, After: v.award}
		vl, slips, err := p.restate(v, reason, &r)
		if err != nil {
			return nil, nil, err
		}
		lines = append(lines, vl...)
		v.slips = slips
		if !sameAward(v.award, v.posted) {
			repriced = append(repriced, r)
		}
		v.posted = v.award
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
			return nil, nil, err
		}
		entries = append(entries, rec.Entries...)
		lines = lines[n:]
	}
	for i := range repriced {
		ref := repriced[i].Visit
		for _, e := range entries {
			if e.Visit == ref {
				repriced[i].Entries = append(repriced[i].Entries, cloneEntry(e))
			}
		}
	}
	return repriced, entries, nil
}

// restate returns the restate lines of visit v — what its voucher, bonus
// and prizes are now worth — and the slips that stand for it. When the
// programme draws and the visit's draws rose, only the extra draws are drawn;
// when they fell, the most recently drawn slips are returned. A visit's
// slips are never drawn again.
func (p *Program) restate(v *visit, reason string, r *Repricing) ([]Line, []Slip, error) {
	a := v.award
	line := func(kind EntryKind, amount Money, slips []Slip) Line {
		return Line{
			Kind: kind, Amount: amount, Instrument: p.cfg.Instrument, FundingSource: p.cfg.FundingSource,
			EffectiveAt: v.at, Visit: v.ref(), Reason: reason, Restate: true,
			Award: &AwardDetail{Schedule: p.cfg.Schedule.Kind(), Run: a.Run, Level: a.Level, Slips: slips},
		}
	}
	var out []Line
	if a.Base.IsPositive() || v.posted.Base.IsPositive() {
		out = append(out, line(KindEarn, Dollars(a.Base), nil))
	}
	if a.Bonus.IsPositive() || v.posted.Bonus.IsPositive() {
		out = append(out, line(KindBonus, Dollars(a.Bonus), nil))
	}
	slips := v.slips
	if p.drawer != nil && (a.Draws > 0 || len(v.slips) > 0) {
		switch n := len(v.slips); {
		case a.Draws > n:
			drawn, err := p.drawer.Draw(a.Draws - n)
			if err != nil {
				return nil, nil, intervention.Prefix("drawer", err)
			}
			slips = append(slices.Clone(v.slips), drawn...)
			r.Drawn = drawn
		case a.Draws < n:
			slips = v.slips[:a.Draws:a.Draws]
			r.Returned = slices.Clone(v.slips[a.Draws:])
			slices.Reverse(r.Returned)
		}
		out = append(out, line(KindPrize, SlipsValue(slips), r.Drawn))
	}
	return out, slips, nil
}

// ReasonLateResult is the reason code of the entries that reprice other
// visits when a late result arrives.
const ReasonLateResult = "late-result"
