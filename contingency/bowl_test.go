package contingency_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// schedWeekly returns steps for pattern at two visits a week, with the
// secondary target met on every earning visit when secondary is set.
func schedWeekly(pattern string, secondary bool) []contingency.Step {
	steps := schedSteps(pattern)
	for i := range steps {
		steps[i].Week = i / 2
		steps[i].SecondaryMet = secondary && steps[i].Outcome == contingency.OutcomeEarn
	}
	return steps
}

func schedDraws(awards []contingency.Award) []int {
	out := make([]int, len(awards))
	for i, a := range awards {
		out[i] = a.Draws
	}
	return out
}

func TestPrizeBowlCTN0007(t *testing.T) {
	bowl := contingency.CTN0007Bowl()
	require.NoError(t, bowl.Validate())
	assert.Equal(t, contingency.SchedulePrizeBowl, bowl.Kind())

	tests := []struct {
		name      string
		pattern   string
		secondary bool
		draws     []int
		total     int
		expected  string // exact
		rounded   string
	}{
		{ // reference: P1
			name: "P1", pattern: schedRepeat("N", 24),
			draws: []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12},
			total: 156, expected: "339.768", rounded: "339.77",
		},
		{ // reference: P2
			name: "P2", pattern: schedRepeat("N", 24), secondary: true,
			draws: []int{3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14},
			total: 204, expected: "444.312", rounded: "444.31",
		},
		{ // reference: P3
			name: "P3", pattern: "NNNN P NNNNN",
			draws: []int{1, 1, 2, 2, 0, 1, 2, 2, 3, 3},
			total: 17, expected: "37.026", rounded: "37.03",
		},
		{ // level beyond the table earns its last entry
			name: "beyond 12 weeks", pattern: schedRepeat("N", 28),
			draws: []int{1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 12, 12, 12, 12},
			total: 204, expected: "444.312", rounded: "444.31",
		},
		{ // a hold keeps the week count; the count rises once per earning week
			name: "hold week", pattern: "NN HH NN",
			draws: []int{1, 1, 0, 0, 2, 2},
			total: 6, expected: "13.068", rounded: "13.07",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			awards, err := contingency.Evaluate(bowl, schedWeekly(tt.pattern, tt.secondary))
			require.NoError(t, err)
			assert.Equal(t, tt.draws, schedDraws(awards))
			assert.Equal(t, tt.total, contingency.TotalDraws(awards))
			cost, err := bowl.ExpectedCost(awards)
			require.NoError(t, err)
			schedAssertDec(t, tt.expected, cost)
			assert.Equal(t, tt.rounded, cost.StringFixed(2))
			for _, a := range awards {
				assert.True(t, a.Amount().IsZero(), "a prize award has no cash amount")
			}
		})
	}
}

func TestPrizeBowlP2BonusDraws(t *testing.T) {
	// reference: P2 (+2 draws when opioids are also negative)
	awards, err := contingency.Evaluate(contingency.CTN0007Bowl(), schedWeekly("NN", true))
	require.NoError(t, err)
	for _, a := range awards {
		assert.Equal(t, 3, a.Draws)
		assert.Equal(t, 2, a.BonusDraws)
		assert.Equal(t, 1, a.Level)
	}
}

func TestPrizeBowlVisitEscalation(t *testing.T) {
	bowl := contingency.PrizeBowl{
		Tiers:      []contingency.Tier{{Name: "a", Count: 1, Value: contingency.Cents(100)}},
		Escalation: []int{1, 2, 3, 4},
		MaxDraws:   4, EscalateBy: contingency.EscalateByVisit,
		SecondaryBonusDraws: 2, BonusEvery: 3, BonusDraws: 5,
	}
	steps := schedSteps("NNNNN P N H N")
	steps[1].SecondaryMet = true
	steps[2].SecondaryMet = true
	awards, err := contingency.Evaluate(bowl, steps)
	require.NoError(t, err)
	type got struct{ level, draws, bonus int }
	var gotten []got
	for _, a := range awards {
		gotten = append(gotten, got{a.Level, a.Draws, a.BonusDraws})
	}
	assert.Equal(t, []got{
		{1, 1, 0},
		{2, 4, 2}, // 2 + 2 secondary
		{3, 4, 1}, // 3 + 2 secondary + 5 streak, capped at 4: base first
		{4, 4, 0},
		{5, 4, 0}, // level beyond the table: last entry
		{0, 0, 0},
		{1, 1, 0},
		{0, 0, 0},
		{2, 2, 0},
	}, gotten)

	tight := bowl
	tight.MaxDraws = 2
	awards, err = contingency.Evaluate(tight, schedSteps("NNNN"))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 2, 2}, schedDraws(awards))
	assert.Zero(t, awards[3].BonusDraws)
}

func TestPrizeBowlWeekErrors(t *testing.T) {
	bowl := contingency.CTN0007Bowl()
	steps := []contingency.Step{
		{Outcome: contingency.OutcomeEarn, Week: 3},
		{Outcome: contingency.OutcomeEarn, Week: 2},
	}
	_, err := contingency.Evaluate(bowl, steps)
	require.ErrorIs(t, err, intervention.ErrInconsistent)
	schedAssertFields(t, err, map[string]error{"step.week": intervention.ErrInconsistent})

	// By visit, weeks are not read.
	_, err = contingency.Evaluate(contingency.PetryBowl(contingency.Cents(8000)), steps)
	require.NoError(t, err)

	// An invalid bowl never panics in Advance.
	_, _, err = contingency.PrizeBowl{}.Advance(contingency.RunState{}, steps[0])
	require.ErrorIs(t, err, intervention.ErrInvalid)
	_, _, err = bowl.Advance(contingency.RunState{Run: -1}, steps[0])
	require.ErrorIs(t, err, intervention.ErrOutOfRange)
}

func TestPrizeBowlExpectedValue(t *testing.T) {
	tests := []struct {
		name string
		bowl contingency.PrizeBowl
		n    int
		want string
	}{
		{"Petry $80 jumbo per draw", contingency.PetryBowl(contingency.Cents(8000)), 1, "2.178"},
		{"Petry $100 jumbo per draw", contingency.PetryBowl(contingency.Cents(10000)), 1, "2.218"},
		{"zero draws", contingency.PetryBowl(contingency.Cents(8000)), 0, "0"},
		{"non-terminating rounds to scale 10", schedOneTier(3, 1, 100), 1, "0.3333333333"},
		{"non-terminating n", schedOneTier(3, 2, 100), 1, "0.6666666667"},
		{"terminating beyond scale is exact", schedOneTier(2048, 1, 100), 1, "0.00048828125"},
		{"all $0", schedOneTier(5, 5, 0), 7, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.bowl.ExpectedValue(tt.n)
			require.NoError(t, err)
			schedAssertDec(t, tt.want, got)
			assert.Equal(t, tt.want, got.String())
		})
	}
	per, err := contingency.PetryBowl(contingency.Cents(8000)).ExpectedValuePerDraw()
	require.NoError(t, err)
	schedAssertDec(t, "2.178", per)

	_, err = contingency.CTN0007Bowl().ExpectedValue(-1)
	require.ErrorIs(t, err, intervention.ErrOutOfRange)
	_, err = contingency.PrizeBowl{}.ExpectedValue(1)
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

// schedOneTier returns a bowl of total slips, prize of them worth cents and
// the rest worth nothing.
func schedOneTier(total, prize int, cents int64) contingency.PrizeBowl {
	tiers := []contingency.Tier{{Name: "prize", Count: prize, Value: contingency.Cents(cents)}}
	if total > prize {
		tiers = append(tiers, contingency.Tier{Name: "none", Count: total - prize})
	}
	return contingency.PrizeBowl{Tiers: tiers, Escalation: []int{1}, EscalateBy: contingency.EscalateByVisit}
}

func TestPrizeBowlValidate(t *testing.T) {
	valid := contingency.CTN0007Bowl()
	mod := func(f func(*contingency.PrizeBowl)) contingency.PrizeBowl {
		b := valid
		b.Tiers = append([]contingency.Tier(nil), valid.Tiers...)
		b.Escalation = append([]int(nil), valid.Escalation...)
		f(&b)
		return b
	}
	tests := []struct {
		name   string
		b      contingency.PrizeBowl
		fields map[string]error
	}{
		{"zero", contingency.PrizeBowl{}, map[string]error{
			"tiers": intervention.ErrMissing, "escalation": intervention.ErrMissing,
			"escalateBy": contingency.ErrUnknownEscalateBy}},
		{"bad tier name", mod(func(b *contingency.PrizeBowl) { b.Tiers[0].Name = "Good Job" }),
			map[string]error{"tiers[0].name": contingency.ErrBadTierName}},
		{"empty tier name", mod(func(b *contingency.PrizeBowl) { b.Tiers[1].Name = "" }),
			map[string]error{"tiers[1].name": contingency.ErrBadTierName}},
		{"duplicate tier", mod(func(b *contingency.PrizeBowl) { b.Tiers[2].Name = contingency.TierSmall }),
			map[string]error{"tiers[2].name": intervention.ErrDuplicate}},
		{"zero count", mod(func(b *contingency.PrizeBowl) { b.Tiers[3].Count = 0 }),
			map[string]error{"tiers[3].count": intervention.ErrOutOfRange}},
		{"huge count", mod(func(b *contingency.PrizeBowl) { b.Tiers[3].Count = contingency.MaxTierSlips + 1 }),
			map[string]error{"tiers[3].count": intervention.ErrOutOfRange}},
		{"negative value", mod(func(b *contingency.PrizeBowl) { b.Tiers[1].Value = contingency.Cents(-1) }),
			map[string]error{"tiers[1].value": intervention.ErrOutOfRange}},
		{"zero draws level", mod(func(b *contingency.PrizeBowl) { b.Escalation[4] = 0 }),
			map[string]error{"escalation[4]": intervention.ErrOutOfRange}},
		{"too many draws", mod(func(b *contingency.PrizeBowl) { b.Escalation[0] = contingency.MaxDrawsPerVisit + 1 }),
			map[string]error{"escalation[0]": intervention.ErrOutOfRange}},
		{"negative max", mod(func(b *contingency.PrizeBowl) { b.MaxDraws = -1 }),
			map[string]error{"maxDraws": intervention.ErrOutOfRange}},
		{"negative secondary", mod(func(b *contingency.PrizeBowl) { b.SecondaryBonusDraws = -2 }),
			map[string]error{"secondaryBonusDraws": intervention.ErrOutOfRange}},
		{"streak bonus without draws", mod(func(b *contingency.PrizeBowl) { b.BonusEvery = 3 }),
			map[string]error{"bonusDraws": intervention.ErrMissing}},
		{"streak draws without every", mod(func(b *contingency.PrizeBowl) { b.BonusDraws = 3 }),
			map[string]error{"bonusEvery": intervention.ErrMissing}},
		{"unknown escalate by", mod(func(b *contingency.PrizeBowl) { b.EscalateBy = "month" }),
			map[string]error{"escalateBy": contingency.ErrUnknownEscalateBy}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.b.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			_, err = contingency.NewBowl(tt.b)
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}
}

func TestPrizeBowlJSON(t *testing.T) {
	b, err := json.Marshal(contingency.CTN0007Bowl())
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"tiers":[
			{"name":"good-job","count":250,"value":"0.00"},
			{"name":"small","count":209,"value":"1.00"},
			{"name":"large","count":40,"value":"20.00"},
			{"name":"jumbo","count":1,"value":"80.00"}],
		"escalation":[1,2,3,4,5,6,7,8,9,10,11,12],
		"escalateBy":"week",
		"secondaryBonusDraws":2,
		"withReplacement":true}`, string(b))
	var back contingency.PrizeBowl
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
}

func TestPrizeBowlSlipValue(t *testing.T) {
	// reference: §8 deterministic draw checks: [GoodJob, Small, GoodJob, Large] pays $21
	bowl := contingency.PetryBowl(contingency.Cents(8000))
	var slips []contingency.Slip
	for _, name := range []string{contingency.TierGoodJob, contingency.TierSmall, contingency.TierGoodJob, contingency.TierLarge} {
		s, err := bowl.Slip(name)
		require.NoError(t, err)
		slips = append(slips, s)
	}
	assert.True(t, contingency.SlipsValue(slips).Equal(contingency.Cents(2100)))
	assert.True(t, contingency.SlipsValue(nil).Equal(contingency.Cents(0)))
	_, err := bowl.Slip("mega")
	require.ErrorIs(t, err, contingency.ErrUnknownTier)
}

func TestBowlComposition(t *testing.T) {
	// reference: §8 the composition is 250/209/40/1, totalling 500
	bowl, err := contingency.NewBowl(contingency.PetryBowl(contingency.Cents(10000)))
	require.NoError(t, err)
	assert.Equal(t, 500, bowl.Len())
	assert.Equal(t, 500, contingency.PetryBowl(contingency.Cents(10000)).Slips())
	assert.Equal(t, map[string]int{"good-job": 250, "small": 209, "large": 40, "jumbo": 1}, schedCounts(bowl))
}

func schedCounts(b *contingency.Bowl) map[string]int {
	out := map[string]int{}
	for _, t := range b.Remaining() {
		out[t.Name] = t.Count
	}
	return out
}

// schedDrawUntilJumbo draws one slip at a time until the jumbo comes out and
// returns the number of draws.
func schedDrawUntilJumbo(t *testing.T, b *contingency.Bowl, r *rand.Rand) int {
	t.Helper()
	for n := 1; n <= 10000; n++ {
		s, err := b.Draw(r, 1)
		require.NoError(t, err)
		if s[0].Tier == contingency.TierJumbo {
			return n
		}
	}
	t.Fatal("no jumbo in 10000 draws")
	return 0
}

func TestBowlWithReplacement(t *testing.T) {
	// reference: §8 with replacement (REAP) a drawn jumbo goes back: P(jumbo) stays 1/500
	spec := contingency.PetryBowl(contingency.Cents(8000))
	require.True(t, spec.WithReplacement)
	bowl, err := contingency.NewBowl(spec)
	require.NoError(t, err)
	n := schedDrawUntilJumbo(t, bowl, rand.New(rand.NewPCG(1, 2)))
	assert.Equal(t, 1, schedCounts(bowl)[contingency.TierJumbo])
	assert.Equal(t, 500, bowl.Len())
	assert.Len(t, bowl.Drawn(), n)
	assert.True(t, contingency.SlipsValue(bowl.Drawn()).GreaterThanOrEqual(contingency.Cents(8000).Decimal))

	// The long-run frequencies follow the composition.
	slips, err := bowl.Draw(rand.New(rand.NewPCG(3, 4)), 50000)
	require.NoError(t, err)
	freq := map[string]int{}
	for _, s := range slips {
		freq[s.Tier]++
	}
	assert.InDelta(t, 25000, freq[contingency.TierGoodJob], 500)
	assert.InDelta(t, 20900, freq[contingency.TierSmall], 500)
	assert.InDelta(t, 4000, freq[contingency.TierLarge], 250)
	assert.InDelta(t, 100, freq[contingency.TierJumbo], 40)
}

func TestBowlWithoutReplacement(t *testing.T) {
	// reference: §8 without replacement, after the jumbo is drawn P(jumbo) = 0/499 until restock
	spec := contingency.PetryBowl(contingency.Cents(8000))
	spec.WithReplacement = false
	var bowl *contingency.Bowl
	// Find a seed whose first draw is the jumbo, so that 499 slips remain.
	for seed := uint64(0); ; seed++ {
		require.Less(t, seed, uint64(20000), "no seed draws the jumbo first")
		b, err := contingency.NewBowl(spec)
		require.NoError(t, err)
		s, err := b.Draw(rand.New(rand.NewPCG(seed, 99)), 1)
		require.NoError(t, err)
		if s[0].Tier == contingency.TierJumbo {
			bowl = b
			break
		}
	}
	assert.Equal(t, 499, bowl.Len())
	assert.Equal(t, 0, schedCounts(bowl)[contingency.TierJumbo])

	r := rand.New(rand.NewPCG(5, 6))
	rest, err := bowl.Draw(r, 499)
	require.NoError(t, err)
	for _, s := range rest {
		assert.NotEqual(t, contingency.TierJumbo, s.Tier)
	}
	assert.Equal(t, 0, bowl.Len())
	assert.Equal(t, map[string]int{"good-job": 0, "small": 0, "large": 0, "jumbo": 0}, schedCounts(bowl))
	assert.Len(t, bowl.Drawn(), 500)

	// A failed draw draws nothing.
	_, err = bowl.Draw(r, 1)
	require.ErrorIs(t, err, contingency.ErrBowlEmpty)
	assert.Len(t, bowl.Drawn(), 500)

	bowl.Restock()
	assert.Equal(t, 500, bowl.Len())
	assert.Equal(t, 1, schedCounts(bowl)[contingency.TierJumbo])
	assert.Len(t, bowl.Drawn(), 500, "restocking keeps the record")

	// Draws from the full 500 slips pay their exact composition.
	all, err := bowl.Draw(r, 500)
	require.NoError(t, err)
	assert.True(t, contingency.SlipsValue(all).Equal(contingency.Cents(209*100+40*2000+8000)))
}

func TestBowlDrawErrorsAndDeterminism(t *testing.T) {
	bowl, err := contingency.NewBowl(contingency.CTN0007Bowl())
	require.NoError(t, err)
	_, err = bowl.Draw(nil, 1)
	require.ErrorIs(t, err, intervention.ErrMissing)
	_, err = bowl.Draw(rand.New(rand.NewPCG(1, 2)), -1)
	require.ErrorIs(t, err, intervention.ErrOutOfRange)
	none, err := bowl.Draw(rand.New(rand.NewPCG(1, 2)), 0)
	require.NoError(t, err)
	assert.Empty(t, none)
	assert.Empty(t, bowl.Drawn())

	a, err := bowl.Draw(rand.New(rand.NewPCG(42, 7)), 20)
	require.NoError(t, err)
	other, err := contingency.NewBowl(contingency.CTN0007Bowl())
	require.NoError(t, err)
	b, err := other.Draw(rand.New(rand.NewPCG(42, 7)), 20)
	require.NoError(t, err)
	require.Len(t, b, len(a))
	for i := range a {
		assert.Equal(t, a[i].Tier, b[i].Tier, "the same seed draws the same slips")
		assert.True(t, a[i].Value.Equal(b[i].Value))
	}

	// Remaining and Drawn return copies.
	rem := bowl.Remaining()
	rem[0].Count = -5
	assert.Equal(t, 250, bowl.Remaining()[0].Count)
	d := bowl.Drawn()
	d[0].Tier = "changed"
	assert.NotEqual(t, "changed", bowl.Drawn()[0].Tier)
}

func TestEscalateByEnum(t *testing.T) {
	schedEnum(t, contingency.EscalateBys(), contingency.ParseEscalateBy, contingency.ErrUnknownEscalateBy)
}
