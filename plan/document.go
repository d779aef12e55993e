package plan

import (
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// Document forms of the elements that hold text. An element's own JSON
// form redacts its text (intervention.Text marshals as "[redacted]"), so
// that json.Marshal of an element, and slog's JSON handler on a list of
// them, never carries PHI. The plan document, and the idempotency hash of a
// change, write the text itself through these forms instead: each has the
// element's fields, keys and order, with the text as a string. Key order is
// part of the contract (testdata/plan.golden.json).

type problemDoc struct {
	ID        uuid.UUID       `json:"id"`
	Statement string          `json:"statement"`
	Diagnoses []DiagnosisCode `json:"diagnoses,omitzero"`
	Evidence  []evidenceDoc   `json:"evidence,omitzero"`
	Status    ProblemStatus   `json:"status"`
}

type evidenceDoc struct {
	Source string    `json:"source,omitzero"`
	Ref    uuid.UUID `json:"ref,omitzero"`
	Text   string    `json:"text,omitzero"`
}

type goalDoc struct {
	ID           uuid.UUID  `json:"id"`
	Problem      uuid.UUID  `json:"problem"`
	PatientWords string     `json:"patientWords,omitzero"`
	Clinical     string     `json:"clinical,omitzero"`
	Term         GoalTerm   `json:"term,omitzero"`
	Status       GoalStatus `json:"status"`
}

type objectiveDoc struct {
	ID      uuid.UUID         `json:"id"`
	Goal    uuid.UUID         `json:"goal"`
	Text    string            `json:"text"`
	Measure string            `json:"measure,omitzero"`
	Target  targetDoc         `json:"target,omitzero"`
	Due     intervention.Date `json:"due,omitzero"`
	Status  ObjectiveStatus   `json:"status"`
}

// targetDoc is a Target whose JSON form is the document's: the criterion
// as itself.
type targetDoc Target

type strengthDoc struct {
	ID   uuid.UUID `json:"id"`
	Text string    `json:"text"`
}

type dischargeDoc struct {
	ID        uuid.UUID         `json:"id"`
	Text      string            `json:"text"`
	Discussed intervention.Date `json:"discussed,omitzero"`
}

type levelDoc struct {
	ID         uuid.UUID         `json:"id"`
	Edition    Edition           `json:"edition"`
	Level      string            `json:"level"`
	Dimensions []DimensionRating `json:"dimensions"`
	Driving    []int             `json:"driving,omitzero"`
	Rationale  string            `json:"rationale,omitzero"`
	AssessedOn intervention.Date `json:"assessedOn"`
	Assessor   uuid.UUID         `json:"assessor"`
}

type reviewDoc struct {
	ID            uuid.UUID     `json:"id"`
	Progress      []progressDoc `json:"progress"`
	Outcome       ReviewOutcome `json:"outcome"`
	Justification string        `json:"justification,omitzero"`
}

type progressDoc struct {
	Objective uuid.UUID       `json:"objective"`
	Status    ObjectiveStatus `json:"status"`
	Note      string          `json:"note,omitzero"`
}

type reviewRecordDoc struct {
	reviewDoc
	Revision  uuid.UUID   `json:"revision"`
	Reviewer  uuid.UUID   `json:"reviewer"`
	Started   time.Time   `json:"started"`
	Completed time.Time   `json:"completed"`
	Changed   []uuid.UUID `json:"changed,omitzero"`
}

func (p Problem) doc() problemDoc {
	return problemDoc{ID: p.ID, Statement: p.Statement.Reveal(), Diagnoses: p.Diagnoses,
		Evidence: wire.Map(p.Evidence, Evidence.doc), Status: p.Status}
}

func (d problemDoc) element() Problem {
	return Problem{ID: d.ID, Statement: intervention.NewText(d.Statement), Diagnoses: d.Diagnoses,
		Evidence: wire.Map(d.Evidence, evidenceDoc.element), Status: d.Status}
}

func (e Evidence) doc() evidenceDoc {
	return evidenceDoc{Source: e.Source, Ref: e.Ref, Text: e.Text.Reveal()}
}

func (d evidenceDoc) element() Evidence {
	return Evidence{Source: d.Source, Ref: d.Ref, Text: intervention.NewText(d.Text)}
}

func (g Goal) doc() goalDoc {
	return goalDoc{ID: g.ID, Problem: g.Problem, PatientWords: g.PatientWords.Reveal(), Clinical: g.Clinical.Reveal(),
		Term: g.Term, Status: g.Status}
}

func (d goalDoc) element() Goal {
	return Goal{ID: d.ID, Problem: d.Problem, PatientWords: intervention.NewText(d.PatientWords),
		Clinical: intervention.NewText(d.Clinical), Term: d.Term, Status: d.Status}
}

func (o Objective) doc() objectiveDoc {
	return objectiveDoc{ID: o.ID, Goal: o.Goal, Text: o.Text.Reveal(), Measure: o.Measure, Target: targetDoc(o.Target),
		Due: o.Due, Status: o.Status}
}

func (d objectiveDoc) element() Objective {
	return Objective{ID: d.ID, Goal: d.Goal, Text: intervention.NewText(d.Text), Measure: d.Measure,
		Target: Target(d.Target), Due: d.Due, Status: d.Status}
}

// IsZero reports whether no target is set (for omitzero).
func (t targetDoc) IsZero() bool { return Target(t).IsZero() }

// MarshalJSON writes the target as Target.MarshalJSON does, with the
// criterion as itself.
func (t targetDoc) MarshalJSON() ([]byte, error) {
	return marshalTarget(Target(t), t.Criterion.Reveal())
}

// UnmarshalJSON decodes the form MarshalJSON writes. The value must be a
// plain decimal ("-12.5"; no exponent, no '+'), present exactly when a
// comparator is. On error *t is unchanged.
func (t *targetDoc) UnmarshalJSON(b []byte) error {
	var w targetJSON[string]
	if err := strictUnmarshal(b, &w); err != nil {
		return err
	}
	v := decimal.Zero
	if w.Value != "" || w.Comparator != "" {
		if !plainDecimal(w.Value) {
			return field("value", ErrMalformedJSON)
		}
		v, _ = decimal.NewFromString(w.Value) // plainDecimal checked the syntax
	}
	*t = targetDoc{Comparator: w.Comparator, Value: v, Unit: w.Unit, Criterion: intervention.NewText(w.Criterion)}
	return nil
}

func (s Strength) doc() strengthDoc { return strengthDoc{ID: s.ID, Text: s.Text.Reveal()} }

func (d strengthDoc) element() Strength {
	return Strength{ID: d.ID, Text: intervention.NewText(d.Text)}
}

func (d DischargeCriterion) doc() dischargeDoc {
	return dischargeDoc{ID: d.ID, Text: d.Text.Reveal(), Discussed: d.Discussed}
}

func (d dischargeDoc) element() DischargeCriterion {
	return DischargeCriterion{ID: d.ID, Text: intervention.NewText(d.Text), Discussed: d.Discussed}
}

func (l LevelOfCare) doc() levelDoc {
	return levelDoc{ID: l.ID, Edition: l.Edition, Level: l.Level, Dimensions: l.Dimensions, Driving: l.Driving,
		Rationale: l.Rationale.Reveal(), AssessedOn: l.AssessedOn, Assessor: l.Assessor}
}

func (d levelDoc) element() LevelOfCare {
	return LevelOfCare{ID: d.ID, Edition: d.Edition, Level: d.Level, Dimensions: d.Dimensions, Driving: d.Driving,
		Rationale: intervention.NewText(d.Rationale), AssessedOn: d.AssessedOn, Assessor: d.Assessor}
}

func (r Review) doc() reviewDoc {
	return reviewDoc{ID: r.ID, Progress: wire.Map(r.Progress, ObjectiveProgress.doc), Outcome: r.Outcome,
		Justification: r.Justification.Reveal()}
}

func (d reviewDoc) element() Review {
	return Review{ID: d.ID, Progress: wire.Map(d.Progress, progressDoc.element), Outcome: d.Outcome,
		Justification: intervention.NewText(d.Justification)}
}

func (o ObjectiveProgress) doc() progressDoc {
	return progressDoc{Objective: o.Objective, Status: o.Status, Note: o.Note.Reveal()}
}

func (d progressDoc) element() ObjectiveProgress {
	return ObjectiveProgress{Objective: d.Objective, Status: d.Status, Note: intervention.NewText(d.Note)}
}

func (r ReviewRecord) doc() reviewRecordDoc {
	return reviewRecordDoc{reviewDoc: r.Review.doc(), Revision: r.Revision, Reviewer: r.Reviewer, Started: r.Started,
		Completed: r.Completed, Changed: r.Changed}
}

func (d reviewRecordDoc) element() ReviewRecord {
	return ReviewRecord{Review: d.reviewDoc.element(), Revision: d.Revision, Reviewer: d.Reviewer, Started: d.Started,
		Completed: d.Completed, Changed: d.Changed}
}
