package family_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// Identities and helpers of the examples.
var (
	exTherapy   = uuid.MustParse("f0000000-0000-4000-8000-000000000001")
	exPatient   = uuid.MustParse("f0000000-0000-4000-8000-000000000002")
	exCSO       = uuid.MustParse("f0000000-0000-4000-8000-000000000003")
	exClinician = uuid.MustParse("f0000000-0000-4000-8000-000000000004")
)

// exDay parses a date the examples know to be valid.
func exDay(s string) intervention.Date {
	d, err := intervention.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// exConsent is the patient's consent to share plan, attendance and
// progress with the CSO for family involvement until the end of treatment.
func exConsent(signed string) intervention.Consent {
	return intervention.Consent{
		ID:          uuid.MustParse("f0000000-0000-4000-8000-0000000000c1"),
		Patient:     exPatient,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
		Recipients:  []intervention.Recipient{intervention.RecipientID(exCSO)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    exDay(signed),
		SignedBy:    intervention.SignerPatient,
	}
}

// exSession is a session of minutes on day with the given participants.
func exSession(n byte, on string, minutes int, ps ...intervention.SessionParticipant) family.Session {
	return family.Session{Session: intervention.Session{
		ID: uuid.UUID{0xf1, 15: n}, Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
		Start: exDay(on).In(time.UTC).Add(17 * time.Hour), Minutes: minutes, Participants: ps, Clinician: exClinician,
	}}
}

func exAttended(who uuid.UUID, role intervention.Role, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: who, Role: role}, Attendance: intervention.AttendanceAttended, Minutes: minutes,
	}
}

// A CRAFT therapy: the concerned significant other (CSO) of a
// treatment-refusing patient attends alone (CPT 90846). Once the patient
// revokes the consent, the CSO's next session is refused and says why.
func ExampleTherapy() {
	t, err := family.New(family.Config{ID: exTherapy, Patient: exPatient, Model: family.ModelCRAFT, PlannedSessions: 12})
	if err != nil {
		fmt.Println(err)
		return
	}
	cso := intervention.Participant{ID: exCSO, Role: intervention.RoleConcernedSignificantOther}
	c := exConsent("2025-01-02")
	_, err = t.AddMember(family.Member{Participant: cso, Consents: []intervention.Consent{c}})
	fmt.Println("member:", err)
	_, err = t.RecordDVScreen(family.DVScreen{
		ID: uuid.UUID{0xd1}, Member: exCSO, On: exDay("2025-01-06"), Risk: family.DVRiskNotIdentified, Clinician: exClinician,
	})
	fmt.Println("DV screen:", err)

	s := exSession(1, "2025-01-06", 55, exAttended(exCSO, cso.Role, 55))
	s.CRAFTProcedures = []family.CRAFTProcedure{family.CRAFTInformingMotivating, family.CRAFTCommunicationSkills}
	bill, _, err := t.AddSession(s)
	fmt.Println("session 1:", bill.Code, err)

	c.RevokedOn = exDay("2025-01-10")
	_, err = t.RecordConsent(exCSO, c)
	fmt.Println("revocation:", err)
	fmt.Println(t.CanShare(exCSO, exDay("2025-01-13")))

	_, _, err = t.AddSession(exSession(2, "2025-01-13", 55, exAttended(exCSO, cso.Role, 55)))
	var refused *family.ConsentError
	fmt.Println("session 2 refused:", errors.As(err, &refused), refused.Reason)
	fmt.Println(err)
	fmt.Println("sessions:", len(t.Sessions()))
	// Output:
	// member: <nil>
	// DV screen: <nil>
	// session 1: 90846 <nil>
	// revocation: <nil>
	// false revoked
	// session 2 refused: true revoked
	// invalid session.participants[0]: family: no consent permits disclosure to the member: revoked
	// sessions: 1
}

// Family psychotherapy is 90847 with the identified patient present and
// 90846 without, each from 26 minutes (reference: plans-and-interop.md §5.4).
func ExampleTherapy_AddSession() {
	t, _ := family.New(family.Config{ID: exTherapy, Patient: exPatient, Model: family.ModelGeneric})
	parent := intervention.Participant{ID: exCSO, Role: intervention.RoleParent}
	_, _ = t.AddMember(family.Member{Participant: parent, Consents: []intervention.Consent{exConsent("2025-01-02")}})

	for i, tc := range []struct {
		minutes int
		patient bool
	}{{25, false}, {26, false}, {25, true}, {26, true}} {
		ps := []intervention.SessionParticipant{exAttended(exCSO, parent.Role, tc.minutes)}
		if tc.patient {
			ps = append(ps, exAttended(exPatient, intervention.RolePatient, tc.minutes))
		}
		bill, _, err := t.AddSession(exSession(byte(i+1), "2025-01-06", tc.minutes, ps...))
		fmt.Printf("%d min, patient present %-5v -> code %q reason %q %v\n", tc.minutes, tc.patient, bill.Code, bill.Reason, err)
	}
	// Output:
	// 25 min, patient present false -> code "" reason "below-minimum" <nil>
	// 26 min, patient present false -> code "90846" reason "" <nil>
	// 25 min, patient present true  -> code "" reason "below-minimum" <nil>
	// 26 min, patient present true  -> code "90847" reason "" <nil>
}

// Rule C-FAMILY-1: CRAFT behaviour-change procedures before the
// domestic-violence screen, and an invitation procedure with no invitation
// recorded, are warnings.
func ExampleTherapy_Findings() {
	t, _ := family.New(family.Config{ID: exTherapy, Patient: exPatient, Model: family.ModelCRAFT})
	cso := intervention.Participant{ID: exCSO, Role: intervention.RoleConcernedSignificantOther}
	_, _ = t.AddMember(family.Member{Participant: cso, Consents: []intervention.Consent{exConsent("2025-01-02")}})
	s := exSession(1, "2025-01-06", 60, exAttended(exCSO, cso.Role, 60))
	s.CRAFTProcedures = []family.CRAFTProcedure{family.CRAFTRewardingNonUse, family.CRAFTInvitingIP}
	_, _, _ = t.AddSession(s)

	for _, f := range t.Findings(time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(f)
	}
	// Output:
	// C-FAMILY-1 warning sessions[0]: CRAFT behaviour-change procedure delivered before the member's domestic-violence screen
	// C-FAMILY-1 warning invitations: CRAFT invitation procedure covered but no invitation attempt recorded
}

// BCT: the partner marks the daily trust discussion on the recovery-contract
// calendar; adherence is done over marked days, an exact ratio.
func ExampleTherapy_Adherence() {
	t, _ := family.New(family.Config{ID: exTherapy, Patient: exPatient, Model: family.ModelBCT})
	partner := intervention.Participant{ID: exCSO, Role: intervention.RolePartner}
	_, _ = t.AddMember(family.Member{Participant: partner, Consents: []intervention.Consent{exConsent("2025-01-02")}})
	_, err := t.AddContract(family.RecoveryContract{
		ID: uuid.UUID{0xc0}, Partner: exCSO, Start: exDay("2025-01-06"),
		Items: []family.ContractItem{family.ItemTrustDiscussion, family.ItemRecoveryMedication},
	})
	fmt.Println("contract:", err)
	for d, s := range []family.DayStatus{family.DayDone, family.DayDone, family.DayMissed, family.DayDone} {
		_, _ = t.RecordDay(family.CalendarEntry{Day: exDay("2025-01-06").AddDays(d), Item: family.ItemTrustDiscussion, Status: s})
	}
	a := t.Adherence(family.ItemTrustDiscussion, exDay("2025-01-31"))
	pct, _ := a.Percent(0)
	fmt.Println("trust discussion:", a, "=", pct, "%")
	fmt.Println("medication:", t.Adherence(family.ItemRecoveryMedication, exDay("2025-01-31")))
	// Output:
	// contract: <nil>
	// trust discussion: 3/4 = 75 %
	// medication: 0/0 (not computable)
}

// Caregiver strain: with the design-default policy (0–10, threshold 7, two
// check-ins in a row) a relative rated 8 and then 7 is flagged for support.
func ExampleTherapy_StrainFlags() {
	t, _ := family.New(family.Config{ID: exTherapy, Patient: exPatient, Model: family.ModelMDFT})
	_, _ = t.AddMember(family.Member{Participant: intervention.Participant{ID: exCSO, Role: intervention.RoleParent}})
	for i, r := range []int{8, 7} {
		_, _ = t.RecordStrain(family.StrainCheckIn{
			ID: uuid.UUID{0xa0, 15: byte(i)}, Member: exCSO, On: exDay("2025-01-06").AddDays(7 * i), Rating: r,
		})
	}
	for _, f := range t.StrainFlags(exDay("2025-01-13")) {
		fmt.Println(f.Member == exCSO, f.Since, f.LatestOn, f.Run)
	}
	p := t.Progress(time.Date(2025, 1, 13, 12, 0, 0, 0, time.UTC))
	m, _ := p.Measure(family.MeasureStrainFlagged)
	fmt.Println(m.Code, m.Value, p.Due[0].Code)
	// Output:
	// true 2025-01-06 2025-01-13 2
	// family.strain-flagged 1/1 family.caregiver-support
}
