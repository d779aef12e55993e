package screen_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// auditC builds AUDIT-C answers from item scores (skip for unanswered).
func auditC(t testing.TB, sex screen.Sex, q1, q2, q3 int) screen.AUDITCAnswers {
	t.Helper()
	full := audit(t, [10]int{q1, q2, q3, skip, skip, skip, skip, skip, skip, skip})
	full.Sex = sex
	return full.AUDITC()
}

func TestScoreAUDITCVectors(t *testing.T) {
	tests := []struct {
		name       string
		sex        screen.Sex
		q1, q2, q3 int
		total      int
		positive   bool
		allQ1      bool
	}{
		// reference: V13
		{"V13 male 3 negative", screen.SexMale, 2, 1, 0, 3, false, false},
		// reference: V14
		{"V14 female 3 positive", screen.SexFemale, 2, 1, 0, 3, true, false},
		// reference: V15 (pins ≥ 4 for men, §10 D7)
		{"V15 male 4 positive", screen.SexMale, 2, 1, 1, 4, true, false},
		// reference: V16
		{"V16 female 2 negative", screen.SexFemale, 1, 1, 0, 2, false, false},
		// reference: V17
		{"V17 female all points from Q1", screen.SexFemale, 3, 0, 0, 3, true, true},
		// reference: V18
		{"V18 maximum, male", screen.SexMale, 4, 4, 4, 12, true, false},
		// reference: V18
		{"V18 maximum, female", screen.SexFemale, 4, 4, 4, 12, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := auditC(t, tc.sex, tc.q1, tc.q2, tc.q3)
			r, err := screen.ScoreAUDITC(a, screen.AUDITCOptions{})
			require.NoError(t, err)
			checkResult(t, r.Result)
			assert.Equal(t, tc.total, r.Score)
			assert.Equal(t, tc.positive, r.Positive)
			if tc.positive {
				assert.Equal(t, screen.BandPositive, r.Band)
				assert.Equal(t, screen.ActionFurtherAssessment, r.Action)
			} else {
				assert.Equal(t, screen.BandNegative, r.Band)
				assert.Equal(t, screen.ActionNone, r.Action)
			}
			assert.Equal(t, tc.allQ1, r.Flags.Has(screen.FlagAUDITCAllQ1))
			assert.Equal(t, "75626-2", r.LOINC) // reference: D16
			assert.Equal(t, 12, r.MaxScore)
			assert.Equal(t, screen.InstrumentAUDITC, r.Instrument)
			assert.Equal(t, "bradley-2003-cutoffs", r.Rule)
			assert.Equal(t, a, r.Answers)
			assert.True(t, r.Complete)
		})
	}
}

func TestScoreAUDITCBoundaryTable(t *testing.T) {
	// reference: instruments.md §1.4 — men positive at ≥ 4, women (and
	// anyone not recorded as male) at ≥ 3; every total 0–12.
	for total := 0; total <= 12; total++ {
		q1 := min(total, 4)
		q2 := min(total-q1, 4)
		q3 := total - q1 - q2
		for _, sex := range []screen.Sex{screen.SexMale, screen.SexFemale, screen.SexOther, ""} {
			r, err := screen.ScoreAUDITC(auditC(t, sex, q1, q2, q3), screen.AUDITCOptions{})
			require.NoError(t, err)
			cut := 3
			if sex == screen.SexMale {
				cut = 4
			}
			assert.Equal(t, total, r.Score)
			assert.Equal(t, total >= cut, r.Positive, "sex %q total %d", sex, total)
			assert.Equal(t, cut, r.Cutoff)
			assert.Equal(t, sex == screen.SexOther || sex == "", r.Flags.Has(screen.FlagDefaultSexCutoff))
		}
	}
}

func TestScoreAUDITCAllQ1OnlyWhenPositive(t *testing.T) {
	r, err := screen.ScoreAUDITC(auditC(t, screen.SexMale, 3, 0, 0), screen.AUDITCOptions{})
	require.NoError(t, err)
	assert.False(t, r.Positive)
	assert.False(t, r.Flags.Has(screen.FlagAUDITCAllQ1))
	r, err = screen.ScoreAUDITC(auditC(t, screen.SexMale, 4, 0, 0), screen.AUDITCOptions{})
	require.NoError(t, err)
	assert.True(t, r.Flags.Has(screen.FlagAUDITCAllQ1))
	assert.Equal(t, 4, r.Score, "the flag never changes the score")
}

func TestScoreAUDITCCompleteness(t *testing.T) {
	t.Run("Q1 never skips Q2 and Q3", func(t *testing.T) {
		r, err := screen.ScoreAUDITC(auditC(t, screen.SexMale, 0, skip, skip), screen.AUDITCOptions{Missing: screen.MissingReject})
		require.NoError(t, err)
		assert.True(t, r.Complete)
		assert.Equal(t, screen.BandNegative, r.Band)
	})
	t.Run("Q3 missing", func(t *testing.T) {
		a := auditC(t, screen.SexFemale, 3, 1, skip)
		r, err := screen.ScoreAUDITC(a, screen.AUDITCOptions{})
		require.NoError(t, err)
		checkResult(t, r.Result)
		assert.False(t, r.Complete)
		assert.True(t, r.Positive, "4 answered points already reach 3")
		_, err = screen.ScoreAUDITC(a, screen.AUDITCOptions{Missing: screen.MissingReject})
		requireField(t, err, "answers.q3", screen.ErrUnanswered)
	})
	t.Run("Q1 never contradicted", func(t *testing.T) {
		_, err := screen.ScoreAUDITC(auditC(t, screen.SexMale, 0, 1, 0), screen.AUDITCOptions{})
		requireField(t, err, "answers.q2", screen.ErrContradictsGate)
	})
	t.Run("unknown answers", func(t *testing.T) {
		_, err := screen.ScoreAUDITC(screen.AUDITCAnswers{Sex: "m", Q1: "daily", Q2: "2", Q3: "often"}, screen.AUDITCOptions{})
		requireField(t, err, "answers.sex", screen.ErrUnknownSex)
		requireField(t, err, "answers.q1", screen.ErrUnknownDrinkFrequency)
		requireField(t, err, "answers.q2", screen.ErrUnknownDrinkQuantity)
		requireField(t, err, "answers.q3", screen.ErrUnknownFrequency)
	})
}

func TestScoreAUDITCCutoffTables(t *testing.T) {
	assert.Equal(t, screen.AUDITCCutoffs{Name: "bradley-2003-cutoffs", Male: 4, Female: 3}, screen.BradleyAUDITCCutoffs())
	// reference: instruments.md §10 D7 — the minority "> 4" reading as data.
	fp := screen.AUDITCCutoffs{Name: "fpnotebook", Male: 5, Female: 3}
	r, err := screen.ScoreAUDITC(auditC(t, screen.SexMale, 2, 1, 1), screen.AUDITCOptions{Cutoffs: fp})
	require.NoError(t, err)
	assert.False(t, r.Positive)
	assert.Equal(t, "fpnotebook", r.Rule)

	same := screen.AUDITCCutoffs{Name: "same", Male: 3, Female: 3}
	r, err = screen.ScoreAUDITC(auditC(t, "", 2, 1, 0), screen.AUDITCOptions{Cutoffs: same})
	require.NoError(t, err)
	assert.False(t, r.Flags.Has(screen.FlagDefaultSexCutoff), "no flag when the table does not depend on sex")

	for name, c := range map[string]screen.AUDITCCutoffs{
		"options.cutoffs.male":   {Name: "x", Male: 13, Female: 3},
		"options.cutoffs.female": {Name: "x", Male: 4, Female: 0},
	} {
		_, err := screen.ScoreAUDITC(auditC(t, screen.SexMale, 1, 1, 1), screen.AUDITCOptions{Cutoffs: c})
		requireField(t, err, name, screen.ErrCutoffs)
	}
	_, err = screen.ScoreAUDITC(auditC(t, screen.SexMale, 1, 1, 1), screen.AUDITCOptions{Cutoffs: screen.AUDITCCutoffs{Male: 4, Female: 3}})
	requireField(t, err, "options.cutoffs.name", intervention.ErrMissing)
	_, err = screen.ScoreAUDITC(auditC(t, screen.SexMale, 1, 1, 1), screen.AUDITCOptions{Missing: "x"})
	requireField(t, err, "options.missing", screen.ErrUnknownMissingPolicy)
}
