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
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if !c.Kind.Valid() {
		errs = append(errs, intervention.Field("modality", intervention.ErrUnknownModality))
	}
	if !c.Status.Valid() {
		errs = append(errs, intervention.Field("status", intervention.ErrUnknownProgressStatus))
	}
	return errors.Join(errs...)
}

// Progress reports Status and DueItems, each overdue when its date has
// passed as of asOf in UTC (the zone of this package's fixtures).
func (c *Component) Progress(asOf time.Time) intervention.Progress {
	today, _ := intervention.DateOf(asOf, time.UTC)
	due := slices.Clone(c.DueItems)
	for i := range due {
		due[i].Overdue = today.After(due[i].By)
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
		var d componentDoc
		if err := strictDecode(doc, &d); err != nil {
			return nil, err
		}
		c := d.Component
		c.DueItems = nil
		for _, it := range d.DueItems {
			c.DueItems = append(c.DueItems, intervention.Due{Code: it.Code, By: intervention.Date(it.By), Overdue: it.Overdue, Ref: it.Ref})
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		return &c, nil
	}}
}

// componentDoc is Component's JSON form as ComponentCodec reads it: a due
// item's "by" is a date, or the RFC 3339 instant this package wrote before
// intervention.Due.By became a date.
type componentDoc struct {
	Component
	DueItems []dueItemDoc `json:"dueItems,omitzero"`
}

// dueItemDoc is an intervention.Due as read from a Component document.
type dueItemDoc struct {
	Code    string    `json:"code"`
	By      dueByDoc  `json:"by"`
	Overdue bool      `json:"overdue"`
	Ref     uuid.UUID `json:"ref,omitzero"`
}

// dueByDoc reads "YYYY-MM-DD", or an RFC 3339 instant as its date in UTC
// (the zone of this package's fixtures).
type dueByDoc intervention.Date

// UnmarshalText decodes a date or a legacy instant.
func (d *dueByDoc) UnmarshalText(b []byte) error {
	if len(b) > len(time.DateOnly) {
		t, err := time.Parse(time.RFC3339, string(b))
		if err != nil {
			return intervention.ErrBadDate
		}
		v, err := intervention.DateOf(t, time.UTC)
		if err != nil {
			return err
		}
		*d = dueByDoc(v)
		return nil
	}
	return (*intervention.Date)(d).UnmarshalText(b)
}
