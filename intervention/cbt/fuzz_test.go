package cbt_test

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

func FuzzParseCourse(f *testing.F) {
	seed, err := wiretest.Marshal(rich(f))
	require.NoError(f, err)
	f.Add(seed)
	empty, err := wiretest.Marshal(newCourse(f, cbt.CBT4CBT(), nil))
	require.NoError(f, err)
	f.Add(empty)
	f.Add([]byte(`{"schemaVersion":"1"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"schemaVersion":"1","timeZone":"UTC","trendDays":7,"curriculum":{"rules":null}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := cbt.ParseCourse(b)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := wiretest.Marshal(c)
		require.NoError(t, err)
		back, err := cbt.ParseCourse(out)
		require.NoError(t, err)
		out2, err := wiretest.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2))
		asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		assert.Equal(t, c.Progress(asOf), back.Progress(asOf))
		assert.Equal(t, c.Findings(asOf), back.Findings(asOf))
	})
}

func FuzzParseEnums(f *testing.F) {
	for _, s := range []string{"core", "elective", "C-CBT-MATCH-1", "reviewed", "money-on-hand", "client-preferred", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := cbt.ParseTopicKind(s); err == nil {
			assert.Equal(t, s, v.String())
		} else {
			require.ErrorIs(t, err, intervention.ErrInvalid)
		}
		if v, err := cbt.ParseRule(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := cbt.ParseHomeworkStatus(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := cbt.ParseTrigger(s); err == nil {
			assert.Equal(t, s, v.String())
		}
		if v, err := cbt.ParseElectiveChoice(s); err == nil {
			assert.Equal(t, s, v.String())
		}
	})
}

func FuzzCurriculumJSON(f *testing.F) {
	for _, c := range []cbt.Curriculum{cbt.NIDACocaine(), cbt.ProjectMATCH(), cbt.CBT4CBT()} {
		b, err := wiretest.Marshal(c)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","name":"y","topics":[{"code":"a","name":"A","kind":"core"}],"first":"a","last":"a"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var cur cbt.Curriculum
		if json.Unmarshal(b, &cur) != nil {
			return
		}
		if err := cur.Validate(); err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		c, err := cbt.New(cbt.Config{ID: componentID, Patient: patientID, Curriculum: cur})
		require.NoError(t, err)
		assert.Len(t, cur.Topics, len(cur.Core())+len(cur.Electives()))
		p := c.Progress(t0)
		assert.Equal(t, len(cur.Core()) > 0, p.Completion.Computable())
	})
}

// pathPattern is the form of every finding path.
var pathPattern = regexp.MustCompile(`^(sessions|homework)\[\d+\]$`)

// FuzzFindings runs random scripts over the MATCH curriculum: findings are
// well formed, with the rule's severity, and completion stays in 0…1.
func FuzzFindings(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 7}, []byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, true)
	f.Add([]byte{8, 7, 0, 21, 21, 21}, []byte{0, 3, 2}, false)
	f.Fuzz(func(t *testing.T, topics, choices []byte, homework bool) {
		cur := cbt.ProjectMATCH()
		if len(topics) > 40 {
			topics = topics[:40]
		}
		var script []spec
		for k, b := range topics {
			sp := spec{topics: []string{cur.Topics[int(b)%len(cur.Topics)].Code}}
			if cur.Topics[int(b)%len(cur.Topics)].Kind == cbt.TopicElective && k < len(choices) {
				sp.choice = []cbt.ElectiveChoice{"", cbt.ChoiceJoint, cbt.ChoiceClientPreferred, cbt.ChoiceTherapist}[choices[k]%4]
			}
			script = append(script, sp)
		}
		c := scripted(t, cur, script, homework, func(cfg *cbt.Config) { cfg.ManualFidelity = true })
		asOf := week(len(script) + 2)
		for _, fd := range c.Findings(asOf) {
			assert.True(t, fd.Severity.Valid())
			assert.Regexp(t, pathPattern, fd.Path)
			assert.NotEmpty(t, fd.Message)
			switch fd.Rule {
			case string(cbt.RuleMATCH):
				assert.Equal(t, intervention.SeverityError, fd.Severity)
			case string(cbt.RuleNIDA):
				assert.Equal(t, intervention.SeverityWarning, fd.Severity)
			default:
				t.Fatalf("unknown rule %s", fd.Rule)
			}
		}
		p := c.Progress(asOf)
		v, ok := p.Completion.Value(4)
		require.True(t, ok)
		assert.True(t, v.Cmp(decimal.Zero) >= 0 && v.Cmp(decimal.NewFromInt(1)) <= 0)
	})
}

// FuzzTrendOf checks the trend's invariants on random logs.
func FuzzTrendOf(f *testing.F) {
	f.Add([]byte{0, 5, 1, 3, 9, 0, 7, 2, 1}, uint8(7), false)
	f.Add([]byte{200, 255, 1}, uint8(1), true)
	f.Fuzz(func(t *testing.T, b []byte, days uint8, mixed bool) {
		asOf := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
		var urges []cbt.Urge
		for i := 0; i+2 < len(b) && i < 300; i += 3 {
			u := cbt.Urge{
				ID: id(uint64(i + 1)), At: asOf.Add(-time.Duration(b[i]) * 7 * time.Hour),
				Intensity: int(b[i+1] % 11), Used: b[i+2]%2 == 0,
			}
			if mixed && b[i+2]%3 == 0 {
				u.Scale, u.Intensity = cbt.DiaryCardScale(), u.Intensity%6
			}
			require.NoError(t, u.Validate())
			urges = append(urges, u)
		}
		tr, err := cbt.TrendOf(urges, asOf, int(days), time.UTC)
		if days == 0 {
			require.ErrorIs(t, err, intervention.ErrOutOfRange)
			return
		}
		require.NoError(t, err)
		assert.LessOrEqual(t, tr.RecentCount+tr.PreviousCount, len(urges))
		assert.Equal(t, tr.RecentCount > 0, tr.Resisted.Computable())
		assert.Equal(t, tr.RecentCount > 0 && !tr.MixedScales, tr.RecentMean.Computable())
		if v, ok := tr.RecentMean.Value(6); ok {
			b := tr.Scale.Bounds()
			assert.True(t, v.Cmp(decimal.NewFromInt(int64(b.Min))) >= 0 && v.Cmp(decimal.NewFromInt(int64(b.Max))) <= 0)
		}
		if v, ok := tr.Resisted.Value(6); ok {
			assert.True(t, v.Cmp(decimal.Zero) >= 0 && v.Cmp(decimal.NewFromInt(1)) <= 0)
		}
	})
}
