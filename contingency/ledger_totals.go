package contingency

import (
	"github.com/google/uuid"
)

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

// ledgerCents are the running totals in cents.
type ledgerCents struct {
	balance, held, earned, redeemed, adjusted, expired, shortfall int64
}

func (l *Ledger) setTotals() {
	c := &l.cents
	l.totals = Totals{
		Balance: Cents(c.balance), Available: Cents(c.balance - c.held), Held: Cents(c.held),
		Earned: Cents(c.earned), Redeemed: Cents(c.redeemed), Adjusted: Cents(c.adjusted),
		Expired: Cents(c.expired), Shortfall: Cents(c.shortfall),
	}
}
