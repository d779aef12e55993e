package billing

import (
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// The method-free forms the strict decoder fills.
type (
	resultJSON    Result
	bandTableJSON BandTable
)

// UnmarshalJSON decodes r strictly, as every document of the library is
// decoded (see intervention.ErrUnknownKey and its siblings): an unknown
// key, a key in another case or a repeated key is an error naming the
// path, never the key. On error *r is unchanged.
func (r *Result) UnmarshalJSON(b []byte) error {
	var v resultJSON
	if err := wire.Decode(b, &v, intervention.ErrInvalid, intervention.ErrMalformedJSON); err != nil {
		return err
	}
	*r = Result(v)
	return nil
}

// UnmarshalJSON decodes t strictly, as Result.UnmarshalJSON does. It does
// not validate t (Validate does). On error *t is unchanged.
func (t *BandTable) UnmarshalJSON(b []byte) error {
	var v bandTableJSON
	if err := wire.Decode(b, &v, intervention.ErrInvalid, intervention.ErrMalformedJSON); err != nil {
		return err
	}
	*t = BandTable(v)
	return nil
}
