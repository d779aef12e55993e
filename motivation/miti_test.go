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

func TestScoreMITIV42(t *testing.T) {
	// reference: V42
	c, g := v42()
	s, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{})
	require.NoError(t, err)
	assertRatio(t, s.Technical, 7, 2) // 3.5
	assertRatio(t, s.Relational, 4, 1)
	assertRatio(t, s.ComplexReflections, 8, 18)
	pct, ok := s.ComplexReflections.Percent(1)
	require.True(t, ok)
	assert.Equal(t, "44.4", pct.StringFixed(1))
	assertRatio(t, s.ReflectionToQuestion, 3, 2) // 18/12 = 1.5
	assert.Equal(t, 6, s.MIAdherent)
	assert.Equal(t, 1, s.MINonAdherent, "Persuade with Permission is not MINA")
	assert.Equal(t, motivation.CompetencyFair, s.TechnicalLevel)
	assert.Equal(t, motivation.CompetencyGood, s.RelationalLevel)
	assert.Equal(t, motivation.CompetencyFair, s.ComplexReflectionsLevel)
	assert.Equal(t, motivation.CompetencyFair, s.ReflectionToQuestionLevel)
	assert.Equal(t, "miti-4.2.1", s.Thresholds)
}

func TestScoreMITIV43(t *testing.T) {
	// reference: V43 — every summary score exactly on a threshold.
	c := motivation.MITICounts{SimpleReflection: 6, ComplexReflection: 6, Question: 6}
	g := motivation.MITIGlobals{CultivatingChangeTalk: 3, SofteningSustainTalk: 3, Partnership: 3, Empathy: 4}
	s, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{})
	require.NoError(t, err)
	assertRatio(t, s.Technical, 3, 1)
	assertRatio(t, s.Relational, 7, 2)
	assertRatio(t, s.ComplexReflections, 1, 2)
	assertRatio(t, s.ReflectionToQuestion, 2, 1)
	assert.Equal(t, motivation.CompetencyFair, s.TechnicalLevel, "fair with threshold 3")
	assert.Equal(t, motivation.CompetencyFair, s.RelationalLevel, "boundary 3.5")
	assert.Equal(t, motivation.CompetencyGood, s.ComplexReflectionsLevel, "boundary 50%")
	assert.Equal(t, motivation.CompetencyGood, s.ReflectionToQuestionLevel, "boundary 2.0")

	// §10 D14: under Lyssn's 3.5, technical 3.0 is not fair.
	l, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{Thresholds: motivation.LyssnThresholds()})
	require.NoError(t, err)
	assert.Equal(t, motivation.CompetencyBelowFair, l.TechnicalLevel)
	assert.Equal(t, "lyssn", l.Thresholds)
}

func TestScoreMITIV44(t *testing.T) {
	// reference: V44 — partnership and empathy are not given in the vector;
	// they are required (1–5), so any valid value will do.
	c := motivation.MITICounts{SimpleReflection: 3}
	g := motivation.MITIGlobals{CultivatingChangeTalk: 2, SofteningSustainTalk: 3, Partnership: 3, Empathy: 3}
	s, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{})
	require.NoError(t, err)
	assertRatio(t, s.Technical, 5, 2)
	assert.Equal(t, motivation.CompetencyBelowFair, s.TechnicalLevel)
	assertRatio(t, s.ComplexReflections, 0, 3)
	assert.Equal(t, motivation.CompetencyBelowFair, s.ComplexReflectionsLevel)
	assert.False(t, s.ReflectionToQuestion.Computable(), "R:Q = 3/0 is not computable")
	_, ok := s.ReflectionToQuestion.Value(2)
	assert.False(t, ok)
	assert.Equal(t, motivation.CompetencyNotComputable, s.ReflectionToQuestionLevel)
}

func TestScoreMITINoReflections(t *testing.T) {
	s, err := motivation.ScoreMITI(motivation.MITICounts{Question: 4},
		motivation.MITIGlobals{CultivatingChangeTalk: 1, SofteningSustainTalk: 1, Partnership: 1, Empathy: 1}, motivation.MITIOptions{})
	require.NoError(t, err)
	assert.False(t, s.ComplexReflections.Computable())
	assert.Equal(t, motivation.CompetencyNotComputable, s.ComplexReflectionsLevel)
	assertRatio(t, s.ReflectionToQuestion, 0, 1)
	assert.Equal(t, motivation.CompetencyBelowFair, s.ReflectionToQuestionLevel)
}

// TestMITIThresholdBoundaries pins every threshold at, just below and above
// its boundary (reference: §7.1 thresholds table; §10 D14).
func TestMITIThresholdBoundaries(t *testing.T) {
	globals := func(cct, sst, p, e int) motivation.MITIGlobals {
		return motivation.MITIGlobals{CultivatingChangeTalk: cct, SofteningSustainTalk: sst, Partnership: p, Empathy: e}
	}
	mid := globals(3, 3, 3, 3)
	reflect := func(sr, cr, q int) motivation.MITICounts {
		return motivation.MITICounts{SimpleReflection: sr, ComplexReflection: cr, Question: q}
	}
	base := reflect(5, 5, 5)
	lyssn := motivation.LyssnThresholds()
	tests := []struct {
		name       string
		counts     motivation.MITICounts
		globals    motivation.MITIGlobals
		thresholds motivation.MITIThresholds
		level      func(motivation.MITISummary) motivation.Competency
		want       motivation.Competency
	}{
		{"technical 2.5 below fair", base, globals(2, 3, 3, 3), motivation.MITIThresholds{}, tech, motivation.CompetencyBelowFair},
		{"technical 3.0 fair (D14 default)", base, globals(3, 3, 3, 3), motivation.MITIThresholds{}, tech, motivation.CompetencyFair},
		{"technical 3.5 fair", base, globals(3, 4, 3, 3), motivation.MITIThresholds{}, tech, motivation.CompetencyFair},
		{"technical 4.0 good", base, globals(4, 4, 3, 3), motivation.MITIThresholds{}, tech, motivation.CompetencyGood},
		{"technical 5.0 good", base, globals(5, 5, 3, 3), motivation.MITIThresholds{}, tech, motivation.CompetencyGood},
		{"lyssn technical 3.0 below fair", base, globals(3, 3, 3, 3), lyssn, tech, motivation.CompetencyBelowFair},
		{"lyssn technical 3.5 fair", base, globals(3, 4, 3, 3), lyssn, tech, motivation.CompetencyFair},
		{"lyssn technical 4.0 good", base, globals(4, 4, 3, 3), lyssn, tech, motivation.CompetencyGood},
		{"relational 3.0 below fair", base, globals(3, 3, 3, 3), motivation.MITIThresholds{}, rel, motivation.CompetencyBelowFair},
		{"relational 3.5 fair", base, globals(3, 3, 3, 4), motivation.MITIThresholds{}, rel, motivation.CompetencyFair},
		{"relational 4.0 good", base, globals(3, 3, 4, 4), motivation.MITIThresholds{}, rel, motivation.CompetencyGood},
		{"%CR 39% below fair", reflect(61, 39, 10), mid, motivation.MITIThresholds{}, pcr, motivation.CompetencyBelowFair},
		{"%CR 40% fair", reflect(3, 2, 10), mid, motivation.MITIThresholds{}, pcr, motivation.CompetencyFair},
		{"%CR 49% fair", reflect(51, 49, 10), mid, motivation.MITIThresholds{}, pcr, motivation.CompetencyFair},
		{"%CR 50% good", reflect(1, 1, 10), mid, motivation.MITIThresholds{}, pcr, motivation.CompetencyGood},
		{"%CR 100% good", reflect(0, 4, 10), mid, motivation.MITIThresholds{}, pcr, motivation.CompetencyGood},
		{"R:Q 0.9 below fair", reflect(9, 0, 10), mid, motivation.MITIThresholds{}, rq, motivation.CompetencyBelowFair},
		{"R:Q 1.0 fair", reflect(5, 5, 10), mid, motivation.MITIThresholds{}, rq, motivation.CompetencyFair},
		{"R:Q 1.9 fair", reflect(10, 9, 10), mid, motivation.MITIThresholds{}, rq, motivation.CompetencyFair},
		{"R:Q 2.0 good", reflect(10, 10, 10), mid, motivation.MITIThresholds{}, rq, motivation.CompetencyGood},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := motivation.ScoreMITI(tt.counts, tt.globals, motivation.MITIOptions{Thresholds: tt.thresholds})
			require.NoError(t, err)
			assert.Equal(t, tt.want, tt.level(s))
		})
	}
}

func tech(s motivation.MITISummary) motivation.Competency { return s.TechnicalLevel }
func rel(s motivation.MITISummary) motivation.Competency  { return s.RelationalLevel }
func pcr(s motivation.MITISummary) motivation.Competency  { return s.ComplexReflectionsLevel }
func rq(s motivation.MITISummary) motivation.Competency   { return s.ReflectionToQuestionLevel }

func TestScoreMITIInvalid(t *testing.T) {
	c, g := v42()
	t.Run("global 0", func(t *testing.T) {
		bad := g
		bad.Partnership = 0
		_, err := motivation.ScoreMITI(c, bad, motivation.MITIOptions{})
		requireField(t, err, "globals.partnership", intervention.ErrOutOfRange)
	})
	t.Run("global 6", func(t *testing.T) {
		bad := g
		bad.Empathy = 6
		_, err := motivation.ScoreMITI(c, bad, motivation.MITIOptions{})
		requireField(t, err, "globals.empathy", intervention.ErrOutOfRange)
	})
	t.Run("every global and count checked", func(t *testing.T) {
		bad := motivation.MITICounts{
			GivingInformation: -1, Persuade: -1, PersuadeWithPermission: -1, Question: -1, SimpleReflection: -1,
			ComplexReflection: -1, Affirm: -1, SeekingCollaboration: -1, EmphasizingAutonomy: -1,
			Confront: motivation.MaxBehaviorCount + 1,
		}
		_, err := motivation.ScoreMITI(bad, motivation.MITIGlobals{}, motivation.MITIOptions{})
		assert.ElementsMatch(t, []string{
			"counts.givingInformation", "counts.persuade", "counts.persuadeWithPermission", "counts.question",
			"counts.simpleReflection", "counts.complexReflection", "counts.affirm", "counts.seekingCollaboration",
			"counts.emphasizingAutonomy", "counts.confront",
			"globals.cultivatingChangeTalk", "globals.softeningSustainTalk", "globals.partnership", "globals.empathy",
		}, paths(err))
	})
	th := func(edit func(*motivation.MITIThresholds)) motivation.MITIThresholds {
		t := motivation.MITI421Thresholds()
		edit(&t)
		return t
	}
	tests := []struct {
		name string
		th   motivation.MITIThresholds
		path string
		rule error
	}{
		{"no name", th(func(t *motivation.MITIThresholds) { t.Name = "" }), "thresholds.name", intervention.ErrMissing},
		{"fair above good", th(func(t *motivation.MITIThresholds) { t.Technical.Fair = decimal.New(45, -1) }), "thresholds.technical", motivation.ErrThresholds},
		{"fair zero", th(func(t *motivation.MITIThresholds) { t.ReflectionToQuestion.Fair = decimal.Zero }), "thresholds.reflectionToQuestion.fair", motivation.ErrThresholds},
		{"percent above 100", th(func(t *motivation.MITIThresholds) { t.ComplexReflections.Good = decimal.NewFromInt(101) }), "thresholds.complexReflections.good", motivation.ErrThresholds},
		{"global threshold above 5", th(func(t *motivation.MITIThresholds) { t.Relational.Good = decimal.NewFromInt(6) }), "thresholds.relational.good", motivation.ErrThresholds},
		{"absurd exponent", th(func(t *motivation.MITIThresholds) { t.Relational.Fair = decimal.New(35, -900000000) }), "thresholds.relational.fair", motivation.ErrThresholds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{Thresholds: tt.th})
			requireField(t, err, tt.path, tt.rule)
		})
	}
}

func TestMITIThresholdPresets(t *testing.T) {
	m := motivation.MITI421Thresholds()
	require.NoError(t, m.Validate())
	require.NoError(t, motivation.LyssnThresholds().Validate())
	for _, c := range []struct {
		name string
		got  decimal.Decimal
		want string
	}{
		{"technical fair", m.Technical.Fair, "3"}, {"technical good", m.Technical.Good, "4"},
		{"relational fair", m.Relational.Fair, "3.5"}, {"relational good", m.Relational.Good, "4"},
		{"%CR fair", m.ComplexReflections.Fair, "40"}, {"%CR good", m.ComplexReflections.Good, "50"},
		{"R:Q fair", m.ReflectionToQuestion.Fair, "1"}, {"R:Q good", m.ReflectionToQuestion.Good, "2"},
		{"lyssn technical fair", motivation.LyssnThresholds().Technical.Fair, "3.5"},
	} {
		assert.Truef(t, c.got.Equal(decimal.RequireFromString(c.want)), "%s: got %s", c.name, c.got)
	}
	assert.True(t, motivation.MITIThresholds{}.IsZero())
	assert.False(t, m.IsZero())
}

func TestThresholdJSON(t *testing.T) {
	b, err := wiretest.Marshal(motivation.MITI421Thresholds())
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"miti-4.2.1",
		"technical":{"fair":"3.0","good":"4.0"},"relational":{"fair":"3.5","good":"4.0"},
		"complexReflections":{"fair":"40","good":"50"},"reflectionToQuestion":{"fair":"1.0","good":"2.0"}}`, string(b))
	var back motivation.MITIThresholds
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Technical.Fair.Equal(decimal.NewFromInt(3)))
	assert.True(t, back.Relational.Fair.Equal(decimal.New(35, -1)))

	var th motivation.Threshold
	for _, bad := range []string{`{"fair":"x","good":"4"}`, `{"fair":"3","good":"4","extra":1}`, `[]`, `{"fair":3,"good":4}`} {
		before := th
		require.ErrorIs(t, json.Unmarshal([]byte(bad), &th), intervention.ErrInvalid, bad)
		assert.Equal(t, before, th)
	}
}

func TestMITICoding(t *testing.T) {
	c, g := v42()
	coding := motivation.MITICoding{ID: id(1), Session: id(2), Coder: coderA, On: day(t, "2025-01-06"), SegmentMinutes: 20, Counts: c, Globals: g}
	require.NoError(t, coding.Validate())
	s, err := coding.Score(motivation.MITIOptions{})
	require.NoError(t, err)
	assert.Equal(t, motivation.CompetencyGood, s.RelationalLevel)

	var zero motivation.MITICoding
	assert.ElementsMatch(t, []string{
		"id", "session", "coder", "on",
		"globals.cultivatingChangeTalk", "globals.softeningSustainTalk", "globals.partnership", "globals.empathy",
	}, paths(zero.Validate()))
	coding.SegmentMinutes = -1
	requireField(t, coding.Validate(), "segmentMinutes", intervention.ErrOutOfRange)
}

func TestCompetencyEnum(t *testing.T) {
	for _, c := range motivation.Competencies() {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back motivation.Competency
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back)
		assert.Equal(t, string(b), c.String())
	}
	_, err := motivation.Competency("great").MarshalText()
	require.ErrorIs(t, err, motivation.ErrUnknownCompetency)
	_, err = motivation.ParseCompetency("great")
	require.ErrorIs(t, err, intervention.ErrInvalid)
}
