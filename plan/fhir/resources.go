package fhir

import "encoding/json"

// Resource is one of the FHIR R4 resources the exporter writes: *Composition,
// *Patient, *Practitioner, *Organization, *Group, *RelatedPerson, *CarePlan,
// *Condition, *Goal, *Procedure, *Encounter, *Observation,
// *QuestionnaireResponse or *Consent. Each marshals to JSON with its
// resourceType first. Only this package's types implement it.
type Resource interface {
	// ResourceType is the FHIR type name ("Goal").
	ResourceType() string
	base() *Base
}

// Base holds the elements every exported resource has: its id (a UUID
// derived from the library's record; see ResourceID), its security labels
// and its generated narrative (set when the document is finished).
type Base struct {
	ID   string     `json:"id"`
	Meta *Meta      `json:"meta,omitempty"`
	Text *Narrative `json:"text,omitempty"`
}

func (b *Base) base() *Base { return b }

// Composition is the first entry of a document Bundle: what the document is,
// whom it is about, who released it, its confidentiality and its sections
// (hl7.org/fhir/R4/composition.html). The last section carries the 42 CFR
// §2.32 notice.
type Composition struct {
	Base
	Identifier      *Identifier     `json:"identifier,omitempty"`
	Status          string          `json:"status"`
	Type            CodeableConcept `json:"type"`
	Subject         *Reference      `json:"subject,omitempty"`
	Date            string          `json:"date"`
	Author          []Reference     `json:"author"`
	Title           string          `json:"title"`
	Confidentiality string          `json:"confidentiality,omitempty"`
	Section         []Section       `json:"section,omitempty"`
}

// Section is a section of a Composition.
type Section struct {
	Title string           `json:"title,omitempty"`
	Code  *CodeableConcept `json:"code,omitempty"`
	Text  *Narrative       `json:"text,omitempty"`
	Entry []Reference      `json:"entry,omitempty"`
}

// Patient is the subject: only the identifiers the host passed in Subject,
// never a name, birth date or address.
type Patient struct {
	Base
	Identifier []Identifier `json:"identifier,omitempty"`
}

// Practitioner is a staff member known only by the host's opaque ID.
type Practitioner struct {
	Base
	Identifier []Identifier `json:"identifier,omitempty"`
}

// Organization is a consent recipient named by the host's opaque ID that is
// not otherwise in the Bundle.
type Organization struct {
	Base
	Identifier []Identifier `json:"identifier,omitempty"`
}

// Group is a class of consent recipients ("treating providers"): a
// descriptive group (actual = false) of persons coded by class.
type Group struct {
	Base
	Type   string           `json:"type"`
	Actual bool             `json:"actual"`
	Code   *CodeableConcept `json:"code,omitempty"`
}

// RelatedPerson is a family member: the host's opaque ID, the relationship
// and the patient; no name.
type RelatedPerson struct {
	Base
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Patient      Reference         `json:"patient"`
	Relationship []CodeableConcept `json:"relationship,omitempty"`
}

// CarePlan is the treatment plan (hl7.org/fhir/R4/careplan.html).
type CarePlan struct {
	Base
	Identifier     []Identifier       `json:"identifier,omitempty"`
	Status         string             `json:"status"`
	Intent         string             `json:"intent"`
	Category       []CodeableConcept  `json:"category,omitempty"`
	Subject        Reference          `json:"subject"`
	Period         *Period            `json:"period,omitempty"`
	Author         *Reference         `json:"author,omitempty"`
	Addresses      []Reference        `json:"addresses,omitempty"`
	SupportingInfo []Reference        `json:"supportingInfo,omitempty"`
	Goal           []Reference        `json:"goal,omitempty"`
	Activity       []CarePlanActivity `json:"activity,omitempty"`
}

// CarePlanActivity is a planned intervention: a Detail, or a Reference to a
// request, never both (R4 invariant cpl-3). The exporter always writes
// Detail.
type CarePlanActivity struct {
	OutcomeReference []Reference     `json:"outcomeReference,omitempty"`
	Reference        *Reference      `json:"reference,omitempty"`
	Detail           *CarePlanDetail `json:"detail,omitempty"`
}

// CarePlanDetail describes a planned intervention inline.
type CarePlanDetail struct {
	Code            *CodeableConcept `json:"code,omitempty"`
	Goal            []Reference      `json:"goal,omitempty"`
	Status          string           `json:"status"`
	ScheduledTiming *Timing          `json:"scheduledTiming,omitempty"`
	Performer       []Reference      `json:"performer,omitempty"`
}

// Condition is a problem of the plan, coded with an ICD-10-CM diagnosis
// when it has one.
type Condition struct {
	Base
	Identifier     []Identifier      `json:"identifier,omitempty"`
	ClinicalStatus *CodeableConcept  `json:"clinicalStatus,omitempty"`
	Category       []CodeableConcept `json:"category,omitempty"`
	Code           *CodeableConcept  `json:"code,omitempty"`
	Subject        Reference         `json:"subject"`
}

// Goal is a goal or an objective of the plan (hl7.org/fhir/R4/goal.html).
type Goal struct {
	Base
	Identifier        []Identifier      `json:"identifier,omitempty"`
	Extension         []Extension       `json:"extension,omitempty"`
	LifecycleStatus   string            `json:"lifecycleStatus"`
	AchievementStatus *CodeableConcept  `json:"achievementStatus,omitempty"`
	Category          []CodeableConcept `json:"category,omitempty"`
	Description       CodeableConcept   `json:"description"`
	Subject           Reference         `json:"subject"`
	StartDate         string            `json:"startDate,omitempty"`
	Target            []GoalTarget      `json:"target,omitempty"`
	ExpressedBy       *Reference        `json:"expressedBy,omitempty"`
	Addresses         []Reference       `json:"addresses,omitempty"`
	Note              []Annotation      `json:"note,omitempty"`
	OutcomeReference  []Reference       `json:"outcomeReference,omitempty"`
}

// GoalTarget is a measurable target: a measure, a detail (quantity or
// string) and a due date. A detail always comes with a measure (R4
// invariant gol-1).
type GoalTarget struct {
	Measure        *CodeableConcept `json:"measure,omitempty"`
	DetailQuantity *Quantity        `json:"detailQuantity,omitempty"`
	DetailString   string           `json:"detailString,omitempty"`
	DueDate        string           `json:"dueDate,omitempty"`
}

// Procedure is a delivered session or a programme (hl7.org/fhir/R4/procedure.html).
type Procedure struct {
	Base
	Identifier      []Identifier         `json:"identifier,omitempty"`
	BasedOn         []Reference          `json:"basedOn,omitempty"`
	Status          string               `json:"status"`
	Category        *CodeableConcept     `json:"category,omitempty"`
	Code            *CodeableConcept     `json:"code,omitempty"`
	Subject         Reference            `json:"subject"`
	Encounter       *Reference           `json:"encounter,omitempty"`
	PerformedPeriod *Period              `json:"performedPeriod,omitempty"`
	Performer       []ProcedurePerformer `json:"performer,omitempty"`
	ReasonReference []Reference          `json:"reasonReference,omitempty"`
}

// ProcedurePerformer is who performed a procedure.
type ProcedurePerformer struct {
	Actor Reference `json:"actor"`
}

// Encounter is a family session's meeting: who was there.
type Encounter struct {
	Base
	Identifier  []Identifier           `json:"identifier,omitempty"`
	Status      string                 `json:"status"`
	Class       Coding                 `json:"class"`
	Type        []CodeableConcept      `json:"type,omitempty"`
	Subject     *Reference             `json:"subject,omitempty"`
	Participant []EncounterParticipant `json:"participant,omitempty"`
	Period      *Period                `json:"period,omitempty"`
}

// EncounterParticipant is someone who attended an encounter.
type EncounterParticipant struct {
	Type       []CodeableConcept `json:"type,omitempty"`
	Individual *Reference        `json:"individual,omitempty"`
}

// Observation is an instrument total, a component measure, a CM figure or
// result, or an ASAM placement (hl7.org/fhir/R4/observation.html). A value
// and DataAbsentReason never come together (R4 invariant obs-6).
type Observation struct {
	Base
	Identifier           []Identifier           `json:"identifier,omitempty"`
	BasedOn              []Reference            `json:"basedOn,omitempty"`
	PartOf               []Reference            `json:"partOf,omitempty"`
	Status               string                 `json:"status"`
	Category             []CodeableConcept      `json:"category,omitempty"`
	Code                 CodeableConcept        `json:"code"`
	Subject              Reference              `json:"subject"`
	EffectiveDateTime    string                 `json:"effectiveDateTime,omitempty"`
	Performer            []Reference            `json:"performer,omitempty"`
	ValueQuantity        *Quantity              `json:"valueQuantity,omitempty"`
	ValueCodeableConcept *CodeableConcept       `json:"valueCodeableConcept,omitempty"`
	ValueInteger         *int                   `json:"valueInteger,omitempty"`
	ValueRatio           *Ratio                 `json:"valueRatio,omitempty"`
	DataAbsentReason     *CodeableConcept       `json:"dataAbsentReason,omitempty"`
	Interpretation       []CodeableConcept      `json:"interpretation,omitempty"`
	Note                 []Annotation           `json:"note,omitempty"`
	DerivedFrom          []Reference            `json:"derivedFrom,omitempty"`
	Component            []ObservationComponent `json:"component,omitempty"`
}

// ObservationComponent is one part of an Observation.
type ObservationComponent struct {
	Code                 CodeableConcept  `json:"code"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueInteger         *int             `json:"valueInteger,omitempty"`
	ValueString          string           `json:"valueString,omitempty"`
}

// QuestionnaireResponse holds a screening's answers, as the library's codes
// (never licensed item wording).
type QuestionnaireResponse struct {
	Base
	Identifier    *Identifier `json:"identifier,omitempty"`
	Questionnaire string      `json:"questionnaire,omitempty"`
	Status        string      `json:"status"`
	Subject       *Reference  `json:"subject,omitempty"`
	Authored      string      `json:"authored,omitempty"`
	Item          []QRItem    `json:"item,omitempty"`
}

// QRItem is one answered item; LinkID is the answer's JSON path in the
// library's answers document ("q1", "substances[2].q4").
type QRItem struct {
	LinkID string     `json:"linkId"`
	Answer []QRAnswer `json:"answer,omitempty"`
}

// QRAnswer is one answer value.
type QRAnswer struct {
	ValueBoolean *bool       `json:"valueBoolean,omitempty"`
	ValueInteger *int        `json:"valueInteger,omitempty"`
	ValueDecimal json.Number `json:"valueDecimal,omitempty"`
	ValueCoding  *Coding     `json:"valueCoding,omitempty"`
}

// Consent is a 42 CFR Part 2 consent (hl7.org/fhir/R4/consent.html): scope
// patient-privacy, policy rule v3-ActCode 42CFRPart2, and a permit
// provision naming recipients, purpose, information and period.
type Consent struct {
	Base
	Identifier []Identifier      `json:"identifier,omitempty"`
	Status     string            `json:"status"`
	Scope      CodeableConcept   `json:"scope"`
	Category   []CodeableConcept `json:"category"`
	Patient    *Reference        `json:"patient,omitempty"`
	DateTime   string            `json:"dateTime,omitempty"`
	Performer  []Reference       `json:"performer,omitempty"`
	PolicyRule *CodeableConcept  `json:"policyRule,omitempty"`
	Provision  *ConsentProvision `json:"provision,omitempty"`
}

// ConsentProvision is what a consent permits.
type ConsentProvision struct {
	Type    string            `json:"type,omitempty"`
	Period  *Period           `json:"period,omitempty"`
	Actor   []ConsentActor    `json:"actor,omitempty"`
	Action  []CodeableConcept `json:"action,omitempty"`
	Purpose []Coding          `json:"purpose,omitempty"`
	Code    []CodeableConcept `json:"code,omitempty"`
}

// ConsentActor is a party of a provision (the exporter names recipients).
type ConsentActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}

// ResourceType returns "Composition".
func (Composition) ResourceType() string { return "Composition" }

// ResourceType returns "Patient".
func (Patient) ResourceType() string { return "Patient" }

// ResourceType returns "Practitioner".
func (Practitioner) ResourceType() string { return "Practitioner" }

// ResourceType returns "Organization".
func (Organization) ResourceType() string { return "Organization" }

// ResourceType returns "Group".
func (Group) ResourceType() string { return "Group" }

// ResourceType returns "RelatedPerson".
func (RelatedPerson) ResourceType() string { return "RelatedPerson" }

// ResourceType returns "CarePlan".
func (CarePlan) ResourceType() string { return "CarePlan" }

// ResourceType returns "Condition".
func (Condition) ResourceType() string { return "Condition" }

// ResourceType returns "Goal".
func (Goal) ResourceType() string { return "Goal" }

// ResourceType returns "Procedure".
func (Procedure) ResourceType() string { return "Procedure" }

// ResourceType returns "Encounter".
func (Encounter) ResourceType() string { return "Encounter" }

// ResourceType returns "Observation".
func (Observation) ResourceType() string { return "Observation" }

// ResourceType returns "QuestionnaireResponse".
func (QuestionnaireResponse) ResourceType() string { return "QuestionnaireResponse" }

// ResourceType returns "Consent".
func (Consent) ResourceType() string { return "Consent" }

// MarshalJSON writes the resource with its resourceType first.
func (r *Composition) MarshalJSON() ([]byte, error) {
	type plain Composition
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Patient) MarshalJSON() ([]byte, error) {
	type plain Patient
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Practitioner) MarshalJSON() ([]byte, error) {
	type plain Practitioner
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Organization) MarshalJSON() ([]byte, error) {
	type plain Organization
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Group) MarshalJSON() ([]byte, error) {
	type plain Group
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *RelatedPerson) MarshalJSON() ([]byte, error) {
	type plain RelatedPerson
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *CarePlan) MarshalJSON() ([]byte, error) {
	type plain CarePlan
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Condition) MarshalJSON() ([]byte, error) {
	type plain Condition
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Goal) MarshalJSON() ([]byte, error) {
	type plain Goal
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Procedure) MarshalJSON() ([]byte, error) {
	type plain Procedure
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Encounter) MarshalJSON() ([]byte, error) {
	type plain Encounter
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Observation) MarshalJSON() ([]byte, error) {
	type plain Observation
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *QuestionnaireResponse) MarshalJSON() ([]byte, error) {
	type plain QuestionnaireResponse
	return withType(r.ResourceType(), (*plain)(r))
}

// MarshalJSON writes the resource with its resourceType first.
func (r *Consent) MarshalJSON() ([]byte, error) {
	type plain Consent
	return withType(r.ResourceType(), (*plain)(r))
}
