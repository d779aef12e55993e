package plan_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// The plan document's schema evolution (docs/schema-evolution.md): 1.1
// added contentHash to revisions and signatures, an optional key a 1.0
// reader skips; brief documents inside it went from 1 to 2 (the zone key
// "location" became "timeZone").

// revisionV10 and signatureV10 are a revision and a signature as a plan
// 1.0 reader knew them: without contentHash.
type revisionV10 struct {
	ID        uuid.UUID   `json:"id"`
	Seq       int         `json:"seq"`
	By        uuid.UUID   `json:"by"`
	At        time.Time   `json:"at"`
	Reason    plan.Reason `json:"reason"`
	From      plan.Status `json:"from"`
	To        plan.Status `json:"to"`
	Added     []uuid.UUID `json:"added,omitzero"`
	Changed   []uuid.UUID `json:"changed,omitzero"`
	InputHash string      `json:"inputHash"`
}

type signatureV10 struct {
	ID         uuid.UUID          `json:"id"`
	Revision   uuid.UUID          `json:"revision"`
	Role       plan.SignerRole    `json:"role"`
	Signer     uuid.UUID          `json:"signer"`
	Credential string             `json:"credential,omitzero"`
	Qualified  bool               `json:"qualified,omitzero"`
	SignedAt   time.Time          `json:"signedAt"`
	Declined   plan.DeclineReason `json:"declined,omitzero"`
}

// planV10 is the plan document as a 1.0 reader decodes it; the members
// this test does not look into stay raw.
type planV10 struct {
	SchemaVersion     string          `json:"schemaVersion"`
	ID                uuid.UUID       `json:"id"`
	Patient           uuid.UUID       `json:"patient"`
	Jurisdiction      string          `json:"jurisdiction,omitzero"`
	Setting           string          `json:"setting,omitzero"`
	Admitted          time.Time       `json:"admitted"`
	End               json.RawMessage `json:"end,omitzero"`
	TimeZone          string          `json:"timeZone"`
	Status            plan.Status     `json:"status"`
	LevelsOfCare      json.RawMessage `json:"levelsOfCare"`
	Problems          json.RawMessage `json:"problems"`
	Goals             json.RawMessage `json:"goals"`
	Objectives        json.RawMessage `json:"objectives"`
	Interventions     json.RawMessage `json:"interventions"`
	Strengths         json.RawMessage `json:"strengths"`
	DischargeCriteria json.RawMessage `json:"dischargeCriteria"`
	Participation     json.RawMessage `json:"participation"`
	Components        json.RawMessage `json:"components"`
	Revisions         []revisionV10   `json:"revisions"`
	Reviews           json.RawMessage `json:"reviews"`
	Signatures        []signatureV10  `json:"signatures"`
	Sessions          json.RawMessage `json:"sessions"`
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// TestPlanV10ReaderReadsV11 simulates a server still on plan schema 1.0
// during a rolling deploy: it reads the 1.1 golden document, skipping the
// contentHash keys it does not know, and would refuse them in a document
// that declared 1.0.
func TestPlanV10ReaderReadsV11(t *testing.T) {
	golden := readTestdata(t, "plan.golden.json")
	reader := wire.Schema{Current: "1", Refused: plan.ErrSchemaVersion}
	var old planV10
	require.NoError(t, reader.Decode(golden, &old, intervention.ErrInvalid, plan.ErrMalformedJSON))
	assert.Equal(t, plan.SchemaVersion, old.SchemaVersion)
	require.Len(t, old.Revisions, 5)
	assert.Equal(t, plan.ReasonInitial, old.Revisions[0].Reason)
	assert.NotEmpty(t, old.Revisions[0].InputHash)
	require.Len(t, old.Signatures, 4)
	assert.Equal(t, old.Revisions[0].ID, old.Signatures[0].Revision)

	declared10 := strings.Replace(string(golden), `"schemaVersion": "1.1"`, `"schemaVersion": "1"`, 1)
	err := reader.Decode([]byte(declared10), &planV10{}, intervention.ErrInvalid, plan.ErrMalformedJSON)
	require.ErrorIs(t, err, intervention.ErrUnknownKey, "a document of the reader's own version stays strict")
}

// TestPlanReadsVersion1 reads the golden document as the library wrote it
// before this change (plan "1", its brief component "1" with "location"):
// it decodes, and encodes again as the current golden document.
func TestPlanReadsVersion1(t *testing.T) {
	v1 := readTestdata(t, "plan_v1.json")
	require.Contains(t, string(v1), `"location": "UTC"`)
	_, codec := goldenPlan(t)
	p, err := codec.Unmarshal(v1)
	require.NoError(t, err)
	got, err := codec.Marshal(p)
	require.NoError(t, err)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, readTestdata(t, "plan.golden.json")))
	assert.Equal(t, compact.String(), string(got), "upgraded on read, written as the current version")
}

// TestPlanNewerVersions reads documents from later library versions: a
// later minor's additions are skipped; a later major is ErrNewerSchema.
func TestPlanNewerVersions(t *testing.T) {
	golden := string(readTestdata(t, "plan.golden.json"))
	_, codec := goldenPlan(t)

	newerMinor := strings.Replace(golden, `"schemaVersion": "1.1"`, `"schemaVersion": "1.2", "addedIn12": {"any": ["shape"]}`, 1)
	newerMinor = strings.Replace(newerMinor, `"seq": 1,`, `"seq": 1, "reviewNote": "added in 1.2",`, 1)
	p, err := codec.Unmarshal([]byte(newerMinor))
	require.NoError(t, err, "a 1.2 document is read by skipping what 1.2 added")
	assert.Equal(t, plan.StatusActive, p.Status())
	again, err := codec.Marshal(p)
	require.NoError(t, err)
	assert.NotContains(t, string(again), "added in 1.2", "written back as 1.1, without the additions")

	for _, v := range []string{"2", "2.1", "17"} {
		doc := strings.Replace(golden, `"schemaVersion": "1.1"`, `"schemaVersion": "`+v+`"`, 1)
		p, err := codec.Unmarshal([]byte(doc))
		assert.Nil(t, p)
		require.ErrorIs(t, err, intervention.ErrNewerSchema, v)
		require.ErrorIs(t, err, plan.ErrSchemaVersion, v)
		assert.Equal(t, []string{"schemaVersion"}, paths(err))
		var se *intervention.SchemaError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, v, se.Seen.String())
		assert.Equal(t, "1.1", se.Supported.String())
	}
	for _, v := range []string{"", "1.0", "0", "secret"} {
		doc := strings.Replace(golden, `"schemaVersion": "1.1"`, `"schemaVersion": "`+v+`"`, 1)
		_, err := codec.Unmarshal([]byte(doc))
		require.ErrorIs(t, err, intervention.ErrSchemaSyntax, v)
		require.ErrorIs(t, err, plan.ErrSchemaVersion, v)
		assert.NotContains(t, err.Error(), "secret")
	}
}
