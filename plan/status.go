package plan

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Status is where a plan is in its lifecycle (DESIGN.md, "Treatment plans"):
//
//	draft ──► active ──► under-review ──► active ──► …
//	  │         │             │
//	  └─────────┴─────────────┴──► closed
//
// The zero Status is invalid; a new plan is a draft.
type Status string

// The lifecycle statuses.
const (
	// StatusDraft: the plan is being written; its content may change.
	StatusDraft Status = "draft"
	// StatusActive: the plan is in force; only objective statuses change.
	StatusActive Status = "active"
	// StatusUnderReview: a periodic review is open; content may change, and
	// CompleteReview records the review and makes the plan active again.
	StatusUnderReview Status = "under-review"
	// StatusClosed: the episode ended (or a draft was abandoned); nothing
	// changes any more. Co-signatures may still be added.
	StatusClosed Status = "closed"
)

// ErrUnknownStatus means a plan status is not one of the constants.
var ErrUnknownStatus = fmt.Errorf("plan: status: %w", intervention.ErrUnknownValue)

// Statuses returns every Status in lifecycle order.
func Statuses() []Status { return []Status{StatusDraft, StatusActive, StatusUnderReview, StatusClosed} }

// ParseStatus returns the Status whose text form is s.
func ParseStatus(s string) (Status, error) {
	return enum.Parse(Status(s), Status.Valid, ErrUnknownStatus)
}

// Valid reports whether s is one of the constants.
func (s Status) Valid() bool { return enum.Valid(s, Statuses()) }

// String returns the text form of s.
func (s Status) String() string { return string(s) }

// MarshalText encodes s; an invalid Status is an error.
func (s Status) MarshalText() ([]byte, error) { return enum.Marshal(s, Status.Valid, ErrUnknownStatus) }

// UnmarshalText decodes s with ParseStatus; on error *s is unchanged.
func (s *Status) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseStatus) }

// Next returns the statuses s may move to, in lifecycle order. A closed
// plan moves nowhere.
func (s Status) Next() []Status {
	switch s {
	case StatusDraft:
		return []Status{StatusActive, StatusClosed}
	case StatusActive:
		return []Status{StatusUnderReview, StatusClosed}
	case StatusUnderReview:
		return []Status{StatusActive, StatusClosed}
	case StatusClosed:
		return nil
	}
	return nil
}

// CanTransition reports whether the lifecycle allows moving from s to to.
// Under review → active is allowed, but only through CompleteReview.
func (s Status) CanTransition(to Status) bool { return enum.Valid(to, s.Next()) }

// editable reports whether content may change in s.
func (s Status) editable() bool { return s == StatusDraft || s == StatusUnderReview }
