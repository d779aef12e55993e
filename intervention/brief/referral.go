package brief

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ReferralStatus is where a referral to treatment stands: the warm hand-off
// is complete when the patient attends. The zero ReferralStatus is invalid.
type ReferralStatus string

// The referral statuses, in the order a referral normally moves through them.
const (
	ReferralReferred        ReferralStatus = "referred"         // the referral was made
	ReferralAppointmentMade ReferralStatus = "appointment-made" // an appointment is booked
	ReferralAttended        ReferralStatus = "attended"         // the patient attended: hand-off complete
	ReferralDeclined        ReferralStatus = "declined"         // the patient declined the referral
	ReferralNoShow          ReferralStatus = "no-show"          // the patient missed the appointment
)

// ErrUnknownReferralStatus means a referral status is not one of the constants.
var ErrUnknownReferralStatus = fmt.Errorf("brief: referral status: %w", intervention.ErrUnknownValue)

// ErrReferralTransition means a referral cannot move from its current status
// to the one asked for (an attended referral cannot become a no-show).
var ErrReferralTransition = fmt.Errorf("brief: referral status change not allowed: %w", intervention.ErrInconsistent)

// ReferralStatuses returns every ReferralStatus in a stable order.
func ReferralStatuses() []ReferralStatus {
	return []ReferralStatus{ReferralReferred, ReferralAppointmentMade, ReferralAttended, ReferralDeclined, ReferralNoShow}
}

// ParseReferralStatus returns the ReferralStatus whose text form is s.
func ParseReferralStatus(s string) (ReferralStatus, error) {
	return enum.Parse(ReferralStatus(s), ReferralStatus.Valid, ErrUnknownReferralStatus)
}

// Valid reports whether s is one of the constants.
func (s ReferralStatus) Valid() bool { return enum.Valid(s, ReferralStatuses()) }

// Open reports whether the referral still needs following up: referred, an
// appointment made, or a missed appointment that can be rebooked.
func (s ReferralStatus) Open() bool {
	switch s {
	case ReferralReferred, ReferralAppointmentMade, ReferralNoShow:
		return true
	case ReferralAttended, ReferralDeclined:
		return false
	}
	return false
}

// CanBecome reports whether a referral at s may move to next. A referral
// moves forward (referred → appointment made → attended); a missed
// appointment may be rebooked; attended and declined are final.
func (s ReferralStatus) CanBecome(next ReferralStatus) bool {
	switch s {
	case ReferralReferred:
		return next == ReferralAppointmentMade || next == ReferralAttended || next == ReferralDeclined
	case ReferralAppointmentMade:
		return next == ReferralAttended || next == ReferralNoShow || next == ReferralDeclined
	case ReferralNoShow:
		return next == ReferralAppointmentMade || next == ReferralDeclined
	case ReferralAttended, ReferralDeclined:
		return false
	}
	return false
}

// String returns the text form of s.
func (s ReferralStatus) String() string { return string(s) }

// MarshalText encodes s; an invalid ReferralStatus is an error.
func (s ReferralStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(s, ReferralStatus.Valid, ErrUnknownReferralStatus)
}

// UnmarshalText decodes s with ParseReferralStatus; on error *s is unchanged.
func (s *ReferralStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(s, b, ParseReferralStatus)
}

// ReferralEvent is one dated change of a referral's status.
type ReferralEvent struct {
	Status ReferralStatus    `json:"status"`
	On     intervention.Date `json:"on"`
	// By is the host's opaque ID of who recorded it.
	By string `json:"by"`
}
