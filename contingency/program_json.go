package contingency

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// ProgramSchemaVersion is the schemaVersion of a Program's JSON document.
const ProgramSchemaVersion = "1"

// ErrMalformedProgram means a programme or schedule document is not the JSON
// form this package writes: bad syntax, an unknown field, trailing data, a
// wrong schemaVersion, an unknown time zone, or a schedule whose kind does
// not match its body. The decoder's own message is dropped because it may
// quote the input.
var ErrMalformedProgram = fmt.Errorf("contingency: malformed programme JSON: %w", intervention.ErrInvalid)

// scheduleJSON is the wire form of a Schedule: a kind and exactly one body.
type scheduleJSON struct {
	Kind       ScheduleKind `json:"kind"`
	Escalating *Escalating  `json:"escalating,omitzero"`
	PrizeBowl  *PrizeBowl   `json:"prizeBowl,omitzero"`
	Table      *Table       `json:"table,omitzero"`
}

// MarshalSchedule encodes one of the built-in schedules with its kind:
// {"kind":"escalating","escalating":{…}}. Other Schedule implementations
// are an error: the host persists its own.
func MarshalSchedule(s Schedule) ([]byte, error) {
	var w scheduleJSON
	switch v := s.(type) {
	case Escalating:
		w = scheduleJSON{Kind: ScheduleEscalating, Escalating: &v}
	case PrizeBowl:
		w = scheduleJSON{Kind: SchedulePrizeBowl, PrizeBowl: &v}
	case Table:
		w = scheduleJSON{Kind: ScheduleTable, Table: &v}
	default:
		return nil, intervention.Field("schedule", ErrUnknownScheduleKind)
	}
	return json.Marshal(w)
}

// UnmarshalSchedule decodes what MarshalSchedule writes, strictly, and
// validates the schedule.
func UnmarshalSchedule(data []byte) (Schedule, error) {
	var w scheduleJSON
	if err := decodeStrict(data, &w); err != nil {
		return nil, err
	}
	var s Schedule
	bodies := 0
	for _, b := range []bool{w.Escalating != nil, w.PrizeBowl != nil, w.Table != nil} {
		if b {
			bodies++
		}
	}
	switch {
	case bodies != 1:
		return nil, ErrMalformedProgram
	case w.Kind == ScheduleEscalating && w.Escalating != nil:
		s = *w.Escalating
	case w.Kind == SchedulePrizeBowl && w.PrizeBowl != nil:
		s = *w.PrizeBowl
	case w.Kind == ScheduleTable && w.Table != nil:
		s = *w.Table
	default:
		return nil, ErrMalformedProgram
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// programConfigJSON is the wire form of a ProgramConfig.
type programConfigJSON struct {
	Target        Target          `json:"target"`
	Policy        Policy          `json:"policy"`
	Schedule      json.RawMessage `json:"schedule"`
	Calendar      Calendar        `json:"calendar"`
	Reconcile     Reconcile       `json:"reconcile,omitzero"`
	Instrument    Instrument      `json:"instrument"`
	FundingSource string          `json:"fundingSource,omitzero"`
	MaxVisits     int             `json:"maxVisits,omitzero"`
	Ineligible    []Period        `json:"ineligible,omitzero"`
	Location      string          `json:"location"`
}

// MarshalJSON encodes c with its schedule's kind and its time zone by name
// ("UTC" when none is set). An invalid configuration is an error.
func (c ProgramConfig) MarshalJSON() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s, err := MarshalSchedule(c.Schedule)
	if err != nil {
		return nil, err
	}
	return json.Marshal(programConfigJSON{
		Target: c.Target, Policy: c.Policy, Schedule: s, Calendar: c.Calendar, Reconcile: c.Reconcile,
		Instrument: c.Instrument, FundingSource: c.FundingSource, MaxVisits: c.MaxVisits,
		Ineligible: c.Ineligible, Location: c.location().String(),
	})
}

// UnmarshalJSON decodes what MarshalJSON writes, strictly, and validates
// the configuration. On error *c is unchanged.
func (c *ProgramConfig) UnmarshalJSON(data []byte) error {
	var w programConfigJSON
	if err := decodeStrict(data, &w); err != nil {
		return err
	}
	s, err := UnmarshalSchedule(w.Schedule)
	if err != nil {
		return intervention.Prefix("schedule", err)
	}
	loc, ok := wire.Zone(w.Location)
	if !ok {
		return intervention.Field("location", ErrMalformedProgram)
	}
	cfg := ProgramConfig{
		Target: w.Target, Policy: w.Policy, Schedule: s, Calendar: w.Calendar, Reconcile: w.Reconcile,
		Instrument: w.Instrument, FundingSource: w.FundingSource, MaxVisits: w.MaxVisits,
		Ineligible: w.Ineligible, Location: loc,
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	*c = cfg
	return nil
}

// programJSON is the wire form of a Program.
type programJSON struct {
	SchemaVersion string        `json:"schemaVersion"`
	ID            uuid.UUID     `json:"id"`
	Participant   uuid.UUID     `json:"participant"`
	Config        ProgramConfig `json:"config"`
	Operations    []Operation   `json:"operations"`
}

// MarshalJSON encodes the programme as its configuration and its log of
// operations; the money lives in the ledger, persisted by its Store.
// DecodeProgram rebuilds the programme from this form.
func (p *Program) MarshalJSON() ([]byte, error) {
	ops := p.Operations()
	if ops == nil {
		ops = []Operation{}
	}
	return json.Marshal(programJSON{
		SchemaVersion: ProgramSchemaVersion, ID: p.id, Participant: p.ledger.Participant(), Config: p.Config(), Operations: ops,
	})
}

// DecodeProgram rebuilds a programme from the JSON MarshalJSON writes, by
// replaying its operations against ledger (see Restore): against the ledger
// it was recorded with, nothing new is posted. The document's participant
// must be the ledger's. A prize-bowl programme that drew its own prizes
// needs WithDrawer with the same bowl and seed to replay the same draws.
func DecodeProgram(ctx context.Context, data []byte, ledger *Ledger, opts ...ProgramOption) (*Program, error) {
	var w programJSON
	programSchema := wire.Schema{Current: ProgramSchemaVersion, Refused: ErrMalformedProgram}
	if err := programSchema.Decode(data, &w, intervention.ErrInvalid, ErrMalformedProgram); err != nil {
		return nil, err
	}
	if ledger == nil {
		return nil, intervention.Field("ledger", intervention.ErrMissing)
	}
	if w.Participant != ledger.Participant() {
		return nil, intervention.Field("participant", intervention.ErrInconsistent)
	}
	// Check every operation before replaying any, so that a bad document
	// posts nothing.
	var errs []error
	for i, op := range w.Operations {
		errs = append(errs, intervention.Prefix(intervention.Index("operations", i), op.Validate()))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return Restore(ctx, w.ID, w.Config, ledger, w.Operations, opts...)
}

// decodeStrict decodes one JSON value into v strictly (see wire.Decode);
// decoder errors become ErrMalformedProgram, so that no input is quoted.
func decodeStrict(data []byte, v any) error {
	return wire.Decode(data, v, intervention.ErrInvalid, ErrMalformedProgram)
}
