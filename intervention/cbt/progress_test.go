package cbt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

// measure returns the value of code in p.
func measure(t testing.TB, p intervention.Progress, code string) intervention.Ratio {
	t.Helper()
	m, ok := p.Measure(code)
	require.Truef(t, ok, "no measure %s", code)
	return m.Value
}

func TestProgressEmpty(t *testing.T) {
	c := newCourse(t, cbt.ProjectMATCH(), nil)
	p := c.Progress(t0)
	assert.Equal(t, componentID, p.Component)
	assert.Equal(t, intervention.ModalityCBT, p.Modality)
	assert.Equal(t, t0, p.AsOf)
	assert.Equal(t, intervention.StatusNotStarted, p.Status)
	assertRatio(t, p.Completion, 0, 8)
	assert.False(t, p.Attendance.Computable())
	var got []string
	for _, m := range p.Measures {
		got = append(got, m.Code)
		assert.NotEmpty(t, m.Unit)
	}
	assert.Equal(t, []string{
		cbt.MeasureSessionsAttended, cbt.MeasureCoreTopicsCovered, cbt.MeasureElectivesCovered,
		cbt.MeasureHomeworkAssigned, cbt.MeasureHomeworkSessions, cbt.MeasureHomeworkAttempted,
		cbt.MeasureHomeworkCompletion, cbt.MeasureCravingMean, cbt.MeasureCravingPreviousMean,
		cbt.MeasureCravingChange, cbt.MeasureUrgesResisted, cbt.MeasureAnalyses,
	}, got, "every measure, in order")
	for _, code := range []string{
		cbt.MeasureHomeworkSessions, cbt.MeasureHomeworkAttempted, cbt.MeasureHomeworkCompletion,
		cbt.MeasureCravingMean, cbt.MeasureCravingPreviousMean, cbt.MeasureCravingChange, cbt.MeasureUrgesResisted,
	} {
		assert.Falsef(t, measure(t, p, code).Computable(), "%s without data is not computable", code)
	}
	assertRatio(t, measure(t, p, cbt.MeasureSessionsAttended), 0, 1)
	assert.Empty(t, p.Due)
}

func TestProgressMATCHCourse(t *testing.T) {
	c := scripted(t, cbt.ProjectMATCH(), matchCompliant(), true, nil)

	p := c.Progress(week(3))
	assert.Equal(t, intervention.StatusActive, p.Status)
	assertRatio(t, p.Completion, 4, 8)
	assertRatio(t, p.Attendance, 4, 4)
	assertRatio(t, measure(t, p, cbt.MeasureSessionsAttended), 4, 1)
	assertRatio(t, measure(t, p, cbt.MeasureCoreTopicsCovered), 4, 8)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkAssigned), 4, 1)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkSessions), 4, 4)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkCompletion), 3, 3) // the fourth is neither reviewed nor due
	require.Len(t, p.Due, 1)
	assert.Equal(t, cbt.DueHomework, p.Due[0].Code)
	assert.Equal(t, id(103), p.Due[0].Ref)
	assert.Equal(t, dateOf(week(3)).AddDays(6), p.Due[0].By)
	assert.False(t, p.Due[0].Overdue)

	p = c.Progress(week(20))
	assert.Equal(t, intervention.StatusCompleted, p.Status)
	assertRatio(t, p.Completion, 8, 8)
	assertRatio(t, measure(t, p, cbt.MeasureElectivesCovered), 4, 1)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkSessions), 11, 12) // none at termination
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkAttempted), 11, 11)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkCompletion), 11, 11)
	assert.Empty(t, p.Due)
	assert.Equal(t, p, c.Progress(week(20)), "pure")
}

func TestProgressAttendance(t *testing.T) {
	cur := cbt.NIDACocaine()
	topics := codes(cur.Topics)
	c := newCourse(t, cur, nil)
	mustAdd(t, c, attended(1, week(0), topics[0]))
	mustAdd(t, c, session(2, week(1), intervention.AttendanceLate, topics[1]))
	mustAdd(t, c, session(3, week(2), intervention.AttendanceNoShow, topics[2]))
	mustAdd(t, c, session(4, week(3), intervention.AttendanceCancelledByClient, topics[2]))
	mustAdd(t, c, session(5, week(4), intervention.AttendanceCancelledByProgramme, topics[2]))
	mustAdd(t, c, session(6, week(5), intervention.AttendanceExcused, topics[2]))
	mustAdd(t, c, attended(7, week(9), topics[2]))
	p := c.Progress(week(6))
	// Programme cancellations and excused absences are not held against the patient.
	assertRatio(t, p.Attendance, 2, 4)
	assertRatio(t, p.Completion, 2, 10) // missed topics are not covered
	assertRatio(t, measure(t, p, cbt.MeasureSessionsAttended), 2, 1)
}

func TestProgressHomeworkAndDue(t *testing.T) {
	cur := cbt.NIDACocaine()
	topics := codes(cur.Topics)
	c := newCourse(t, cur, func(cfg *cbt.Config) { cfg.SessionIntervalDays = 7 })
	mustAdd(t, c, attended(1, week(0), topics[0]))
	mustAdd(t, c, attended(2, week(1), topics[1]))
	d0, d1 := dateOf(week(0)), dateOf(week(1))
	assign := func(n uint64, session uint64, on, due intervention.Date) {
		_, err := c.AssignHomework(cbt.Homework{ID: id(n), Session: id(session), On: on, Due: due})
		require.NoError(t, err)
	}
	update := func(n, hw uint64, st cbt.HomeworkStatus, on intervention.Date, session uint64) {
		_, err := c.UpdateHomework(cbt.HomeworkUpdate{ID: id(n), Homework: id(hw), Status: st, On: on, Session: id(session)})
		require.NoError(t, err)
	}
	assign(100, 1, d0, d0.AddDays(6)) // completed, reviewed
	assign(101, 1, d0, d0.AddDays(3)) // attempted, past due
	assign(102, 1, d0, d0.AddDays(3)) // nothing, past due
	assign(103, 2, d1, d1.AddDays(6)) // open, not due yet
	assign(104, 2, d1, intervention.Date{})
	update(200, 100, cbt.HomeworkCompleted, d0.AddDays(2), 0)
	update(201, 100, cbt.HomeworkReviewed, d1, 2)
	update(202, 101, cbt.HomeworkAttempted, d0.AddDays(2), 0)

	asOf := week(1).Add(2 * time.Hour)
	p := c.Progress(asOf)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkAssigned), 5, 1)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkAttempted), 2, 3)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkCompletion), 1, 3)
	assertRatio(t, measure(t, p, cbt.MeasureHomeworkSessions), 2, 2)

	type due struct {
		code    string
		by      intervention.Date
		overdue bool
	}
	var got []due
	for _, d := range p.Due {
		got = append(got, due{d.Code, d.By, d.Overdue})
	}
	assert.Equal(t, []due{
		{cbt.DueHomework, d0.AddDays(3), true},
		{cbt.DueHomework, d0.AddDays(3), true},
		{cbt.DueHomework, d1.AddDays(6), false},
		{cbt.DueNextSession, d1.AddDays(7), false},
	}, got, "by date; homework without a due date is not listed")
	assert.Equal(t, id(101), p.Due[0].Ref)

	// A week after the next session was due it is overdue.
	late := c.Progress(week(3))
	require.NotEmpty(t, late.Due)
	last := late.Due[len(late.Due)-1]
	assert.Equal(t, cbt.DueNextSession, last.Code)
	assert.True(t, last.Overdue)

	// Before the status changes, as of the assignment day, nothing is closed.
	early := c.Progress(week(0).Add(time.Hour))
	assertRatio(t, measure(t, early, cbt.MeasureHomeworkAssigned), 3, 1)
	assert.False(t, measure(t, early, cbt.MeasureHomeworkCompletion).Computable())
}

func TestProgressStatus(t *testing.T) {
	mods := codes(cbt.CBT4CBT().Topics)
	t.Run("planned sessions attended", func(t *testing.T) {
		c := newCourse(t, cbt.CBT4CBT(), func(cfg *cbt.Config) { cfg.PlannedSessions = 2 })
		mustAdd(t, c, attended(1, week(0), mods[0]))
		assert.Equal(t, intervention.StatusActive, c.Progress(week(0)).Status)
		mustAdd(t, c, attended(2, week(1), mods[0]))
		assert.Equal(t, intervention.StatusCompleted, c.Progress(week(1)).Status)
	})
	t.Run("every core topic covered", func(t *testing.T) {
		c := newCourse(t, cbt.CBT4CBT(), func(cfg *cbt.Config) { cfg.SessionIntervalDays = 7 })
		mustAdd(t, c, attended(1, week(0), mods[:6]...))
		p := c.Progress(week(0))
		assert.Equal(t, intervention.StatusActive, p.Status)
		require.Len(t, p.Due, 1)
		mustAdd(t, c, attended(2, week(1), mods[6]))
		p = c.Progress(week(1))
		assert.Equal(t, intervention.StatusCompleted, p.Status)
		assertRatio(t, p.Completion, 7, 7)
		assert.Empty(t, p.Due, "no next session once completed")
	})
	t.Run("curriculum without core topics", func(t *testing.T) {
		cur := cbt.Curriculum{ID: "menu", Name: "Skills menu", Topics: []cbt.Topic{{Code: "menu.a", Name: "A", Kind: cbt.TopicElective}}}
		c := newCourse(t, cur, nil)
		mustAdd(t, c, attended(1, week(0), "menu.a"))
		p := c.Progress(week(0))
		assert.Equal(t, intervention.StatusActive, p.Status)
		assert.False(t, p.Completion.Computable(), "nothing required: not computable")
		assertRatio(t, measure(t, p, cbt.MeasureElectivesCovered), 1, 1)
	})
}

func TestProgressCravingAndAnalyses(t *testing.T) {
	c := newCourse(t, cbt.NIDACocaine(), nil)
	for i, v := range []int{9, 7, 4, 2} {
		_, err := c.RecordUrge(urgeAt(uint64(i+1), t0.AddDate(0, 0, 4*i), v, i == 0))
		require.NoError(t, err)
	}
	_, err := c.AddAnalysis(analysis(50))
	require.NoError(t, err)
	p := c.Progress(t0.AddDate(0, 0, 13))
	assertRatio(t, measure(t, p, cbt.MeasureCravingMean), 6, 2)          // days 8 and 12
	assertRatio(t, measure(t, p, cbt.MeasureCravingPreviousMean), 16, 2) // days 0 and 4
	assertRatio(t, measure(t, p, cbt.MeasureCravingChange), -5, 1)
	assertRatio(t, measure(t, p, cbt.MeasureUrgesResisted), 2, 2)
	assertRatio(t, measure(t, p, cbt.MeasureAnalyses), 1, 1)
	assertRatio(t, measure(t, c.Progress(t0.Add(-time24)), cbt.MeasureAnalyses), 0, 1)

	// An absurd asOf counts nothing dated and does not panic.
	far := c.Progress(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	assert.False(t, measure(t, far, cbt.MeasureCravingMean).Computable())
	assertRatio(t, measure(t, far, cbt.MeasureAnalyses), 0, 1)
	assert.Empty(t, c.Findings(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)))
}
