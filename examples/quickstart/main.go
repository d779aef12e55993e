// Command quickstart walks through one patient's first month with the
// psychosocial library: a consent for family involvement, a family session
// checked against it, the billing code the session earns, and a contingency
// management programme paying vouchers into a hash-chained ledger. It grows
// with each package of the library.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
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

	return contingencyManagement(patient)
}

// contingencyManagement runs three weeks of a Higgins voucher programme
// with a SAMHSA cap: results recorded as they arrive, one of them late and
// one corrected by the laboratory.
func contingencyManagement(patient uuid.UUID) error {
	ctx := context.Background()
	clock := intervention.FixedClock(time.Date(2025, 2, 1, 12, 0, 0, 0, time.UTC))
	ledger, err := contingency.NewLedger(ctx, contingency.NewMemStore(), patient,
		contingency.WithClock(clock), contingency.WithIDSource(intervention.SequentialIDs()),
		contingency.WithCaps(contingency.SAMHSA2025()))
	if err != nil {
		return err
	}
	start, _ := intervention.ParseDate("2025-01-06")
	cfg := contingency.HigginsProgram(start, contingency.RecoveryR1)
	prog, err := contingency.NewProgram(uuid.MustParse("00000000-0000-0000-0000-00000000c0de"), cfg, ledger)
	if err != nil {
		return err
	}
	visits := cfg.Calendar.Visits()
	result := func(i int, status contingency.ResultStatus) contingency.Result {
		return contingency.Result{
			SpecimenID:  fmt.Sprintf("urine-%02d", i+1),
			CollectedAt: visits[i].In(time.UTC).Add(15 * time.Hour),
			Status:      status,
		}
	}
	// Visit 4's result reaches the clinic after visit 5's.
	for _, i := range []int{0, 1, 2, 4, 3, 5, 6, 7} {
		rec, err := prog.Record(ctx, "staff-17", result(i, contingency.ResultNegative))
		if err != nil {
			return err
		}
		fmt.Printf("CM %s visit %d: earns $%s (run %d)\n", visits[i], i+1, contingency.Dollars(rec.Award.Amount()), rec.Award.Run)
	}
	// The laboratory finds visit 3's point-of-care negative positive.
	if _, err := prog.Correct(ctx, "lab-interface", "lab-confirmation", result(2, contingency.ResultPositive)); err != nil {
		return err
	}
	st := prog.Status(visits[7].In(time.UTC).Add(16 * time.Hour))
	pct, _ := st.PercentNegative.Percent(1)
	fmt.Printf("CM after lab correction: balance $%s, streak %d, %s%% negative\n", st.Balance, st.CurrentStreak, pct)
	fmt.Printf("CM next visit %s pays $%s if negative; $%s left under the SAMHSA cap\n",
		st.NextVisit, contingency.Dollars(st.NextAward.Amount()), st.CapRemaining)
	if err := contingency.Verify(ledger.Entries()); err != nil {
		return err
	}
	fmt.Printf("CM ledger: %d entries, hash chain verified\n", len(ledger.Entries()))
	return nil
}
