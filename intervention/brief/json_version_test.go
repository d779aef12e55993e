package brief_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/brief"
)

// v1Form rewrites a version 2 document as version 1 wrote it: the same
// content, its time zone under "location".
func v1Form(t *testing.T, doc []byte) string {
	t.Helper()
	s := strings.Replace(string(doc), `"schemaVersion":"2"`, `"schemaVersion":"1"`, 1)
	s = strings.Replace(s, `"timeZone":`, `"location":`, 1)
	require.NotEqual(t, string(doc), s)
	return s
}

// TestJSONUpgradeFromV1 reads the document version 1 wrote, which named
// the zone "location": the 1 → 2 step renames it, and the intervention
// decodes to the same value, written back as version 2.
func TestJSONUpgradeFromV1(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	b := biNew(t, func(c *brief.Config) { c.Location = la })
	_, err = b.Deliver(biDelivery(1, 20))
	require.NoError(t, err)
	require.NoError(t, b.Refer(uuid.UUID{15: 9}, "iop", biDay(t, "2025-03-04"), "c1"))
	current, err := wiretest.Marshal(b)
	require.NoError(t, err)

	var back brief.Intervention
	require.NoError(t, json.Unmarshal([]byte(v1Form(t, current)), &back), "a version 1 document is upgraded")
	again, err := wiretest.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(current), string(again), "and written back as version 2, byte for byte")
	assert.Equal(t, "America/Los_Angeles", back.Config().Location.String())
	wiretest.Evolution(t, current, brief.SchemaVersion, func(b []byte) error {
		return json.Unmarshal(b, &brief.Intervention{})
	}, brief.ErrSchemaVersion)

	for name, tc := range map[string]struct {
		doc   string
		rules []error
		path  string
	}{
		"version 2 has no location": {
			strings.Replace(string(current), `"timeZone":`, `"location":`, 1), []error{intervention.ErrUnknownKey}, "",
		},
		"version 1 with both keys": {
			strings.Replace(v1Form(t, current), `"location":`, `"timeZone":"UTC","location":`, 1), []error{intervention.ErrDuplicateKey}, "timeZone",
		},
		"version 1 zone unknown": {
			strings.Replace(v1Form(t, current), "America/Los_Angeles", "Mars/Olympus", 1), []error{intervention.ErrUnknownValue}, "timeZone",
		},
		"newer major": {
			strings.Replace(string(current), `"schemaVersion":"2"`, `"schemaVersion":"3"`, 1),
			[]error{intervention.ErrNewerSchema, brief.ErrSchemaVersion}, "schemaVersion",
		},
		"not a version": {
			strings.Replace(string(current), `"schemaVersion":"2"`, `"schemaVersion":"2.0"`, 1),
			[]error{intervention.ErrSchemaSyntax, brief.ErrSchemaVersion}, "schemaVersion",
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tc.doc), &brief.Intervention{})
			require.ErrorIs(t, err, intervention.ErrInvalid)
			for _, r := range tc.rules {
				require.ErrorIs(t, err, r)
			}
			var fe *intervention.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.path, fe.Field)
			assert.NotContains(t, err.Error(), "Mars")
		})
	}
}

// TestJSONNewerMinor reads a document of a later minor version of 2: the
// keys it added are skipped, everything else decodes as usual.
func TestJSONNewerMinor(t *testing.T) {
	b := biNew(t, nil)
	current, err := wiretest.Marshal(b)
	require.NoError(t, err)
	newer := strings.Replace(string(current), `"schemaVersion":"2"`, `"schemaVersion":"2.1","addedIn21":{"x":1}`, 1)
	var back brief.Intervention
	require.NoError(t, json.Unmarshal([]byte(newer), &back))
	again, err := wiretest.Marshal(&back)
	require.NoError(t, err)
	assert.Equal(t, string(current), string(again), "written back as 2, without the addition")

	var se *intervention.SchemaError
	err = json.Unmarshal([]byte(strings.Replace(string(current), `"schemaVersion":"2"`, `"schemaVersion":"3"`, 1)), &back)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "3", se.Seen.String())
	assert.Equal(t, brief.SchemaVersion, se.Supported.String())
}
