package cbt_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

func TestNew(t *testing.T) {
	c := newCourse(t, cbt.ProjectMATCH(), nil)
	assert.Equal(t, componentID, c.ID())
	assert.Equal(t, intervention.ModalityCBT, c.Modality())
	require.NoError(t, c.Validate())
	cfg := c.Config()
	assert.Equal(t, cbt.DefaultTrendDays, cfg.TrendDays, "New stores the default window")
	assert.Equal(t, cbt.ProjectMATCH(), cfg.Curriculum)
	cfg.Curriculum.Topics[0].Code = "changed"
	assert.Equal(t, "match-cbt.introduction", c.Curriculum().Topics[0].Code, "Config returns a copy")

	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	tests := []struct {
		name string
		edit func(*cbt.Config)
		path string
		rule error
	}{
		{"no id", func(c *cbt.Config) { c.ID = uuid.Nil }, "id", intervention.ErrMissing},
		{"no patient", func(c *cbt.Config) { c.Patient = uuid.Nil }, "patient", intervention.ErrMissing},
		{"bad curriculum", func(c *cbt.Config) { c.Curriculum.MaxElectives = 15 }, "curriculum.maxElectives", intervention.ErrOutOfRange},
		{"no curriculum", func(c *cbt.Config) { c.Curriculum = cbt.Curriculum{} }, "curriculum.topics", intervention.ErrMissing},
		{"planned negative", func(c *cbt.Config) { c.PlannedSessions = -1 }, "plannedSessions", intervention.ErrOutOfRange},
		{"planned too many", func(c *cbt.Config) { c.PlannedSessions = cbt.MaxPlannedSessions + 1 }, "plannedSessions", intervention.ErrOutOfRange},
		{"interval", func(c *cbt.Config) { c.SessionIntervalDays = cbt.MaxTrendDays + 1 }, "sessionIntervalDays", intervention.ErrOutOfRange},
		{"trend days", func(c *cbt.Config) { c.TrendDays = -1 }, "trendDays", intervention.ErrOutOfRange},
		{"local zone", func(c *cbt.Config) { c.Location = time.Local }, "timeZone", intervention.ErrUnknownValue},
		{"unnamed zone", func(c *cbt.Config) { c.Location = time.FixedZone("Mars/Olympus", 3600) }, "timeZone", intervention.ErrUnknownValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := cbt.Config{ID: componentID, Patient: patientID, Curriculum: cbt.ProjectMATCH(), Location: la}
			require.NoError(t, cfg.Validate())
			tt.edit(&cfg)
			c, err := cbt.New(cfg)
			requireField(t, err, tt.path, tt.rule)
			assert.Nil(t, c)
		})
	}

	var zero cbt.Course
	require.ErrorIs(t, zero.Validate(), intervention.ErrInvalid)
}

func TestAddSession(t *testing.T) {
	core, el := match()
	c := newCourse(t, cbt.ProjectMATCH(), nil)
	s := attended(1, t0, core[0])
	replayed, err := c.AddSession(s)
	require.NoError(t, err)
	assert.False(t, replayed)

	replayed, err = c.AddSession(s)
	require.NoError(t, err)
	assert.True(t, replayed, "the same session again is a replay")

	changed := attended(1, t0, core[1])
	_, err = c.AddSession(changed)
	requireField(t, err, "session.id", cbt.ErrConflict)
	require.ErrorIs(t, err, intervention.ErrDuplicate)
	assert.Equal(t, []string{core[0]}, c.Sessions()[0].Session.Topics, "a conflict changes nothing")

	partner := attended(9, t0, core[1])
	partner.Session.Format = intervention.FormatConjoint
	partner.Session.Participants = append(partner.Session.Participants, intervention.SessionParticipant{
		Participant: intervention.Participant{ID: partnerID, Role: intervention.RolePartner},
		Attendance:  intervention.AttendanceAttended, Minutes: 60,
	})
	mustAdd(t, c, partner)

	tests := []struct {
		name string
		s    func() cbt.Session
		path string
		rule error
	}{
		{"wrong modality", func() cbt.Session {
			s := attended(2, t0, core[1])
			s.Session.Modality = intervention.ModalityMotivationalInterviewing
			return s
		}, "session.modality", intervention.ErrInconsistent},
		{"invalid session", func() cbt.Session {
			s := attended(2, t0, core[1])
			s.Session.Clinician = uuid.Nil
			return s
		}, "session.clinician", intervention.ErrMissing},
		{"bad topic code", func() cbt.Session { return attended(2, t0, "not a code") }, "session.topics[0]", intervention.ErrBadTopic},
		{"topic of another curriculum", func() cbt.Session {
			return attended(2, t0, core[1], "nida-cbt.introduction")
		}, "session.topics[1]", cbt.ErrUnknownTopic},
		{"patient missing", func() cbt.Session {
			s := attended(2, t0, core[1])
			s.Session.Participants[0].ID = partnerID
			return s
		}, "session.participants", intervention.ErrInconsistent},
		{"patient in another role", func() cbt.Session {
			s := attended(2, t0, core[1])
			s.Session.Format = intervention.FormatGroup
			s.Session.Participants[0].Role = intervention.RolePeerSupporter
			s.Session.Participants = append(s.Session.Participants, intervention.SessionParticipant{
				Participant: intervention.Participant{ID: partnerID, Role: intervention.RolePatient},
				Attendance:  intervention.AttendanceAttended, Minutes: 60,
			})
			return s
		}, "session.participants", intervention.ErrInconsistent},
		{"choice without elective", func() cbt.Session {
			s := attended(2, t0, core[1])
			s.ElectiveChoice = cbt.ChoiceJoint
			return s
		}, "electiveChoice", intervention.ErrInconsistent},
		{"unknown choice", func() cbt.Session {
			s := attended(2, t0, el[0])
			s.ElectiveChoice = "coin-toss"
			return s
		}, "electiveChoice", cbt.ErrUnknownElectiveChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.AddSession(tt.s())
			requireField(t, err, tt.path, tt.rule)
			assert.Len(t, c.Sessions(), 2, "a failed call changes nothing")
		})
	}

	// A missed session may list the topics planned; an elective session
	// records its choice.
	mustAdd(t, c, session(3, week(1), intervention.AttendanceNoShow, core[1]))
	withChoice := attended(4, week(2), el[0], core[1])
	withChoice.ElectiveChoice = cbt.ChoiceClientPreferred
	mustAdd(t, c, withChoice)

	got := c.Sessions()
	got[0].Session.Topics[0] = "changed"
	assert.Equal(t, core[0], c.Sessions()[0].Session.Topics[0], "Sessions returns copies")
	assert.Equal(t, []string{core[0], core[1], el[0]}, c.Covered(week(3)), "covered in first-covered order, attended only")
	assert.Equal(t, []string{core[0], core[1]}, c.Covered(t0), "up to asOf")
}

func TestAssignHomework(t *testing.T) {
	core, _ := match()
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	c := newCourse(t, cbt.ProjectMATCH(), func(cfg *cbt.Config) { cfg.Location = la })
	start := time.Date(2025, 1, 7, 3, 0, 0, 0, time.UTC) // 6 January, 19:00 in Los Angeles
	mustAdd(t, c, attended(1, start, core[0]))
	mustAdd(t, c, session(2, start.AddDate(0, 0, 7), intervention.AttendanceNoShow, core[1]))

	h := cbt.Homework{ID: id(100), Session: id(1), On: day(t, "2025-01-06"), Due: day(t, "2025-01-12"), Topic: core[0]}
	replayed, err := c.AssignHomework(h)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = c.AssignHomework(h)
	require.NoError(t, err)
	assert.True(t, replayed)
	h2 := h
	h2.Due = day(t, "2025-01-13")
	_, err = c.AssignHomework(h2)
	requireField(t, err, "id", cbt.ErrConflict)

	tests := []struct {
		name string
		edit func(*cbt.Homework)
		path string
		rule error
	}{
		{"no id", func(h *cbt.Homework) { h.ID = uuid.Nil }, "id", intervention.ErrMissing},
		{"no session", func(h *cbt.Homework) { h.Session = uuid.Nil }, "session", intervention.ErrMissing},
		{"unknown session", func(h *cbt.Homework) { h.Session = id(77) }, "session", cbt.ErrNotRecorded},
		{"patient absent", func(h *cbt.Homework) { h.Session, h.On, h.Due = id(2), day(t, "2025-01-13"), intervention.Date{} }, "session", intervention.ErrInconsistent},
		{"not the session's date", func(h *cbt.Homework) { h.On = day(t, "2025-01-07") }, "on", intervention.ErrInconsistent},
		{"no date", func(h *cbt.Homework) { h.On = intervention.Date{} }, "on", intervention.ErrMissing},
		{"due before assigned", func(h *cbt.Homework) { h.Due = day(t, "2025-01-05") }, "due", intervention.ErrInconsistent},
		{"topic not a code", func(h *cbt.Homework) { h.Topic = "craving log" }, "topic", cbt.ErrBadCode},
		{"topic not in curriculum", func(h *cbt.Homework) { h.Topic = "nida-cbt.introduction" }, "topic", cbt.ErrUnknownTopic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := cbt.Homework{ID: id(101), Session: id(1), On: day(t, "2025-01-06")}
			tt.edit(&h)
			_, err := c.AssignHomework(h)
			requireField(t, err, tt.path, tt.rule)
			assert.Len(t, c.Homework(), 1, "a failed call changes nothing")
		})
	}
	st, ok := c.HomeworkState(id(100), intervention.Date{})
	require.True(t, ok)
	assert.Equal(t, cbt.HomeworkAssigned, st.Status)
	assert.Equal(t, cbt.HomeworkAssigned, st.Reached)
	_, ok = c.HomeworkState(id(101), intervention.Date{})
	assert.False(t, ok)
}

// reference: plans-and-interop.md §1.4: status history assigned →
// attempted → completed → reviewed-in-session.
func TestUpdateHomework(t *testing.T) {
	core, _ := match()
	c := newCourse(t, cbt.ProjectMATCH(), nil)
	mustAdd(t, c, attended(1, week(0), core[0]))
	mustAdd(t, c, attended(2, week(1), core[1]))
	mustAdd(t, c, session(3, week(2), intervention.AttendanceCancelledByClient, core[2]))
	mustAdd(t, c, attended(4, week(-1)))
	_, err := c.AssignHomework(cbt.Homework{ID: id(100), Session: id(1), On: dateOf(week(0)), Due: dateOf(week(0)).AddDays(6)})
	require.NoError(t, err)

	d := func(n int) intervention.Date { return dateOf(week(0)).AddDays(n) }
	attempted := cbt.HomeworkUpdate{ID: id(200), Homework: id(100), Status: cbt.HomeworkAttempted, On: d(2)}
	replayed, err := c.UpdateHomework(attempted)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = c.UpdateHomework(attempted)
	require.NoError(t, err)
	assert.True(t, replayed)
	attempted.On = d(3)
	_, err = c.UpdateHomework(attempted)
	requireField(t, err, "id", cbt.ErrConflict)

	tests := []struct {
		name string
		u    cbt.HomeworkUpdate
		path string
		rule error
	}{
		{"no id", cbt.HomeworkUpdate{Homework: id(100), Status: cbt.HomeworkCompleted, On: d(3)}, "id", intervention.ErrMissing},
		{"no homework", cbt.HomeworkUpdate{ID: id(201), Status: cbt.HomeworkCompleted, On: d(3)}, "homework", intervention.ErrMissing},
		{"unknown homework", cbt.HomeworkUpdate{ID: id(201), Homework: id(99), Status: cbt.HomeworkCompleted, On: d(3)}, "homework", cbt.ErrNotRecorded},
		{"assigned again", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkAssigned, On: d(3)}, "status", cbt.ErrBadTransition},
		{"backwards", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkAttempted, On: d(3)}, "status", cbt.ErrBadTransition},
		{"unknown status", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: "done", On: d(3)}, "status", cbt.ErrUnknownHomeworkStatus},
		{"no date", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkCompleted}, "on", intervention.ErrMissing},
		{"before the last change", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkCompleted, On: d(1)}, "on", intervention.ErrInconsistent},
		{"review without session", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(7)}, "session", intervention.ErrMissing},
		{"unknown session", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkCompleted, On: d(3), Session: id(77)}, "session", cbt.ErrNotRecorded},
		{"reviewed in the assigning session", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(2), Session: id(1)}, "session", intervention.ErrInconsistent},
		{"reported in an earlier session", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkCompleted, On: d(3), Session: id(4)}, "session", intervention.ErrInconsistent},
		{"reviewed where the patient was absent", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(14), Session: id(3)}, "session", intervention.ErrInconsistent},
		{"review not on the session's day", cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(8), Session: id(2)}, "on", intervention.ErrInconsistent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.UpdateHomework(tt.u)
			requireField(t, err, tt.path, tt.rule)
			assert.Len(t, c.HomeworkUpdates(), 1, "a failed call changes nothing")
		})
	}

	_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(201), Homework: id(100), Status: cbt.HomeworkCompleted, On: d(4), Session: id(2)})
	require.NoError(t, err, "a later session may carry the report")
	_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(202), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(7), Session: id(2)})
	require.NoError(t, err)
	_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(203), Homework: id(100), Status: cbt.HomeworkReviewed, On: d(7), Session: id(2)})
	requireField(t, err, "status", cbt.ErrBadTransition)

	st, ok := c.HomeworkState(id(100), intervention.Date{})
	require.True(t, ok)
	assert.Equal(t, cbt.HomeworkReviewed, st.Status)
	assert.Equal(t, cbt.HomeworkCompleted, st.Reached)
	assert.Equal(t, id(2), st.ReviewedIn)
	assert.Len(t, st.Updates, 3)
	st, _ = c.HomeworkState(id(100), d(3))
	assert.Equal(t, cbt.HomeworkAttempted, st.Status, "status as of a day")
	assert.Equal(t, uuid.Nil, st.ReviewedIn)
	assert.Len(t, st.Updates, 1)
}

func TestAddAnalysis(t *testing.T) {
	c := newCourse(t, cbt.NIDACocaine(), nil)
	mustAdd(t, c, attended(1, t0, "nida-cbt.introduction"))
	a := analysis(50)
	a.Session = id(1)
	replayed, err := c.AddAnalysis(a)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = c.AddAnalysis(a)
	require.NoError(t, err)
	assert.True(t, replayed)
	b := a
	b.Behavior = intervention.NewText("something else")
	_, err = c.AddAnalysis(b)
	requireField(t, err, "id", cbt.ErrConflict)
	assert.NotContains(t, err.Error(), "something else")

	bad := analysis(51)
	bad.Session = id(9)
	_, err = c.AddAnalysis(bad)
	requireField(t, err, "session", cbt.ErrNotRecorded)
	bad.Session, bad.On = id(1), dateOf(t0).AddDays(1)
	_, err = c.AddAnalysis(bad)
	requireField(t, err, "on", intervention.ErrInconsistent)
	assert.Len(t, c.Analyses(), 1)

	got := c.Analyses()
	got[0].PositiveConsequences[0] = intervention.NewText("changed")
	assert.Equal(t, secret, c.Analyses()[0].PositiveConsequences[0].Reveal(), "Analyses returns copies")
}

func TestRecordUrge(t *testing.T) {
	c := newCourse(t, cbt.NIDACocaine(), nil)
	u := cbt.Urge{ID: id(60), At: t0, Intensity: 7, Trigger: cbt.TriggerPeople, Coping: "urge-surfing"}
	replayed, err := c.RecordUrge(u)
	require.NoError(t, err)
	assert.False(t, replayed)
	assert.Equal(t, cbt.DefaultScale(), c.Urges()[0].Scale, "a zero scale is stored as 0-10")

	replayed, err = c.RecordUrge(u)
	require.NoError(t, err)
	assert.True(t, replayed, "zero scale and explicit 0-10 are the same entry")
	u.Used = true
	_, err = c.RecordUrge(u)
	requireField(t, err, "id", cbt.ErrConflict)

	_, err = c.RecordUrge(cbt.Urge{ID: id(61), At: t0, Intensity: 11})
	requireField(t, err, "intensity", intervention.ErrOutOfRange)
	assert.Len(t, c.Urges(), 1)
}

func TestCourseConcurrent(t *testing.T) {
	cur := cbt.NIDACocaine()
	c := newCourse(t, cur, nil)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 25 {
				n := uint64(g*100 + k + 1)
				_, _ = c.AddSession(attended(n, t0.Add(time.Duration(n)*time.Hour), cur.Topics[k%10].Code))
				_, _ = c.RecordUrge(cbt.Urge{ID: id(n + 10000), At: t0, Intensity: k % 11})
				_ = c.Progress(t0.AddDate(0, 1, 0))
				_ = c.Findings(t0.AddDate(0, 1, 0))
				_, _ = wiretest.Marshal(c)
			}
		}()
	}
	wg.Wait()
	assert.Len(t, c.Sessions(), 100)
	assert.Len(t, c.Urges(), 100)
}
