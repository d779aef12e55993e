package wiretest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire"
)

var errKind = fmt.Errorf("kind: unsupported schemaVersion: %w", wire.ErrInvalid)

type kindDoc struct {
	SchemaVersion string `json:"schemaVersion"`
	Name          string `json:"name"`
}

func TestEvolution(t *testing.T) {
	schema := wire.Schema{Current: "3.2", Refused: errKind}
	decode := func(b []byte) error { return schema.Decode(b, &kindDoc{}, wire.ErrInvalid, wire.ErrInvalid) }
	Evolution(t, []byte(`{"schemaVersion":"3.2","name":"a"}`), "3.2", decode, errKind)
	path := filepath.Join(t.TempDir(), "doc.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"schemaVersion":"3.2","name":"b"}`), 0o600))
	EvolutionFile(t, path, "3.2", decode, errKind)
}
