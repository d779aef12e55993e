package twelvestep_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// tracked returns a MATCH component tracking clean time from journey in loc.
func tracked(t *testing.T, journey string, loc *time.Location) *twelvestep.Facilitation {
	t.Helper()
	cfg := config(twelvestep.MATCHTSF())
	cfg.JourneyStart = day(t, journey)
	cfg.Location = loc
	return newFacilitation(t, cfg)
}

// Spring forward: 9 March 2025 in Los Angeles has 23 hours. Days are
// counted on the calendar, so the day count changes exactly at local
// midnight, and the 24-hour milestone of a streak starting that day is
// reached at the next local midnight although only 23 hours have passed.
// reference: plans-and-interop.md (b) 32 (C-MILESTONE-1).
func TestCleanTimeSpringForward(t *testing.T) {
	la := losAngeles(t)
	f := tracked(t, "2025-03-09", la)
	start := time.Date(2025, 3, 9, 0, 0, 0, 0, la)
	tests := []struct {
		name      string
		asOf      time.Time
		days      int
		reached   int
		next      string
		daysToNxt int
	}{
		{"first instant", start, 0, 0, "24-hours", 1},
		{"last minute of the 23-hour day", time.Date(2025, 3, 9, 23, 59, 0, 0, la), 0, 0, "24-hours", 1},
		{"local midnight, 23 hours in", time.Date(2025, 3, 10, 0, 0, 0, 0, la), 1, 1, "30-days", 29},
		{"the same instant seen in UTC", time.Date(2025, 3, 10, 7, 0, 0, 0, time.UTC), 1, 1, "30-days", 29},
		{"one minute earlier in UTC is still 9 March in LA", time.Date(2025, 3, 10, 6, 59, 0, 0, time.UTC), 0, 0, "24-hours", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := f.CleanTime(tt.asOf)
			assert.Equal(t, tt.days, ct.StreakDays)
			assert.Equal(t, tt.days, ct.JourneyDays)
			assert.Equal(t, tt.reached, ct.Reached)
			assert.Equal(t, tt.next, ct.Next.Milestone.Code)
			assert.Equal(t, tt.daysToNxt, ct.DaysToNext)
		})
	}
	assert.Equal(t, 23*time.Hour, time.Date(2025, 3, 10, 0, 0, 0, 0, la).Sub(start), "the day really is 23 hours long")

	// The 24-hour milestone is due on 10 March, the local date (it is
	// already 10 March in UTC from 07:00 on the 10th only).
	p := f.Progress(start.Add(time.Hour))
	require.Len(t, p.Due, 1)
	assert.Equal(t, twelvestep.DueNextMilestone, p.Due[0].Code)
	assert.Equal(t, day(t, "2025-03-10"), p.Due[0].By)
	assert.False(t, p.Due[0].Overdue)
}

// Fall back: 2 November 2025 in Los Angeles has 25 hours. At 23:30 that
// night 48.5 hours have passed since the start of 1 November, which a
// duration divided by 24 h would call two days; on the calendar it is one.
func TestCleanTimeFallBack(t *testing.T) {
	la := losAngeles(t)
	f := tracked(t, "2025-11-01", la)
	late := time.Date(2025, 11, 2, 23, 30, 0, 0, la)
	assert.Equal(t, 48*time.Hour+30*time.Minute, late.Sub(time.Date(2025, 11, 1, 0, 0, 0, 0, la)))
	assert.Equal(t, 1, f.CleanTime(late).StreakDays)
	assert.Equal(t, 2, f.CleanTime(time.Date(2025, 11, 3, 0, 0, 0, 0, la)).StreakDays)

	// A 30-day milestone across the change lands on the calendar day.
	g := tracked(t, "2025-10-15", la)
	before := g.CleanTime(time.Date(2025, 11, 13, 23, 59, 59, 0, la))
	assert.Equal(t, 29, before.StreakDays)
	assert.Equal(t, "24-hours", before.Last.Milestone.Code)
	assert.Equal(t, "30-days", before.Next.Milestone.Code)
	assert.Equal(t, day(t, "2025-11-14"), before.Next.On)
	assert.Equal(t, 1, before.DaysToNext)
	on := g.CleanTime(time.Date(2025, 11, 14, 0, 0, 0, 0, la))
	assert.Equal(t, 30, on.StreakDays)
	assert.Equal(t, "30-days", on.Last.Milestone.Code)
	assert.Equal(t, day(t, "2025-11-14"), on.Last.On)
	assert.Equal(t, "60-days", on.Next.Milestone.Code)
}

// A streak that starts on a leap day: months and years clamp to the end
// of a shorter month, so one year is reached on 28 February 2025 (365
// days), two years on 28 February 2026, and four years on 29 February 2028.
func TestCleanTimeLeapDay(t *testing.T) {
	start := day(t, "2024-02-29")
	sched := twelvestep.DefaultMilestones()
	got := map[string]string{}
	for _, d := range sched.Through(start, day(t, "2028-12-31")) {
		got[d.Milestone.Code] = d.On.String()
	}
	assert.Equal(t, map[string]string{
		"24-hours": "2024-03-01", "30-days": "2024-03-30", "60-days": "2024-04-29", "90-days": "2024-05-29",
		"6-months": "2024-08-29", "9-months": "2024-11-29", "1-year": "2025-02-28", "18-months": "2025-08-29",
		"2-years": "2026-02-28", "3-years": "2027-02-28", "4-years": "2028-02-29",
	}, got)

	f := tracked(t, "2024-02-29", time.UTC)
	eve := f.CleanTime(time.Date(2025, 2, 27, 12, 0, 0, 0, time.UTC))
	assert.Equal(t, "1-year", eve.Next.Milestone.Code)
	assert.Equal(t, 1, eve.DaysToNext)
	year := f.CleanTime(time.Date(2025, 2, 28, 12, 0, 0, 0, time.UTC))
	assert.Equal(t, "1-year", year.Last.Milestone.Code)
	assert.Equal(t, 365, year.StreakDays)
	assert.Equal(t, "18-months", year.Next.Milestone.Code)
	leap := f.CleanTime(time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC))
	assert.Equal(t, "4-years", leap.Last.Milestone.Code)
	assert.Equal(t, 4*365+1, leap.StreakDays)
	assert.Equal(t, 11, leap.Reached)
}

// A slip restarts the streak but never the journey start.
// reference: plans-and-interop.md (b) 32 (C-MILESTONE-1).
func TestSlipRestartsStreakNotJourney(t *testing.T) {
	f := tracked(t, "2025-01-01", time.UTC)
	at := func(s string) time.Time { return day(t, s).In(time.UTC).Add(12 * time.Hour) }

	before := f.CleanTime(at("2025-02-09"))
	assert.Equal(t, 39, before.StreakDays)
	assert.Equal(t, "30-days", before.Last.Milestone.Code)

	record(t)(f.RecordSlip(slip(t, 1, "2025-02-10", at("2025-02-11"))))
	assert.Equal(t, day(t, "2025-02-11"), f.Slips()[0].Restart(), "the streak restarts the day after the slip")

	tests := []struct {
		name                     string
		asOf                     string
		journey, streak, slips   int
		last, next               string
		daysToNext, reached      int
		streakStart              string
		journeyStartStaysOnFirst bool
	}{
		{"before the slip", "2025-02-09", 39, 39, 0, "30-days", "60-days", 21, 2, "2025-01-01", true},
		{"the day of the slip", "2025-02-10", 40, 0, 1, "", "24-hours", 2, 0, "2025-02-11", true},
		{"the first day clean again", "2025-02-11", 41, 0, 1, "", "24-hours", 1, 0, "2025-02-11", true},
		{"nine days later", "2025-02-20", 50, 9, 1, "24-hours", "30-days", 21, 1, "2025-02-11", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := f.CleanTime(at(tt.asOf))
			assert.True(t, ct.Tracked)
			assert.True(t, ct.Started)
			assert.Equal(t, day(t, "2025-01-01"), ct.JourneyStart)
			assert.Equal(t, day(t, tt.streakStart), ct.StreakStart)
			assert.Equal(t, tt.journey, ct.JourneyDays)
			assert.Equal(t, tt.streak, ct.StreakDays)
			assert.Equal(t, tt.slips, ct.Slips)
			assert.Equal(t, tt.last, ct.Last.Milestone.Code)
			assert.Equal(t, tt.next, ct.Next.Milestone.Code)
			assert.Equal(t, tt.daysToNext, ct.DaysToNext)
			assert.Equal(t, tt.reached, ct.Reached)
		})
	}

	// A later slip with an explicit restart day (a week of use).
	s := slip(t, 2, "2025-03-01", at("2025-03-09"))
	s.RestartOn = day(t, "2025-03-08")
	record(t)(f.RecordSlip(s))
	ct := f.CleanTime(at("2025-03-10"))
	assert.Equal(t, day(t, "2025-03-08"), ct.StreakStart)
	assert.Equal(t, 2, ct.StreakDays)
	assert.Equal(t, 68, ct.JourneyDays)
	assert.Equal(t, 2, ct.Slips)
	p := f.Progress(at("2025-03-10"))
	assertCount(t, measure(t, p, twelvestep.MeasureStreakDays), 2)
	assertCount(t, measure(t, p, twelvestep.MeasureJourneyDays), 68)
	assertCount(t, measure(t, p, twelvestep.MeasureSlips), 2)
	assertCount(t, measure(t, p, twelvestep.MeasureMilestonesReached), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureDaysToNextMilestone), 28)

	// Retracting the later slip restores the streak that began on 11 February.
	record(t)(f.RetractSlip(twelvestep.SlipRetraction{
		ID: id(50), Slip: id(2), Reason: twelvestep.RetractionRecordedInError,
		RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: at("2025-03-10"),
	}))
	ct = f.CleanTime(at("2025-03-10"))
	assert.Equal(t, day(t, "2025-02-11"), ct.StreakStart)
	assert.Equal(t, 27, ct.StreakDays)
	assert.Equal(t, 1, ct.Slips)
	assert.Len(t, f.Slips(), 2, "a retracted slip stays in the record")
}

func TestCleanTimeEdges(t *testing.T) {
	t.Run("not tracked", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		ct := f.CleanTime(t0)
		assert.Equal(t, twelvestep.CleanTime{}, ct)
		p := f.Progress(t0)
		for _, code := range []string{twelvestep.MeasureStreakDays, twelvestep.MeasureJourneyDays, twelvestep.MeasureMilestonesReached,
			twelvestep.MeasureDaysToNextMilestone, twelvestep.MeasureSlips} {
			assert.False(t, measure(t, p, code).Computable(), code)
		}
		assert.Empty(t, p.Due)
		_, err := f.RecordSlip(slip(t, 1, "2025-01-05", t0))
		requireField(t, err, "on", twelvestep.ErrNoJourney)
	})
	t.Run("before the journey start", func(t *testing.T) {
		f := tracked(t, "2025-02-01", time.UTC)
		ct := f.CleanTime(t0)
		assert.True(t, ct.Tracked)
		assert.False(t, ct.Started)
		assert.Zero(t, ct.JourneyDays)
		assert.Zero(t, ct.StreakDays)
		assert.True(t, ct.Last.IsZero())
		assert.Equal(t, "24-hours", ct.Next.Milestone.Code)
		assert.Equal(t, 27, ct.DaysToNext)
		p := f.Progress(t0)
		assert.False(t, measure(t, p, twelvestep.MeasureStreakDays).Computable())
		assertCount(t, measure(t, p, twelvestep.MeasureDaysToNextMilestone), 27)
	})
	t.Run("asOf outside the calendar", func(t *testing.T) {
		f := tracked(t, "2025-02-01", time.UTC)
		ct := f.CleanTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
		assert.True(t, ct.Tracked)
		assert.False(t, ct.Started)
		assert.True(t, ct.Next.IsZero())
		p := f.Progress(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
		assert.False(t, measure(t, p, twelvestep.MeasureSlips).Computable())
	})
	t.Run("a schedule that runs out", func(t *testing.T) {
		cfg := config(twelvestep.MATCHTSF())
		cfg.JourneyStart = day(t, "2025-01-01")
		cfg.Milestones = twelvestep.MilestoneSchedule{Name: "short", Milestones: []twelvestep.Milestone{{Code: "30-days", Count: 30, Unit: twelvestep.UnitDay}}}
		f := newFacilitation(t, cfg)
		ct := f.CleanTime(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
		assert.Equal(t, "30-days", ct.Last.Milestone.Code)
		assert.True(t, ct.Next.IsZero())
		assert.Zero(t, ct.DaysToNext)
		p := f.Progress(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
		assert.False(t, measure(t, p, twelvestep.MeasureDaysToNextMilestone).Computable())
		assert.Empty(t, p.Due)
	})
}

func TestSlipValidation(t *testing.T) {
	at := time.Date(2025, 2, 11, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		edit func(*twelvestep.Slip)
		path string
		rule error
	}{
		{"no id", func(s *twelvestep.Slip) { s.ID = [16]byte{} }, "id", intervention.ErrMissing},
		{"no day", func(s *twelvestep.Slip) { s.On = intervention.Date{} }, "on", intervention.ErrMissing},
		{"restart on the slip day", func(s *twelvestep.Slip) { s.RestartOn = s.On }, "restartOn", intervention.ErrInconsistent},
		{"unknown reason", func(s *twelvestep.Slip) { s.Reason = "rumour" }, "reason", twelvestep.ErrUnknownSlipReason},
		{"no recorder", func(s *twelvestep.Slip) { s.RecordedBy = [16]byte{} }, "recordedBy", intervention.ErrMissing},
		{"unknown role", func(s *twelvestep.Slip) { s.RecordedByRole = "judge" }, "recordedByRole", intervention.ErrUnknownRole},
		{"no time", func(s *twelvestep.Slip) { s.RecordedAt = time.Time{} }, "recordedAt", intervention.ErrMissing},
		{"time out of range", func(s *twelvestep.Slip) { s.RecordedAt = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) }, "recordedAt", intervention.ErrOutOfRange},
		{"before the journey", func(s *twelvestep.Slip) { s.On = day(t, "2024-12-31") }, "on", intervention.ErrInconsistent},
		{"after it was recorded", func(s *twelvestep.Slip) { s.On = day(t, "2025-02-12") }, "on", intervention.ErrInconsistent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tracked(t, "2025-01-01", time.UTC)
			s := slip(t, 1, "2025-02-10", at)
			tt.edit(&s)
			_, err := f.RecordSlip(s)
			requireField(t, err, tt.path, tt.rule)
			assert.Empty(t, f.Slips(), "a failed call changes nothing")
		})
	}

	t.Run("the recorded day is in the patient's zone", func(t *testing.T) {
		f := tracked(t, "2025-01-01", losAngeles(t))
		// 05:00 UTC on 11 February is still 10 February in Los Angeles.
		s := slip(t, 1, "2025-02-11", time.Date(2025, 2, 11, 5, 0, 0, 0, time.UTC))
		_, err := f.RecordSlip(s)
		requireField(t, err, "on", intervention.ErrInconsistent)
		s.On = day(t, "2025-02-10")
		record(t)(f.RecordSlip(s))
	})

	t.Run("idempotent", func(t *testing.T) {
		f := tracked(t, "2025-01-01", time.UTC)
		s := slip(t, 1, "2025-02-10", at)
		record(t)(f.RecordSlip(s))
		replayed, err := f.RecordSlip(s)
		require.NoError(t, err)
		assert.True(t, replayed)
		s.Reason = twelvestep.SlipObserved
		_, err = f.RecordSlip(s)
		requireField(t, err, "id", twelvestep.ErrConflict)
		assert.Equal(t, twelvestep.SlipSelfReport, f.Slips()[0].Reason)
	})
}

func TestRetractSlip(t *testing.T) {
	at := time.Date(2025, 2, 11, 9, 0, 0, 0, time.UTC)
	good := twelvestep.SlipRetraction{
		ID: id(50), Slip: id(1), Reason: twelvestep.RetractionTestNotConfirmed,
		RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: at.Add(time.Hour),
	}
	tests := []struct {
		name string
		edit func(*twelvestep.SlipRetraction)
		path string
		rule error
	}{
		{"no id", func(r *twelvestep.SlipRetraction) { r.ID = [16]byte{} }, "id", intervention.ErrMissing},
		{"no slip", func(r *twelvestep.SlipRetraction) { r.Slip = [16]byte{} }, "slip", intervention.ErrMissing},
		{"unknown slip", func(r *twelvestep.SlipRetraction) { r.Slip = id(99) }, "slip", twelvestep.ErrNotRecorded},
		{"unknown reason", func(r *twelvestep.SlipRetraction) { r.Reason = "changed my mind" }, "reason", twelvestep.ErrUnknownRetractionReason},
		{"no recorder", func(r *twelvestep.SlipRetraction) { r.RecordedBy = [16]byte{} }, "recordedBy", intervention.ErrMissing},
		{"unknown role", func(r *twelvestep.SlipRetraction) { r.RecordedByRole = "" }, "recordedByRole", intervention.ErrUnknownRole},
		{"no time", func(r *twelvestep.SlipRetraction) { r.RecordedAt = time.Time{} }, "recordedAt", intervention.ErrMissing},
		{"before the slip was recorded", func(r *twelvestep.SlipRetraction) { r.RecordedAt = at.Add(-time.Hour) }, "recordedAt", intervention.ErrInconsistent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tracked(t, "2025-01-01", time.UTC)
			record(t)(f.RecordSlip(slip(t, 1, "2025-02-10", at)))
			r := good
			tt.edit(&r)
			_, err := f.RetractSlip(r)
			requireField(t, err, tt.path, tt.rule)
			assert.Empty(t, f.Retractions())
		})
	}
	t.Run("once only, idempotent", func(t *testing.T) {
		f := tracked(t, "2025-01-01", time.UTC)
		record(t)(f.RecordSlip(slip(t, 1, "2025-02-10", at)))
		record(t)(f.RetractSlip(good))
		replayed, err := f.RetractSlip(good)
		require.NoError(t, err)
		assert.True(t, replayed)
		again := good
		again.ID = id(51)
		_, err = f.RetractSlip(again)
		requireField(t, err, "slip", twelvestep.ErrAlreadyRetracted)
		changed := good
		changed.Reason = twelvestep.RetractionRecordedInError
		_, err = f.RetractSlip(changed)
		requireField(t, err, "id", twelvestep.ErrConflict)
		assert.Len(t, f.Retractions(), 1)
	})
}
