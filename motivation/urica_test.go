package motivation_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// uricaKeys are the subscale items of reference §7.5, 1-based: PC, C, A, M.
var uricaKeys = [4][]int{
	{1, 5, 11, 13, 23, 26, 29},
	{2, 8, 12, 15, 19, 21, 24},
	{3, 7, 10, 14, 17, 25, 30},
	{6, 16, 18, 22, 27, 28, 32},
}

// uniform answers every item of subscale s with v[s] and the unscored
// items with unscored.
func uniform(pc, c, a, m, unscored int) motivation.URICAAnswers {
	var ans motivation.URICAAnswers
	for s, v := range []int{pc, c, a, m} {
		for _, item := range uricaKeys[s] {
			ans.Items[item-1] = v
		}
	}
	for _, item := range motivation.URICAUnscoredItems() {
		ans.Items[item-1] = unscored
	}
	return ans
}

// v48 returns the V48 answers.
func v48() motivation.URICAAnswers {
	var ans motivation.URICAAnswers
	values := [4][]int{
		{1, 2, 1, 1, 2, 1, 1},
		{4, 5, 4, 4, 3, 4, 5},
		{3, 4, 3, 3, 4, 3, 3},
		{2, 3, 2, 2, 3, 2, 2},
	}
	for s := range uricaKeys {
		for i, item := range uricaKeys[s] {
			ans.Items[item-1] = values[s][i]
		}
	}
	return ans
}

func TestScoreURICAVectors(t *testing.T) {
	tests := []struct {
		name               string
		answers            motivation.URICAAnswers
		totals             motivation.URICASubscales
		readinessNum       int64 // readiness is readinessNum/7
		readinessFixed2    string
		meanPC, meanC      int64 // means over 7
		meanA, meanM       int64
		unscoredVariations bool
	}{
		// reference: V46
		{"V46 uniform", uniform(2, 4, 3, 3, 5), motivation.URICASubscales{Precontemplation: 14, Contemplation: 28, Action: 21, Maintenance: 21},
			56, "8.00", 14, 28, 21, 21, true},
		// reference: V47
		{"V47 minimum", uniform(5, 1, 1, 1, 0), motivation.URICASubscales{Precontemplation: 35, Contemplation: 7, Action: 7, Maintenance: 7},
			-14, "-2.00", 35, 7, 7, 7, true},
		// reference: V47
		{"V47 maximum", uniform(1, 5, 5, 5, 3), motivation.URICASubscales{Precontemplation: 7, Contemplation: 35, Action: 35, Maintenance: 35},
			98, "14.00", 7, 35, 35, 35, true},
		// reference: V48
		{"V48 mixed", v48(), motivation.URICASubscales{Precontemplation: 9, Contemplation: 29, Action: 23, Maintenance: 16},
			59, "8.43", 9, 29, 23, 16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := motivation.ScoreURICA(tt.answers, motivation.URICAOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.totals, r.Totals)
			assertRatio(t, r.Readiness, tt.readinessNum, 7)
			assertValue(t, r.Readiness, 2, tt.readinessFixed2)
			assertRatio(t, r.Means.Precontemplation, tt.meanPC, 7)
			assertRatio(t, r.Means.Contemplation, tt.meanC, 7)
			assertRatio(t, r.Means.Action, tt.meanA, 7)
			assertRatio(t, r.Means.Maintenance, tt.meanM, 7)
			assert.Equal(t, motivation.URICARule, r.Rule)
			assert.Zero(t, r.Band)

			// Changing the unscored items 4, 9, 20 and 31 never changes the result.
			for _, v := range []int{0, 1, 5} {
				a := tt.answers
				for _, item := range motivation.URICAUnscoredItems() {
					a.Items[item-1] = v
				}
				r2, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
				require.NoError(t, err)
				assert.Equal(t, r.Totals, r2.Totals)
				assertRatio(t, r2.Readiness, tt.readinessNum, 7)
			}
		})
	}
}

func TestScoreURICAV48Exact(t *testing.T) {
	// reference: V48 — readiness is exactly 59/7, and the means are 29/7, 23/7, 16/7, 9/7.
	r, err := motivation.ScoreURICA(v48(), motivation.URICAOptions{})
	require.NoError(t, err)
	assertValue(t, r.Readiness, 6, "8.428571")
	assertValue(t, r.Means.Contemplation, 6, "4.142857")
	assertValue(t, r.Means.Action, 6, "3.285714")
	assertValue(t, r.Means.Maintenance, 6, "2.285714")
	assertValue(t, r.Means.Precontemplation, 6, "1.285714")
	// §10 D13: the sum-based score would be 7 times the mean-based one.
	sum := r.Totals.Contemplation + r.Totals.Action + r.Totals.Maintenance - r.Totals.Precontemplation
	assert.Equal(t, 59, sum)
}

func TestScoreURICAV46SumBasedDiffers(t *testing.T) {
	// reference: V46, §10 D13 — sums would give 28+21+21−14 = 56 = 8×7.
	r, err := motivation.ScoreURICA(uniform(2, 4, 3, 3, 5), motivation.URICAOptions{})
	require.NoError(t, err)
	sum := r.Totals.Contemplation + r.Totals.Action + r.Totals.Maintenance - r.Totals.Precontemplation
	assert.Equal(t, 56, sum)
	assertRatio(t, r.Readiness, 8, 1)
}

func TestScoreURICAInvalid(t *testing.T) {
	t.Run("answer 6 is out of range", func(t *testing.T) {
		a := uniform(2, 4, 3, 3, 0)
		a.Items[4] = 6 // item 5, precontemplation
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		requireField(t, err, "items[4]", intervention.ErrOutOfRange)
	})
	t.Run("an unscored item is range-checked too", func(t *testing.T) {
		a := uniform(2, 4, 3, 3, 0)
		a.Items[3] = 6 // item 4
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		requireField(t, err, "items[3]", intervention.ErrOutOfRange)
		assert.Equal(t, []string{"items[3]"}, paths(err))
	})
	t.Run("negative answer", func(t *testing.T) {
		a := uniform(2, 4, 3, 3, 0)
		a.Items[31] = -1
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		requireField(t, err, "items[31]", intervention.ErrOutOfRange)
	})
	t.Run("missing scored item", func(t *testing.T) {
		a := uniform(2, 4, 3, 3, 0)
		a.Items[0] = 0 // item 1
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		requireField(t, err, "items[0]", intervention.ErrMissing)
	})
	t.Run("every problem is reported", func(t *testing.T) {
		var a motivation.URICAAnswers
		a.Items[8] = 7 // item 9, unscored
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Len(t, intervention.FieldErrors(err), motivation.URICAScoredItems+1)
	})
	t.Run("error text never carries a value", func(t *testing.T) {
		a := uniform(2, 4, 3, 3, 0)
		a.Items[4] = 987654
		_, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "987654")
	})
}

// readinessOf returns an answer set whose readiness is num/7 (num in
// −14…98), by raising C, A and M from a base of PC 5 and C, A, M 1.
func readinessOf(t *testing.T, num int) motivation.URICAAnswers {
	t.Helper()
	a := uniform(5, 1, 1, 1, 0)
	need := num + 14
	for s := 1; s < 4 && need > 0; s++ {
		for _, item := range uricaKeys[s] {
			add := min(need, 4)
			a.Items[item-1] += add
			need -= add
		}
	}
	for _, item := range uricaKeys[0] {
		sub := min(need, 4)
		a.Items[item-1] -= sub
		need -= sub
	}
	require.Zero(t, need)
	r, err := motivation.ScoreURICA(a, motivation.URICAOptions{})
	require.NoError(t, err)
	assertRatio(t, r.Readiness, int64(num), 7)
	return a
}

func TestURICABanding(t *testing.T) {
	tests := []struct {
		name    string
		banding motivation.URICABanding
		num     int // readiness num/7
		want    motivation.Stage
	}{
		// VCU nearest group mean: PC 9.3, C 11.0, A 12.6 (reference: §7.5 [S96]).
		{"vcu V48 8.43 → precontemplation", motivation.VCUGroupMeans(), 59, motivation.StagePrecontemplation},
		{"vcu minimum", motivation.VCUGroupMeans(), -14, motivation.StagePrecontemplation},
		{"vcu 10.14 is nearer 9.3 than 11.0", motivation.VCUGroupMeans(), 71, motivation.StagePrecontemplation},
		{"vcu 10.29 is nearer 11.0", motivation.VCUGroupMeans(), 72, motivation.StageContemplation},
		{"vcu 11.71 is nearer 11.0 than 12.6", motivation.VCUGroupMeans(), 82, motivation.StageContemplation},
		{"vcu 11.86 is nearer 12.6", motivation.VCUGroupMeans(), 83, motivation.StageAction},
		{"vcu maximum never maintenance", motivation.VCUGroupMeans(), 98, motivation.StageAction},
		// Common cut-offs, UNVERIFIED: ≤ 8, ≤ 11, ≤ 14.
		{"cutoffs 8 is precontemplation (inclusive)", motivation.CommonURICACutoffs(), 56, motivation.StagePrecontemplation},
		{"cutoffs 8.14 is contemplation", motivation.CommonURICACutoffs(), 57, motivation.StageContemplation},
		{"cutoffs 11 is contemplation (inclusive)", motivation.CommonURICACutoffs(), 77, motivation.StageContemplation},
		{"cutoffs 11.14 is preparation", motivation.CommonURICACutoffs(), 78, motivation.StagePreparation},
		{"cutoffs 14 is preparation", motivation.CommonURICACutoffs(), 98, motivation.StagePreparation},
		{"cutoffs −2 is precontemplation", motivation.CommonURICACutoffs(), -14, motivation.StagePrecontemplation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := motivation.ScoreURICA(readinessOf(t, tt.num), motivation.URICAOptions{Banding: tt.banding})
			require.NoError(t, err)
			assert.Equal(t, tt.want, r.Band.Stage)
			assert.NotEmpty(t, r.Band.Rule)
		})
	}
}

func TestNearestGroupMeanTieGoesToFirstListed(t *testing.T) {
	n := motivation.NearestGroupMean{Name: "tie", Groups: []motivation.GroupMean{
		{Stage: motivation.StageContemplation, Mean: decimal.NewFromInt(1)},
		{Stage: motivation.StagePrecontemplation, Mean: decimal.NewFromInt(3)},
	}}
	b, err := n.Band(intervention.RatioOf(14, 7))
	require.NoError(t, err)
	assert.Equal(t, motivation.URICABand{Stage: motivation.StageContemplation, Rule: "tie"}, b)
}

func TestURICABandingInvalid(t *testing.T) {
	ok := intervention.RatioOf(59, 7)
	tests := []struct {
		name    string
		banding motivation.URICABanding
		path    string
		rule    error
	}{
		{"group name missing", motivation.NearestGroupMean{Groups: motivation.VCUGroupMeans().Groups}, "name", intervention.ErrMissing},
		{"group name not a code", motivation.NearestGroupMean{Name: "a b", Groups: motivation.VCUGroupMeans().Groups}, "name", motivation.ErrBadCode},
		{"no groups", motivation.NearestGroupMean{Name: "x"}, "groups", intervention.ErrMissing},
		{"unknown stage", motivation.NearestGroupMean{Name: "x", Groups: []motivation.GroupMean{{Stage: "ready", Mean: decimal.NewFromInt(9)}}}, "groups[0].stage", motivation.ErrUnknownStage},
		{"duplicate stage", motivation.NearestGroupMean{Name: "x", Groups: []motivation.GroupMean{
			{Stage: motivation.StageAction, Mean: decimal.NewFromInt(9)}, {Stage: motivation.StageAction, Mean: decimal.NewFromInt(10)},
		}}, "groups[1].stage", intervention.ErrDuplicate},
		{"mean above 14", motivation.NearestGroupMean{Name: "x", Groups: []motivation.GroupMean{{Stage: motivation.StageAction, Mean: decimal.NewFromInt(15)}}}, "groups[0].mean", motivation.ErrThresholds},
		{"mean with absurd exponent", motivation.NearestGroupMean{Name: "x", Groups: []motivation.GroupMean{{Stage: motivation.StageAction, Mean: decimal.New(1, -2000000000)}}}, "groups[0].mean", motivation.ErrThresholds},
		{"cutoffs no bands", motivation.ReadinessCutoffs{Name: "x"}, "bands", intervention.ErrMissing},
		{"cutoffs not increasing", motivation.ReadinessCutoffs{Name: "x", Bands: []motivation.CutoffBand{
			{Max: decimal.NewFromInt(9), Stage: motivation.StagePrecontemplation},
			{Max: decimal.NewFromInt(9), Stage: motivation.StageContemplation},
			{Max: decimal.NewFromInt(14), Stage: motivation.StageAction},
		}}, "bands[1].max", motivation.ErrThresholds},
		{"cutoffs do not reach 14", motivation.ReadinessCutoffs{Name: "x", Bands: []motivation.CutoffBand{
			{Max: decimal.NewFromInt(9), Stage: motivation.StagePrecontemplation},
		}}, "bands[0].max", motivation.ErrThresholds},
		{"cutoffs out of range", motivation.ReadinessCutoffs{Name: "x", Bands: []motivation.CutoffBand{
			{Max: decimal.NewFromInt(-3), Stage: motivation.StagePrecontemplation},
			{Max: decimal.NewFromInt(14), Stage: motivation.StageAction},
		}}, "bands[0].max", motivation.ErrThresholds},
		{"cutoffs unknown stage", motivation.ReadinessCutoffs{Name: "x", Bands: []motivation.CutoffBand{
			{Max: decimal.NewFromInt(14), Stage: "done"},
		}}, "bands[0].stage", motivation.ErrUnknownStage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.banding.Band(ok)
			requireField(t, err, tt.path, tt.rule)
			_, err = motivation.ScoreURICA(uniform(2, 4, 3, 3, 0), motivation.URICAOptions{Banding: tt.banding})
			requireField(t, err, "banding."+tt.path, tt.rule)
		})
	}
	t.Run("not computable readiness", func(t *testing.T) {
		for _, b := range []motivation.URICABanding{motivation.VCUGroupMeans(), motivation.CommonURICACutoffs()} {
			_, err := b.Band(intervention.Ratio{})
			requireField(t, err, "readiness", intervention.ErrOutOfRange)
		}
	})
	t.Run("negative denominator compares by value", func(t *testing.T) {
		r := intervention.NewRatio(decimal.NewFromInt(-56), decimal.NewFromInt(-7)) // 8
		b, err := motivation.CommonURICACutoffs().Band(r)
		require.NoError(t, err)
		assert.Equal(t, motivation.StagePrecontemplation, b.Stage)
	})
	t.Run("above every cut-off", func(t *testing.T) {
		_, err := motivation.CommonURICACutoffs().Band(intervention.RatioOf(99, 7))
		requireField(t, err, "readiness", intervention.ErrOutOfRange)
	})
}
