package intervention

import (
	"time"

	"github.com/google/uuid"
)

// Component is one intervention in a treatment plan: a CM programme, a CBT
// course, a family therapy, an MI series, a brief intervention or TSF. Every
// modality package exports a type that satisfies it, and hosts may add their
// own (DESIGN.md, "The component contract").
type Component interface {
	// ID is the component's stable identifier within the plan.
	ID() uuid.UUID
	// Modality names the kind of intervention.
	Modality() Modality
	// Validate reports internal inconsistencies; errors wrap ErrInvalid.
	Validate() error
	// Progress summarises the component as of asOf. It is pure: the same
	// component and asOf always give the same answer.
	Progress(asOf time.Time) Progress
}

// Progress is a component's summary as of a time, in a shape every modality
// shares so that a plan can roll it up. Modality-specific figures go in
// Measures under stable codes; nothing in a Progress is free text.
type Progress struct {
	Component uuid.UUID      `json:"component"`
	Modality  Modality       `json:"modality"`
	AsOf      time.Time      `json:"asOf"`
	Status    ProgressStatus `json:"status"`
	// Completion is the share of the planned work done (topics covered,
	// visits held); not computable when nothing was planned.
	Completion Ratio `json:"completion"`
	// Attendance is sessions attended over sessions counted (programme
	// cancellations and excused absences are not counted against the patient).
	Attendance Ratio `json:"attendance"`
	// Measures are modality-specific figures under stable codes such as
	// "cm.current-streak" or "cbt.homework-completion".
	Measures []Measure `json:"measures,omitzero"`
	// Due lists what falls due next or is overdue as of AsOf.
	Due []Due `json:"due,omitzero"`
}

// Measure returns the measure with code and whether it is present.
func (p Progress) Measure(code string) (Measure, bool) {
	for _, m := range p.Measures {
		if m.Code == code {
			return m, true
		}
	}
	return Measure{}, false
}

// Measure is one named figure of a Progress. Value is a Ratio so that a
// figure with a zero denominator is reported as not computable; a plain
// quantity is n/1.
type Measure struct {
	Code  string `json:"code"`          // stable, e.g. "cm.balance"
	Unit  string `json:"unit,omitzero"` // "USD", "visits", "days", "percent"
	Value Ratio  `json:"value"`
}

// Due is something owed by a day: a review, a follow-up, a homework check,
// a specimen.
//
// By is a civil date: the item is due by the end of that day in the time
// zone of the component (or plan) that reported it, and encodes to JSON as
// "YYYY-MM-DD". Overdue means that date has passed in that zone as of the
// Progress's (or due list's) asOf: it is true from the first instant of the
// day after By, never on By itself.
type Due struct {
	Code    string `json:"code"` // stable, e.g. "brief.follow-up"
	By      Date   `json:"by"`
	Overdue bool   `json:"overdue"`
	// Ref is the element the item belongs to, when there is one.
	Ref uuid.UUID `json:"ref,omitzero"`
}
