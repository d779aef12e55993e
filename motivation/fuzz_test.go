package motivation_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// answerBytes turns fuzz bytes into answers in −1…6 (mostly valid).
func answerBytes(b []byte, n int) []int {
	out := make([]int, n)
	for i := range out {
		if i < len(b) {
			out[i] = int(b[i]%8) - 1
		}
	}
	return out
}

func FuzzScoreURICA(f *testing.F) {
	v46 := uniform(2, 4, 3, 3, 5)
	seed := make([]byte, motivation.URICAItems)
	for i, v := range v46.Items {
		seed[i] = byte(v + 1)
	}
	f.Add(seed, uint8(0))
	f.Add(make([]byte, motivation.URICAItems), uint8(1))
	f.Add([]byte{7, 7, 7}, uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, banding uint8) {
		var a motivation.URICAAnswers
		copy(a.Items[:], answerBytes(b, motivation.URICAItems))
		opts := motivation.URICAOptions{}
		switch banding % 3 {
		case 1:
			opts.Banding = motivation.VCUGroupMeans()
		case 2:
			opts.Banding = motivation.CommonURICACutoffs()
		}
		r, err := motivation.ScoreURICA(a, opts)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		// Readiness stays in −2…14 and equals C + A + M − PC over 7.
		lo, hi := decimal.NewFromInt(-2), decimal.NewFromInt(14)
		v, ok := r.Readiness.Value(10)
		require.True(t, ok)
		assert.True(t, v.Cmp(lo) >= 0 && v.Cmp(hi) <= 0, "readiness %s", v)
		sum := r.Totals.Contemplation + r.Totals.Action + r.Totals.Maintenance - r.Totals.Precontemplation
		assertRatio(t, r.Readiness, int64(sum), 7)
		if opts.Banding != nil {
			assert.True(t, r.Band.Stage.Valid())
		}
		// The unscored items never matter.
		for _, item := range motivation.URICAUnscoredItems() {
			a.Items[item-1] = 0
		}
		r2, err := motivation.ScoreURICA(a, opts)
		require.NoError(t, err)
		assert.Equal(t, r.Totals, r2.Totals)
	})
}

func FuzzScoreSOCRATES(f *testing.F) {
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		var a motivation.SOCRATESAnswers
		copy(a.Items[:], answerBytes(b, motivation.SOCRATESItems))
		r, err := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{})
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		for _, s := range motivation.SOCRATESScales() {
			lo, hi := s.Range()
			sc := r.Score(s)
			assert.True(t, sc.Raw >= lo && sc.Raw <= hi)
			assert.True(t, sc.Decile >= 10 && sc.Decile <= 90 && sc.Decile%10 == 0, "every raw score has a decile")
		}
	})
}

func FuzzScoreMITI(f *testing.F) {
	f.Add(10, 8, 12, 2, 3, 1, 1, 2, 0, 5, 4, 3, 4, 4)
	f.Add(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 3)
	f.Add(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 3, 3)
	f.Fuzz(func(t *testing.T, sr, cr, q, seek, af, emph, pers, pwp, conf, gi, cct, sst, part, emp int) {
		c := motivation.MITICounts{
			SimpleReflection: sr, ComplexReflection: cr, Question: q, SeekingCollaboration: seek, Affirm: af,
			EmphasizingAutonomy: emph, Persuade: pers, PersuadeWithPermission: pwp, Confront: conf, GivingInformation: gi,
		}
		g := motivation.MITIGlobals{CultivatingChangeTalk: cct, SofteningSustainTalk: sst, Partnership: part, Empathy: emp}
		s, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{})
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		assert.Equal(t, seek+af+emph, s.MIAdherent)
		assert.Equal(t, conf+pers, s.MINonAdherent)
		assert.Equal(t, q == 0, s.ReflectionToQuestionLevel == motivation.CompetencyNotComputable)
		assert.Equal(t, sr+cr == 0, s.ComplexReflectionsLevel == motivation.CompetencyNotComputable)
		for _, l := range []motivation.Competency{s.TechnicalLevel, s.RelationalLevel, s.ComplexReflectionsLevel, s.ReflectionToQuestionLevel} {
			assert.True(t, l.Valid())
		}
		// The Lyssn thresholds are stricter, never looser.
		l, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{Thresholds: motivation.LyssnThresholds()})
		require.NoError(t, err)
		order := map[motivation.Competency]int{motivation.CompetencyBelowFair: 0, motivation.CompetencyFair: 1, motivation.CompetencyGood: 2}
		assert.LessOrEqual(t, order[l.TechnicalLevel], order[s.TechnicalLevel])
	})
}

func FuzzScoreClientLanguage(f *testing.F) {
	seed, err := wiretest.Marshal(v45())
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`[{"code":"follow-neutral","count":3}]`))
	f.Add([]byte(`[{"code":"reason","valence":"sustain","count":-1}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var counts []motivation.ClientCodeCount
		if json.Unmarshal(b, &counts) != nil {
			return
		}
		s, err := motivation.ScoreClientLanguage(counts)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		assert.Equal(t, s.ChangeTalk+s.SustainTalk == 0, !s.PercentChangeTalk.Computable())
		assert.LessOrEqual(t, s.PreparatoryChange+s.MobilizingChange, s.ChangeTalk)
		assert.LessOrEqual(t, s.PreparatorySustain+s.MobilizingSustain, s.SustainTalk)
		total := 0
		for _, c := range s.Counts {
			total += c.Count
		}
		assert.Equal(t, s.ChangeTalk+s.SustainTalk+s.FollowNeutral, total)
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"contemplation", "readiness", "evoking", "reason", "change", "fair", "recognition", "urica", "alcohol-use", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := motivation.ParseStage(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseAssessmentMethod(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseRuler(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseProcess(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseClientCode(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseValence(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseCompetency(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseSOCRATESScale(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := motivation.ParseBehavior(s); err == nil {
			assert.Equal(t, s, v.String())
		} else {
			require.ErrorIs(t, err, intervention.ErrInvalid)
		}
	})
}

func FuzzComponentJSON(f *testing.F) {
	c := series(f, 3)
	seed, err := wiretest.Marshal(c)
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"schemaVersion":"1"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := motivation.ParseComponent(b)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := wiretest.Marshal(c)
		require.NoError(t, err)
		back, err := motivation.ParseComponent(out)
		require.NoError(t, err)
		out2, err := wiretest.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2))
		_ = back.Progress(t0)
	})
}

func FuzzThresholdJSON(f *testing.F) {
	f.Add(`{"fair":"3.0","good":"4.0"}`)
	f.Add(`{"fair":"1e-900000000","good":"4"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var th motivation.Threshold
		if json.Unmarshal([]byte(s), &th) != nil {
			return
		}
		ts := motivation.MITI421Thresholds()
		ts.Technical = th
		if ts.Validate() != nil {
			return
		}
		b, err := wiretest.Marshal(th)
		require.NoError(t, err)
		var back motivation.Threshold
		require.NoError(t, json.Unmarshal(b, &back))
		assert.True(t, back.Fair.Equal(th.Fair) && back.Good.Equal(th.Good))
	})
}
