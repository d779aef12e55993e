package motivation_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
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
	coderA      = id(1003)
	coderB      = id(1004)
)

const target motivation.Behavior = "alcohol-use"

// day parses "YYYY-MM-DD" or fails the test.
func day(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// assertRatio checks that r is exactly num/den.
func assertRatio(t testing.TB, r intervention.Ratio, num, den int64) {
	t.Helper()
	require.Truef(t, r.Computable(), "ratio %s is not computable", r)
	lhs := r.Num().Mul(decimal.NewFromInt(den))
	rhs := decimal.NewFromInt(num).Mul(r.Den())
	assert.Truef(t, lhs.Equal(rhs), "got %s, want %d/%d", r, num, den)
}

// assertValue checks r rounded to scale places.
func assertValue(t testing.TB, r intervention.Ratio, scale int32, want string) {
	t.Helper()
	v, ok := r.Value(scale)
	require.Truef(t, ok, "ratio %s is not computable", r)
	assert.Equal(t, want, v.StringFixed(scale))
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

// session returns an individual MI session with the patient and attendance a.
func session(n uint64, start time.Time, a intervention.Attendance) motivation.MISession {
	minutes := 0
	if a.Present() {
		minutes = 50
	}
	return motivation.MISession{
		Session: intervention.Session{
			ID: id(n), Modality: intervention.ModalityMotivationalInterviewing,
			Format: intervention.FormatIndividual, Start: start, Minutes: 50, Clinician: clinicianID,
			Participants: []intervention.SessionParticipant{{
				Participant: intervention.Participant{ID: patientID, Role: intervention.RolePatient},
				Attendance:  a, Minutes: minutes,
			}},
		},
	}
}

// newComponent returns an empty component for the fixed patient.
func newComponent(t testing.TB, planned int) *motivation.Component {
	t.Helper()
	c, err := motivation.New(motivation.Config{
		ID: componentID, Patient: patientID, Target: target, PlannedSessions: planned,
	})
	require.NoError(t, err)
	return c
}

// t0 is 09:00 UTC on Monday 6 January 2025.
var t0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// v42 returns the V42 MITI counts and globals.
func v42() (motivation.MITICounts, motivation.MITIGlobals) {
	return motivation.MITICounts{
			SimpleReflection: 10, ComplexReflection: 8, Question: 12, SeekingCollaboration: 2, Affirm: 3,
			EmphasizingAutonomy: 1, Persuade: 1, PersuadeWithPermission: 2, Confront: 0, GivingInformation: 5,
		}, motivation.MITIGlobals{
			CultivatingChangeTalk: 4, SofteningSustainTalk: 3, Partnership: 4, Empathy: 4,
		}
}

// v45 returns the V45 client-language counts.
func v45() []motivation.ClientCodeCount {
	ch, st := motivation.ValenceChange, motivation.ValenceSustain
	return []motivation.ClientCodeCount{
		{Code: motivation.ClientReason, Valence: ch, Count: 4},
		{Code: motivation.ClientDesire, Valence: ch, Count: 2},
		{Code: motivation.ClientCommitment, Valence: ch, Count: 1},
		{Code: motivation.ClientTakingSteps, Valence: ch, Count: 1},
		{Code: motivation.ClientReason, Valence: st, Count: 3},
		{Code: motivation.ClientAbility, Valence: st, Count: 1},
		{Code: motivation.ClientFollowNeutral, Count: 5},
	}
}
