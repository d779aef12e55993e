package contingency

import (
	"cmp"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// visit is one position in a programme's sequence of visits, in collection
// order: a recorded result, or a scheduled date that passed without one.
type visit struct {
	date   intervention.Date
	at     time.Time // collection time; midnight of date for a derived missed visit
	result Result    // zero for a derived missed visit
	class  Classification
	// limit says why the visit pays nothing whatever its outcome ("" if none).
	limit  string
	before RunState // schedule state before the visit
	after  RunState // schedule state after it
	award  Award    // what the schedule prices it at (zero when limited)
	paid   Award    // what the ledger was last told to pay for it
	// credits are the ledger entries (earn, bonus, prize) now paying for the
	// visit: what a re-pricing reverses. They come from the programme's own
	// receipts, never from the ledger's current state, so that replaying the
	// programme's operations posts exactly what it posted the first time.
	credits []uuid.UUID
	// revision counts how often the payout was reposted; it keys entries.
	revision int
}

// missed reports whether v is a derived missed visit (no result recorded).
func (v *visit) missed() bool { return v.result.SpecimenID == "" }

// ref is the visit's reference on ledger entries: the specimen ID, or
// "missed:YYYY-MM-DD" for a derived missed visit.
func (v *visit) ref() string {
	if v.missed() {
		return "missed:" + v.date.String()
	}
	return v.result.SpecimenID
}

// compareVisits orders visits by collection time, then reference.
func compareVisits(a, b *visit) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return cmp.Compare(a.ref(), b.ref())
}

// sameAward reports whether two awards pay the same.
func sameAward(a, b Award) bool {
	return a.Base.Equal(b.Base) && a.Bonus.Equal(b.Bonus) && a.Draws == b.Draws
}

// position returns where v belongs in vs and whether an equal visit is there.
func position(vs []visit, v *visit) (int, bool) {
	return slices.BinarySearchFunc(vs, v, func(e visit, t *visit) int { return compareVisits(&e, t) })
}
