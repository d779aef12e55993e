package plantest

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// ErrMalformed means a test component document is not valid.
var ErrMalformed = fmt.Errorf("plantest: malformed document: %w", intervention.ErrInvalid)

// strictDecode decodes exactly one JSON value into v through the library's
// strict decoder.
func strictDecode(b []byte, v any) error {
	return wire.Decode(b, v, intervention.ErrInvalid, ErrMalformed)
}
