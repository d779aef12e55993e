package cbt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

func TestScale(t *testing.T) {
	assert.Equal(t, "0-10", cbt.Scale{}.String())
	assert.True(t, cbt.Scale{}.IsZero())
	assert.Equal(t, cbt.DefaultScale(), cbt.Scale{}.Bounds())
	assert.Equal(t, "0-5", cbt.DiaryCardScale().String())
	assert.True(t, cbt.Scale{}.Contains(0))
	assert.True(t, cbt.Scale{}.Contains(10))
	assert.False(t, cbt.Scale{}.Contains(11))
	assert.False(t, cbt.DiaryCardScale().Contains(6))
	for _, s := range []cbt.Scale{{Min: -1, Max: 5}, {Min: 5, Max: 5}, {Min: 0, Max: cbt.MaxScaleBound + 1}} {
		require.ErrorIs(t, s.Validate(), intervention.ErrOutOfRange, s.String())
	}
	require.NoError(t, cbt.Scale{Min: 1, Max: cbt.MaxScaleBound}.Validate())
}

func TestUrgeValidate(t *testing.T) {
	ok := cbt.Urge{ID: id(1), At: t0, Intensity: 4, Scale: cbt.DiaryCardScale(), Trigger: cbt.TriggerPlace, Coping: "delay-15-min", Used: false}
	require.NoError(t, ok.Validate())
	tests := []struct {
		name string
		edit func(*cbt.Urge)
		path string
		rule error
	}{
		{"no id", func(u *cbt.Urge) { u.ID = [16]byte{} }, "id", intervention.ErrMissing},
		{"no time", func(u *cbt.Urge) { u.At = time.Time{} }, "at", intervention.ErrMissing},
		{"absurd time", func(u *cbt.Urge) { u.At = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) }, "at", intervention.ErrOutOfRange},
		{"above the scale", func(u *cbt.Urge) { u.Intensity = 6 }, "intensity", intervention.ErrOutOfRange},
		{"below the scale", func(u *cbt.Urge) { u.Intensity = -1 }, "intensity", intervention.ErrOutOfRange},
		{"bad scale", func(u *cbt.Urge) { u.Scale = cbt.Scale{Min: 3, Max: 1} }, "scale", intervention.ErrOutOfRange},
		{"unknown trigger", func(u *cbt.Urge) { u.Trigger = "weather" }, "trigger", cbt.ErrUnknownTrigger},
		{"coping not a code", func(u *cbt.Urge) { u.Coping = "called my sister" }, "coping", cbt.ErrBadCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := ok
			tt.edit(&u)
			requireField(t, u.Validate(), tt.path, tt.rule)
		})
	}
	b, err := wiretest.Marshal(cbt.Urge{ID: id(1), At: t0, Intensity: 3})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"00000000-0000-0000-0000-000000000001","at":"2025-01-06T09:00:00Z","intensity":3,"scale":{"min":0,"max":10},"used":false}`, string(b))
}

// urgeAt returns an entry on the default scale.
func urgeAt(n uint64, at time.Time, intensity int, used bool) cbt.Urge {
	return cbt.Urge{ID: id(n), At: at, Intensity: intensity, Used: used}
}

func TestTrendOf(t *testing.T) {
	asOf := time.Date(2025, 1, 20, 12, 0, 0, 0, time.UTC)
	urges := []cbt.Urge{
		urgeAt(1, time.Date(2025, 1, 6, 23, 0, 0, 0, time.UTC), 9, true),   // before both windows
		urgeAt(2, time.Date(2025, 1, 7, 0, 0, 0, 0, time.UTC), 8, true),    // first day of the previous window
		urgeAt(3, time.Date(2025, 1, 10, 10, 0, 0, 0, time.UTC), 7, false), // previous
		urgeAt(4, time.Date(2025, 1, 13, 23, 59, 0, 0, time.UTC), 6, true), // last day of the previous window
		urgeAt(5, time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC), 5, false),  // first day of the recent window
		urgeAt(6, time.Date(2025, 1, 18, 8, 0, 0, 0, time.UTC), 2, false),
		urgeAt(7, time.Date(2025, 1, 20, 11, 0, 0, 0, time.UTC), 4, true),
		urgeAt(8, time.Date(2025, 1, 20, 13, 0, 0, 0, time.UTC), 10, true), // after asOf
	}
	tr, err := cbt.TrendOf(urges, asOf, 7, nil)
	require.NoError(t, err)
	assert.Equal(t, 7, tr.Days)
	assert.Equal(t, day(t, "2025-01-20"), tr.Through)
	assert.Equal(t, 3, tr.RecentCount)
	assert.Equal(t, 3, tr.PreviousCount)
	assertRatio(t, tr.RecentMean, 11, 3)   // (5+2+4)/3
	assertRatio(t, tr.PreviousMean, 21, 3) // (8+7+6)/3
	assertRatio(t, tr.Change, -10, 3)
	assertRatio(t, tr.Resisted, 2, 3)
	assertRatio(t, tr.PreviousResisted, 1, 3)
	assert.Equal(t, cbt.DefaultScale(), tr.Scale)
	assert.False(t, tr.MixedScales)

	// In Los Angeles the windows shift by the zone's offset.
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	tr, err = cbt.TrendOf(urges, asOf, 7, la) // asOf is 04:00 on 20 January there
	require.NoError(t, err)
	assert.Equal(t, 2, tr.RecentCount, "14 Jan 00:00 UTC is still 13 Jan there")
	assert.Equal(t, 3, tr.PreviousCount, "7 Jan 00:00 UTC is still 6 Jan there: outside both windows")
	assertRatio(t, tr.RecentMean, 6, 2)
	assertRatio(t, tr.PreviousMean, 18, 3)

	// Empty windows are not computable, never 0.
	tr, err = cbt.TrendOf(nil, asOf, 7, nil)
	require.NoError(t, err)
	for _, r := range []intervention.Ratio{tr.RecentMean, tr.PreviousMean, tr.Change, tr.Resisted, tr.PreviousResisted} {
		assert.False(t, r.Computable())
	}
	tr, err = cbt.TrendOf(urges[4:7], asOf, 7, nil)
	require.NoError(t, err)
	assert.True(t, tr.RecentMean.Computable())
	assert.False(t, tr.Change.Computable(), "no previous window: no change")

	// Entries on different scales cannot be averaged.
	mixed := append([]cbt.Urge{}, urges...)
	mixed[5].Scale, mixed[5].Intensity = cbt.DiaryCardScale(), 2
	tr, err = cbt.TrendOf(mixed, asOf, 7, nil)
	require.NoError(t, err)
	assert.True(t, tr.MixedScales)
	assert.True(t, tr.Scale.IsZero())
	assert.False(t, tr.RecentMean.Computable())
	assert.False(t, tr.Change.Computable())
	assertRatio(t, tr.Resisted, 2, 3)

	for _, days := range []int{0, -1, cbt.MaxTrendDays + 1} {
		_, err := cbt.TrendOf(urges, asOf, days, nil)
		requireField(t, err, "days", intervention.ErrOutOfRange)
	}
	_, err = cbt.TrendOf(urges, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), 7, nil)
	requireField(t, err, "asOf", intervention.ErrOutOfRange)
}

func TestCourseCravingTrend(t *testing.T) {
	c := newCourse(t, cbt.NIDACocaine(), func(cfg *cbt.Config) { cfg.TrendDays = 3 })
	for i, v := range []int{8, 6, 5, 3} {
		_, err := c.RecordUrge(urgeAt(uint64(i+1), t0.AddDate(0, 0, 2*i), v, i == 0))
		require.NoError(t, err)
	}
	asOf := t0.AddDate(0, 0, 6)
	tr, err := c.CravingTrend(asOf, 0)
	require.NoError(t, err)
	assert.Equal(t, 3, tr.Days, "the course's window")
	assertRatio(t, tr.RecentMean, 8, 2)   // days 4 and 6: 5 and 3
	assertRatio(t, tr.PreviousMean, 6, 1) // day 2
	tr, err = c.CravingTrend(asOf, 7)
	require.NoError(t, err)
	assertRatio(t, tr.RecentMean, 22, 4)
	assertRatio(t, tr.Resisted, 3, 4)
	_, err = c.CravingTrend(asOf, -2)
	require.ErrorIs(t, err, intervention.ErrOutOfRange)
}
