package screen_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// Short names for ASSIST answers in the tables.
const (
	never   = screen.UseFrequencyNever
	once    = screen.UseFrequencyOnceOrTwice
	monthly = screen.UseFrequencyMonthly
	weekly  = screen.UseFrequencyWeekly
	daily   = screen.UseFrequencyDaily
	no      = screen.QuarterRecencyNo
	earlier = screen.QuarterRecencyEarlier
	recent  = screen.QuarterRecencyPast3Months
)

// used returns answers for a substance ever used.
func used(s screen.Substance, q2, q3, q4, q5 screen.UseFrequency, q6, q7 screen.QuarterRecency) screen.ASSISTSubstanceAnswers {
	return screen.ASSISTSubstanceAnswers{Substance: s, Q1: screen.Yes, Q2: q2, Q3: q3, Q4: q4, Q5: q5, Q6: q6, Q7: q7}
}

func TestScoreASSISTVectors(t *testing.T) {
	tests := []struct {
		name   string
		a      screen.ASSISTSubstanceAnswers
		ssis   int
		max    int
		band   screen.Band
		action screen.Action
	}{
		// reference: V31
		{"V31 alcohol low upper boundary", used(screen.SubstanceAlcohol, weekly, once, never, never, earlier, no), 10, 39, screen.BandLow, screen.ActionUsualCare},
		// reference: V32
		{"V32 alcohol moderate lower boundary", used(screen.SubstanceAlcohol, weekly, monthly, never, never, earlier, no), 11, 39, screen.BandModerate, screen.ActionBriefIntervention},
		// reference: V33 (Q3–Q5 skipped after Q2 = never)
		{"V33 cannabis low upper boundary", used(screen.SubstanceCannabis, never, "", "", "", earlier, no), 3, 39, screen.BandLow, screen.ActionUsualCare},
		// reference: V34 (catches D12: 4 is moderate for cannabis)
		{"V34 cannabis moderate lower boundary", used(screen.SubstanceCannabis, weekly, never, never, never, no, no), 4, 39, screen.BandModerate, screen.ActionBriefIntervention},
		// reference: V34 — the same number is low for alcohol
		{"V34 same answers, alcohol", used(screen.SubstanceAlcohol, weekly, never, never, never, no, no), 4, 39, screen.BandLow, screen.ActionUsualCare},
		// reference: V35 (Q5 supplied for tobacco is ignored; 30 would be high)
		{"V35 tobacco without Q5", used(screen.SubstanceTobacco, daily, daily, monthly, weekly, recent, no), 23, 31, screen.BandModerate, screen.ActionBriefIntervention},
		// reference: V36
		{"V36 cocaine moderate upper boundary", used(screen.SubstanceCocaine, weekly, weekly, weekly, once, recent, no), 26, 39, screen.BandModerate, screen.ActionBriefIntervention},
		// reference: V37
		{"V37 cocaine high lower boundary", used(screen.SubstanceCocaine, weekly, weekly, weekly, monthly, recent, no), 27, 39, screen.BandHigh, screen.ActionBriefInterventionReferral},
		// reference: V38
		{"V38 tobacco maximum", used(screen.SubstanceTobacco, daily, daily, daily, daily, recent, recent), 31, 31, screen.BandHigh, screen.ActionBriefInterventionReferral},
		// reference: V38
		{"V38 alcohol maximum", used(screen.SubstanceAlcohol, daily, daily, daily, daily, recent, recent), 39, 39, screen.BandHigh, screen.ActionBriefInterventionReferral},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := screen.ScoreASSISTSubstance(tc.a, screen.ASSISTOptions{Missing: screen.MissingReject})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.ssis, r.Score)
			assert.Equal(t, tc.max, r.MaxScore)
			assert.Equal(t, tc.band, r.Band)
			assert.Equal(t, tc.action, r.Action)
			assert.Equal(t, tc.band != screen.BandLow, r.Positive)
			assert.True(t, r.Complete)
			assert.Equal(t, tc.a.Substance, r.Substance)
			assert.Equal(t, tc.a, r.Answers)
			assert.Equal(t, screen.InstrumentASSIST, r.Instrument)
			assert.Equal(t, "assist-v3-bands", r.Rule)
			assert.Empty(t, r.LOINC)
			sum := 0
			for _, p := range r.Points {
				sum += p
			}
			assert.Equal(t, r.Score, sum)
		})
	}
}

// reference: V35
func TestScoreASSISTTobaccoQ5(t *testing.T) {
	r, err := screen.ScoreASSISTSubstance(used(screen.SubstanceTobacco, daily, daily, monthly, weekly, recent, no), screen.ASSISTOptions{})
	require.NoError(t, err)
	assert.True(t, r.Flags.Has(screen.FlagASSISTTobaccoQ5Ignored))
	assert.Equal(t, 0, r.Points[3])
	r, err = screen.ScoreASSISTSubstance(used(screen.SubstanceTobacco, daily, daily, monthly, "", recent, no), screen.ASSISTOptions{Missing: screen.MissingReject})
	require.NoError(t, err, "Q5 is not required for tobacco")
	assert.Equal(t, 23, r.Score)
	assert.False(t, r.Flags.Has(screen.FlagASSISTTobaccoQ5Ignored))
}

func TestASSISTWeights(t *testing.T) {
	// reference: instruments.md §4.1 (Table 1 of PMC4983530).
	want := map[int][5]int{2: {0, 2, 3, 4, 6}, 3: {0, 3, 4, 5, 6}, 4: {0, 4, 5, 6, 7}, 5: {0, 5, 6, 7, 8}}
	for q, weights := range want {
		for i, f := range screen.UseFrequencies() {
			a := screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceCannabis, Q1: screen.Yes}
			switch q {
			case 2:
				a.Q2 = f
			case 3:
				a.Q3 = f
			case 4:
				a.Q4 = f
			case 5:
				a.Q5 = f
			}
			assert.Equal(t, weights[i], a.Points()[q-2], "Q%d %s", q, f)
		}
	}
	for i, r := range screen.QuarterRecencies() {
		a := screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceCannabis, Q6: r, Q7: r}
		assert.Equal(t, [6]int{0, 0, 0, 0, 3 * i, 3 * i}, a.Points())
	}
}

// ssisAnswers finds answers of a used substance with the given SSIS, or
// reports false when no combination has it.
func ssisAnswers(s screen.Substance, ssis int) (screen.ASSISTSubstanceAnswers, bool) {
	fs, rs := screen.UseFrequencies(), screen.QuarterRecencies()
	for _, q2 := range fs[1:] {
		for _, q3 := range fs {
			for _, q4 := range fs {
				for _, q5 := range fs {
					for _, q6 := range rs {
						for _, q7 := range rs {
							a := used(s, q2, q3, q4, q5, q6, q7)
							if s == screen.SubstanceTobacco {
								a.Q5 = ""
							}
							sum := 0
							for _, p := range a.Points() {
								sum += p
							}
							if sum == ssis {
								return a, true
							}
						}
					}
				}
			}
		}
	}
	return screen.ASSISTSubstanceAnswers{}, false
}

func TestScoreASSISTBoundaryTable(t *testing.T) {
	// reference: instruments.md §4.2 — alcohol 0–10/11–26/27+, others
	// 0–3/4–26/27+; each edge and its neighbour.
	tests := []struct {
		substance screen.Substance
		ssis      int
		band      screen.Band
	}{
		{screen.SubstanceAlcohol, 10, screen.BandLow},
		{screen.SubstanceAlcohol, 11, screen.BandModerate},
		{screen.SubstanceAlcohol, 26, screen.BandModerate},
		{screen.SubstanceAlcohol, 27, screen.BandHigh},
		{screen.SubstanceCannabis, 3, screen.BandLow},
		{screen.SubstanceCannabis, 4, screen.BandModerate},
		{screen.SubstanceCannabis, 26, screen.BandModerate},
		{screen.SubstanceCannabis, 27, screen.BandHigh},
		{screen.SubstanceTobacco, 3, screen.BandLow},
		{screen.SubstanceTobacco, 4, screen.BandModerate},
		{screen.SubstanceTobacco, 26, screen.BandModerate},
		{screen.SubstanceTobacco, 27, screen.BandHigh},
		{screen.SubstanceOpioids, 39, screen.BandHigh},
	}
	for _, tc := range tests {
		a, ok := ssisAnswers(tc.substance, tc.ssis)
		require.True(t, ok, "%s %d", tc.substance, tc.ssis)
		r, err := screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{})
		require.NoError(t, err)
		assert.Equal(t, tc.ssis, r.Score)
		assert.Equal(t, tc.band, r.Band, "%s %d", tc.substance, tc.ssis)
	}
	// Every reachable SSIS of every substance stays in range and in its band.
	for _, s := range screen.Substances() {
		lowTop, maxScore := 3, 39
		if s == screen.SubstanceAlcohol {
			lowTop = 10
		}
		if s == screen.SubstanceTobacco {
			maxScore = 31
		}
		for ssis := 2; ssis <= maxScore; ssis++ {
			a, ok := ssisAnswers(s, ssis)
			if !ok {
				continue
			}
			r, err := screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			want := screen.BandHigh
			if ssis <= lowTop {
				want = screen.BandLow
			} else if ssis <= 26 {
				want = screen.BandModerate
			}
			assert.Equal(t, want, r.Band, "%s %d", s, ssis)
		}
	}
}

func TestScoreASSISTSubstanceSkipsAndErrors(t *testing.T) {
	t.Run("never used: nothing else required", func(t *testing.T) {
		r, err := screen.ScoreASSISTSubstance(screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceInhalants, Q1: screen.No}, screen.ASSISTOptions{Missing: screen.MissingReject})
		require.NoError(t, err)
		assert.Equal(t, 0, r.Score)
		assert.Equal(t, screen.BandLow, r.Band)
		assert.True(t, r.Complete)
	})
	t.Run("never used contradicted", func(t *testing.T) {
		a := screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceInhalants, Q1: screen.No, Q2: weekly, Q6: earlier, Q7: no}
		_, err := screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{})
		requireField(t, err, "answers.q2", screen.ErrContradictsGate)
		requireField(t, err, "answers.q6", screen.ErrContradictsGate)
		assert.Len(t, intervention.FieldErrors(err), 2)
	})
	t.Run("Q2 never, Q3 answered anyway is scored and flagged", func(t *testing.T) {
		r, err := screen.ScoreASSISTSubstance(used(screen.SubstanceCannabis, never, weekly, "", "", no, no), screen.ASSISTOptions{})
		require.NoError(t, err)
		assert.Equal(t, 5, r.Score)
		assert.True(t, r.Complete)
		assert.True(t, r.Flags.Has(screen.FlagSkippedItemAnswered))
	})
	t.Run("missing items", func(t *testing.T) {
		a := used(screen.SubstanceCocaine, weekly, "", weekly, weekly, recent, "")
		r, err := screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{})
		require.NoError(t, err)
		checkResult(t, r.Result)
		assert.False(t, r.Complete)
		assert.Equal(t, 23, r.Score)
		_, err = screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.q3", screen.ErrUnanswered)
		requireField(t, err, "answers.q7", screen.ErrUnanswered)
		r, err = screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{Missing: screen.MissingAsZero})
		require.NoError(t, err)
		assert.Equal(t, screen.BandModerate, r.Band)
		_, err = screen.ScoreASSISTSubstance(screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceCocaine}, screen.ASSISTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.q1", screen.ErrUnanswered)
	})
	t.Run("unknown answers and substance", func(t *testing.T) {
		_, err := screen.ScoreASSISTSubstance(screen.ASSISTSubstanceAnswers{Substance: "khat", Q1: "y", Q2: "often", Q5: "1", Q6: "sometimes", Q7: "x"}, screen.ASSISTOptions{})
		requireField(t, err, "answers.substance", screen.ErrUnknownSubstance)
		requireField(t, err, "answers.q1", screen.ErrUnknownYesNo)
		requireField(t, err, "answers.q2", screen.ErrUnknownUseFrequency)
		requireField(t, err, "answers.q5", screen.ErrUnknownUseFrequency)
		requireField(t, err, "answers.q6", screen.ErrUnknownQuarterRecency)
		requireField(t, err, "answers.q7", screen.ErrUnknownQuarterRecency)
		_, err = screen.ScoreASSISTSubstance(screen.ASSISTSubstanceAnswers{Q1: screen.No}, screen.ASSISTOptions{})
		requireField(t, err, "answers.substance", intervention.ErrMissing)
	})
}

// fullASSIST returns answers for all ten substances: alcohol and cannabis
// used, the rest never.
func fullASSIST() screen.ASSISTAnswers {
	var a screen.ASSISTAnswers
	for _, s := range screen.Substances() {
		a.Substances = append(a.Substances, screen.ASSISTSubstanceAnswers{Substance: s, Q1: screen.No})
	}
	a.Substances[1] = used(screen.SubstanceAlcohol, weekly, monthly, never, never, earlier, no) // 11 moderate
	a.Substances[2] = used(screen.SubstanceCannabis, never, "", "", "", earlier, no)            // 3 low
	a.Q8 = screen.QuarterRecencyNo
	return a
}

func TestScoreASSISTReport(t *testing.T) {
	rep, err := screen.ScoreASSIST(fullASSIST(), screen.ASSISTOptions{Missing: screen.MissingReject})
	require.NoError(t, err)
	require.Len(t, rep.Results(), 10)
	assert.True(t, rep.Complete)
	assert.Equal(t, screen.InstrumentASSIST, rep.Instrument)
	assert.Equal(t, "3.1", rep.Version)
	assert.Equal(t, "assist-v3-bands", rep.Rule)
	assert.Zero(t, rep.Flags)
	for i, sr := range rep.Results() {
		checkResult(t, sr.Result)
		assert.Equal(t, screen.Substances()[i], sr.Substance, "Substances() order")
	}
	alc, ok := rep.Substance(screen.SubstanceAlcohol)
	require.True(t, ok)
	assert.Equal(t, 11, alc.Score)
	assert.Equal(t, screen.BandModerate, alc.Band)
	sum := rep.Summary()
	assert.Equal(t, alc.Result, sum, "the summary is the highest-risk substance")
	checkResult(t, sum)
	var s screen.Scored = rep
	assert.Equal(t, sum, s.Summary())
}

func TestScoreASSISTReportOrderAndIteration(t *testing.T) {
	a := fullASSIST()
	a.Substances[0], a.Substances[9] = a.Substances[9], a.Substances[0]
	a.Substances[1], a.Substances[2] = a.Substances[2], a.Substances[1]
	rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
	require.NoError(t, err)
	var order []screen.Substance
	for s, sr := range rep.All() {
		assert.Equal(t, s, sr.Substance)
		order = append(order, s)
	}
	assert.Equal(t, screen.Substances(), order, "results come in Substances() order whatever the input order")
	n := 0
	for range rep.All() {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	_, ok := rep.Substance("bogus")
	assert.False(t, ok)
}

func TestASSISTReportJSONErrors(t *testing.T) {
	for _, in := range []string{
		`{"substances":[{"substance":"khat"}]}`,
		`{"substances":[{"substance":"alcohol"},{"substance":"alcohol"}]}`,
		`{"substances":3}`,
	} {
		rep := screen.ASSISTReport{Version: "x"}
		require.Error(t, json.Unmarshal([]byte(in), &rep), in)
		assert.Equal(t, "x", rep.Version, "unchanged on error")
	}
}

func TestScoreASSISTReportCompleteness(t *testing.T) {
	t.Run("a substance left out", func(t *testing.T) {
		a := fullASSIST()
		a.Substances = a.Substances[:9]
		rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
		require.NoError(t, err)
		assert.False(t, rep.Complete)
		assert.True(t, rep.Flags.Has(screen.FlagIncomplete))
		assert.False(t, rep.Summary().Complete)
		_, ok := rep.Substance(screen.SubstanceOther)
		assert.False(t, ok)
		_, err = screen.ScoreASSIST(a, screen.ASSISTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.substances", screen.ErrUnanswered)
	})
	t.Run("Q8 unanswered after use", func(t *testing.T) {
		a := fullASSIST()
		a.Q8 = ""
		rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
		require.NoError(t, err)
		assert.False(t, rep.Complete)
		_, err = screen.ScoreASSIST(a, screen.ASSISTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.q8", screen.ErrUnanswered)
	})
	t.Run("Q8 not asked when nothing was ever used", func(t *testing.T) {
		a := fullASSIST()
		for i := range a.Substances {
			a.Substances[i] = screen.ASSISTSubstanceAnswers{Substance: a.Substances[i].Substance, Q1: screen.No}
		}
		a.Q8 = ""
		rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{Missing: screen.MissingReject})
		require.NoError(t, err)
		assert.True(t, rep.Complete)
		assert.Equal(t, screen.BandLow, rep.Summary().Band)
		a.Q8 = recent
		_, err = screen.ScoreASSIST(a, screen.ASSISTOptions{})
		requireField(t, err, "answers.q8", screen.ErrContradictsGate)
	})
	t.Run("a substance item unanswered", func(t *testing.T) {
		a := fullASSIST()
		a.Substances[1].Q7 = ""
		rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
		require.NoError(t, err)
		assert.False(t, rep.Complete)
		assert.Equal(t, screen.BandIncomplete, rep.Summary().Band, "incomplete outranks low")
		_, err = screen.ScoreASSIST(a, screen.ASSISTOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.substances[1].q7", screen.ErrUnanswered)
	})
	t.Run("no substances", func(t *testing.T) {
		rep, err := screen.ScoreASSIST(screen.ASSISTAnswers{}, screen.ASSISTOptions{})
		require.NoError(t, err)
		sum := rep.Summary()
		checkResult(t, sum)
		assert.Equal(t, screen.BandIncomplete, sum.Band)
		assert.False(t, sum.Complete)
	})
}

func TestScoreASSISTReportErrors(t *testing.T) {
	a := fullASSIST()
	a.Substances[3] = screen.ASSISTSubstanceAnswers{Substance: screen.SubstanceAlcohol, Q1: screen.No}
	a.Substances[5].Q2 = weekly
	a.Q8 = "often"
	a.InjectionDaysPerMonth = screen.CountOf(32)
	_, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
	requireField(t, err, "answers.substances[3].substance", intervention.ErrDuplicate)
	requireField(t, err, "answers.substances[5].q2", screen.ErrContradictsGate)
	requireField(t, err, "answers.q8", screen.ErrUnknownQuarterRecency)
	requireField(t, err, "answers.injectionDaysPerMonth", screen.ErrCountOutOfRange)

	a = fullASSIST()
	a.InjectionDaysPerMonth = screen.CountOf(2)
	_, err = screen.ScoreASSIST(a, screen.ASSISTOptions{})
	requireField(t, err, "answers.injectionDaysPerMonth", screen.ErrContradictsGate)

	for path, o := range map[string]screen.ASSISTOptions{
		"options.bands.alcohol":         {Bands: screen.ASSISTBands{Name: "x", AlcoholModerate: 27, AlcoholHigh: 11, OtherModerate: 4, OtherHigh: 27}},
		"options.bands.other":           {Bands: screen.ASSISTBands{Name: "x", AlcoholModerate: 11, AlcoholHigh: 27, OtherModerate: 4, OtherHigh: 40}},
		"options.bands.name":            {Bands: screen.ASSISTBands{AlcoholModerate: 11, AlcoholHigh: 27, OtherModerate: 4, OtherHigh: 27}},
		"options.injectionBriefMaxDays": {InjectionBriefMaxDays: 32},
		"options.missing":               {Missing: "x"},
	} {
		_, err := screen.ScoreASSIST(fullASSIST(), o)
		requireField(t, err, path, intervention.ErrInvalid)
		_, err = screen.ScoreASSISTSubstance(fullASSIST().Substances[1], o)
		requireField(t, err, path, intervention.ErrInvalid)
	}
}

func TestScoreASSISTInjection(t *testing.T) {
	// reference: instruments.md §4.2 — Q8 is reported on its own, never
	// summed; the injecting-frequency rule is UNVERIFIED and off by default.
	a := fullASSIST()
	a.Q8 = recent
	rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
	require.NoError(t, err)
	assert.True(t, rep.Flags.Has(screen.FlagASSISTInjectedRecently))
	assert.Empty(t, rep.InjectionAction)
	alc, _ := rep.Substance(screen.SubstanceAlcohol)
	assert.Equal(t, 11, alc.Score, "Q8 never adds to any SSIS")
	assert.True(t, rep.Summary().Flags.Has(screen.FlagASSISTInjectedRecently))

	tests := []struct {
		name   string
		days   screen.Count
		action screen.Action
	}{
		{"4 days a month", screen.CountOf(4), screen.ActionBriefIntervention},
		{"5 days a month", screen.CountOf(5), screen.ActionFurtherAssessment},
		{"days unknown", screen.Count{}, screen.ActionFurtherAssessment},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a.InjectionDaysPerMonth = tc.days
			rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{InjectionBriefMaxDays: 4})
			require.NoError(t, err)
			assert.Equal(t, tc.action, rep.InjectionAction)
			assert.Equal(t, tc.days, rep.InjectionDaysPerMonth)
		})
	}
	a = fullASSIST()
	a.Q8 = earlier
	rep, err = screen.ScoreASSIST(a, screen.ASSISTOptions{InjectionBriefMaxDays: 4})
	require.NoError(t, err)
	assert.False(t, rep.Flags.Has(screen.FlagASSISTInjectedRecently))
	assert.Empty(t, rep.InjectionAction)
	assert.Equal(t, earlier, rep.Injection)
}

func TestDefaultASSISTBands(t *testing.T) {
	assert.Equal(t, screen.ASSISTBands{Name: "assist-v3-bands", AlcoholModerate: 11, AlcoholHigh: 27, OtherModerate: 4, OtherHigh: 27}, screen.DefaultASSISTBands())
	custom := screen.ASSISTBands{Name: "strict", AlcoholModerate: 8, AlcoholHigh: 20, OtherModerate: 2, OtherHigh: 20}
	r, err := screen.ScoreASSISTSubstance(used(screen.SubstanceAlcohol, weekly, never, never, never, no, recent), screen.ASSISTOptions{Bands: custom})
	require.NoError(t, err)
	assert.Equal(t, 10, r.Score)
	assert.Equal(t, screen.BandModerate, r.Band)
	assert.Equal(t, "strict", r.Rule)
}
