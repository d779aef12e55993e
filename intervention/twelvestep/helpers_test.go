package twelvestep_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// id returns the UUID …000n.
func id(n uint64) uuid.UUID {
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[8:], n)
	return u
}

// Fixed identities used across tests.
var (
	componentID = id(1000)
	patientID   = id(1001)
	clinicianID = id(1002)
	partnerID   = id(1003)
	parentID    = id(1004)
	peerID      = id(1005)
)

// t0 is 09:00 UTC on Monday 6 January 2025.
var t0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// day parses "YYYY-MM-DD" or fails the test.
func day(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// losAngeles loads America/Los_Angeles or fails the test.
func losAngeles(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	return loc
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

// assertCount checks that r is exactly n/1.
func assertCount(t testing.TB, r intervention.Ratio, n int64) {
	t.Helper()
	require.Truef(t, r.Computable(), "ratio %s is not computable", r)
	v, _ := r.Value(0)
	assert.Equalf(t, n, v.IntPart(), "ratio %s", r)
}

// measure returns the measure code of p or fails the test.
func measure(t testing.TB, p intervention.Progress, code string) intervention.Ratio {
	t.Helper()
	m, ok := p.Measure(code)
	require.Truef(t, ok, "no measure %s", code)
	return m.Value
}

// person returns a session participant.
func person(pid uuid.UUID, role intervention.Role, a intervention.Attendance) intervention.SessionParticipant {
	minutes := 0
	if a.Present() {
		minutes = 60
	}
	return intervention.SessionParticipant{
		Participant: intervention.Participant{ID: pid, Role: role}, Attendance: a, Minutes: minutes,
	}
}

// session returns an individual TSF session the patient attended, covering topics.
func session(n uint64, start time.Time, topics ...string) intervention.Session {
	return intervention.Session{
		ID: id(n), Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatIndividual,
		Start: start, Minutes: 60, Clinician: clinicianID, Topics: topics,
		Participants: []intervention.SessionParticipant{person(patientID, intervention.RolePatient, intervention.AttendanceAttended)},
	}
}

// conjoint returns a conjoint TSF session with the patient and partner present.
func conjoint(n uint64, start time.Time, topics ...string) intervention.Session {
	s := session(n, start, topics...)
	s.Format = intervention.FormatConjoint
	s.Participants = append(s.Participants, person(partnerID, intervention.RolePartner, intervention.AttendanceAttended))
	return s
}

// missed returns a session the patient did not attend.
func missed(n uint64, start time.Time, a intervention.Attendance) intervention.Session {
	s := session(n, start)
	s.Participants = []intervention.SessionParticipant{person(patientID, intervention.RolePatient, a)}
	return s
}

// consent returns a signed family-involvement consent naming recipient,
// valid until the end of treatment.
func consent(t testing.TB, n uint64, recipient intervention.Recipient, signed string) intervention.Consent {
	return intervention.Consent{
		ID: id(n), Patient: patientID,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoProgress},
		Recipients:  []intervention.Recipient{recipient},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    day(t, signed),
		SignedBy:    intervention.SignerPatient,
	}
}

// meeting returns a self-reported in-person AA meeting at at.
func meeting(n uint64, at time.Time) twelvestep.Meeting {
	return twelvestep.Meeting{
		ID: id(n), At: at, Fellowship: twelvestep.FellowshipAA,
		Types: []twelvestep.MeetingType{twelvestep.MeetingOpen, twelvestep.MeetingBigBook},
		Venue: twelvestep.VenueInPerson, Verification: twelvestep.VerificationSelfReported,
	}
}

// slip returns a self-reported slip on on, recorded by the clinician at at.
func slip(t testing.TB, n uint64, on string, at time.Time) twelvestep.Slip {
	return twelvestep.Slip{
		ID: id(n), On: day(t, on), Reason: twelvestep.SlipSelfReport,
		RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: at,
	}
}

// config returns a valid configuration for curriculum c.
func config(c twelvestep.Curriculum) twelvestep.Config {
	return twelvestep.Config{ID: componentID, Patient: patientID, Curriculum: c}
}

// newFacilitation builds a component from cfg or fails the test.
func newFacilitation(t testing.TB, cfg twelvestep.Config) *twelvestep.Facilitation {
	t.Helper()
	f, err := twelvestep.New(cfg)
	require.NoError(t, err)
	return f
}

// record returns a function that fails the test unless the record call
// whose results it takes succeeded without replay: record(t)(f.AddSession(s)).
func record(t testing.TB) func(replayed bool, err error) {
	t.Helper()
	return func(replayed bool, err error) {
		t.Helper()
		require.NoError(t, err)
		require.False(t, replayed)
	}
}

// weekly returns the start of week k (0-based) after t0.
func weekly(k int) time.Time { return t0.AddDate(0, 0, 7*k) }

// rules returns the rule IDs and paths of findings, as "RULE severity path".
func rules(fs []intervention.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule + " " + string(f.Severity) + " " + f.Path
	}
	return out
}
