package twelvestep_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
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
	for _, bad := range []string{"", "nope", " " + string(all[0]), string(all[0]) + "!", "x-", "x-UPPER"} {
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
	t.Run("Protocol", func(t *testing.T) {
		checkEnum(t, twelvestep.Protocols(), twelvestep.ParseProtocol,
			func(v *twelvestep.Protocol) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownProtocol)
	})
	t.Run("TopicKind", func(t *testing.T) {
		checkEnum(t, twelvestep.TopicKinds(), twelvestep.ParseTopicKind,
			func(v *twelvestep.TopicKind) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownTopicKind)
		var req []twelvestep.TopicKind
		for _, k := range twelvestep.TopicKinds() {
			if k.Required() {
				req = append(req, k)
			}
		}
		assert.Equal(t, []twelvestep.TopicKind{twelvestep.TopicOpening, twelvestep.TopicCore, twelvestep.TopicClosing}, req)
		assert.False(t, twelvestep.TopicKind("x").Required())
	})
	t.Run("Fellowship", func(t *testing.T) {
		checkEnum(t, twelvestep.Fellowships(), twelvestep.ParseFellowship,
			func(v *twelvestep.Fellowship) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownFellowship)
		var twelve []twelvestep.Fellowship
		for _, f := range twelvestep.Fellowships() {
			if f.IsTwelveStep() {
				twelve = append(twelve, f)
			}
		}
		assert.Equal(t, []twelvestep.Fellowship{"aa", "na", "ca", "cma", "ma"}, twelve)
		c, err := twelvestep.CustomFellowship("lifering")
		require.NoError(t, err)
		assert.Equal(t, twelvestep.Fellowship("x-lifering"), c)
		assert.True(t, c.IsCustom())
		assert.False(t, c.IsTwelveStep(), "the library cannot know")
		_, err = twelvestep.CustomFellowship("Life Ring")
		require.ErrorIs(t, err, twelvestep.ErrUnknownFellowship)
		_, err = twelvestep.CustomFellowship(string(make([]byte, 65)))
		require.ErrorIs(t, err, twelvestep.ErrUnknownFellowship)
		assert.False(t, twelvestep.FellowshipAA.IsCustom())
	})
	t.Run("MeetingType", func(t *testing.T) {
		checkEnum(t, twelvestep.MeetingTypes(), twelvestep.ParseMeetingType,
			func(v *twelvestep.MeetingType) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownMeetingType)
		// reference: plans-and-interop.md §3.3 — the Meeting Guide codes it lists.
		for _, code := range []string{"O", "C", "B", "ST", "TR", "12x12", "11", "SP", "D", "BE", "LIT", "LS", "DR", "GR", "ABSI", "MED", "H", "A", "DD", "M", "W", "Y", "LGBTQ", "AL-AN", "X"} {
			_, err := twelvestep.ParseMeetingType(code)
			require.NoError(t, err, code)
		}
		assert.Len(t, twelvestep.MeetingTypes(), 25)
		_, err := twelvestep.ParseMeetingType("o")
		require.ErrorIs(t, err, twelvestep.ErrUnknownMeetingType, "codes are case-sensitive")
		c, err := twelvestep.CustomMeetingType("spanish")
		require.NoError(t, err)
		assert.True(t, c.IsCustom())
	})
	t.Run("Venue", func(t *testing.T) {
		checkEnum(t, twelvestep.Venues(), twelvestep.ParseVenue,
			func(v *twelvestep.Venue) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownVenue)
	})
	t.Run("Verification", func(t *testing.T) {
		checkEnum(t, twelvestep.Verifications(), twelvestep.ParseVerification,
			func(v *twelvestep.Verification) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownVerification)
	})
	t.Run("StepStatus", func(t *testing.T) {
		checkEnum(t, twelvestep.StepStatuses(), twelvestep.ParseStepStatus,
			func(v *twelvestep.StepStatus) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownStepStatus)
	})
	t.Run("SlipReason", func(t *testing.T) {
		checkEnum(t, twelvestep.SlipReasons(), twelvestep.ParseSlipReason,
			func(v *twelvestep.SlipReason) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownSlipReason)
	})
	t.Run("RetractionReason", func(t *testing.T) {
		checkEnum(t, twelvestep.RetractionReasons(), twelvestep.ParseRetractionReason,
			func(v *twelvestep.RetractionReason) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownRetractionReason)
	})
	t.Run("Unit", func(t *testing.T) {
		checkEnum(t, twelvestep.Units(), twelvestep.ParseUnit,
			func(v *twelvestep.Unit) encoding.TextUnmarshaler { return v }, twelvestep.ErrUnknownUnit)
	})
}
