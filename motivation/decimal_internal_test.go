package motivation

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// The scorers' fast paths (shared decimals, int64 comparisons) must give
// exactly what the decimal arithmetic they replace gives.

func TestRatioOfMatchesRatioOf(t *testing.T) {
	for _, n := range []int{sharedIntMin - 1, sharedIntMin, -7, -1, 0, 1, 2, 7, 100, sharedIntMax, sharedIntMax + 1, 20000} {
		for _, d := range []int{0, 1, 2, 7, sharedIntMax, sharedIntMax + 1} {
			want := intervention.RatioOf(n, d)
			got := ratioOf(n, d)
			assert.Equal(t, want, got, "%d/%d", n, d) // the same representation, not only the same value
			wantJSON, err := want.MarshalJSON()
			require.NoError(t, err)
			gotJSON, err := got.MarshalJSON()
			require.NoError(t, err)
			assert.JSONEq(t, string(wantJSON), string(gotJSON))
		}
	}
}

func TestSharedIntsAreNotModifiedByUse(t *testing.T) {
	r := ratioOf(3, 7)
	_ = r.Num().Coefficient().SetInt64(99) // Coefficient returns a copy
	_ = r.Num().BigInt().SetInt64(99)      // so does BigInt
	_ = r.Num().Add(r.Den()).Mul(r.Num())  // arithmetic builds new values
	assert.Equal(t, "3/7", ratioOf(3, 7).String())
	assert.True(t, intDecimal(3).Equal(decimal.NewFromInt(3)))
}

// fracDecimals are thresholds and means on both sides of the fast path:
// every exponent the validators accept, one beyond each end, and more
// coefficient digits than the fast path takes.
func fracDecimals() []decimal.Decimal {
	return []decimal.Decimal{
		decimal.Zero, decimal.New(0, -3), decimal.New(1, 0), decimal.New(-2, 0), decimal.New(35, -1),
		decimal.New(40, -1), decimal.New(399999, -5), decimal.New(4000001, -6), decimal.New(14, 0),
		decimal.New(-15, -1), decimal.New(1, 3), decimal.New(2, 3), decimal.New(123456789, 3),
		decimal.New(1, -7), decimal.New(5, 4), decimal.New(1234567890123, -6), decimal.New(-1234567890123, 0),
		decimal.New(1e9, 0), decimal.New(1e9+1, 0), decimal.New(-1e9-1, 0),
	}
}

func TestCmpFracMatchesDecimals(t *testing.T) {
	nums := []int64{-maxFracNum - 1, -maxFracNum, -1000, -15, -1, 0, 1, 3, 7, 35, 400, 4000, maxFracNum, maxFracNum + 1}
	dens := []int64{-7, 1, 2, 3, 7, 10, 999_999, maxFracDen, maxFracDen + 1}
	for _, d := range fracDecimals() {
		for _, num := range nums {
			for _, den := range dens {
				want := cmpDecimals(decimal.NewFromInt(num), decimal.NewFromInt(den), d)
				assert.Equal(t, want, cmpFrac(num, den, d), "%d/%d vs %s", num, den, d)
				r := intervention.NewRatio(decimal.NewFromInt(num), decimal.NewFromInt(den))
				assert.Equal(t, want, cmpRatio(r, d), "ratio %s vs %s", r, d)
			}
		}
	}
}

func TestCmpRatioNonIntegerTerms(t *testing.T) {
	// 7.5/2 = 3.75: not integers, so the decimal path compares.
	r := intervention.NewRatio(decimal.New(75, -1), decimal.NewFromInt(2))
	assert.Equal(t, 1, cmpRatio(r, decimal.New(35, -1)))
	assert.Equal(t, 0, cmpRatio(r, decimal.New(375, -2)))
	assert.Equal(t, -1, cmpRatio(r, decimal.NewFromInt(4)))
	neg := intervention.NewRatio(decimal.New(75, -1), decimal.New(-2, 0))
	assert.Equal(t, -1, cmpRatio(neg, decimal.Zero))
}

func TestSaneDecimalBounds(t *testing.T) {
	tests := []struct {
		d      decimal.Decimal
		lo, hi int64
		want   bool
	}{
		{decimal.NewFromInt(1), 1, 5, true},
		{decimal.NewFromInt(5), 1, 5, true},
		{decimal.New(999999, -6), 1, 5, false},
		{decimal.New(5000001, -6), 1, 5, false},
		{decimal.New(-2, 0), -2, 14, true},
		{decimal.New(-2000001, -6), -2, 14, false},
		{decimal.New(1, -7), 0, 100, false}, // seven places
		{decimal.New(1, 4), 0, 100000, false},
		{decimal.New(1, 3), 0, 1000, true},
		{decimal.New(1234567890123, -6), 0, 1000, false}, // many digits
		{decimal.New(-1234567890123, -1), -2, 14, false},
		{decimal.Zero, 0, 100, true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, saneDecimal(tt.d, tt.lo, tt.hi), "%s in %d–%d", tt.d, tt.lo, tt.hi)
	}
}

// nearestByDecimals is nearestGroup's decimal path, the reference.
func nearestByDecimals(groups []GroupMean, r intervention.Ratio) int {
	best, bestDist := 0, decimal.Decimal{}
	for i, g := range groups {
		dist := r.Num().Sub(g.Mean.Mul(r.Den())).Abs()
		if i == 0 || dist.Cmp(bestDist) < 0 {
			best, bestDist = i, dist
		}
	}
	return best
}

func TestNearestGroupMatchesDecimals(t *testing.T) {
	groups := []GroupMean{
		{Stage: StagePrecontemplation, Mean: decimal.New(93, -1)},
		{Stage: StageContemplation, Mean: decimal.New(110, -1)},
		{Stage: StageAction, Mean: decimal.New(126, -1)},
		{Stage: StageMaintenance, Mean: decimal.New(-1999999, -6)},
	}
	for num := -15; num <= 99; num++ {
		for _, den := range []int{7, -7, 1} {
			r := intervention.RatioOf(num, den)
			assert.Equal(t, nearestByDecimals(groups, r), nearestGroup(groups, r), "%d/%d", num, den)
		}
	}
	// A halfway score goes to the group listed first: (9.3 + 11.0)/2.
	half := intervention.RatioOf(203, 20)
	assert.Equal(t, 0, nearestGroup(groups, half))
	// Non-integer terms take the decimal path.
	r := intervention.NewRatio(decimal.New(1015, -2), decimal.NewFromInt(1))
	assert.Equal(t, nearestByDecimals(groups, r), nearestGroup(groups, r))
	assert.Equal(t, 0, nearestGroup(groups, r))
}

func TestDefaultsAreValid(t *testing.T) {
	require.NoError(t, miti421.Validate())
	require.NoError(t, projectMATCH.Validate())
	assert.Equal(t, MITI421Thresholds(), miti421)
	assert.Equal(t, ProjectMATCHAlcoholNorms(), projectMATCH)
}

// levelByDecimals is the decimal-arithmetic level that ScoreMITI used
// before its integer fast path: the reference the fast path must match.
func levelByDecimals(r intervention.Ratio, th Threshold, unit int64) Competency {
	if !r.Computable() {
		return CompetencyNotComputable
	}
	scaled := intervention.NewRatio(r.Num().Mul(decimal.NewFromInt(unit)), r.Den())
	switch {
	case cmpDecimals(scaled.Num(), scaled.Den(), th.Good) >= 0:
		return CompetencyGood
	case cmpDecimals(scaled.Num(), scaled.Den(), th.Fair) >= 0:
		return CompetencyFair
	}
	return CompetencyBelowFair
}

func TestScoreMITIMatchesDecimalReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 42)) // fixed seed: the same cases every run
	odd := MITIThresholds{
		Name:                 "odd",
		Technical:            Threshold{Fair: decimal.New(2999999, -6), Good: decimal.New(4, 0)},
		Relational:           Threshold{Fair: decimal.New(35, -1), Good: decimal.New(5, 0)},
		ComplexReflections:   Threshold{Fair: decimal.New(333333, -4), Good: decimal.New(1, 2)},
		ReflectionToQuestion: Threshold{Fair: decimal.New(1, -6), Good: decimal.New(1, 3)},
	}
	count := func() int {
		if rng.IntN(4) == 0 {
			return rng.IntN(MaxBehaviorCount + 1) // beyond the shared decimals
		}
		return rng.IntN(40)
	}
	for range 5000 {
		c := MITICounts{Question: count(), SimpleReflection: count(), ComplexReflection: count(), Affirm: count()}
		g := MITIGlobals{
			CultivatingChangeTalk: 1 + rng.IntN(5), SofteningSustainTalk: 1 + rng.IntN(5),
			Partnership: 1 + rng.IntN(5), Empathy: 1 + rng.IntN(5),
		}
		for _, th := range []MITIThresholds{MITI421Thresholds(), LyssnThresholds(), odd} {
			s, err := ScoreMITI(c, g, MITIOptions{Thresholds: th})
			require.NoError(t, err)
			refl := c.SimpleReflection + c.ComplexReflection
			assert.Equal(t, intervention.RatioOf(refl, c.Question), s.ReflectionToQuestion)
			assert.Equal(t, intervention.RatioOf(c.ComplexReflection, refl), s.ComplexReflections)
			assert.Equal(t, levelByDecimals(s.Technical, th.Technical, 1), s.TechnicalLevel)
			assert.Equal(t, levelByDecimals(s.Relational, th.Relational, 1), s.RelationalLevel)
			assert.Equal(t, levelByDecimals(s.ComplexReflections, th.ComplexReflections, 100), s.ComplexReflectionsLevel)
			assert.Equal(t, levelByDecimals(s.ReflectionToQuestion, th.ReflectionToQuestion, 1), s.ReflectionToQuestionLevel)
		}
	}
}
