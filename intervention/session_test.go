package intervention_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

var (
	patientID   = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	partnerID   = uuid.MustParse("00000000-0000-0000-0000-0000000000b2")
	motherID    = uuid.MustParse("00000000-0000-0000-0000-0000000000c3")
	clinicianID = uuid.MustParse("00000000-0000-0000-0000-0000000000d4")
	t0          = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) // a Monday
)

func individualSession() intervention.Session {
	return intervention.Session{
		ID:       uuid.MustParse("00000000-0000-0000-0000-000000000001"),
		Modality: intervention.ModalityCBT,
		Format:   intervention.FormatIndividual,
		Start:    t0,
		Minutes:  50,
		Participants: []intervention.SessionParticipant{{
			Participant: intervention.Participant{ID: patientID, Role: intervention.RolePatient},
			Attendance:  intervention.AttendanceAttended, Minutes: 50,
		}},
		Topics:    []string{"nida-cbt.functional-analysis"},
		Clinician: clinicianID,
	}
}

func attendee(id uuid.UUID, role intervention.Role, a intervention.Attendance, minutes int) intervention.SessionParticipant {
	return intervention.SessionParticipant{Participant: intervention.Participant{ID: id, Role: role}, Attendance: a, Minutes: minutes}
}

func fieldPaths(err error) []string {
	var out []string
	for _, fe := range intervention.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

func TestSessionValidate(t *testing.T) {
	require.NoError(t, individualSession().Validate())

	tests := []struct {
		name   string
		edit   func(*intervention.Session)
		fields []string
	}{
		{"missing id", func(s *intervention.Session) { s.ID = uuid.Nil }, []string{"id"}},
		{"unknown modality", func(s *intervention.Session) { s.Modality = "hypnosis" }, []string{"modality"}},
		{"unknown format", func(s *intervention.Session) { s.Format = "dyad" }, []string{"format"}},
		{"zero start", func(s *intervention.Session) { s.Start = time.Time{} }, []string{"start"}},
		{"start before 1970", func(s *intervention.Session) { s.Start = time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) }, []string{"start"}},
		{"start in 2200", func(s *intervention.Session) { s.Start = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC) }, []string{"start"}},
		{"negative duration", func(s *intervention.Session) { s.Minutes = -1; s.Participants[0].Minutes = 0 }, []string{"minutes", "participants[0].minutes"}},
		{"longer than a day", func(s *intervention.Session) { s.Minutes = 24*60 + 1 }, []string{"minutes"}},
		{"missing clinician", func(s *intervention.Session) { s.Clinician = uuid.Nil }, []string{"clinician"}},
		{"no participants", func(s *intervention.Session) { s.Participants = nil }, []string{"participants"}},
		{"participant without attendance", func(s *intervention.Session) { s.Participants[0].Attendance = "" }, []string{"participants[0].attendance", "participants[0].minutes"}},
		{"participant without id or role", func(s *intervention.Session) {
			s.Participants[0].ID = uuid.Nil
			s.Participants[0].Role = ""
		}, []string{"participants[0].id", "participants[0].role", "participants"}},
		{"participant minutes over session", func(s *intervention.Session) { s.Participants[0].Minutes = 51 }, []string{"participants[0].minutes"}},
		{"minutes for a no-show", func(s *intervention.Session) { s.Participants[0].Attendance = intervention.AttendanceNoShow }, []string{"participants[0].minutes"}},
		{"duplicate participant", func(s *intervention.Session) {
			s.Participants = append(s.Participants, s.Participants[0])
		}, []string{"participants[1].id", "participants"}},
		{"free-text topic", func(s *intervention.Session) { s.Topics = []string{"talked about his mother"} }, []string{"topics[0]"}},
		{"duplicate topic", func(s *intervention.Session) { s.Topics = append(s.Topics, s.Topics[0]) }, []string{"topics[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := individualSession()
			tt.edit(&s)
			before, _ := json.Marshal(s)
			err := s.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.ElementsMatch(t, tt.fields, fieldPaths(err))
			after, _ := json.Marshal(s)
			assert.Equal(t, string(before), string(after), "Validate never modifies the session")
		})
	}
}

func TestSessionValidateNeverEchoesText(t *testing.T) {
	s := individualSession()
	s.Topics = []string{"Jane Doe relapsed at her sister's house"}
	err := s.Validate()
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Jane")
	assert.NotContains(t, err.Error(), "sister")
}

func TestSessionFormats(t *testing.T) {
	base := individualSession()
	tests := []struct {
		name   string
		format intervention.Format
		people []intervention.SessionParticipant
		ok     bool
	}{
		{"individual with two patients", intervention.FormatIndividual, []intervention.SessionParticipant{
			attendee(patientID, intervention.RolePatient, intervention.AttendanceAttended, 50),
			attendee(partnerID, intervention.RolePatient, intervention.AttendanceAttended, 50),
		}, false},
		{"conjoint with partner", intervention.FormatConjoint, []intervention.SessionParticipant{
			attendee(patientID, intervention.RolePatient, intervention.AttendanceAttended, 50),
			attendee(partnerID, intervention.RolePartner, intervention.AttendanceLate, 40),
		}, true},
		{"conjoint without partner", intervention.FormatConjoint, []intervention.SessionParticipant{
			attendee(patientID, intervention.RolePatient, intervention.AttendanceAttended, 50),
			attendee(motherID, intervention.RoleParent, intervention.AttendanceAttended, 50),
		}, false},
		{"family without the patient (CRAFT)", intervention.FormatFamily, []intervention.SessionParticipant{
			attendee(motherID, intervention.RoleConcernedSignificantOther, intervention.AttendanceAttended, 50),
		}, true},
		{"family without family", intervention.FormatFamily, []intervention.SessionParticipant{
			attendee(patientID, intervention.RolePatient, intervention.AttendanceAttended, 50),
		}, false},
		{"group", intervention.FormatGroup, []intervention.SessionParticipant{
			attendee(patientID, intervention.RolePatient, intervention.AttendanceAttended, 50),
			attendee(partnerID, intervention.RolePatient, intervention.AttendanceNoShow, 0),
		}, true},
		{"group of peers only", intervention.FormatGroup, []intervention.SessionParticipant{
			attendee(partnerID, intervention.RolePeerSupporter, intervention.AttendanceAttended, 50),
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			s.Format, s.Participants = tt.format, tt.people
			err := s.Validate()
			if tt.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, intervention.ErrFormatMismatch)
			assert.Equal(t, []string{"participants"}, fieldPaths(err))
		})
	}
}

func TestSessionQueries(t *testing.T) {
	s := individualSession()
	s.Format = intervention.FormatFamily
	s.Participants = []intervention.SessionParticipant{
		attendee(patientID, intervention.RolePatient, intervention.AttendanceNoShow, 0),
		attendee(motherID, intervention.RoleParent, intervention.AttendanceAttended, 50),
	}
	require.NoError(t, s.Validate())
	assert.False(t, s.PatientPresent(), "absent patient → 90846")
	assert.Len(t, s.Present(), 1)
	p, ok := s.Attendee(motherID)
	require.True(t, ok)
	assert.Equal(t, intervention.RoleParent, p.Role)
	_, ok = s.Attendee(partnerID)
	assert.False(t, ok)

	s.Participants[0] = attendee(patientID, intervention.RolePatient, intervention.AttendanceLate, 30)
	assert.True(t, s.PatientPresent(), "late still counts as present → 90847")
}

func TestSessionJSON(t *testing.T) {
	s := individualSession()
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"attendance":"attended"`)
	var back intervention.Session
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s.Participants, back.Participants)
	assert.True(t, s.Start.Equal(back.Start))

	bad := strings.Replace(string(b), `"attended"`, `"present"`, 1)
	require.ErrorIs(t, json.Unmarshal([]byte(bad), &back), intervention.ErrInvalid)
}

func FuzzSessionJSON(f *testing.F) {
	seed, _ := json.Marshal(individualSession())
	f.Add(seed)
	f.Add([]byte(`{"participants":[{"role":"partner","attendance":"late","minutes":-3}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s intervention.Session
		if json.Unmarshal(b, &s) != nil {
			return
		}
		if err := s.Validate(); err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := json.Marshal(s)
		require.NoError(t, err)
		var again intervention.Session
		require.NoError(t, json.Unmarshal(out, &again))
		out2, err := json.Marshal(again)
		require.NoError(t, err)
		require.Equal(t, string(out), string(out2))
	})
}
