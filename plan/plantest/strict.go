package plantest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/recoverykit/psychosocial/intervention"
)

// ErrMalformed means a test component document is not valid.
var ErrMalformed = fmt.Errorf("plantest: malformed document: %w", intervention.ErrInvalid)

// strictDecode decodes exactly one JSON value into v, rejecting unknown fields.
func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, intervention.ErrInvalid) {
			return err
		}
		return ErrMalformed
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return ErrMalformed
	}
	return nil
}
