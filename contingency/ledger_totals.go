package contingency

import (
	"github.com/google/uuid"
)

// Totals are a ledger's running figures. All are derived from the entries
// (Fold) and kept up to date on every append.
//
// Every posted entry moves the participant's position by its net amount:
// its Amount less its Shortfall. For every kind but a reversal the net is the
// Amount; a reversal takes back its whole net (Amount is the part that came
// out of the available balance, Shortfall the part that had already been
// spent). So
//
//	position  = Earned − Redeemed + Adjusted − Expired
//	Balance   = max(0, position)
//	Owed      = max(0, −position)
//	Available = max(0, position − Held)
//
// where Earned is the net of the awards: what every visit is worth now.
// Money owed is never clawed back from a person; it is settled by later
// awards before they become spendable (reference: contingency.md §8, C1: a
// correction after redemption leaves a receivable), or written off with a
// positive adjustment.
type Totals struct {
	// Balance is the money the participant holds on the ledger (pending
	// redemptions included): the position when it is positive, else zero.
	Balance Money `json:"balance"`
	// Available is what can be redeemed now: Balance less Held, never below
	// zero.
	Available Money `json:"available"`
	// Held is the sum of the redemptions awaiting approval.
	Held Money `json:"held"`
	// Earned is the net of the awards (earn, bonus, prize) less their
	// reversals at their full value.
	Earned Money `json:"earned"`
	// Redeemed is the posted redemptions, as a positive amount.
	Redeemed Money `json:"redeemed"`
	// Adjusted is the net of the adjustments.
	Adjusted Money `json:"adjusted"`
	// Expired is what expired, as a positive amount.
	Expired Money `json:"expired"`
	// Owed is what the participant owes the programme: money redeemed that a
	// correction has since taken back (the position when it is negative,
	// as a positive amount).
	Owed Money `json:"owed"`
}

// netCents is the amount an entry moves the participant's position by: its
// Amount less its Shortfall.
func netCents(e *Entry) int64 { return moneyCents(e.Amount) - moneyCents(e.Shortfall) }

// Fold computes the Totals of entries from scratch, in their order: the
// definition the ledger's O(1) running totals are checked against. It needs
// no verified chain and never fails; entries it cannot place (a resolution of
// an unknown pending redemption) count by their own status.
func Fold(entries []Entry) Totals {
	var c ledgerCents
	pending := make(map[uuid.UUID]int64)
	release := func(id uuid.UUID) {
		if amt, ok := pending[id]; ok {
			c.held += amt // amt is negative
			delete(pending, id)
		}
	}
	for i := range entries {
		e := &entries[i]
		amt := moneyCents(e.Amount)
		switch e.Status {
		case StatusPosted:
			c.post(e.Kind, amt, netCents(e))
			if e.Kind == KindRedeem && e.Corrects != uuid.Nil {
				release(e.Corrects)
			}
		case StatusPending:
			c.held -= amt
			pending[e.ID] = amt
		case StatusVoided:
			release(e.Corrects)
		}
	}
	return c.totals()
}

// ledgerCents are the running totals in cents. position may be negative:
// money owed.
type ledgerCents struct {
	position, held, earned, redeemed, adjusted, expired int64
}

// post counts a posted entry of kind with amount amt and net amount net.
func (c *ledgerCents) post(kind EntryKind, amt, net int64) {
	c.position += net
	switch kind {
	case KindEarn, KindBonus, KindPrize, KindReverse:
		c.earned += net
	case KindRedeem:
		c.redeemed -= amt
	case KindAdjust:
		c.adjusted += amt
	case KindExpire:
		c.expired -= amt
	}
}

// available returns what can be redeemed now, in cents.
func (c *ledgerCents) available() int64 { return max(c.position-c.held, 0) }

// totals returns c as Totals.
func (c *ledgerCents) totals() Totals {
	return Totals{
		Balance: Cents(max(c.position, 0)), Available: Cents(c.available()), Held: Cents(c.held),
		Earned: Cents(c.earned), Redeemed: Cents(c.redeemed), Adjusted: Cents(c.adjusted),
		Expired: Cents(c.expired), Owed: Cents(max(-c.position, 0)),
	}
}

// setTotals marks the Money form of the totals stale after a write: it is
// made on the next read, so that a write allocates nothing for it.
func (l *Ledger) setTotals() { l.totals.Store(nil) }

// totalsNow returns the totals as Money. The caller holds l.mu (read or
// write): readers racing to make the same value store equal ones.
func (l *Ledger) totalsNow() Totals {
	if t := l.totals.Load(); t != nil {
		return *t
	}
	t := l.cents.totals()
	l.totals.Store(&t)
	return t
}
