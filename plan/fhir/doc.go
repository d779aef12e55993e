// Package fhir exports the library's records — a treatment plan, a
// standalone screening, a contingency-management programme, a family
// therapy course — to HL7 FHIR R4 document Bundles (reference:
// plans-and-interop.md §5.1–§5.3, §5.5; rules P-FHIR-1 and P-CONSENT-2).
// It writes hand-made structs with encoding/json only: no FHIR library.
//
// See docs/reference/fhir.md for the mapping, the codes used and their sources.
//
//	subject := fhir.Subject{Patient: patientID} // must be the record's patient
//	opts := fhir.Options{DocumentID: disclosureID, Timestamp: now, Author: staffID,
//		Recipient: intervention.RecipientOfClass(intervention.RecipientTreatingProviders),
//		Purpose:   intervention.PurposeTreatment,
//		Consents:  []intervention.Consent{tpo}} // the Part 2 consent(s) that permit it
//	bundle, err := fhir.Export(p, subject, opts)
//	doc, err := json.Marshal(bundle) // deterministic bytes
//
// ExportScreening, ExportContingency and ExportFamily export the other
// records the same way.
//
// # Shape
//
// Every export is a Bundle of type "document" (BundleType): the disclosure
// is one unit with an identifier (Options.DocumentID), a timestamp, an
// author, a confidentiality code, and the 42 CFR §2.32 notice in the last
// section of its Composition (the first entry). Entries are named
// "urn:uuid:<id>" and referenced by that name only; every reference
// resolves to an entry of the same Bundle (Bundle.Verify, which every
// export passes before it returns). Resource ids are stable: version-5
// UUIDs derived from the library's record IDs (ResourceID), and each
// resource keeps the record's own UUID as an identifier. The order is
// fixed: Composition, Patient, then the resources grouped by type in the
// order of the records.
//
// Resources: CarePlan (the plan, its activities inline with their detail
// and never a reference as well), Condition (problems, ICD-10-CM), Goal
// (goals and objectives with lifecycle and achievement status, targets,
// expressedBy), Procedure (delivered sessions, brief-intervention
// deliveries, the CM programme), Encounter (sessions with family members
// present), Observation (instrument totals, component progress figures,
// CM results and figures, ASAM placements), QuestionnaireResponse (a
// screening's answers), RelatedPerson (family members: role and patient,
// no name), Consent (42 CFR Part 2), and Practitioner, Organization and
// Group for the people and classes referenced.
//
// # Codes
//
// External codes only where the reference verifies them: SNOMED CT
// 304891004 (CBT) and 429291000124102 (alcohol brief intervention); ICD-10-PCS
// section H counselling codes by modality and format (HZ3x/HZ4x: 2 CBT,
// 3 12-step, 7 motivational enhancement); LOINC instrument totals from
// package screen; ICD-10-CM diagnoses from the plan; and FHIR's own
// terminology for statuses, categories, security labels and roles.
// Everything else — modalities without a verified concept (family therapy,
// CM, TSF, MI as such), measures, bands, answers, consent purposes and
// categories — uses the local code systems under LocalBase, whose codes are
// the library's text forms (SystemModality and the other System constants).
// Codes the reference leaves unverified (the §2.32 wording, the consent
// category) are Options with documented defaults.
//
// # Privacy
//
// Nothing about a person is exported beyond what the host passes: the
// Patient carries only the host's opaque ID and the identifiers in
// Subject; staff and family members only their opaque IDs. Clinical free
// text (problem statements, clinical goal wording, objectives, criteria,
// rationale) is exported unless Options.OmitClinicalText; goals in the
// patient's own words only with Options.IncludePatientWords — they are
// the patient's own plan content, so the default keeps them out and a goal
// without clinical wording is described as data-absent "masked".
// Every resource, the Bundle and the Composition carry the security labels
// (DefaultSecurityLabels: R, ETH, 42CFRPart2) and every document the §2.32
// notice (DefaultRedisclosureNotice).
//
// # Narrative
//
// Every entry resource, the Composition and every Composition section have
// a human-readable narrative (text.status "generated", R4 invariant dom-6):
// a title and a table of the resource's codes (display, else code),
// statuses, dates, values with units and counts of what it references; a
// section lists the titles of its entries. The notice section keeps its
// fixed text (status "additional"). Narratives are generated from each
// finished resource, so they say no more than it does: free text appears
// in a resource's narrative only where the resource itself carries it
// (clinical wording unless Options.OmitClinicalText; the patient's own
// words only with Options.IncludePatientWords, in the Goal that holds
// them), and never in a title or a section's narrative. Text is escaped,
// and the XHTML uses only <div>, <p>, <b>, <table>, <tbody>, <tr>, <th>,
// <td>, <ul> and <li>, without attributes (txt-1, txt-2).
//
// # Consent
//
// Every document is a disclosure of the patient's Part 2 records, and the
// exporter refuses to make one that no consent permits (reference:
// plans-and-interop.md §5.5, rules P-CONSENT-1..3; 42 CFR §2.31(a)(3) "how
// much and what kind of information"). While it builds a document it notes
// the information category of everything it writes:
//
//   - the care plan, its goals, objectives and ASAM placements, and a
//     family therapy (intervention.FamilySessionInformation):
//     InfoTreatmentPlan;
//   - a Condition coded with an ICD-10-CM diagnosis: InfoDiagnosis;
//   - a session or brief-intervention delivery (Procedure, Encounter):
//     InfoAttendance;
//   - progress figures (completion, attendance, measures) and goal and
//     objective achievement: InfoProgress;
//   - a screening result and its answers: InfoScreeningResults;
//   - a contingency-management programme: InfoCMRewards (rewards earned,
//     redeemed and remaining) and InfoToxicologyResults (its visit results,
//     per-substance readings and the streaks drawn from them).
//
// Then one of Options.Consents must permit disclosing all of them to
// Options.Recipient for Options.Purpose on the document's date
// (intervention.FindConsent, which asks intervention.Consent.PermitsDisclosure
// with the subject as the patient); otherwise the export fails with an
// *intervention.DisclosureError at "options.consents" carrying the most
// relevant consent's reason — ConsentInformationNotCovered when the
// document holds a category outside the consent's scope. Consents held by
// a component (a family member's, a TSF course's) are exported but never
// authorise the document: they name the family, not its recipient.
//
// # Validation
//
// validate/validate.sh (bash plan/fhir/validate/validate.sh from the
// repository root) validates the golden Bundles in testdata against the
// official R4 definitions with two independent validators — Medplum's
// StructureDefinition validator with the FHIRPath invariants and the R4
// JSON Schema; and the fhirpath.js engine evaluating every error-severity
// R4 invariant of the resources and data types, the narrative rules
// (txt-1, txt-2) and dom-6 as an error — and checks that deliberately
// broken Bundles in testdata/broken (including a missing narrative and a
// narrative that is not allowed XHTML) are rejected.
//
// Errors wrap intervention.ErrInvalid inside *intervention.FieldError with
// the path of the input at fault, and carry no values. Concurrency: the
// exporters are pure functions of their inputs; a Bundle is a plain value,
// not safe to change concurrently. This package starts no goroutines.
package fhir
