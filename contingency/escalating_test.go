package contingency_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// schedSteps turns a pattern into steps: N earns; P and M reset; E and H hold.
// Other characters (spaces) are ignored.
func schedSteps(pattern string) []contingency.Step {
	var out []contingency.Step
	for _, c := range pattern {
		switch c {
		case 'N':
			out = append(out, contingency.Step{Outcome: contingency.OutcomeEarn})
		case 'P', 'M':
			out = append(out, contingency.Step{Outcome: contingency.OutcomeReset})
		case 'E', 'H':
			out = append(out, contingency.Step{Outcome: contingency.OutcomeHold})
		}
	}
	return out
}

// schedRepeat returns pattern repeated n times.
func schedRepeat(pattern string, n int) string {
	out := ""
	for range n {
		out += pattern
	}
	return out
}

// schedAmounts returns each award's Base+Bonus as "base" or "base+bonus".
func schedAmounts(awards []contingency.Award) []string {
	out := make([]string, len(awards))
	for i, a := range awards {
		out[i] = a.Base.StringFixed(2)
		if !a.Bonus.IsZero() {
			out[i] += "+" + a.Bonus.StringFixed(0)
		}
	}
	return out
}

// schedAssertDec asserts that got equals the decimal want.
func schedAssertDec(t *testing.T, want string, got decimal.Decimal, msgAndArgs ...any) {
	t.Helper()
	w := decimal.RequireFromString(want)
	assert.Truef(t, w.Equal(got), "got %s, want %s %v", got.String(), want, msgAndArgs)
}

// schedSameAwards asserts that two award lists are equal field by field,
// comparing decimals by value.
func schedSameAwards(t *testing.T, want, got []contingency.Award) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		w, g := want[i], got[i]
		assert.True(t, w.Base.Equal(g.Base) && w.Bonus.Equal(g.Bonus), "visit %d amounts", i)
		w.Base, w.Bonus, g.Base, g.Bonus = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
		assert.Equal(t, w, g, "visit %d", i)
	}
}

func TestEscalatingHiggins(t *testing.T) {
	tests := []struct {
		name    string
		rec     contingency.Recovery
		pattern string
		want    []string
		total   string
	}{
		{ // reference: V1
			name: "V1", rec: contingency.RecoveryR1, pattern: "NNNNNN",
			want:  []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10"},
			total: "53.75",
		},
		{ // reference: V2 (R1 = R2: the reset ladder reaches the pre-reset step by itself)
			name: "V2 R1", rec: contingency.RecoveryR1, pattern: "NNNN P NNNNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "0.00", "2.50", "3.75", "5.00+10", "6.25", "7.50",
				"8.75+10", "10.00"},
			total: "91.25",
		},
		{ // reference: V2
			name: "V2 R2", rec: contingency.RecoveryR2, pattern: "NNNN P NNNNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "0.00", "2.50", "3.75", "5.00+10", "6.25", "7.50",
				"8.75+10", "10.00"},
			total: "91.25",
		},
		{ // reference: V3
			name: "V3", rec: contingency.RecoveryR1, pattern: "NNN M NN",
			want:  []string{"2.50", "3.75", "5.00+10", "0.00", "2.50", "3.75"},
			total: "27.50",
		},
		{ // reference: V4-R1
			name: "V4-R1", rec: contingency.RecoveryR1, pattern: "NNNNNNNNNN P NNNNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10", "10.00", "11.25", "12.50+10", "13.75",
				"0.00", "2.50", "3.75", "5.00+10", "6.25", "7.50", "15.00+10", "16.25"},
			total: "187.50",
		},
		{ // reference: V4-R2
			name: "V4-R2", rec: contingency.RecoveryR2, pattern: "NNNNNNNNNN P NNNNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10", "10.00", "11.25", "12.50+10", "13.75",
				"0.00", "2.50", "3.75", "5.00+10", "6.25", "15.00", "16.25+10", "17.50"},
			total: "197.50",
		},
		{ // reference: E1 (E as skip: pays like NNNN)
			name: "E1 hold", rec: contingency.RecoveryR1, pattern: "NN E NN",
			want:  []string{"2.50", "3.75", "0.00", "5.00+10", "6.25"},
			total: "27.50",
		},
		{ // reference: E1 (E as missed)
			name: "E1 reset", rec: contingency.RecoveryR1, pattern: "NN M NN",
			want:  []string{"2.50", "3.75", "0.00", "2.50", "3.75"},
			total: "12.50",
		},
		{ // design choice: a second reset before recovery keeps the highest pre-reset level (10)
			name: "second reset before recovery R1", rec: contingency.RecoveryR1, pattern: "NNNNNNNNNN P NNN P NNNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10", "10.00", "11.25", "12.50+10", "13.75",
				"0.00", "2.50", "3.75", "5.00+10", "0.00", "2.50", "3.75", "5.00+10", "6.25", "7.50", "15.00+10"},
			total: "192.50",
		},
		{ // recovery done, then a new reset remembers only the new level
			name: "reset after recovery", rec: contingency.RecoveryR2, pattern: "NNNNNNNNNN P NNNNN P NNNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10", "10.00", "11.25", "12.50+10", "13.75",
				"0.00", "2.50", "3.75", "5.00+10", "6.25", "15.00", "0.00", "2.50", "3.75", "5.00+10", "6.25", "16.25"},
			total: "197.50",
		},
		{ // a hold keeps run and recovery progress
			name: "hold during recovery", rec: contingency.RecoveryR1, pattern: "NNNNNNNNNN P NN H NNNN",
			want: []string{"2.50", "3.75", "5.00+10", "6.25", "7.50", "8.75+10", "10.00", "11.25", "12.50+10", "13.75",
				"0.00", "2.50", "3.75", "0.00", "5.00+10", "6.25", "7.50", "15.00+10"},
			total: "171.25",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awards, err := contingency.Evaluate(contingency.HigginsVouchers(tt.rec), schedSteps(tt.pattern))
			require.NoError(t, err)
			assert.Equal(t, tt.want, schedAmounts(awards))
			schedAssertDec(t, tt.total, contingency.TotalAmount(awards))
		})
	}
}

func TestEscalatingH36(t *testing.T) {
	// reference: H36
	for _, rec := range contingency.Recoveries() {
		awards, err := contingency.Evaluate(contingency.HigginsVouchers(rec), schedSteps(schedRepeat("N", 36)))
		require.NoError(t, err)
		require.Len(t, awards, 36)
		vouchers, bonuses := decimal.Zero, decimal.Zero
		for i, a := range awards {
			assert.Equal(t, i+1, a.Run)
			assert.Equal(t, i+1, a.Level)
			assert.Equal(t, i, a.Visit)
			vouchers, bonuses = vouchers.Add(a.Base), bonuses.Add(a.Bonus)
		}
		schedAssertDec(t, "46.25", awards[35].Base)
		schedAssertDec(t, "10", awards[35].Bonus)
		schedAssertDec(t, "877.50", vouchers)
		schedAssertDec(t, "120", bonuses)
		schedAssertDec(t, "997.50", contingency.TotalAmount(awards))
	}
}

func TestEscalatingAwardFields(t *testing.T) {
	awards, err := contingency.Evaluate(contingency.HigginsVouchers(contingency.RecoveryR1), schedSteps("NN H P N"))
	require.NoError(t, err)
	want := []struct {
		outcome    contingency.Outcome
		run, level int
	}{
		{contingency.OutcomeEarn, 1, 1},
		{contingency.OutcomeEarn, 2, 2},
		{contingency.OutcomeHold, 2, 0}, // a hold keeps the run and earns nothing
		{contingency.OutcomeReset, 0, 0},
		{contingency.OutcomeEarn, 1, 1},
	}
	require.Len(t, awards, len(want))
	for i, w := range want {
		assert.Equal(t, w.outcome, awards[i].Outcome, "visit %d", i)
		assert.Equal(t, w.run, awards[i].Run, "visit %d", i)
		assert.Equal(t, w.level, awards[i].Level, "visit %d", i)
		assert.Zero(t, awards[i].Draws)
	}
}

func TestEscalatingAdvanceState(t *testing.T) {
	s := contingency.HigginsVouchers(contingency.RecoveryR1)
	var st contingency.RunState
	var err error
	for _, step := range schedSteps("NNNNNNNNNN P NN") {
		_, st, err = s.Advance(st, step)
		require.NoError(t, err)
	}
	assert.Equal(t, contingency.RunState{Visits: 13, Run: 2, Level: 2, Remembered: 10, SinceReset: 2}, st)

	// NextAward: the third post-reset negative would pay $5.00 + $10 bonus.
	next, err := contingency.NextAward(s, st, contingency.Step{Outcome: contingency.OutcomeReset})
	require.NoError(t, err)
	schedAssertDec(t, "15.00", next.Amount())
	assert.Equal(t, 13, next.Visit)
}

func TestEscalatingAdvanceErrors(t *testing.T) {
	s := contingency.HigginsVouchers(contingency.RecoveryR1)
	earn := contingency.Step{Outcome: contingency.OutcomeEarn}
	tests := []struct {
		name  string
		state contingency.RunState
		step  contingency.Step
		field string
		rule  error
	}{
		{"unknown outcome", contingency.RunState{}, contingency.Step{Outcome: "win"}, "step.outcome", contingency.ErrUnknownOutcome},
		{"zero outcome", contingency.RunState{}, contingency.Step{}, "step.outcome", contingency.ErrUnknownOutcome},
		{"negative week", contingency.RunState{}, contingency.Step{Outcome: contingency.OutcomeEarn, Week: -1}, "step.week", intervention.ErrOutOfRange},
		{"negative level", contingency.RunState{Level: -1}, earn, "state.level", intervention.ErrOutOfRange},
		{"negative run", contingency.RunState{Run: -3}, earn, "state.run", intervention.ErrOutOfRange},
		{"huge visits", contingency.RunState{Visits: 1 << 40}, earn, "state.visits", intervention.ErrOutOfRange},
		{"negative remembered", contingency.RunState{Remembered: -1}, earn, "state.remembered", intervention.ErrOutOfRange},
		{"negative since reset", contingency.RunState{SinceReset: -1}, earn, "state.sinceReset", intervention.ErrOutOfRange},
		{"negative weeks", contingency.RunState{Weeks: -1}, earn, "state.weeks", intervention.ErrOutOfRange},
		{"negative state week", contingency.RunState{Week: -1}, earn, "state.week", intervention.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, next, err := s.Advance(tt.state, tt.step)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, tt.rule)
			assert.Equal(t, tt.state, next, "a failed Advance returns the state unchanged")
			fes := intervention.FieldErrors(err)
			require.Len(t, fes, 1)
			assert.Equal(t, tt.field, fes[0].Field)
		})
	}

	_, err := contingency.Evaluate(s, []contingency.Step{earn, {Outcome: "bogus"}})
	require.ErrorIs(t, err, contingency.ErrUnknownOutcome)
}

func TestEscalatingMax(t *testing.T) {
	s := contingency.Escalating{Start: contingency.Cents(500), Step: contingency.Cents(300), Max: contingency.Cents(1200),
		BonusEvery: 2, Bonus: contingency.Cents(100)}
	awards, err := contingency.Evaluate(s, schedSteps("NNNNNN"))
	require.NoError(t, err)
	// Max caps the voucher (Base); the bonus is paid on top.
	assert.Equal(t, []string{"5.00", "8.00+1", "11.00", "12.00+1", "12.00", "12.00+1"}, schedAmounts(awards))

	flat := contingency.Escalating{Start: contingency.Cents(300)}
	awards, err = contingency.Evaluate(flat, schedSteps("NNN"))
	require.NoError(t, err)
	assert.Equal(t, []string{"3.00", "3.00", "3.00"}, schedAmounts(awards))
}

func TestEscalatingValidate(t *testing.T) {
	valid := contingency.HigginsVouchers(contingency.RecoveryR1)
	require.NoError(t, valid.Validate())
	assert.Equal(t, contingency.ScheduleEscalating, valid.Kind())

	mod := func(f func(*contingency.Escalating)) contingency.Escalating {
		s := valid
		f(&s)
		return s
	}
	tests := []struct {
		name   string
		s      contingency.Escalating
		fields map[string]error
	}{
		{"zero", contingency.Escalating{}, map[string]error{"start": intervention.ErrOutOfRange}},
		{"negative start", mod(func(s *contingency.Escalating) { s.Start = contingency.Cents(-1) }),
			map[string]error{"start": intervention.ErrOutOfRange}},
		{"three places", mod(func(s *contingency.Escalating) {
			s.Step = contingency.Money{Decimal: decimal.RequireFromString("1.255")}
		}), map[string]error{"step": contingency.ErrBadMoney}},
		{"negative step", mod(func(s *contingency.Escalating) { s.Step = contingency.Cents(-5) }),
			map[string]error{"step": intervention.ErrOutOfRange}},
		{"huge bonus", mod(func(s *contingency.Escalating) { s.Bonus = contingency.Cents(100_000_001) }),
			map[string]error{"bonus": intervention.ErrOutOfRange}},
		{"max below start", mod(func(s *contingency.Escalating) { s.Max = contingency.Cents(100) }),
			map[string]error{"max": intervention.ErrInconsistent}},
		{"negative max", mod(func(s *contingency.Escalating) { s.Max = contingency.Cents(-100) }),
			map[string]error{"max": intervention.ErrOutOfRange}},
		{"bonus without every", mod(func(s *contingency.Escalating) { s.BonusEvery = 0 }),
			map[string]error{"bonusEvery": intervention.ErrMissing}},
		{"every without bonus", mod(func(s *contingency.Escalating) { s.Bonus = contingency.Money{} }),
			map[string]error{"bonus": intervention.ErrMissing}},
		{"negative every", mod(func(s *contingency.Escalating) { s.BonusEvery = -3 }),
			map[string]error{"bonusEvery": intervention.ErrOutOfRange}},
		{"negative recover", mod(func(s *contingency.Escalating) { s.RecoverAfter = -1 }),
			map[string]error{"recoverAfter": intervention.ErrOutOfRange}},
		{"unknown recovery", mod(func(s *contingency.Escalating) { s.Recovery = "r3" }),
			map[string]error{"recovery": contingency.ErrUnknownRecovery}},
		{"several", contingency.Escalating{Start: contingency.Cents(-1), Step: contingency.Cents(-1), Recovery: "x"},
			map[string]error{"start": intervention.ErrOutOfRange, "step": intervention.ErrOutOfRange,
				"recovery": contingency.ErrUnknownRecovery}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			_, err = contingency.Evaluate(tt.s, schedSteps("N"))
			require.ErrorIs(t, err, intervention.ErrInvalid, "Evaluate validates the schedule")
		})
	}
	top := valid
	top.Bonus = contingency.MaxScheduleAmount()
	require.NoError(t, top.Validate())
	schedAssertDec(t, "1000000.00", top.Bonus.Decimal)

	// An empty Recovery means R1; RecoverAfter zero ignores Recovery.
	assert.NoError(t, mod(func(s *contingency.Escalating) { s.Recovery = "" }).Validate())
	assert.NoError(t, mod(func(s *contingency.Escalating) { s.RecoverAfter = 0 }).Validate())
	r1, err := contingency.Evaluate(mod(func(s *contingency.Escalating) { s.Recovery = "" }), schedSteps("NNNNNNNNNN P NNNNNNN"))
	require.NoError(t, err)
	schedAssertDec(t, "187.50", contingency.TotalAmount(r1)) // reference: V4-R1
}

// schedAssertFields asserts that err holds exactly one FieldError per entry
// of want, each wrapping its rule.
func schedAssertFields(t *testing.T, err error, want map[string]error) {
	t.Helper()
	fes := intervention.FieldErrors(err)
	got := map[string]error{}
	for _, fe := range fes {
		got[fe.Field] = fe.Err
	}
	assert.Len(t, fes, len(want), "field errors: %v", err)
	for field, rule := range want {
		if assert.Contains(t, got, field, "error: %v", err) {
			assert.ErrorIs(t, got[field], rule, field)
		}
	}
}

func TestEscalatingJSON(t *testing.T) {
	s := contingency.HigginsVouchers(contingency.RecoveryR2)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"2.50","step":"1.25","bonusEvery":3,"bonus":"10.00","recoverAfter":5,"recovery":"r2"}`, string(b))

	var back contingency.Escalating
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))

	j, err := json.Marshal(contingency.JobSkillsVouchers())
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"8.00","step":"0.90","max":"34.10"}`, string(j))

	require.Error(t, json.Unmarshal([]byte(`{"start":2.5}`), &back), "money must be a string")
	require.ErrorIs(t, json.Unmarshal([]byte(`{"recovery":"r9"}`), &back), contingency.ErrUnknownRecovery)
}

// schedPresets returns every preset schedule, named.
func schedPresets(t testing.TB) map[string]contingency.Schedule {
	rip, err := contingency.RIPSchedule(contingency.RIPDefaultAmounts())
	require.NoError(t, err)
	return map[string]contingency.Schedule{
		"higgins-r1": contingency.HigginsVouchers(contingency.RecoveryR1),
		"higgins-r2": contingency.HigginsVouchers(contingency.RecoveryR2),
		"silverman":  contingency.SilvermanVouchers(),
		"katz":       contingency.KatzVouchers(),
		"job-skills": contingency.JobSkillsVouchers(),
		"petry":      contingency.PetryBowl(contingency.Cents(10000)),
		"ctn-0007":   contingency.CTN0007Bowl(),
		"rip":        rip,
		"capped-bowl": contingency.PrizeBowl{
			Tiers:      []contingency.Tier{{Name: "a", Count: 2, Value: contingency.Cents(100)}},
			Escalation: []int{1, 3, 5}, MaxDraws: 4, EscalateBy: contingency.EscalateByVisit,
			SecondaryBonusDraws: 2, BonusEvery: 2, BonusDraws: 1,
		},
		"table-bonus": contingency.Table{Amounts: []contingency.Money{contingency.Cents(100), contingency.Cents(200)},
			BonusEvery: 2, Bonus: contingency.Cents(50)},
	}
}

// schedRandomSteps returns n random steps with non-decreasing weeks, two
// visits a week.
func schedRandomSteps(r *rand.Rand, n int) []contingency.Step {
	outcomes := contingency.Outcomes()
	steps := make([]contingency.Step, n)
	for i := range steps {
		steps[i] = contingency.Step{
			Outcome:      outcomes[r.IntN(len(outcomes))],
			SecondaryMet: r.IntN(2) == 0,
			Week:         i / 2,
		}
	}
	return steps
}

// schedCheckInvariants checks what every schedule guarantees for steps and
// their awards.
func schedCheckInvariants(t *testing.T, s contingency.Schedule, steps []contingency.Step, awards []contingency.Award) {
	t.Helper()
	require.Len(t, awards, len(steps))
	var maxBase decimal.Decimal
	hasMax := false
	switch v := s.(type) {
	case contingency.Escalating:
		maxBase, hasMax = v.Max.Decimal, v.Max.IsPositive()
	case contingency.Table:
		for _, a := range v.Amounts {
			maxBase = decimal.Max(maxBase, a.Decimal)
		}
		hasMax = true
	case contingency.PrizeBowl:
		hasMax = true // Base is always zero
	}
	prevRun := 0
	for i, a := range awards {
		assert.Equal(t, i, a.Visit)
		assert.Equal(t, steps[i].Outcome, a.Outcome)
		assert.False(t, a.Base.IsNegative() || a.Bonus.IsNegative(), "visit %d: negative amount", i)
		assert.GreaterOrEqual(t, a.Draws, a.BonusDraws)
		assert.GreaterOrEqual(t, a.BonusDraws, 0)
		if hasMax {
			assert.True(t, a.Base.LessThanOrEqual(maxBase), "visit %d: base %s above maximum %s", i, a.Base, maxBase)
		}
		if bowl, ok := s.(contingency.PrizeBowl); ok && bowl.MaxDraws > 0 {
			assert.LessOrEqual(t, a.Draws, bowl.MaxDraws)
		}
		switch a.Outcome {
		case contingency.OutcomeEarn:
			assert.Equal(t, prevRun+1, a.Run)
			assert.Positive(t, a.Level)
		case contingency.OutcomeReset:
			assert.Zero(t, a.Run)
			assert.True(t, a.Amount().IsZero() && a.Draws == 0 && a.Level == 0, "visit %d: a reset pays nothing", i)
		case contingency.OutcomeHold:
			assert.Equal(t, prevRun, a.Run, "visit %d: a hold keeps the run", i)
			assert.True(t, a.Amount().IsZero() && a.Draws == 0 && a.Level == 0, "visit %d: a hold pays nothing", i)
		}
		prevRun = a.Run
	}
}

func TestSchedulesProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for name, s := range schedPresets(t) {
		t.Run(name, func(t *testing.T) {
			for range 200 {
				steps := schedRandomSteps(r, r.IntN(80))
				awards, err := contingency.Evaluate(s, steps)
				require.NoError(t, err)
				schedCheckInvariants(t, s, steps, awards)
				// Evaluate(prefix) equals the prefix of Evaluate(all).
				cut := 0
				if len(steps) > 0 {
					cut = r.IntN(len(steps) + 1)
				}
				prefix, err := contingency.Evaluate(s, steps[:cut])
				require.NoError(t, err)
				schedSameAwards(t, awards[:cut], prefix)
			}
		})
	}
}

func BenchmarkEscalatingEvaluate(b *testing.B) {
	s := contingency.HigginsVouchers(contingency.RecoveryR1)
	steps := schedSteps(schedRepeat("NNNNNNNNNNP", 6) + "NNNNNN") // 72 visits
	if len(steps) != 72 {
		b.Fatalf("want 72 steps, got %d", len(steps))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := contingency.Evaluate(s, steps); err != nil {
			b.Fatal(err)
		}
	}
}
