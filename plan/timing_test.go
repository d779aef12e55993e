package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

func TestPeriodDeadline(t *testing.T) {
	denver, err := time.LoadLocation("America/Denver")
	require.NoError(t, err)
	// 23:30 on Saturday 8 March 2025 in Denver is already 9 March in UTC;
	// clocks spring forward on 9 March.
	from := time.Date(2025, 3, 8, 23, 30, 0, 0, denver)
	tests := []struct {
		name string
		p    plan.Period
		loc  *time.Location
		want time.Time
	}{
		{"24 hours from the instant", plan.Hours(24), denver, from.Add(24 * time.Hour)},
		{"7 calendar days end at midnight", plan.Days(7), denver, time.Date(2025, 3, 16, 0, 0, 0, 0, denver)},
		{"calendar days in UTC", plan.Days(1), nil, time.Date(2025, 3, 11, 0, 0, 0, 0, time.UTC)},
		{"3 months", plan.Months(3), denver, time.Date(2025, 6, 9, 0, 0, 0, 0, denver)},
		{"month end clamps", plan.Months(1), time.UTC, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"zero", plan.Period{}, denver, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := from
			if tc.name == "month end clamps" {
				f = time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)
			}
			got := tc.p.Deadline(f, tc.loc)
			assert.True(t, tc.want.Equal(got), "got %s want %s", got, tc.want)
		})
	}
	assert.True(t, plan.Months(1).Deadline(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC).IsZero(), "year 0 is not a date")
}

func TestTimingTable(t *testing.T) {
	seed := plan.SeedTimingTable()
	require.NoError(t, seed.Validate())
	// reference: plans-and-interop.md §4.4 (Montana 3.7: 24 h / every 3 days).
	mt, ok := seed.Lookup("US-MT", "asam-3.7")
	require.True(t, ok)
	assert.Equal(t, plan.Hours(24), mt.InitialPlan)
	assert.Equal(t, plan.Days(3), mt.Review)
	assert.False(t, mt.Unverified)
	out, ok := seed.Lookup("US-MT", "outpatient")
	require.True(t, ok)
	assert.True(t, out.Unverified, "the 90-day outpatient review is unverified")
	ca, ok := seed.Lookup("US-CA", "ntp-methadone-maintenance")
	require.True(t, ok)
	assert.Equal(t, plan.Cosign{When: plan.CosignAlways, Within: plan.Days(14)}, ca.Cosign)
	_, ok = seed.Lookup("US-XX", "asam-3.7")
	assert.False(t, ok)
	for _, r := range seed {
		assert.NotEmpty(t, r.Source, r.Jurisdiction+" "+r.Setting)
	}

	replaced := seed.With(plan.TimingRule{Jurisdiction: "US-MT", Setting: "asam-3.7", InitialPlan: plan.Hours(12), Source: "host"})
	assert.Len(t, replaced, len(seed))
	got, _ := replaced.Lookup("US-MT", "asam-3.7")
	assert.Equal(t, plan.Hours(12), got.InitialPlan)
	mt2, _ := seed.Lookup("US-MT", "asam-3.7")
	assert.Equal(t, plan.Hours(24), mt2.InitialPlan, "With copies")

	bad := plan.TimingTable{
		{Jurisdiction: "US-MT", Setting: "x", InitialPlan: plan.Period{Count: -1, Unit: plan.UnitDays}},
		{Jurisdiction: "US-MT", Setting: "x"},
		{Jurisdiction: "", Setting: "y", Cosign: plan.Cosign{When: "sometimes", Within: plan.Days(1)}},
		{Jurisdiction: "US", Setting: "z", Cosign: plan.Cosign{When: plan.CosignAlways}},
		{Jurisdiction: "US", Setting: "w", Cosign: plan.Cosign{Within: plan.Days(1)}},
	}
	err := bad.Validate()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.ElementsMatch(t, []string{"[0].initialPlan.count", "[1].setting", "[2].jurisdiction", "[2].cosign.when",
		"[3].cosign.within", "[4].cosign.when"}, paths(err))
}

func TestASAMTables(t *testing.T) {
	table := plan.DefaultASAMTable()
	third, ok := table.Edition(plan.ASAMThird)
	require.True(t, ok)
	fourth, ok := table.Edition(plan.ASAMFourth)
	require.True(t, ok)
	_, ok = table.Edition("5")
	assert.False(t, ok)
	for _, c := range []plan.ASAMCriteria{third, fourth} {
		assert.Len(t, c.Dimensions, 6)
		assert.Equal(t, 0, c.MinRating)
		assert.Equal(t, 4, c.MaxRating)
		assert.NotEmpty(t, c.Source)
	}
	d6, ok := fourth.Dimension(6)
	require.True(t, ok)
	assert.False(t, d6.DeterminesLevel, "4th ed.: dimension 6 informs barriers, not the level")
	d4, _ := third.Dimension(4)
	assert.Equal(t, "Readiness to Change", d4.Name)
	_, ok = third.Dimension(7)
	assert.False(t, ok)
	l, ok := fourth.Level("3.3")
	require.True(t, ok)
	assert.True(t, l.Retired)
	l, ok = third.Level("3.3")
	require.True(t, ok)
	assert.False(t, l.Retired)
	_, ok = third.Level("2.7")
	assert.False(t, ok, "2.7 is new in the 4th edition")
	assert.True(t, fourth.RatingsUnverified)

	lc := plan.LevelOfCare{}
	assert.True(t, lc.IsZero())
	_, rated := lc.Rating(1)
	assert.False(t, rated)
}

func TestTextSet(t *testing.T) {
	s := plan.NewTextSet("I want to stay sober.")
	assert.Equal(t, 1, s.Len())
	for _, same := range []string{"i want to stay sober", "  I WANT to   stay\tsober!!", "I want, to stay sober"} {
		assert.True(t, s.Contains(same), same)
	}
	assert.False(t, s.Contains("I want to stay sober today"))
	assert.Equal(t, plan.HashText("A b"), plan.HashText("a   B."))

	more := s.WithHashes(plan.HashText("Get my license back"))
	assert.Equal(t, 2, more.Len())
	assert.Equal(t, 1, s.Len(), "WithHashes copies")
	assert.False(t, plan.TextSet{}.Contains("x"))

	h := plan.HashText("x")
	b, err := h.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, h.String(), string(b))
	assert.Len(t, h.String(), 64)
	var back plan.TextHash
	require.NoError(t, back.UnmarshalText(b))
	assert.Equal(t, h, back)
	keep := h
	require.ErrorIs(t, keep.UnmarshalText([]byte("zz")), plan.ErrBadTextHash)
	require.ErrorIs(t, keep.UnmarshalText([]byte(h.String()[:62]+"zz")), plan.ErrBadTextHash)
	assert.Equal(t, h, keep)
}
