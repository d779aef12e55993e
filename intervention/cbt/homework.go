package cbt

import (
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// HomeworkStatus is where a practice exercise (homework) stands. Carroll,
// Nich & Ball (2005) found homework assigned in 72 % of CBT sessions and
// initiated in 48 % of those, and more homework went with better outcomes,
// so the status is tracked as assigned / attempted / completed / reviewed,
// not as a boolean (reference: plans-and-interop.md §1.4, PMC2365906). The
// zero HomeworkStatus is invalid.
type HomeworkStatus string

// The homework statuses, in the order an exercise moves through them.
const (
	HomeworkAssigned  HomeworkStatus = "assigned"
	HomeworkAttempted HomeworkStatus = "attempted"
	HomeworkCompleted HomeworkStatus = "completed"
	// HomeworkReviewed: discussed with the therapist in a session (the first
	// third of the next session, under the 20/20/20 rule). It ends the
	// exercise, whatever was done: the status before it says how far the
	// patient got.
	HomeworkReviewed HomeworkStatus = "reviewed"
)

// HomeworkStatuses returns every HomeworkStatus in order.
func HomeworkStatuses() []HomeworkStatus {
	return []HomeworkStatus{HomeworkAssigned, HomeworkAttempted, HomeworkCompleted, HomeworkReviewed}
}

// ParseHomeworkStatus returns the HomeworkStatus whose text form is s.
func ParseHomeworkStatus(s string) (HomeworkStatus, error) {
	return enum.Parse(HomeworkStatus(s), HomeworkStatus.Valid, ErrUnknownHomeworkStatus)
}

// Valid reports whether h is one of the constants.
func (h HomeworkStatus) Valid() bool { return enum.Valid(h, HomeworkStatuses()) }

// rank orders the statuses: assigned 1 … reviewed 4; 0 when invalid.
func (h HomeworkStatus) rank() int {
	switch h {
	case HomeworkAssigned:
		return 1
	case HomeworkAttempted:
		return 2
	case HomeworkCompleted:
		return 3
	case HomeworkReviewed:
		return 4
	}
	return 0
}

// CanBecome reports whether an exercise with status h may move to next.
// Status only moves forward and may skip steps (an exercise completed at
// one go was never recorded as attempted; one reviewed while still
// assigned was not attempted); reviewed is final.
func (h HomeworkStatus) CanBecome(next HomeworkStatus) bool {
	return h.rank() > 0 && next.rank() > h.rank()
}

// String returns the text form of h.
func (h HomeworkStatus) String() string { return string(h) }

// MarshalText encodes h; an invalid HomeworkStatus is an error.
func (h HomeworkStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(h, HomeworkStatus.Valid, ErrUnknownHomeworkStatus)
}

// UnmarshalText decodes h with ParseHomeworkStatus; on error *h is unchanged.
func (h *HomeworkStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(h, b, ParseHomeworkStatus)
}

// Homework is a practice exercise assigned in a session (the last third of
// a session under the 20/20/20 rule; reference: plans-and-interop.md §1.1).
// It holds codes and dates only; the exercise itself is in the host's
// record. Its status starts as assigned; HomeworkUpdate records move it on.
type Homework struct {
	ID uuid.UUID `json:"id"`
	// Session is the session it was assigned in; the patient must have
	// been present.
	Session uuid.UUID `json:"session"`
	// On is the day it was assigned: the session's date in the course's
	// time zone.
	On intervention.Date `json:"on"`
	// Due is the day it should be done by; zero when none was set.
	Due intervention.Date `json:"due,omitzero"`
	// Topic is the curriculum topic it practises; empty when none.
	Topic string `json:"topic,omitzero"`
}

// Validate reports every problem with h on its own, each under its JSON
// path. Course.AssignHomework also checks it against the course.
func (h Homework) Validate() error {
	var errs []error
	if h.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if h.Session == uuid.Nil {
		errs = append(errs, field("session", intervention.ErrMissing))
	}
	if h.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if !h.Due.IsZero() && !h.On.IsZero() && h.Due.Before(h.On) {
		errs = append(errs, field("due", intervention.ErrInconsistent))
	}
	if h.Topic != "" && !validCode(h.Topic) {
		errs = append(errs, field("topic", ErrBadCode))
	}
	return errors.Join(errs...)
}

// HomeworkUpdate is one change of a homework's status, appended to its
// history; history is never edited. A review must name the session it was
// reviewed in.
type HomeworkUpdate struct {
	ID       uuid.UUID `json:"id"`
	Homework uuid.UUID `json:"homework"`
	// Status is the new status: attempted, completed or reviewed.
	Status HomeworkStatus `json:"status"`
	// On is the day of the change; for a review, the session's date.
	On intervention.Date `json:"on"`
	// Session is the session the change was reported or reviewed in;
	// required for reviewed, optional otherwise.
	Session uuid.UUID `json:"session,omitzero"`
}

// Validate reports every problem with u on its own, each under its JSON
// path: "assigned" is not an update (ErrBadTransition at "status"), and a
// review needs its session. Course.UpdateHomework also checks it against
// the homework's history.
func (u HomeworkUpdate) Validate() error {
	var errs []error
	if u.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if u.Homework == uuid.Nil {
		errs = append(errs, field("homework", intervention.ErrMissing))
	}
	switch {
	case !u.Status.Valid():
		errs = append(errs, field("status", ErrUnknownHomeworkStatus))
	case u.Status == HomeworkAssigned:
		errs = append(errs, field("status", ErrBadTransition))
	case u.Status == HomeworkReviewed && u.Session == uuid.Nil:
		errs = append(errs, field("session", intervention.ErrMissing))
	}
	if u.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// HomeworkState is a homework and its status on a day.
type HomeworkState struct {
	Homework Homework `json:"homework"`
	// Status on the day asked about; the highest status reached.
	Status HomeworkStatus `json:"status"`
	// Reached is the furthest status reached before any review: assigned
	// (not attempted), attempted or completed.
	Reached HomeworkStatus `json:"reached"`
	// Updates are the changes on or before the day, in order.
	Updates []HomeworkUpdate `json:"updates,omitzero"`
	// ReviewedIn is the session it was reviewed in; zero until reviewed.
	ReviewedIn uuid.UUID `json:"reviewedIn,omitzero"`
}

// stateOf folds h's updates dated on or before through (zero: all).
func stateOf(h Homework, updates []HomeworkUpdate, through intervention.Date) HomeworkState {
	st := HomeworkState{Homework: h, Status: HomeworkAssigned, Reached: HomeworkAssigned}
	for _, u := range updates {
		if u.Homework != h.ID || (!through.IsZero() && u.On.After(through)) {
			continue
		}
		st.Updates = append(st.Updates, u)
		st.Status = u.Status
		if u.Status == HomeworkReviewed {
			st.ReviewedIn = u.Session
		} else {
			st.Reached = u.Status
		}
	}
	return st
}
