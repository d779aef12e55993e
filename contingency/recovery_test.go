package contingency_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// schedEnumValue is what every string enum of the package provides.
type schedEnumValue interface {
	~string
	Valid() bool
	String() string
	MarshalText() ([]byte, error)
}

// schedEnum checks a string enum's text form: every listed value parses,
// round-trips and marshals; unknown text and the zero value are refused; a
// failed UnmarshalText leaves the target unchanged.
func schedEnum[T schedEnumValue, PT interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, values []T, parse func(string) (T, error), unknown error) {
	t.Helper()
	require.NotEmpty(t, values)
	seen := map[T]bool{}
	for _, v := range values {
		assert.False(t, seen[v], "duplicate %s", v)
		seen[v] = true
		assert.True(t, v.Valid())
		got, err := parse(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, got)
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(v), string(b))
		var back T
		require.NoError(t, PT(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, bad := range []string{"", "UNKNOWN", " " + string(values[0]), string(values[0]) + " "} {
		_, err := parse(bad)
		require.ErrorIs(t, err, unknown, "%q", bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		kept := values[0]
		require.ErrorIs(t, PT(&kept).UnmarshalText([]byte(bad)), unknown)
		assert.Equal(t, values[0], kept, "a failed UnmarshalText leaves the value unchanged")
		assert.False(t, T(bad).Valid())
		_, err = T(bad).MarshalText()
		require.ErrorIs(t, err, unknown, "an invalid value is never marshalled")
	}
}

func TestRecoveryEnum(t *testing.T) {
	schedEnum(t, contingency.Recoveries(), contingency.ParseRecovery, contingency.ErrUnknownRecovery)
	assert.Equal(t, []contingency.Recovery{"r1", "r2"}, contingency.Recoveries())
}
