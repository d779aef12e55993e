package motivation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// socrates returns answers whose Recognition, Ambivalence and Taking Steps
// raw scores are re, am and ts.
func socrates(t testing.TB, re, am, ts int) motivation.SOCRATESAnswers {
	t.Helper()
	var a motivation.SOCRATESAnswers
	for s, sum := range map[motivation.SOCRATESScale]int{
		motivation.Recognition: re, motivation.Ambivalence: am, motivation.TakingSteps: ts,
	} {
		items := s.Items()
		lo, hi := s.Range()
		require.True(t, sum >= lo && sum <= hi)
		extra := sum - lo
		for _, item := range items {
			add := min(extra, 4)
			a.Items[item-1] = 1 + add
			extra -= add
		}
	}
	return a
}

func allSOCRATES(v int) motivation.SOCRATESAnswers {
	var a motivation.SOCRATESAnswers
	for i := range a.Items {
		a.Items[i] = v
	}
	return a
}

func TestScoreSOCRATESVectors(t *testing.T) {
	tests := []struct {
		name       string
		answers    motivation.SOCRATESAnswers
		re, am, ts motivation.SOCRATESScore
	}{
		// reference: V49
		{"V49 all 4s", allSOCRATES(4),
			motivation.SOCRATESScore{Raw: 28, Decile: 20},
			motivation.SOCRATESScore{Raw: 16, Decile: 60},
			motivation.SOCRATESScore{Raw: 32, Decile: 40}},
		// reference: V50
		{"V50 Re all 5, Am all 1, Ts all 5", func() motivation.SOCRATESAnswers {
			a := allSOCRATES(5)
			for _, item := range motivation.Ambivalence.Items() {
				a.Items[item-1] = 1
			}
			return a
		}(),
			motivation.SOCRATESScore{Raw: 35, Decile: 70, Label: "high"},
			motivation.SOCRATESScore{Raw: 4, Decile: 10, Label: "very-low"},
			motivation.SOCRATESScore{Raw: 40, Decile: 90, Label: "very-high"}},
		// reference: V50 — Re 29 → decile 30 (Low), cross-checked with [S101].
		{"V50 Re 29", socrates(t, 29, 12, 30),
			motivation.SOCRATESScore{Raw: 29, Decile: 30, Label: "low"},
			motivation.SOCRATESScore{Raw: 12, Decile: 30, Label: "low"},
			motivation.SOCRATESScore{Raw: 30, Decile: 30, Label: "low"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := motivation.ScoreSOCRATES(tt.answers, motivation.SOCRATESOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.re, r.Recognition)
			assert.Equal(t, tt.am, r.Ambivalence)
			assert.Equal(t, tt.ts, r.TakingSteps)
			assert.Equal(t, tt.re, r.Score(motivation.Recognition))
			assert.Equal(t, tt.am, r.Score(motivation.Ambivalence))
			assert.Equal(t, tt.ts, r.Score(motivation.TakingSteps))
			assert.Equal(t, "project-match-alcohol", r.Norms)
			assert.Contains(t, r.Sample, "Project MATCH alcohol-treatment sample")
		})
	}
}

// TestSOCRATESDecileTable pins every row of the reference's decile table
// (reference: instruments.md §7.6) at both ends of each range.
func TestSOCRATESDecileTable(t *testing.T) {
	type row struct{ decile, lo, hi int }
	table := map[motivation.SOCRATESScale][]row{
		motivation.Recognition: {{10, 7, 26}, {20, 27, 28}, {30, 29, 30}, {40, 31, 31}, {50, 32, 33}, {60, 34, 34}, {70, 35, 35}},
		motivation.Ambivalence: {{10, 4, 8}, {20, 9, 11}, {30, 12, 13}, {40, 14, 14}, {50, 15, 15}, {60, 16, 16}, {70, 17, 17}, {80, 18, 18}, {90, 19, 20}},
		motivation.TakingSteps: {{10, 8, 25}, {20, 26, 29}, {30, 30, 30}, {40, 31, 32}, {50, 33, 33}, {60, 34, 35}, {70, 36, 36}, {80, 37, 38}, {90, 39, 40}},
	}
	for scale, rows := range table {
		for _, r := range rows {
			for _, raw := range []int{r.lo, r.hi} {
				re, am, ts := 20, 10, 20
				switch scale {
				case motivation.Recognition:
					re = raw
				case motivation.Ambivalence:
					am = raw
				case motivation.TakingSteps:
					ts = raw
				}
				res, err := motivation.ScoreSOCRATES(socrates(t, re, am, ts), motivation.SOCRATESOptions{})
				require.NoError(t, err)
				got := res.Score(scale)
				assert.Equalf(t, raw, got.Raw, "%s raw", scale)
				assert.Equalf(t, r.decile, got.Decile, "%s raw %d", scale, raw)
			}
		}
	}
}

func TestScoreSOCRATESInvalid(t *testing.T) {
	t.Run("unanswered item", func(t *testing.T) {
		a := allSOCRATES(3)
		a.Items[18] = 0
		_, err := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{})
		requireField(t, err, "items[18]", intervention.ErrMissing)
	})
	t.Run("answer 6", func(t *testing.T) {
		a := allSOCRATES(3)
		a.Items[0] = 6
		a.Items[1] = -2
		_, err := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{})
		requireField(t, err, "items[0]", intervention.ErrOutOfRange)
		requireField(t, err, "items[1]", intervention.ErrOutOfRange)
	})
	norms := func(edit func(*motivation.SOCRATESNorms)) motivation.SOCRATESNorms {
		n := motivation.ProjectMATCHAlcoholNorms()
		edit(&n)
		return n
	}
	tests := []struct {
		name  string
		norms motivation.SOCRATESNorms
		path  string
		rule  error
	}{
		{"no name", norms(func(n *motivation.SOCRATESNorms) { n.Name = "" }), "norms.name", intervention.ErrMissing},
		{"no sample", norms(func(n *motivation.SOCRATESNorms) { n.Sample = "" }), "norms.sample", intervention.ErrMissing},
		{"scale missing", norms(func(n *motivation.SOCRATESNorms) { n.Ambivalence = nil }), "norms.ambivalence", intervention.ErrMissing},
		{"gap", norms(func(n *motivation.SOCRATESNorms) {
			n.TakingSteps = append([]motivation.DecileRow(nil), n.TakingSteps...)
			n.TakingSteps[1].Min = 27
		}), "norms.takingSteps[1]", motivation.ErrNorms},
		{"does not reach the maximum", norms(func(n *motivation.SOCRATESNorms) {
			n.Recognition = n.Recognition[:6]
		}), "norms.recognition", motivation.ErrNorms},
		{"deciles not increasing", norms(func(n *motivation.SOCRATESNorms) {
			n.Ambivalence = append([]motivation.DecileRow(nil), n.Ambivalence...)
			n.Ambivalence[2].Decile = 20
		}), "norms.ambivalence[2].decile", motivation.ErrNorms},
		{"label not a code", norms(func(n *motivation.SOCRATESNorms) {
			n.Ambivalence = append([]motivation.DecileRow(nil), n.Ambivalence...)
			n.Ambivalence[0].Label = "very low!"
		}), "norms.ambivalence[0].label", motivation.ErrBadCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := motivation.ScoreSOCRATES(allSOCRATES(3), motivation.SOCRATESOptions{Norms: tt.norms})
			requireField(t, err, tt.path, tt.rule)
		})
	}
}

func TestScoreSOCRATESCustomNorms(t *testing.T) {
	n := motivation.SOCRATESNorms{
		Name: "two-bands", Sample: "a host's own sample",
		Recognition: []motivation.DecileRow{{Decile: 25, Min: 7, Max: 20}, {Decile: 75, Min: 21, Max: 35, Label: "upper"}},
		Ambivalence: []motivation.DecileRow{{Decile: 50, Min: 4, Max: 20}},
		TakingSteps: []motivation.DecileRow{{Decile: 50, Min: 8, Max: 40}},
	}
	require.NoError(t, n.Validate())
	r, err := motivation.ScoreSOCRATES(allSOCRATES(4), motivation.SOCRATESOptions{Norms: n})
	require.NoError(t, err)
	assert.Equal(t, motivation.SOCRATESScore{Raw: 28, Decile: 75, Label: "upper"}, r.Recognition)
	assert.Equal(t, "two-bands", r.Norms)
	assert.Equal(t, "a host's own sample", r.Sample)
}

func TestSOCRATESScaleEnum(t *testing.T) {
	for _, s := range motivation.SOCRATESScales() {
		got, err := motivation.ParseSOCRATESScale(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	lo, hi := motivation.Recognition.Range()
	assert.Equal(t, [2]int{7, 35}, [2]int{lo, hi})
	lo, hi = motivation.Ambivalence.Range()
	assert.Equal(t, [2]int{4, 20}, [2]int{lo, hi})
	lo, hi = motivation.TakingSteps.Range()
	assert.Equal(t, [2]int{8, 40}, [2]int{lo, hi})
	assert.Nil(t, motivation.SOCRATESScale("x").Items())
	assert.Zero(t, motivation.SOCRATESResult{}.Score("x"))
	// Every item is on exactly one scale.
	seen := map[int]int{}
	for _, s := range motivation.SOCRATESScales() {
		for _, i := range s.Items() {
			seen[i]++
		}
	}
	assert.Len(t, seen, motivation.SOCRATESItems)
	for item, n := range seen {
		assert.Equalf(t, 1, n, "item %d", item)
	}
}
