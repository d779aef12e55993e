package contingency_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestVoucherPresetMaxima(t *testing.T) {
	tests := []struct {
		name  string
		s     contingency.Escalating
		total string
		last  string
	}{
		{"Higgins", contingency.HigginsVouchers(contingency.RecoveryR1), "997.50", "46.25"}, // reference: H36
		{"Silverman", contingency.SilvermanVouchers(), "1155.00", "55.00"},                  // reference: §1 $1155.00
		{"Katz", contingency.KatzVouchers(), "1087.50", "48.75"},                            // reference: §1 $1,087.50
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.s.Validate())
			awards, err := contingency.Evaluate(tt.s, schedSteps(schedRepeat("N", 36)))
			require.NoError(t, err)
			schedAssertDec(t, tt.total, contingency.TotalAmount(awards))
			schedAssertDec(t, tt.last, awards[35].Base)
		})
	}
	// The Higgins preset carries the recovery reading it is given.
	assert.Equal(t, contingency.RecoveryR2, contingency.HigginsVouchers(contingency.RecoveryR2).Recovery)
	assert.Equal(t, 5, contingency.HigginsVouchers(contingency.RecoveryR1).RecoverAfter)
}

func TestJobSkillsVouchers(t *testing.T) {
	s := contingency.JobSkillsVouchers()
	require.NoError(t, s.Validate())

	// reference: J1
	awards, err := contingency.Evaluate(s, schedSteps(schedRepeat("N", 31)))
	require.NoError(t, err)
	schedAssertDec(t, "8.00", awards[0].Base)
	schedAssertDec(t, "34.10", awards[29].Base)
	schedAssertDec(t, "631.50", contingency.TotalAmount(awards[:30]))
	schedAssertDec(t, "34.10", awards[30].Base)
	for _, a := range awards {
		assert.True(t, a.Bonus.IsZero())
	}

	// reference: J2
	awards, err = contingency.Evaluate(s, schedSteps(schedRepeat("N", 10)+"M"+schedRepeat("N", 5)))
	require.NoError(t, err)
	assert.Equal(t, []string{"8.00", "8.90", "9.80", "10.70", "11.60", "12.50", "13.40", "14.30", "15.20", "16.10",
		"0.00", "8.00", "8.90", "9.80", "10.70", "11.60"}, schedAmounts(awards))
	schedAssertDec(t, "120.50", contingency.TotalAmount(awards[:10]))
	schedAssertDec(t, "49.00", contingency.TotalAmount(awards[11:]))
	schedAssertDec(t, "169.50", contingency.TotalAmount(awards))
}

func TestE1ExcusedVisitThroughPolicy(t *testing.T) {
	// reference: E1. NN E NN through a policy and the Higgins schedule.
	statuses := []contingency.ResultStatus{
		contingency.ResultNegative, contingency.ResultNegative, contingency.ResultExcused,
		contingency.ResultNegative, contingency.ResultNegative,
	}
	missed, err := contingency.DefaultPolicy().With(contingency.ResultExcused, contingency.OutcomeReset)
	require.NoError(t, err)
	tests := []struct {
		name   string
		policy contingency.Policy
		want   []string
		total  string
	}{
		{"E as skip (default hold)", contingency.DefaultPolicy(), []string{"2.50", "3.75", "0.00", "5.00+10", "6.25"}, "27.50"},
		{"E as missed (excused → reset)", missed, []string{"2.50", "3.75", "0.00", "2.50", "3.75"}, "12.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var steps []contingency.Step
			for i, st := range statuses {
				c, err := tt.policy.Classify(contingency.Target{Kind: contingency.TargetAbstinence,
					Primary: []contingency.Substance{contingency.SubstanceCocaine}, Verification: contingency.VerificationUrine},
					schedResult(st))
				require.NoError(t, err)
				steps = append(steps, c.Step(i/3))
			}
			awards, err := contingency.Evaluate(contingency.HigginsVouchers(contingency.RecoveryR1), steps)
			require.NoError(t, err)
			assert.Equal(t, tt.want, schedAmounts(awards))
			schedAssertDec(t, tt.total, contingency.TotalAmount(awards))
		})
	}
}

func TestRIPDefaultAmounts(t *testing.T) {
	amounts := contingency.RIPDefaultAmounts()
	require.Len(t, amounts, 36)
	assert.True(t, amounts[0].Equal(contingency.Cents(1000)), "RIP-1: first pays $10.00")
	sum, top := decimal.Zero, decimal.Zero
	for i, a := range amounts {
		sum = sum.Add(a.Decimal)
		top = decimal.Max(top, a.Decimal)
		assert.True(t, a.LessThanOrEqual(decimal.RequireFromString("26.50")), "RIP-2: level %d", i+1)
		if i > 0 {
			assert.True(t, a.GreaterThanOrEqual(amounts[i-1].Decimal), "non-decreasing at level %d", i+1)
		}
	}
	schedAssertDec(t, "26.50", top)
	schedAssertDec(t, "599.00", sum) // reference: RIP-5
	amounts[0] = contingency.Cents(1)
	assert.True(t, contingency.RIPDefaultAmounts()[0].Equal(contingency.Cents(1000)), "fresh slice")
}

func TestRIPSchedule(t *testing.T) {
	rip, err := contingency.RIPSchedule(contingency.RIPDefaultAmounts())
	require.NoError(t, err)
	assert.Equal(t, contingency.BeyondZero, rip.Beyond)

	// reference: RIP-1, RIP-5 (and the ladder pays nothing past level 36)
	awards, err := contingency.Evaluate(rip, schedSteps(schedRepeat("N", 37)))
	require.NoError(t, err)
	schedAssertDec(t, "10.00", awards[0].Amount())
	schedAssertDec(t, "599.00", contingency.TotalAmount(awards[:36]))
	schedAssertDec(t, "0", awards[36].Amount())

	// reference: RIP-4: after a stimulant-positive result, the next negative pays $10.00
	awards, err = contingency.Evaluate(rip, schedSteps(schedRepeat("N", 30)+"P"+"N"))
	require.NoError(t, err)
	schedAssertDec(t, "0", awards[30].Amount())
	schedAssertDec(t, "10.00", awards[31].Amount())

	// reference: RIP-2 at schedule level is covered by TestSchedulesProperties ("rip").

	// The caller's slice is copied.
	in := contingency.RIPDefaultAmounts()
	rip, err = contingency.RIPSchedule(in)
	require.NoError(t, err)
	in[0] = contingency.Cents(5)
	assert.True(t, rip.Amounts[0].Equal(contingency.Cents(1000)))
}

func TestRIPScheduleRejects(t *testing.T) {
	bad := func(f func([]contingency.Money) []contingency.Money) []contingency.Money {
		return f(contingency.RIPDefaultAmounts())
	}
	tests := []struct {
		name    string
		amounts []contingency.Money
		fields  map[string]error
	}{
		{"empty", nil, map[string]error{"amounts": intervention.ErrMissing}},
		{"first not $10", bad(func(a []contingency.Money) []contingency.Money {
			a[0], a[1] = contingency.Cents(1200), contingency.Cents(800) // same total
			return a
		}), map[string]error{"amounts[0]": contingency.ErrRIPFirstAmount}},
		{"above $26.50", bad(func(a []contingency.Money) []contingency.Money {
			a[35], a[34] = contingency.Cents(2700), contingency.Cents(2600) // same total
			return a
		}), map[string]error{"amounts[35]": contingency.ErrRIPAboveMax}},
		{"total not $599", bad(func(a []contingency.Money) []contingency.Money {
			a[10] = contingency.Cents(1100)
			return a
		}), map[string]error{"amounts": contingency.ErrRIPTotal}},
		{"too short", schedMoneys(1000, 2000), map[string]error{"amounts": contingency.ErrRIPTotal}},
		{"negative", bad(func(a []contingency.Money) []contingency.Money {
			a[3] = contingency.Cents(-1)
			return a
		}), map[string]error{"amounts[3]": intervention.ErrOutOfRange}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := contingency.RIPSchedule(tt.amounts)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			assert.Empty(t, table.Amounts)
		})
	}
}

func TestPresetsAreFresh(t *testing.T) {
	a := contingency.PetryBowl(contingency.Cents(8000))
	a.Tiers[0].Count = 1
	a.Escalation[0] = 99
	b := contingency.PetryBowl(contingency.Cents(8000))
	assert.Equal(t, 250, b.Tiers[0].Count)
	assert.Equal(t, 1, b.Escalation[0])
	assert.Len(t, b.Escalation, 15)
	assert.Equal(t, contingency.EscalateByVisit, b.EscalateBy)
	require.NoError(t, b.Validate())

	c := contingency.CTN0007Target()
	c.Primary[0] = contingency.SubstanceTHC
	assert.Equal(t, contingency.SubstanceMethamphetamine, contingency.CTN0007Target().Primary[0])
	r := contingency.RIPTarget()
	r.Primary[0] = contingency.SubstanceTHC
	assert.Equal(t, contingency.Stimulants(), contingency.RIPTarget().Primary)
}

// FuzzScheduleEvaluate evaluates every preset over fuzzed outcome strings:
// no panic, and the schedule invariants hold.
func FuzzScheduleEvaluate(f *testing.F) {
	f.Add([]byte("NNNNPNNNNN"))
	f.Add([]byte{0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 0})
	f.Add([]byte{})
	presets := schedPresets(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 300 {
			data = data[:300]
		}
		outcomes := contingency.Outcomes()
		steps := make([]contingency.Step, len(data))
		week := 0
		for i, b := range data {
			week += int(b>>4) % 2 // weeks never decrease
			steps[i] = contingency.Step{Outcome: outcomes[int(b)%len(outcomes)], SecondaryMet: b&8 != 0, Week: week}
		}
		for _, s := range presets {
			awards, err := contingency.Evaluate(s, steps)
			require.NoError(t, err)
			schedCheckInvariants(t, s, steps, awards)
		}
	})
}
