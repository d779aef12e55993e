package wiretest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
)

// document is a record whose JSON is refused and whose document is not.
type document struct{}

func (document) MarshalDocument() ([]byte, error) { return []byte(`{"doc":[1,2]}`), nil }

func (document) MarshalJSON() ([]byte, error) { return []byte(`"refused"`), nil }

func TestMarshal(t *testing.T) {
	b, err := wiretest.Marshal(document{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"doc":[1,2]}`, string(b), "a DocumentMarshaler writes its document")
	b, err = wiretest.Marshal(map[string]int{"a": 1})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1}`, string(b))
	b, err = wiretest.MarshalIndent(document{}, "", "  ")
	require.NoError(t, err)
	assert.Contains(t, string(b), "{\n  \"doc\": [\n    1,", "indented")
	_, err = wiretest.MarshalIndent(make(chan int), "", "  ")
	require.Error(t, err)
}
