package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestScoreAUDITVectors(t *testing.T) {
	tests := []struct {
		name      string
		scores    [10]int
		total     int
		band      screen.Band
		action    screen.Action
		positive  bool
		escalated bool
	}{
		// reference: V1
		{"V1 all zero", [10]int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, screen.BandZoneI, screen.ActionEducation, false, false},
		// reference: V2
		{"V2 zone I upper boundary", [10]int{3, 2, 2, 0, 0, 0, 0, 0, 0, 0}, 7, screen.BandZoneI, screen.ActionEducation, false, false},
		// reference: V3
		{"V3 zone II lower boundary", [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, 0}, 8, screen.BandZoneII, screen.ActionSimpleAdvice, true, false},
		// reference: V4
		{"V4 zone II upper boundary, no escalation", [10]int{4, 3, 3, 1, 0, 0, 1, 1, 0, 2}, 15, screen.BandZoneII, screen.ActionSimpleAdvice, true, false},
		// reference: V5
		{"V5 zone III lower boundary", [10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 2}, 16, screen.BandZoneIII, screen.ActionBriefCounselling, true, false},
		// reference: V6
		{"V6 zone III upper boundary", [10]int{4, 4, 3, 1, 0, 0, 2, 1, 2, 2}, 19, screen.BandZoneIII, screen.ActionBriefCounselling, true, false},
		// reference: V7 (catches D1: 20 is zone IV)
		{"V7 zone IV lower boundary", [10]int{4, 4, 4, 1, 0, 0, 2, 1, 2, 2}, 20, screen.BandZoneIV, screen.ActionReferral, true, false},
		// reference: V8
		{"V8 maximum", [10]int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 40, screen.BandZoneIV, screen.ActionReferral, true, false},
		// reference: V9
		{"V9 Q10=4 escalates zone II to the zone III intervention", [10]int{2, 1, 1, 0, 0, 0, 0, 0, 0, 4}, 8, screen.BandZoneII, screen.ActionBriefCounselling, true, true},
		// reference: V12
		{"V12 Q1 never, Q2-Q8 skipped", [10]int{0, skip, skip, skip, skip, skip, skip, skip, 2, 0}, 2, screen.BandZoneI, screen.ActionEducation, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := audit(t, tc.scores)
			r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.total, r.Score)
			assert.Equal(t, tc.band, r.Band)
			assert.Equal(t, tc.action, r.Action)
			assert.Equal(t, tc.positive, r.Positive)
			assert.Equal(t, tc.escalated, r.Escalated)
			assert.True(t, r.Complete)
			assert.Equal(t, a, r.Answers)
			assert.Equal(t, screen.InstrumentAUDIT, r.Instrument)
			assert.Equal(t, "2001", r.Version)
			assert.Equal(t, 40, r.MaxScore)
			assert.Equal(t, "75624-7", r.LOINC) // reference: D16
			assert.Equal(t, "who-2001-zones", r.Rule)
			assert.Equal(t, screen.AUDITEscalationAny, r.Escalation)
			assert.Equal(t, screen.AUDITSkipWHO, r.Skip)
			assert.Equal(t, r.Score, r.Consumption+r.Dependence+r.Problems)
		})
	}
}

// reference: V8
func TestScoreAUDITDomainsAndFlagsAtMaximum(t *testing.T) {
	r, err := screen.ScoreAUDIT(audit(t, [10]int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}), screen.AUDITOptions{})
	require.NoError(t, err)
	assert.Equal(t, [10]int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, r.Points)
	assert.Equal(t, 12, r.Consumption)
	assert.Equal(t, 12, r.Dependence)
	assert.Equal(t, 16, r.Problems)
	// Both clauses hold, but zone IV has no higher intervention.
	assert.True(t, r.Flags.Has(screen.FlagAUDITEscalationQ4Q6))
	assert.True(t, r.Flags.Has(screen.FlagAUDITEscalationQ9Q10))
	assert.True(t, r.Flags.Has(screen.FlagAUDITDependenceSubtotal))
	assert.False(t, r.Escalated)
	assert.Equal(t, screen.ActionReferral, r.Action)
}

// reference: V10 — the test states every configured reading.
func TestScoreAUDITEscalationV10(t *testing.T) {
	a := audit(t, [10]int{2, 1, 1, 2, 0, 0, 0, 0, 0, 0})
	tests := []struct {
		reading   screen.AUDITEscalation
		action    screen.Action
		escalated bool
	}{
		{screen.AUDITEscalationSum, screen.ActionSimpleAdvice, true},
		{screen.AUDITEscalationAny, screen.ActionSimpleAdvice, true},
		{screen.AUDITEscalationEach, screen.ActionEducation, false},
		{screen.AUDITEscalationNone, screen.ActionEducation, false},
		{"", screen.ActionSimpleAdvice, true}, // the default is "any"
	}
	for _, tc := range tests {
		t.Run("reading "+string(tc.reading), func(t *testing.T) {
			r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{Escalation: tc.reading})
			require.NoError(t, err)
			assert.Equal(t, 6, r.Score)
			assert.Equal(t, screen.BandZoneI, r.Band, "escalation never changes the band")
			assert.False(t, r.Positive)
			assert.Equal(t, tc.action, r.Action)
			assert.Equal(t, tc.escalated, r.Escalated)
			want := tc.reading
			if want == "" {
				want = screen.AUDITEscalationAny
			}
			assert.Equal(t, want, r.Escalation, "the reading used is recorded")
		})
	}
}

func TestScoreAUDITEscalationReadings(t *testing.T) {
	base := [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, 0} // 8, zone II
	tests := []struct {
		name       string
		q4, q5, q6 int
		q9, q10    int
		sum        bool
		anyItem    bool
		each       bool
	}{
		{"no dependence items", 0, 0, 0, 0, 0, false, false, false},
		{"one item at 1", 1, 0, 0, 0, 0, false, false, false},
		{"two items at 1 (sum 2)", 1, 1, 0, 0, 0, true, false, false},
		{"one item at 2", 0, 2, 0, 0, 0, true, true, false},
		{"two items at 2", 2, 0, 2, 0, 0, true, true, false},
		{"each item at 2", 2, 2, 2, 0, 0, true, true, true},
		{"Q9 = 4", 0, 0, 0, 4, 0, true, true, true},
		{"Q10 = 4", 0, 0, 0, 0, 4, true, true, true},
		{"Q9 = 2 is not enough", 0, 0, 0, 2, 0, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			s[3], s[4], s[5], s[8], s[9] = tc.q4, tc.q5, tc.q6, tc.q9, tc.q10
			a := audit(t, s)
			for reading, want := range map[screen.AUDITEscalation]bool{
				screen.AUDITEscalationSum:  tc.sum,
				screen.AUDITEscalationAny:  tc.anyItem,
				screen.AUDITEscalationEach: tc.each,
				screen.AUDITEscalationNone: false,
			} {
				r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{Escalation: reading})
				require.NoError(t, err)
				assert.Equal(t, want, r.Escalated, "reading %s", reading)
				if r.Score < 16 && want {
					assert.Equal(t, screen.ActionBriefCounselling, r.Action, "zone II escalates to zone III's intervention")
				}
				harm := tc.q9 == 4 || tc.q10 == 4
				assert.Equal(t, harm && reading != screen.AUDITEscalationNone, r.Flags.Has(screen.FlagAUDITEscalationQ9Q10))
			}
		})
	}
}

func TestScoreAUDITEscalationFromZoneIII(t *testing.T) {
	r, err := screen.ScoreAUDIT(audit(t, [10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 4}), screen.AUDITOptions{}) // 18
	require.NoError(t, err)
	assert.Equal(t, screen.BandZoneIII, r.Band)
	assert.Equal(t, screen.ActionReferral, r.Action)
	assert.True(t, r.Escalated)
}

// auditWithTotal builds answers with the given total. Up to 27 it keeps Q4–Q6
// at most 1 and Q9/Q10 at most 2, so the escalation rule cannot hold; above
// 27 it lowers Q4–Q6 from the maximum.
func auditWithTotal(t *testing.T, total int) screen.AUDITAnswers {
	t.Helper()
	var s [10]int
	if total > 27 {
		s = [10]int{4, 4, 4, 4, 4, 4, 4, 4, 4, 4}
		for i, left := 3, 40-total; left > 0; i++ {
			s[i] -= min(left, 4)
			left -= min(left, 4)
		}
	} else {
		caps := [10]int{4, 4, 4, 1, 1, 1, 4, 4, 2, 2}
		order := []int{8, 9, 0, 1, 2, 3, 4, 5, 6, 7} // Q9/Q10 first: they move in steps of 2
		left := total
		for _, i := range order {
			step := min(left, caps[i])
			if i >= 8 {
				step -= step % 2
			}
			s[i] = step
			left -= step
		}
		require.Zero(t, left)
	}
	a := audit(t, s)
	sum := 0
	for _, p := range a.Points() {
		sum += p
	}
	require.Equal(t, total, sum)
	return a
}

func TestScoreAUDITBoundaryTable(t *testing.T) {
	// reference: instruments.md §1.2 — every total 0–40 and its WHO zone.
	for total := 0; total <= 40; total++ {
		want := screen.BandZoneIV
		switch {
		case total <= 7:
			want = screen.BandZoneI
		case total <= 15:
			want = screen.BandZoneII
		case total <= 19:
			want = screen.BandZoneIII
		}
		r, err := screen.ScoreAUDIT(auditWithTotal(t, total), screen.AUDITOptions{Escalation: screen.AUDITEscalationNone})
		require.NoError(t, err, "total %d", total)
		assert.Equal(t, total, r.Score)
		assert.Equal(t, want, r.Band, "total %d", total)
		assert.Equal(t, total >= 8, r.Positive, "total %d", total)
		checkResult(t, r.Result)
	}
}

func TestScoreAUDITRejectsOutOfRangeAnswers(t *testing.T) {
	// reference: V11 — Q9 accepts only 0, 2 and 4; a "3" is an error, never clamped.
	a := audit(t, [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, 0})
	a.Q9 = "3"
	_, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
	requireField(t, err, "answers.q9", screen.ErrUnknownYearRecency)
	require.ErrorIs(t, err, intervention.ErrUnknownValue)

	a.Q2 = "bogus"
	a.Sex = "x"
	_, err = screen.ScoreAUDIT(a, screen.AUDITOptions{})
	requireField(t, err, "answers.q2", screen.ErrUnknownDrinkQuantity)
	requireField(t, err, "answers.q9", screen.ErrUnknownYearRecency)
	requireField(t, err, "answers.sex", screen.ErrUnknownSex)
	assert.Len(t, intervention.FieldErrors(err), 3, "every problem is reported")
	assert.NotContains(t, err.Error(), "bogus", "no value in messages")
}

func TestScoreAUDITGateContradiction(t *testing.T) {
	a := audit(t, [10]int{0, 0, 3, 0, 2, 0, 0, 0, 0, 0})
	_, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
	requireField(t, err, "answers.q3", screen.ErrContradictsGate)
	requireField(t, err, "answers.q5", screen.ErrContradictsGate)
	require.ErrorIs(t, err, intervention.ErrInconsistent)
}

func TestScoreAUDITSkipPatterns(t *testing.T) {
	tests := []struct {
		name     string
		scores   [10]int
		skip     screen.AUDITSkipRule
		complete bool
		score    int
		flag     bool
	}{
		// reference: V12, §10 D6
		{"Q1 never, Q9/Q10 answered", [10]int{0, skip, skip, skip, skip, skip, skip, skip, 2, 0}, "", true, 2, false},
		{"Q1 never, Q9/Q10 missing (WHO)", [10]int{0, skip, skip, skip, skip, skip, skip, skip, skip, skip}, screen.AUDITSkipWHO, false, 0, false},
		{"Q1 never, Q9/Q10 missing (stop at Q1)", [10]int{0, skip, skip, skip, skip, skip, skip, skip, skip, skip}, screen.AUDITSkipStopAtQ1Never, true, 0, false},
		{"Q1 never, Q9 answered anyway (stop at Q1)", [10]int{0, skip, skip, skip, skip, skip, skip, skip, 2, skip}, screen.AUDITSkipStopAtQ1Never, true, 2, true},
		{"Q2+Q3=0 skips Q4-Q8", [10]int{1, 0, 0, skip, skip, skip, skip, skip, 0, 0}, "", true, 1, false},
		{"Q2+Q3=0, Q4 answered anyway is scored", [10]int{1, 0, 0, 3, skip, skip, skip, skip, 0, 0}, "", true, 4, true},
		{"Q2+Q3>0 requires Q4-Q8", [10]int{1, 1, 0, skip, skip, skip, skip, skip, 0, 0}, "", false, 2, false},
		{"Q1 unanswered", [10]int{skip, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "", false, 0, false},
		{"Q2 unanswered keeps Q4-Q8 required", [10]int{1, skip, 0, skip, skip, skip, skip, skip, 0, 0}, "", false, 1, false},
		{"Q10 unanswered", [10]int{1, 0, 0, skip, skip, skip, skip, skip, 0, skip}, "", false, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := screen.ScoreAUDIT(audit(t, tc.scores), screen.AUDITOptions{Skip: tc.skip})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.complete, r.Complete)
			assert.Equal(t, tc.score, r.Score)
			assert.Equal(t, tc.flag, r.Flags.Has(screen.FlagSkippedItemAnswered))
		})
	}
}

func TestScoreAUDITMissingPolicies(t *testing.T) {
	// V3 without Q10: the answered items already reach 8.
	partial := audit(t, [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, skip})
	// reference: instruments.md §10 D3

	t.Run("incomplete (default)", func(t *testing.T) {
		r, err := screen.ScoreAUDIT(partial, screen.AUDITOptions{})
		require.NoError(t, err)
		checkResult(t, r.Result)
		assert.False(t, r.Complete)
		assert.Equal(t, 8, r.Score, "a lower bound")
		assert.Equal(t, screen.BandIncomplete, r.Band)
		assert.Equal(t, screen.ActionCompleteScreening, r.Action)
		assert.True(t, r.Positive, "8 answered points are positive whatever Q10 says")
		assert.False(t, r.Escalated)
	})
	t.Run("incomplete below the cut-off is not positive", func(t *testing.T) {
		r, err := screen.ScoreAUDIT(audit(t, [10]int{3, 2, 2, 0, 0, 0, 0, 0, 0, skip}), screen.AUDITOptions{})
		require.NoError(t, err)
		assert.False(t, r.Positive)
		assert.Equal(t, screen.BandIncomplete, r.Band)
	})
	t.Run("as zero", func(t *testing.T) {
		r, err := screen.ScoreAUDIT(partial, screen.AUDITOptions{Missing: screen.MissingAsZero})
		require.NoError(t, err)
		checkResult(t, r.Result)
		assert.False(t, r.Complete)
		assert.Equal(t, screen.BandZoneII, r.Band)
		assert.Equal(t, screen.ActionSimpleAdvice, r.Action)
		assert.True(t, r.Flags.Has(screen.FlagMissingScoredZero))
	})
	t.Run("reject names every missing item", func(t *testing.T) {
		_, err := screen.ScoreAUDIT(audit(t, [10]int{3, 2, 2, skip, 0, skip, 1, 0, 0, skip}), screen.AUDITOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.q4", screen.ErrUnanswered)
		requireField(t, err, "answers.q6", screen.ErrUnanswered)
		requireField(t, err, "answers.q10", screen.ErrUnanswered)
		require.ErrorIs(t, err, intervention.ErrMissing)
		assert.Len(t, intervention.FieldErrors(err), 3)
	})
	t.Run("reject accepts a complete skip pattern", func(t *testing.T) {
		r, err := screen.ScoreAUDIT(audit(t, [10]int{0, skip, skip, skip, skip, skip, skip, skip, 2, 0}), screen.AUDITOptions{Missing: screen.MissingReject})
		require.NoError(t, err)
		assert.True(t, r.Complete)
	})
}

func TestScoreAUDITZoneTables(t *testing.T) {
	// reference: instruments.md §10 D5 — a sex-specific locale table as data
	// (the Korean AUDIT edges, M 0–4/5–14/15–19/20+, W 0–3/4–12/13–19/20+).
	kr := screen.AUDITZones{Name: "kr", Male: [3]int{5, 15, 20}, Female: [3]int{4, 13, 20}}
	require.NoError(t, kr.Validate())
	a := audit(t, [10]int{2, 1, 1, 0, 0, 0, 0, 0, 0, 0}) // 4
	tests := []struct {
		sex  screen.Sex
		band screen.Band
		flag bool
	}{
		{screen.SexMale, screen.BandZoneI, false},
		{screen.SexFemale, screen.BandZoneII, false},
		{screen.SexOther, screen.BandZoneII, true},
		{"", screen.BandZoneII, true},
	}
	for _, tc := range tests {
		t.Run("sex "+string(tc.sex), func(t *testing.T) {
			a.Sex = tc.sex
			r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{Zones: kr})
			require.NoError(t, err)
			assert.Equal(t, tc.band, r.Band)
			assert.Equal(t, "kr", r.Rule)
			assert.Equal(t, tc.flag, r.Flags.Has(screen.FlagDefaultSexCutoff))
		})
	}
	t.Run("WHO table ignores sex", func(t *testing.T) {
		a.Sex = ""
		r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{Zones: screen.WHOAUDITZones()})
		require.NoError(t, err)
		assert.Equal(t, screen.BandZoneI, r.Band)
		assert.False(t, r.Flags.Has(screen.FlagDefaultSexCutoff))
	})
	assert.Equal(t, screen.AUDITZones{Name: "who-2001-zones", Male: [3]int{8, 16, 20}, Female: [3]int{8, 16, 20}}, screen.WHOAUDITZones())
}

func TestScoreAUDITRejectsBadOptions(t *testing.T) {
	a := audit(t, [10]int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	tests := []struct {
		name string
		opts screen.AUDITOptions
		path string
		rule error
	}{
		{"zones not increasing", screen.AUDITOptions{Zones: screen.AUDITZones{Name: "x", Male: [3]int{8, 8, 20}, Female: [3]int{8, 16, 20}}}, "options.zones.male", screen.ErrCutoffs},
		{"zone edge above 40", screen.AUDITOptions{Zones: screen.AUDITZones{Name: "x", Male: [3]int{8, 16, 20}, Female: [3]int{8, 16, 41}}}, "options.zones.female", screen.ErrCutoffs},
		{"zone edge 0", screen.AUDITOptions{Zones: screen.AUDITZones{Name: "x", Male: [3]int{0, 16, 20}, Female: [3]int{8, 16, 20}}}, "options.zones.male", screen.ErrCutoffs},
		{"zones unnamed", screen.AUDITOptions{Zones: screen.AUDITZones{Male: [3]int{8, 16, 20}, Female: [3]int{8, 16, 20}}}, "options.zones.name", intervention.ErrMissing},
		{"unknown escalation", screen.AUDITOptions{Escalation: "most"}, "options.escalation", screen.ErrUnknownAUDITEscalation},
		{"unknown skip", screen.AUDITOptions{Skip: "never"}, "options.skip", screen.ErrUnknownAUDITSkipRule},
		{"unknown missing policy", screen.AUDITOptions{Missing: "ignore"}, "options.missing", screen.ErrUnknownMissingPolicy},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := screen.ScoreAUDIT(a, tc.opts)
			requireField(t, err, tc.path, tc.rule)
		})
	}
}

func TestAUDITAnswersAUDITC(t *testing.T) {
	a := audit(t, [10]int{3, 0, 0, 1, 1, 1, 1, 1, 2, 2})
	a.Sex = screen.SexFemale
	c := a.AUDITC()
	assert.Equal(t, screen.AUDITCAnswers{Sex: screen.SexFemale, Q1: a.Q1, Q2: a.Q2, Q3: a.Q3}, c)
	r, err := screen.ScoreAUDITC(c, screen.AUDITCOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, r.Score)
}

func TestAnswerPoints(t *testing.T) {
	// reference: instruments.md §1.1
	for i, v := range screen.DrinkFrequencies() {
		assert.Equal(t, i, v.Points())
	}
	for i, v := range screen.DrinkQuantities() {
		assert.Equal(t, i, v.Points())
	}
	for i, v := range screen.Frequencies() {
		assert.Equal(t, i, v.Points())
	}
	assert.Equal(t, []int{0, 2, 4}, []int{screen.YearRecencyNo.Points(), screen.YearRecencyBeforeLastYear.Points(), screen.YearRecencyLastYear.Points()})
	assert.Equal(t, 0, screen.YearRecency("3").Points())
	assert.Equal(t, 0, screen.DrinkFrequency("").Points())
}
