package contingency

import "github.com/recoverykit/psychosocial/intervention"

// HigginsProgram returns the configuration of the Higgins CRA+Vouchers
// programme: cocaine-negative urines on Monday, Wednesday and Friday for 12
// weeks from start, paid on the Higgins schedule with reset-recovery reading
// rec, as vouchers that staff spend on items the therapist approves — no cash
// (reference: contingency.md §1; H36: 36 negatives pay $997.50). A missed
// specimen counts as positive (DefaultPolicy).
func HigginsProgram(start intervention.Date, rec Recovery) ProgramConfig {
	return ProgramConfig{
		Target:     Target{Kind: TargetAbstinence, Primary: []Substance{SubstanceCocaine}, Verification: VerificationUrine},
		Policy:     DefaultPolicy(),
		Schedule:   HigginsVouchers(rec),
		Calendar:   ThriceWeekly(start, 12),
		Instrument: InstrumentItem,
	}
}

// CTN0007Program returns the configuration of the CTN-0007 prize-CM arm:
// urine and breath tests on first and second weekdays for 12 weeks, draws
// escalating with weeks of continuous stimulant and alcohol abstinence, +2
// draws when opioids are also negative, prizes from the Petry bowl with an
// $80 jumbo (reference: contingency.md §2; P1–P3). Prizes are items.
func CTN0007Program(start intervention.Date, first, second Weekday) ProgramConfig {
	return ProgramConfig{
		Target:     CTN0007Target(),
		Policy:     DefaultPolicy(),
		Schedule:   CTN0007Bowl(),
		Calendar:   TwiceWeekly(start, 12, first, second),
		Instrument: InstrumentItem,
	}
}

// RIPProgram returns the configuration of California's Recovery Incentives
// Program: stimulant-negative urines (other drugs do not count, RIP-3) twice
// a week in weeks 1–12 and once a week in weeks 13–24, priced by table
// (RIPSchedule with amounts; RIPDefaultAmounts is ILLUSTRATIVE, the DHCS
// table is UNVERIFIED), nothing after test 36 or week 24 (RIP-6), paid in
// gift cards limited to categories (in-kind cards). Pair it with a ledger
// capped by RIPCap ($599, RIP-5) and add Ineligible periods for residential
// or incarcerated stays (RIP-7). Errors are those of RIPSchedule.
func RIPProgram(start intervention.Date, first, second Weekday, amounts []Money) (ProgramConfig, error) {
	table, err := RIPSchedule(amounts)
	if err != nil {
		return ProgramConfig{}, err
	}
	return ProgramConfig{
		Target:     RIPTarget(),
		Policy:     DefaultPolicy(),
		Schedule:   table,
		Calendar:   RIPCalendar(start, first, second),
		Instrument: InstrumentInKindCard,
		MaxVisits:  ripLevels,
	}, nil
}
