package plan

import (
	"errors"
	"reflect"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// SessionLink ties a delivered session to the plan: the golden thread from
// a session note to the objectives and interventions it addressed
// (reference: plans-and-interop.md §4.7, BestNotes "Addressed in Session";
// (b) 24). The session itself stays in its component or the host's record.
type SessionLink struct {
	// ID is the session's ID (intervention.Session.ID or the host's).
	ID uuid.UUID `json:"id"`
	// Component is the plan component that delivered the session, when one did.
	Component uuid.UUID             `json:"component,omitzero"`
	Modality  intervention.Modality `json:"modality"`
	Start     time.Time             `json:"start"`
	Minutes   int                   `json:"minutes"`
	// Billable marks a session billed to a payer: rule P-THREAD-1 requires
	// those to address an open objective or active intervention.
	Billable bool `json:"billable,omitzero"`
	// Addresses are the IDs of the objectives and interventions the session
	// addressed.
	Addresses []uuid.UUID `json:"addresses,omitzero"`
}

// LinkFor returns the link of session s, delivered by component (uuid.Nil
// for none), addressing the given objectives and interventions.
func LinkFor(s intervention.Session, component uuid.UUID, billable bool, addresses ...uuid.UUID) SessionLink {
	return SessionLink{
		ID: s.ID, Component: component, Modality: s.Modality, Start: s.Start, Minutes: s.Minutes,
		Billable: billable, Addresses: nilIfEmpty(slices.Clone(addresses)),
	}
}

func (l SessionLink) clone() SessionLink {
	l.Addresses = slices.Clone(l.Addresses)
	return l
}

// Validate reports structural problems with l, on its own.
func (l SessionLink) Validate() error {
	errs := []error{checkID("id", l.ID), checkInstant("start", l.Start), checkIDs("addresses", l.Addresses, false)}
	if !l.Modality.Valid() {
		errs = append(errs, field("modality", intervention.ErrUnknownModality))
	}
	if l.Minutes < 0 || l.Minutes > intervention.MaxSessionMinutes {
		errs = append(errs, field("minutes", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// LinkSession records a session link. Its component, when set, must be
// attached and of the session's modality; each address must be an
// objective or intervention of the plan (ErrNotFound). A closed plan
// accepts no more (ErrStatus at "status"). Idempotent on the session ID;
// the ID with other content is ErrConflict. A failed call changes nothing.
func (p *Plan) LinkSession(l SessionLink) (replayed bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snapLocked()
	l = l.clone()
	l.Addresses = nilIfEmpty(l.Addresses)
	for _, old := range s.sessions {
		if old.ID == l.ID && l.ID != uuid.Nil {
			if !reflect.DeepEqual(old, l) {
				return false, field("id", ErrConflict)
			}
			return true, nil
		}
	}
	errs := []error{s.checkSession(l)}
	if s.status == StatusClosed {
		errs = append(errs, field("status", ErrStatus))
	}
	if err := errors.Join(errs...); err != nil {
		return false, err
	}
	n := s.nextSameIndex()
	n.sessions = append(n.sessions, l)
	p.st = n
	return false, nil
}

// checkSession reports every problem with l as a session link of s.
func (s *state) checkSession(l SessionLink) error {
	errs := []error{l.Validate()}
	ix := s.index()
	if l.Component != uuid.Nil {
		r, ok := ix.byID[l.Component]
		switch {
		case !ok || r.kind != kindComponent:
			errs = append(errs, field("component", ErrNotFound))
		case s.components[r.i].Modality() != l.Modality:
			errs = append(errs, field("modality", intervention.ErrInconsistent))
		}
	}
	for i, id := range l.Addresses {
		if r, ok := ix.byID[id]; id != uuid.Nil && (!ok || r.kind != kindObjective && r.kind != kindIntervention) {
			errs = append(errs, field(intervention.Index("addresses", i), ErrNotFound))
		}
	}
	return errors.Join(errs...)
}
