package billing_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// reference: plans-and-interop.md §5.4 (CMS 8-minute rule table).
func TestEightMinuteUnitEdges(t *testing.T) {
	tests := []struct {
		minutes, units int
	}{
		{0, 0}, {7, 0}, {8, 1}, {22, 1}, {23, 2}, {37, 2}, {38, 3}, {52, 3},
		{53, 4}, {67, 4}, {68, 5}, {82, 5}, {83, 6}, {97, 6},
	}
	for _, tt := range tests {
		r, err := billing.Units(billing.CodeH0004, tt.minutes, billing.UnitOptions{})
		require.NoError(t, err)
		assert.Equal(t, tt.units, r.Units, "%d min", tt.minutes)
		assert.Equal(t, billing.RuleCMSEightMinute, r.Rule)
		assert.Equal(t, tt.minutes, r.Minutes)
		if tt.units == 0 {
			assert.Equal(t, billing.ReasonBelowMinimum, r.Reason)
			assert.Empty(t, r.Code)
			assert.False(t, r.Billable())
		} else {
			assert.Equal(t, billing.CodeH0004, r.Code)
			assert.True(t, r.Billable())
		}
	}
}

func TestMidpointMatchesEightMinuteForOneCode(t *testing.T) {
	// For a single code the CPT midpoint and CMS 8-minute rules coincide at
	// every minute count; they differ only across codes.
	for m := 0; m <= billing.MaxMinutes; m++ {
		cms, err := billing.EightMinuteRule{}.Units([]int{m})
		require.NoError(t, err)
		mid, err := billing.MidpointRule{}.Units([]int{m})
		require.NoError(t, err)
		require.Equal(t, cms, mid, "%d min", m)
	}
	r, err := billing.Units(billing.CodeH0038, 23, billing.UnitOptions{Rule: billing.MidpointRule{}})
	require.NoError(t, err)
	assert.Equal(t, 2, r.Units)
	assert.Equal(t, billing.RuleCPTMidpoint, r.Rule)
}

func TestRulesAcrossCodes(t *testing.T) {
	tests := []struct {
		name    string
		rule    billing.UnitRule
		minutes []int
		units   int
	}{
		{"CMS sums 7+7", billing.EightMinuteRule{}, []int{7, 7}, 1},
		{"midpoint per code 7+7", billing.MidpointRule{}, []int{7, 7}, 0},
		{"CMS sums 20+20", billing.EightMinuteRule{}, []int{20, 20}, 3},
		{"midpoint per code 20+20", billing.MidpointRule{}, []int{20, 20}, 2},
		{"ceiling per code 7+7", billing.CeilingRule{}, []int{7, 7}, 2},
		{"empty day", billing.EightMinuteRule{}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := tt.rule.Units(tt.minutes)
			require.NoError(t, err)
			assert.Equal(t, tt.units, u)
		})
	}
}

// reference: V51 (H0050 units = ⌈minutes/15⌉, UNVERIFIED).
func TestCeilingH0050(t *testing.T) {
	tests := []struct {
		minutes, units int
	}{{0, 0}, {1, 1}, {7, 1}, {15, 1}, {16, 2}, {30, 2}, {31, 3}, {45, 3}, {46, 4}}
	for _, tt := range tests {
		r, err := billing.Units(billing.CodeH0050, tt.minutes, billing.UnitOptions{Rule: billing.CeilingRule{}})
		require.NoError(t, err)
		assert.Equal(t, tt.units, r.Units, "%d min", tt.minutes)
		assert.Equal(t, billing.RuleCeiling15, r.Rule)
		assert.Equal(t, tt.units > 0, r.Billable())
	}
}

func TestDailyCap(t *testing.T) {
	tests := []struct {
		name    string
		minutes int
		cap     int
		units   int
		capped  bool
	}{
		{"under cap", 38, 12, 3, false},
		{"at cap", 173, 12, 12, false},
		{"over cap", 188, 12, 12, true},
		{"no cap", 188, 0, 13, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := billing.Units(billing.CodeH0004, tt.minutes, billing.UnitOptions{DailyCap: tt.cap})
			require.NoError(t, err)
			assert.Equal(t, tt.units, r.Units)
			assert.Equal(t, tt.capped, r.Capped)
			assert.Equal(t, tt.cap, r.DailyCap)
			assert.Equal(t, billing.CodeH0004, r.Code)
		})
	}
}

type stubRule struct {
	id    billing.RuleID
	units int
	err   error
}

func (s stubRule) ID() billing.RuleID       { return s.id }
func (s stubRule) Units([]int) (int, error) { return s.units, s.err }

var _ billing.UnitRule = stubRule{}

func TestUnitsRejectsBadInput(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name   string
		code   billing.Code
		min    int
		opts   billing.UnitOptions
		rule   error
		fields []string
	}{
		{"negative minutes", billing.CodeH0004, -1, billing.UnitOptions{}, billing.ErrMinutesOutOfRange, []string{"minutes"}},
		{"more than a day", billing.CodeH0004, billing.MaxMinutes + 1, billing.UnitOptions{}, billing.ErrMinutesOutOfRange, []string{"minutes"}},
		{"unknown code", "H9999", 30, billing.UnitOptions{}, billing.ErrUnknownCode, []string{"code"}},
		{"band code", billing.Code90834, 30, billing.UnitOptions{}, billing.ErrNotPerFifteenMinutes, []string{"code"}},
		{"negative cap", billing.CodeH0004, 30, billing.UnitOptions{DailyCap: -1}, billing.ErrNegativeCap, []string{"dailyCap"}},
		{"rule without ID", billing.CodeH0004, 30, billing.UnitOptions{Rule: stubRule{units: 1}}, intervention.ErrMissing, []string{"rule"}},
		{"rule negative", billing.CodeH0004, 30, billing.UnitOptions{Rule: stubRule{id: "x", units: -1}}, billing.ErrRuleResult, []string{"rule"}},
		{"rule fails", billing.CodeH0004, 30, billing.UnitOptions{Rule: stubRule{id: "x", err: errBoom}}, errBoom, []string{"rule"}},
		{"everything wrong", "nope", -3, billing.UnitOptions{DailyCap: -1}, intervention.ErrInvalid, []string{"code", "minutes", "dailyCap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := billing.Units(tt.code, tt.min, tt.opts)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, tt.rule)
			assertFields(t, err, tt.fields...)
		})
	}
}

func TestRulesRejectBadEntries(t *testing.T) {
	for _, rule := range []billing.UnitRule{billing.EightMinuteRule{}, billing.MidpointRule{}, billing.CeilingRule{}} {
		_, err := rule.Units([]int{10, -1, billing.MaxMinutes + 1})
		require.ErrorIs(t, err, billing.ErrMinutesOutOfRange, rule.ID())
		assertFields(t, err, "minutes[1]", "minutes[2]")
	}
}

func TestCustomRuleUsed(t *testing.T) {
	r, err := billing.Units(billing.CodeH0038, 5, billing.UnitOptions{Rule: stubRule{id: "state-x", units: 2}})
	require.NoError(t, err)
	assert.Equal(t, billing.RuleID("state-x"), r.Rule)
	assert.Equal(t, 2, r.Units)
	assert.Equal(t, billing.CodeH0038, r.Code)
}
