package plan

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// Data-entry bounds.
const (
	// MaxFrequencyCount bounds Frequency.Count.
	MaxFrequencyCount = 1000
	// maxListLen bounds every list inside an element (diagnoses, evidence,
	// objectives served, staff).
	maxListLen = 100
	// maxNumberLen bounds the text of a target value.
	maxNumberLen = 32
)

// Problem is an assessed need the plan addresses, with the evidence that
// supports it and its ICD-10-CM diagnoses (reference: plans-and-interop.md
// §4.1, SD 67:61:07:06 (1)-(2); (b) 3).
type Problem struct {
	ID        uuid.UUID         `json:"id"`
	Statement intervention.Text `json:"statement"`
	Diagnoses []DiagnosisCode   `json:"diagnoses,omitzero"`
	Evidence  []Evidence        `json:"evidence,omitzero"`
	Status    ProblemStatus     `json:"status"`
}

// Evidence supports a problem: a reference to the host's assessment or
// instrument record, a short text, or both.
type Evidence struct {
	// Source is a code naming the kind of record ("asam-assessment",
	// "audit", "bps").
	Source string `json:"source,omitzero"`
	// Ref is the host's opaque ID of the record.
	Ref  uuid.UUID         `json:"ref,omitzero"`
	Text intervention.Text `json:"text,omitzero"`
}

// Validate reports every problem with p, each under its JSON path. It never
// modifies p.
func (p Problem) Validate() error {
	errs := []error{checkID("id", p.ID), checkText("statement", p.Statement, true), checkLen("diagnoses", len(p.Diagnoses))}
	for i, d := range p.Diagnoses {
		path := intervention.Index("diagnoses", i)
		switch {
		case !d.Valid():
			errs = append(errs, field(path, ErrBadDiagnosis))
		case slices.Index(p.Diagnoses, d) < i:
			errs = append(errs, field(path, intervention.ErrDuplicate))
		}
	}
	errs = append(errs, checkLen("evidence", len(p.Evidence)))
	for i, e := range p.Evidence {
		path := intervention.Index("evidence", i)
		errs = append(errs, checkCode(path+".source", e.Source, false), checkText(path+".text", e.Text, false))
		if e.Ref == uuid.Nil && e.Text.IsBlank() {
			errs = append(errs, field(path, intervention.ErrMissing))
		}
	}
	if !p.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownProblemStatus))
	}
	return errors.Join(errs...)
}

func (p Problem) clone() Problem {
	p.Diagnoses = slices.Clone(p.Diagnoses)
	p.Evidence = slices.Clone(p.Evidence)
	return p
}

// Goal is what the patient wants to achieve for a problem, in the patient's
// own words and in clinical wording (reference: plans-and-interop.md §4.1,
// CARF 2.C "expressed in the words of the person served"; (b) 5).
type Goal struct {
	ID      uuid.UUID `json:"id"`
	Problem uuid.UUID `json:"problem"`
	// PatientWords is the goal as the patient put it.
	PatientWords intervention.Text `json:"patientWords,omitzero"`
	// Clinical is the clinical wording of the goal.
	Clinical intervention.Text `json:"clinical,omitzero"`
	Term     GoalTerm          `json:"term,omitzero"`
	Status   GoalStatus        `json:"status"`
}

// Validate reports every problem with g. At least one wording is required.
func (g Goal) Validate() error {
	errs := []error{
		checkID("id", g.ID), checkID("problem", g.Problem),
		checkText("patientWords", g.PatientWords, false), checkText("clinical", g.Clinical, false),
	}
	if g.PatientWords.IsBlank() && g.Clinical.IsBlank() {
		errs = append(errs, field("patientWords", intervention.ErrMissing))
	}
	if g.Term != "" && !g.Term.Valid() {
		errs = append(errs, field("term", ErrUnknownGoalTerm))
	}
	if !g.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownGoalStatus))
	}
	return errors.Join(errs...)
}

// Objective is a measurable, time-bound step towards a goal: what is
// measured, the target, and the date it is due (reference:
// plans-and-interop.md §4.2, (b) 6). A draft objective may lack its measure,
// target or due date; rule P-MEASURE-1 reports that.
type Objective struct {
	ID   uuid.UUID         `json:"id"`
	Goal uuid.UUID         `json:"goal"`
	Text intervention.Text `json:"text"`
	// Measure is the code of the indicator used to assess progress, such as
	// "cm.percent-negative" (a component measure) or a host code.
	Measure string            `json:"measure,omitzero"`
	Target  Target            `json:"target,omitzero"`
	Due     intervention.Date `json:"due,omitzero"`
	Status  ObjectiveStatus   `json:"status"`
}

// Validate reports every problem with o.
func (o Objective) Validate() error {
	errs := []error{
		checkID("id", o.ID), checkID("goal", o.Goal), checkText("text", o.Text, true),
		checkCode("measure", o.Measure, false), intervention.Prefix("target", o.Target.Validate()),
	}
	if !o.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownObjectiveStatus))
	}
	return errors.Join(errs...)
}

// Target is an objective's target: a numeric value with a comparator and a
// unit ("at-least 80 percent"), an observable criterion in words, or both.
// The zero Target means none is set.
type Target struct {
	// Comparator is set exactly when the target is numeric.
	Comparator Comparator      `json:"comparator,omitzero"`
	Value      decimal.Decimal `json:"value"`
	// Unit is a code such as "percent", "days" or "sessions".
	Unit string `json:"unit,omitzero"`
	// Criterion is an observable criterion when the target is not (only) a number.
	Criterion intervention.Text `json:"criterion,omitzero"`
}

// IsZero reports whether no target is set.
func (t Target) IsZero() bool {
	return t.Comparator == "" && t.Value.IsZero() && t.Unit == "" && t.Criterion.IsZero()
}

// Numeric reports whether t has a comparator and value.
func (t Target) Numeric() bool { return t.Comparator != "" }

// Stated reports whether t says something measurable: a numeric value or a
// non-blank criterion.
func (t Target) Stated() bool { return t.Numeric() || !t.Criterion.IsBlank() }

// Validate reports every problem with t.
func (t Target) Validate() error {
	var errs []error
	if t.Comparator != "" {
		if !t.Comparator.Valid() {
			errs = append(errs, field("comparator", ErrUnknownComparator))
		}
		if len(exact(t.Value)) > maxNumberLen {
			errs = append(errs, field("value", intervention.ErrOutOfRange))
		}
	} else {
		if !t.Value.IsZero() {
			errs = append(errs, field("value", intervention.ErrInconsistent))
		}
		if t.Unit != "" {
			errs = append(errs, field("unit", intervention.ErrInconsistent))
		}
	}
	errs = append(errs, checkCode("unit", t.Unit, false), checkText("criterion", t.Criterion, false))
	return errors.Join(errs...)
}

// targetJSON is the wire form of a Target: the value as an exact decimal
// string, present only with a comparator. T is intervention.Text in an
// element's own (redacted) JSON form and string in the plan document.
type targetJSON[T any] struct {
	Comparator Comparator `json:"comparator,omitzero"`
	Value      string     `json:"value,omitzero"`
	Unit       string     `json:"unit,omitzero"`
	Criterion  T          `json:"criterion,omitzero"`
}

// exact formats d with all its digits and no exponent, whatever the host did
// to shopspring/decimal's package settings (CONVENTIONS §3).
func exact(d decimal.Decimal) string { return d.StringFixed(max(0, -d.Exponent())) }

// MarshalJSON encodes t with the value as an exact decimal string ("80",
// "1.50"), written only for a numeric target, and the criterion redacted
// (the plan document writes it). Target has no UnmarshalJSON: it is read
// as part of a plan document.
func (t Target) MarshalJSON() ([]byte, error) { return marshalTarget(t, t.Criterion) }

// marshalTarget encodes t with criterion as its criterion.
func marshalTarget[T any](t Target, criterion T) ([]byte, error) {
	w := targetJSON[T]{Comparator: t.Comparator, Unit: t.Unit, Criterion: criterion}
	if t.Comparator != "" {
		w.Value = exact(t.Value)
	}
	return json.Marshal(w)
}

// plainDecimal reports whether s is an optional '-', digits, and optionally
// '.' and more digits, at most maxNumberLen characters.
func plainDecimal(s string) bool {
	if len(s) > maxNumberLen {
		return false
	}
	s = trimPrefix(s, "-")
	digits, dot := 0, false
	for i := range len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

func trimPrefix(s, p string) string {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// Intervention is a service the plan delivers for one or more objectives:
// its modality, the component that delivers it (when the library models
// it), how often, and the staff responsible (reference: plans-and-interop.md
// §4.1, CARF 2.C.2 (c)-(d), SD (4); (b) 8).
type Intervention struct {
	ID uuid.UUID `json:"id"`
	// Objectives are the objectives the intervention serves (at least one).
	Objectives []uuid.UUID           `json:"objectives"`
	Modality   intervention.Modality `json:"modality"`
	Component  uuid.UUID             `json:"component,omitzero"` // a component of the plan, when set
	Frequency  Frequency             `json:"frequency,omitzero"`
	// Responsible are the host's opaque IDs of the staff responsible.
	Responsible []uuid.UUID        `json:"responsible,omitzero"`
	Status      InterventionStatus `json:"status"`
}

// Validate reports every problem with i.
func (i Intervention) Validate() error {
	errs := []error{checkID("id", i.ID), checkIDs("objectives", i.Objectives, true)}
	if !i.Modality.Valid() {
		errs = append(errs, field("modality", intervention.ErrUnknownModality))
	}
	errs = append(errs, intervention.Prefix("frequency", i.Frequency.Validate()), checkIDs("responsible", i.Responsible, false))
	if !i.Status.Valid() {
		errs = append(errs, field("status", ErrUnknownInterventionStatus))
	}
	return errors.Join(errs...)
}

func (i Intervention) clone() Intervention {
	i.Objectives = slices.Clone(i.Objectives)
	i.Responsible = slices.Clone(i.Responsible)
	return i
}

// Frequency is how often an intervention is delivered: Count per Per, each
// lasting Minutes when stated. The zero Frequency means not stated.
type Frequency struct {
	Count   int           `json:"count"`
	Per     FrequencyUnit `json:"per"`
	Minutes int           `json:"minutes,omitzero"`
}

// IsZero reports whether no frequency is stated.
func (f Frequency) IsZero() bool { return f == Frequency{} }

// Validate reports every problem with f. The zero Frequency is valid (not
// stated); a stated one has a count of 1–MaxFrequencyCount and a unit.
func (f Frequency) Validate() error {
	if f.IsZero() {
		return nil
	}
	var errs []error
	if f.Count < 1 || f.Count > MaxFrequencyCount {
		errs = append(errs, field("count", intervention.ErrOutOfRange))
	}
	if !f.Per.Valid() {
		errs = append(errs, field("per", ErrUnknownFrequencyUnit))
	}
	if f.Minutes < 0 || f.Minutes > intervention.MaxSessionMinutes {
		errs = append(errs, field("minutes", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// Strength is a strength, ability or preference of the patient the plan
// builds on (reference: plans-and-interop.md §4.1, CARF 2.C.1; (b) 4).
type Strength struct {
	ID   uuid.UUID         `json:"id"`
	Text intervention.Text `json:"text"`
}

// Validate reports every problem with s.
func (s Strength) Validate() error {
	return errors.Join(checkID("id", s.ID), checkText("text", s.Text, true))
}

// DischargeCriterion is a level of functioning that ends the service,
// with the date it was discussed with the patient (reference:
// plans-and-interop.md §4.1, TJC CTS.03.01.03 EP 2, MT 37.106.1440; (b) 11).
type DischargeCriterion struct {
	ID   uuid.UUID         `json:"id"`
	Text intervention.Text `json:"text"`
	// Discussed is when the criterion was discussed with the patient; zero
	// when it has not been.
	Discussed intervention.Date `json:"discussed,omitzero"`
}

// Validate reports every problem with d.
func (d DischargeCriterion) Validate() error {
	return errors.Join(checkID("id", d.ID), checkText("text", d.Text, true))
}

// Participation records that a person took part in developing or reviewing
// the plan on a date: the patient, a guardian or family member (reference:
// plans-and-interop.md §4.1, CARF 2.C.1.a, SD 67:61:07:06; (b) 14).
type Participation struct {
	ID     uuid.UUID         `json:"id"`
	Person uuid.UUID         `json:"person"` // the host's opaque ID
	Role   intervention.Role `json:"role"`
	On     intervention.Date `json:"on"`
}

// Validate reports every problem with p.
func (p Participation) Validate() error {
	errs := []error{checkID("id", p.ID), checkID("person", p.Person)}
	if !p.Role.Valid() {
		errs = append(errs, field("role", intervention.ErrUnknownRole))
	}
	if p.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// checkID reports ErrMissing at path for the nil UUID.
func checkID(path string, id uuid.UUID) error {
	if id == uuid.Nil {
		return intervention.Expect(path, intervention.ErrMissing, intervention.WantID)
	}
	return nil
}

// checkIDs reports nil, duplicate and too many IDs, and an empty list when
// required.
func checkIDs(path string, ids []uuid.UUID, required bool) error {
	return checkIDsMax(path, ids, required, maxListLen)
}

// checkIDsMax is checkIDs with a bound of limit IDs.
func checkIDsMax(path string, ids []uuid.UUID, required bool, limit int) error {
	if len(ids) == 0 && required {
		return field(path, intervention.ErrMissing)
	}
	var errs []error
	if len(ids) > limit {
		errs = append(errs, field(path, intervention.ErrOutOfRange))
	}
	for i, id := range ids {
		p := intervention.Index(path, i)
		switch {
		case id == uuid.Nil:
			errs = append(errs, field(p, intervention.ErrMissing))
		case slices.Index(ids, id) < i:
			errs = append(errs, field(p, intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

// checkLen reports ErrOutOfRange for a list longer than maxListLen.
func checkLen(path string, n int) error {
	if n > maxListLen {
		return field(path, intervention.ErrOutOfRange)
	}
	return nil
}
