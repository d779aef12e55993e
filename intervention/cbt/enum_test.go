package cbt_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
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
	t.Run("TopicKind", func(t *testing.T) {
		checkEnum(t, cbt.TopicKinds(), cbt.ParseTopicKind,
			func(v *cbt.TopicKind) encoding.TextUnmarshaler { return v }, cbt.ErrUnknownTopicKind)
	})
	t.Run("Rule", func(t *testing.T) {
		checkEnum(t, cbt.Rules(), cbt.ParseRule,
			func(v *cbt.Rule) encoding.TextUnmarshaler { return v }, cbt.ErrUnknownRule)
	})
	t.Run("HomeworkStatus", func(t *testing.T) {
		checkEnum(t, cbt.HomeworkStatuses(), cbt.ParseHomeworkStatus,
			func(v *cbt.HomeworkStatus) encoding.TextUnmarshaler { return v }, cbt.ErrUnknownHomeworkStatus)
	})
	t.Run("Trigger", func(t *testing.T) {
		checkEnum(t, cbt.Triggers(), cbt.ParseTrigger,
			func(v *cbt.Trigger) encoding.TextUnmarshaler { return v }, cbt.ErrUnknownTrigger)
	})
	t.Run("ElectiveChoice", func(t *testing.T) {
		checkEnum(t, cbt.ElectiveChoices(), cbt.ParseElectiveChoice,
			func(v *cbt.ElectiveChoice) encoding.TextUnmarshaler { return v }, cbt.ErrUnknownElectiveChoice)
	})
}

func TestRuleIDs(t *testing.T) {
	// reference: plans-and-interop.md (b) 27 and 28: the IDs exactly.
	assert.Equal(t, "C-CBT-MATCH-1", cbt.RuleMATCH.String())
	assert.Equal(t, "C-CBT-NIDA-1", cbt.RuleNIDA.String())
	assert.Contains(t, cbt.RuleMATCH.Source(), "MATCHSeries3")
	assert.Contains(t, cbt.RuleNIDA.Source(), "PMC2365906")
	assert.Empty(t, cbt.Rule("C-TSF-1").Source())
}

// reference: plans-and-interop.md §1.4 (assigned / attempted / completed /
// reviewed-in-session).
func TestHomeworkStatusCanBecome(t *testing.T) {
	a, at, c, r := cbt.HomeworkAssigned, cbt.HomeworkAttempted, cbt.HomeworkCompleted, cbt.HomeworkReviewed
	allowed := map[[2]cbt.HomeworkStatus]bool{
		{a, at}: true, {a, c}: true, {a, r}: true,
		{at, c}: true, {at, r}: true,
		{c, r}: true,
	}
	for _, from := range cbt.HomeworkStatuses() {
		for _, to := range cbt.HomeworkStatuses() {
			assert.Equalf(t, allowed[[2]cbt.HomeworkStatus{from, to}], from.CanBecome(to), "%s → %s", from, to)
		}
		assert.False(t, from.CanBecome("done"))
		assert.False(t, cbt.HomeworkStatus("done").CanBecome(from))
	}
}

// reference: plans-and-interop.md §1.2 (client preference wins).
func TestElectiveChoiceJoint(t *testing.T) {
	assert.True(t, cbt.ChoiceJoint.Joint())
	assert.True(t, cbt.ChoiceClientPreferred.Joint())
	assert.False(t, cbt.ChoiceTherapist.Joint())
	assert.False(t, cbt.ElectiveChoice("").Joint())
}
