package intervention_test

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// exampleDay parses a date the examples know to be valid.
func exampleDay(s string) intervention.Date {
	d, err := intervention.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// A patient lets the program share the treatment plan and attendance with
// her mother for family sessions until the end of treatment, then revokes
// the consent on 1 March. Every check says what is disclosed: a family
// session discloses the treatment plan (FamilySessionInformation), which
// the consent's scope covers; drug test results are outside it. The
// revocation takes effect on its date.
func ExampleConsent_Permits() {
	mother := uuid.MustParse("7d1f0000-0000-4000-8000-000000000003")
	consent := intervention.Consent{
		ID:          uuid.MustParse("7d1f0000-0000-4000-8000-000000000001"),
		Patient:     uuid.MustParse("7d1f0000-0000-4000-8000-000000000002"),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance},
		Recipients:  []intervention.Recipient{intervention.RecipientID(mother)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    exampleDay("2025-01-06"),
		SignedBy:    intervention.SignerPatient,
	}
	who := intervention.Recipient{ID: mother, Class: intervention.RecipientFamilyMember}
	family := intervention.PurposeFamilyInvolvement
	session := intervention.FamilySessionInformation

	fmt.Println(consent.Permits(who, family, exampleDay("2025-02-10"), session))
	fmt.Println(consent.Permits(who, family, exampleDay("2025-02-10"), session, intervention.InfoToxicologyResults))
	fmt.Println(consent.Permits(who, intervention.PurposeEmployment, exampleDay("2025-02-10"), session))

	consent.RevokedOn = exampleDay("2025-03-01")
	fmt.Println(consent.Permits(who, family, exampleDay("2025-02-28"), session))
	fmt.Println(consent.Permits(who, family, exampleDay("2025-03-01"), session))
	// Output:
	// true permitted
	// false information-not-covered
	// false wrong-purpose
	// true permitted
	// false revoked
}

// SUD counselling notes need a consent of their own: the single TPO consent,
// even covering all SUD records, does not permit them.
func ExampleConsent_PermitsDisclosure() {
	tpo := intervention.Consent{
		ID:          uuid.MustParse("7d1f0000-0000-4000-8000-000000000011"),
		Patient:     uuid.MustParse("7d1f0000-0000-4000-8000-000000000002"),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoAllSUDRecords},
		Recipients:  intervention.TPORecipients(),
		Purpose:     intervention.PurposeTPO,
		ExpiryEvent: intervention.ExpiryEventNone,
		SignedOn:    exampleDay("2025-01-06"),
		SignedBy:    intervention.SignerPatient,
	}
	provider := intervention.RecipientOfClass(intervention.RecipientTreatingProviders)
	for _, info := range []intervention.InfoCategory{intervention.InfoToxicologyResults, intervention.InfoSUDCounselingNotes} {
		ok, why := tpo.PermitsDisclosure(intervention.Disclosure{
			Recipient:   provider,
			Purpose:     intervention.PurposeTreatment,
			Information: []intervention.InfoCategory{info},
			AsOf:        exampleDay("2026-03-01"),
		})
		fmt.Println(info, ok, why)
	}
	// Output:
	// toxicology-results true permitted
	// sud-counseling-notes false counseling-notes-need-separate-consent
}

// Validate reports every problem by JSON path, never echoing a value.
func ExampleConsent_Validate() {
	c := intervention.Consent{
		ID:          uuid.MustParse("7d1f0000-0000-4000-8000-000000000021"),
		Patient:     uuid.MustParse("7d1f0000-0000-4000-8000-000000000002"),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoSUDCounselingNotes, intervention.InfoAttendance},
		Recipients:  []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientEmployer), {}},
		Purpose:     intervention.PurposeEmployment,
		ExpiryEvent: intervention.ExpiryEventNone,
	}
	err := c.Validate()
	fmt.Println(errors.Is(err, intervention.ErrInvalid))
	for _, fe := range intervention.FieldErrors(err) {
		fmt.Println(fe)
	}
	// Output:
	// true
	// invalid information: SUD counseling notes need a consent of their own: inconsistent: invalid
	// invalid recipients[1]: missing: invalid
	// invalid expiryEvent: expiry none is allowed only for treatment, payment and operations: inconsistent: invalid
}

// String, fmt and slog output redact the free-text description, which is PHI.
func ExampleConsent_String() {
	c := intervention.Consent{
		ID:          uuid.MustParse("7d1f0000-0000-4000-8000-000000000031"),
		Patient:     uuid.MustParse("7d1f0000-0000-4000-8000-000000000002"),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoOther},
		Description: intervention.NewText("letters about the patient's custody case"),
		Recipients:  []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientCourt)},
		Purpose:     intervention.PurposeLegalProceedings,
		ExpiresOn:   exampleDay("2025-12-31"),
	}
	fmt.Println(c)
	// Output:
	// Consent{id=7d1f0000-0000-4000-8000-000000000031 patient=7d1f0000-0000-4000-8000-000000000002 purpose=legal-proceedings information=[other] description=[redacted] recipients=[class:court] disclosers=[class:program] expiresOn=2025-12-31}
}
