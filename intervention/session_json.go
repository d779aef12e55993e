package intervention

import (
	"bytes"

	"github.com/recoverykit/psychosocial/internal/wire"
)

// sessionJSON is Session without its methods.
type sessionJSON Session

// UnmarshalJSON decodes s strictly, as every document of the library is
// decoded (see ErrUnknownKey and its siblings): keys match exactly, and a
// start time outside TimeMinYear–TimeMaxYear or with an offset RFC 3339
// cannot write is refused. It does not validate s (Validate does). JSON
// null is a no-op, as encoding/json has it; on error *s is unchanged.
func (s *Session) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var v sessionJSON
	if err := wire.Decode(b, &v, ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	*s = Session(v)
	return nil
}
