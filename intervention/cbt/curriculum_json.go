package cbt

import (
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// curriculumJSON is Curriculum without its methods.
type curriculumJSON Curriculum

// UnmarshalJSON decodes a curriculum strictly, as every document of the
// library is decoded (see intervention.ErrUnknownKey and its siblings): a
// curriculum is data a host may load, and a misspelt key must not silently
// drop a constraint. It does not validate c (Validate does). On error *c
// is unchanged.
func (c *Curriculum) UnmarshalJSON(b []byte) error {
	var v curriculumJSON
	if err := wire.Decode(b, &v, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	*c = Curriculum(v)
	return nil
}
