package contingency_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// exampleLedger opens an empty ledger with a fixed clock and sequential IDs.
func exampleLedger(opts ...contingency.Option) *contingency.Ledger {
	var participant uuid.UUID
	binary.BigEndian.PutUint64(participant[8:], 42)
	opts = append([]contingency.Option{
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()),
	}, opts...)
	l, err := contingency.NewLedger(context.Background(), contingency.NewMemStore(), participant, opts...)
	if err != nil {
		panic(err)
	}
	return l
}

// The OIG nominal-value cap ($15 per item, $75 a year) on the Higgins
// voucher schedule: the 8th award brings the year to exactly $75.00, so the
// 9th is trimmed to $0.00 and names the cap (reference: CAP-OIG-agg).
func ExampleLedger_capHit() {
	ctx := context.Background()
	l := exampleLedger(contingency.WithCaps(contingency.OIGNominal()))
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	for n := 1; n <= 9; n++ {
		voucher := contingency.Cents(250 + 125*int64(n-1))
		award := &contingency.AwardDetail{Schedule: contingency.ScheduleEscalating, Run: n, Level: n}
		lines := []contingency.Line{{
			Kind: contingency.KindEarn, Amount: voucher, Instrument: contingency.InstrumentItem,
			EffectiveAt: start.AddDate(0, 0, 2*n), Visit: "visit-" + strconv.Itoa(n), Award: award,
		}}
		if n%3 == 0 {
			bonus := lines[0]
			bonus.Kind, bonus.Amount = contingency.KindBonus, contingency.Cents(1000)
			lines = append(lines, bonus)
		}
		r, err := l.Post(ctx, contingency.Posting{Key: "specimen-" + strconv.Itoa(n), Actor: "clinic", Lines: lines})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range r.Entries {
			fmt.Printf("visit %d %-5s requested %5s paid %5s %v\n", n, e.Kind, e.Award.Requested, e.Amount, e.Award.Caps)
		}
	}
	left, _ := l.CapRemaining("oig-nominal", start.AddDate(0, 0, 18))
	fmt.Println("balance", l.Balance(), "cap remaining", left)
	// Output:
	// visit 1 earn  requested  2.50 paid  2.50 []
	// visit 2 earn  requested  3.75 paid  3.75 []
	// visit 3 earn  requested  5.00 paid  5.00 []
	// visit 3 bonus requested 10.00 paid 10.00 []
	// visit 4 earn  requested  6.25 paid  6.25 []
	// visit 5 earn  requested  7.50 paid  7.50 []
	// visit 6 earn  requested  8.75 paid  8.75 []
	// visit 6 bonus requested 10.00 paid 10.00 []
	// visit 7 earn  requested 10.00 paid 10.00 []
	// visit 8 earn  requested 11.25 paid 11.25 []
	// visit 9 earn  requested 12.50 paid  0.00 [oig-nominal]
	// visit 9 bonus requested 10.00 paid  0.00 [oig-nominal]
	// balance 75.00 cap remaining 0.00
}

// With WithRedemptionApproval a redemption holds its amount until a
// therapist approves or vetoes it (reference: contingency.md §1, §7).
func ExampleLedger_Redeem() {
	ctx := context.Background()
	l := exampleLedger(contingency.WithRedemptionApproval(true))
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	award := &contingency.AwardDetail{Schedule: contingency.ScheduleTable, Run: 1, Level: 1}
	_, _ = l.Post(ctx, contingency.Posting{Key: "specimen-1", Actor: "clinic", Lines: []contingency.Line{{
		Kind: contingency.KindEarn, Amount: contingency.Cents(2500), Instrument: contingency.InstrumentItem, EffectiveAt: at, Award: award,
	}}})
	cinema, _ := l.Redeem(ctx, contingency.Redemption{
		Key: "request-1", Amount: contingency.Cents(1200), Instrument: contingency.InstrumentInKindCard, Actor: "clinic", EffectiveAt: at,
	})
	fmt.Println(cinema.Entry.Status, "balance", l.Balance(), "available", l.Available())
	_, err := l.Redeem(ctx, contingency.Redemption{
		Key: "request-2", Amount: contingency.Cents(1500), Instrument: contingency.InstrumentItem, Actor: "clinic", EffectiveAt: at,
	})
	fmt.Println(err)
	veto, _ := l.Veto(ctx, "veto-1", cinema.Entry.ID, "therapist-7", "not-in-treatment-plan")
	fmt.Println(veto.Entry.Status, "balance", l.Balance(), "available", l.Available())
	_, err = l.Approve(ctx, "approve-1", cinema.Entry.ID, "therapist-7")
	fmt.Println(err)
	// Output:
	// pending balance 25.00 available 13.00
	// contingency: ledger redeem at version 2: contingency: insufficient available balance
	// voided balance 25.00 available 25.00
	// contingency: ledger approve at version 3: contingency: pending redemption already resolved
}

// Verify names the first entry that was edited, dropped or reordered.
func ExampleVerify() {
	ctx := context.Background()
	l := exampleLedger()
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for n := 1; n <= 3; n++ {
		_, _ = l.Post(ctx, contingency.Posting{Key: "specimen-" + strconv.Itoa(n), Actor: "clinic", Lines: []contingency.Line{{
			Kind: contingency.KindEarn, Amount: contingency.Cents(1000), Instrument: contingency.InstrumentItem, EffectiveAt: at,
			Award: &contingency.AwardDetail{Schedule: contingency.ScheduleTable, Run: n, Level: n},
		}}})
	}
	entries := l.Entries()
	fmt.Println(contingency.Verify(entries))
	entries[1].Amount = contingency.Cents(10000) // $10 becomes $100
	fmt.Println(contingency.Verify(entries))
	fmt.Println(contingency.Verify(append(entries[:1:1], entries[2:]...)))
	// Output:
	// <nil>
	// contingency: ledger entry 2: entry hash does not match its content: contingency: ledger entries do not verify
	// contingency: ledger entry 2: sequence number out of place: contingency: ledger entries do not verify
}
