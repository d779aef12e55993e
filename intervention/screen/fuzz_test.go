package screen_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// pick maps a fuzz byte to one of values, unanswered ("") or an unknown
// value, so that every path is reachable.
func pick[T ~string](values []T, b byte) T {
	switch i := int(b) % (len(values) + 2); i {
	case len(values):
		return ""
	case len(values) + 1:
		return "bogus"
	default:
		return values[i]
	}
}

// byteAt returns data[i], or 0 past the end.
func byteAt(data []byte, i int) byte {
	if i < len(data) {
		return data[i]
	}
	return 0
}

// checkScored asserts what holds after any scoring call: an error wraps
// intervention.ErrInvalid; a result keeps the Result invariants.
func checkScored(t *testing.T, r screen.Result, err error) {
	t.Helper()
	if err != nil {
		require.ErrorIs(t, err, intervention.ErrInvalid)
		return
	}
	checkResult(t, r)
}

func policy(b byte) screen.MissingPolicy { return pick(screen.MissingPolicies(), b) }

func FuzzScoreAUDIT(f *testing.F) {
	f.Add([]byte{3, 2, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 1, 1, 1, 1})
	f.Add([]byte{0, 5, 5, 5, 5, 5, 5, 5, 1, 0, 2, 3, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := screen.AUDITAnswers{
			Q1: pick(screen.DrinkFrequencies(), byteAt(data, 0)), Q2: pick(screen.DrinkQuantities(), byteAt(data, 1)),
			Q3: pick(screen.Frequencies(), byteAt(data, 2)), Q4: pick(screen.Frequencies(), byteAt(data, 3)),
			Q5: pick(screen.Frequencies(), byteAt(data, 4)), Q6: pick(screen.Frequencies(), byteAt(data, 5)),
			Q7: pick(screen.Frequencies(), byteAt(data, 6)), Q8: pick(screen.Frequencies(), byteAt(data, 7)),
			Q9: pick(screen.YearRecencies(), byteAt(data, 8)), Q10: pick(screen.YearRecencies(), byteAt(data, 9)),
			Sex: pick(screen.Sexes(), byteAt(data, 10)),
		}
		opts := screen.AUDITOptions{
			Escalation: pick(screen.AUDITEscalations(), byteAt(data, 11)),
			Skip:       pick(screen.AUDITSkipRules(), byteAt(data, 12)),
			Missing:    policy(byteAt(data, 13)),
		}
		r, err := screen.ScoreAUDIT(a, opts)
		checkScored(t, r.Result, err)
		if err == nil {
			assert.Equal(t, r.Consumption+r.Dependence+r.Problems, r.Score)
			assert.Equal(t, r.Score >= 8, r.Positive)
			assert.LessOrEqual(t, r.Consumption, 12)
			assert.LessOrEqual(t, r.Dependence, 12)
			assert.LessOrEqual(t, r.Problems, 16)
		}
	})
}

func FuzzScoreAUDITC(f *testing.F) {
	f.Add([]byte{3, 0, 0, 1, 0})
	f.Add([]byte{2, 1, 1, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := screen.AUDITCAnswers{
			Q1: pick(screen.DrinkFrequencies(), byteAt(data, 0)), Q2: pick(screen.DrinkQuantities(), byteAt(data, 1)),
			Q3: pick(screen.Frequencies(), byteAt(data, 2)), Sex: pick(screen.Sexes(), byteAt(data, 3)),
		}
		r, err := screen.ScoreAUDITC(a, screen.AUDITCOptions{Missing: policy(byteAt(data, 4))})
		checkScored(t, r.Result, err)
		if err == nil && r.Flags.Has(screen.FlagAUDITCAllQ1) {
			assert.True(t, r.Positive)
			assert.Equal(t, r.Points[0], r.Score)
		}
	})
}

func FuzzScoreDAST10(f *testing.F) {
	f.Add([]byte{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		v := make([]screen.YesNo, 10)
		for i := range v {
			v[i] = pick(screen.YesNos(), byteAt(data, i))
		}
		a := screen.DAST10Answers{Q1: v[0], Q2: v[1], Q3: v[2], Q4: v[3], Q5: v[4], Q6: v[5], Q7: v[6], Q8: v[7], Q9: v[8], Q10: v[9]}
		r, err := screen.ScoreDAST10(a, screen.DAST10Options{Missing: policy(byteAt(data, 10))})
		checkScored(t, r.Result, err)
	})
}

func FuzzScoreCRAFFT(f *testing.F) {
	f.Add(0, 0, 0, []byte{0, 4, 4, 4, 4, 4, 0})
	f.Add(20, 3, 1, []byte{0, 0, 0, 0, 0, 0, 1})
	f.Add(-1, 400, 5, []byte{3, 1, 0, 1, 0, 1, 2})
	f.Fuzz(func(t *testing.T, alc, mj, other int, data []byte) {
		count := func(n int, b byte) screen.Count {
			if b%5 == 4 {
				return screen.Count{}
			}
			return screen.CountOf(n)
		}
		b := make([]screen.YesNo, 6)
		for i := range b {
			b[i] = pick(screen.YesNos(), byteAt(data, i))
		}
		a := screen.CRAFFTAnswers{
			AlcoholDays: count(alc, byteAt(data, 7)), MarijuanaDays: count(mj, byteAt(data, 8)), OtherDays: count(other, byteAt(data, 9)),
			Car: b[0], Relax: b[1], Alone: b[2], Forget: b[3], Family: b[4], Trouble: b[5],
		}
		r, err := screen.ScoreCRAFFT(a, screen.CRAFFTOptions{Missing: policy(byteAt(data, 6))})
		checkScored(t, r.Result, err)
		if err == nil && !r.AnyUse {
			if _, none := a.Use(); none {
				assert.LessOrEqual(t, r.Score, 1, "no use scores on CAR alone")
			}
		}
	})
}

func FuzzScoreASSIST(f *testing.F) {
	f.Add([]byte{1, 0, 3, 1, 0, 0, 1, 0, 0}, byte(0), 0)
	f.Add([]byte{0, 0, 4, 4, 4, 4, 2, 2, 0, 1, 0, 4, 4, 4, 4, 2, 2, 0}, byte(2), 3)
	f.Fuzz(func(t *testing.T, data []byte, q8 byte, days int) {
		var a screen.ASSISTAnswers
		for i := 0; i+8 <= len(data) && len(a.Substances) < 12; i += 8 {
			d := data[i : i+8]
			a.Substances = append(a.Substances, screen.ASSISTSubstanceAnswers{
				Substance: pick(screen.Substances(), d[0]), Q1: pick(screen.YesNos(), d[1]),
				Q2: pick(screen.UseFrequencies(), d[2]), Q3: pick(screen.UseFrequencies(), d[3]),
				Q4: pick(screen.UseFrequencies(), d[4]), Q5: pick(screen.UseFrequencies(), d[5]),
				Q6: pick(screen.QuarterRecencies(), d[6]), Q7: pick(screen.QuarterRecencies(), d[7]),
			})
		}
		a.Q8 = pick(screen.QuarterRecencies(), q8)
		if q8%3 == 0 {
			a.InjectionDaysPerMonth = screen.CountOf(days)
		}
		opts := screen.ASSISTOptions{Missing: policy(q8 / 7), InjectionBriefMaxDays: int(q8 % 5)}
		rep, err := screen.ScoreASSIST(a, opts)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
		} else {
			require.Len(t, rep.Results(), len(a.Substances))
			for _, sr := range rep.Results() {
				checkResult(t, sr.Result)
				assert.LessOrEqual(t, sr.Score, 39)
				if sr.Substance == screen.SubstanceTobacco {
					assert.LessOrEqual(t, sr.Score, 31)
				}
			}
			sum := rep.Summary()
			assert.True(t, sum.Band.Valid())
			assert.True(t, sum.Action.Valid())
		}
		for _, s := range a.Substances {
			r, err := screen.ScoreASSISTSubstance(s, opts)
			checkScored(t, r.Result, err)
		}
	})
}

func FuzzScoreNIAAA(f *testing.F) {
	f.Add(byte(0), 5, 1, byte(0))
	f.Add(byte(1), 0, 0, byte(1))
	f.Fuzz(func(t *testing.T, sex byte, drinks, times int, p byte) {
		a := screen.NIAAAAnswers{Sex: pick(screen.Sexes(), sex), Drinks: drinks}
		if p%4 != 3 {
			a.Times = screen.CountOf(times)
		}
		r, err := screen.ScoreNIAAA(a, screen.NIAAAOptions{Missing: policy(p)})
		checkScored(t, r.Result, err)
	})
}

func FuzzScoreCAGE(f *testing.F) {
	f.Add([]byte{0, 1, 1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := screen.CAGEAnswers{
			CutDown: pick(screen.YesNos(), byteAt(data, 0)), Annoyed: pick(screen.YesNos(), byteAt(data, 1)),
			Guilty: pick(screen.YesNos(), byteAt(data, 2)), EyeOpener: pick(screen.YesNos(), byteAt(data, 3)),
		}
		opts := screen.CAGEOptions{Missing: policy(byteAt(data, 4)), Threshold: int(byteAt(data, 5) % 6)}
		r, err := screen.ScoreCAGE(a, opts)
		checkScored(t, r.Result, err)
		r, err = screen.ScoreCAGEAID(a, opts)
		checkScored(t, r.Result, err)
	})
}

func FuzzScoreQuickScreen(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := screen.QuickScreenAnswers{
			Alcohol: pick(screen.UseFrequencies(), byteAt(data, 0)), Tobacco: pick(screen.UseFrequencies(), byteAt(data, 1)),
			Prescription: pick(screen.UseFrequencies(), byteAt(data, 2)), Illegal: pick(screen.UseFrequencies(), byteAt(data, 3)),
		}
		r, err := screen.ScoreQuickScreen(a, screen.QuickScreenOptions{Missing: policy(byteAt(data, 4))})
		checkScored(t, r.Result, err)
	})
}

func FuzzScoreTAPS1(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := screen.TAPS1Answers{
			Tobacco: pick(screen.Frequencies(), byteAt(data, 0)), Alcohol: pick(screen.Frequencies(), byteAt(data, 1)),
			Illicit: pick(screen.Frequencies(), byteAt(data, 2)), Prescription: pick(screen.Frequencies(), byteAt(data, 3)),
		}
		r, err := screen.ScoreTAPS1(a, screen.TAPS1Options{Missing: policy(byteAt(data, 4))})
		checkScored(t, r.Result, err)
	})
}

// decodeRoundTrip decodes data into a fresh T; when that succeeds, the value
// must marshal and decode back to itself.
func decodeRoundTrip[T any](t *testing.T, data []byte) {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return // a decoded value is always valid text, but counts may be out of range for scoring only
	}
	var back T
	require.NoError(t, json.Unmarshal(b, &back), string(b))
	assert.Equal(t, v, back)
}

func FuzzAnswersJSON(f *testing.F) {
	f.Add([]byte(`{"q1":"never","q9":"yes-not-in-last-year","q10":"no"}`))
	f.Add([]byte(`{"q9":3}`))
	f.Add([]byte(`{"sex":"female","q1":"4-plus-a-week","q2":"10-plus","q3":"daily-or-almost-daily"}`))
	f.Add([]byte(`{"alcoholDays":5,"car":"no","relax":"yes"}`))
	f.Add([]byte(`{"substances":[{"substance":"tobacco","q1":"yes","q2":"daily","q5":"weekly","q6":"yes-in-past-3-months"}],"q8":"no"}`))
	f.Add([]byte(`{"sex":"male","drinks":5,"times":2}`))
	f.Add([]byte(`{"cutDown":"yes","eyeOpener":"no"}`))
	f.Add([]byte(`{"alcohol":"once-or-twice","tobacco":"never"}`))
	f.Add([]byte(`{"q1":"yes","q1":"no"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeRoundTrip[screen.AUDITAnswers](t, data)
		decodeRoundTrip[screen.AUDITCAnswers](t, data)
		decodeRoundTrip[screen.DAST10Answers](t, data)
		decodeRoundTrip[screen.CRAFFTAnswers](t, data)
		decodeRoundTrip[screen.ASSISTAnswers](t, data)
		decodeRoundTrip[screen.ASSISTSubstanceAnswers](t, data)
		decodeRoundTrip[screen.NIAAAAnswers](t, data)
		decodeRoundTrip[screen.CAGEAnswers](t, data)
		decodeRoundTrip[screen.QuickScreenAnswers](t, data)
		decodeRoundTrip[screen.TAPS1Answers](t, data)
	})
}

func FuzzScoreJSON(f *testing.F) {
	f.Add([]byte(`{"instrument":"audit","answers":{"q1":"never","q9":"no","q10":"no"}}`))
	f.Add([]byte(`{"instrument":"assist","answers":{"substances":[{"substance":"alcohol","q1":"no"}]}}`))
	f.Add([]byte(`{"instrument":"crafft","answers":{"alcoholDays":0,"marijuanaDays":0,"otherDays":0,"car":"yes"}}`))
	f.Add([]byte(`{"instrument":"niaaa-single-question","answers":{"times":400}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := screen.ScoreJSON(data, screen.Options{})
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		sum := s.Summary()
		assert.True(t, sum.Instrument.Valid())
		assert.True(t, sum.Band.Valid())
		assert.True(t, sum.Action.Valid())
		assert.GreaterOrEqual(t, sum.Score, 0)
		assert.LessOrEqual(t, sum.Score, sum.MaxScore)
		_, err = json.Marshal(s)
		require.NoError(t, err)
	})
}

func FuzzEnumText(f *testing.F) {
	f.Add("audit")
	f.Add("zone-4")
	f.Add("yes-in-last-year")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, screen.ParseInstrument)
		checkText(t, s, screen.ParseBand)
		checkText(t, s, screen.ParseAction)
		checkText(t, s, screen.ParseFlag)
		checkText(t, s, screen.ParseDrinkFrequency)
		checkText(t, s, screen.ParseDrinkQuantity)
		checkText(t, s, screen.ParseFrequency)
		checkText(t, s, screen.ParseYearRecency)
		checkText(t, s, screen.ParseUseFrequency)
		checkText(t, s, screen.ParseQuarterRecency)
		checkText(t, s, screen.ParseYesNo)
		checkText(t, s, screen.ParseSex)
		checkText(t, s, screen.ParseSubstance)
		checkText(t, s, screen.ParseAUDITEscalation)
		checkText(t, s, screen.ParseAUDITSkipRule)
		checkText(t, s, screen.ParseMissingPolicy)
	})
}

// checkText: a parsed value round-trips; a failure wraps ErrInvalid.
func checkText[T interface {
	~string
	MarshalText() ([]byte, error)
}](t *testing.T, s string, parse func(string) (T, error)) {
	t.Helper()
	v, err := parse(s)
	if err != nil {
		require.ErrorIs(t, err, intervention.ErrInvalid)
		return
	}
	b, err := v.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, s, string(b))
}

func FuzzCountAndFlagsJSON(f *testing.F) {
	f.Add([]byte(`12`))
	f.Add([]byte(`["incomplete","crafft-car"]`))
	f.Add([]byte(`-0`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c screen.Count
		if err := json.Unmarshal(data, &c); err == nil {
			b, err := json.Marshal(c)
			require.NoError(t, err)
			var back screen.Count
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, c, back)
		}
		var s screen.FlagSet
		if err := json.Unmarshal(data, &s); err == nil {
			b, err := json.Marshal(s)
			require.NoError(t, err)
			var back screen.FlagSet
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, s, back)
		}
	})
}
