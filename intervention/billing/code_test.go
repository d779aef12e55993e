package billing_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

func TestCodesAreDistinctWithLabelsAndSystems(t *testing.T) {
	seen := map[billing.Code]bool{}
	for _, c := range billing.Codes() {
		assert.False(t, seen[c], "duplicate %s", c)
		seen[c] = true
		assert.True(t, c.Valid())
		assert.NotEmpty(t, c.Label(), c)
		assert.True(t, c.System().Valid(), c)
		got, err := billing.ParseCode(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, got)
	}
	assert.Len(t, seen, 27)
}

func TestCodeSystem(t *testing.T) {
	tests := []struct {
		name string
		code billing.Code
		want billing.System
	}{
		{"CPT psychotherapy", billing.Code90834, billing.SystemCPT},
		{"CPT SBIRT", billing.Code99408, billing.SystemCPT},
		{"HCPCS G", billing.CodeG0396, billing.SystemHCPCS},
		{"HCPCS H", billing.CodeH0050, billing.SystemHCPCS},
		{"HCPCS T", billing.CodeT1006, billing.SystemHCPCS},
		{"unknown", billing.Code("99999"), ""},
		{"empty", billing.Code(""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.code.System())
		})
	}
}

func TestPerFifteenMinutes(t *testing.T) {
	per15 := map[billing.Code]bool{billing.CodeH0004: true, billing.CodeH0038: true, billing.CodeH0050: true}
	for _, c := range billing.Codes() {
		assert.Equal(t, per15[c], c.PerFifteenMinutes(), c)
	}
	assert.False(t, billing.Code("H9999").PerFifteenMinutes())
	assert.Empty(t, billing.Code("H9999").Label())
}

func TestParseRejectsUnknownText(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		input string
		want  error
	}{
		{"code lowercase", func(s string) error { _, err := billing.ParseCode(s); return err }, "h0050", billing.ErrUnknownCode},
		{"code space", func(s string) error { _, err := billing.ParseCode(s); return err }, " 90834", billing.ErrUnknownCode},
		{"code guessed", func(s string) error { _, err := billing.ParseCode(s); return err }, "90833", billing.ErrUnknownCode},
		{"code empty", func(s string) error { _, err := billing.ParseCode(s); return err }, "", billing.ErrUnknownCode},
		{"payer", func(s string) error { _, err := billing.ParsePayer(s); return err }, "Medicare", billing.ErrUnknownPayer},
		{"payer empty", func(s string) error { _, err := billing.ParsePayer(s); return err }, "", billing.ErrUnknownPayer},
		{"reason", func(s string) error { _, err := billing.ParseReason(s); return err }, "too-short", billing.ErrUnknownReason},
		{"reason empty", func(s string) error { _, err := billing.ParseReason(s); return err }, "", billing.ErrUnknownReason},
		{"system", func(s string) error { _, err := billing.ParseSystem(s); return err }, "CPT", billing.ErrUnknownSystem},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.input)
			require.ErrorIs(t, err, tt.want)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, intervention.ErrUnknownValue)
		})
	}
}

func TestEnumTextRoundTrip(t *testing.T) {
	for _, p := range billing.Payers() {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var got billing.Payer
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, p, got)
		assert.Equal(t, string(b), p.String())
	}
	for _, r := range billing.Reasons() {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var got billing.Reason
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, r, got)
		assert.Equal(t, string(b), r.String())
	}
	for _, s := range billing.Systems() {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var got billing.System
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, s, got)
		assert.Equal(t, string(b), s.String())
	}
	for _, c := range billing.Codes() {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var got billing.Code
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, c, got)
	}
}

func TestMarshalRefusesInvalidAndUnmarshalKeepsTarget(t *testing.T) {
	_, err := billing.Code("x").MarshalText()
	require.ErrorIs(t, err, billing.ErrUnknownCode)
	_, err = billing.Payer("x").MarshalText()
	require.ErrorIs(t, err, billing.ErrUnknownPayer)
	_, err = billing.Reason("").MarshalText()
	require.ErrorIs(t, err, billing.ErrUnknownReason)
	_, err = billing.System("x").MarshalText()
	require.ErrorIs(t, err, billing.ErrUnknownSystem)

	c := billing.Code90834
	require.ErrorIs(t, c.UnmarshalText([]byte("nope")), billing.ErrUnknownCode)
	assert.Equal(t, billing.Code90834, c)
	p := billing.PayerMedicare
	require.ErrorIs(t, p.UnmarshalText([]byte("nope")), billing.ErrUnknownPayer)
	assert.Equal(t, billing.PayerMedicare, p)
	r := billing.ReasonNoBand
	require.ErrorIs(t, r.UnmarshalText([]byte("nope")), billing.ErrUnknownReason)
	assert.Equal(t, billing.ReasonNoBand, r)
	s := billing.SystemCPT
	require.ErrorIs(t, s.UnmarshalText([]byte("nope")), billing.ErrUnknownSystem)
	assert.Equal(t, billing.SystemCPT, s)
}

func TestResultJSON(t *testing.T) {
	tests := []struct {
		name string
		in   billing.Result
		want string
	}{
		{
			name: "billable SBIRT",
			in:   billing.Result{Code: billing.CodeG0396, Units: 1, Minutes: 20, Rule: billing.RuleSBIRTDescriptor, Payer: billing.PayerMedicare},
			want: `{"code":"G0396","units":1,"minutes":20,"rule":"sbirt-descriptor","payer":"medicare"}`,
		},
		{
			name: "not billable",
			in:   billing.Result{Minutes: 7, Rule: billing.RuleCMSEightMinute, Reason: billing.ReasonBelowMinimum},
			want: `{"units":0,"minutes":7,"rule":"cms-8-minute","reason":"below-minimum"}`,
		},
		{
			name: "capped units",
			in:   billing.Result{Code: billing.CodeH0004, Units: 12, Minutes: 300, Rule: billing.RuleCMSEightMinute, DailyCap: 12, Capped: true},
			want: `{"code":"H0004","units":12,"minutes":300,"rule":"cms-8-minute","dailyCap":12,"capped":true}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(b))
			var back billing.Result
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.in, back)
		})
	}
	var r billing.Result
	require.ErrorIs(t, json.Unmarshal([]byte(`{"code":"99999"}`), &r), billing.ErrUnknownCode)
}
