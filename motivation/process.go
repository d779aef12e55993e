package motivation

import (
	"errors"
	"slices"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Process is one of the four overlapping processes of motivational
// interviewing (Miller & Rollnick 2013). The zero Process is invalid.
type Process string

// The MI processes.
const (
	ProcessEngaging Process = "engaging"
	ProcessFocusing Process = "focusing"
	ProcessEvoking  Process = "evoking"
	ProcessPlanning Process = "planning"
)

// Processes returns every Process in the order MI usually moves through them.
func Processes() []Process {
	return []Process{ProcessEngaging, ProcessFocusing, ProcessEvoking, ProcessPlanning}
}

// ParseProcess returns the Process whose text form is s.
func ParseProcess(s string) (Process, error) {
	if v := Process(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownProcess
}

// Valid reports whether p is one of the constants.
func (p Process) Valid() bool { return enum.Valid(p, Processes()) }

// String returns the text form of p.
func (p Process) String() string { return string(p) }

// MarshalText encodes p; an invalid Process is an error.
func (p Process) MarshalText() ([]byte, error) {
	return enum.Marshal(p, Process.Valid, ErrUnknownProcess)
}

// UnmarshalText decodes p with ParseProcess; on error *p is unchanged.
func (p *Process) UnmarshalText(b []byte) error { return enum.Unmarshal(p, b, ParseProcess) }

// MISession is an MI session: the shared session record (who attended, for
// how long) and the MI processes it covered. It holds no notes.
type MISession struct {
	Session intervention.Session `json:"session"`
	// Processes covered, each at most once; empty when the patient did not
	// attend.
	Processes []Process `json:"processes,omitzero"`
}

// Validate reports every problem with s, each under its JSON path: the
// session must be valid and of modality motivational-interviewing
// (ErrInconsistent at "session.modality"), and the processes valid and
// distinct.
func (s MISession) Validate() error {
	errs := []error{intervention.Prefix("session", s.Session.Validate())}
	if s.Session.Modality.Valid() && s.Session.Modality != intervention.ModalityMotivationalInterviewing {
		errs = append(errs, field("session.modality", intervention.ErrInconsistent))
	}
	for i, p := range s.Processes {
		switch {
		case !p.Valid():
			errs = append(errs, field(intervention.Index("processes", i), ErrUnknownProcess))
		case slices.Index(s.Processes, p) < i:
			errs = append(errs, field(intervention.Index("processes", i), intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}
