// Package wiretest checks that a document kind keeps the schema evolution
// contract of package wire (docs/schema-evolution.md). Every document
// kind's tests call Evolution with its golden document.
package wiretest

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// Evolution checks decode, a document kind's decoder, against golden, one
// of its documents at version current: golden decodes; the same document
// declaring a later minor version and holding a key that minor added
// decodes too; one declaring a later major version is ErrNewerSchema, and
// one with a malformed version ErrSchemaSyntax, both at "schemaVersion",
// both matching refused (the kind's own rule) and wire.ErrInvalid, neither
// quoting the input.
func Evolution(t *testing.T, golden []byte, current string, decode func([]byte) error, refused error) {
	t.Helper()
	v, ok := wire.ParseVersion(current)
	require.True(t, ok, "the kind's version is canonical")
	require.NoError(t, decode(golden), "the golden document")

	newer := wire.Version{Major: v.Major, Minor: v.Minor + 1}
	require.NoError(t, decode(withVersion(t, golden, newer.String(), true)), "a later minor's addition is skipped")
	require.ErrorIs(t, decode(withVersion(t, golden, current, true)), wire.ErrUnknownKey, "but not at the current version")

	for _, tc := range []struct {
		version string
		rule    error
	}{
		{wire.Version{Major: v.Major + 1}.String(), wire.ErrNewerSchema},
		{wire.Version{Major: v.Major + 1, Minor: 2}.String(), wire.ErrNewerSchema},
		{"secret", wire.ErrSchemaSyntax},
		{current + ".0", wire.ErrSchemaSyntax},
	} {
		err := decode(withVersion(t, golden, tc.version, false))
		require.ErrorIs(t, err, tc.rule, tc.version)
		require.ErrorIs(t, err, refused, tc.version)
		require.ErrorIs(t, err, wire.ErrInvalid, tc.version)
		var fe *wire.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "schemaVersion", fe.Field)
		assert.NotContains(t, err.Error(), "secret")
		var se *wire.SchemaError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, v, se.Supported)
	}
}

// EvolutionFile is Evolution with the golden document read from path.
func EvolutionFile(t *testing.T, path, current string, decode func([]byte) error, refused error) {
	t.Helper()
	golden, err := os.ReadFile(path) //nolint:gosec // a test's own testdata
	require.NoError(t, err)
	Evolution(t, golden, current, decode, refused)
}

// withVersion returns doc declaring version, with a key no version defines
// when added is set.
func withVersion(t *testing.T, doc []byte, version string, added bool) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(doc, &m))
	m["schemaVersion"], _ = json.Marshal(version)
	if added {
		m["addedByALaterMinor"] = json.RawMessage(`{"any":["shape",1]}`)
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}
