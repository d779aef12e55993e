package motivation

import (
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Stage is a stage of change of the Transtheoretical Model (Prochaska &
// DiClemente; reference: instruments.md §7.4). The zero Stage is invalid.
type Stage string

// The stages of change. Time frames are those of reference: instruments.md §7.4.
const (
	// StagePrecontemplation: no intention to change in the foreseeable
	// future (usually the next 6 months).
	StagePrecontemplation Stage = "precontemplation"
	// StageContemplation: intends to change within the next 6 months.
	StageContemplation Stage = "contemplation"
	// StagePreparation: intends to act within the next month (30 days) and
	// may have taken small steps.
	StagePreparation Stage = "preparation"
	// StageAction: changed the behaviour within the last 6 months.
	StageAction Stage = "action"
	// StageMaintenance: change sustained for more than 6 months.
	StageMaintenance Stage = "maintenance"
	// StageRelapse: relapse and recycling back through the earlier stages,
	// which some formulations add to the five (reference: §7.4 [S90]).
	StageRelapse Stage = "relapse"
)

// Stages returns every Stage in model order.
func Stages() []Stage {
	return []Stage{
		StagePrecontemplation, StageContemplation, StagePreparation,
		StageAction, StageMaintenance, StageRelapse,
	}
}

// ParseStage returns the Stage whose text form is s.
func ParseStage(s string) (Stage, error) {
	if v := Stage(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownStage
}

// Valid reports whether s is one of the constants.
func (s Stage) Valid() bool { return enum.Valid(s, Stages()) }

// String returns the text form of s.
func (s Stage) String() string { return string(s) }

// MarshalText encodes s; an invalid Stage is an error.
func (s Stage) MarshalText() ([]byte, error) { return enum.Marshal(s, Stage.Valid, ErrUnknownStage) }

// UnmarshalText decodes s with ParseStage; on error *s is unchanged.
func (s *Stage) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseStage) }

// AssessmentMethod says how a stage was assessed. The zero value is invalid.
type AssessmentMethod string

// The assessment methods.
const (
	// MethodClinicalInterview: the clinician's judgement from the interview.
	MethodClinicalInterview AssessmentMethod = "clinical-interview"
	// MethodStagingAlgorithm: the time-frame questions of §7.4, as
	// StageFromAnswers applies them.
	MethodStagingAlgorithm AssessmentMethod = "staging-algorithm"
	// MethodURICA: a URICA score with an explicit banding (URICAOptions).
	MethodURICA AssessmentMethod = "urica"
	// MethodRulerHeuristic: a readiness-ruler value mapped by a
	// StageHeuristic. Not a validated rule (reference: §7.3).
	MethodRulerHeuristic AssessmentMethod = "ruler-heuristic"
)

// AssessmentMethods returns every AssessmentMethod in a stable order.
func AssessmentMethods() []AssessmentMethod {
	return []AssessmentMethod{MethodClinicalInterview, MethodStagingAlgorithm, MethodURICA, MethodRulerHeuristic}
}

// ParseAssessmentMethod returns the AssessmentMethod whose text form is s.
func ParseAssessmentMethod(s string) (AssessmentMethod, error) {
	if v := AssessmentMethod(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownMethod
}

// Valid reports whether m is one of the constants.
func (m AssessmentMethod) Valid() bool { return enum.Valid(m, AssessmentMethods()) }

// String returns the text form of m.
func (m AssessmentMethod) String() string { return string(m) }

// MarshalText encodes m; an invalid AssessmentMethod is an error.
func (m AssessmentMethod) MarshalText() ([]byte, error) {
	return enum.Marshal(m, AssessmentMethod.Valid, ErrUnknownMethod)
}

// UnmarshalText decodes m with ParseAssessmentMethod; on error *m is unchanged.
func (m *AssessmentMethod) UnmarshalText(b []byte) error {
	return enum.Unmarshal(m, b, ParseAssessmentMethod)
}

// StageAssessment is one dated judgement of a person's stage of change for
// one target behaviour, by an identified assessor. Assessments are never
// edited: a mistake is corrected by a new assessment whose Corrects names
// the one it replaces.
type StageAssessment struct {
	ID       uuid.UUID         `json:"id"`
	Behavior Behavior          `json:"behavior"`
	Stage    Stage             `json:"stage"`
	On       intervention.Date `json:"on"`
	// Assessor is the host's opaque ID of the clinician (or rater) who
	// made the assessment.
	Assessor uuid.UUID        `json:"assessor"`
	Method   AssessmentMethod `json:"method"`
	// Corrects is the ID of the earlier assessment in the same history that
	// this one replaces; zero for an ordinary assessment.
	Corrects uuid.UUID `json:"corrects,omitzero"`
}

// Validate reports every problem with a, each under its JSON path. It never
// modifies a.
func (a StageAssessment) Validate() error {
	var errs []error
	if a.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if !a.Behavior.Valid() {
		errs = append(errs, field("behavior", ErrBadBehavior))
	}
	if !a.Stage.Valid() {
		errs = append(errs, field("stage", ErrUnknownStage))
	}
	if a.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if a.Assessor == uuid.Nil {
		errs = append(errs, field("assessor", intervention.ErrMissing))
	}
	if !a.Method.Valid() {
		errs = append(errs, field("method", ErrUnknownMethod))
	}
	if a.Corrects != uuid.Nil && a.Corrects == a.ID {
		errs = append(errs, field("corrects", intervention.ErrInconsistent))
	}
	return errors.Join(errs...)
}

// StageHistory is the append-only, dated history of stage assessments for
// one target behaviour (reference: instruments.md §7.4). Entries are kept in
// the order they were recorded and never edited or removed; a correction is
// a new entry naming the one it corrects, which then no longer counts.
//
// The zero StageHistory has no behaviour and accepts nothing; use
// NewStageHistory. Copies are independent: recording into one never shows
// in another. A StageHistory is not safe for concurrent writes (Component
// guards its own).
type StageHistory struct {
	behavior Behavior
	entries  []StageAssessment
}

// NewStageHistory returns an empty history for behaviour b, or
// ErrBadBehavior (in a FieldError at "behavior") when b is not a code.
func NewStageHistory(b Behavior) (StageHistory, error) {
	if !b.Valid() {
		return StageHistory{}, field("behavior", ErrBadBehavior)
	}
	return StageHistory{behavior: b}, nil
}

// Behavior returns the behaviour the history is about.
func (h StageHistory) Behavior() Behavior { return h.behavior }

// Len returns the number of recorded entries, corrected ones included.
func (h StageHistory) Len() int { return len(h.entries) }

// Entries returns every recorded entry in recording order, corrected ones
// included.
func (h StageHistory) Entries() []StageAssessment {
	return append([]StageAssessment(nil), h.entries...)
}

// Record appends a. Recording an assessment whose ID is already in the
// history is a no-op reporting replayed = true when the content is the
// same, and ErrConflict (at "id") when it differs. Otherwise a must be
// valid, be about the history's behaviour (ErrInconsistent at "behavior")
// and, when it corrects, name an entry in the history (ErrNotRecorded) that
// no other entry corrects yet (ErrAlreadyCorrected). On error h is unchanged.
func (h *StageHistory) Record(a StageAssessment) (replayed bool, err error) {
	if i := h.index(a.ID); i >= 0 && a.ID != uuid.Nil {
		if h.entries[i] == a {
			return true, nil
		}
		return false, field("id", ErrConflict)
	}
	if err := h.check(a); err != nil {
		return false, err
	}
	// Clip first so that a copy of h sharing the backing array never sees
	// this entry (copies are independent).
	h.entries = append(h.entries[:len(h.entries):len(h.entries)], a)
	return false, nil
}

// check reports why a cannot be appended to h.
func (h StageHistory) check(a StageAssessment) error {
	errs := []error{a.Validate()}
	if !h.behavior.Valid() {
		errs = append(errs, field("behavior", ErrBadBehavior))
	} else if a.Behavior.Valid() && a.Behavior != h.behavior {
		errs = append(errs, field("behavior", intervention.ErrInconsistent))
	}
	if a.Corrects != uuid.Nil && a.Corrects != a.ID {
		switch {
		case h.index(a.Corrects) < 0:
			errs = append(errs, field("corrects", ErrNotRecorded))
		case h.corrected(a.Corrects):
			errs = append(errs, field("corrects", ErrAlreadyCorrected))
		}
	}
	return errors.Join(errs...)
}

func (h StageHistory) index(id uuid.UUID) int {
	for i, e := range h.entries {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// corrected reports whether some entry corrects id.
func (h StageHistory) corrected(id uuid.UUID) bool {
	for _, e := range h.entries {
		if e.Corrects == id {
			return true
		}
	}
	return false
}

// Effective returns the entries that count as of through: those dated on
// or before through that no entry recorded so far corrects, in date order
// (entries on the same date in recording order). A zero through means no
// date limit.
func (h StageHistory) Effective(through intervention.Date) []StageAssessment {
	var out []StageAssessment
	for _, e := range h.entries {
		if h.corrected(e.ID) || (!through.IsZero() && e.On.After(through)) {
			continue
		}
		out = append(out, e)
	}
	sortByDate(out, func(a StageAssessment) intervention.Date { return a.On })
	return out
}

// At returns the stage assessment in force on d: the latest effective entry
// dated on or before d. ok is false when there is none.
func (h StageHistory) At(d intervention.Date) (a StageAssessment, ok bool) {
	eff := h.Effective(d)
	if len(eff) == 0 || d.IsZero() {
		return StageAssessment{}, false
	}
	return eff[len(eff)-1], true
}

// StagingAnswers are a person's answers to the Transtheoretical Model's
// time-frame questions for one behaviour (reference: instruments.md §7.4).
type StagingAnswers struct {
	// ChangedOn is the day the person changed the behaviour; zero when they
	// have not changed it.
	ChangedOn intervention.Date `json:"changedOn,omitzero"`
	// IntendsWithin30Days: the person intends to act within the next month.
	IntendsWithin30Days bool `json:"intendsWithin30Days"`
	// IntendsWithin6Months: the person intends to change within 6 months.
	IntendsWithin6Months bool `json:"intendsWithin6Months"`
}

// StageFromAnswers applies the §7.4 time frames as of asOf: changed more
// than 6 calendar months ago (asOf after ChangedOn plus 6 months) is
// maintenance, changed since then action; otherwise an intention within 30
// days is preparation, within 6 months contemplation, and none
// precontemplation. Exactly 6 months after the change is still action
// ("sustained for more than 6 months"). A zero asOf (ErrMissing at "asOf")
// or a ChangedOn after asOf (ErrOutOfRange at "changedOn") is an error.
func StageFromAnswers(a StagingAnswers, asOf intervention.Date) (Stage, error) {
	switch {
	case asOf.IsZero():
		return "", field("asOf", intervention.ErrMissing)
	case !a.ChangedOn.IsZero() && a.ChangedOn.After(asOf):
		return "", field("changedOn", intervention.ErrOutOfRange)
	case !a.ChangedOn.IsZero() && asOf.After(a.ChangedOn.AddMonths(6)):
		return StageMaintenance, nil
	case !a.ChangedOn.IsZero():
		return StageAction, nil
	case a.IntendsWithin30Days:
		return StagePreparation, nil
	case a.IntendsWithin6Months:
		return StageContemplation, nil
	}
	return StagePrecontemplation, nil
}
