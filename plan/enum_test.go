package plan_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// textEnum is what every enum of the package provides.
type textEnum interface {
	Valid() bool
	String() string
	encoding.TextMarshaler
}

// checkEnum checks the text form of every value of an enum: String and
// MarshalText agree, Parse reads it back, UnmarshalText leaves the target
// unchanged on error, and invalid values refuse to marshal.
func checkEnum[T textEnum](t *testing.T, values []T, parse func(string) (T, error), unmarshal func(*T, []byte) error, unknown error) {
	t.Helper()
	require.NotEmpty(t, values)
	for _, v := range values {
		assert.True(t, v.Valid(), v.String())
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, v.String(), string(b))
		got, err := parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, got)
		var u T
		require.NoError(t, unmarshal(&u, b))
		assert.Equal(t, v, u)
	}
	_, err := parse("no-such-value")
	require.ErrorIs(t, err, unknown)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	keep := values[0]
	require.ErrorIs(t, unmarshal(&keep, []byte("no-such-value")), unknown)
	assert.Equal(t, values[0], keep, "unchanged on error")
	var zero T
	assert.False(t, zero.Valid())
	_, err = zero.MarshalText()
	require.ErrorIs(t, err, unknown)
}

func TestEnums(t *testing.T) {
	t.Run("Status", func(t *testing.T) {
		checkEnum(t, plan.Statuses(), plan.ParseStatus, (*plan.Status).UnmarshalText, plan.ErrUnknownStatus)
	})
	t.Run("ProblemStatus", func(t *testing.T) {
		checkEnum(t, plan.ProblemStatuses(), plan.ParseProblemStatus, (*plan.ProblemStatus).UnmarshalText, plan.ErrUnknownProblemStatus)
	})
	t.Run("GoalStatus", func(t *testing.T) {
		checkEnum(t, plan.GoalStatuses(), plan.ParseGoalStatus, (*plan.GoalStatus).UnmarshalText, plan.ErrUnknownGoalStatus)
	})
	t.Run("GoalTerm", func(t *testing.T) {
		checkEnum(t, plan.GoalTerms(), plan.ParseGoalTerm, (*plan.GoalTerm).UnmarshalText, plan.ErrUnknownGoalTerm)
	})
	t.Run("ObjectiveStatus", func(t *testing.T) {
		checkEnum(t, plan.ObjectiveStatuses(), plan.ParseObjectiveStatus, (*plan.ObjectiveStatus).UnmarshalText, plan.ErrUnknownObjectiveStatus)
	})
	t.Run("InterventionStatus", func(t *testing.T) {
		checkEnum(t, plan.InterventionStatuses(), plan.ParseInterventionStatus, (*plan.InterventionStatus).UnmarshalText, plan.ErrUnknownInterventionStatus)
	})
	t.Run("Comparator", func(t *testing.T) {
		checkEnum(t, plan.Comparators(), plan.ParseComparator, (*plan.Comparator).UnmarshalText, plan.ErrUnknownComparator)
	})
	t.Run("FrequencyUnit", func(t *testing.T) {
		checkEnum(t, plan.FrequencyUnits(), plan.ParseFrequencyUnit, (*plan.FrequencyUnit).UnmarshalText, plan.ErrUnknownFrequencyUnit)
	})
	t.Run("Reason", func(t *testing.T) {
		checkEnum(t, plan.Reasons(), plan.ParseReason, (*plan.Reason).UnmarshalText, plan.ErrUnknownReason)
	})
	t.Run("SignerRole", func(t *testing.T) {
		checkEnum(t, plan.SignerRoles(), plan.ParseSignerRole, (*plan.SignerRole).UnmarshalText, plan.ErrUnknownSignerRole)
	})
	t.Run("DeclineReason", func(t *testing.T) {
		checkEnum(t, plan.DeclineReasons(), plan.ParseDeclineReason, (*plan.DeclineReason).UnmarshalText, plan.ErrUnknownDeclineReason)
	})
	t.Run("ReviewOutcome", func(t *testing.T) {
		checkEnum(t, plan.ReviewOutcomes(), plan.ParseReviewOutcome, (*plan.ReviewOutcome).UnmarshalText, plan.ErrUnknownReviewOutcome)
	})
	t.Run("PeriodUnit", func(t *testing.T) {
		checkEnum(t, plan.PeriodUnits(), plan.ParsePeriodUnit, (*plan.PeriodUnit).UnmarshalText, plan.ErrUnknownPeriodUnit)
	})
	t.Run("CosignWhen", func(t *testing.T) {
		checkEnum(t, plan.CosignWhens(), plan.ParseCosignWhen, (*plan.CosignWhen).UnmarshalText, plan.ErrUnknownCosignWhen)
	})
	t.Run("Edition", func(t *testing.T) {
		checkEnum(t, plan.Editions(), plan.ParseEdition, (*plan.Edition).UnmarshalText, plan.ErrUnknownEdition)
	})
}

func TestEnumPredicates(t *testing.T) {
	open := map[plan.ObjectiveStatus]bool{plan.ObjectiveNotStarted: true, plan.ObjectiveInProgress: true}
	for _, s := range plan.ObjectiveStatuses() {
		assert.Equal(t, open[s], s.Open(), s)
	}
	assert.False(t, plan.ObjectiveStatus("x").Open())
	continues := map[plan.ReviewOutcome]bool{plan.OutcomeContinue: true, plan.OutcomeModify: true}
	for _, o := range plan.ReviewOutcomes() {
		assert.Equal(t, continues[o], o.ContinuesServices(), o)
	}
	assert.False(t, plan.ReviewOutcome("x").ContinuesServices())
}

func FuzzParseDiagnosisCode(f *testing.F) {
	for _, s := range []string{"F10.20", "f1020", "F10", "Z3A.1", "F10.", "F1", "1F0.2", "F10.12345", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := plan.ParseDiagnosisCode(s)
		if err != nil {
			require.ErrorIs(t, err, plan.ErrBadDiagnosis)
			return
		}
		require.True(t, d.Valid())
		b, err := d.MarshalText()
		require.NoError(t, err)
		var back plan.DiagnosisCode
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, d, back)
		again, err := plan.ParseDiagnosisCode(d.String())
		require.NoError(t, err)
		require.Equal(t, d, again)
	})
}

func TestDiagnosisCode(t *testing.T) {
	tests := []struct {
		in, want string
		sud      bool
	}{
		{"F10.20", "F10.20", true},
		{"f1120", "F11.20", true},
		{"F19", "F19", true},
		{"F20.9", "F20.9", false},
		{"Z3A.10", "Z3A.10", false},
		{"F10.2A1B", "F10.2A1B", true},
	}
	for _, tc := range tests {
		d, err := plan.ParseDiagnosisCode(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, d.String())
		assert.Equal(t, tc.sud, d.IsSubstanceUse(), tc.in)
	}
	for _, bad := range []string{"", "F1", "F10.", "F10.20123", "110.2", "FA0.2", "F10-20", "F1.020", "F10.2-"} {
		_, err := plan.ParseDiagnosisCode(bad)
		require.ErrorIs(t, err, plan.ErrBadDiagnosis, bad)
	}
	keep := plan.DiagnosisCode("F10.20")
	require.ErrorIs(t, keep.UnmarshalText([]byte("f10.20")), plan.ErrBadDiagnosis, "the stored form is upper case")
	assert.Equal(t, plan.DiagnosisCode("F10.20"), keep)
	_, err := plan.DiagnosisCode("x").MarshalText()
	require.ErrorIs(t, err, plan.ErrBadDiagnosis)
	assert.False(t, plan.DiagnosisCode("x").IsSubstanceUse())
}
