package twelvestep_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

func FuzzParseFacilitation(f *testing.F) {
	seed, err := wiretest.Marshal(course(f))
	require.NoError(f, err)
	f.Add(seed)
	minimal, err := wiretest.Marshal(newFacilitation(f, config(twelvestep.MAAEZ())))
	require.NoError(f, err)
	f.Add(minimal)
	f.Add([]byte(`{"schemaVersion":"1"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := twelvestep.ParseFacilitation(b)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := wiretest.Marshal(c)
		require.NoError(t, err)
		back, err := twelvestep.ParseFacilitation(out)
		require.NoError(t, err)
		out2, err := wiretest.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2))
		asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		p := back.Progress(asOf)
		assert.True(t, p.Status.Valid())
		for _, fd := range back.Findings(asOf) {
			assert.True(t, fd.Severity.Valid())
		}
		ct := back.CleanTime(asOf)
		assert.GreaterOrEqual(t, ct.StreakDays, 0)
		assert.LessOrEqual(t, ct.StreakDays, ct.JourneyDays)
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"match-tsf", "core", "aa", "x-refuge", "12x12", "AL-AN", "online", "verified",
		"completed", "positive-test", "recorded-in-error", "month", "", "x-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(str string, err error) {
			if err == nil {
				assert.Equal(t, s, str)
			} else {
				require.ErrorIs(t, err, intervention.ErrInvalid)
			}
		}
		p, err := twelvestep.ParseProtocol(s)
		check(p.String(), err)
		k, err := twelvestep.ParseTopicKind(s)
		check(k.String(), err)
		fl, err := twelvestep.ParseFellowship(s)
		check(fl.String(), err)
		mt, err := twelvestep.ParseMeetingType(s)
		check(mt.String(), err)
		v, err := twelvestep.ParseVenue(s)
		check(v.String(), err)
		vf, err := twelvestep.ParseVerification(s)
		check(vf.String(), err)
		st, err := twelvestep.ParseStepStatus(s)
		check(st.String(), err)
		sr, err := twelvestep.ParseSlipReason(s)
		check(sr.String(), err)
		rr, err := twelvestep.ParseRetractionReason(s)
		check(rr.String(), err)
		u, err := twelvestep.ParseUnit(s)
		check(u.String(), err)
	})
}

// FuzzMilestoneSchedule decodes a schedule and checks the milestone
// arithmetic on arbitrary days: no panic, Next after today, Last and
// Reached agreeing with Through.
func FuzzMilestoneSchedule(f *testing.F) {
	def, err := wiretest.Marshal(twelvestep.DefaultMilestones())
	require.NoError(f, err)
	f.Add(def, 0, 400)
	f.Add([]byte(`{"name":"y","milestones":[],"thenEveryYears":3}`), -1000, 5000)
	f.Add([]byte(`{"name":"m","milestones":[{"code":"a","count":1200,"unit":"month"}]}`), 59, 60)
	f.Fuzz(func(t *testing.T, b []byte, startOff, todayOff int) {
		var s twelvestep.MilestoneSchedule
		if json.Unmarshal(b, &s) != nil || s.Validate() != nil {
			return
		}
		base := day(t, "2024-02-29")
		start := base.AddDays(startOff % 20000)
		today := base.AddDays(todayOff % 20000)
		if start.Year() < 1 || today.Year() < 1 || start.Year() > 9999 || today.Year() > 9999 {
			return
		}
		through := s.Through(start, today)
		assert.Len(t, through, s.Reached(start, today))
		last, ok := s.Last(start, today)
		assert.Equal(t, len(through) > 0, ok)
		if ok {
			assert.Equal(t, through[len(through)-1], last)
		}
		for i := 1; i < len(through); i++ {
			assert.False(t, through[i].On.Before(through[i-1].On), "Through is in date order")
		}
		if next, ok := s.Next(start, today); ok {
			assert.True(t, next.On.After(today))
		}
	})
}
