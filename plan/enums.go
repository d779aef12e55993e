package plan

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ProblemStatus is where a problem stands. PutProblem stores the zero value
// as ProblemActive.
type ProblemStatus string

// The problem statuses. A deferred or referred problem is addressed outside
// this plan (reference: plans-and-interop.md (b) 2, "explicitly
// deferred/referred with a reason"), so it needs no goal.
const (
	ProblemActive   ProblemStatus = "active"
	ProblemResolved ProblemStatus = "resolved"
	ProblemDeferred ProblemStatus = "deferred"
	ProblemReferred ProblemStatus = "referred"
)

// ProblemStatuses returns every ProblemStatus in a stable order.
func ProblemStatuses() []ProblemStatus {
	return []ProblemStatus{ProblemActive, ProblemResolved, ProblemDeferred, ProblemReferred}
}

// ErrUnknownProblemStatus means a problem status is not one of the constants.
var ErrUnknownProblemStatus = fmt.Errorf("plan: problem status: %w", intervention.ErrUnknownValue)

// ParseProblemStatus returns the ProblemStatus whose text form is s.
func ParseProblemStatus(s string) (ProblemStatus, error) {
	return enum.Parse(ProblemStatus(s), ProblemStatus.Valid, ErrUnknownProblemStatus)
}

// Valid reports whether v is one of the constants.
func (v ProblemStatus) Valid() bool { return enum.Valid(v, ProblemStatuses()) }

// String returns the text form of v.
func (v ProblemStatus) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v ProblemStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(v, ProblemStatus.Valid, ErrUnknownProblemStatus)
}

// UnmarshalText decodes v with ParseProblemStatus; on error *v is unchanged.
func (v *ProblemStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseProblemStatus)
}

// GoalStatus is where a goal stands. PutGoal stores the zero value as
// GoalActive.
type GoalStatus string

// The goal statuses.
const (
	GoalActive       GoalStatus = "active"
	GoalAchieved     GoalStatus = "achieved"
	GoalDiscontinued GoalStatus = "discontinued"
)

// GoalStatuses returns every GoalStatus in a stable order.
func GoalStatuses() []GoalStatus { return []GoalStatus{GoalActive, GoalAchieved, GoalDiscontinued} }

// ErrUnknownGoalStatus means a goal status is not one of the constants.
var ErrUnknownGoalStatus = fmt.Errorf("plan: goal status: %w", intervention.ErrUnknownValue)

// ParseGoalStatus returns the GoalStatus whose text form is s.
func ParseGoalStatus(s string) (GoalStatus, error) {
	return enum.Parse(GoalStatus(s), GoalStatus.Valid, ErrUnknownGoalStatus)
}

// Valid reports whether v is one of the constants.
func (v GoalStatus) Valid() bool { return enum.Valid(v, GoalStatuses()) }

// String returns the text form of v.
func (v GoalStatus) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v GoalStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(v, GoalStatus.Valid, ErrUnknownGoalStatus)
}

// UnmarshalText decodes v with ParseGoalStatus; on error *v is unchanged.
func (v *GoalStatus) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseGoalStatus) }

// GoalTerm says whether a goal is short- or long-term (reference:
// plans-and-interop.md §4.1, SD 67:61:07:06 "short- and long-term goals").
// The zero GoalTerm means not stated.
type GoalTerm string

// The goal terms.
const (
	TermShort GoalTerm = "short-term"
	TermLong  GoalTerm = "long-term"
)

// GoalTerms returns every GoalTerm in a stable order.
func GoalTerms() []GoalTerm { return []GoalTerm{TermShort, TermLong} }

// ErrUnknownGoalTerm means a goal term is not one of the constants.
var ErrUnknownGoalTerm = fmt.Errorf("plan: goal term: %w", intervention.ErrUnknownValue)

// ParseGoalTerm returns the GoalTerm whose text form is s.
func ParseGoalTerm(s string) (GoalTerm, error) {
	return enum.Parse(GoalTerm(s), GoalTerm.Valid, ErrUnknownGoalTerm)
}

// Valid reports whether v is one of the constants.
func (v GoalTerm) Valid() bool { return enum.Valid(v, GoalTerms()) }

// String returns the text form of v.
func (v GoalTerm) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v GoalTerm) MarshalText() ([]byte, error) {
	return enum.Marshal(v, GoalTerm.Valid, ErrUnknownGoalTerm)
}

// UnmarshalText decodes v with ParseGoalTerm; on error *v is unchanged.
func (v *GoalTerm) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseGoalTerm) }

// ObjectiveStatus is where a measurable objective stands. PutObjective
// stores the zero value as ObjectiveNotStarted.
type ObjectiveStatus string

// The objective statuses. Not started and in progress are open; the others
// are closed.
const (
	ObjectiveNotStarted   ObjectiveStatus = "not-started"
	ObjectiveInProgress   ObjectiveStatus = "in-progress"
	ObjectiveMet          ObjectiveStatus = "met"
	ObjectiveNotMet       ObjectiveStatus = "not-met"
	ObjectiveDiscontinued ObjectiveStatus = "discontinued"
)

// ObjectiveStatuses returns every ObjectiveStatus in a stable order.
func ObjectiveStatuses() []ObjectiveStatus {
	return []ObjectiveStatus{ObjectiveNotStarted, ObjectiveInProgress, ObjectiveMet, ObjectiveNotMet, ObjectiveDiscontinued}
}

// Open reports whether the objective is still being worked on.
func (v ObjectiveStatus) Open() bool {
	switch v {
	case ObjectiveNotStarted, ObjectiveInProgress:
		return true
	case ObjectiveMet, ObjectiveNotMet, ObjectiveDiscontinued:
		return false
	}
	return false
}

// ErrUnknownObjectiveStatus means a objective status is not one of the constants.
var ErrUnknownObjectiveStatus = fmt.Errorf("plan: objective status: %w", intervention.ErrUnknownValue)

// ParseObjectiveStatus returns the ObjectiveStatus whose text form is s.
func ParseObjectiveStatus(s string) (ObjectiveStatus, error) {
	return enum.Parse(ObjectiveStatus(s), ObjectiveStatus.Valid, ErrUnknownObjectiveStatus)
}

// Valid reports whether v is one of the constants.
func (v ObjectiveStatus) Valid() bool { return enum.Valid(v, ObjectiveStatuses()) }

// String returns the text form of v.
func (v ObjectiveStatus) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v ObjectiveStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(v, ObjectiveStatus.Valid, ErrUnknownObjectiveStatus)
}

// UnmarshalText decodes v with ParseObjectiveStatus; on error *v is unchanged.
func (v *ObjectiveStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseObjectiveStatus)
}

// InterventionStatus is where a planned intervention stands.
// PutIntervention stores the zero value as InterventionActive.
type InterventionStatus string

// The intervention statuses.
const (
	InterventionActive       InterventionStatus = "active"
	InterventionCompleted    InterventionStatus = "completed"
	InterventionDiscontinued InterventionStatus = "discontinued"
)

// InterventionStatuses returns every InterventionStatus in a stable order.
func InterventionStatuses() []InterventionStatus {
	return []InterventionStatus{InterventionActive, InterventionCompleted, InterventionDiscontinued}
}

// ErrUnknownInterventionStatus means a intervention status is not one of the constants.
var ErrUnknownInterventionStatus = fmt.Errorf("plan: intervention status: %w", intervention.ErrUnknownValue)

// ParseInterventionStatus returns the InterventionStatus whose text form is s.
func ParseInterventionStatus(s string) (InterventionStatus, error) {
	return enum.Parse(InterventionStatus(s), InterventionStatus.Valid, ErrUnknownInterventionStatus)
}

// Valid reports whether v is one of the constants.
func (v InterventionStatus) Valid() bool { return enum.Valid(v, InterventionStatuses()) }

// String returns the text form of v.
func (v InterventionStatus) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v InterventionStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(v, InterventionStatus.Valid, ErrUnknownInterventionStatus)
}

// UnmarshalText decodes v with ParseInterventionStatus; on error *v is unchanged.
func (v *InterventionStatus) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseInterventionStatus)
}

// Comparator says how an objective's measured value is compared with its
// target value. The zero Comparator means the target is not numeric.
type Comparator string

// The comparators.
const (
	AtLeast Comparator = "at-least"
	AtMost  Comparator = "at-most"
	Exactly Comparator = "equal"
)

// Comparators returns every Comparator in a stable order.
func Comparators() []Comparator { return []Comparator{AtLeast, AtMost, Exactly} }

// ErrUnknownComparator means a comparator is not one of the constants.
var ErrUnknownComparator = fmt.Errorf("plan: comparator: %w", intervention.ErrUnknownValue)

// ParseComparator returns the Comparator whose text form is s.
func ParseComparator(s string) (Comparator, error) {
	return enum.Parse(Comparator(s), Comparator.Valid, ErrUnknownComparator)
}

// Valid reports whether v is one of the constants.
func (v Comparator) Valid() bool { return enum.Valid(v, Comparators()) }

// String returns the text form of v.
func (v Comparator) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Comparator) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Comparator.Valid, ErrUnknownComparator)
}

// UnmarshalText decodes v with ParseComparator; on error *v is unchanged.
func (v *Comparator) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseComparator) }

// FrequencyUnit is the period of an intervention's frequency ("2 per
// week"). The zero FrequencyUnit is invalid in a stated frequency.
type FrequencyUnit string

// The frequency units.
const (
	PerDay   FrequencyUnit = "day"
	PerWeek  FrequencyUnit = "week"
	PerMonth FrequencyUnit = "month"
)

// FrequencyUnits returns every FrequencyUnit in a stable order.
func FrequencyUnits() []FrequencyUnit { return []FrequencyUnit{PerDay, PerWeek, PerMonth} }

// ErrUnknownFrequencyUnit means a frequency unit is not one of the constants.
var ErrUnknownFrequencyUnit = fmt.Errorf("plan: frequency unit: %w", intervention.ErrUnknownValue)

// ParseFrequencyUnit returns the FrequencyUnit whose text form is s.
func ParseFrequencyUnit(s string) (FrequencyUnit, error) {
	return enum.Parse(FrequencyUnit(s), FrequencyUnit.Valid, ErrUnknownFrequencyUnit)
}

// Valid reports whether v is one of the constants.
func (v FrequencyUnit) Valid() bool { return enum.Valid(v, FrequencyUnits()) }

// String returns the text form of v.
func (v FrequencyUnit) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v FrequencyUnit) MarshalText() ([]byte, error) {
	return enum.Marshal(v, FrequencyUnit.Valid, ErrUnknownFrequencyUnit)
}

// UnmarshalText decodes v with ParseFrequencyUnit; on error *v is unchanged.
func (v *FrequencyUnit) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseFrequencyUnit)
}

// Reason says why a revision was made. It is a code, never free text, so a
// revision holds no PHI. The zero Reason is invalid.
type Reason string

// The revision reasons.
const (
	ReasonInitial     Reason = "initial"              // first content of the plan
	ReasonUpdate      Reason = "update"               // a change of content
	ReasonCorrection  Reason = "correction"           // a data-entry correction
	ReasonReview      Reason = "review"               // a change made in a periodic review
	ReasonLevelOfCare Reason = "level-of-care-change" // a change of level of care
	ReasonActivation  Reason = "activation"           // the plan takes effect
	ReasonDischarge   Reason = "discharge"            // the episode ends
	ReasonTransfer    Reason = "transfer"             // care moves to another programme
	ReasonWithdrawn   Reason = "withdrawn"            // a draft abandoned
)

// Reasons returns every Reason in a stable order.
func Reasons() []Reason {
	return []Reason{
		ReasonInitial, ReasonUpdate, ReasonCorrection, ReasonReview, ReasonLevelOfCare,
		ReasonActivation, ReasonDischarge, ReasonTransfer, ReasonWithdrawn,
	}
}

// ErrUnknownReason means a revision reason is not one of the constants.
var ErrUnknownReason = fmt.Errorf("plan: revision reason: %w", intervention.ErrUnknownValue)

// ParseReason returns the Reason whose text form is s.
func ParseReason(s string) (Reason, error) {
	return enum.Parse(Reason(s), Reason.Valid, ErrUnknownReason)
}

// Valid reports whether v is one of the constants.
func (v Reason) Valid() bool { return enum.Valid(v, Reasons()) }

// String returns the text form of v.
func (v Reason) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Reason) MarshalText() ([]byte, error) { return enum.Marshal(v, Reason.Valid, ErrUnknownReason) }

// UnmarshalText decodes v with ParseReason; on error *v is unchanged.
func (v *Reason) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseReason) }

// SignerRole is the capacity in which someone signs a plan (reference:
// plans-and-interop.md §4.5). The zero SignerRole is invalid.
type SignerRole string

// The signer roles.
const (
	SignerPatient  SignerRole = "patient"
	SignerGuardian SignerRole = "guardian"
	SignerAuthor   SignerRole = "author"
	SignerCosigner SignerRole = "co-signer"
)

// SignerRoles returns every SignerRole in a stable order.
func SignerRoles() []SignerRole {
	return []SignerRole{SignerPatient, SignerGuardian, SignerAuthor, SignerCosigner}
}

// ErrUnknownSignerRole means a signer role is not one of the constants.
var ErrUnknownSignerRole = fmt.Errorf("plan: signer role: %w", intervention.ErrUnknownValue)

// ParseSignerRole returns the SignerRole whose text form is s.
func ParseSignerRole(s string) (SignerRole, error) {
	return enum.Parse(SignerRole(s), SignerRole.Valid, ErrUnknownSignerRole)
}

// Valid reports whether v is one of the constants.
func (v SignerRole) Valid() bool { return enum.Valid(v, SignerRoles()) }

// String returns the text form of v.
func (v SignerRole) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v SignerRole) MarshalText() ([]byte, error) {
	return enum.Marshal(v, SignerRole.Valid, ErrUnknownSignerRole)
}

// UnmarshalText decodes v with ParseSignerRole; on error *v is unchanged.
func (v *SignerRole) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseSignerRole) }

// DeclineReason says why the patient (or guardian) did not sign. Kansas
// K.A.R. 30-60-62 accepts documentation of participation "stating the
// reason for the absence of the consumer's signature" (reference:
// plans-and-interop.md §4.5). The zero DeclineReason means the person
// signed.
type DeclineReason string

// The decline reasons.
const (
	DeclineRefused     DeclineReason = "refused"
	DeclineUnable      DeclineReason = "unable"
	DeclineUnavailable DeclineReason = "unavailable"
)

// DeclineReasons returns every DeclineReason in a stable order.
func DeclineReasons() []DeclineReason {
	return []DeclineReason{DeclineRefused, DeclineUnable, DeclineUnavailable}
}

// ErrUnknownDeclineReason means a decline reason is not one of the constants.
var ErrUnknownDeclineReason = fmt.Errorf("plan: decline reason: %w", intervention.ErrUnknownValue)

// ParseDeclineReason returns the DeclineReason whose text form is s.
func ParseDeclineReason(s string) (DeclineReason, error) {
	return enum.Parse(DeclineReason(s), DeclineReason.Valid, ErrUnknownDeclineReason)
}

// Valid reports whether v is one of the constants.
func (v DeclineReason) Valid() bool { return enum.Valid(v, DeclineReasons()) }

// String returns the text form of v.
func (v DeclineReason) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v DeclineReason) MarshalText() ([]byte, error) {
	return enum.Marshal(v, DeclineReason.Valid, ErrUnknownDeclineReason)
}

// UnmarshalText decodes v with ParseDeclineReason; on error *v is unchanged.
func (v *DeclineReason) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseDeclineReason)
}

// ReviewOutcome is what a periodic review decided. The zero ReviewOutcome is
// invalid.
type ReviewOutcome string

// The review outcomes. Continue and modify need a justification for
// continued services (reference: plans-and-interop.md (b) 20).
const (
	OutcomeContinue  ReviewOutcome = "continue"
	OutcomeModify    ReviewOutcome = "modify"
	OutcomeTransfer  ReviewOutcome = "transfer"
	OutcomeDischarge ReviewOutcome = "discharge"
)

// ReviewOutcomes returns every ReviewOutcome in a stable order.
func ReviewOutcomes() []ReviewOutcome {
	return []ReviewOutcome{OutcomeContinue, OutcomeModify, OutcomeTransfer, OutcomeDischarge}
}

// ContinuesServices reports whether the outcome keeps the patient in
// services, so that a justification is required.
func (v ReviewOutcome) ContinuesServices() bool {
	switch v {
	case OutcomeContinue, OutcomeModify:
		return true
	case OutcomeTransfer, OutcomeDischarge:
		return false
	}
	return false
}

// ErrUnknownReviewOutcome means a review outcome is not one of the constants.
var ErrUnknownReviewOutcome = fmt.Errorf("plan: review outcome: %w", intervention.ErrUnknownValue)

// ParseReviewOutcome returns the ReviewOutcome whose text form is s.
func ParseReviewOutcome(s string) (ReviewOutcome, error) {
	return enum.Parse(ReviewOutcome(s), ReviewOutcome.Valid, ErrUnknownReviewOutcome)
}

// Valid reports whether v is one of the constants.
func (v ReviewOutcome) Valid() bool { return enum.Valid(v, ReviewOutcomes()) }

// String returns the text form of v.
func (v ReviewOutcome) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v ReviewOutcome) MarshalText() ([]byte, error) {
	return enum.Marshal(v, ReviewOutcome.Valid, ErrUnknownReviewOutcome)
}

// UnmarshalText decodes v with ParseReviewOutcome; on error *v is unchanged.
func (v *ReviewOutcome) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseReviewOutcome)
}

// PeriodUnit is the unit of a timing-table Period.
type PeriodUnit string

// The period units. Hours run from the anchor instant; days and months are
// calendar days and months in the plan's time zone, ending at the end of the
// last day.
const (
	UnitHours  PeriodUnit = "hours"
	UnitDays   PeriodUnit = "days"
	UnitMonths PeriodUnit = "months"
)

// PeriodUnits returns every PeriodUnit in a stable order.
func PeriodUnits() []PeriodUnit { return []PeriodUnit{UnitHours, UnitDays, UnitMonths} }

// ErrUnknownPeriodUnit means a period unit is not one of the constants.
var ErrUnknownPeriodUnit = fmt.Errorf("plan: period unit: %w", intervention.ErrUnknownValue)

// ParsePeriodUnit returns the PeriodUnit whose text form is s.
func ParsePeriodUnit(s string) (PeriodUnit, error) {
	return enum.Parse(PeriodUnit(s), PeriodUnit.Valid, ErrUnknownPeriodUnit)
}

// Valid reports whether v is one of the constants.
func (v PeriodUnit) Valid() bool { return enum.Valid(v, PeriodUnits()) }

// String returns the text form of v.
func (v PeriodUnit) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v PeriodUnit) MarshalText() ([]byte, error) {
	return enum.Marshal(v, PeriodUnit.Valid, ErrUnknownPeriodUnit)
}

// UnmarshalText decodes v with ParsePeriodUnit; on error *v is unchanged.
func (v *PeriodUnit) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParsePeriodUnit) }

// CosignWhen says when a jurisdiction requires a co-signature (reference:
// plans-and-interop.md (b) 16). The zero CosignWhen means never.
type CosignWhen string

// The co-signature requirements.
const (
	// CosignAlways: every plan and review is countersigned (CA 9 CCR 10305).
	CosignAlways CosignWhen = "always"
	// CosignUnqualifiedAuthor: a plan written by an author who is not a
	// qualified professional is countersigned by one (FL 65D-30.0044).
	CosignUnqualifiedAuthor CosignWhen = "unqualified-author"
)

// CosignWhens returns every CosignWhen in a stable order.
func CosignWhens() []CosignWhen { return []CosignWhen{CosignAlways, CosignUnqualifiedAuthor} }

// ErrUnknownCosignWhen means a co-signature requirement is not one of the constants.
var ErrUnknownCosignWhen = fmt.Errorf("plan: co-signature requirement: %w", intervention.ErrUnknownValue)

// ParseCosignWhen returns the CosignWhen whose text form is s.
func ParseCosignWhen(s string) (CosignWhen, error) {
	return enum.Parse(CosignWhen(s), CosignWhen.Valid, ErrUnknownCosignWhen)
}

// Valid reports whether v is one of the constants.
func (v CosignWhen) Valid() bool { return enum.Valid(v, CosignWhens()) }

// String returns the text form of v.
func (v CosignWhen) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v CosignWhen) MarshalText() ([]byte, error) {
	return enum.Marshal(v, CosignWhen.Valid, ErrUnknownCosignWhen)
}

// UnmarshalText decodes v with ParseCosignWhen; on error *v is unchanged.
func (v *CosignWhen) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseCosignWhen) }
