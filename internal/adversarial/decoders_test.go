package adversarial_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/screen"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// decoder is one of the library's JSON decoders, as a host calls it.
type decoder struct {
	name string
	// fuzz names the package directory and fuzz target whose corpus holds
	// documents for this decoder ("" when it has none).
	fuzzDir, fuzz string
	// base returns a valid document.
	base func(t *testing.T) []byte
	// decode decodes a document; encode writes the decoded value again.
	decode func(b []byte) (any, error)
	encode func(v any) ([]byte, error)
	// nullNoOp: JSON null is accepted as a no-op and leaves the value
	// unchanged, as encoding/json's convention for UnmarshalJSON has it
	// (the decoder is a value's UnmarshalJSON, which cannot tell a null
	// document from a null field).
	nullNoOp bool
	// viaJSON: the decoder is an UnmarshalJSON method, reached through
	// json.Unmarshal, whose own syntax errors come first (and quote a
	// character of the input: that error is encoding/json's, not ours).
	viaJSON bool
	// scores: the decoder returns a score, not the document; there is
	// nothing to re-encode.
	scores bool
}

// unmarshal returns a decode function that calls json.Unmarshal on a new T,
// as a host does.
func unmarshal[T any]() func([]byte) (any, error) {
	return func(b []byte) (any, error) {
		v := new(T)
		err := json.Unmarshal(b, v)
		return v, err
	}
}

// parse adapts a Parse… function.
func parse[T any](f func([]byte) (T, error)) func([]byte) (any, error) {
	return func(b []byte) (any, error) { return f(b) }
}

// golden returns the compacted golden file at path, relative to the
// repository root.
func golden(path string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", path))
		require.NoError(t, err)
		var out bytes.Buffer
		require.NoError(t, json.Compact(&out, b))
		return out.Bytes()
	}
}

// literal returns a fixed document.
func literal(doc string) func(t *testing.T) []byte {
	return func(*testing.T) []byte { return []byte(doc) }
}

// marshalled returns the JSON of the value v builds.
func marshalled(v func(t *testing.T) any) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		t.Helper()
		b, err := wiretest.Marshal(v(t))
		require.NoError(t, err)
		return b
	}
}

// firstOf returns the compacted JSON of the element found in the golden
// document path by following keys, taking the first element of each list
// on the way (a consent of a family member, say).
func firstOf(path string, keys ...string) func(t *testing.T) []byte {
	return func(t *testing.T) []byte {
		t.Helper()
		doc := json.RawMessage(golden(path)(t))
		for _, key := range keys {
			var obj map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(doc, &obj))
			doc = obj[key]
			var list []json.RawMessage
			if json.Unmarshal(doc, &list) == nil {
				require.NotEmpty(t, list, key)
				doc = list[0]
			}
		}
		return doc
	}
}

var t0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) // a Monday

// briefIntervention is a brief intervention with one delivery.
func briefIntervention(t *testing.T) any {
	t.Helper()
	r, err := screen.ScoreAUDIT(screen.AUDITAnswers{
		Q1: screen.DrinkFrequency4OrMoreAWeek, Q2: screen.DrinkQuantity5To6, Q3: screen.FrequencyWeekly,
		Q4: screen.FrequencyNever, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever, Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}, screen.AUDITOptions{})
	require.NoError(t, err)
	b, err := brief.New(brief.Config{
		ID: uuid.UUID{15: 1}, Patient: uuid.UUID{15: 2}, Screen: r.Result, ScreenedAt: t0, Payer: billing.PayerMedicare,
	})
	require.NoError(t, err)
	_, err = b.Deliver(brief.Delivery{
		ID: uuid.UUID{15: 3}, At: t0.Add(time.Hour), Minutes: 20, Clinician: uuid.UUID{15: 4},
		Model: brief.ModelFRAMES, Elements: []brief.Element{brief.FRAMESFeedback, brief.FRAMESAdvice},
	})
	require.NoError(t, err)
	return b
}

// assistReport is a scored ASSIST.
func assistReport(t *testing.T) any {
	t.Helper()
	r, err := screen.ScoreASSIST(screen.ASSISTAnswers{Substances: []screen.ASSISTSubstanceAnswers{{
		Substance: screen.SubstanceAlcohol, Q1: screen.Yes, Q2: screen.UseFrequencyWeekly, Q3: screen.UseFrequencyMonthly,
		Q4: screen.UseFrequencyNever, Q5: screen.UseFrequencyNever, Q6: screen.QuarterRecencyNo, Q7: screen.QuarterRecencyNo,
	}}, Q8: screen.QuarterRecencyNo}, screen.ASSISTOptions{})
	require.NoError(t, err)
	return r
}

// answers lists n ones, as a questionnaire's items.
func answers(n int) string {
	b := []byte{'['}
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '3')
	}
	return string(append(b, ']'))
}

// decoders returns every JSON decoder of the library, with a valid
// document for each.
func decoders(t *testing.T) []decoder {
	t.Helper()
	valid, err := plantest.ValidPlan(t).MarshalDocument()
	require.NoError(t, err)
	realistic := plantest.RealisticPlan(t)
	return []decoder{
		{name: "plan.Codec.Unmarshal", fuzzDir: "plan", fuzz: "FuzzUnmarshal", base: literal(string(valid)),
			decode: parse((*plan.Codec)(nil).Unmarshal)},
		{name: "plan.Codec.Unmarshal/realistic", base: marshalled(func(*testing.T) any { return json.RawMessage(mustMarshal(t, realistic)) }),
			decode: parse(realistic.Codec.Unmarshal), encode: func(v any) ([]byte, error) {
				p, _ := v.(*plan.Plan)
				return realistic.Codec.Marshal(p)
			}},
		{name: "plan.Plan.UnmarshalJSON", base: literal(string(valid)), decode: unmarshal[plan.Plan](), viaJSON: true, nullNoOp: true},
		{name: "cbt.ParseCourse", fuzzDir: "intervention/cbt", fuzz: "FuzzParseCourse",
			base: golden("intervention/cbt/testdata/course.golden.json"), decode: parse(cbt.ParseCourse)},
		{name: "cbt.Curriculum", fuzzDir: "intervention/cbt", fuzz: "FuzzCurriculumJSON",
			base: marshalled(func(*testing.T) any { return cbt.ProjectMATCH() }), decode: unmarshal[cbt.Curriculum](), viaJSON: true},
		{name: "plan.TimingTable", base: marshalled(func(*testing.T) any { return plan.SeedTimingTable() }),
			decode: unmarshal[plan.TimingTable](), viaJSON: true},
		{name: "family.ParseTherapy/craft", fuzzDir: "intervention/family", fuzz: "FuzzTherapyJSON",
			base: golden("intervention/family/testdata/craft.golden.json"), decode: parse(family.ParseTherapy)},
		{name: "family.ParseTherapy/bct", base: golden("intervention/family/testdata/bct.golden.json"),
			decode: parse(family.ParseTherapy)},
		{name: "twelvestep.ParseFacilitation", fuzzDir: "intervention/twelvestep", fuzz: "FuzzParseFacilitation",
			base: golden("intervention/twelvestep/testdata/facilitation.golden.json"), decode: parse(twelvestep.ParseFacilitation)},
		{name: "motivation.ParseComponent", fuzzDir: "motivation", fuzz: "FuzzComponentJSON",
			base: golden("motivation/testdata/component.golden.json"), decode: parse(motivation.ParseComponent)},
		{name: "brief.Intervention", fuzzDir: "intervention/brief", fuzz: "FuzzInterventionJSON",
			base: marshalled(briefIntervention), decode: unmarshal[brief.Intervention](), viaJSON: true},
		{name: "intervention.ConsentDocument", fuzzDir: "intervention", fuzz: "FuzzConsentJSON",
			base:   firstOf("intervention/family/testdata/craft.golden.json", "members", "consents"),
			decode: unmarshal[intervention.ConsentDocument](), viaJSON: true, nullNoOp: true},
		{name: "intervention.Session", fuzzDir: "intervention", fuzz: "FuzzSessionJSON",
			base:   firstOf("intervention/cbt/testdata/course.golden.json", "sessions", "session"),
			decode: unmarshal[intervention.Session](), viaJSON: true, nullNoOp: true},
		{name: "billing.Result", fuzzDir: "intervention/billing", fuzz: "FuzzResultJSON",
			base:   literal(`{"code":"G0396","units":1,"minutes":20,"rule":"sbirt-descriptor","payer":"medicare"}`),
			decode: unmarshal[billing.Result](), viaJSON: true},
		{name: "billing.BandTable", base: marshalled(func(*testing.T) any { return billing.PsychotherapyBands() }),
			decode: unmarshal[billing.BandTable](), viaJSON: true},
		{name: "intervention.Ratio", fuzzDir: "intervention", fuzz: "FuzzRatioJSON",
			base: literal(`{"numerator":"3","denominator":"4","computable":true}`), decode: unmarshal[intervention.Ratio](), viaJSON: true},
		{name: "screen.ScoreJSON", fuzzDir: "intervention/screen", fuzz: "FuzzScoreJSON",
			base: literal(`{"instrument":"dast-10","answers":{"q1":"yes","q2":"yes","q3":"no","q4":"no","q5":"no",` +
				`"q6":"no","q7":"no","q8":"yes","q9":"no","q10":"no"}}`),
			decode: func(b []byte) (any, error) { return screen.ScoreJSON(b, screen.Options{}) }, scores: true},
		{name: "screen.AUDITAnswers", fuzzDir: "intervention/screen", fuzz: "FuzzAnswersJSON",
			base:   literal(`{"sex":"female","q1":"4-plus-a-week","q2":"10-plus","q3":"daily-or-almost-daily","q9":"no","q10":"no"}`),
			decode: unmarshal[screen.AUDITAnswers](), viaJSON: true, nullNoOp: true},
		{name: "screen.ASSISTAnswers", base: literal(`{"substances":[{"substance":"tobacco","q1":"yes","q2":"daily-or-almost-daily",` +
			`"q5":"weekly","q6":"yes-in-past-3-months"}],"q8":"no"}`), decode: unmarshal[screen.ASSISTAnswers](), viaJSON: true, nullNoOp: true},
		{name: "screen.ASSISTReport", base: marshalled(assistReport), decode: unmarshal[screen.ASSISTReport](), viaJSON: true},
		{name: "motivation.SOCRATESAnswers", base: literal(`{"items":` + answers(motivation.SOCRATESItems) + `}`),
			decode: unmarshal[motivation.SOCRATESAnswers](), viaJSON: true},
		{name: "motivation.URICAAnswers", base: literal(`{"items":` + answers(motivation.URICAItems) + `}`),
			decode: unmarshal[motivation.URICAAnswers](), viaJSON: true},
		{name: "motivation.MITICounts", base: literal(`{"givingInformation":5,"persuade":0,"persuadeWithPermission":1,` +
			`"question":12,"simpleReflection":10,"complexReflection":8,"affirm":2,"seekingCollaboration":1,"emphasizingAutonomy":1,"confront":0}`),
			decode: unmarshal[motivation.MITICounts](), viaJSON: true},
		{name: "motivation.MITIGlobals", base: literal(`{"cultivatingChangeTalk":4,"softeningSustainTalk":3,"partnership":4,"empathy":4}`),
			decode: unmarshal[motivation.MITIGlobals](), viaJSON: true},
		{name: "motivation.Threshold", fuzzDir: "motivation", fuzz: "FuzzThresholdJSON",
			base: literal(`{"fair":"3.0","good":"4.0"}`), decode: unmarshal[motivation.Threshold](), viaJSON: true},
		{name: "motivation.StagingAnswers", base: literal(`{"changedOn":"2025-01-06","intendsWithin30Days":true,"intendsWithin6Months":true}`),
			decode: unmarshal[motivation.StagingAnswers](), viaJSON: true},
		{name: "contingency.DecodeResult", fuzzDir: "contingency", fuzz: "FuzzResultJSON",
			base: literal(`{"specimenId":"S-1","collectedAt":"2025-01-06T09:00:00Z","status":"positive",` +
				`"readings":[{"substance":"cocaine","status":"negative"},{"substance":"thc","status":"positive"}]}`),
			decode: parse(contingency.DecodeResult)},
		{name: "contingency.ProgramConfig", base: marshalled(func(t *testing.T) any {
			d, err := intervention.ParseDate("2025-01-06")
			require.NoError(t, err)
			return contingency.HigginsProgram(d, contingency.RecoveryR1)
		}), decode: unmarshal[contingency.ProgramConfig](), viaJSON: true},
		{name: "contingency.Entry", fuzzDir: "contingency", fuzz: "FuzzEntryJSON",
			base: func(t *testing.T) []byte {
				var entries []json.RawMessage
				require.NoError(t, json.Unmarshal(golden("contingency/testdata/ledger_entries.golden.json")(t), &entries))
				return entries[0]
			}, decode: unmarshal[contingency.Entry](), viaJSON: true},
		{name: "contingency.Ledger entries", fuzzDir: "contingency", fuzz: "FuzzLedgerJSON",
			base: golden("contingency/testdata/ledger_entries.golden.json"), decode: parse(contingency.DecodeEntries)},
	}
}

// mustMarshal returns the realistic plan's document.
func mustMarshal(t *testing.T, r plantest.Realistic) []byte {
	t.Helper()
	b, err := r.Codec.Marshal(r.Plan)
	require.NoError(t, err)
	return b
}
