package motivation_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// textEnum is what every string enum of the package offers.
type textEnum interface {
	~string
	Valid() bool
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum checks the text form of every value of an enum: round trip,
// Parse rejecting unknown text and UnmarshalText leaving the target as it
// was on error.
func checkEnum[T textEnum](t *testing.T, all []T, parse func(string) (T, error), unmarshal func(*T) encoding.TextUnmarshaler, unknown error) {
	t.Helper()
	require.NotEmpty(t, all)
	seen := map[T]bool{}
	for _, v := range all {
		require.False(t, seen[v], "duplicate %s", v)
		seen[v] = true
		assert.True(t, v.Valid())
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, v.String(), string(b))
		got, err := parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, got)
		var back T
		require.NoError(t, unmarshal(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, bad := range []string{"", "nope", " " + string(all[0]), string(all[0]) + "x"} {
		_, err := parse(bad)
		require.ErrorIs(t, err, unknown, bad)
		require.ErrorIs(t, err, intervention.ErrInvalid, bad)
		kept := all[0]
		require.Error(t, unmarshal(&kept).UnmarshalText([]byte(bad)))
		assert.Equal(t, all[0], kept, "UnmarshalText changed the target on error")
		_, err = T(bad).MarshalText()
		require.ErrorIs(t, err, unknown)
		assert.False(t, T(bad).Valid())
	}
}

func TestEnums(t *testing.T) {
	t.Run("Stage", func(t *testing.T) {
		checkEnum(t, motivation.Stages(), motivation.ParseStage,
			func(v *motivation.Stage) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownStage)
	})
	t.Run("AssessmentMethod", func(t *testing.T) {
		checkEnum(t, motivation.AssessmentMethods(), motivation.ParseAssessmentMethod,
			func(v *motivation.AssessmentMethod) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownMethod)
	})
	t.Run("Ruler", func(t *testing.T) {
		checkEnum(t, motivation.Rulers(), motivation.ParseRuler,
			func(v *motivation.Ruler) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownRuler)
	})
	t.Run("Process", func(t *testing.T) {
		checkEnum(t, motivation.Processes(), motivation.ParseProcess,
			func(v *motivation.Process) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownProcess)
	})
	t.Run("ClientCode", func(t *testing.T) {
		checkEnum(t, motivation.ClientCodes(), motivation.ParseClientCode,
			func(v *motivation.ClientCode) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownClientCode)
	})
	t.Run("Valence", func(t *testing.T) {
		checkEnum(t, motivation.Valences(), motivation.ParseValence,
			func(v *motivation.Valence) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownValence)
	})
	t.Run("Competency", func(t *testing.T) {
		checkEnum(t, motivation.Competencies(), motivation.ParseCompetency,
			func(v *motivation.Competency) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownCompetency)
	})
	t.Run("SOCRATESScale", func(t *testing.T) {
		checkEnum(t, motivation.SOCRATESScales(), motivation.ParseSOCRATESScale,
			func(v *motivation.SOCRATESScale) encoding.TextUnmarshaler { return v }, motivation.ErrUnknownScale)
	})
}

func TestBehavior(t *testing.T) {
	for _, ok := range []string{"alcohol-use", "smoking", "229819007", "x", "opioid_use.v2", "A-1"} {
		b, err := motivation.ParseBehavior(ok)
		require.NoError(t, err, ok)
		assert.Equal(t, ok, b.String())
		text, err := b.MarshalText()
		require.NoError(t, err)
		var back motivation.Behavior
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, b, back)
	}
	long := make([]byte, 65)
	for i := range long {
		long[i] = 'a'
	}
	for _, bad := range []string{"", "-alcohol", "drinks too much", "ålcohol", "a/b", string(long), ".x"} {
		_, err := motivation.ParseBehavior(bad)
		require.ErrorIs(t, err, motivation.ErrBadBehavior, bad)
		kept := target
		require.Error(t, kept.UnmarshalText([]byte(bad)))
		assert.Equal(t, target, kept)
		_, err = motivation.Behavior(bad).MarshalText()
		require.ErrorIs(t, err, intervention.ErrInvalid)
	}
}
