package plan

import (
	"sync"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// kind names the list an element ID belongs to.
type kind uint8

const (
	kindProblem kind = iota + 1
	kindGoal
	kindObjective
	kindIntervention
	kindStrength
	kindDischarge
	kindParticipation
	kindComponent
	kindReview
	kindLevel
)

// list returns the JSON name of the list of kind k.
func (k kind) list() string {
	switch k {
	case kindProblem:
		return "problems"
	case kindGoal:
		return "goals"
	case kindObjective:
		return "objectives"
	case kindIntervention:
		return "interventions"
	case kindStrength:
		return "strengths"
	case kindDischarge:
		return "dischargeCriteria"
	case kindParticipation:
		return "participation"
	case kindComponent:
		return "components"
	case kindReview:
		return "reviews"
	case kindLevel:
		return "levelsOfCare"
	}
	return ""
}

// ref locates an element: its kind and position in its list, and the
// index of the revision whose Added list names it first (-1 for none).
type ref struct {
	kind  kind
	i     int
	added int
}

func (r ref) path() string { return intervention.Index(r.kind.list(), r.i) }

// lazyIndex builds a state's index once, on first use. A state never
// changes, so the index stays valid for the state's life; a state that
// differs from its parent only in signatures or sessions shares its index
// (the index covers neither).
type lazyIndex struct {
	once sync.Once
	ix   index
}

// index maps IDs to positions, for rules and lookups.
type index struct {
	byID      map[uuid.UUID]ref // elements, components, reviews and placements
	revisions map[uuid.UUID]int
	// addedTwice reports that more than one revision claims to add an element.
	addedTwice bool
}

// index returns s's index, building it on first use.
func (s *state) index() *index {
	l := s.lazy
	l.once.Do(func() { l.ix = buildIndex(s) })
	return &l.ix
}

func buildIndex(s *state) index {
	n := len(s.problems) + len(s.goals) + len(s.objectives) + len(s.interventions) + len(s.strengths) +
		len(s.discharge) + len(s.participation) + len(s.components) + len(s.reviews) + len(s.levels)
	ix := index{byID: make(map[uuid.UUID]ref, n), revisions: make(map[uuid.UUID]int, len(s.revisions))}
	eachElement(s, func(id uuid.UUID, r ref) {
		if _, dup := ix.byID[id]; !dup {
			r.added = -1
			ix.byID[id] = r
		}
	})
	for i, r := range s.revisions {
		if _, dup := ix.revisions[r.ID]; !dup {
			ix.revisions[r.ID] = i
		}
		for _, id := range r.Added {
			e, ok := ix.byID[id]
			switch {
			case !ok:
			case e.added >= 0:
				ix.addedTwice = true
			default:
				e.added = i
				ix.byID[id] = e
			}
		}
	}
	return ix
}
