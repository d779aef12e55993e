package intervention_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

func mustDate(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

func losAngeles(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	return loc
}

func TestParseDate(t *testing.T) {
	valid := []string{"2024-02-29", "2025-12-31", "0001-01-01", "9999-12-31", "2025-01-01"}
	for _, s := range valid {
		d := mustDate(t, s)
		assert.Equal(t, s, d.String())
	}
	invalid := []string{
		"", "2025-02-29", "2023-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31",
		"2025-1-01", "25-01-01", "2025/01/01", "2025-01-01T00:00:00Z", "0000-01-01", "2025-01-00",
		"+025-01-01", "2025-0a-01", "２０２５-01-01",
	}
	for _, s := range invalid {
		_, err := intervention.ParseDate(s)
		require.ErrorIs(t, err, intervention.ErrBadDate, "%q", s)
		require.ErrorIs(t, err, intervention.ErrInvalid)
	}
	assert.Equal(t, 2000, mustDate(t, "2000-02-29").Year(), "2000 is a leap year")
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name     string
		from     string
		days     int
		want     string
		sinceDay int
	}{
		{"within month", "2025-03-01", 9, "2025-03-10", 9},
		{"across month end", "2025-01-30", 3, "2025-02-02", 3},
		{"across year end", "2025-12-30", 5, "2026-01-04", 5},
		{"onto leap day", "2024-02-28", 1, "2024-02-29", 1},
		{"over leap day", "2024-02-28", 2, "2024-03-01", 2},
		{"no leap day in 2025", "2025-02-28", 1, "2025-03-01", 1},
		{"a leap year is 366 days", "2024-01-01", 366, "2025-01-01", 366},
		{"backwards", "2025-03-01", -1, "2025-02-28", -1},
		{"backwards over leap day", "2024-03-01", -1, "2024-02-29", -1},
		{"90 days", "2025-01-01", 90, "2025-04-01", 90},
		{"DST spring forward in LA", "2025-03-08", 2, "2025-03-10", 2},
		{"DST fall back in LA", "2025-11-01", 2, "2025-11-03", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := mustDate(t, tt.from)
			got := from.AddDays(tt.days)
			assert.Equal(t, tt.want, got.String())
			assert.Equal(t, tt.sinceDay, got.DaysSince(from))
			assert.Equal(t, -tt.sinceDay, from.DaysSince(got))
		})
	}
	assert.True(t, intervention.Date{}.AddDays(3).IsZero())
}

func TestDateAddMonths(t *testing.T) {
	tests := []struct {
		from, want string
		n          int
	}{
		{"2025-01-31", "2025-02-28", 1},
		{"2024-01-31", "2024-02-29", 1},
		{"2024-02-29", "2025-02-28", 12},
		{"2025-06-15", "2025-12-15", 6},
		{"2025-10-31", "2026-04-30", 6},
		{"2025-03-31", "2024-12-31", -3},
		{"2025-01-15", "2024-01-15", -12},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mustDate(t, tt.from).AddMonths(tt.n).String(), "%s %+d", tt.from, tt.n)
	}
	assert.True(t, intervention.Date{}.AddMonths(1).IsZero())
}

func TestDateOfAcrossDST(t *testing.T) {
	la := losAngeles(t)
	// 2025-03-09 02:00 PST jumps to 03:00 PDT; 2025-11-02 02:00 PDT falls back to 01:00 PST.
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"late evening before spring forward", time.Date(2025, 3, 9, 7, 30, 0, 0, time.UTC), "2025-03-08"},
		{"just after spring forward", time.Date(2025, 3, 9, 10, 1, 0, 0, time.UTC), "2025-03-09"},
		{"11pm on spring-forward day is still that day", time.Date(2025, 3, 10, 6, 0, 0, 0, time.UTC), "2025-03-09"},
		{"the repeated hour on fall-back day", time.Date(2025, 11, 2, 9, 30, 0, 0, time.UTC), "2025-11-02"},
		{"11:30pm on fall-back day", time.Date(2025, 11, 3, 7, 30, 0, 0, time.UTC), "2025-11-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := intervention.DateOf(tt.at, la)
			require.NoError(t, err)
			assert.Equal(t, tt.want, d.String())
		})
	}
	// A 23-hour day still counts as one calendar day.
	sat, _ := intervention.DateOf(time.Date(2025, 3, 8, 20, 0, 0, 0, la), la)
	mon, _ := intervention.DateOf(time.Date(2025, 3, 10, 8, 0, 0, 0, la), la)
	assert.Equal(t, 2, mon.DaysSince(sat))
	assert.Equal(t, 23*time.Hour, mustDate(t, "2025-03-10").In(la).Sub(mustDate(t, "2025-03-09").In(la)))
	assert.Equal(t, 25*time.Hour, mustDate(t, "2025-11-03").In(la).Sub(mustDate(t, "2025-11-02").In(la)))
	assert.Equal(t, time.UTC, mustDate(t, "2025-11-03").In(nil).Location())

	_, err := intervention.DateOf(t0, nil)
	require.ErrorIs(t, err, intervention.ErrMissing)
}

func TestDateCompareAndAccessors(t *testing.T) {
	a, b := mustDate(t, "2025-03-09"), mustDate(t, "2025-03-10")
	assert.True(t, a.Before(b))
	assert.False(t, b.Before(a))
	assert.True(t, b.After(a))
	assert.True(t, a.Equal(mustDate(t, "2025-03-09")))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, -1, mustDate(t, "2024-12-31").Compare(a))
	assert.Equal(t, 1, mustDate(t, "2025-04-01").Compare(a))
	assert.Equal(t, time.Sunday, a.Weekday())
	assert.Equal(t, 2025, a.Year())
	assert.Equal(t, time.March, a.Month())
	assert.Equal(t, 9, a.Day())
	assert.True(t, intervention.Date{}.IsZero())
	assert.Empty(t, intervention.Date{}.String())
	_, err := intervention.NewDate(2025, 2, 29)
	require.ErrorIs(t, err, intervention.ErrBadDate)
	_, err = intervention.NewDate(10000, 1, 1)
	require.ErrorIs(t, err, intervention.ErrBadDate)
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due  intervention.Date `json:"due"`
		None intervention.Date `json:"none"`
	}
	b, err := json.Marshal(doc{Due: mustDate(t, "2024-02-29")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"due":"2024-02-29","none":""}`, string(b))
	var got doc
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, mustDate(t, "2024-02-29"), got.Due)
	assert.True(t, got.None.IsZero())

	d := mustDate(t, "2025-01-01")
	require.ErrorIs(t, d.UnmarshalText([]byte("2025-02-30")), intervention.ErrInvalid)
	assert.Equal(t, "2025-01-01", d.String(), "failed decode leaves the date unchanged")
	require.Error(t, json.Unmarshal([]byte(`{"due":20250101}`), &got))
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2025-02-29", "0001-01-01", "9999-12-31", "", "2025-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := intervention.ParseDate(s)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		require.Equal(t, s, d.String(), "parse then format round-trips")
		b, err := d.MarshalText()
		require.NoError(t, err)
		var back intervention.Date
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, d, back)
		require.Equal(t, d, d.AddDays(400).AddDays(-400))
		require.Equal(t, 400, d.AddDays(400).DaysSince(d))
	})
}
