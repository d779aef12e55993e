package contingency_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
)

func TestSubstanceEnum(t *testing.T) {
	schedEnum(t, contingency.Substances(), contingency.ParseSubstance, contingency.ErrUnknownSubstance)
}

func TestStimulants(t *testing.T) {
	// reference: RIP-3 (stimulants are methamphetamine, amphetamine and cocaine)
	want := []contingency.Substance{
		contingency.SubstanceMethamphetamine, contingency.SubstanceAmphetamine, contingency.SubstanceCocaine,
	}
	got := contingency.Stimulants()
	assert.Equal(t, want, got)
	got[0] = contingency.SubstanceTHC
	assert.Equal(t, want, contingency.Stimulants(), "Stimulants returns a fresh slice")
}

func TestCustomSubstance(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"xylazine", true},
		{"k2-spice", true},
		{"a", true},
		{strings.Repeat("z", 64), true},
		{strings.Repeat("z", 65), false},
		{"", false},
		{"Xylazine", false},
		{"bath salts", false},
		{"é", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := contingency.CustomSubstance(tt.name)
			if !tt.ok {
				require.ErrorIs(t, err, contingency.ErrUnknownSubstance)
				assert.False(t, contingency.Substance("x-"+tt.name).Valid())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "x-"+tt.name, s.String())
			assert.True(t, s.IsCustom())
			assert.True(t, s.Valid())
			b, err := s.MarshalText()
			require.NoError(t, err)
			var back contingency.Substance
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, s, back)
		})
	}
	assert.False(t, contingency.SubstanceCocaine.IsCustom())
}

func FuzzParseSubstance(f *testing.F) {
	for _, s := range []string{"cocaine", "x-xylazine", "x-", "X-a", "thc ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := contingency.ParseSubstance(s)
		if err != nil {
			require.ErrorIs(t, err, contingency.ErrUnknownSubstance)
			return
		}
		require.Equal(t, s, v.String())
		require.True(t, v.Valid())
		b, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, s, string(b))
	})
}
