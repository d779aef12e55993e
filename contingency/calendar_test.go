package contingency_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func day(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

func TestCalendarVisits(t *testing.T) {
	// 2025-01-06 is a Monday.
	c := contingency.RIPCalendar(day(t, "2025-01-06"), contingency.Monday, contingency.Thursday)
	require.NoError(t, c.Validate())
	visits := c.Visits()
	require.Len(t, visits, 36, "reference: RIP-5, 24 tests in weeks 1–12 plus 12 in weeks 13–24")
	assert.Equal(t, "2025-01-06", visits[0].String())
	assert.Equal(t, "2025-01-09", visits[1].String())
	assert.Equal(t, "2025-03-27", visits[23].String(), "last twice-weekly test, week 12")
	assert.Equal(t, "2025-03-31", visits[24].String(), "first weekly test, week 13")
	assert.Equal(t, "2025-06-16", visits[35].String())
	assert.Equal(t, 24, c.Weeks())
	assert.Equal(t, "2025-06-23", c.End().String())
	for _, d := range visits {
		assert.True(t, c.Scheduled(d))
	}
	assert.False(t, c.Scheduled(day(t, "2025-04-03")), "no Thursday test after week 12")
	assert.False(t, c.Scheduled(day(t, "2025-06-23")), "the calendar has ended")
	assert.False(t, c.Scheduled(day(t, "2025-01-02")), "before the start")
}

func TestCalendarWeek(t *testing.T) {
	c := contingency.TwiceWeekly(day(t, "2025-01-06"), 12, contingency.Monday, contingency.Thursday)
	tests := map[string]int{"2025-01-06": 0, "2025-01-12": 0, "2025-01-13": 1, "2025-03-30": 11, "2025-01-05": -1, "2024-12-30": -1, "2024-12-29": -2}
	for d, want := range tests {
		assert.Equal(t, want, c.Week(day(t, d)), d)
	}
}

func TestCalendarBetweenClampsAndCrossesDST(t *testing.T) {
	c := contingency.ThriceWeekly(day(t, "2025-03-03"), 2)
	got := c.Between(day(t, "2025-01-01"), day(t, "2026-01-01"))
	var s []string
	for _, d := range got {
		s = append(s, d.String())
	}
	assert.Equal(t, []string{"2025-03-03", "2025-03-05", "2025-03-07", "2025-03-10", "2025-03-12", "2025-03-14"}, s,
		"the DST change on 2025-03-09 does not shift a civil calendar")
	assert.Empty(t, c.Between(day(t, "2025-03-04"), day(t, "2025-03-05")))
}

func TestCalendarValidate(t *testing.T) {
	tests := []struct {
		name   string
		c      contingency.Calendar
		fields []string
	}{
		{"zero", contingency.Calendar{}, []string{"start", "phases"}},
		{"bad phase", contingency.Calendar{Start: day(t, "2025-01-06"), Phases: []contingency.Phase{
			{Weeks: 0, Days: nil},
			{Weeks: 2, Days: []contingency.Weekday{contingency.Monday, "funday", contingency.Monday}},
		}}, []string{"phases[0].weeks", "phases[0].days", "phases[1].days[1]", "phases[1].days[2]"}},
		{"too long", contingency.Calendar{Start: day(t, "2025-01-06"), Phases: []contingency.Phase{
			{Weeks: 520, Days: []contingency.Weekday{contingency.Monday}},
			{Weeks: 1, Days: []contingency.Weekday{contingency.Monday}},
		}}, []string{"phases"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			var got []string
			for _, fe := range intervention.FieldErrors(err) {
				got = append(got, fe.Field)
			}
			assert.ElementsMatch(t, tt.fields, got)
		})
	}
}

func TestWeekdayText(t *testing.T) {
	for i, w := range contingency.Weekdays() {
		assert.Equal(t, time.Weekday(i), w.Time())
		b, err := w.MarshalText()
		require.NoError(t, err)
		var back contingency.Weekday
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, w, back)
		assert.Equal(t, string(w), w.String())
	}
	_, err := contingency.ParseWeekday("Monday")
	require.ErrorIs(t, err, contingency.ErrUnknownWeekday)
	_, err = contingency.Weekday("").MarshalText()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Equal(t, time.Weekday(-1), contingency.Weekday("x").Time())

	b, err := json.Marshal(contingency.ThriceWeekly(day(t, "2025-03-03"), 12))
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"2025-03-03","phases":[{"weeks":12,"days":["monday","wednesday","friday"]}]}`, string(b))
}
