package family_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// id returns the UUID …000n.
func id(n uint64) uuid.UUID {
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[8:], n)
	return u
}

// Fixed identities used across tests.
var (
	therapyID   = id(1000)
	patientID   = id(1001)
	clinicianID = id(1002)
	csoID       = id(1003)
	partnerID   = id(1004)
	parentID    = id(1005)
	siblingID   = id(1006)
)

// t0 is 09:00 UTC on Monday 6 January 2025.
var t0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// secret is PHI that must never leave a consent except through JSON.
const secret = "letters from Dr Ann Smith about the Crown Street clinic"

// day parses "YYYY-MM-DD" or fails the test.
func day(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// at returns 09:00 UTC on day s.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	return day(t, s).In(time.UTC).Add(9 * time.Hour)
}

// consent returns a family-involvement consent with ID n naming member,
// signed on signed and in force until the end of treatment.
func consent(t testing.TB, n uint64, member uuid.UUID, signed string) intervention.Consent {
	t.Helper()
	return intervention.Consent{
		ID:          id(n),
		Patient:     patientID,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
		Recipients:  []intervention.Recipient{intervention.RecipientID(member)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    day(t, signed),
		SignedBy:    intervention.SignerPatient,
	}
}

// member returns a member with role and consents.
func member(who uuid.UUID, role intervention.Role, consents ...intervention.Consent) family.Member {
	return family.Member{Participant: intervention.Participant{ID: who, Role: role}, Consents: consents}
}

// present returns a participant who attended for minutes.
func present(who uuid.UUID, role intervention.Role, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: who, Role: role},
		Attendance:  intervention.AttendanceAttended, Minutes: minutes,
	}
}

// absent returns a participant with attendance a (not present).
func absent(who uuid.UUID, role intervention.Role, a intervention.Attendance) intervention.SessionParticipant {
	return intervention.SessionParticipant{Participant: intervention.Participant{ID: who, Role: role}, Attendance: a}
}

// session returns a family-format session of minutes with participants.
func session(n uint64, start time.Time, minutes int, ps ...intervention.SessionParticipant) family.Session {
	return family.Session{Session: intervention.Session{
		ID: id(n), Modality: intervention.ModalityFamilyTherapy, Format: intervention.FormatFamily,
		Start: start, Minutes: minutes, Participants: ps, Clinician: clinicianID,
	}}
}

// newTherapy returns an empty therapy of model for the fixed patient.
func newTherapy(t testing.TB, model family.Model, planned int) *family.Therapy {
	t.Helper()
	th, err := family.New(family.Config{ID: therapyID, Patient: patientID, Model: model, PlannedSessions: planned})
	require.NoError(t, err)
	return th
}

// addMember adds m or fails the test.
func addMember(t testing.TB, th *family.Therapy, m family.Member) {
	t.Helper()
	replayed, err := th.AddMember(m)
	require.NoError(t, err)
	require.False(t, replayed)
}

// addSession adds s or fails the test.
func addSession(t testing.TB, th *family.Therapy, s family.Session) {
	t.Helper()
	_, replayed, err := th.AddSession(s)
	require.NoError(t, err)
	require.False(t, replayed)
}

// craftTherapy returns a CRAFT therapy with the CSO consented from 2025-01-02.
func craftTherapy(t testing.TB) *family.Therapy {
	t.Helper()
	th := newTherapy(t, family.ModelCRAFT, 12)
	addMember(t, th, member(csoID, intervention.RoleConcernedSignificantOther, consent(t, 1, csoID, "2025-01-02")))
	return th
}

// bctTherapy returns a BCT therapy with the partner consented from 2025-01-02.
func bctTherapy(t testing.TB) *family.Therapy {
	t.Helper()
	th := newTherapy(t, family.ModelBCT, 12)
	addMember(t, th, member(partnerID, intervention.RolePartner, consent(t, 2, partnerID, "2025-01-02")))
	return th
}

// conjoint returns a BCT conjoint session of the patient and partner.
func conjoint(n uint64, start time.Time, components ...family.BCTComponent) family.Session {
	s := session(n, start, 60,
		present(patientID, intervention.RolePatient, 60), present(partnerID, intervention.RolePartner, 60))
	s.Session.Format = intervention.FormatConjoint
	s.BCTComponents = components
	return s
}

// requireField checks that err wraps intervention.ErrInvalid and rule, and
// has a FieldError at path.
func requireField(t testing.TB, err error, path string, rule error) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	for _, fe := range intervention.FieldErrors(err) {
		if fe.Field == path {
			require.ErrorIsf(t, fe, rule, "field %s", path)
			return
		}
	}
	t.Fatalf("no FieldError at %q in %v", path, err)
}

// paths lists the FieldError paths in err.
func paths(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

// assertRatio checks that r is exactly num/den.
func assertRatio(t testing.TB, r intervention.Ratio, num, den int64) {
	t.Helper()
	require.Truef(t, r.Computable(), "ratio %s is not computable", r)
	lhs := r.Num().Mul(decimal.NewFromInt(den))
	rhs := decimal.NewFromInt(num).Mul(r.Den())
	assert.Truef(t, lhs.Equal(rhs), "got %s, want %d/%d", r, num, den)
}

// measure returns the measure code of p or fails the test.
func measure(t testing.TB, p intervention.Progress, code string) intervention.Ratio {
	t.Helper()
	m, ok := p.Measure(code)
	require.Truef(t, ok, "no measure %s", code)
	return m.Value
}

// time1h is one hour.
const time1h = time.Hour

// mustLoad loads a time zone or fails the test.
func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}
