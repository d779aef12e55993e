package adversarial_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// The PHI marker sweep (issue 14, hole 3): a marker goes into every
// free-text field of every exported record type, and no output channel may
// show it — fmt with every verb on a value, a pointer, a slice and a map,
// String and GoString, slog's JSON and text handlers (alone, in a slice, in
// a map, nested in a struct), validation errors, and json.Marshal wherever
// the JSON is not the document that stores the text.

// phiMarker is the PHI planted in every text field.
const phiMarker = "PHI-MARKER-7f3a"

// verbs are the fmt verbs and flags a program may use by accident. %p of a
// value makes fmt print it by reflection, without its methods.
var verbs = []string{
	"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%p", "%T", "%10s", "%-8v", "%.4s", "% x", "%+q", "%#q", "%t",
}

// verb returns v, one of verbs, hidden from vet's format check: the sweep
// prints values with verbs that do not suit them on purpose.
func verb(v string) string { return verbs[slices.Index(verbs, v)] }

var textType = reflect.TypeFor[intervention.Text]()

// textRecords lists every exported type holding free text in exported
// fields. TestTextRecordsListIsComplete fails when a type with a Text field
// is missing, so a new one is swept as soon as it exists.
func textRecords() []reflect.Type {
	return []reflect.Type{
		textType,
		reflect.TypeFor[intervention.Consent](),
		reflect.TypeFor[intervention.ConsentDocument](), // the document: only its JSON holds the text
		reflect.TypeFor[plan.Problem](), reflect.TypeFor[plan.Evidence](), reflect.TypeFor[plan.Goal](),
		reflect.TypeFor[plan.Objective](), reflect.TypeFor[plan.Target](), reflect.TypeFor[plan.Strength](),
		reflect.TypeFor[plan.DischargeCriterion](), reflect.TypeFor[plan.LevelOfCare](), reflect.TypeFor[plan.Review](),
		reflect.TypeFor[plan.ObjectiveProgress](), reflect.TypeFor[plan.ReviewRecord](),
		reflect.TypeFor[cbt.FunctionalAnalysis](), reflect.TypeFor[cbt.FunctionalAnalyses](),
		reflect.TypeFor[motivation.BalanceItem](), reflect.TypeFor[motivation.DecisionalBalance](),
		reflect.TypeFor[motivation.DecisionalBalances](), reflect.TypeFor[motivation.ChangeStep](),
		reflect.TypeFor[motivation.ChangePlan](), reflect.TypeFor[motivation.ChangePlans](),
		reflect.TypeFor[family.Member](), reflect.TypeFor[family.Members](),
	}
}

// documents are the record types whose JSON form is the storage document.
var documents = map[reflect.Type]bool{reflect.TypeFor[intervention.ConsentDocument](): true}

// fill sets every Text reachable through exported fields, slices and
// pointers of v to text, giving slices one element, and returns how many
// it set.
func fill(v reflect.Value, text string) int {
	switch {
	case v.Type() == textType:
		v.Set(reflect.ValueOf(intervention.NewText(text)))
		return 1
	case v.Kind() == reflect.Struct:
		n := 0
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += fill(v.Field(i), text)
			}
		}
		return n
	case v.Kind() == reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		n := fill(s.Index(0), text)
		if n > 0 {
			v.Set(s)
		}
		return n
	case v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct:
		p := reflect.New(v.Type().Elem())
		n := fill(p.Elem(), text)
		if n > 0 {
			v.Set(p)
		}
		return n
	}
	return 0
}

// record returns a value of t with text in every text field.
func record(t *testing.T, typ reflect.Type, text string) reflect.Value {
	t.Helper()
	v := reflect.New(typ).Elem()
	require.Positive(t, fill(v, text), "%s holds no Text", typ)
	return v
}

// forms returns v as a value, a pointer, a slice, a map, and nested in an
// exported field, a slice field and a map field of a struct.
func forms(v reflect.Value) map[string]any {
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	s := reflect.MakeSlice(reflect.SliceOf(v.Type()), 0, 2)
	s = reflect.Append(s, v, v)
	m := reflect.MakeMap(reflect.MapOf(reflect.TypeFor[string](), v.Type()))
	m.SetMapIndex(reflect.ValueOf("k"), v)
	nested := reflect.New(reflect.StructOf([]reflect.StructField{
		{Name: "Record", Type: v.Type(), Tag: `json:"record"`},
		{Name: "List", Type: s.Type(), Tag: `json:"list"`},
		{Name: "ByKey", Type: m.Type(), Tag: `json:"byKey"`},
	})).Elem()
	nested.Field(0).Set(v)
	nested.Field(1).Set(s)
	nested.Field(2).Set(m)
	return map[string]any{
		"value": v.Interface(), "pointer": p.Interface(), "slice": s.Interface(), "map": m.Interface(),
		"nested": nested.Interface(),
	}
}

// assertNoMarker checks every output channel of v that may not hold PHI.
// jsonToo is false for a document, whose JSON holds the text.
func assertNoMarker(t *testing.T, name string, v any, jsonToo bool) {
	t.Helper()
	assertNoMarkerSlog(t, name, v, jsonToo, true)
}

// assertNoMarkerSlog is assertNoMarker, with slog's JSON handler left out
// when slogJSON is false: for documents inside a slice or map, which the
// handler marshals with encoding/json, so that it writes each document.
func assertNoMarkerSlog(t *testing.T, name string, v any, jsonToo, slogJSON bool) {
	t.Helper()
	hexPHIMarker := fmt.Sprintf("%x", phiMarker)
	for _, verb := range verbs {
		out := fmt.Sprintf(verb, v)
		assert.NotContains(t, out, phiMarker, "%s %s", name, verb)
		assert.NotContains(t, strings.ToLower(out), hexPHIMarker, "%s %s", name, verb)
	}
	if s, ok := v.(fmt.Stringer); ok {
		assert.NotContains(t, s.String(), phiMarker, "%s String", name)
	}
	if g, ok := v.(fmt.GoStringer); ok {
		assert.NotContains(t, g.GoString(), phiMarker, "%s GoString", name)
	}
	for hname, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"JSONHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"TextHandler": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		if hname == "JSONHandler" && !slogJSON {
			continue
		}
		var b bytes.Buffer
		slog.New(h(&b)).Info("m", "v", v, slog.Group("g", "v", v))
		assert.NotContains(t, b.String(), phiMarker, "%s slog %s", name, hname)
	}
	if jsonToo {
		out, err := json.Marshal(v)
		if err != nil {
			assert.NotContains(t, err.Error(), phiMarker, "%s json error", name)
		}
		assert.NotContains(t, string(out), phiMarker, "%s json", name)
	}
}

func TestPHIMarkerSweepRecords(t *testing.T) {
	for _, typ := range textRecords() {
		t.Run(typ.String(), func(t *testing.T) {
			v := record(t, typ, phiMarker)
			for form, x := range forms(v) {
				// A document's JSON, and so slog's JSON handler, is the
				// storage form: it holds the text by design.
				assertNoMarkerSlog(t, form, x, !documents[typ], !documents[typ])
			}
		})
	}
}

// validator is what records with a Validate method implement.
type validator interface{ Validate() error }

func TestPHIMarkerSweepValidationErrors(t *testing.T) {
	// Valid text beside invalid fields, and text that is itself invalid
	// (not UTF-8, too long): no error may quote it.
	for _, text := range []string{phiMarker, "\xff" + phiMarker, phiMarker + strings.Repeat("x", 5000)} {
		for _, typ := range textRecords() {
			v, ok := record(t, typ, text).Interface().(validator)
			if !ok {
				continue
			}
			err := v.Validate()
			if err == nil {
				continue // a Target needs no ID
			}
			assert.NotContains(t, err.Error(), phiMarker, typ.String())
			assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), phiMarker, typ.String())
		}
	}
}

// textKeys are the document keys that hold free text.
var textKeys = map[string]bool{
	"statement": true, "text": true, "patientWords": true, "clinical": true, "criterion": true, "rationale": true,
	"justification": true, "note": true, "triggerDetail": true, "thoughts": true, "feelings": true,
	"positiveConsequences": true, "negativeConsequences": true, "goals": true, "supports": true, "obstacles": true,
	"signsOfSuccess": true,
}

// plant puts the phiMarker into every text value of a decoded JSON document,
// and a description into every consent.
func plant(v any) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		if _, consent := x["information"]; consent {
			x["description"] = phiMarker
			n++
		}
		if _, analysis := x["trigger"]; analysis && x["behavior"] != nil {
			x["behavior"] = phiMarker // a functional analysis's; elsewhere "behavior" is a code
			n++
		}
		for k, e := range x {
			switch s := e.(type) {
			case string:
				if textKeys[k] {
					x[k] = phiMarker
					n++
				}
			case []any:
				if textKeys[k] && len(s) > 0 {
					if _, ok := s[0].(string); ok {
						for i := range s {
							s[i] = phiMarker
						}
						n++
						continue
					}
				}
				n += plant(e)
			default:
				n += plant(e)
			}
		}
	case []any:
		for _, e := range x {
			n += plant(e)
		}
	}
	return n
}

// markedPlan returns the realistic plan with the phiMarker in every text of
// the plan and its components, and a decisional balance added to its MI
// component.
func markedPlan(t *testing.T) *plan.Plan {
	t.Helper()
	r := plantest.RealisticPlan(t)
	b, err := r.Codec.Marshal(r.Plan)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	require.NoError(t, dec.Decode(&doc))
	require.Positive(t, plant(doc))
	// The planted text is an edit without a revision: drop the content
	// hashes, as a document written before them would have none.
	root, ok := doc.(map[string]any)
	require.True(t, ok)
	for _, key := range []string{"revisions", "signatures"} {
		list, ok := root[key].([]any)
		require.True(t, ok)
		for _, v := range list {
			if m, ok := v.(map[string]any); ok {
				delete(m, "contentHash")
			}
		}
	}
	b, err = json.Marshal(doc)
	require.NoError(t, err)
	p, err := r.Codec.Unmarshal(b)
	require.NoError(t, err, "%v", intervention.FieldErrors(err))
	for _, c := range p.Components() {
		if mi, ok := c.(*motivation.Component); ok {
			on := mi.Sessions()[0].Session.Start
			d, err := intervention.DateOf(on, on.Location())
			require.NoError(t, err)
			item := motivation.BalanceItem{Text: intervention.NewText(phiMarker)}
			_, err = mi.AddBalance(motivation.DecisionalBalance{
				ID: uuid.UUID{15: 0xba}, Behavior: mi.Config().Target, On: d,
				ProsOfChanging: []motivation.BalanceItem{item}, ConsOfStaying: []motivation.BalanceItem{item},
			})
			require.NoError(t, err)
			text := intervention.NewText(phiMarker)
			_, err = mi.RevisePlan(motivation.ChangePlan{
				ID: uuid.UUID{15: 0xbb}, Behavior: mi.Config().Target, On: d, Goals: []intervention.Text{text},
				Steps: []motivation.ChangeStep{{Text: text}}, Supports: []intervention.Text{text},
			})
			require.NoError(t, err)
		}
		if course, ok := c.(*cbt.Course); ok {
			on := course.Sessions()[0].Session.Start
			d, err := intervention.DateOf(on, on.Location())
			require.NoError(t, err)
			text := intervention.NewText(phiMarker)
			_, err = course.AddAnalysis(cbt.FunctionalAnalysis{
				ID: uuid.UUID{15: 0xbc}, On: d, Trigger: cbt.TriggerPeople, TriggerDetail: text, Thoughts: text,
				Feelings: text, Behavior: text, PositiveConsequences: []intervention.Text{text},
			})
			require.NoError(t, err)
		}
	}
	doc2, err := r.Codec.Marshal(p)
	require.NoError(t, err)
	require.Contains(t, string(doc2), phiMarker, "the plan document holds the text")
	return p
}

func TestPHIMarkerSweepAggregates(t *testing.T) {
	p := markedPlan(t)
	aggregates := map[string]any{"*plan.Plan": p}
	for _, c := range p.Components() {
		aggregates[reflect.TypeOf(c).String()] = c
	}
	for _, want := range []string{"*plan.Plan", "*cbt.Course", "*family.Therapy", "*motivation.Component"} {
		require.Contains(t, aggregates, want)
	}
	for name, a := range aggregates {
		t.Run(name, func(t *testing.T) {
			// The aggregate writes its document only through
			// MarshalDocument (or its codec); json.Marshal refuses, so
			// every channel is swept — on the pointer, on a copy of the
			// value (fmt prints a value by reflection: its methods have
			// pointer receivers), and in slices and maps, slog's JSON
			// handler included.
			assertNoMarker(t, "pointer", a, true)
			value := reflect.ValueOf(a).Elem().Interface()
			assertNoMarker(t, "value", value, true)
			assertNoMarkerSlog(t, "slice", []any{a}, true, true)
			assertNoMarkerSlog(t, "map", map[string]any{"k": a}, true, true)
			if d, ok := a.(intervention.DocumentMarshaler); ok {
				_, err := json.Marshal(a)
				require.ErrorIs(t, err, intervention.ErrDocumentOnly)
				doc, err := d.MarshalDocument()
				require.NoError(t, err)
				if name == "*plan.Plan" {
					assert.Contains(t, string(doc), phiMarker, "the document itself carries the text")
				}
			}
		})
	}
	// What the getters return is swept as records are, JSON included.
	mi := component[*motivation.Component](t, p)
	course := component[*cbt.Course](t, p)
	therapy := component[*family.Therapy](t, p)
	getters := map[string]any{
		"Plan.Problems": p.Problems(), "Plan.Goals": p.Goals(), "Plan.Objectives": p.Objectives(),
		"Plan.Strengths": p.Strengths(), "Plan.DischargeCriteria": p.DischargeCriteria(),
		"Plan.LevelsOfCare": p.LevelsOfCare(), "Plan.Reviews": p.Reviews(),
		"Course.Analyses": course.Analyses(), "[]FunctionalAnalysis": []cbt.FunctionalAnalysis(course.Analyses()),
		"Component.Balances": mi.Balances(), "Component.Plans": mi.Plans(),
		"[]DecisionalBalance": []motivation.DecisionalBalance(mi.Balances()),
		"[]ChangePlan":        []motivation.ChangePlan(mi.Plans()),
		"Therapy.Members":     therapy.Members(), "[]Member": []family.Member(therapy.Members()),
	}
	for name, g := range getters {
		require.Positive(t, reflect.ValueOf(g).Len(), name)
		assertNoMarker(t, name, g, true)
	}
}

// component returns p's component of type C.
func component[C intervention.Component](t *testing.T, p *plan.Plan) C {
	t.Helper()
	for _, c := range p.Components() {
		if x, ok := c.(C); ok {
			return x
		}
	}
	var zero C
	require.Failf(t, "no component", "%T", zero)
	return zero
}

// TestIssue14Leaks names each leak issue 14 reported; every case printed
// the phiMarker before intervention.Text (slog's JSON handler marshals a slice
// with encoding/json, never reaching LogValue; fmt prints a plan.Plan value
// by reflection because its methods have pointer receivers).
func TestIssue14Leaks(t *testing.T) {
	p := markedPlan(t)
	slogJSON := func(v any) string {
		var b bytes.Buffer
		slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "v", v)
		return b.String()
	}
	mi := component[*motivation.Component](t, p)
	members := component[*family.Therapy](t, p).Members()
	require.NotEmpty(t, members[0].Consents)
	// Valid records: before, encoding/json wrote them in full (an invalid
	// enum would have made it fail instead, hiding the leak).
	cases := map[string]string{
		"slog JSON []plan.Goal":               slogJSON(p.Goals()),
		"slog JSON []plan.DischargeCriterion": slogJSON(p.DischargeCriteria()),
		"slog JSON []plan.LevelOfCare":        slogJSON(p.LevelsOfCare()),
		"slog JSON []cbt.FunctionalAnalysis": slogJSON([]cbt.FunctionalAnalysis(
			component[*cbt.Course](t, p).Analyses())),
		"slog JSON []intervention.Consent":       slogJSON(members[0].Consents),
		"slog JSON []family.Member":              slogJSON([]family.Member(members)),
		"slog JSON []motivation.BalanceItem":     slogJSON(mi.Balances()[0].ProsOfChanging),
		"slog JSON []motivation.ChangeStep":      slogJSON(mi.Plans()[0].Steps),
		"fmt %s plan.Plan value":                 fmt.Sprintf("%s", reflect.ValueOf(p).Elem().Interface()),
		"fmt %q plan.Plan value":                 fmt.Sprintf("%q", reflect.ValueOf(p).Elem().Interface()),
		"fmt %p plan.Goal value (by reflection)": fmt.Sprintf(verb("%p"), p.Goals()[0]),
	}
	// The storage form of the same consents holds the text.
	stored, err := json.Marshal(intervention.ConsentDocument(members[0].Consents[0]))
	require.NoError(t, err)
	assert.Contains(t, string(stored), phiMarker)
	for name, out := range cases {
		assert.NotContains(t, out, phiMarker, name)
		if strings.HasPrefix(name, "slog") {
			assert.Contains(t, out, intervention.Redacted, "%s: the text was there, redacted", name)
		}
	}
}

// TestTextRecordsListIsComplete scans the source of every package for
// exported struct types with a Text field, and for string fields whose
// comment says they are PHI or free text (which should be Text), so that a
// new record type or field cannot escape the sweep.
func TestTextRecordsListIsComplete(t *testing.T) {
	listed := map[string]bool{}
	for _, typ := range textRecords() {
		listed[typ.String()] = true
	}
	phiComment := regexp.MustCompile(`(?i)\(PHI\b|\bis PHI\b|free[- ]text`)
	code := regexp.MustCompile(`(?i)\bcode\b`) // "a machine code, never free text"
	fset := token.NewFileSet()
	root := filepath.Join("..", "..")
	var found []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "examples" ||
			d.Name() == "pgstore" || d.Name() == "internal") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				name := f.Name.Name + "." + ts.Name.Name
				for _, fld := range st.Fields.List {
					typ := exprString(fld.Type)
					if strings.HasSuffix(typ, "intervention.Text") || f.Name.Name == "intervention" && strings.HasSuffix(typ, "Text") {
						found = append(found, name)
						assert.True(t, listed[name], "%s (%s) holds Text: add it to textRecords", name, path)
					}
					comment := fld.Doc.Text() + fld.Comment.Text()
					if (typ == "string" || typ == "[]string") && phiComment.MatchString(comment) && !code.MatchString(comment) {
						assert.Failf(t, "free text as a string", "%s.%v (%s) is documented as PHI: make it intervention.Text",
							name, fld.Names, path)
					}
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Subset(t, found, []string{"plan.Goal", "cbt.FunctionalAnalysis", "intervention.Consent", "motivation.BalanceItem"},
		"the scan sees the text fields")
}

// exprString renders a field type expression ("[]intervention.Text").
func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.ArrayType:
		return "[]" + exprString(x.Elt)
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	}
	return fmt.Sprintf("%T", e)
}
