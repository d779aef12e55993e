package contingency

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// HigginsVouchers returns the classic Higgins escalating voucher schedule for
// cocaine-negative urines: $2.50 for the first negative, +$1.25 for each
// consecutive negative, a $10.00 bonus every 3 consecutive negatives, reset
// to $2.50 on a positive or missed specimen, and recovery of the pre-reset
// value after 5 consecutive negatives under reading rec (RecoveryR1 is the
// default reading). 36 negatives pay $997.50.
//
// Source: Budney & Higgins, NIDA Therapy Manual 2 (1998), "The Voucher
// Program" (reset, five-negative recovery); Higgins et al. 1994. The four
// amounts are [UNCERTAIN]: no cited source states them, but they reproduce
// the published $997.50 to the cent (reference: contingency.md §1; H36, V1–V4).
func HigginsVouchers(rec Recovery) Escalating {
	return Escalating{
		Start:        Cents(250),
		Step:         Cents(125),
		BonusEvery:   3,
		Bonus:        Cents(1000),
		RecoverAfter: 5,
		Recovery:     rec,
	}
}

// SilvermanVouchers returns a voucher schedule matching the Silverman et al.
// methadone studies' $1155.00 maximum over 36 thrice-weekly specimens: $2.50
// start, +$1.50 step, $10.00 every 3 consecutive negatives, reset on a
// positive or missed specimen. The parameters are [UNCERTAIN], a consistency
// check only; the recovery rule is not stated in the cited sources, so none
// is set (reference: contingency.md §1 "The same formula also reproduces both
// other published maxima"; Silverman et al. 1996, PubMed 8624184).
func SilvermanVouchers() Escalating {
	return Escalating{Start: Cents(250), Step: Cents(150), BonusEvery: 3, Bonus: Cents(1000)}
}

// KatzVouchers returns a voucher schedule matching Katz et al. 2002's
// $1,087.50 maximum over 3 months (opiate- and cocaine-negative urines):
// $5.00 start, +$1.25 step, $10.00 every 3 consecutive negatives, reset on a
// positive or missed specimen. The parameters are [UNCERTAIN], a consistency
// check only; no recovery rule is stated, so none is set (reference:
// contingency.md §1).
func KatzVouchers() Escalating {
	return Escalating{Start: Cents(500), Step: Cents(125), BonusEvery: 3, Bonus: Cents(1000)}
}

// JobSkillsVouchers returns the Johns Hopkins job-skills attendance voucher
// schedule: $8.00 for the first day attended, +$0.90 for each consecutive day
// up to $34.10, reset to $8.00 after any missed day; day 30 pays $34.10 and 30
// days pay $631.50 (reference: contingency.md §1 "Job-skills voucher
// programme"; J1, J2). The later phase that reinstated each person's highest
// previous level is not modelled.
func JobSkillsVouchers() Escalating {
	return Escalating{Start: Cents(800), Step: Cents(90), Max: Cents(3410)}
}

// PetryBowl returns Petry's 500-slip prize bowl: 250 "good job" slips ($0),
// 209 small ($1), 40 large ($20) and 1 jumbo worth jumbo (CTN-0007 codes $80;
// community-clinic jumbo prizes ran $80–$100). The expected value per draw is
// $2.178 with an $80 jumbo and $2.218 with $100 (reference: contingency.md §2
// "Bowl composition and values"; NIDA CTN-0007 as coded in
// kyg0910/Optimizing-Contingency-Management-with-Reinforcement-Learning).
//
// Draws rise by one per consecutive earning visit up to 15, and a positive
// sample or unexcused absence resets them (NREPP: "from 1 to as many as 15").
// Slips go back into the bowl after each draw, as in the VA REAP trial; that
// other Petry trials drew with replacement is [UNCERTAIN] (reference: §2).
func PetryBowl(jumbo Money) PrizeBowl {
	esc := make([]int, 15)
	for i := range esc {
		esc[i] = i + 1
	}
	return PrizeBowl{
		Tiers: []Tier{
			{Name: TierGoodJob, Count: 250, Value: Cents(0)},
			{Name: TierSmall, Count: 209, Value: Cents(100)},
			{Name: TierLarge, Count: 40, Value: Cents(2000)},
			{Name: TierJumbo, Count: 1, Value: jumbo},
		},
		Escalation:      esc,
		EscalateBy:      EscalateByVisit,
		WithReplacement: true,
	}
}

// CTN0007Bowl returns the NIDA CTN-0007 prize schedule as coded in the
// re-analysis: the Petry bowl with an $80 jumbo; draws per negative visit
// equal the weeks of continuous abstinence (escalation 1..12), +2 bonus draws
// when the secondary target (opioids) is also negative, and a positive or
// missed primary result earns nothing and resets the week count. 24
// all-negative visits earn 156 draws, $339.77 expected; 204 draws, $444.31,
// with the opioid bonus on every visit (reference: contingency.md §2; P1–P3).
// That the week counter rises at the first visit of each week is
// [UNCERTAIN] against the trial protocol (reference: §8).
func CTN0007Bowl() PrizeBowl {
	b := PetryBowl(Cents(8000))
	b.Escalation = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	b.EscalateBy = EscalateByWeek
	b.SecondaryBonusDraws = 2
	return b
}

// CTN0007Target returns the CTN-0007 abstinence target: stimulants and
// alcohol primary (urine with breath alcohol), opioids secondary for +2
// draws (reference: contingency.md §2, §7 "Multiple target substances").
func CTN0007Target() Target {
	return Target{
		Kind:         TargetAbstinence,
		Primary:      append(Stimulants(), SubstanceAlcohol),
		Secondary:    []Substance{SubstanceOpioids},
		Verification: VerificationUrine,
	}
}

// RIPTarget returns the target of California's Recovery Incentives Program:
// urines negative for stimulants (methamphetamine, amphetamine, cocaine);
// opioids, THC and alcohol do not count (reference: contingency.md §3;
// RIP-3).
func RIPTarget() Target {
	return Target{Kind: TargetAbstinence, Primary: Stimulants(), Verification: VerificationUrine}
}

// The verified invariants of California's Recovery Incentives Program
// (reference: contingency.md §3 "RIP: verified", §8 RIP-1, RIP-2, RIP-5).
const (
	ripFirstCents = 1000  // RIP-1: the first stimulant-negative test pays $10.00
	ripMaxCents   = 2650  // RIP-2: no single test pays more than $26.50
	ripTotalCents = 59900 // RIP-5: 36 negatives pay exactly $599.00
	ripLevels     = 36    // 24 tests in weeks 1–12 plus 12 in weeks 13–24
)

// Errors for a RIP table that breaks a verified programme invariant.
var (
	// ErrRIPFirstAmount means the first amount is not $10.00 (RIP-1).
	ErrRIPFirstAmount = fmt.Errorf("contingency: RIP pays $10.00 for the first negative: %w", intervention.ErrInvalid)
	// ErrRIPAboveMax means an amount exceeds $26.50 (RIP-2).
	ErrRIPAboveMax = fmt.Errorf("contingency: RIP pays at most $26.50 per test: %w", intervention.ErrInvalid)
	// ErrRIPTotal means 36 consecutive negatives do not pay exactly $599.00 (RIP-5).
	ErrRIPTotal = fmt.Errorf("contingency: RIP pays exactly $599.00 for 36 negatives: %w", intervention.ErrInvalid)
)

// RIPSchedule returns a Table for California's Recovery Incentives Program
// with the given per-level amounts (amounts[0] is the first negative),
// checking the programme's verified invariants: the first negative pays
// $10.00 (RIP-1), no level pays more than $26.50 (RIP-2), and 36 consecutive
// negatives pay exactly $599.00 (RIP-5). A positive resets to the first
// amount (RIP-4: "drop back to the initial $10 the next time they deliver a
// negative test"). Levels past the table pay $0 (BeyondZero). RIP-6 (test 37
// or any test after week 24 pays $0) and RIP-7 (residential members earn
// nothing) limit the programme, not the ladder, and are not checked here.
//
// The real DHCS per-test table is UNVERIFIED: pass it here once it is
// obtained (reference: contingency.md §3 "RIP: unsourced"). Errors wrap
// intervention.ErrInvalid under "amounts".
func RIPSchedule(amounts []Money) (Table, error) {
	t := Table{Amounts: append([]Money(nil), amounts...), Beyond: BeyondZero}
	if err := t.Validate(); err != nil {
		return Table{}, err
	}
	var errs []error
	if !t.Amounts[0].Equal(Cents(ripFirstCents)) {
		errs = append(errs, intervention.Field("amounts[0]", ErrRIPFirstAmount))
	}
	for i, a := range t.Amounts {
		if a.GreaterThan(Cents(ripMaxCents).Decimal) {
			errs = append(errs, intervention.Field(intervention.Index("amounts", i), ErrRIPAboveMax))
		}
	}
	total := Cents(0)
	for level := 1; level <= ripLevels; level++ {
		total = total.Add(Money{t.amount(level)})
	}
	if !total.Equal(Cents(ripTotalCents)) {
		errs = append(errs, intervention.Field("amounts", ErrRIPTotal))
	}
	if err := errors.Join(errs...); err != nil {
		return Table{}, err
	}
	return t, nil
}

// RIPDefaultAmounts returns an ILLUSTRATIVE 36-level table for RIPSchedule.
//
// WARNING: UNVERIFIED. THIS IS NOT THE DHCS SCHEDULE. The real per-test
// increment, reset-recovery rule and maintenance-phase amounts of the
// California Recovery Incentives Program are not confirmed by any cited
// source (reference: contingency.md §3 "RIP: unsourced [UNCERTAIN]. Obtain
// DHCS's protocol or BHIN 23-040 before coding the schedule"). This table only
// satisfies the verified invariants so that the library can be exercised: the
// first amount is $10.00 (RIP-1), none exceeds $26.50 and $26.50 is reached
// (RIP-2), amounts never decrease, and the 36 sum to exactly $599.00 (RIP-5).
// Levels 1–24 rise $0.50 every second level from $10.00 to $15.50 (two tests
// a week in weeks 1–12); levels 25–36 rise $2.00 per level from $17.50,
// capped at $26.50. Replace it with the DHCS table before paying anyone.
func RIPDefaultAmounts() []Money {
	amounts := make([]Money, 0, ripLevels)
	for i := range 24 {
		amounts = append(amounts, Cents(1000+50*int64(i/2)))
	}
	for i := range 12 {
		amounts = append(amounts, Cents(min(1750+200*int64(i), ripMaxCents)))
	}
	return amounts
}
