package contingency_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestTargetKindAndVerificationEnums(t *testing.T) {
	schedEnum(t, contingency.TargetKinds(), contingency.ParseTargetKind, contingency.ErrUnknownTargetKind)
	schedEnum(t, contingency.Verifications(), contingency.ParseVerification, contingency.ErrUnknownVerification)
	for _, v := range contingency.Verifications() {
		assert.Equal(t, v != contingency.VerificationAttendanceRecord, v.IsSpecimen(), v.String())
	}
	assert.False(t, contingency.Verification("blood").IsSpecimen())
}

func TestTargetValidate(t *testing.T) {
	abst := func(p, s []contingency.Substance) contingency.Target {
		return contingency.Target{Kind: contingency.TargetAbstinence, Primary: p, Secondary: s,
			Verification: contingency.VerificationUrine}
	}
	coc := []contingency.Substance{contingency.SubstanceCocaine}
	tests := []struct {
		name   string
		target contingency.Target
		fields map[string]error
	}{
		{"RIP", contingency.RIPTarget(), nil},
		{"CTN-0007", contingency.CTN0007Target(), nil},
		{"custom substance", abst([]contingency.Substance{"x-xylazine"}, nil), nil},
		{"attendance", contingency.Target{Kind: contingency.TargetAttendance,
			Verification: contingency.VerificationAttendanceRecord}, nil},
		{"medication by urine", contingency.Target{Kind: contingency.TargetMedicationAdherence,
			Verification: contingency.VerificationUrine}, nil},
		{"custom goal", contingency.Target{Kind: contingency.TargetCustom,
			Verification: contingency.VerificationAttendanceRecord}, nil},
		{"zero", contingency.Target{}, map[string]error{
			"kind": contingency.ErrUnknownTargetKind, "verification": contingency.ErrUnknownVerification}},
		{"abstinence without substances", abst(nil, nil), map[string]error{"primary": intervention.ErrMissing}},
		{"abstinence by attendance record", contingency.Target{Kind: contingency.TargetAbstinence, Primary: coc,
			Verification: contingency.VerificationAttendanceRecord},
			map[string]error{"verification": intervention.ErrInconsistent}},
		{"unknown substance", abst([]contingency.Substance{"crack"}, nil),
			map[string]error{"primary[0]": contingency.ErrUnknownSubstance}},
		{"duplicate primary", abst([]contingency.Substance{contingency.SubstanceCocaine, contingency.SubstanceCocaine}, nil),
			map[string]error{"primary[1]": intervention.ErrDuplicate}},
		{"secondary repeats primary", abst(coc, []contingency.Substance{contingency.SubstanceOpioids, contingency.SubstanceCocaine}),
			map[string]error{"secondary[1]": intervention.ErrDuplicate}},
		{"bad secondary", abst(coc, []contingency.Substance{""}),
			map[string]error{"secondary[0]": contingency.ErrUnknownSubstance}},
		{"attendance with substances", contingency.Target{Kind: contingency.TargetAttendance, Primary: coc,
			Secondary: coc, Verification: contingency.VerificationAttendanceRecord},
			map[string]error{"primary": intervention.ErrInconsistent, "secondary": intervention.ErrInconsistent,
				"secondary[0]": intervention.ErrDuplicate}},
		{"attendance by urine", contingency.Target{Kind: contingency.TargetAttendance,
			Verification: contingency.VerificationUrine},
			map[string]error{"verification": intervention.ErrInconsistent}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.target.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
		})
	}
}

func TestTargetJSON(t *testing.T) {
	b, err := json.Marshal(contingency.CTN0007Target())
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"abstinence","primary":["methamphetamine","amphetamine","cocaine","alcohol"],
		"secondary":["opioids"],"verification":"urine"}`, string(b))
	var back contingency.Target
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, contingency.CTN0007Target(), back)

	b, err = json.Marshal(contingency.Target{Kind: contingency.TargetAttendance,
		Verification: contingency.VerificationAttendanceRecord})
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"attendance","verification":"attendance-record"}`, string(b))

	require.ErrorIs(t, json.Unmarshal([]byte(`{"kind":"sobriety"}`), &back), contingency.ErrUnknownTargetKind)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"primary":["heroin "]}`), &back), contingency.ErrUnknownSubstance)
}
