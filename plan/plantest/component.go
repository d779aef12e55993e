package plantest

import (
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// Component is a host-defined plan component with canned answers: the
// progress status and due items Progress reports and the findings
// Findings reports. It implements intervention.Component and
// intervention.Checker, and has a JSON form (its exported fields) that
// ComponentCodec reads. Set its fields before attaching it to a plan and
// leave them alone afterwards.
type Component struct {
	ComponentID uuid.UUID                   `json:"componentId"`
	Kind        intervention.Modality       `json:"kind"`
	Status      intervention.ProgressStatus `json:"status"`
	Issues      []intervention.Finding      `json:"issues,omitzero"`
	DueItems    []intervention.Due          `json:"dueItems,omitzero"`
}

var (
	_ intervention.Component = (*Component)(nil)
	_ intervention.Checker   = (*Component)(nil)
)

// NewComponent returns an active component of modality m with ID n.
func NewComponent(n int, m intervention.Modality) *Component {
	return &Component{ComponentID: ComponentID(n), Kind: m, Status: intervention.StatusActive}
}

// ID returns ComponentID.
func (c *Component) ID() uuid.UUID { return c.ComponentID }

// Modality returns Kind.
func (c *Component) Modality() intervention.Modality { return c.Kind }

// Validate requires an ID, a valid modality and a valid status.
func (c *Component) Validate() error {
	var errs []error
	if c.ComponentID == uuid.Nil {
		errs = append(errs, intervention.Field("id", intervention.ErrMissing))
	}
	if !c.Kind.Valid() {
		errs = append(errs, intervention.Field("modality", intervention.ErrUnknownModality))
	}
	if !c.Status.Valid() {
		errs = append(errs, intervention.Field("status", intervention.ErrUnknownProgressStatus))
	}
	return errors.Join(errs...)
}

// Progress reports Status and DueItems (overdue as of asOf).
func (c *Component) Progress(asOf time.Time) intervention.Progress {
	due := slices.Clone(c.DueItems)
	for i := range due {
		due[i].Overdue = asOf.After(due[i].By)
	}
	return intervention.Progress{Component: c.ComponentID, Modality: c.Kind, AsOf: asOf, Status: c.Status, Due: due}
}

// Findings returns Issues.
func (c *Component) Findings(time.Time) []intervention.Finding { return slices.Clone(c.Issues) }

// ComponentCodec returns the codec of Component documents, for
// plan.WithComponentCodec: the encoder is Component's own JSON form, the
// decoder rejects unknown fields and an invalid component.
func ComponentCodec() plan.ComponentCodec {
	return plan.ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
		var c Component
		if err := strictDecode(doc, &c); err != nil {
			return nil, err
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		return &c, nil
	}}
}
