package plan

import (
	"errors"
	"slices"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// maxLogIDs bounds the IDs one revision or review record lists.
const maxLogIDs = 100000

// validate reports every inconsistency of a decoded state: invalid
// elements, IDs used twice, references to nothing, a revision log whose
// sequence, times or status chain could not have been recorded, reviews,
// signatures and session links that do not fit it.
func (s *state) validate() error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	if !s.status.Valid() {
		add(field("status", ErrUnknownStatus))
	}
	ix := s.index()
	seen := make(map[uuid.UUID]bool, len(ix.byID))
	eachElement(s, func(id uuid.UUID, r ref) {
		if seen[id] && id != uuid.Nil {
			add(field(r.path()+".id", intervention.ErrDuplicate))
		}
		seen[id] = true
	})
	refers := func(p string, id uuid.UUID, k kind) {
		if r, ok := ix.byID[id]; id != uuid.Nil && (!ok || r.kind != k) {
			add(field(p, ErrNotFound))
		}
	}
	for i, l := range s.levels {
		add(intervention.Prefix(intervention.Index("levelsOfCare", i), l.Validate()))
	}
	for i, p := range s.problems {
		add(intervention.Prefix(intervention.Index("problems", i), p.Validate()))
	}
	for i, g := range s.goals {
		p := intervention.Index("goals", i)
		add(intervention.Prefix(p, g.Validate()))
		refers(p+".problem", g.Problem, kindProblem)
	}
	for i, o := range s.objectives {
		p := intervention.Index("objectives", i)
		add(intervention.Prefix(p, o.Validate()))
		refers(p+".goal", o.Goal, kindGoal)
	}
	for i, iv := range s.interventions {
		p := intervention.Index("interventions", i)
		add(intervention.Prefix(p, iv.Validate()))
		for j, o := range iv.Objectives {
			refers(intervention.Index(p+".objectives", j), o, kindObjective)
		}
		if r, ok := ix.byID[iv.Component]; iv.Component != uuid.Nil {
			switch {
			case !ok || r.kind != kindComponent:
				add(field(p+".component", ErrNotFound))
			case s.components[r.i].Modality() != iv.Modality:
				add(field(p+".modality", intervention.ErrInconsistent))
			}
		}
	}
	for i, x := range s.strengths {
		add(intervention.Prefix(intervention.Index("strengths", i), x.Validate()))
	}
	for i, x := range s.discharge {
		add(intervention.Prefix(intervention.Index("dischargeCriteria", i), x.Validate()))
	}
	for i, x := range s.participation {
		add(intervention.Prefix(intervention.Index("participation", i), x.Validate()))
	}
	errs = append(errs, s.validateRevisions()...)
	errs = append(errs, s.validateReviews()...)
	for i, g := range s.signatures {
		p := intervention.Index("signatures", i)
		add(intervention.Prefix(p, s.checkSignature(g)))
		if slices.IndexFunc(s.signatures, func(o Signature) bool { return o.ID == g.ID }) < i {
			add(field(p+".id", intervention.ErrDuplicate))
		}
	}
	for i, l := range s.sessions {
		p := intervention.Index("sessions", i)
		add(intervention.Prefix(p, s.checkSession(l)))
		if slices.IndexFunc(s.sessions, func(o SessionLink) bool { return o.ID == l.ID }) < i {
			add(field(p+".id", intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

// validateRevisions checks the revision log: sequence numbers 1, 2, …,
// unique IDs that name no element, times in order, a status chain that
// starts at draft, makes only legal moves and ends at the plan's status.
func (s *state) validateRevisions() []error {
	var errs []error
	ix := s.index()
	prev := StatusDraft
	for i, r := range s.revisions {
		p := intervention.Index("revisions", i)
		add := func(sub string, rule error) { errs = append(errs, field(p+"."+sub, rule)) }
		if r.Seq != i+1 {
			add("seq", intervention.ErrInconsistent)
		}
		switch {
		case r.ID == uuid.Nil:
			add("id", intervention.ErrMissing)
		case ix.revisions[r.ID] != i:
			add("id", intervention.ErrDuplicate)
		}
		if _, used := ix.byID[r.ID]; used {
			add("id", ErrIDInUse)
		}
		errs = append(errs, checkID(p+".by", r.By), checkInstant(p+".at", r.At))
		if i > 0 && r.At.Before(s.revisions[i-1].At) {
			add("at", ErrOutOfOrder)
		}
		if !r.Reason.Valid() {
			add("reason", ErrUnknownReason)
		}
		switch {
		case r.From != prev:
			add("from", intervention.ErrInconsistent)
		case r.From != r.To && !r.From.CanTransition(r.To):
			add("to", ErrIllegalTransition)
		case r.From == r.To && r.From == StatusClosed:
			add("from", ErrStatus)
		}
		prev = r.To
		errs = append(errs, checkIDsMax(p+".added", r.Added, false, maxLogIDs), checkIDsMax(p+".changed", r.Changed, false, maxLogIDs))
		if !isHex64(r.InputHash) {
			add("inputHash", ErrBadHash)
		}
	}
	if prev != s.status && s.status.Valid() {
		errs = append(errs, field("status", intervention.ErrInconsistent))
	}
	return errs
}

// validateReviews checks that each review record belongs to the revision
// that ended a review, and each such revision has one.
func (s *state) validateReviews() []error {
	var errs []error
	ix := s.index()
	for j, r := range s.reviews {
		p := intervention.Index("reviews", j)
		errs = append(errs, intervention.Prefix(p, r.Validate()))
		k, ok := ix.revisions[r.Revision]
		if !ok || s.revisions[k].From != StatusUnderReview || s.revisions[k].To != StatusActive {
			errs = append(errs, field(p+".revision", ErrNotFound))
			continue
		}
		if slices.IndexFunc(s.reviews, func(o ReviewRecord) bool { return o.Revision == r.Revision }) < j {
			errs = append(errs, field(p+".revision", intervention.ErrDuplicate))
		}
		rev := s.revisions[k]
		if r.Reviewer != rev.By {
			errs = append(errs, field(p+".reviewer", intervention.ErrInconsistent))
		}
		if !r.Completed.Equal(rev.At) {
			errs = append(errs, field(p+".completed", intervention.ErrInconsistent))
		}
		if !r.Started.Equal(s.revisions[beganAt(s, k)].At) {
			errs = append(errs, field(p+".started", intervention.ErrInconsistent))
		}
		for i, op := range r.Progress {
			if x, ok := ix.byID[op.Objective]; op.Objective != uuid.Nil && (!ok || x.kind != kindObjective) {
				errs = append(errs, field(intervention.Index(p+".progress", i)+".objective", ErrNotFound))
			}
		}
		errs = append(errs, checkIDsMax(p+".changed", r.Changed, false, maxLogIDs))
	}
	for k, rev := range s.revisions {
		if rev.From == StatusUnderReview && rev.To == StatusActive &&
			!slices.ContainsFunc(s.reviews, func(r ReviewRecord) bool { return r.Revision == rev.ID }) {
			errs = append(errs, field(intervention.Index("revisions", k), ErrReviewRequired))
		}
	}
	return errs
}

// isHex64 reports whether s is 64 lowercase hexadecimal digits.
func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
