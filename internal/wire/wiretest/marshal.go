package wiretest

import (
	"bytes"
	"encoding/json"

	"github.com/recoverykit/psychosocial/intervention"
)

// Marshal encodes v as a test stores it: a record that holds PHI by its
// MarshalDocument (its MarshalJSON refuses), anything else by json.Marshal.
func Marshal(v any) ([]byte, error) {
	if d, ok := v.(intervention.DocumentMarshaler); ok {
		return d.MarshalDocument()
	}
	return json.Marshal(v)
}

// MarshalIndent is Marshal, indented as json.MarshalIndent indents.
func MarshalIndent(v any, prefix, indent string) ([]byte, error) {
	b, err := Marshal(v)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, prefix, indent); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
