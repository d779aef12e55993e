package contingency

import (
	"cmp"
	"sort"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// visit is one position in a programme's sequence of visits, in date order:
// a scheduled calendar slot — with the results recorded for it, or none when
// it passed without one (missed) — or, where the programme allows them, an
// unscheduled visit of one result.
type visit struct {
	date intervention.Date
	// at is the standing result's collection time; midnight of date for a
	// slot without a result.
	at time.Time
	// slot is true for a scheduled calendar slot.
	slot bool
	// results are every result recorded for the visit, in recording order.
	results []placed
	// result is the standing result (zero for a missed slot) and class its
	// classification, or the policy's missed outcome.
	result Result
	class  Classification
	// limit says why the visit pays nothing whatever its outcome ("" if none).
	limit  string
	before RunState // schedule state before the visit
	after  RunState // schedule state after it
	award  Award    // what the schedule prices it at (zero when limited)
	// posted is what the ledger was last told the visit is worth, and slips
	// the prize slips the programme drew for it that stand. They come from
	// the programme's own postings, never from the ledger's current state, so
	// that replaying the programme's operations posts what it posted the
	// first time.
	posted Award
	slips  []Slip
}

// placed is a result recorded for a visit and what the policy made of it.
type placed struct {
	result Result
	class  Classification
}

// missed reports whether v is a slot without a result.
func (v *visit) missed() bool { return v.result.SpecimenID == "" }

// ref is the visit's reference on ledger entries: the slot's date
// ("2025-01-08"), or the date and specimen ID of an unscheduled visit
// ("2025-01-09/spec-7").
func (v *visit) ref() string {
	if v.slot {
		return v.date.String()
	}
	return v.date.String() + "/" + v.result.SpecimenID
}

// stand sets the visit's standing result from its results under r; a slot
// without results keeps missed.
func (v *visit) stand(r RecollectionPolicy, missed Classification, loc *time.Location) {
	if len(v.results) == 0 {
		v.result, v.class, v.at = Result{}, missed, v.date.In(loc)
		return
	}
	p := v.results[r.standing(v.results)]
	v.result, v.class, v.at = p.result, p.class, p.result.CollectedAt
}

// compareVisits orders visits by date, then collection time, then reference.
func compareVisits(a, b *visit) int {
	return cmp.Or(a.date.Compare(b.date), a.at.Compare(b.at), cmp.Compare(a.ref(), b.ref()))
}

// sameAward reports whether two awards pay the same.
func sameAward(a, b Award) bool {
	return a.Base.Equal(b.Base) && a.Bonus.Equal(b.Bonus) && a.Draws == b.Draws
}

// position returns where v belongs in vs and whether an equal visit is there.
func position(vs []visit, v *visit) (int, bool) {
	i := sort.Search(len(vs), func(i int) bool { return compareVisits(&vs[i], v) >= 0 })
	return i, i < len(vs) && compareVisits(&vs[i], v) == 0
}

// slotAt returns the position of the slot for date d in vs, and whether it
// is there.
func slotAt(vs []visit, d intervention.Date) (int, bool) {
	i := sort.Search(len(vs), func(i int) bool { return vs[i].date.Compare(d) >= 0 })
	for j := i; j < len(vs) && vs[j].date == d; j++ {
		if vs[j].slot {
			return j, true
		}
	}
	return i, false
}
