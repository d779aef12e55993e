package motivation_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// series builds a four-session series: weekly from t0, the third a
// programme cancellation, with ratings, codings, stages and two plans.
func series(t testing.TB, planned int) *motivation.Component {
	t.Helper()
	c := newComponent(t, planned)
	week := func(n int) time.Time { return t0.AddDate(0, 0, 7*n) }
	sessions := []motivation.MISession{
		session(1, week(0), intervention.AttendanceAttended),
		session(2, week(1), intervention.AttendanceLate),
		session(3, week(2), intervention.AttendanceCancelledByProgramme),
		session(4, week(3), intervention.AttendanceNoShow),
	}
	sessions[0].Processes = []motivation.Process{motivation.ProcessEngaging, motivation.ProcessFocusing}
	sessions[1].Processes = []motivation.Process{motivation.ProcessEvoking, motivation.ProcessFocusing}
	for _, s := range sessions {
		_, err := c.AddSession(s)
		require.NoError(t, err)
	}
	for _, r := range []motivation.RulerRating{
		rating(t, 20, motivation.RulerReadiness, 3, "2025-01-06"),
		rating(t, 21, motivation.RulerImportance, 8, "2025-01-06"),
		rating(t, 22, motivation.RulerConfidence, 4, "2025-01-06"),
		rating(t, 23, motivation.RulerReadiness, 7, "2025-01-13"),
	} {
		_, err := c.RecordRating(r)
		require.NoError(t, err)
	}
	ch, st := motivation.ValenceChange, motivation.ValenceSustain
	for _, tc := range []motivation.ClientLanguageCoding{
		{ID: id(30), Session: id(1), Coder: coderA, On: day(t, "2025-01-06"), Counts: []motivation.ClientCodeCount{
			{Code: motivation.ClientReason, Valence: ch, Count: 2}, {Code: motivation.ClientReason, Valence: st, Count: 6},
		}},
		{ID: id(31), Session: id(2), Coder: coderA, On: day(t, "2025-01-13"), Counts: v45()},
	} {
		_, err := c.RecordClientLanguage(tc)
		require.NoError(t, err)
	}
	counts, globals := v42()
	_, err := c.RecordFidelity(motivation.MITICoding{ID: id(40), Session: id(2), Coder: coderA, On: day(t, "2025-01-13"), Counts: counts, Globals: globals})
	require.NoError(t, err)
	_, err = c.RecordStage(assessment(t, 50, "2025-01-06", motivation.StagePrecontemplation))
	require.NoError(t, err)
	_, err = c.RecordStage(assessment(t, 51, "2025-01-13", motivation.StageContemplation))
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 60, "2025-01-13"))
	require.NoError(t, err)
	second := plan(t, 61, "2025-01-22")
	second.Revises = id(60)
	second.Steps[0].Done = day(t, "2025-01-19")
	_, err = c.RevisePlan(second)
	require.NoError(t, err)
	return c
}

func measure(t *testing.T, p intervention.Progress, code string) intervention.Measure {
	t.Helper()
	m, ok := p.Measure(code)
	require.Truef(t, ok, "measure %s missing", code)
	return m
}

func TestProgressSeries(t *testing.T) {
	c := series(t, 3)
	asOf := time.Date(2025, 1, 24, 12, 0, 0, 0, time.UTC)
	p := c.Progress(asOf)
	assert.Equal(t, componentID, p.Component)
	assert.Equal(t, intervention.ModalityMotivationalInterviewing, p.Modality)
	assert.Equal(t, asOf, p.AsOf)
	assert.Equal(t, intervention.StatusActive, p.Status)
	assertRatio(t, p.Completion, 2, 3)
	assertRatio(t, p.Attendance, 2, 2) // the programme's cancellation is not counted

	// After the no-show on 27 January, attendance is 2 of 3.
	assertRatio(t, c.Progress(asOf.AddDate(0, 0, 7)).Attendance, 2, 3)

	codes := make([]string, len(p.Measures))
	for i, m := range p.Measures {
		codes[i] = m.Code
	}
	assert.Equal(t, []string{
		"mi.sessions-attended", "mi.processes-covered", "mi.importance-latest", "mi.confidence-latest",
		"mi.readiness-latest", "mi.readiness-change", "mi.change-talk-percent", "mi.change-talk-change",
		"mi.technical", "mi.relational", "mi.complex-reflections", "mi.reflection-to-question",
		"mi.mi-adherent", "mi.mi-non-adherent",
	}, codes)

	assertRatio(t, measure(t, p, motivation.MeasureSessionsAttended).Value, 2, 1)
	assertRatio(t, measure(t, p, motivation.MeasureProcessesCovered).Value, 3, 4)
	assertRatio(t, measure(t, p, motivation.MeasureImportanceLatest).Value, 8, 1)
	assertRatio(t, measure(t, p, motivation.MeasureConfidenceLatest).Value, 4, 1)
	assertRatio(t, measure(t, p, motivation.MeasureReadinessLatest).Value, 7, 1)
	assertRatio(t, measure(t, p, motivation.MeasureReadinessChange).Value, 4, 1)
	assert.Equal(t, "points", measure(t, p, motivation.MeasureReadinessLatest).Unit)
	// Change talk 2/8 → 8/12 (V45): +5/12.
	assertRatio(t, measure(t, p, motivation.MeasureChangeTalkPercent).Value, 2, 3)
	assertRatio(t, measure(t, p, motivation.MeasureChangeTalkChange).Value, 5, 12)
	// Fidelity: V42.
	assertRatio(t, measure(t, p, motivation.MeasureTechnical).Value, 7, 2)
	assertRatio(t, measure(t, p, motivation.MeasureRelational).Value, 4, 1)
	assertRatio(t, measure(t, p, motivation.MeasureComplexReflections).Value, 8, 18)
	assertRatio(t, measure(t, p, motivation.MeasureReflectionToQuestion).Value, 3, 2)
	assertRatio(t, measure(t, p, motivation.MeasureMIAdherent).Value, 6, 1)
	assertRatio(t, measure(t, p, motivation.MeasureMINonAdherent).Value, 1, 1)

	// Due: the current plan (22 Jan) has one open dated step, 27 Jan.
	require.Len(t, p.Due, 1)
	assert.Equal(t, motivation.DueChangePlanStep, p.Due[0].Code)
	assert.Equal(t, day(t, "2025-01-27"), p.Due[0].By)
	assert.False(t, p.Due[0].Overdue)
	assert.Equal(t, id(61), p.Due[0].Ref)

	assert.Equal(t, p, c.Progress(asOf), "Progress is pure")
	st, ok := c.StageOn(day(t, "2025-01-24"))
	require.True(t, ok)
	assert.Equal(t, motivation.StageContemplation, st.Stage)
}

func TestProgressOverTime(t *testing.T) {
	c := series(t, 2)
	tests := []struct {
		name       string
		asOf       time.Time
		status     intervention.ProgressStatus
		attended   int64
		readiness  []int64 // latest num/1, or nil when not computable
		change     []int64
		ctPercent  []int64 // num, den
		fidelity   bool
		dueDates   []string
		overdue    []bool
		completion []int64
	}{
		{"the day before the first session", t0.AddDate(0, 0, -1), intervention.StatusNotStarted, 0, nil, nil, nil, false, nil, nil, []int64{0, 2}},
		{"after the first session", t0.Add(time.Hour), intervention.StatusActive, 1, []int64{3}, nil, []int64{2, 8}, false, nil, nil, []int64{1, 2}},
		{"first plan, step due 20 Jan", time.Date(2025, 1, 20, 23, 0, 0, 0, time.UTC), intervention.StatusCompleted, 2, []int64{7}, []int64{4},
			[]int64{2, 3}, true, []string{"2025-01-20", "2025-01-27"}, []bool{false, false}, []int64{2, 2}},
		{"first plan, step overdue on 21 Jan", time.Date(2025, 1, 21, 0, 0, 0, 0, time.UTC), intervention.StatusCompleted, 2, []int64{7}, []int64{4},
			[]int64{2, 3}, true, []string{"2025-01-20", "2025-01-27"}, []bool{true, false}, []int64{2, 2}},
		{"second plan marks the first step done", time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC), intervention.StatusCompleted, 2, []int64{7}, []int64{4},
			[]int64{2, 3}, true, []string{"2025-01-27"}, []bool{true}, []int64{2, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := c.Progress(tt.asOf)
			assert.Equal(t, tt.status, p.Status)
			assertRatio(t, measure(t, p, motivation.MeasureSessionsAttended).Value, tt.attended, 1)
			assertRatio(t, p.Completion, tt.completion[0], tt.completion[1])
			checkOptional(t, measure(t, p, motivation.MeasureReadinessLatest).Value, tt.readiness)
			checkOptional(t, measure(t, p, motivation.MeasureReadinessChange).Value, tt.change)
			if tt.ctPercent == nil {
				assert.False(t, measure(t, p, motivation.MeasureChangeTalkPercent).Value.Computable())
			} else {
				assertRatio(t, measure(t, p, motivation.MeasureChangeTalkPercent).Value, tt.ctPercent[0], tt.ctPercent[1])
			}
			assert.False(t, measure(t, p, motivation.MeasureChangeTalkChange).Value.Computable() && tt.ctPercent == nil)
			for _, code := range []string{motivation.MeasureTechnical, motivation.MeasureMIAdherent, motivation.MeasureMINonAdherent} {
				assert.Equal(t, tt.fidelity, measure(t, p, code).Value.Computable(), code)
			}
			require.Len(t, p.Due, len(tt.dueDates))
			for i, d := range tt.dueDates {
				assert.Equal(t, day(t, d), p.Due[i].By)
				assert.Equal(t, tt.overdue[i], p.Due[i].Overdue)
			}
		})
	}
}

func checkOptional(t *testing.T, r intervention.Ratio, want []int64) {
	t.Helper()
	if want == nil {
		assert.False(t, r.Computable(), "want not computable, got %s", r)
		return
	}
	assertRatio(t, r, want[0], 1)
}

func TestProgressEmptyAndOpenEnded(t *testing.T) {
	c := newComponent(t, 0)
	p := c.Progress(t0)
	assert.Equal(t, intervention.StatusNotStarted, p.Status)
	assert.False(t, p.Completion.Computable())
	assert.False(t, p.Attendance.Computable())
	assert.Len(t, p.Measures, 14)
	for _, m := range p.Measures {
		if m.Code == motivation.MeasureSessionsAttended || m.Code == motivation.MeasureProcessesCovered {
			assert.True(t, m.Value.Computable(), m.Code)
			continue
		}
		assert.Falsef(t, m.Value.Computable(), "%s with no data must be not computable", m.Code)
	}
	assert.Empty(t, p.Due)

	_, err := c.AddSession(session(1, t0, intervention.AttendanceAttended))
	require.NoError(t, err)
	assert.Equal(t, intervention.StatusActive, c.Progress(t0).Status, "open-ended series never complete")
}

func TestProgressUsesTheComponentTimeZone(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	c, err := motivation.New(motivation.Config{ID: componentID, Patient: patientID, Target: target, Location: la})
	require.NoError(t, err)
	_, err = c.RecordRating(rating(t, 1, motivation.RulerReadiness, 6, "2025-01-06"))
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 2, "2025-01-06"))
	require.NoError(t, err)

	// 07:00 UTC on 6 January is still 5 January in Los Angeles.
	early := c.Progress(time.Date(2025, 1, 6, 7, 0, 0, 0, time.UTC))
	assert.False(t, measure(t, early, motivation.MeasureReadinessLatest).Value.Computable())
	assert.Empty(t, early.Due)
	later := c.Progress(time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC))
	assertRatio(t, measure(t, later, motivation.MeasureReadinessLatest).Value, 6, 1)
	require.Len(t, later.Due, 2)
	assert.Equal(t, day(t, "2025-01-20"), later.Due[0].By, "the Los Angeles date")

	// An asOf outside the calendar counts nothing dated and does not panic.
	zero := c.Progress(time.Time{})
	assert.False(t, measure(t, zero, motivation.MeasureReadinessLatest).Value.Computable())
	assert.Empty(t, zero.Due)
}

func TestChangeTalkTrend(t *testing.T) {
	c := series(t, 3)
	pts := c.ChangeTalkTrend(intervention.Date{})
	require.Len(t, pts, 2)
	assert.Equal(t, id(30), pts[0].Coding)
	assert.Equal(t, id(1), pts[0].Session)
	assert.Equal(t, coderA, pts[0].Coder)
	assertRatio(t, pts[0].Summary.PercentChangeTalk, 2, 8)
	assertRatio(t, pts[1].Summary.PercentChangeTalk, 8, 12)
	assert.Len(t, c.ChangeTalkTrend(day(t, "2025-01-12")), 1)
	assert.Empty(t, c.ChangeTalkTrend(day(t, "2025-01-05")))
}

// A change-plan step due on 20 January in New York is due by the end of
// that civil day there: its Due is the date itself (not midnight at the
// start of the day, which read "by Mon 00:00"), it is not overdue at 23:30
// that evening and is overdue one minute after midnight.
func TestDueIsACivilDateInTheComponentZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	c, err := motivation.New(motivation.Config{ID: componentID, Patient: patientID, Target: target, Location: ny})
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 2, "2025-01-06"))
	require.NoError(t, err)

	lastMinutes := c.Progress(time.Date(2025, 1, 20, 23, 30, 0, 0, ny))
	require.NotEmpty(t, lastMinutes.Due)
	assert.Equal(t, day(t, "2025-01-20"), lastMinutes.Due[0].By)
	assert.False(t, lastMinutes.Due[0].Overdue, "23:30 on the due day is not overdue")

	b, err := json.Marshal(lastMinutes.Due[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"by":"2025-01-20"`)

	next := c.Progress(time.Date(2025, 1, 21, 0, 1, 0, 0, ny))
	require.NotEmpty(t, next.Due)
	assert.Equal(t, day(t, "2025-01-20"), next.Due[0].By)
	assert.True(t, next.Due[0].Overdue, "00:01 the next day in New York is overdue")
	assert.False(t, c.Progress(time.Date(2025, 1, 21, 4, 59, 0, 0, time.UTC)).Due[0].Overdue,
		"04:59 UTC on the 21st is still the 20th in New York")
}
