package fhir

import (
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// External code systems (FHIR R4 terminology; hl7.org/fhir/R4/terminologies-systems.html;
// the ICD-10-PCS URI is the one HL7 Terminology names authoritative).
const (
	SystemSNOMED   = "http://snomed.info/sct"
	SystemLOINC    = "http://loinc.org"
	SystemICD10CM  = "http://hl7.org/fhir/sid/icd-10-cm"
	SystemICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10"
	// SystemURI is the identifier system of URIs: identifiers carry the
	// library's and the host's UUIDs as "urn:uuid:…".
	SystemURI             = "urn:ietf:rfc:3986"
	SystemActCode         = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	SystemConfidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
	SystemRoleCode        = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
	SystemCurrency        = "urn:iso:std:iso:4217"
	SystemUCUM            = "http://unitsofmeasure.org"
)

// FHIR's own code systems used for required or preferred bindings.
const (
	systemParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	systemInterpretation    = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
	systemConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
	systemConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
	systemGoalAchievement   = "http://terminology.hl7.org/CodeSystem/goal-achievement"
	systemGoalCategory      = "http://terminology.hl7.org/CodeSystem/goal-category"
	systemGoalRelationship  = "http://terminology.hl7.org/CodeSystem/goal-relationship-type"
	systemObsCategory       = "http://terminology.hl7.org/CodeSystem/observation-category"
	systemConsentScope      = "http://terminology.hl7.org/CodeSystem/consentscope"
	systemConsentAction     = "http://terminology.hl7.org/CodeSystem/consentaction"
	systemDataAbsent        = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
	// systemUSCoreCarePlanCategory: US Core's CarePlan category, whose
	// "assess-plan" the reference names (plans-and-interop.md §5.1).
	systemUSCoreCarePlanCategory = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"
	// ExtGoalRelationship is the R4 core extension relating a goal to
	// another goal; the exporter links a goal to each of its objectives
	// with type "milestone".
	ExtGoalRelationship = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
)

// LocalBase is the root of the library's own code systems and canonical
// URLs. Concepts that no external code system the reference verifies can
// carry — modalities without a verified SNOMED CT concept (MI, family
// therapy, TSF, CM; reference: plans-and-interop.md §5.3 "ship a local
// CodeSystem and map later"), the library's measures, bands and enums — are
// coded in the local systems below, each code being the library's text form
// of the value.
const LocalBase = "https://recoverykit.dev/fhir/"

// The local code systems.
const (
	// SystemModality codes intervention.Modality ("cbt",
	// "contingency-management", a host's "x-…").
	SystemModality = LocalBase + "CodeSystem/psychosocial-modality"
	// SystemMeasure codes measures: objective measures (plan.Objective's
	// Measure), component measures (intervention.Measure's Code, such as
	// "cm.current-streak") and the exporter's own observation and component
	// codes ("screen.band", "asam.placement", "cm.visit-result", …).
	SystemMeasure = LocalBase + "CodeSystem/psychosocial-measure"
	// SystemInstrument codes screen.Instrument.
	SystemInstrument = LocalBase + "CodeSystem/screening-instrument"
	// SystemBand codes screen.Band; SystemAction codes screen.Action;
	// SystemAnswer codes the enumerated answers of an instrument.
	SystemBand   = LocalBase + "CodeSystem/screening-band"
	SystemAction = LocalBase + "CodeSystem/screening-action"
	SystemAnswer = LocalBase + "CodeSystem/screening-answer"
	// SystemRole codes intervention.Role.
	SystemRole = LocalBase + "CodeSystem/participant-role"
	// SystemInfoCategory, SystemPurpose and SystemRecipientClass code a
	// consent's information categories, purpose and recipient classes.
	SystemInfoCategory   = LocalBase + "CodeSystem/consent-information"
	SystemPurpose        = LocalBase + "CodeSystem/consent-purpose"
	SystemRecipientClass = LocalBase + "CodeSystem/consent-recipient-class"
	// SystemConsentCategory codes the default Consent.category.
	SystemConsentCategory = LocalBase + "CodeSystem/consent-category"
	// SystemDocument codes the Composition's type; SystemSection its sections.
	SystemDocument = LocalBase + "CodeSystem/document-type"
	SystemSection  = LocalBase + "CodeSystem/document-section"
	// SystemASAMLevel codes an ASAM level (the Coding's version is the
	// edition: "3" or "4").
	SystemASAMLevel = LocalBase + "CodeSystem/asam-level"
	// SystemFamilyModel codes family.Model.
	SystemFamilyModel = LocalBase + "CodeSystem/family-model"
	// SystemCMResult codes contingency.ResultStatus; SystemSubstance
	// contingency.Substance.
	SystemCMResult  = LocalBase + "CodeSystem/cm-result-status"
	SystemSubstance = LocalBase + "CodeSystem/substance"
	// QuestionnaireBase is the canonical URL root of the library's
	// questionnaires: QuestionnaireBase + instrument + "|" + version, whose
	// items' linkIds are the paths of the library's answers document.
	QuestionnaireBase = LocalBase + "Questionnaire/"
)

// SNOMED CT concepts the reference verifies and the exporter uses
// (reference: plans-and-interop.md §5.3, eCQM value set "Alcohol and Drug
// Dependence Treatment" and the cited code). SUD-specific concepts for MI,
// family therapy, TSF and CM are not verified ([gap]); those modalities are
// coded only in SystemModality (and ICD-10-PCS section H where it applies).
const (
	// SNOMEDCBT — 304891004 Cognitive behavioral therapy (regime/therapy).
	SNOMEDCBT = "304891004"
	// SNOMEDAlcoholBriefIntervention — 429291000124102 Alcohol brief
	// intervention; used for a brief intervention triggered by an alcohol
	// screen (AUDIT, AUDIT-C, NIAAA single question).
	SNOMEDAlcoholBriefIntervention = "429291000124102"
)

// pcsQualifier returns the fourth character of an ICD-10-PCS section H
// counselling code for m: 2 Cognitive-Behavioral, 3 12-Step, 7 Motivational
// Enhancement (reference: plans-and-interop.md §5.3, tables HZ3/HZ4). Other
// modalities have no verified qualifier (family counselling HZ63ZZZ is
// [unverified]).
func pcsQualifier(m intervention.Modality) (string, bool) {
	switch m {
	case intervention.ModalityCBT:
		return "2", true
	case intervention.ModalityTwelveStepFacilitation:
		return "3", true
	case intervention.ModalityMotivationalInterviewing:
		return "7", true
	case intervention.ModalityBriefIntervention, intervention.ModalityFamilyTherapy,
		intervention.ModalityContingencyManagement:
		return "", false
	}
	return "", false
}

// PCSCode returns the ICD-10-PCS section H code of a session of modality m
// in format f: HZ3 individual or HZ4 group counselling with the modality's
// qualifier and ZZZ (HZ32ZZZ individual CBT, HZ43ZZZ group 12-step,
// HZ37ZZZ individual motivational enhancement). False when the reference
// verifies no code (family and conjoint sessions, brief intervention, CM,
// custom modalities). ICD-10-PCS is an inpatient procedure code set
// (reference: plans-and-interop.md §5.3).
func PCSCode(m intervention.Modality, f intervention.Format) (string, bool) {
	q, ok := pcsQualifier(m)
	if !ok {
		return "", false
	}
	switch f {
	case intervention.FormatIndividual:
		return "HZ3" + q + "ZZZ", true
	case intervention.FormatGroup:
		return "HZ4" + q + "ZZZ", true
	case intervention.FormatFamily, intervention.FormatConjoint:
		return "", false
	}
	return "", false
}

// modalityDisplay returns the display of a built-in modality's local code,
// and "" for a custom one.
func modalityDisplay(m intervention.Modality) string {
	switch m {
	case intervention.ModalityMotivationalInterviewing:
		return "Motivational interviewing"
	case intervention.ModalityBriefIntervention:
		return "Brief intervention"
	case intervention.ModalityCBT:
		return "Cognitive behavioral therapy"
	case intervention.ModalityFamilyTherapy:
		return "Family therapy"
	case intervention.ModalityContingencyManagement:
		return "Contingency management"
	case intervention.ModalityTwelveStepFacilitation:
		return "Twelve-step facilitation"
	}
	return ""
}

// ModalityConcept returns the concept of modality m: SNOMED CT where the
// reference verifies a concept (CBT; a brief intervention for alcohol when
// alcohol is true), then the local SystemModality code, which every
// modality has.
func ModalityConcept(m intervention.Modality, alcohol bool) CodeableConcept {
	var out CodeableConcept
	switch {
	case m == intervention.ModalityCBT:
		out.Coding = append(out.Coding, Coding{System: SystemSNOMED, Code: SNOMEDCBT})
	case m == intervention.ModalityBriefIntervention && alcohol:
		out.Coding = append(out.Coding, Coding{System: SystemSNOMED, Code: SNOMEDAlcoholBriefIntervention})
	}
	out.Coding = append(out.Coding, Coding{System: SystemModality, Code: string(m), Display: modalityDisplay(m)})
	return out
}

// sessionConcept is ModalityConcept plus the ICD-10-PCS code of a session
// in format f, when there is one.
func sessionConcept(m intervention.Modality, f intervention.Format, alcohol bool) CodeableConcept {
	c := ModalityConcept(m, alcohol)
	if code, ok := PCSCode(m, f); ok {
		c.Coding = append([]Coding{{System: SystemICD10PCS, Code: code}}, c.Coding...)
	}
	return c
}

// alcoholScreen reports whether instrument i screens for alcohol only.
func alcoholScreen(i screen.Instrument) bool {
	switch i {
	case screen.InstrumentAUDIT, screen.InstrumentAUDITC, screen.InstrumentNIAAA, screen.InstrumentCAGE:
		return true
	case screen.InstrumentDAST10, screen.InstrumentCRAFFT, screen.InstrumentASSIST, screen.InstrumentCAGEAID,
		screen.InstrumentQuickScreen, screen.InstrumentTAPS1:
		return false
	}
	return false
}

// local returns a Coding of a local system.
func local(system, code string) Coding { return Coding{System: system, Code: code} }

// concept returns a CodeableConcept of one coding.
func concept(c Coding) CodeableConcept { return CodeableConcept{Coding: []Coding{c}} }

// conceptPtr returns a pointer to a CodeableConcept of one coding.
func conceptPtr(c Coding) *CodeableConcept {
	cc := concept(c)
	return &cc
}

// roleRelationship returns the v3-RoleCode of a family role where one
// matches it exactly (parent PRN, sibling SIB, child CHILD, partner
// SIGOTHR, other family FAMMEMB; HL7 v3 RoleCode as shipped with FHIR R4),
// and false for roles without one (a concerned significant other may be a
// friend or a relative).
func roleRelationship(r intervention.Role) (string, bool) {
	switch r {
	case intervention.RoleParent:
		return "PRN", true
	case intervention.RoleSibling:
		return "SIB", true
	case intervention.RoleChild:
		return "CHILD", true
	case intervention.RolePartner:
		return "SIGOTHR", true
	case intervention.RoleOtherFamily:
		return "FAMMEMB", true
	case intervention.RoleConcernedSignificantOther, intervention.RolePatient, intervention.RoleClinician,
		intervention.RolePeerSupporter:
		return "", false
	}
	return "", false
}

// unitQuantity returns a Quantity of value in the library's unit code:
// "USD" in ISO 4217, "days" and "percent" in UCUM, others as plain units.
func unitQuantity(value, unit string) *Quantity {
	q := &Quantity{Value: jsonNumber(value), Unit: unit}
	switch unit {
	case "USD":
		q.System, q.Code = SystemCurrency, "USD"
	case "days":
		q.System, q.Code = SystemUCUM, "d"
	case "percent":
		q.Unit, q.System, q.Code = "%", SystemUCUM, "%"
	}
	return q
}
