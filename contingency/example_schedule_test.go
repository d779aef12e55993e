package contingency_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/recoverykit/psychosocial/contingency"
)

// The Higgins voucher schedule over NNNN P NNNNNNN: a positive pays nothing
// and restarts the ladder at $2.50; a $10 bonus comes with every third
// consecutive negative (reference: V2).
func ExampleHigginsVouchers() {
	s := contingency.HigginsVouchers(contingency.RecoveryR1)
	var steps []contingency.Step
	for _, c := range "NNNNPNNNNNNN" {
		o := contingency.OutcomeEarn
		if c == 'P' {
			o = contingency.OutcomeReset
		}
		steps = append(steps, contingency.Step{Outcome: o})
	}
	awards, err := contingency.Evaluate(s, steps)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("visit outcome run voucher bonus")
	for _, a := range awards {
		fmt.Printf("%5d %-7s %3d %7s %5s\n", a.Visit+1, a.Outcome, a.Run, a.Base.StringFixed(2), a.Bonus.StringFixed(2))
	}
	fmt.Println("total", contingency.TotalAmount(awards).StringFixed(2))
	// Output:
	// visit outcome run voucher bonus
	//     1 earn      1    2.50  0.00
	//     2 earn      2    3.75  0.00
	//     3 earn      3    5.00 10.00
	//     4 earn      4    6.25  0.00
	//     5 reset     0    0.00  0.00
	//     6 earn      1    2.50  0.00
	//     7 earn      2    3.75  0.00
	//     8 earn      3    5.00 10.00
	//     9 earn      4    6.25  0.00
	//    10 earn      5    7.50  0.00
	//    11 earn      6    8.75 10.00
	//    12 earn      7   10.00  0.00
	// total 91.25
}

// A CTN-0007 week of two negative visits earns draws, which are then drawn
// from the Petry bowl with the caller's seeded generator; recording the seed
// lets an auditor replay the draws.
func ExamplePrizeBowl() {
	spec := contingency.CTN0007Bowl()
	ev, err := spec.ExpectedValuePerDraw()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("expected value per draw:", ev)

	steps := []contingency.Step{
		{Outcome: contingency.OutcomeEarn, Week: 0},
		{Outcome: contingency.OutcomeEarn, Week: 0, SecondaryMet: true}, // opioids negative too: +2 draws
		{Outcome: contingency.OutcomeEarn, Week: 1},
	}
	awards, err := contingency.Evaluate(spec, steps)
	if err != nil {
		fmt.Println(err)
		return
	}
	bowl, err := contingency.NewBowl(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, a := range awards {
		slips, err := bowl.Draw(r, a.Draws)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("visit %d: %d draws:", a.Visit+1, a.Draws)
		for _, sl := range slips {
			fmt.Printf(" %s ($%s)", sl.Tier, sl.Value.String())
		}
		fmt.Printf(" = $%s\n", contingency.SlipsValue(slips).String())
	}
	fmt.Println("slips left:", bowl.Len())
	// Output:
	// expected value per draw: 2.178
	// visit 1: 1 draws: small ($1.00) = $1.00
	// visit 2: 3 draws: small ($1.00) small ($1.00) small ($1.00) = $3.00
	// visit 3: 2 draws: good-job ($0.00) good-job ($0.00) = $0.00
	// slips left: 500
}

// RIP-3: a stimulant-only programme pays for a specimen that is positive only
// for THC.
func ExamplePolicy_Classify() {
	r := contingency.Result{
		SpecimenID:  "udt-0042",
		CollectedAt: time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC),
		Status:      contingency.ResultPositive,
		Readings: []contingency.Reading{
			{Substance: contingency.SubstanceMethamphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceAmphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceCocaine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceTHC, Status: contingency.ResultPositive},
		},
	}
	c, err := contingency.DefaultPolicy().Classify(contingency.RIPTarget(), r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Outcome, c.Rule)
	// Output:
	// earn primary-negative
}
