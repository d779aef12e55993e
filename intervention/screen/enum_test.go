package screen_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// textEnum is what every enum in the package implements.
type textEnum interface {
	~string
	encoding.TextMarshaler
	String() string
	Valid() bool
}

// checkEnum checks the text contract of one enum type.
func checkEnum[T textEnum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, values []T, parse func(string) (T, error), unknown error) {
	t.Helper()
	require.NotEmpty(t, values)
	seen := map[T]bool{}
	for _, v := range values {
		assert.False(t, seen[v], "duplicate %q", v)
		seen[v] = true
		assert.True(t, v.Valid())
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(v), string(b))
		assert.Equal(t, string(v), v.String())
		got, err := parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, got)
		var dst T
		require.NoError(t, P(&dst).UnmarshalText(b))
		assert.Equal(t, v, dst)
	}
	for _, bad := range []string{"", "Unknown", " " + string(values[0]), string(values[0]) + " ", "3"} {
		_, err := parse(bad)
		require.ErrorIs(t, err, unknown, "%q", bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		dst := values[0]
		require.Error(t, P(&dst).UnmarshalText([]byte(bad)))
		assert.Equal(t, values[0], dst, "unchanged on error")
	}
	var zero T
	assert.False(t, zero.Valid())
	_, err := T("bogus").MarshalText()
	require.ErrorIs(t, err, unknown)
}

func TestEnums(t *testing.T) {
	t.Run("Instrument", func(t *testing.T) {
		checkEnum(t, screen.Instruments(), screen.ParseInstrument, screen.ErrUnknownInstrument)
	})
	t.Run("Band", func(t *testing.T) { checkEnum(t, screen.Bands(), screen.ParseBand, screen.ErrUnknownBand) })
	t.Run("Action", func(t *testing.T) { checkEnum(t, screen.Actions(), screen.ParseAction, screen.ErrUnknownAction) })
	t.Run("Flag", func(t *testing.T) { checkEnum(t, screen.Flags(), screen.ParseFlag, screen.ErrUnknownFlag) })
	t.Run("DrinkFrequency", func(t *testing.T) {
		checkEnum(t, screen.DrinkFrequencies(), screen.ParseDrinkFrequency, screen.ErrUnknownDrinkFrequency)
	})
	t.Run("DrinkQuantity", func(t *testing.T) {
		checkEnum(t, screen.DrinkQuantities(), screen.ParseDrinkQuantity, screen.ErrUnknownDrinkQuantity)
	})
	t.Run("Frequency", func(t *testing.T) {
		checkEnum(t, screen.Frequencies(), screen.ParseFrequency, screen.ErrUnknownFrequency)
	})
	t.Run("YearRecency", func(t *testing.T) {
		checkEnum(t, screen.YearRecencies(), screen.ParseYearRecency, screen.ErrUnknownYearRecency)
	})
	t.Run("UseFrequency", func(t *testing.T) {
		checkEnum(t, screen.UseFrequencies(), screen.ParseUseFrequency, screen.ErrUnknownUseFrequency)
	})
	t.Run("QuarterRecency", func(t *testing.T) {
		checkEnum(t, screen.QuarterRecencies(), screen.ParseQuarterRecency, screen.ErrUnknownQuarterRecency)
	})
	t.Run("YesNo", func(t *testing.T) { checkEnum(t, screen.YesNos(), screen.ParseYesNo, screen.ErrUnknownYesNo) })
	t.Run("Sex", func(t *testing.T) { checkEnum(t, screen.Sexes(), screen.ParseSex, screen.ErrUnknownSex) })
	t.Run("Substance", func(t *testing.T) {
		checkEnum(t, screen.Substances(), screen.ParseSubstance, screen.ErrUnknownSubstance)
	})
	t.Run("AUDITEscalation", func(t *testing.T) {
		checkEnum(t, screen.AUDITEscalations(), screen.ParseAUDITEscalation, screen.ErrUnknownAUDITEscalation)
	})
	t.Run("AUDITSkipRule", func(t *testing.T) {
		checkEnum(t, screen.AUDITSkipRules(), screen.ParseAUDITSkipRule, screen.ErrUnknownAUDITSkipRule)
	})
	t.Run("MissingPolicy", func(t *testing.T) {
		checkEnum(t, screen.MissingPolicies(), screen.ParseMissingPolicy, screen.ErrUnknownMissingPolicy)
	})
	assert.Len(t, screen.Substances(), 10, "ASSIST v3 has ten substance classes")
}
