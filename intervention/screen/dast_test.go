package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestScoreDAST10Vectors(t *testing.T) {
	tests := []struct {
		name     string
		raw      string // items 1–10, raw Y/N
		total    int
		band     screen.Band
		action   screen.Action
		positive bool
	}{
		// reference: V19
		{"V19 all no, item 3 yes", "NNYNNNNNNN", 0, screen.BandNone, screen.ActionNone, false},
		// reference: V20 (catches an un-reversed or double-reversed item 3, §10 D8)
		{"V20 all no", "NNNNNNNNNN", 1, screen.BandLow, screen.ActionMonitor, false},
		// reference: V21
		{"V21 low upper boundary", "YNNNNNNNNN", 2, screen.BandLow, screen.ActionMonitor, false},
		// reference: V22
		{"V22 moderate lower boundary", "YYNNNNNNNN", 3, screen.BandModerate, screen.ActionFurtherInvestigation, true},
		// reference: V23
		{"V23 moderate", "YYYYYNNNNN", 4, screen.BandModerate, screen.ActionFurtherInvestigation, true},
		// reference: V24
		{"V24 substantial lower boundary", "YYNYYYNNNN", 6, screen.BandSubstantial, screen.ActionIntensiveAssessment, true},
		// reference: V25
		{"V25 severe lower boundary", "YYYYYYYYYY", 9, screen.BandSevere, screen.ActionIntensiveAssessment, true},
		// reference: V26
		{"V26 maximum", "YYNYYYYYYY", 10, screen.BandSevere, screen.ActionIntensiveAssessment, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := dast(t, tc.raw)
			r, err := screen.ScoreDAST10(a, screen.DAST10Options{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.total, r.Score)
			assert.Equal(t, tc.band, r.Band)
			assert.Equal(t, tc.action, r.Action)
			assert.Equal(t, tc.positive, r.Positive)
			assert.Equal(t, "82667-7", r.LOINC)
			assert.Equal(t, 10, r.MaxScore)
			assert.Equal(t, "skinner-dast-10", r.Rule)
			assert.Equal(t, a, r.Answers)
			sum := 0
			for _, p := range r.Points {
				sum += p
			}
			assert.Equal(t, r.Score, sum)
		})
	}
}

func TestScoreDAST10BoundaryTable(t *testing.T) {
	// reference: instruments.md §2.1 — 0 none, 1–2 low, 3–5 moderate, 6–8
	// substantial, 9–10 severe; every total.
	for total := 0; total <= 10; total++ {
		// Item 3 = yes scores 0; then add "yes" to other items, and item 3 =
		// no for the tenth point.
		raw := []byte("NNYNNNNNNN")
		order := []int{0, 1, 3, 4, 5, 6, 7, 8, 9, 2}
		for _, i := range order[:total] {
			if i == 2 {
				raw[i] = 'N'
			} else {
				raw[i] = 'Y'
			}
		}
		r, err := screen.ScoreDAST10(dast(t, string(raw)), screen.DAST10Options{})
		require.NoError(t, err)
		want := screen.BandSevere
		switch {
		case total == 0:
			want = screen.BandNone
		case total <= 2:
			want = screen.BandLow
		case total <= 5:
			want = screen.BandModerate
		case total <= 8:
			want = screen.BandSubstantial
		}
		assert.Equal(t, total, r.Score)
		assert.Equal(t, want, r.Band, "total %d", total)
		assert.Equal(t, total >= 3, r.Positive)
	}
}

func TestScoreDAST10NeverUser(t *testing.T) {
	// reference: instruments.md §10 D9 — a never-user answers item 3 "yes"
	// (and item 5 "no") and scores 0; a form that lets item 3 be "no" scores 1.
	r, err := screen.ScoreDAST10(dast(t, "NNYNNNNNNN"), screen.DAST10Options{})
	require.NoError(t, err)
	assert.Equal(t, 0, r.Score)
	r, err = screen.ScoreDAST10(dast(t, "NNNNNNNNNN"), screen.DAST10Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, r.Score)
	assert.Equal(t, screen.BandLow, r.Band)
}

func TestScoreDAST10Missing(t *testing.T) {
	a := dast(t, "YYN-NNNNN-")
	r, err := screen.ScoreDAST10(a, screen.DAST10Options{})
	require.NoError(t, err)
	checkResult(t, r.Result)
	assert.False(t, r.Complete)
	assert.Equal(t, 3, r.Score)
	assert.True(t, r.Positive)
	r, err = screen.ScoreDAST10(a, screen.DAST10Options{Missing: screen.MissingAsZero})
	require.NoError(t, err)
	assert.Equal(t, screen.BandModerate, r.Band)
	_, err = screen.ScoreDAST10(a, screen.DAST10Options{Missing: screen.MissingReject})
	requireField(t, err, "answers.q4", screen.ErrUnanswered)
	requireField(t, err, "answers.q10", screen.ErrUnanswered)
}

func TestScoreDAST10Errors(t *testing.T) {
	a := dast(t, "NNYNNNNNNN")
	a.Q3 = "1"
	a.Q10 = "true"
	_, err := screen.ScoreDAST10(a, screen.DAST10Options{})
	requireField(t, err, "answers.q3", screen.ErrUnknownYesNo)
	requireField(t, err, "answers.q10", screen.ErrUnknownYesNo)

	ok := dast(t, "NNYNNNNNNN")
	for path, b := range map[string]screen.DASTBands{
		"options.bands":      {Name: "x", Low: 1, Moderate: 3, Substantial: 3, Severe: 9},
		"options.bands.name": {Low: 1, Moderate: 3, Substantial: 6, Severe: 9},
	} {
		_, err := screen.ScoreDAST10(ok, screen.DAST10Options{Bands: b})
		require.ErrorIs(t, err, intervention.ErrInvalid)
		requireField(t, err, path, intervention.ErrInvalid)
	}
	_, err = screen.ScoreDAST10(ok, screen.DAST10Options{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
}

func TestScoreDAST10CustomBands(t *testing.T) {
	// reference: instruments.md §10 D10 — bands are data; Skinner is the default.
	assert.Equal(t, screen.DASTBands{Name: "skinner-dast-10", Low: 1, Moderate: 3, Substantial: 6, Severe: 9}, screen.SkinnerDASTBands())
	b := screen.DASTBands{Name: "strict", Low: 1, Moderate: 2, Substantial: 4, Severe: 8}
	r, err := screen.ScoreDAST10(dast(t, "YNYNNNNNNN"), screen.DAST10Options{Bands: b}) // 1
	require.NoError(t, err)
	assert.Equal(t, screen.BandLow, r.Band)
	r, err = screen.ScoreDAST10(dast(t, "YYYNNNNNNN"), screen.DAST10Options{Bands: b}) // 2
	require.NoError(t, err)
	assert.Equal(t, screen.BandModerate, r.Band)
	assert.Equal(t, "strict", r.Rule)
}
