package motivation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

func TestScoreClientLanguageV45(t *testing.T) {
	// reference: V45
	s, err := motivation.ScoreClientLanguage(v45())
	require.NoError(t, err)
	assert.Equal(t, 8, s.ChangeTalk)
	assert.Equal(t, 4, s.SustainTalk)
	assert.Equal(t, 5, s.FollowNeutral, "FN is counted but in no ratio")
	assertRatio(t, s.PercentChangeTalk, 8, 12)
	pct, ok := s.PercentChangeTalk.Percent(1)
	require.True(t, ok)
	assert.Equal(t, "66.7", pct.StringFixed(1))
	assert.Equal(t, 6, s.PreparatoryChange, "R+ 4 and D+ 2 (DARN)")
	assert.Equal(t, 2, s.MobilizingChange, "C+ 1 and TS+ 1 (CAT)")
	assert.Equal(t, 4, s.PreparatorySustain, "R− 3 and A− 1")
	assert.Equal(t, 0, s.MobilizingSustain)
	assertRatio(t, s.MobilizingShare, 2, 8)
	assert.Equal(t, 4, s.Count(motivation.ClientReason, motivation.ValenceChange))
	assert.Equal(t, 3, s.Count(motivation.ClientReason, motivation.ValenceSustain))
	assert.Equal(t, 5, s.Count(motivation.ClientFollowNeutral, ""))
	assert.Equal(t, 0, s.Count(motivation.ClientNeed, motivation.ValenceChange))
	ch, st := motivation.ValenceChange, motivation.ValenceSustain
	assert.Equal(t, []motivation.ClientCodeCount{
		{Code: motivation.ClientFollowNeutral, Count: 5},
		{Code: motivation.ClientCommitment, Valence: ch, Count: 1},
		{Code: motivation.ClientReason, Valence: ch, Count: 4},
		{Code: motivation.ClientReason, Valence: st, Count: 3},
		{Code: motivation.ClientDesire, Valence: ch, Count: 2},
		{Code: motivation.ClientAbility, Valence: st, Count: 1},
		{Code: motivation.ClientTakingSteps, Valence: ch, Count: 1},
	}, s.Counts, "merged, in ClientCodes order, zero counts left out")
}

func TestScoreClientLanguageUndefined(t *testing.T) {
	// reference: V45 — with CT = ST = 0, %CT is undefined, not 0.
	for name, counts := range map[string][]motivation.ClientCodeCount{
		"no counts":         nil,
		"only follow":       {{Code: motivation.ClientFollowNeutral, Count: 7}},
		"zero change talk":  {{Code: motivation.ClientNeed, Valence: motivation.ValenceChange, Count: 0}},
		"only zero entries": {{Code: motivation.ClientOther, Valence: motivation.ValenceSustain}},
	} {
		t.Run(name, func(t *testing.T) {
			s, err := motivation.ScoreClientLanguage(counts)
			require.NoError(t, err)
			assert.False(t, s.PercentChangeTalk.Computable())
			assert.False(t, s.MobilizingShare.Computable())
			assert.NotNil(t, s.Counts)
		})
	}
}

func TestScoreClientLanguageMergesAndOther(t *testing.T) {
	ch, st := motivation.ValenceChange, motivation.ValenceSustain
	s, err := motivation.ScoreClientLanguage([]motivation.ClientCodeCount{
		{Code: motivation.ClientOther, Valence: ch, Count: 2},
		{Code: motivation.ClientOther, Valence: ch, Count: 3},
		{Code: motivation.ClientActivation, Valence: ch, Count: 1},
		{Code: motivation.ClientCommitment, Valence: st, Count: 2},
		{Code: motivation.ClientNeed, Valence: st, Count: 1},
	})
	require.NoError(t, err)
	assert.Equal(t, 5, s.Count(motivation.ClientOther, ch))
	assert.Equal(t, 6, s.ChangeTalk)
	assert.Equal(t, 3, s.SustainTalk)
	assert.Equal(t, 0, s.PreparatoryChange, "other is neither DARN nor CAT")
	assert.Equal(t, 1, s.MobilizingChange, "activation (AutoMISC extension) is mobilizing")
	assert.Equal(t, 2, s.MobilizingSustain)
	assert.Equal(t, 1, s.PreparatorySustain)
	assertRatio(t, s.PercentChangeTalk, 6, 9)
}

func TestScoreClientLanguageInvalid(t *testing.T) {
	tests := []struct {
		name  string
		count motivation.ClientCodeCount
		path  string
		rule  error
	}{
		{"follow with valence", motivation.ClientCodeCount{Code: motivation.ClientFollowNeutral, Valence: motivation.ValenceChange, Count: 1}, "counts[0].valence", intervention.ErrInconsistent},
		{"reason without valence", motivation.ClientCodeCount{Code: motivation.ClientReason, Count: 1}, "counts[0].valence", intervention.ErrMissing},
		{"unknown valence", motivation.ClientCodeCount{Code: motivation.ClientReason, Valence: "+", Count: 1}, "counts[0].valence", motivation.ErrUnknownValence},
		{"unknown code", motivation.ClientCodeCount{Code: "R", Valence: motivation.ValenceChange, Count: 1}, "counts[0].code", motivation.ErrUnknownClientCode},
		{"negative count", motivation.ClientCodeCount{Code: motivation.ClientNeed, Valence: motivation.ValenceChange, Count: -1}, "counts[0].count", intervention.ErrOutOfRange},
		{"count too large", motivation.ClientCodeCount{Code: motivation.ClientNeed, Valence: motivation.ValenceChange, Count: motivation.MaxBehaviorCount + 1}, "counts[0].count", intervention.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := motivation.ScoreClientLanguage([]motivation.ClientCodeCount{tt.count})
			requireField(t, err, tt.path, tt.rule)
		})
	}
}

func TestClientCodeTaxonomy(t *testing.T) {
	want := map[motivation.ClientCode][2]string{
		motivation.ClientFollowNeutral: {"FN", ""},
		motivation.ClientCommitment:    {"C", motivation.KindMobilizing},
		motivation.ClientReason:        {"R", motivation.KindPreparatory},
		motivation.ClientDesire:        {"D", motivation.KindPreparatory},
		motivation.ClientAbility:       {"A", motivation.KindPreparatory},
		motivation.ClientNeed:          {"N", motivation.KindPreparatory},
		motivation.ClientTakingSteps:   {"TS", motivation.KindMobilizing},
		motivation.ClientOther:         {"O", ""},
		motivation.ClientActivation:    {"AC", motivation.KindMobilizing},
	}
	require.Len(t, motivation.ClientCodes(), len(want))
	for _, c := range motivation.ClientCodes() {
		assert.Equalf(t, want[c][0], c.Abbreviation(), "%s", c)
		assert.Equalf(t, want[c][1], c.Kind(), "%s", c)
	}
	assert.Empty(t, motivation.ClientCode("x").Abbreviation())
	assert.Empty(t, motivation.ClientCode("x").Kind())
}

func TestClientLanguageCoding(t *testing.T) {
	c := motivation.ClientLanguageCoding{ID: id(1), Session: id(2), Coder: coderA, On: day(t, "2025-01-06"), Counts: v45()}
	require.NoError(t, c.Validate())
	s, err := c.Summary()
	require.NoError(t, err)
	assert.Equal(t, 8, s.ChangeTalk)
	c.Counts = append(c.Counts, motivation.ClientCodeCount{Code: "bogus"})
	requireField(t, c.Validate(), "counts[7].code", motivation.ErrUnknownClientCode)
	assert.ElementsMatch(t, []string{"id", "session", "coder", "on"}, paths(motivation.ClientLanguageCoding{}.Validate()))
}
