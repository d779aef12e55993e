package family_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// textEnum is what every enum of the package implements.
type textEnum interface {
	~string
	Valid() bool
	String() string
	MarshalText() ([]byte, error)
}

func checkEnum[T textEnum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, all []T, parse func(string) (T, error), unknown error) {
	t.Helper()
	require.NotEmpty(t, all)
	seen := map[T]bool{}
	for _, v := range all {
		assert.False(t, seen[v], "listed once")
		seen[v] = true
		assert.True(t, v.Valid())
		got, err := parse(v.String())
		require.NoError(t, err)
		assert.Equal(t, v, got)
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back T
		require.NoError(t, P(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	for _, bad := range []string{"", "X", " " + string(all[0]), string(all[0]) + " "} {
		_, err := parse(bad)
		require.ErrorIs(t, err, unknown)
		require.ErrorIs(t, err, intervention.ErrUnknownValue)
		assert.False(t, T(bad).Valid())
		_, err = T(bad).MarshalText()
		require.ErrorIs(t, err, unknown)
		keep := all[0]
		require.ErrorIs(t, P(&keep).UnmarshalText([]byte(bad)), unknown)
		assert.Equal(t, all[0], keep, "unchanged on error")
	}
}

func TestEnums(t *testing.T) {
	t.Run("Model", func(t *testing.T) { checkEnum(t, family.Models(), family.ParseModel, family.ErrUnknownModel) })
	t.Run("CRAFTProcedure", func(t *testing.T) {
		checkEnum(t, family.CRAFTProcedures(), family.ParseCRAFTProcedure, family.ErrUnknownCRAFTProcedure)
	})
	t.Run("BCTComponent", func(t *testing.T) {
		checkEnum(t, family.BCTComponents(), family.ParseBCTComponent, family.ErrUnknownBCTComponent)
	})
	t.Run("BSFTComponent", func(t *testing.T) {
		checkEnum(t, family.BSFTComponents(), family.ParseBSFTComponent, family.ErrUnknownBSFTComponent)
	})
	t.Run("MDFTDomain", func(t *testing.T) {
		checkEnum(t, family.MDFTDomains(), family.ParseMDFTDomain, family.ErrUnknownMDFTDomain)
	})
	t.Run("MDFTStage", func(t *testing.T) {
		checkEnum(t, family.MDFTStages(), family.ParseMDFTStage, family.ErrUnknownMDFTStage)
	})
	t.Run("FFTPhase", func(t *testing.T) { checkEnum(t, family.FFTPhases(), family.ParseFFTPhase, family.ErrUnknownFFTPhase) })
	t.Run("ContractItem", func(t *testing.T) {
		checkEnum(t, family.ContractItems(), family.ParseContractItem, family.ErrUnknownContractItem)
	})
	t.Run("DayStatus", func(t *testing.T) {
		checkEnum(t, family.DayStatuses(), family.ParseDayStatus, family.ErrUnknownDayStatus)
	})
	t.Run("DVRisk", func(t *testing.T) { checkEnum(t, family.DVRisks(), family.ParseDVRisk, family.ErrUnknownDVRisk) })
	t.Run("InvitationOutcome", func(t *testing.T) {
		checkEnum(t, family.InvitationOutcomes(), family.ParseInvitationOutcome, family.ErrUnknownInvitationOutcome)
	})
}

// The models' structures as the reference lists them (plans-and-interop.md §2).
func TestStructures(t *testing.T) {
	assert.Equal(t, []family.Model{"craft", "bct", "bsft", "mdft", "fft", "generic"}, family.Models())
	assert.Equal(t, []family.BSFTComponent{"joining", "systemic-diagnosis", "restructuring"}, family.BSFTComponents())
	assert.Equal(t, []family.MDFTDomain{"adolescent", "parent", "family", "community"}, family.MDFTDomains())
	assert.Equal(t, []family.MDFTStage{"build-foundation", "facilitate-change", "solidify-change"}, family.MDFTStages())
	assert.Equal(t, []family.FFTPhase{"engagement", "motivation", "relational-assessment", "behavior-change", "generalization"},
		family.FFTPhases())
	assert.Equal(t, []family.ContractItem{"trust-discussion", "recovery-medication", "self-help-meeting", "urine-screen"},
		family.ContractItems())
	assert.Len(t, family.BCTComponents(), 6)
	for i, s := range family.MDFTStages() {
		assert.Equal(t, i+1, s.Ordinal())
	}
	for i, p := range family.FFTPhases() {
		assert.Equal(t, i+1, p.Ordinal())
	}
	assert.Equal(t, 0, family.MDFTStage("x").Ordinal())
	assert.Equal(t, 0, family.FFTPhase("").Ordinal())
}
