package motivation_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

func assessment(t testing.TB, n uint64, on string, s motivation.Stage) motivation.StageAssessment {
	return motivation.StageAssessment{
		ID: id(n), Behavior: target, Stage: s, On: day(t, on), Assessor: clinicianID,
		Method: motivation.MethodClinicalInterview,
	}
}

func TestStageAssessmentValidate(t *testing.T) {
	require.NoError(t, assessment(t, 1, "2025-01-06", motivation.StageContemplation).Validate())
	assert.ElementsMatch(t, []string{"id", "behavior", "stage", "on", "assessor", "method"},
		paths(motivation.StageAssessment{}.Validate()))
	a := assessment(t, 1, "2025-01-06", motivation.StageContemplation)
	a.Corrects = a.ID
	requireField(t, a.Validate(), "corrects", intervention.ErrInconsistent)
}

func TestStageHistory(t *testing.T) {
	h, err := motivation.NewStageHistory(target)
	require.NoError(t, err)
	assert.Equal(t, target, h.Behavior())

	pc := assessment(t, 1, "2025-01-06", motivation.StagePrecontemplation)
	c := assessment(t, 2, "2025-02-03", motivation.StageContemplation)
	p := assessment(t, 3, "2025-03-03", motivation.StagePreparation)
	for _, a := range []motivation.StageAssessment{pc, p, c} { // recorded out of date order
		replayed, err := h.Record(a)
		require.NoError(t, err)
		assert.False(t, replayed)
	}
	assert.Equal(t, 3, h.Len())
	assert.Equal(t, []motivation.StageAssessment{pc, p, c}, h.Entries(), "recording order")
	assert.Equal(t, []motivation.StageAssessment{pc, c, p}, h.Effective(intervention.Date{}), "date order")
	assert.Equal(t, []motivation.StageAssessment{pc, c}, h.Effective(day(t, "2025-02-03")))

	tests := []struct {
		on   string
		want motivation.Stage
		ok   bool
	}{
		{"2025-01-05", "", false},
		{"2025-01-06", motivation.StagePrecontemplation, true},
		{"2025-02-02", motivation.StagePrecontemplation, true},
		{"2025-02-03", motivation.StageContemplation, true},
		{"2025-12-31", motivation.StagePreparation, true},
	}
	for _, tt := range tests {
		got, ok := h.At(day(t, tt.on))
		assert.Equal(t, tt.ok, ok, tt.on)
		assert.Equal(t, tt.want, got.Stage, tt.on)
	}
	_, ok := h.At(intervention.Date{})
	assert.False(t, ok)

	t.Run("replay is a no-op", func(t *testing.T) {
		replayed, err := h.Record(c)
		require.NoError(t, err)
		assert.True(t, replayed)
		assert.Equal(t, 3, h.Len())
	})
	t.Run("same ID, different content", func(t *testing.T) {
		changed := c
		changed.Stage = motivation.StageAction
		_, err := h.Record(changed)
		requireField(t, err, "id", motivation.ErrConflict)
		require.ErrorIs(t, err, intervention.ErrDuplicate)
		assert.Equal(t, 3, h.Len())
	})
	t.Run("another behaviour", func(t *testing.T) {
		other := assessment(t, 9, "2025-03-04", motivation.StageAction)
		other.Behavior = "smoking"
		_, err := h.Record(other)
		requireField(t, err, "behavior", intervention.ErrInconsistent)
		assert.Equal(t, 3, h.Len())
	})
	t.Run("invalid", func(t *testing.T) {
		_, err := h.Record(motivation.StageAssessment{ID: id(10)})
		require.ErrorIs(t, err, intervention.ErrInvalid)
		assert.Equal(t, 3, h.Len())
	})

	t.Run("corrections", func(t *testing.T) {
		h := h // copies are independent
		fix := assessment(t, 20, "2025-02-03", motivation.StagePreparation)
		fix.Corrects = c.ID
		_, err := h.Record(fix)
		require.NoError(t, err)
		got, ok := h.At(day(t, "2025-02-10"))
		require.True(t, ok)
		assert.Equal(t, fix, got, "the correction replaces the corrected entry")
		assert.Equal(t, []motivation.StageAssessment{pc, fix, p}, h.Effective(intervention.Date{}))
		assert.Equal(t, 4, h.Len(), "the corrected entry is kept")

		again := assessment(t, 21, "2025-02-03", motivation.StageAction)
		again.Corrects = c.ID
		_, err = h.Record(again)
		requireField(t, err, "corrects", motivation.ErrAlreadyCorrected)

		again.Corrects = fix.ID // correct the correction instead
		_, err = h.Record(again)
		require.NoError(t, err)
		got, _ = h.At(day(t, "2025-02-10"))
		assert.Equal(t, motivation.StageAction, got.Stage)

		unknown := assessment(t, 22, "2025-02-03", motivation.StageAction)
		unknown.Corrects = id(999)
		_, err = h.Record(unknown)
		requireField(t, err, "corrects", motivation.ErrNotRecorded)
	})
	assert.Equal(t, 3, h.Len(), "the copy's records did not reach the original")
}

func TestStageHistoryCopiesAreIndependent(t *testing.T) {
	a, err := motivation.NewStageHistory(target)
	require.NoError(t, err)
	_, err = a.Record(assessment(t, 1, "2025-01-06", motivation.StageContemplation))
	require.NoError(t, err)
	b := a
	_, err = a.Record(assessment(t, 2, "2025-01-07", motivation.StageAction))
	require.NoError(t, err)
	_, err = b.Record(assessment(t, 3, "2025-01-08", motivation.StageRelapse))
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{id(1), id(2)}, ids(a.Entries()))
	assert.Equal(t, []uuid.UUID{id(1), id(3)}, ids(b.Entries()))
	entries := a.Entries()
	entries[0].Stage = motivation.StageMaintenance
	assert.Equal(t, motivation.StageContemplation, a.Entries()[0].Stage, "Entries returns a copy")
}

func ids(as []motivation.StageAssessment) []uuid.UUID {
	var out []uuid.UUID
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestStageHistoryZeroAndBadBehavior(t *testing.T) {
	_, err := motivation.NewStageHistory("no spaces allowed")
	requireField(t, err, "behavior", motivation.ErrBadBehavior)
	var h motivation.StageHistory
	_, err = h.Record(assessment(t, 1, "2025-01-06", motivation.StageContemplation))
	requireField(t, err, "behavior", motivation.ErrBadBehavior)
	assert.Zero(t, h.Len())
}

func TestStageFromAnswers(t *testing.T) {
	tests := []struct {
		name    string
		answers motivation.StagingAnswers
		asOf    string
		want    motivation.Stage
	}{
		{"no intention", motivation.StagingAnswers{}, "2025-07-31", motivation.StagePrecontemplation},
		{"within 6 months", motivation.StagingAnswers{IntendsWithin6Months: true}, "2025-07-31", motivation.StageContemplation},
		{"within 30 days", motivation.StagingAnswers{IntendsWithin30Days: true, IntendsWithin6Months: true}, "2025-07-31", motivation.StagePreparation},
		{"30 days implies preparation alone", motivation.StagingAnswers{IntendsWithin30Days: true}, "2025-07-31", motivation.StagePreparation},
		{"changed today", motivation.StagingAnswers{ChangedOn: day(t, "2025-07-31")}, "2025-07-31", motivation.StageAction},
		{"changed exactly 6 months ago is still action", motivation.StagingAnswers{ChangedOn: day(t, "2025-01-31")}, "2025-07-31", motivation.StageAction},
		{"more than 6 months is maintenance", motivation.StagingAnswers{ChangedOn: day(t, "2025-01-31")}, "2025-08-01", motivation.StageMaintenance},
		{"month-end clamp: 31 Aug + 6 months is 28 Feb", motivation.StagingAnswers{ChangedOn: day(t, "2024-08-31")}, "2025-02-28", motivation.StageAction},
		{"month-end clamp, next day", motivation.StagingAnswers{ChangedOn: day(t, "2024-08-31")}, "2025-03-01", motivation.StageMaintenance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := motivation.StageFromAnswers(tt.answers, day(t, tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := motivation.StageFromAnswers(motivation.StagingAnswers{}, intervention.Date{})
	requireField(t, err, "asOf", intervention.ErrMissing)
	_, err = motivation.StageFromAnswers(motivation.StagingAnswers{ChangedOn: day(t, "2025-08-01")}, day(t, "2025-07-31"))
	requireField(t, err, "changedOn", intervention.ErrOutOfRange)
}
