package fhir_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// update rewrites the golden files: go test ./plan/fhir -run TestGolden -update
var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenCases are the documents whose JSON is pinned in testdata and
// validated against the FHIR R4 definitions by validate/validate.sh.
func goldenCases(t *testing.T) map[string]func() (*fhir.Bundle, error) {
	t.Helper()
	return map[string]func() (*fhir.Bundle, error){
		"quickstart-plan": func() (*fhir.Bundle, error) {
			opts := options(plantest.Day(60))
			opts.IncludePatientWords = true
			opts.Consents = []intervention.Consent{tpoConsent()}
			return fhir.Export(quickstartPlan(t), subject(), opts)
		},
		"sbirt-screening": func() (*fhir.Bundle, error) {
			return fhir.ExportScreening(subject(), auditScreening(t), options(plantest.Admitted().Add(2*3600e9)))
		},
		"cm-programme": func() (*fhir.Bundle, error) {
			return fhir.ExportContingency(subject(), cmProgram(t, plantest.ComponentID(3)), options(plantest.Day(30)))
		},
		"family-therapy": func() (*fhir.Bundle, error) {
			return fhir.ExportFamily(subject(), familyTherapy(t, plantest.ComponentID(4)), options(plantest.Day(45)))
		},
	}
}

// indented returns b's JSON, indented by two spaces, with a final newline.
func indented(t *testing.T, b *fhir.Bundle) []byte {
	t.Helper()
	raw, err := json.Marshal(b)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, json.Indent(&out, raw, "", "  "))
	out.WriteByte('\n')
	return out.Bytes()
}

func TestGolden(t *testing.T) {
	for name, export := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			b, err := export()
			require.NoError(t, err)
			got := indented(t, b)
			again, err := export()
			require.NoError(t, err)
			assert.Equal(t, string(got), string(indented(t, again)), "export is deterministic")
			requireResolves(t, got)

			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o600))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./plan/fhir -run TestGolden -update")
			assert.Equal(t, string(want), string(got))
		})
	}
}

// requireResolves checks a Bundle's JSON independently of Bundle.Verify:
// a document whose first entry is its Composition, unique fullUrls, and
// every "reference" anywhere resolving to a fullUrl of the Bundle whose
// resource has the type the reference names.
func requireResolves(t *testing.T, raw []byte) {
	t.Helper()
	var doc struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Entry        []struct {
			FullURL  string         `json:"fullUrl"`
			Resource map[string]any `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.Equal(t, "Bundle", doc.ResourceType)
	require.Equal(t, "document", doc.Type)
	require.NotEmpty(t, doc.Entry)
	require.Equal(t, "Composition", doc.Entry[0].Resource["resourceType"])
	types := map[string]string{}
	for _, e := range doc.Entry {
		_, dup := types[e.FullURL]
		require.False(t, dup, "duplicate fullUrl %s", e.FullURL)
		id, ok := e.Resource["id"].(string)
		require.True(t, ok, "entry without id")
		require.Equal(t, "urn:uuid:"+id, e.FullURL)
		rt, ok := e.Resource["resourceType"].(string)
		require.True(t, ok, "entry without resourceType")
		types[e.FullURL] = rt
	}
	refs := 0
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["reference"].(string); ok {
				refs++
				typ, found := types[ref]
				assert.True(t, found, "reference %s does not resolve", ref)
				if want, ok := x["type"].(string); ok && found {
					assert.Equal(t, want, typ, "reference %s", ref)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, e := range doc.Entry {
		walk(e.Resource)
	}
	assert.Positive(t, refs)
}
