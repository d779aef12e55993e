package contingency

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/recoverykit/psychosocial/intervention"
)

// Priced is one visit of a programme priced from scratch: the result that
// stands for it (zero for a scheduled date that passed without one), its
// date, what the policy made of it, and what the schedule pays for it before
// caps.
type Priced struct {
	Date           intervention.Date `json:"date"`
	Result         Result            `json:"result,omitzero"`
	Missed         bool              `json:"missed,omitzero"`
	Classification Classification    `json:"classification"`
	Award          Award             `json:"award"`
	// Limit names the programme limit that made the visit pay nothing, if any.
	Limit string `json:"limit,omitzero"`
}

// Price replays results through the programme from scratch, without a
// ledger: the visits in date order (scheduled dates before the last visit
// without a result count as missed; recollections are settled by the
// RecollectionPolicy; results on unscheduled days are left out unless the
// programme allows them) and what each is worth before caps.
// It is what a Program posts for the same results under FullRecompute, and
// the way to audit a caseload or try a schedule change (a pure function:
// the same results always price the same).
//
// Results may come in any order; a SpecimenID may appear once. Errors wrap
// intervention.ErrInvalid with paths under "results[i]".
func (c ProgramConfig) Price(results []Result) ([]Priced, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.Reconcile == "" {
		c.Reconcile = FullRecompute
	}
	p := &Program{cfg: c, visits: make([]visit, 0, len(results)+len(results)/4)}
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(results[a].CollectedAt.Compare(results[b].CollectedAt), cmp.Compare(results[a].SpecimenID, results[b].SpecimenID))
	})
	seen := make(map[string]bool, len(results))
	var errs []error
	for _, i := range order {
		r := results[i]
		r.CollectedAt = r.CollectedAt.UTC()
		pl, err := p.place(r)
		if err == nil && seen[r.SpecimenID] {
			err = intervention.Field("result.specimenId", intervention.ErrDuplicate)
		}
		if err != nil {
			errs = append(errs, reroot(err, "result", intervention.Index("results", i)))
			continue
		}
		seen[r.SpecimenID] = true
		if !pl.priced {
			continue
		}
		from, tail := p.plan(r, pl)
		p.visits = append(p.visits[:from], tail...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]Priced, len(p.visits))
	for i := range p.visits {
		v := &p.visits[i]
		out[i] = Priced{Date: v.date, Result: v.result, Missed: v.missed(), Classification: v.class, Award: v.award, Limit: v.limit}
	}
	return out, nil
}

// reroot moves the FieldErrors in err from path root from to root to:
// "result.readings" becomes "results[3].readings".
func reroot(err error, from, to string) error {
	fes := intervention.FieldErrors(err)
	if len(fes) == 0 {
		return intervention.Prefix(to, err)
	}
	var out []error
	for _, fe := range fes {
		rest := strings.TrimPrefix(strings.TrimPrefix(fe.Field, from), ".")
		out = append(out, intervention.Field(intervention.JoinPath(to, rest), fe.Err))
	}
	return errors.Join(out...)
}
