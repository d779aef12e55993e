package intervention

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Session bounds. A session longer than a day or dated outside these years is
// a data-entry error, not a clinical fact.
const (
	// MaxSessionMinutes is the longest session Validate accepts (24 hours).
	MaxSessionMinutes = 24 * 60
	minSessionYear    = 1970
	maxSessionYear    = 2200
)

// Session rules.
var (
	// ErrNoPatient means a session has no participant with the patient role.
	ErrNoPatient = fmt.Errorf("session has no patient: %w", ErrInvalid)
	// ErrFormatMismatch means the participants do not fit the session format
	// (an individual session with two patients, a conjoint session without a
	// partner, a family session without a family member).
	ErrFormatMismatch = fmt.Errorf("participants do not fit the format: %w", ErrInvalid)
	// ErrBadTopic means a topic ID is not a short code (letters, digits, '.', '_', '-').
	ErrBadTopic = fmt.Errorf("topic is not a code: %w", ErrInvalid)
)

// topicCode is the form of a curriculum topic ID: a code, never free text.
var topicCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Session is one delivered (or scheduled and missed) therapy session: who was
// expected, who came and for how long, and which curriculum topics it
// covered. It holds no notes: clinical free text stays in the host's record.
type Session struct {
	ID       uuid.UUID `json:"id"`
	Modality Modality  `json:"modality"`
	Format   Format    `json:"format"`
	Start    time.Time `json:"start"`
	// Minutes is the session's scheduled or actual face-to-face length.
	Minutes      int                  `json:"minutes"`
	Participants []SessionParticipant `json:"participants"`
	// Topics are curriculum topic IDs covered (e.g. "nida-cbt.coping-with-craving").
	Topics []string `json:"topics,omitzero"`
	// Clinician is the host's opaque ID of the clinician who led the session.
	Clinician uuid.UUID `json:"clinician"`
}

// SessionParticipant is one participant's attendance at a session. Group
// sessions bill per attendee, so minutes are kept per participant
// (reference: plans-and-interop.md §5.4, 90853).
type SessionParticipant struct {
	Participant
	Attendance Attendance `json:"attendance"`
	// Minutes this participant was present; 0 unless Attendance is present.
	Minutes int `json:"minutes"`
}

// Validate reports every problem with s, each under its JSON path. It never
// modifies s and never echoes a value.
func (s Session) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, Field(path, rule)) }
	if s.ID == uuid.Nil {
		add("id", ErrMissing)
	}
	if !s.Modality.Valid() {
		add("modality", ErrUnknownModality)
	}
	if !s.Format.Valid() {
		add("format", ErrUnknownFormat)
	}
	if s.Start.IsZero() {
		add("start", ErrMissing)
	} else if y := s.Start.UTC().Year(); y < minSessionYear || y >= maxSessionYear {
		add("start", ErrOutOfRange)
	}
	if s.Minutes < 0 || s.Minutes > MaxSessionMinutes {
		add("minutes", ErrOutOfRange)
	}
	if s.Clinician == uuid.Nil {
		add("clinician", ErrMissing)
	}
	errs = append(errs, s.validateParticipants()...)
	for i, t := range s.Topics {
		switch {
		case !topicCode.MatchString(t):
			add(Index("topics", i), ErrBadTopic)
		case slices.Index(s.Topics, t) < i:
			add(Index("topics", i), ErrDuplicate)
		}
	}
	return errors.Join(errs...)
}

func (s Session) validateParticipants() []error {
	if len(s.Participants) == 0 {
		return []error{Field("participants", ErrMissing)}
	}
	var errs []error
	seen := make(map[uuid.UUID]bool, len(s.Participants))
	patients, family := 0, 0
	for i, p := range s.Participants {
		path := Index("participants", i)
		if err := p.Validate(); err != nil {
			errs = append(errs, Prefix(path, err))
		}
		if p.ID != uuid.Nil && seen[p.ID] {
			errs = append(errs, Field(path+".id", ErrDuplicate))
		}
		seen[p.ID] = true
		if !p.Attendance.Valid() {
			errs = append(errs, Field(path+".attendance", ErrUnknownAttendance))
		}
		switch {
		case p.Minutes < 0 || p.Minutes > s.Minutes:
			errs = append(errs, Field(path+".minutes", ErrOutOfRange))
		case p.Minutes > 0 && !p.Attendance.Present():
			errs = append(errs, Field(path+".minutes", ErrInconsistent))
		}
		if p.Role == RolePatient {
			patients++
		}
		if p.Role.IsFamily() {
			family++
		}
	}
	errs = append(errs, s.formatErrors(patients, family)...)
	return errs
}

// formatErrors checks the participant mix against the format. A family
// session may be held without the patient (CRAFT works with the concerned
// significant other alone; billing code 90846).
func (s Session) formatErrors(patients, family int) []error {
	var bad bool
	var want string
	switch s.Format {
	case FormatIndividual:
		bad, want = patients != 1, "an individual session must include the patient, once"
	case FormatConjoint:
		bad = patients != 1 || !slices.ContainsFunc(s.Participants, func(p SessionParticipant) bool { return p.Role == RolePartner })
		want = "a conjoint session must include the patient, once, and a partner"
	case FormatFamily:
		bad, want = family == 0, "a family session must include at least one family member"
	case FormatGroup:
		bad, want = patients == 0, "a group session must include the patient"
	}
	if bad {
		return []error{Expect("participants", ErrFormatMismatch, want)}
	}
	return nil
}

// Attendee returns the participant with id and whether it is in the session.
func (s Session) Attendee(id uuid.UUID) (SessionParticipant, bool) {
	for _, p := range s.Participants {
		if p.ID == id {
			return p, true
		}
	}
	return SessionParticipant{}, false
}

// PatientPresent reports whether a participant with the patient role was
// present: it decides family code 90847 (present) against 90846 (absent).
func (s Session) PatientPresent() bool {
	return slices.ContainsFunc(s.Participants, func(p SessionParticipant) bool {
		return p.Role == RolePatient && p.Attendance.Present()
	})
}

// Present returns the participants who attended (on time or late), in order.
func (s Session) Present() []SessionParticipant {
	var out []SessionParticipant
	for _, p := range s.Participants {
		if p.Attendance.Present() {
			out = append(out, p)
		}
	}
	return out
}
