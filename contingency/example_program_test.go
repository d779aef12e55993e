package contingency_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// A point-of-care negative on the third visit is later confirmed positive by
// the laboratory. The programme re-prices the run, and the ledger keeps the
// original entries and adds linked reversals and new awards
// (reference: C1, full recompute: $53.75 becomes $27.50).
func ExampleProgram_Correct() {
	ctx := context.Background()
	patient := uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), patient,
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()))
	if err != nil {
		fmt.Println(err)
		return
	}
	start, _ := intervention.ParseDate("2025-01-06") // a Monday
	cfg := contingency.HigginsProgram(start, contingency.RecoveryR1)
	prog, err := contingency.NewProgram(uuid.MustParse("00000000-0000-0000-0000-0000000000c1"), cfg, ledger)
	if err != nil {
		fmt.Println(err)
		return
	}
	visits := cfg.Calendar.Visits()
	result := func(i int, status contingency.ResultStatus) contingency.Result {
		return contingency.Result{
			SpecimenID:  fmt.Sprintf("poc-%d", i+1),
			CollectedAt: visits[i].In(time.UTC).Add(10 * time.Hour),
			Status:      status,
		}
	}
	for i := range 6 {
		rec, err := prog.Record(ctx, "staff-17", result(i, contingency.ResultNegative))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("visit %d: $%s\n", i+1, contingency.Dollars(rec.Award.Amount()))
	}
	fmt.Println("balance", ledger.Balance())

	rec, err := prog.Correct(ctx, "lab-interface", "lab-confirmation", result(2, contingency.ResultPositive))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Only the net change of each repriced visit is posted.
	for _, v := range rec.Repriced {
		fmt.Printf("visit %s: $%s -> $%s\n", v.Visit, contingency.Dollars(v.Before.Amount()), contingency.Dollars(v.After.Amount()))
		for _, e := range v.Entries {
			fmt.Println(" ", e.Kind, e.Amount)
		}
	}
	fmt.Println("balance", ledger.Balance())
	// Output:
	// visit 1: $2.50
	// visit 2: $3.75
	// visit 3: $15.00
	// visit 4: $6.25
	// visit 5: $7.50
	// visit 6: $18.75
	// balance 53.75
	// visit 2025-01-10: $15.00 -> $0.00
	//   reverse -5.00
	//   reverse -10.00
	// visit 2025-01-13: $6.25 -> $2.50
	//   reverse -3.75
	// visit 2025-01-15: $7.50 -> $3.75
	//   reverse -3.75
	// visit 2025-01-17: $18.75 -> $15.00
	//   reverse -3.75
	// balance 27.50
}

// Staff tell the patient at the end of each visit what the next negative
// specimen will earn (reference: contingency.md §9 item 8).
func ExampleProgram_Status() {
	ctx := context.Background()
	ledger, _ := contingency.NewLedger(ctx, contingency.NewMemStore(), uuid.MustParse("00000000-0000-0000-0000-0000000000a2"),
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()),
		contingency.WithCaps(contingency.OIGNominal()))
	start, _ := intervention.ParseDate("2025-01-06")
	cfg := contingency.HigginsProgram(start, contingency.RecoveryR1)
	prog, _ := contingency.NewProgram(uuid.MustParse("00000000-0000-0000-0000-0000000000c2"), cfg, ledger)
	visits := cfg.Calendar.Visits()
	for i, st := range []contingency.ResultStatus{"negative", "negative", "negative", "positive", "negative"} {
		r := contingency.Result{SpecimenID: fmt.Sprint("u", i), CollectedAt: visits[i].In(time.UTC).Add(10 * time.Hour), Status: st}
		if _, err := prog.Record(ctx, "staff-17", r); err != nil {
			fmt.Println(err)
			return
		}
	}
	s := prog.Status(visits[4].In(time.UTC).Add(11 * time.Hour))
	pct, _ := s.PercentNegative.Percent(0)
	fmt.Printf("streak %d, longest %d, %s%% negative\n", s.CurrentStreak, s.LongestStreak, pct)
	fmt.Printf("next visit %s pays $%s if negative\n", s.NextVisit, contingency.Dollars(s.NextAward.Amount()))
	fmt.Printf("balance $%s, $%s left under the cap\n", s.Balance, s.CapRemaining)
	// Output:
	// streak 1, longest 3, 80% negative
	// next visit 2025-01-17 pays $3.75 if negative
	// balance $23.75, $51.25 left under the cap
}
