// Command quickstart walks through one patient's first month with the
// psychosocial library: a consent for family involvement, a family session
// checked against it, and the billing code the session earns. It grows with
// each package of the library.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	ids := intervention.SequentialIDs() // deterministic IDs; use intervention.NewRandomID in production
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, mother, clinician := next(), next(), next()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		return err
	}

	// 42 CFR Part 2: the patient lets the programme share her plan and
	// attendance with her mother for family sessions until treatment ends.
	signed, _ := intervention.ParseDate("2025-01-06")
	consent := intervention.Consent{
		ID:          next(),
		Patient:     patient,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance},
		Recipients:  []intervention.Recipient{intervention.RecipientID(mother)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    signed,
		SignedBy:    intervention.SignerPatient,
	}
	if err := consent.Validate(); err != nil {
		return err
	}

	// A conjoint family session on 15 January, 50 minutes, patient present.
	start := time.Date(2025, 1, 15, 16, 0, 0, 0, la)
	session := intervention.Session{
		ID: next(), Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
		Start: start, Minutes: 50, Clinician: clinician,
		Participants: []intervention.SessionParticipant{
			{Participant: intervention.Participant{ID: patient, Role: intervention.RolePatient}, Attendance: intervention.AttendanceAttended, Minutes: 50},
			{Participant: intervention.Participant{ID: mother, Role: intervention.RoleParent}, Attendance: intervention.AttendanceLate, Minutes: 40},
		},
		Topics: []string{"craft.communication-skills"},
	}
	if err := session.Validate(); err != nil {
		return err
	}
	day, err := intervention.DateOf(session.Start, la)
	if err != nil {
		return err
	}
	ok, why := consent.Permits(intervention.Recipient{ID: mother, Class: intervention.RecipientFamilyMember},
		intervention.PurposeFamilyInvolvement, day)
	fmt.Printf("session %s: mother may attend: %v (%s)\n", day, ok, why)

	code, err := billing.FamilyPsychotherapy(session.Minutes, session.PatientPresent())
	if err != nil {
		return err
	}
	fmt.Printf("bill %s × %d (%d min, rule %s)\n", code.Code, code.Units, code.Minutes, code.Rule)

	// The patient revokes the consent on 1 February: the next family
	// session may not include her mother.
	consent.RevokedOn, _ = intervention.ParseDate("2025-02-01")
	later, _ := intervention.ParseDate("2025-02-05")
	ok, why = consent.Permits(intervention.Recipient{ID: mother, Class: intervention.RecipientFamilyMember},
		intervention.PurposeFamilyInvolvement, later)
	fmt.Printf("session %s: mother may attend: %v (%s)\n", later, ok, why)
	return nil
}
