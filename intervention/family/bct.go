package family

import (
	"errors"
	"slices"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ContractItem is one daily commitment of a BCT recovery contract, each
// marked on the partner's calendar (reference: plans-and-interop.md §2:
// daily trust discussion, witnessed recovery medication if prescribed,
// 12-step meetings and urine screens written into the contract). The zero
// ContractItem is invalid.
type ContractItem string

// The contract items (reference: plans-and-interop.md §2; O'Farrell &
// Schein 2000).
const (
	// ItemTrustDiscussion is the daily trust discussion: the patient states
	// the intent not to drink or use today and the partner thanks and
	// supports; every contract includes it.
	ItemTrustDiscussion ContractItem = "trust-discussion"
	// ItemRecoveryMedication is witnessed daily recovery medication.
	ItemRecoveryMedication ContractItem = "recovery-medication"
	// ItemSelfHelpMeeting is attending a 12-step or other self-help meeting.
	ItemSelfHelpMeeting ContractItem = "self-help-meeting"
	// ItemUrineScreen is a urine drug screen.
	ItemUrineScreen ContractItem = "urine-screen"
)

// ContractItems returns every ContractItem in a stable order.
func ContractItems() []ContractItem {
	return []ContractItem{ItemTrustDiscussion, ItemRecoveryMedication, ItemSelfHelpMeeting, ItemUrineScreen}
}

// ParseContractItem returns the ContractItem whose text form is s, or
// ErrUnknownContractItem.
func ParseContractItem(s string) (ContractItem, error) {
	return enum.Parse(ContractItem(s), ContractItem.Valid, ErrUnknownContractItem)
}

// Valid reports whether i is one of the ContractItems.
func (i ContractItem) Valid() bool { return enum.Valid(i, ContractItems()) }

// String returns the text form of i.
func (i ContractItem) String() string { return string(i) }

// MarshalText encodes i; an invalid item is an error.
func (i ContractItem) MarshalText() ([]byte, error) {
	return enum.Marshal(i, ContractItem.Valid, ErrUnknownContractItem)
}

// UnmarshalText decodes i with ParseContractItem; on error *i is unchanged.
func (i *ContractItem) UnmarshalText(b []byte) error {
	return enum.Unmarshal(i, b, ParseContractItem)
}

// DayStatus is what the calendar says about one contract item on one day.
// The zero DayStatus is invalid.
type DayStatus string

// The calendar statuses.
const (
	DayDone   DayStatus = "done"
	DayMissed DayStatus = "missed"
)

// DayStatuses returns every DayStatus in a stable order.
func DayStatuses() []DayStatus { return []DayStatus{DayDone, DayMissed} }

// ParseDayStatus returns the DayStatus whose text form is s, or
// ErrUnknownDayStatus.
func ParseDayStatus(s string) (DayStatus, error) {
	return enum.Parse(DayStatus(s), DayStatus.Valid, ErrUnknownDayStatus)
}

// Valid reports whether s is one of the DayStatuses.
func (s DayStatus) Valid() bool { return enum.Valid(s, DayStatuses()) }

// String returns the text form of s.
func (s DayStatus) String() string { return string(s) }

// MarshalText encodes s; an invalid status is an error.
func (s DayStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(s, DayStatus.Valid, ErrUnknownDayStatus)
}

// UnmarshalText decodes s with ParseDayStatus; on error *s is unchanged.
func (s *DayStatus) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseDayStatus) }

// RecoveryContract is a BCT recovery (sobriety) contract between the
// patient and a partner: the daily items the partner marks on a calendar
// from Start (reference: plans-and-interop.md §2). A later contract replaces
// the earlier one from its own Start; calendar entries are checked against
// the contract in force on their day. It holds no text: the contract's
// wording stays in the host's record.
type RecoveryContract struct {
	ID uuid.UUID `json:"id"`
	// Partner is the member (role partner) who keeps the calendar.
	Partner uuid.UUID `json:"partner"`
	// Start is the contract's first calendar day.
	Start intervention.Date `json:"start"`
	// Items are the daily commitments; ItemTrustDiscussion is required.
	Items []ContractItem `json:"items"`
}

// Validate reports every problem with c, each under its JSON path: ID,
// Partner and Start are required, Items must be known, distinct and include
// the trust discussion (ErrNoTrustDiscussion).
func (c RecoveryContract) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Partner == uuid.Nil {
		errs = append(errs, field("partner", intervention.ErrMissing))
	}
	if c.Start.IsZero() {
		errs = append(errs, field("start", intervention.ErrMissing))
	}
	errs = append(errs, checkList("items", c.Items, ContractItem.Valid, ErrUnknownContractItem)...)
	if !slices.Contains(c.Items, ItemTrustDiscussion) {
		errs = append(errs, field("items", ErrNoTrustDiscussion))
	}
	return errors.Join(errs...)
}

// Has reports whether c includes item.
func (c RecoveryContract) Has(item ContractItem) bool { return slices.Contains(c.Items, item) }

// CalendarEntry is one day's mark for one contract item on the BCT
// calendar the partner keeps (reference: plans-and-interop.md §2, "daily
// calendar with per-day completion"). Day and Item together are its key:
// recording the same day and item again is a no-op when Status is the same
// and ErrConflict otherwise.
type CalendarEntry struct {
	Day    intervention.Date `json:"day"`
	Item   ContractItem      `json:"item"`
	Status DayStatus         `json:"status"`
}

// Validate reports every problem with e, each under its JSON path.
func (e CalendarEntry) Validate() error {
	var errs []error
	if e.Day.IsZero() {
		errs = append(errs, field("day", intervention.ErrMissing))
	}
	if !e.Item.Valid() {
		errs = append(errs, field("item", ErrUnknownContractItem))
	}
	if !e.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownDayStatus))
	}
	return errors.Join(errs...)
}

// checkList reports unknown and repeated entries of a list at path.
func checkList[T comparable](path string, list []T, valid func(T) bool, unknown error) []error {
	var errs []error
	for i, v := range list {
		switch {
		case !valid(v):
			errs = append(errs, field(intervention.Index(path, i), unknown))
		case slices.Index(list, v) < i:
			errs = append(errs, field(intervention.Index(path, i), intervention.ErrDuplicate))
		}
	}
	return errs
}
