package billing_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// reference: plans-and-interop.md §5.4, rule P-BILL-TIME-1.
func TestPsychotherapyBandEdges(t *testing.T) {
	tests := []struct {
		name    string
		minutes int
		code    billing.Code
		reason  billing.Reason
	}{
		{"0 min", 0, "", billing.ReasonBelowMinimum},
		{"15 min none", 15, "", billing.ReasonBelowMinimum},
		{"16 min first 90832", 16, billing.Code90832, ""},
		{"37 min last 90832", 37, billing.Code90832, ""},
		{"38 min first 90834", 38, billing.Code90834, ""},
		{"52 min last 90834", 52, billing.Code90834, ""},
		{"53 min first 90837", 53, billing.Code90837, ""},
		{"a day of 90837", billing.MaxMinutes, billing.Code90837, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := billing.Psychotherapy(tt.minutes)
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.Code)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Equal(t, tt.minutes, r.Minutes)
			assert.Equal(t, billing.RulePsychotherapyTimeBand, r.Rule)
			assert.Equal(t, tt.reason == "", r.Billable())
			if r.Billable() {
				assert.Equal(t, 1, r.Units)
			} else {
				assert.Zero(t, r.Units)
			}
		})
	}
}

// reference: plans-and-interop.md §5.4 (90846/90847 minimum 26 min).
func TestFamilyPsychotherapyMinimum(t *testing.T) {
	tests := []struct {
		name    string
		minutes int
		present bool
		code    billing.Code
		reason  billing.Reason
	}{
		{"25 min patient absent", 25, false, "", billing.ReasonBelowMinimum},
		{"26 min patient absent", 26, false, billing.Code90846, ""},
		{"25 min patient present", 25, true, "", billing.ReasonBelowMinimum},
		{"26 min patient present", 26, true, billing.Code90847, ""},
		{"90 min patient present", 90, true, billing.Code90847, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := billing.FamilyPsychotherapy(tt.minutes, tt.present)
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.Code)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Equal(t, billing.RuleFamilyMinimum, r.Rule)
		})
	}
}

func TestMinutesOutOfRangeRejected(t *testing.T) {
	for _, m := range []int{-1, -1000, billing.MaxMinutes + 1} {
		_, err := billing.Psychotherapy(m)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		require.ErrorIs(t, err, billing.ErrMinutesOutOfRange)
		assertFields(t, err, "minutes")

		_, err = billing.FamilyPsychotherapy(m, true)
		require.ErrorIs(t, err, billing.ErrMinutesOutOfRange)
	}
}

func TestGroupPsychotherapyPerParticipant(t *testing.T) {
	g, err := billing.GroupPsychotherapy([]int{60, 0, 45, 1})
	require.NoError(t, err)
	require.Len(t, g.Billed, 3)
	assert.Equal(t, []int{0, 2, 3}, []int{g.Billed[0].Attendee, g.Billed[1].Attendee, g.Billed[2].Attendee})
	for _, l := range g.Billed {
		assert.Equal(t, billing.Code90853, l.Code)
		assert.Equal(t, 1, l.Units)
		assert.Equal(t, billing.RuleGroupPerParticipant, l.Rule)
	}
	assert.Equal(t, 45, g.Billed[1].Minutes)
	require.Len(t, g.NotBilled, 1)
	assert.Equal(t, 1, g.NotBilled[0].Attendee)
	assert.Equal(t, billing.ReasonBelowMinimum, g.NotBilled[0].Reason)
	assert.Empty(t, g.NotBilled[0].Code)

	empty, err := billing.GroupPsychotherapy(nil)
	require.NoError(t, err)
	assert.Empty(t, empty.Billed)
	assert.Empty(t, empty.NotBilled)
}

func TestGroupWithPayerMinimum(t *testing.T) {
	table := billing.GroupBands()
	table.Bands[0].MinMinutes = 45
	g, err := table.Group([]int{44, 45, 90})
	require.NoError(t, err)
	require.Len(t, g.Billed, 2)
	assert.Equal(t, 1, g.Billed[0].Attendee)
	require.Len(t, g.NotBilled, 1)
	assert.Equal(t, 0, g.NotBilled[0].Attendee)
	// The default is untouched: presets are fresh values.
	assert.Equal(t, 1, billing.GroupBands().Bands[0].MinMinutes)
}

func TestGroupRejectsEveryBadEntry(t *testing.T) {
	_, err := billing.GroupPsychotherapy([]int{30, -1, 20, -5})
	require.ErrorIs(t, err, billing.ErrMinutesOutOfRange)
	assertFields(t, err, "minutes[1]", "minutes[3]")

	_, err = billing.BandTable{}.Group([]int{30})
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assertFields(t, err, "rule", "bands")
}

func TestCustomBandTableWithGap(t *testing.T) {
	table := billing.BandTable{Rule: "payer-x-psychotherapy", Bands: []billing.Band{
		{Code: billing.Code90832, MinMinutes: 20, MaxMinutes: 35},
		{Code: billing.Code90834, MinMinutes: 40, MaxMinutes: 55},
	}}
	require.NoError(t, table.Validate())
	tests := []struct {
		name    string
		minutes int
		code    billing.Code
		reason  billing.Reason
	}{
		{"below first", 19, "", billing.ReasonBelowMinimum},
		{"first edge", 20, billing.Code90832, ""},
		{"gap", 37, "", billing.ReasonNoBand},
		{"second", 40, billing.Code90834, ""},
		{"last edge", 55, billing.Code90834, ""},
		{"above closed last", 56, "", billing.ReasonNoBand},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := table.Classify(tt.minutes)
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.Code)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Equal(t, billing.RuleID("payer-x-psychotherapy"), r.Rule)
		})
	}
}

func TestBandTableValidate(t *testing.T) {
	band := func(c billing.Code, lo, hi int) billing.Band {
		return billing.Band{Code: c, MinMinutes: lo, MaxMinutes: hi}
	}
	tests := []struct {
		name   string
		table  billing.BandTable
		rule   error
		fields []string
	}{
		{"empty", billing.BandTable{}, intervention.ErrMissing, []string{"rule", "bands"}},
		{"unknown code", billing.BandTable{Rule: "r", Bands: []billing.Band{band("00000", 1, 0)}},
			billing.ErrUnknownCode, []string{"bands[0].code"}},
		{"minimum zero", billing.BandTable{Rule: "r", Bands: []billing.Band{band(billing.Code90832, 0, 10)}},
			billing.ErrBandEdge, []string{"bands[0].minMinutes"}},
		{"max below min", billing.BandTable{Rule: "r", Bands: []billing.Band{band(billing.Code90832, 20, 10)}},
			billing.ErrBandEdge, []string{"bands[0].maxMinutes"}},
		{"overlap", billing.BandTable{Rule: "r", Bands: []billing.Band{
			band(billing.Code90832, 16, 38), band(billing.Code90834, 38, 52)}},
			billing.ErrBandOrder, []string{"bands[1].minMinutes"}},
		{"descending", billing.BandTable{Rule: "r", Bands: []billing.Band{
			band(billing.Code90834, 38, 52), band(billing.Code90832, 16, 37)}},
			billing.ErrBandOrder, []string{"bands[1].minMinutes"}},
		{"open band not last", billing.BandTable{Rule: "r", Bands: []billing.Band{
			band(billing.Code90837, 53, 0), band(billing.Code90834, 60, 70)}},
			billing.ErrBandOrder, []string{"bands[0].maxMinutes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, tt.rule)
			assertFields(t, err, tt.fields...)

			_, err = tt.table.Classify(30)
			require.ErrorIs(t, err, tt.rule)
		})
	}
	for _, ok := range []billing.BandTable{billing.PsychotherapyBands(), billing.FamilyBands(true),
		billing.FamilyBands(false), billing.GroupBands()} {
		require.NoError(t, ok.Validate(), ok.Rule)
	}
}

// assertFields checks that err holds FieldErrors for exactly the paths want.
func assertFields(t *testing.T, err error, want ...string) {
	t.Helper()
	var got []string
	for _, fe := range intervention.FieldErrors(err) {
		got = append(got, fe.Field)
	}
	assert.Equal(t, want, got)
}
