package fhir_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

const xhtml = "http://www.w3.org/1999/xhtml"

// narrativeElements are the XHTML elements the narratives may use: a
// subset of what FHIR R4 allows (invariant txt-1).
var narrativeElements = []string{"div", "p", "b", "table", "tbody", "tr", "th", "td", "ul", "li"}

// checkDiv reports why div is not a valid FHIR narrative div: XML whose
// root is an XHTML <div>, only allowed elements, no attribute but the
// namespace, and some non-whitespace text (txt-1, txt-2).
func checkDiv(div string) error {
	dec := xml.NewDecoder(strings.NewReader(div))
	depth, roots, text := 0, 0, ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if x.Name.Local != "div" {
					return errors.New("root is not a div")
				}
			}
			if x.Name.Space != xhtml {
				return errors.New("element outside the XHTML namespace: " + x.Name.Local)
			}
			if !slices.Contains(narrativeElements, x.Name.Local) {
				return errors.New("element not allowed: " + x.Name.Local)
			}
			for _, a := range x.Attr {
				if a.Name.Local != "xmlns" || depth > 0 {
					return errors.New("attribute not allowed: " + a.Name.Local)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(x)) != "" {
				return errors.New("text outside the div")
			}
			text += string(x)
		default:
			return errors.New("not element or text content")
		}
	}
	switch {
	case roots != 1:
		return errors.New("not exactly one root div")
	case strings.TrimSpace(text) == "":
		return errors.New("no text")
	}
	return nil
}

// bundleJSON is the part of a Bundle's JSON the narrative tests walk.
type bundleJSON struct {
	Entry []struct {
		Resource map[string]any `json:"resource"`
	} `json:"entry"`
}

// obj requires v to be a JSON object.
func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object: %v", v)
	return m
}

// str requires v to be a JSON string.
func str(t *testing.T, v any) string {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "not a string: %v", v)
	return s
}

// requireNarrative requires resource (JSON) to have a generated narrative
// whose div is valid, and returns the div.
func requireNarrative(t *testing.T, text any, where string) string {
	t.Helper()
	n, ok := text.(map[string]any)
	require.True(t, ok, "%s has no text", where)
	div, _ := n["div"].(string)
	require.NoError(t, checkDiv(div), "%s: %s", where, div)
	return div
}

// TestNarratives walks every golden document and the plan exported with
// every text option: every resource (the Composition, CarePlan, Goals and
// Observations included), and every Composition section, has a narrative
// whose div is valid XHTML in the XHTML namespace, generated except the
// §2.32 notice's.
func TestNarratives(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.golden.json"))
	require.NoError(t, err)
	require.Len(t, files, len(goldenCases(t)), "every golden document is checked")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			requireNarratives(t, raw)
		})
	}
	yes := map[bool]string{false: "no", true: "yes"}
	for _, words := range []bool{false, true} {
		for _, omit := range []bool{false, true} {
			t.Run("plan words="+yes[words]+" omit="+yes[omit], func(t *testing.T) {
				o := options(plantest.Day(60))
				o.IncludePatientWords, o.OmitClinicalText = words, omit
				o.Consents = []intervention.Consent{tpoConsent()}
				b, err := fhir.Export(quickstartPlan(t), subject(), o)
				require.NoError(t, err)
				requireNarratives(t, []byte(marshal(t, b)))
			})
		}
	}
}

// requireNarratives requires every entry resource of the Bundle raw and
// every section of its Composition to have a valid narrative, generated
// except the notice section's, and the CarePlan, Goal and Observation
// entries among them where the document has them.
func requireNarratives(t *testing.T, raw []byte) {
	t.Helper()
	var doc bundleJSON
	require.NoError(t, json.Unmarshal(raw, &doc))
	seen := map[string]int{}
	for i, e := range doc.Entry {
		rt, _ := e.Resource["resourceType"].(string)
		where := rt + " " + str(t, e.Resource["id"])
		requireNarrative(t, e.Resource["text"], where)
		assert.Equal(t, "generated", obj(t, e.Resource["text"])["status"], where)
		seen[rt]++
		if i != 0 {
			continue
		}
		sections, _ := e.Resource["section"].([]any)
		require.NotEmpty(t, sections)
		for j, s := range sections {
			sec := obj(t, s)
			div := requireNarrative(t, sec["text"], "section "+str(t, sec["title"]))
			status := obj(t, sec["text"])["status"]
			if j == len(sections)-1 {
				assert.Equal(t, "additional", status, "the notice is fixed text")
				continue
			}
			assert.Equal(t, "generated", status)
			assert.Contains(t, div, "<li>", "a section lists its entries")
		}
	}
	assert.Equal(t, 1, seen["Composition"])
	assert.Positive(t, seen["Observation"], "every document has an Observation")
}

// draftPlan returns a draft plan with one problem, an MI component, a
// level of care and the goals ops add.
func draftPlan(t *testing.T, ops ...plan.Op) *plan.Plan {
	t.Helper()
	p := plantest.New(t)
	all := append([]plan.Op{
		plan.AttachComponent(plantest.MIComponent(t, plantest.ComponentID(1))),
		plan.PutProblem(plan.Problem{ID: plantest.ProblemID(1), Statement: intervention.NewText("CLIN-MARKER problem"), Diagnoses: []plan.DiagnosisCode{"F10.20"}}),
		plan.SetLevelOfCare(plantest.LevelOfCare(1)),
	}, ops...)
	_, _, err := p.Edit(plantest.Change(1, plan.ReasonInitial, plantest.Day(1)), all...)
	require.NoError(t, err)
	return p
}

// TestNarrativePHIMarker: the patient's own words appear in no narrative
// unless the export carries them (IncludePatientWords), and then only in
// the narrative of the Goal that carries them; clinical wording appears in
// no narrative when it is omitted; section narratives never hold free
// text.
func TestNarrativePHIMarker(t *testing.T) {
	const marker = "PHI-MARKER-7f3a"
	p := draftPlan(t,
		plan.PutGoal(plan.Goal{ID: plantest.GoalID(3), Problem: plantest.ProblemID(1), PatientWords: intervention.NewText(marker + " own words"),
			Clinical: intervention.NewText("CLIN-MARKER clinical wording")}),
		plan.PutGoal(plan.Goal{ID: plantest.GoalID(4), Problem: plantest.ProblemID(1), PatientWords: intervention.NewText(marker + " only words")}))
	for _, words := range []bool{false, true} {
		for _, omit := range []bool{false, true} {
			o := options(plantest.Day(60))
			o.IncludePatientWords, o.OmitClinicalText = words, omit
			b, err := fhir.Export(p, subject(), o)
			require.NoError(t, err)
			raw := marshal(t, b)
			var doc bundleJSON
			require.NoError(t, json.Unmarshal([]byte(raw), &doc))
			var holders []string // ids of the resources whose narrative holds the marker
			for _, e := range doc.Entry {
				div := str(t, obj(t, e.Resource["text"])["div"])
				if strings.Contains(div, "CLIN-MARKER") {
					assert.False(t, omit, "clinical wording in a narrative although omitted")
				}
				if strings.Contains(div, marker) {
					holders = append(holders, str(t, e.Resource["id"]))
				}
				if e.Resource["resourceType"] == "Composition" {
					sections, ok := e.Resource["section"].([]any)
					require.True(t, ok)
					for _, s := range sections {
						sd := str(t, obj(t, obj(t, s)["text"])["div"])
						assert.NotContains(t, sd, marker, "a section narrative holds no free text")
						assert.NotContains(t, sd, "CLIN-MARKER", "a section narrative holds no free text")
					}
				}
			}
			if !words {
				assert.NotContains(t, raw, marker, "words=%v omit=%v: the patient's words are nowhere", words, omit)
				assert.Empty(t, holders)
				continue
			}
			want := []string{fhir.ResourceID("Goal", plantest.GoalID(3)), fhir.ResourceID("Goal", plantest.GoalID(4))}
			assert.ElementsMatch(t, want, holders, "only the Goals that carry the words narrate them")
			assert.Equal(t, 2*2, strings.Count(raw, marker), "once in the Goal's data, once in its narrative")
		}
	}
}

// TestNarrativeEscapes: markup in clinical wording is text, never markup.
func TestNarrativeEscapes(t *testing.T) {
	nasty := "<script>alert(\"x\")</script> & <img src=\"http://e.example/x\"> 'q' \x01\x1f"
	p := draftPlan(t, plan.PutGoal(plan.Goal{ID: plantest.GoalID(3), Problem: plantest.ProblemID(1), Clinical: intervention.NewText(nasty)}))
	b, err := fhir.Export(p, subject(), options(plantest.Day(60)))
	require.NoError(t, err)
	g := resource[*fhir.Goal](t, b, "Goal", plantest.GoalID(3))
	require.NotNil(t, g.Text)
	require.NoError(t, checkDiv(g.Text.Div))
	assert.NotContains(t, g.Text.Div, "<script")
	assert.NotContains(t, g.Text.Div, "<img")
	var v struct {
		Text string `xml:",chardata"`
		All  string `xml:",innerxml"`
	}
	require.NoError(t, xml.Unmarshal([]byte(g.Text.Div), &v))
	assert.Contains(t, v.All, "&lt;script&gt;")
}
