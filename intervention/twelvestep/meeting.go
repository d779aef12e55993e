package twelvestep

import (
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Attendance-target bounds (data-entry bounds).
const (
	// MaxTargetMeetings bounds AttendanceTarget.Meetings.
	MaxTargetMeetings = 1000
	// MaxWindowDays bounds AttendanceTarget.WindowDays and
	// Config.InvolvementWindowDays.
	MaxWindowDays = 366
	// MaxMeetingTypes bounds the types listed on one meeting.
	MaxMeetingTypes = 32
)

// Meeting is one mutual-help meeting the patient attended: when, which
// fellowship, the Meeting Guide types, in person or online, and whether the
// programme verified it (reference: plans-and-interop.md §3.3). It holds no
// names or places: Group is the host's code for the group.
type Meeting struct {
	ID uuid.UUID `json:"id"`
	// At is when the meeting started; its date in the patient's time zone
	// decides the attendance window it falls in.
	At         time.Time     `json:"at"`
	Fellowship Fellowship    `json:"fellowship"`
	Types      []MeetingType `json:"types,omitzero"`
	Venue      Venue         `json:"venue"`
	// Verification says whether the attendance was checked; VerifiedBy is
	// the host's opaque ID of who checked it, required when verified and
	// empty otherwise.
	Verification Verification `json:"verification"`
	VerifiedBy   uuid.UUID    `json:"verifiedBy,omitzero"`
	// Group is the host's code for the group that held the meeting; when it
	// equals the patient's home group the meeting is a home-group meeting.
	Group string `json:"group,omitzero"`
}

// Validate reports every problem with m, each under its JSON path. It never
// modifies m.
func (m Meeting) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if m.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if err := checkInstant("at", m.At); err != nil {
		errs = append(errs, err)
	}
	if !m.Fellowship.Valid() {
		add("fellowship", ErrUnknownFellowship)
	}
	if len(m.Types) > MaxMeetingTypes {
		add("types", intervention.ErrOutOfRange)
	}
	for i, t := range m.Types {
		switch {
		case !t.Valid():
			add(intervention.Index("types", i), ErrUnknownMeetingType)
		case slices.Index(m.Types, t) < i:
			add(intervention.Index("types", i), intervention.ErrDuplicate)
		}
	}
	if !m.Venue.Valid() {
		add("venue", ErrUnknownVenue)
	}
	switch m.Verification {
	case VerificationVerified:
		if m.VerifiedBy == uuid.Nil {
			add("verifiedBy", intervention.ErrMissing)
		}
	case VerificationSelfReported:
		if m.VerifiedBy != uuid.Nil {
			add("verifiedBy", intervention.ErrInconsistent)
		}
	default:
		add("verification", ErrUnknownVerification)
	}
	if m.Group != "" && !validCode(m.Group) {
		add("group", ErrBadCode)
	}
	return errors.Join(errs...)
}

func cloneMeeting(m Meeting) Meeting {
	m.Types = slices.Clone(m.Types)
	return m
}

// AttendanceTarget is a meeting-attendance target: at least Meetings
// meetings within a rolling window of WindowDays calendar days ending on
// the day asked about. "90 meetings in 90 days" is a widely used
// early-recovery rule of thumb with only a weak source, so it is a
// configurable target, not a clinical rule (reference: plans-and-interop.md
// §3.3 [weak]).
type AttendanceTarget struct {
	Meetings   int `json:"meetings"`
	WindowDays int `json:"windowDays"`
	// VerifiedOnly counts only verified meetings toward the target.
	VerifiedOnly bool `json:"verifiedOnly"`
}

// NinetyInNinety returns the default target: 90 meetings in a rolling
// 90-day window, self-reported meetings included.
func NinetyInNinety() AttendanceTarget { return AttendanceTarget{Meetings: 90, WindowDays: 90} }

// IsZero reports whether t is the zero target.
func (t AttendanceTarget) IsZero() bool { return t == AttendanceTarget{} }

// Validate reports every problem with t: Meetings 1–MaxTargetMeetings and
// WindowDays 1–MaxWindowDays (intervention.ErrOutOfRange).
func (t AttendanceTarget) Validate() error {
	var errs []error
	if t.Meetings < 1 || t.Meetings > MaxTargetMeetings {
		errs = append(errs, field("meetings", intervention.ErrOutOfRange))
	}
	if t.WindowDays < 1 || t.WindowDays > MaxWindowDays {
		errs = append(errs, field("windowDays", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// Window returns the first and last day of the rolling window that ends on
// today: today and the WindowDays−1 days before it.
func (t AttendanceTarget) Window(today intervention.Date) (first, last intervention.Date) {
	return today.AddDays(-(t.WindowDays - 1)), today
}

// MeetingSummary is the meeting log as of a day.
type MeetingSummary struct {
	Target AttendanceTarget `json:"target"`
	// WindowStart and WindowEnd are the rolling window's first and last day.
	WindowStart intervention.Date `json:"windowStart"`
	WindowEnd   intervention.Date `json:"windowEnd"`
	// InWindow counts the meetings in the window that count toward the
	// target (verified ones only when Target.VerifiedOnly).
	InWindow  int  `json:"inWindow"`
	TargetMet bool `json:"targetMet"`
	// Total counts every meeting up to the time asked about; Verified,
	// Online and HomeGroup count those among them.
	Total     int `json:"total"`
	Verified  int `json:"verified"`
	Online    int `json:"online"`
	HomeGroup int `json:"homeGroup"`
	// Fellowships lists the fellowships attended, in order of first meeting.
	Fellowships []Fellowship `json:"fellowships"`
}
