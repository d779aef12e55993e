package plantest

import (
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// attended returns the attendance of who in role for minutes.
func attended(who uuid.UUID, role intervention.Role, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: who, Role: role}, Attendance: intervention.AttendanceAttended, Minutes: minutes,
	}
}

// CBTCourse returns a Carroll (NIDA manual 1) CBT course for the Patient
// with its ten weekly sessions from Day(3), each covering the next topic
// in order and assigning a practice exercise that the next session reviews.
// Record IDs are 2000+.
func CBTCourse(t T, componentID uuid.UUID) *cbt.Course {
	t.Helper()
	c, err := cbt.New(cbt.Config{ID: componentID, Patient: Patient(), Curriculum: cbt.NIDACocaine(), PlannedSessions: 10,
		SessionIntervalDays: 7, Location: time.UTC})
	if !ok(t, "cbt.New", err) {
		return nil
	}
	topics := cbt.NIDACocaine().Topics
	for i, topic := range topics {
		day := 7*i + 3
		session := RecordID(2000 + 10*i)
		if _, err := c.AddSession(cbt.Session{Session: intervention.Session{
			ID: session, Modality: intervention.ModalityCBT, Format: intervention.FormatIndividual, Start: Day(day), Minutes: 60,
			Clinician: Clinician(), Topics: []string{topic.Code}, Participants: []intervention.SessionParticipant{attended(Patient(), intervention.RolePatient, 60)},
		}}); !ok(t, "cbt AddSession", err) {
			return nil
		}
		if i > 0 {
			if _, err := c.UpdateHomework(cbt.HomeworkUpdate{ID: RecordID(2000 + 10*i + 2), Homework: RecordID(2000 + 10*(i-1) + 1),
				Status: cbt.HomeworkReviewed, On: Date(day), Session: session}); !ok(t, "cbt UpdateHomework", err) {
				return nil
			}
		}
		if i < len(topics)-1 {
			if _, err := c.AssignHomework(cbt.Homework{ID: RecordID(2000 + 10*i + 1), Session: session, On: Date(day), Due: Date(day + 6)}); !ok(t, "cbt AssignHomework", err) {
				return nil
			}
		}
	}
	return c
}

// FamilyTherapy returns a CRAFT therapy for the Patient with one concerned
// significant other (Cosigner's ID stands for them), the Patient's Part 2
// consent to involve them, a DV screen with no risk identified, and
// sessions CSO-only sessions a fortnight apart from Day(4). Record IDs are
// 3000+.
func FamilyTherapy(t T, componentID uuid.UUID, sessions int) *family.Therapy {
	t.Helper()
	th, err := family.New(family.Config{ID: componentID, Patient: Patient(), Model: family.ModelCRAFT, PlannedSessions: 12, Location: time.UTC})
	if !ok(t, "family.New", err) {
		return nil
	}
	cso := intervention.Participant{ID: Cosigner(), Role: intervention.RoleConcernedSignificantOther}
	consent := intervention.Consent{
		ID: RecordID(3000), Patient: Patient(),
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
		Recipients:  []intervention.Recipient{intervention.RecipientID(cso.ID)},
		Purpose:     intervention.PurposeFamilyInvolvement, ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn: Date(1), SignedBy: intervention.SignerPatient,
	}
	if _, err := th.AddMember(family.Member{Participant: cso, Consents: []intervention.Consent{consent}}); !ok(t, "family AddMember", err) {
		return nil
	}
	if _, err := th.RecordDVScreen(family.DVScreen{ID: RecordID(3001), Member: cso.ID, On: Date(2), Risk: family.DVRiskNotIdentified,
		Clinician: Clinician()}); !ok(t, "family RecordDVScreen", err) {
		return nil
	}
	for i := range sessions {
		s := family.Session{Session: intervention.Session{
			ID: RecordID(3010 + i), Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
			Start: Day(14*i + 4), Minutes: 55, Clinician: Clinician(), Participants: []intervention.SessionParticipant{attended(cso.ID, cso.Role, 55)},
		}, CRAFTProcedures: []family.CRAFTProcedure{family.CRAFTInformingMotivating, family.CRAFTCommunicationSkills}}
		if _, _, err := th.AddSession(s); !ok(t, "family AddSession", err) {
			return nil
		}
	}
	return th
}

// TSFFacilitation returns a MAAEZ twelve-step facilitation for the Patient
// with clean time from Date(0), its six weekly group sessions from Day(5)
// in the manual's order, and three AA meetings a week for weeks weeks.
// Record IDs are 4000+.
func TSFFacilitation(t T, componentID uuid.UUID, weeks int) *twelvestep.Facilitation {
	t.Helper()
	f, err := twelvestep.New(twelvestep.Config{ID: componentID, Patient: Patient(), Curriculum: twelvestep.MAAEZ(), JourneyStart: Date(0), Location: time.UTC})
	if !ok(t, "twelvestep.New", err) {
		return nil
	}
	for i, topic := range twelvestep.MAAEZ().Topics {
		if _, err := f.AddSession(intervention.Session{
			ID: RecordID(4000 + i), Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatGroup,
			Start: Day(7*i + 5), Minutes: 90, Clinician: Clinician(), Topics: []string{topic.ID},
			Participants: []intervention.SessionParticipant{attended(Patient(), intervention.RolePatient, 90)},
		}); !ok(t, "twelvestep AddSession", err) {
			return nil
		}
	}
	for w := range weeks {
		for d := range 3 {
			if _, err := f.RecordMeeting(twelvestep.Meeting{
				ID: RecordID(4100 + 3*w + d), At: Day(7*w + 2*d + 1).Add(10 * time.Hour), Fellowship: twelvestep.FellowshipAA,
				Venue: twelvestep.VenueInPerson, Verification: twelvestep.VerificationSelfReported,
			}); !ok(t, "twelvestep RecordMeeting", err) {
				return nil
			}
		}
	}
	return f
}
