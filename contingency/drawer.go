package contingency

import (
	"math/rand/v2"

	"github.com/recoverykit/psychosocial/intervention"
)

// BowlDrawer draws from Bowl with the caller's seeded Rand: the usual Drawer
// for a prize-bowl programme. Record the seed with the programme so that an
// auditor can replay the draws.
type BowlDrawer struct {
	Bowl *Bowl
	Rand *rand.Rand
}

// Draw draws n slips. It fails with intervention.ErrMissing when Bowl or
// Rand is nil.
func (d BowlDrawer) Draw(n int) ([]Slip, error) {
	if d.Bowl == nil {
		return nil, intervention.Field("bowl", intervention.ErrMissing)
	}
	return d.Bowl.Draw(d.Rand, n)
}
