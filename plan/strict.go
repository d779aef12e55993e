package plan

import (
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// strictUnmarshal decodes the single JSON value b into v, a non-nil
// pointer, through the library's one strict decoder (see
// intervention.ErrUnknownKey and its siblings): keys match field names
// exactly, repeats, invalid text, null documents and unstorable times are
// refused, and every error names the path of the value that failed without
// quoting the input.
func strictUnmarshal(b []byte, v any) error {
	return wire.Decode(b, v, intervention.ErrInvalid, ErrMalformedJSON)
}
