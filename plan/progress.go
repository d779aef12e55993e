package plan

import (
	"cmp"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Codes of the plan's own due items.
const (
	// DueInitialPlan: the initial plan must be completed (activated).
	DueInitialPlan = "plan.initial-plan"
	// DueReview: the next periodic review must be completed.
	DueReview = "plan.review"
	// DueCosignature: a co-signature is owed (Ref is the author's signature).
	DueCosignature = "plan.co-signature"
	// DueObjective: an open objective's due date (Ref is the objective).
	DueObjective = "plan.objective"
)

// Progress is a plan's roll-up as of a time: where each objective stands,
// the share of objectives met, every component's own Progress, and what is
// due.
type Progress struct {
	Plan       uuid.UUID          `json:"plan"`
	AsOf       time.Time          `json:"asOf"`
	Status     Status             `json:"status"`
	Objectives []ObjectiveSummary `json:"objectives"`
	// ObjectivesMet is objectives met over objectives not discontinued; not
	// computable when there are none.
	ObjectivesMet intervention.Ratio      `json:"objectivesMet"`
	Components    []intervention.Progress `json:"components"`
	Due           []intervention.Due      `json:"due"`
}

// ObjectiveSummary is one objective's standing.
type ObjectiveSummary struct {
	Objective uuid.UUID         `json:"objective"`
	Status    ObjectiveStatus   `json:"status"`
	Due       intervention.Date `json:"due,omitzero"`
	// Overdue: open, and its due date has passed.
	Overdue bool `json:"overdue"`
}

// Progress returns the plan's roll-up as of asOf, with the plan's due
// items read from timing (see Due). It calls every component's Progress.
func (p *Plan) Progress(asOf time.Time, timing TimingTable) Progress {
	s := p.snap()
	today, _ := intervention.DateOf(asOf, s.cfg.location())
	out := Progress{Plan: s.cfg.ID, AsOf: asOf, Status: s.status, Objectives: []ObjectiveSummary{}, Components: []intervention.Progress{}}
	met, counted := 0, 0
	for _, o := range s.objectives {
		out.Objectives = append(out.Objectives, ObjectiveSummary{
			Objective: o.ID, Status: o.Status, Due: o.Due,
			Overdue: o.Status.Open() && !o.Due.IsZero() && o.Due.Before(today),
		})
		if o.Status != ObjectiveDiscontinued {
			counted++
		}
		if o.Status == ObjectiveMet {
			met++
		}
	}
	out.ObjectivesMet = intervention.RatioOf(met, counted)
	for _, c := range s.components {
		out.Components = append(out.Components, c.Progress(asOf))
	}
	out.Due = s.due(asOf, timing, out.Components)
	return out
}

// Due returns what is due as of asOf, soonest first: the initial plan
// while a draft, the next review while active or under review, owed
// co-signatures, open objectives' due dates, and every component's Due
// items. Deadlines come from timing's row for the plan's jurisdiction and
// setting (none when there is no row). A closed plan owes only
// co-signatures.
//
// Each item is due by the end of its date in the plan's zone and is
// overdue once that date has passed there as of asOf. A timing deadline in
// days or months is dated by the last day of its period; one in hours by
// the day it falls on (the rules P-DUE-INIT-1 and P-COSIGN-1 still judge it
// to the hour).
func (p *Plan) Due(asOf time.Time, timing TimingTable) []intervention.Due {
	s := p.snap()
	var progress []intervention.Progress
	if s.status != StatusClosed {
		for _, c := range s.components {
			progress = append(progress, c.Progress(asOf))
		}
	}
	return s.due(asOf, timing, progress)
}

func (s *state) due(asOf time.Time, timing TimingTable, components []intervention.Progress) []intervention.Due {
	out := []intervention.Due{}
	today := s.cfg.dateOf(asOf)
	add := func(code string, deadline time.Time, ref uuid.UUID) {
		by := s.cfg.dueDate(deadline)
		out = append(out, intervention.Due{Code: code, By: by, Overdue: today.After(by), Ref: ref})
	}
	if s.status == StatusDraft {
		if due, ok := initialDeadline(s.cfg, timing); ok {
			add(DueInitialPlan, due, s.cfg.ID)
		}
	}
	if s.status == StatusActive || s.status == StatusUnderReview {
		if every, ok := reviewPeriod(s.cfg, timing); ok {
			if due, ok := reviewDue(s, every); ok {
				add(DueReview, due, s.cfg.ID)
			}
		}
		for _, o := range s.objectives {
			if o.Status.Open() && !o.Due.IsZero() {
				out = append(out, intervention.Due{Code: DueObjective, By: o.Due, Overdue: today.After(o.Due), Ref: o.ID})
			}
		}
	}
	out = append(out, s.cosignsDue(asOf, timing)...)
	if s.status != StatusClosed {
		for _, pr := range components {
			out = append(out, pr.Due...)
		}
	}
	slices.SortStableFunc(out, func(a, b intervention.Due) int {
		return cmp.Or(a.By.Compare(b.By), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Ref.String(), b.Ref.String()))
	})
	return out
}

// cosignsDue lists the co-signatures owed (not yet given) as of asOf.
func (s *state) cosignsDue(asOf time.Time, timing TimingTable) []intervention.Due {
	if s.cfg.Jurisdiction == "" || s.cfg.Setting == "" {
		return nil
	}
	row, ok := timing.Lookup(s.cfg.Jurisdiction, s.cfg.Setting)
	if !ok || row.Cosign.When == "" || row.Cosign.Within.IsZero() {
		return nil
	}
	c := newCheckCtx(s, asOf)
	var out []intervention.Due
	for _, k := range signedEvents(s) {
		window := signatureWindow(c, k)
		a := firstWithRole(s, window, SignerAuthor)
		if a < 0 || !needsCosign(row.Cosign.When, s.signatures[a]) || firstWithRole(s, window, SignerCosigner) >= 0 {
			continue
		}
		by := s.cfg.dueDate(row.Cosign.Within.Deadline(s.signatures[a].SignedAt, c.loc))
		out = append(out, intervention.Due{Code: DueCosignature, By: by, Overdue: c.today.After(by), Ref: s.signatures[a].ID})
	}
	return out
}

// dueDate returns the civil day, in the plan's zone, that a deadline instant
// closes: the day holding the last instant before it. A deadline in days or
// months ends at midnight, so the day is the last day of the period (7 days
// after 3 March is due by the end of 10 March); a deadline in hours is due
// by the end of the day it falls on, while the rules keep its hour.
func (c Config) dueDate(deadline time.Time) intervention.Date {
	return c.dateOf(deadline.Add(-time.Nanosecond))
}
