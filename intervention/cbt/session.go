package cbt

import (
	"errors"
	"slices"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ElectiveChoice records how an elective topic was chosen. Project MATCH
// electives are chosen jointly; "if the therapist feels a session is
// especially relevant but the client disagrees, it is probably better to go
// along with the client's choice" (reference: plans-and-interop.md §1.2,
// MATCHSeries3 elective.htm). The zero ElectiveChoice means not recorded.
type ElectiveChoice string

// The elective choices. Joint and client-preferred satisfy RuleMATCH;
// therapist does not.
const (
	// ChoiceJoint: client and therapist agreed on the elective.
	ChoiceJoint ElectiveChoice = "joint"
	// ChoiceClientPreferred: chosen together, they disagreed, and the
	// client's preference was followed.
	ChoiceClientPreferred ElectiveChoice = "client-preferred"
	// ChoiceTherapist: the therapist chose alone or over the client's
	// preference.
	ChoiceTherapist ElectiveChoice = "therapist"
)

// ElectiveChoices returns every ElectiveChoice in a stable order.
func ElectiveChoices() []ElectiveChoice {
	return []ElectiveChoice{ChoiceJoint, ChoiceClientPreferred, ChoiceTherapist}
}

// ParseElectiveChoice returns the ElectiveChoice whose text form is s.
func ParseElectiveChoice(s string) (ElectiveChoice, error) {
	return enum.Parse(ElectiveChoice(s), ElectiveChoice.Valid, ErrUnknownElectiveChoice)
}

// Valid reports whether e is one of the constants.
func (e ElectiveChoice) Valid() bool { return enum.Valid(e, ElectiveChoices()) }

// Joint reports whether e meets the MATCH requirement: chosen with the
// client, the client's preference winning.
func (e ElectiveChoice) Joint() bool {
	switch e {
	case ChoiceJoint, ChoiceClientPreferred:
		return true
	case ChoiceTherapist:
		return false
	}
	return false
}

// String returns the text form of e.
func (e ElectiveChoice) String() string { return string(e) }

// MarshalText encodes e; an invalid ElectiveChoice is an error.
func (e ElectiveChoice) MarshalText() ([]byte, error) {
	return enum.Marshal(e, ElectiveChoice.Valid, ErrUnknownElectiveChoice)
}

// UnmarshalText decodes e with ParseElectiveChoice; on error *e is unchanged.
func (e *ElectiveChoice) UnmarshalText(b []byte) error {
	return enum.Unmarshal(e, b, ParseElectiveChoice)
}

// Session is a CBT session: the shared session record (who attended, for
// how long, which curriculum topics it covered, in Session.Topics) and, for
// a session covering an elective, how the elective was chosen. It holds no
// notes. A topic counts as covered for the patient only when the patient
// was present.
type Session struct {
	Session intervention.Session `json:"session"`
	// ElectiveChoice is how the elective covered was chosen; set only when
	// the session covers an elective topic.
	ElectiveChoice ElectiveChoice `json:"electiveChoice,omitzero"`
}

// Validate reports every problem with s on its own, each under its JSON
// path: the session must be valid and of modality cbt (ErrInconsistent at
// "session.modality"), and ElectiveChoice empty or valid. Course.AddSession
// also checks the topics against the curriculum.
func (s Session) Validate() error {
	errs := []error{intervention.Prefix("session", s.Session.Validate())}
	if s.Session.Modality.Valid() && s.Session.Modality != intervention.ModalityCBT {
		errs = append(errs, field("session.modality", intervention.ErrInconsistent))
	}
	if s.ElectiveChoice != "" && !s.ElectiveChoice.Valid() {
		errs = append(errs, field("electiveChoice", ErrUnknownElectiveChoice))
	}
	return errors.Join(errs...)
}

func cloneSession(s Session) Session {
	s.Session.Participants = slices.Clone(s.Session.Participants)
	s.Session.Topics = slices.Clone(s.Session.Topics)
	return s
}
