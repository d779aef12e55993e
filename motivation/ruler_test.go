package motivation_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

func rating(t testing.TB, n uint64, r motivation.Ruler, v int, on string) motivation.RulerRating {
	return motivation.RulerRating{ID: id(n), Ruler: r, Value: v, On: day(t, on), Rater: clinicianID}
}

func TestScale(t *testing.T) {
	assert.Equal(t, motivation.Scale{Min: 0, Max: 10}, motivation.DefaultScale())
	assert.Equal(t, motivation.Scale{Min: 1, Max: 10}, motivation.OneToTenScale())
	var zero motivation.Scale
	assert.True(t, zero.IsZero())
	assert.Equal(t, motivation.DefaultScale(), zero.Bounds())
	assert.Equal(t, "0-10", zero.String())
	assert.Equal(t, "1-10", motivation.OneToTenScale().String())
	assert.True(t, zero.Contains(0))
	assert.False(t, motivation.OneToTenScale().Contains(0))
	require.NoError(t, zero.Validate())
	for _, bad := range []motivation.Scale{{Min: -1, Max: 10}, {Min: 5, Max: 5}, {Min: 6, Max: 5}, {Min: 0, Max: 101}} {
		require.ErrorIs(t, bad.Validate(), intervention.ErrOutOfRange, "%v", bad)
	}
}

func TestRulerRatingValidate(t *testing.T) {
	r := rating(t, 1, motivation.RulerReadiness, 10, "2025-01-06")
	require.NoError(t, r.Validate())
	r.Value = 11
	requireField(t, r.Validate(), "value", intervention.ErrOutOfRange)
	r.Value, r.Scale = 0, motivation.OneToTenScale() // §10 D15: 0 is off a 1–10 scale
	requireField(t, r.Validate(), "value", intervention.ErrOutOfRange)
	r.Scale = motivation.Scale{Min: 3, Max: 2}
	requireField(t, r.Validate(), "scale", intervention.ErrOutOfRange)
	assert.ElementsMatch(t, []string{"id", "ruler", "on", "rater"}, paths(motivation.RulerRating{}.Validate()))
}

func TestRulerRatingJSONWritesScale(t *testing.T) {
	// §10 D15: the scale bounds are stored with each rating, even the default.
	r := rating(t, 1, motivation.RulerImportance, 7, "2025-01-06")
	b, err := wiretest.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"00000000-0000-0000-0000-000000000001","ruler":"importance","value":7,
		"scale":{"min":0,"max":10},"on":"2025-01-06","rater":"00000000-0000-0000-0000-0000000003ea"}`, string(b))
	var back motivation.RulerRating
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, motivation.DefaultScale(), back.Scale)
	kept := back
	require.Error(t, json.Unmarshal([]byte(`{"ruler":"desire"}`), &back))
	assert.Equal(t, kept, back)
}

func TestTrendOf(t *testing.T) {
	ratings := []motivation.RulerRating{
		rating(t, 3, motivation.RulerReadiness, 7, "2025-02-03"),
		rating(t, 1, motivation.RulerReadiness, 3, "2025-01-06"),
		rating(t, 2, motivation.RulerConfidence, 5, "2025-01-06"),
		rating(t, 4, motivation.RulerReadiness, 8, "2025-03-03"),
	}
	tr := motivation.TrendOf(ratings, motivation.RulerReadiness, intervention.Date{})
	require.Len(t, tr.Ratings, 3)
	assert.Equal(t, []int{3, 7, 8}, []int{tr.Ratings[0].Value, tr.Ratings[1].Value, tr.Ratings[2].Value})
	assertRatio(t, tr.Change, 5, 1)
	l, ok := tr.Latest()
	require.True(t, ok)
	assert.Equal(t, 8, l.Value)

	tr = motivation.TrendOf(ratings, motivation.RulerReadiness, day(t, "2025-02-03"))
	assertRatio(t, tr.Change, 4, 1)
	tr = motivation.TrendOf(ratings, motivation.RulerReadiness, day(t, "2025-01-31"))
	assert.False(t, tr.Change.Computable(), "one rating has no change")
	tr = motivation.TrendOf(ratings, motivation.RulerImportance, intervention.Date{})
	assert.Empty(t, tr.Ratings)
	_, ok = tr.Latest()
	assert.False(t, ok)

	t.Run("decrease", func(t *testing.T) {
		tr := motivation.TrendOf([]motivation.RulerRating{
			rating(t, 1, motivation.RulerReadiness, 9, "2025-01-06"), rating(t, 2, motivation.RulerReadiness, 4, "2025-01-13"),
		}, motivation.RulerReadiness, intervention.Date{})
		assertRatio(t, tr.Change, -5, 1)
	})
	t.Run("different scales are not comparable", func(t *testing.T) {
		b := rating(t, 2, motivation.RulerReadiness, 4, "2025-01-13")
		b.Scale = motivation.OneToTenScale()
		tr := motivation.TrendOf([]motivation.RulerRating{rating(t, 1, motivation.RulerReadiness, 9, "2025-01-06"), b},
			motivation.RulerReadiness, intervention.Date{})
		assert.False(t, tr.Change.Computable())
	})
	t.Run("zero scale equals the default", func(t *testing.T) {
		b := rating(t, 2, motivation.RulerReadiness, 4, "2025-01-13")
		b.Scale = motivation.DefaultScale()
		tr := motivation.TrendOf([]motivation.RulerRating{rating(t, 1, motivation.RulerReadiness, 9, "2025-01-06"), b},
			motivation.RulerReadiness, intervention.Date{})
		assertRatio(t, tr.Change, -5, 1)
	})
}

func TestClinicalToolkitHeuristic(t *testing.T) {
	// reference: §7.3 [S86] — 0–3 / 4–6 / 7–8 / 9–10, labelled heuristic.
	h := motivation.ClinicalToolkitHeuristic()
	require.NoError(t, h.Validate())
	want := []motivation.Stage{
		motivation.StagePrecontemplation, motivation.StagePrecontemplation, motivation.StagePrecontemplation, motivation.StagePrecontemplation,
		motivation.StageContemplation, motivation.StageContemplation, motivation.StageContemplation,
		motivation.StagePreparation, motivation.StagePreparation,
		motivation.StageAction, motivation.StageAction,
	}
	for v, stage := range want {
		est, err := h.Estimate(rating(t, 1, motivation.RulerReadiness, v, "2025-01-06"))
		require.NoError(t, err)
		assert.Equalf(t, stage, est.Stage, "value %d", v)
		assert.True(t, est.Heuristic, "always labelled heuristic")
		assert.Equal(t, "clinical-toolkit", est.Rule)
	}
}

func TestStageHeuristicErrors(t *testing.T) {
	h := motivation.ClinicalToolkitHeuristic()
	r := rating(t, 1, motivation.RulerReadiness, 5, "2025-01-06")

	other := r
	other.Ruler = motivation.RulerImportance
	_, err := h.Estimate(other)
	requireField(t, err, "ruler", intervention.ErrInconsistent)

	oneToTen := r
	oneToTen.Scale = motivation.OneToTenScale()
	_, err = h.Estimate(oneToTen)
	requireField(t, err, "scale", motivation.ErrScaleMismatch)

	bad := r
	bad.Value = 12
	_, err = h.Estimate(bad)
	requireField(t, err, "value", intervention.ErrOutOfRange)

	edit := func(f func(*motivation.StageHeuristic)) motivation.StageHeuristic {
		h := motivation.ClinicalToolkitHeuristic()
		h.Bands = append([]motivation.HeuristicBand(nil), h.Bands...)
		f(&h)
		return h
	}
	tests := []struct {
		name string
		h    motivation.StageHeuristic
		path string
		rule error
	}{
		{"no name", edit(func(h *motivation.StageHeuristic) { h.Name = "" }), "heuristic.name", intervention.ErrMissing},
		{"name not a code", edit(func(h *motivation.StageHeuristic) { h.Name = "my heuristic" }), "heuristic.name", motivation.ErrBadCode},
		{"unknown ruler", edit(func(h *motivation.StageHeuristic) { h.Ruler = "hope" }), "heuristic.ruler", motivation.ErrUnknownRuler},
		{"bad scale", edit(func(h *motivation.StageHeuristic) { h.Scale = motivation.Scale{Min: 4, Max: 1} }), "heuristic.scale", intervention.ErrOutOfRange},
		{"no bands", edit(func(h *motivation.StageHeuristic) { h.Bands = nil }), "heuristic.bands", intervention.ErrMissing},
		{"first band not at scale minimum", edit(func(h *motivation.StageHeuristic) { h.Bands[0].Min = 1 }), "heuristic.bands[0].min", motivation.ErrThresholds},
		{"not increasing", edit(func(h *motivation.StageHeuristic) { h.Bands[2].Min = 4 }), "heuristic.bands[2].min", motivation.ErrThresholds},
		{"beyond scale", edit(func(h *motivation.StageHeuristic) { h.Bands[3].Min = 11 }), "heuristic.bands[3].min", motivation.ErrThresholds},
		{"unknown stage", edit(func(h *motivation.StageHeuristic) { h.Bands[1].Stage = "thinking" }), "heuristic.bands[1].stage", motivation.ErrUnknownStage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.h.Estimate(r)
			requireField(t, err, tt.path, tt.rule)
		})
	}
}

func TestRulerRatingJSONIsStrict(t *testing.T) {
	var r motivation.RulerRating
	for _, in := range []string{
		`{"id":"00000000-0000-0000-0000-000000000001","ruler":"readiness","value":5,"extra":true}`,
		`{"id":"00000000-0000-0000-0000-000000000001","ruler":"readiness","value":"5"}`,
		`{"id":"00000000-0000-0000-0000-000000000001","ruler":"readiness","value":5} {}`,
	} {
		require.ErrorIs(t, r.UnmarshalJSON([]byte(in)), intervention.ErrInvalid, in)
	}
	require.ErrorIs(t, r.UnmarshalJSON([]byte(`{"ruler":"hope"}`)), motivation.ErrUnknownRuler)
}
