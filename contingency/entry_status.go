package contingency

import (
	"fmt"
	"strconv"

	"github.com/recoverykit/psychosocial/intervention"
)

// EntryStatus is the state an entry was written in. Entries are immutable,
// so a status never changes: a pending redemption stays pending, and its
// resolution is a second entry (reference: contingency.md §5, TigerBeetle's
// two-phase transfers: "a pending transfer resolves at most once").
//
// The zero EntryStatus is StatusPosted, the status of every entry except
// redemptions awaiting approval and vetoes, so that it is omitted from an
// entry's JSON. EntryStatus is an integer (CONVENTIONS §8: an enum whose
// zero value is a genuine default), but its text form is one of "posted",
// "pending" and "voided"; the integer is never persisted.
type EntryStatus int

// The entry statuses.
const (
	// StatusPosted: the entry counts in the balance.
	StatusPosted EntryStatus = iota
	// StatusPending: a redemption awaiting approval. It holds its amount
	// (Available falls) but is not yet in the balance.
	StatusPending
	// StatusVoided: the veto of a pending redemption. Its Amount repeats
	// the hold it releases and never counts in the balance.
	StatusVoided
)

// ErrUnknownEntryStatus means an entry status is not one of the constants.
var ErrUnknownEntryStatus = fmt.Errorf("contingency: entry status: %w", intervention.ErrUnknownValue)

// EntryStatuses returns every EntryStatus in a stable order.
func EntryStatuses() []EntryStatus { return []EntryStatus{StatusPosted, StatusPending, StatusVoided} }

// ParseEntryStatus returns the EntryStatus whose text form is s.
func ParseEntryStatus(s string) (EntryStatus, error) {
	switch s {
	case "posted":
		return StatusPosted, nil
	case "pending":
		return StatusPending, nil
	case "voided":
		return StatusVoided, nil
	}
	return 0, ErrUnknownEntryStatus
}

// Valid reports whether s is one of the constants.
func (s EntryStatus) Valid() bool {
	switch s {
	case StatusPosted, StatusPending, StatusVoided:
		return true
	}
	return false
}

// String returns the text form of s; an invalid status reads
// "EntryStatus(n)".
func (s EntryStatus) String() string {
	switch s {
	case StatusPosted:
		return "posted"
	case StatusPending:
		return "pending"
	case StatusVoided:
		return "voided"
	}
	return "EntryStatus(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText encodes s; an invalid EntryStatus is an error, so one is never stored.
func (s EntryStatus) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, ErrUnknownEntryStatus
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes s with ParseEntryStatus; on error *s is unchanged.
func (s *EntryStatus) UnmarshalText(b []byte) error {
	v, err := ParseEntryStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
