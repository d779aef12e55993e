package screen_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func TestDecodeAUDITAnswersStrict(t *testing.T) {
	tests := []struct {
		name string
		json string
		path string
		rule error
	}{
		// reference: V11 — a raw option score is not an answer.
		{"V11 Q9 as the number 3", `{"q9":3}`, "q9", screen.ErrUnknownYearRecency},
		// reference: V11
		{"V11 Q9 as the text 3", `{"q9":"3"}`, "q9", screen.ErrUnknownYearRecency},
		// reference: instruments.md §10 D4 — raw option ids are rejected too.
		{"Q1 as an option id", `{"q1":1}`, "q1", screen.ErrUnknownDrinkFrequency},
		{"empty string", `{"q2":""}`, "q2", screen.ErrUnknownDrinkQuantity},
		{"unknown key", `{"q11":"no"}`, "", screen.ErrUnknownField},
		{"key case differs", `{"Q9":"no"}`, "", screen.ErrUnknownField},
		{"odd key is not echoed", `{"q 9!":"no"}`, "", screen.ErrUnknownField},
		{"repeated key", `{"q1":"never","q1":"never"}`, "", intervention.ErrDuplicateKey},
		{"unknown sex", `{"sex":"M"}`, "sex", screen.ErrUnknownSex},
		{"an object for an enum", `{"q3":{}}`, "q3", screen.ErrUnknownFrequency},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := screen.AUDITAnswers{Q1: screen.DrinkFrequencyNever}
			dst := start
			err := json.Unmarshal([]byte(tc.json), &dst)
			requireField(t, err, tc.path, tc.rule)
			assert.Equal(t, start, dst, "unchanged on error")
		})
	}
	t.Run("malformed", func(t *testing.T) {
		for _, in := range []string{`[]`, `"q1"`, `3`} {
			var a screen.AUDITAnswers
			require.ErrorIs(t, json.Unmarshal([]byte(in), &a), screen.ErrMalformedJSON, in)
		}
		var a screen.AUDITAnswers
		require.ErrorIs(t, a.UnmarshalJSON([]byte(`{"q1":"never"} {}`)), screen.ErrMalformedJSON)
		require.ErrorIs(t, a.UnmarshalJSON([]byte(`{"q1" "never"}`)), screen.ErrMalformedJSON)
		require.ErrorIs(t, a.UnmarshalJSON([]byte(`{"q1":}`)), screen.ErrMalformedJSON)
	})
	t.Run("every problem at once", func(t *testing.T) {
		var a screen.AUDITAnswers
		err := json.Unmarshal([]byte(`{"q1":"daily","q9":4,"extra":true}`), &a)
		assert.Len(t, intervention.FieldErrors(err), 3)
	})
	t.Run("null is a no-op and null fields are unanswered", func(t *testing.T) {
		a := screen.AUDITAnswers{Q1: screen.DrinkFrequencyNever}
		require.NoError(t, json.Unmarshal([]byte(`null`), &a))
		assert.Equal(t, screen.DrinkFrequencyNever, a.Q1)
		require.NoError(t, json.Unmarshal([]byte(`{"q1":"monthly-or-less","q2":null}`), &a))
		assert.Equal(t, screen.AUDITAnswers{Q1: screen.DrinkFrequencyMonthlyOrLess}, a)
	})
}

func TestDecodeOtherAnswersStrict(t *testing.T) {
	tests := []struct {
		name string
		dst  any
		json string
		path string
		rule error
	}{
		{"AUDIT-C unknown key", &screen.AUDITCAnswers{}, `{"q4":"never"}`, "", screen.ErrUnknownField},
		{"AUDIT-C Q3", &screen.AUDITCAnswers{}, `{"q3":2}`, "q3", screen.ErrUnknownFrequency},
		{"DAST boolean", &screen.DAST10Answers{}, `{"q3":true}`, "q3", screen.ErrUnknownYesNo},
		{"DAST pre-reversed code", &screen.DAST10Answers{}, `{"q3":1}`, "q3", screen.ErrUnknownYesNo},
		{"CRAFFT days as text", &screen.CRAFFTAnswers{}, `{"alcoholDays":"5"}`, "alcoholDays", screen.ErrMalformedJSON},
		{"CRAFFT days fractional", &screen.CRAFFTAnswers{}, `{"otherDays":1.5}`, "otherDays", screen.ErrMalformedJSON},
		{"CRAFFT part B", &screen.CRAFFTAnswers{}, `{"car":"Y"}`, "car", screen.ErrUnknownYesNo},
		{"ASSIST substances not a list", &screen.ASSISTAnswers{}, `{"substances":{}}`, "substances", screen.ErrMalformedJSON},
		{"ASSIST nested answer", &screen.ASSISTAnswers{}, `{"substances":[{"substance":"alcohol"},{"substance":"cocaine","q2":4}]}`, "substances[1].q2", screen.ErrUnknownUseFrequency},
		{"ASSIST nested not an object", &screen.ASSISTAnswers{}, `{"substances":[3]}`, "substances[0]", screen.ErrMalformedJSON},
		{"ASSIST Q8", &screen.ASSISTAnswers{}, `{"q8":"yes"}`, "q8", screen.ErrUnknownQuarterRecency},
		{"ASSIST injection days", &screen.ASSISTAnswers{}, `{"injectionDaysPerMonth":"4"}`, "injectionDaysPerMonth", screen.ErrMalformedJSON},
		{"ASSIST substance", &screen.ASSISTSubstanceAnswers{}, `{"substance":"meth"}`, "substance", screen.ErrUnknownSubstance},
		{"ASSIST Q6", &screen.ASSISTSubstanceAnswers{}, `{"q6":6}`, "q6", screen.ErrUnknownQuarterRecency},
		{"NIAAA times", &screen.NIAAAAnswers{}, `{"times":"1"}`, "times", screen.ErrMalformedJSON},
		{"NIAAA drinks", &screen.NIAAAAnswers{}, `{"drinks":4.5}`, "drinks", screen.ErrMalformedJSON},
		{"CAGE", &screen.CAGEAnswers{}, `{"eyeOpener":"YES"}`, "eyeOpener", screen.ErrUnknownYesNo},
		{"CAGE key", &screen.CAGEAnswers{}, `{"c":"yes"}`, "", screen.ErrUnknownField},
		{"Quick Screen", &screen.QuickScreenAnswers{}, `{"alcohol":"less-than-monthly"}`, "alcohol", screen.ErrUnknownUseFrequency},
		{"TAPS-1", &screen.TAPS1Answers{}, `{"illicit":"once-or-twice"}`, "illicit", screen.ErrUnknownFrequency},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			requireField(t, json.Unmarshal([]byte(tc.json), tc.dst), tc.path, tc.rule)
		})
	}
	nulls := []any{&screen.AUDITCAnswers{}, &screen.DAST10Answers{}, &screen.CRAFFTAnswers{}, &screen.ASSISTAnswers{},
		&screen.ASSISTSubstanceAnswers{}, &screen.NIAAAAnswers{}, &screen.CAGEAnswers{}, &screen.QuickScreenAnswers{}, &screen.TAPS1Answers{}}
	for _, dst := range nulls {
		require.NoError(t, json.Unmarshal([]byte(`null`), dst))
		require.ErrorIs(t, json.Unmarshal([]byte(`[]`), dst), screen.ErrMalformedJSON)
	}
}

// roundTrip marshals v, decodes it into a fresh T and checks equality.
func roundTrip[T any](t *testing.T, v T) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), string(b))
	assert.Equal(t, v, back)
	return b
}

func TestAnswersRoundTrip(t *testing.T) {
	a := audit(t, [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, skip})
	a.Sex = screen.SexFemale
	b := roundTrip(t, a)
	assert.JSONEq(t, `{"sex":"female","q1":"2-3-a-week","q2":"5-6","q3":"monthly","q4":"never","q5":"never","q6":"never","q7":"less-than-monthly","q8":"never","q9":"no"}`, string(b))
	roundTrip(t, a.AUDITC())
	roundTrip(t, dast(t, "YYN-NNNNNY"))
	b = roundTrip(t, crafft(t, 0, 12, skip, "NYY---"))
	assert.JSONEq(t, `{"alcoholDays":0,"marijuanaDays":12,"car":"no","relax":"yes","alone":"yes"}`, string(b))
	roundTrip(t, fullASSIST())
	roundTrip(t, screen.ASSISTAnswers{Q8: recent, InjectionDaysPerMonth: screen.CountOf(3)})
	roundTrip(t, screen.NIAAAAnswers{Sex: screen.SexMale, Drinks: 5, Times: screen.CountOf(0)})
	roundTrip(t, screen.CAGEAnswers{CutDown: screen.Yes, EyeOpener: screen.No})
	roundTrip(t, screen.QuickScreenAnswers{Alcohol: once, Illegal: never})
	roundTrip(t, screen.TAPS1Answers{Tobacco: screen.FrequencyDaily})

	_, err := json.Marshal(screen.AUDITAnswers{Q9: "3"})
	require.Error(t, err, "an invalid answer is never stored")
}

func TestResultsJSON(t *testing.T) {
	// reference: V3
	r, err := screen.ScoreAUDIT(audit(t, [10]int{3, 2, 2, 0, 0, 0, 1, 0, 0, 0}), screen.AUDITOptions{})
	require.NoError(t, err)
	b := roundTrip(t, r)
	assert.JSONEq(t, `{
		"instrument":"audit","version":"2001","score":8,"maxScore":40,"band":"zone-2",
		"action":"simple-advice","positive":true,"complete":true,"loinc":"75624-7","rule":"who-2001-zones",
		"answers":{"q1":"2-3-a-week","q2":"5-6","q3":"monthly","q4":"never","q5":"never","q6":"never",
			"q7":"less-than-monthly","q8":"never","q9":"no","q10":"no"},
		"points":[3,2,2,0,0,0,1,0,0,0],"consumption":7,"dependence":0,"problems":1,
		"escalation":"any","escalated":false,"skip":"who"}`, string(b))

	c, err := screen.ScoreAUDITC(auditC(t, screen.SexFemale, 3, 0, 0), screen.AUDITCOptions{}) // reference: V17
	require.NoError(t, err)
	b = roundTrip(t, c)
	assert.Contains(t, string(b), `"flags":["audit-c-all-q1"]`)

	d, err := screen.ScoreDAST10(dast(t, "YYN-NNNNNN"), screen.DAST10Options{})
	require.NoError(t, err)
	roundTrip(t, d)
	cr, err := screen.ScoreCRAFFT(crafft(t, 0, 0, 0, "Y-----"), screen.CRAFFTOptions{})
	require.NoError(t, err)
	roundTrip(t, cr)
	rep, err := screen.ScoreASSIST(fullASSIST(), screen.ASSISTOptions{})
	require.NoError(t, err)
	roundTrip(t, rep)
	n, err := screen.ScoreNIAAA(screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(1)}, screen.NIAAAOptions{})
	require.NoError(t, err)
	roundTrip(t, n)
	cg, err := screen.ScoreCAGEAID(screen.CAGEAnswers{CutDown: screen.Yes}, screen.CAGEOptions{})
	require.NoError(t, err)
	roundTrip(t, cg)
	q, err := screen.ScoreQuickScreen(screen.QuickScreenAnswers{Alcohol: once}, screen.QuickScreenOptions{})
	require.NoError(t, err)
	b = roundTrip(t, q)
	assert.Contains(t, string(b), `"nmassist":false`)
	tp, err := screen.ScoreTAPS1(screen.TAPS1Answers{Alcohol: screen.FrequencyWeekly}, screen.TAPS1Options{})
	require.NoError(t, err)
	roundTrip(t, tp)
}

func TestScoreJSON(t *testing.T) {
	tests := []struct {
		name   string
		json   string
		want   any
		score  int
		band   screen.Band
		action screen.Action
	}{
		// reference: V9
		{"AUDIT", `{"instrument":"audit","answers":{"q1":"2-4-a-month","q2":"3-4","q3":"less-than-monthly","q4":"never","q5":"never","q6":"never","q7":"never","q8":"never","q9":"no","q10":"yes-in-last-year"}}`,
			screen.AUDITResult{}, 8, screen.BandZoneII, screen.ActionBriefCounselling},
		// reference: V14
		{"AUDIT-C", `{"instrument":"audit-c","answers":{"sex":"female","q1":"2-4-a-month","q2":"3-4","q3":"never"}}`,
			screen.AUDITCResult{}, 3, screen.BandPositive, screen.ActionFurtherAssessment},
		// reference: V22
		{"DAST-10", `{"instrument":"dast-10","answers":{"q1":"yes","q2":"yes","q3":"no","q4":"no","q5":"no","q6":"no","q7":"no","q8":"no","q9":"no","q10":"no"}}`,
			screen.DAST10Result{}, 3, screen.BandModerate, screen.ActionFurtherInvestigation},
		// reference: V29
		{"CRAFFT", `{"instrument":"crafft","answers":{"alcoholDays":0,"marijuanaDays":12,"otherDays":0,"car":"no","relax":"yes","alone":"yes","forget":"no","family":"no","trouble":"no"}}`,
			screen.CRAFFTResult{}, 2, screen.BandPositive, screen.ActionFurtherAssessment},
		// reference: V37
		{"ASSIST", `{"instrument":"assist","answers":{"substances":[{"substance":"cocaine","q1":"yes","q2":"weekly","q3":"weekly","q4":"weekly","q5":"monthly","q6":"yes-in-past-3-months","q7":"no"}],"q8":"no"}}`,
			screen.ASSISTReport{}, 27, screen.BandHigh, screen.ActionBriefInterventionReferral},
		// reference: V39
		{"NIAAA", `{"instrument":"niaaa-single-question","answers":{"sex":"male","times":1}}`,
			screen.NIAAAResult{}, 1, screen.BandPositive, screen.ActionFurtherAssessment},
		// reference: V40
		{"CAGE", `{"instrument":"cage","answers":{"cutDown":"yes","annoyed":"no","guilty":"no","eyeOpener":"yes"}}`,
			screen.CAGEResult{}, 2, screen.BandPositive, screen.ActionFurtherAssessment},
		{"CAGE-AID", `{"answers":{"cutDown":"yes","annoyed":"no","guilty":"no","eyeOpener":"no"},"instrument":"cage-aid"}`,
			screen.CAGEResult{}, 1, screen.BandNegative, screen.ActionNone},
		// reference: V41
		{"Quick Screen", `{"instrument":"nida-quick-screen","answers":{"alcohol":"once-or-twice","tobacco":"never","prescription":"never","illegal":"never"}}`,
			screen.QuickScreenResult{}, 1, screen.BandPositive, screen.ActionFurtherAssessment},
		{"TAPS-1", `{"instrument":"taps-1","answers":{"tobacco":"never","alcohol":"never","illicit":"never","prescription":"never"}}`,
			screen.TAPS1Result{}, 0, screen.BandNegative, screen.ActionNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := screen.ScoreJSON([]byte(tc.json), screen.Options{})
			require.NoError(t, err)
			assert.IsType(t, tc.want, s)
			sum := s.Summary()
			checkResult(t, sum)
			assert.Equal(t, tc.score, sum.Score)
			assert.Equal(t, tc.band, sum.Band)
			assert.Equal(t, tc.action, sum.Action)
		})
	}
}

func TestScoreJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		json string
		path string
		rule error
	}{
		// reference: V11
		{"V11 through the envelope", `{"instrument":"audit","answers":{"q9":3}}`, "answers.q9", screen.ErrUnknownYearRecency},
		{"nested ASSIST path", `{"instrument":"assist","answers":{"substances":[{"substance":"alcohol","q2":"sometimes"}]}}`, "answers.substances[0].q2", screen.ErrUnknownUseFrequency},
		{"scoring error", `{"instrument":"audit","answers":{"q1":"never","q3":"weekly"}}`, "answers.q3", screen.ErrContradictsGate},
		{"unknown instrument", `{"instrument":"phq-9","answers":{}}`, "instrument", screen.ErrUnknownInstrument},
		{"instrument missing", `{"answers":{}}`, "instrument", intervention.ErrMissing},
		{"answers missing", `{"instrument":"cage"}`, "answers", intervention.ErrMissing},
		{"extra key", `{"instrument":"cage","answers":{},"patient":"x"}`, "", screen.ErrUnknownField},
		{"null", `null`, "instrument", intervention.ErrMissing},
		{"answers not an object", `{"instrument":"cage","answers":[]}`, "answers", screen.ErrMalformedJSON},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := screen.ScoreJSON([]byte(tc.json), screen.Options{})
			requireField(t, err, tc.path, tc.rule)
		})
	}
	_, err := screen.ScoreJSON([]byte(`{`), screen.Options{})
	require.ErrorIs(t, err, screen.ErrMalformedJSON)

	// Options are passed through.
	s, err := screen.ScoreJSON([]byte(`{"instrument":"cage","answers":{"cutDown":"yes"}}`), screen.Options{CAGE: screen.CAGEOptions{Missing: screen.MissingAsZero}})
	require.NoError(t, err)
	assert.Equal(t, screen.BandNegative, s.Summary().Band)
	_, err = screen.ScoreJSON([]byte(`{"instrument":"cage","answers":{"cutDown":"yes"}}`), screen.Options{CAGE: screen.CAGEOptions{Missing: screen.MissingReject}})
	requireField(t, err, "answers.annoyed", screen.ErrUnanswered)
}
