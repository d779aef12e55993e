package reporttest

import (
	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// motherID is the patient's mother, who takes part in family sessions.
var motherID = uuid.MustParse("00000000-0000-0000-0001-0000000000e1")

// Consents are the patient's Part 2 consents, signed on admission: the
// single TPO consent of the 2024 Final Rule, and a consent to share the
// treatment plan, attendance and progress with her mother for family
// involvement until the end of treatment.
func Consents() []intervention.Consent {
	signed := mustDate("2025-01-06")
	program := []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)}
	return []intervention.Consent{
		{
			ID: uuid.MustParse("00000000-0000-0000-0001-0000000000f1"), Patient: patientID, Disclosers: program,
			Information: []intervention.InfoCategory{intervention.InfoAllSUDRecords},
			Recipients:  intervention.TPORecipients(), Purpose: intervention.PurposeTPO,
			ExpiryEvent: intervention.ExpiryEventNone, SignedOn: signed, SignedBy: intervention.SignerPatient,
		},
		{
			ID: uuid.MustParse("00000000-0000-0000-0001-0000000000f2"), Patient: patientID, Disclosers: program,
			Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
			Recipients:  []intervention.Recipient{intervention.RecipientID(motherID)},
			Purpose:     intervention.PurposeFamilyInvolvement, ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
			SignedOn: signed, SignedBy: intervention.SignerPatient,
		},
	}
}

// Audience is a recipient the report can be disclosed to, and why.
type Audience struct {
	// Label names the recipient on the page, as "the patient's mother, for
	// family involvement".
	Label string
	// Recipient and Purpose are who receives the report and why.
	Recipient intervention.Recipient
	Purpose   intervention.Purpose
}

// Audiences are the recipients examples/report's -disclose-to names: the
// patient's health plan (permitted by the TPO consent), her mother
// (permitted some sections) and her employer (permitted nothing).
func Audiences() map[string]Audience {
	return map[string]Audience{
		"payer":    {"the patient's health plan, for payment", intervention.RecipientOfClass(intervention.RecipientHealthPlans), intervention.PurposePayment},
		"mother":   {"the patient's mother, for family involvement", intervention.RecipientID(motherID), intervention.PurposeFamilyInvolvement},
		"employer": {"the patient's employer", intervention.RecipientOfClass(intervention.RecipientEmployer), intervention.PurposeEmployment},
	}
}
