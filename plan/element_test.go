package plan_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func TestElementValidate(t *testing.T) {
	long := intervention.NewText(strings.Repeat("x", plan.MaxTextBytes+1))
	many := make([]uuid.UUID, 101)
	for i := range many {
		many[i] = plantest.ObjectiveID(i + 1)
	}
	tests := []struct {
		name  string
		v     interface{ Validate() error }
		paths []string
	}{
		{"problem", plan.Problem{Statement: intervention.NewText("\xff"), Diagnoses: []plan.DiagnosisCode{"F10.20", "F10.20", "bad"},
			Evidence: []plan.Evidence{{Source: "a b"}}, Status: "x"},
			[]string{"id", "statement", "diagnoses[1]", "diagnoses[2]", "evidence[0].source", "evidence[0]", "status"}},
		{"problem ok", plantest.Problem(1), nil},
		{"goal", plan.Goal{Term: "forever", PatientWords: long}, []string{"id", "problem", "patientWords", "term", "status"}},
		{"goal without wording", plan.Goal{ID: plantest.GoalID(1), Problem: plantest.ProblemID(1), Status: plan.GoalActive}, []string{"patientWords"}},
		{"objective", plan.Objective{Measure: "a b", Target: plan.Target{Comparator: "about"}, Status: "x"},
			[]string{"id", "goal", "text", "measure", "target.comparator", "status"}},
		{"intervention", plan.Intervention{Objectives: []uuid.UUID{uuid.Nil}, Frequency: plan.Frequency{Count: 1001, Per: "fortnight", Minutes: -1},
			Responsible: []uuid.UUID{plantest.Author(), plantest.Author()}},
			[]string{"id", "objectives[0]", "modality", "frequency.count", "frequency.per", "frequency.minutes", "responsible[1]", "status"}},
		{"intervention, too many objectives", plan.Intervention{ID: plantest.InterventionID(1), Objectives: many,
			Modality: intervention.ModalityCBT, Status: plan.InterventionActive}, []string{"objectives"}},
		{"intervention without objectives", plan.Intervention{ID: plantest.InterventionID(1), Modality: intervention.ModalityCBT,
			Status: plan.InterventionActive}, []string{"objectives"}},
		{"strength", plan.Strength{Text: intervention.NewText(" ")}, []string{"id", "text"}},
		{"discharge", plan.DischargeCriterion{}, []string{"id", "text"}},
		{"participation", plan.Participation{Role: "friend"}, []string{"id", "person", "role", "on"}},
		{"level", plan.LevelOfCare{Edition: "5", Level: "", Dimensions: []plan.DimensionRating{{0, -1}, {3, 10}, {3, 1}}, Driving: []int{4, 3, 3},
			Rationale: long}, []string{"id", "edition", "level", "dimensions[0].dimension", "dimensions[0].rating", "dimensions[1].rating",
			"dimensions[2].dimension", "driving[0]", "driving[2]", "rationale", "assessedOn", "assessor"}},
		{"level ok", plantest.LevelOfCare(1), nil},
		{"review", plan.Review{Progress: make([]plan.ObjectiveProgress, 1001)}, []string{"id", "outcome", "progress"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Validate()
			if tc.paths == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, intervention.ErrInvalid)
			got := paths(err)
			if tc.name == "review" {
				assert.Subset(t, got, tc.paths)
				return
			}
			assert.ElementsMatch(t, tc.paths, got)
		})
	}
}

func TestTarget(t *testing.T) {
	tests := []struct {
		name   string
		target plan.Target
		json   string
		paths  []string
	}{
		{"zero", plan.Target{}, `{}`, nil},
		{"numeric", plan.Target{Comparator: plan.AtLeast, Value: decimal.RequireFromString("80.0"), Unit: "percent"},
			`{"comparator":"at-least","value":"80.0","unit":"percent"}`, nil},
		{"zero value", plan.Target{Comparator: plan.AtMost, Value: decimal.Zero}, `{"comparator":"at-most","value":"0"}`, nil},
		{"negative", plan.Target{Comparator: plan.Exactly, Value: decimal.New(-125, -2)}, `{"comparator":"equal","value":"-1.25"}`, nil},
		{"criterion", plan.Target{Criterion: intervention.NewText("Attends")}, `{"criterion":"Attends"}`, nil},
		{"value without comparator", plan.Target{Value: decimal.NewFromInt(3), Unit: "days"}, "", []string{"value", "unit"}},
		{"huge value", plan.Target{Comparator: plan.AtLeast, Value: decimal.New(1, 40)}, "", []string{"value"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.target.Validate()
			if tc.paths != nil {
				require.ErrorIs(t, err, intervention.ErrInvalid)
				assert.ElementsMatch(t, tc.paths, paths(err))
				return
			}
			require.NoError(t, err)
			b, err := plan.MarshalTargetDocument(tc.target)
			require.NoError(t, err)
			assert.JSONEq(t, tc.json, string(b))
			own, err := wiretest.Marshal(tc.target)
			require.NoError(t, err)
			assert.JSONEq(t, strings.ReplaceAll(tc.json, "Attends", intervention.Redacted), string(own), "its own JSON redacts")
			var back plan.Target
			require.NoError(t, plan.UnmarshalTargetDocument(b, &back))
			assert.Equal(t, tc.target.Criterion, back.Criterion)
			assert.Equal(t, tc.target.Comparator, back.Comparator)
			assert.True(t, tc.target.Value.Equal(back.Value))
			assert.Equal(t, tc.target.IsZero(), back.IsZero())
			assert.Equal(t, tc.target.Stated(), back.Stated())
		})
	}
	for _, bad := range []string{`{"comparator":"at-least"}`, `{"comparator":"at-least","value":"1e3"}`, `{"value":"+1"}`,
		`{"comparator":"at-least","value":"1."}`, `{"comparator":"at-least","value":".5"}`, `{"comparator":"at-least","value":"-"}`,
		`{"comparator":"at-least","value":"` + strings.Repeat("9", 33) + `"}`, `{"value":1}`, `{"comparator":"x"}`, `[]`, `{"Value":"1"}`} {
		keep := plan.Target{Criterion: intervention.NewText("kept")}
		err := plan.UnmarshalTargetDocument([]byte(bad), &keep)
		require.ErrorIs(t, err, intervention.ErrInvalid, bad)
		assert.Equal(t, plan.Target{Criterion: intervention.NewText("kept")}, keep, bad)
	}
}

func TestFrequencyAndPeriod(t *testing.T) {
	assert.True(t, plan.Frequency{}.IsZero())
	require.NoError(t, plan.Frequency{}.Validate())
	require.NoError(t, plan.Frequency{Count: 2, Per: plan.PerWeek}.Validate())
	assert.True(t, plan.Period{}.IsZero())
	require.NoError(t, plan.Period{}.Validate())
	err := plan.Period{Count: 0, Unit: "weeks"}.Validate()
	assert.ElementsMatch(t, []string{"count", "unit"}, paths(err))
	assert.Equal(t, plan.Period{Count: 3, Unit: plan.UnitMonths}, plan.Months(3))
}
