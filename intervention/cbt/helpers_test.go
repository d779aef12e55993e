package cbt_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
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
)

// t0 is 09:00 UTC on Monday 6 January 2025.
var t0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

// week returns t0 plus k weeks.
func week(k int) time.Time { return t0.AddDate(0, 0, 7*k) }

// day parses "YYYY-MM-DD" or fails the test.
func day(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// dateOf is the UTC date of tm.
func dateOf(tm time.Time) intervention.Date {
	d, _ := intervention.DateOf(tm, time.UTC)
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

// session returns an individual CBT session with the patient's attendance
// a, covering topics.
func session(n uint64, start time.Time, a intervention.Attendance, topics ...string) cbt.Session {
	minutes := 0
	if a.Present() {
		minutes = 60
	}
	return cbt.Session{Session: intervention.Session{
		ID: id(n), Modality: intervention.ModalityCBT, Format: intervention.FormatIndividual,
		Start: start, Minutes: 60, Clinician: clinicianID, Topics: topics,
		Participants: []intervention.SessionParticipant{{
			Participant: intervention.Participant{ID: patientID, Role: intervention.RolePatient},
			Attendance:  a, Minutes: minutes,
		}},
	}}
}

// attended is session with the patient present.
func attended(n uint64, start time.Time, topics ...string) cbt.Session {
	return session(n, start, intervention.AttendanceAttended, topics...)
}

// newCourse returns an empty course on cur; mod may adjust the config.
func newCourse(t testing.TB, cur cbt.Curriculum, mod func(*cbt.Config)) *cbt.Course {
	t.Helper()
	cfg := cbt.Config{ID: componentID, Patient: patientID, Curriculum: cur}
	if mod != nil {
		mod(&cfg)
	}
	c, err := cbt.New(cfg)
	require.NoError(t, err)
	return c
}

// mustAdd records s or fails the test.
func mustAdd(t testing.TB, c *cbt.Course, s cbt.Session) {
	t.Helper()
	replayed, err := c.AddSession(s)
	require.NoError(t, err)
	require.False(t, replayed)
}

// codes returns the topic codes of ts.
func codes(ts []cbt.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Code
	}
	return out
}

// match returns the MATCH core codes (introduction first, termination last)
// and elective codes.
func match() (core, electives []string) {
	m := cbt.ProjectMATCH()
	return codes(m.Core()), codes(m.Electives())
}

// spec is one session of a scripted course.
type spec struct {
	topics []string
	choice cbt.ElectiveChoice
}

// matchCompliant returns the script of a fully compliant MATCH course:
// seven core sessions, four jointly chosen electives, termination.
func matchCompliant() []spec {
	core, el := match()
	var out []spec
	for _, t := range core[:7] {
		out = append(out, spec{topics: []string{t}})
	}
	for i, t := range el[:4] {
		choice := cbt.ChoiceJoint
		if i == 3 {
			choice = cbt.ChoiceClientPreferred
		}
		out = append(out, spec{topics: []string{t}, choice: choice})
	}
	return append(out, spec{topics: []string{core[7]}})
}

// scripted builds a course on cur from script: session k (ID k+1) starts
// in week k. With homework, every session but the one covering the final
// topic assigns an exercise (ID 100+k, due six days later), reviewed in the
// next session (update ID 200+k) after being completed (update ID 300+k).
func scripted(t testing.TB, cur cbt.Curriculum, script []spec, homework bool, mod func(*cbt.Config)) *cbt.Course {
	t.Helper()
	c := newCourse(t, cur, mod)
	for k, s := range script {
		sess := attended(uint64(k+1), week(k), s.topics...)
		sess.ElectiveChoice = s.choice
		mustAdd(t, c, sess)
	}
	if !homework {
		return c
	}
	for k, s := range script {
		if cur.Last != "" && len(s.topics) > 0 && s.topics[0] == cur.Last {
			continue
		}
		on := dateOf(week(k))
		_, err := c.AssignHomework(cbt.Homework{ID: id(uint64(100 + k)), Session: id(uint64(k + 1)), On: on, Due: on.AddDays(6)})
		require.NoError(t, err)
		if k+1 < len(script) {
			_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(uint64(300 + k)), Homework: id(uint64(100 + k)), Status: cbt.HomeworkCompleted, On: on.AddDays(3)})
			require.NoError(t, err)
			_, err = c.UpdateHomework(cbt.HomeworkUpdate{
				ID: id(uint64(200 + k)), Homework: id(uint64(100 + k)), Status: cbt.HomeworkReviewed,
				On: dateOf(week(k + 1)), Session: id(uint64(k + 2)),
			})
			require.NoError(t, err)
		}
	}
	return c
}

// rulesOf lists the rule, path and message of each finding.
func rulesOf(fs []intervention.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule + " " + f.Path + ": " + f.Message
	}
	return out
}

// time24 is a day.
const time24 = 24 * time.Hour
