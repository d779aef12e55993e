package cbt_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

func TestPresets(t *testing.T) {
	tests := []struct {
		name            string
		cur             cbt.Curriculum
		id              string
		core, electives int
		first, last     string
		maxEl, after    int
		joint           bool
		rules           []cbt.Rule
	}{
		// reference: plans-and-interop.md §1.1 (NCJRS 171830): ten topics.
		{"NIDA", cbt.NIDACocaine(), cbt.NIDACocaineID, 10, 0, "nida-cbt.introduction", "nida-cbt.termination", 0, 0, false, []cbt.Rule{cbt.RuleNIDA}},
		// reference: §1.2: 8 core, 14 electives, ≤ 4, after the first seven core.
		{"MATCH", cbt.ProjectMATCH(), cbt.ProjectMATCHID, 8, 14, "match-cbt.introduction", "match-cbt.termination", 4, 7, true, []cbt.Rule{cbt.RuleMATCH, cbt.RuleNIDA}},
		// reference: §1.3: seven modules, user chooses the order.
		{"CBT4CBT", cbt.CBT4CBT(), cbt.CBT4CBTID, 7, 0, "", "", 0, 0, false, []cbt.Rule{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.cur.Validate())
			assert.Equal(t, tt.id, tt.cur.ID)
			assert.Len(t, tt.cur.Core(), tt.core)
			assert.Len(t, tt.cur.Electives(), tt.electives)
			assert.Equal(t, tt.first, tt.cur.First)
			assert.Equal(t, tt.last, tt.cur.Last)
			assert.Equal(t, tt.maxEl, tt.cur.MaxElectives)
			assert.Equal(t, tt.after, tt.cur.ElectivesAfterCore)
			assert.Equal(t, tt.joint, tt.cur.JointElectiveChoice)
			assert.Equal(t, tt.rules, tt.cur.Rules)
			for _, top := range tt.cur.Topics {
				assert.True(t, strings.HasPrefix(top.Code, tt.id+"."), top.Code)
			}
			if tt.first != "" {
				assert.Equal(t, tt.first, tt.cur.Topics[0].Code, "the first topic is listed first")
				assert.Equal(t, tt.last, tt.cur.Core()[len(tt.cur.Core())-1].Code, "the final topic is the last core topic listed")
			}
		})
	}

	// Presets are fresh values: changing one changes no other.
	m := cbt.ProjectMATCH()
	m.Topics[0].Name = "changed"
	m.Rules[0] = cbt.RuleNIDA
	assert.Equal(t, "Introduction to Coping Skills Training", cbt.ProjectMATCH().Topics[0].Name)
	assert.Equal(t, cbt.RuleMATCH, cbt.ProjectMATCH().Rules[0])

	// The MATCH electives include both couples/family sessions.
	el := codes(cbt.ProjectMATCH().Electives())
	assert.Contains(t, el, "match-cbt.couples-family-1")
	assert.Contains(t, el, "match-cbt.couples-family-2")
}

func TestCurriculumLookups(t *testing.T) {
	m := cbt.ProjectMATCH()
	top, ok := m.Topic("match-cbt.drink-refusal")
	require.True(t, ok)
	assert.Equal(t, cbt.TopicCore, top.Kind)
	assert.Equal(t, "Drink Refusal Skills", top.Name)
	_, ok = m.Topic("nida-cbt.introduction")
	assert.False(t, ok)
	assert.True(t, m.HasRule(cbt.RuleMATCH))
	assert.False(t, cbt.NIDACocaine().HasRule(cbt.RuleMATCH))

	cl := m.Clone()
	cl.Topics[0].Code = "x"
	cl.Rules[0] = cbt.RuleNIDA
	assert.Equal(t, "match-cbt.introduction", m.Topics[0].Code, "Clone is deep")
	assert.Equal(t, cbt.RuleMATCH, m.Rules[0])
	empty := cbt.Curriculum{}.Clone()
	assert.NotNil(t, empty.Topics)
	assert.NotNil(t, empty.Rules)
}

func TestCurriculumValidate(t *testing.T) {
	host := func() cbt.Curriculum {
		return cbt.Curriculum{
			ID: "host.relapse-prevention", Name: "Relapse prevention",
			Topics: []cbt.Topic{
				{Code: "rp.intro", Name: "Intro", Kind: cbt.TopicCore},
				{Code: "rp.triggers", Name: "Triggers", Kind: cbt.TopicCore},
				{Code: "rp.sleep", Name: "Sleep", Kind: cbt.TopicElective},
				{Code: "rp.end", Name: "Ending", Kind: cbt.TopicCore},
			},
			First: "rp.intro", Last: "rp.end", MaxElectives: 1, ElectivesAfterCore: 2,
			JointElectiveChoice: true, Rules: []cbt.Rule{cbt.RuleMATCH},
		}
	}
	require.NoError(t, host().Validate(), "a host-defined curriculum")

	tests := []struct {
		name string
		edit func(*cbt.Curriculum)
		path string
		rule error
	}{
		{"no id", func(c *cbt.Curriculum) { c.ID = "" }, "id", intervention.ErrMissing},
		{"id not a code", func(c *cbt.Curriculum) { c.ID = "relapse prevention" }, "id", cbt.ErrBadCode},
		{"blank name", func(c *cbt.Curriculum) { c.Name = "  " }, "name", intervention.ErrMissing},
		{"long name", func(c *cbt.Curriculum) { c.Name = strings.Repeat("n", cbt.MaxNameBytes+1) }, "name", cbt.ErrBadText},
		{"name not UTF-8", func(c *cbt.Curriculum) { c.Name = "\xff" }, "name", cbt.ErrBadText},
		{"no topics", func(c *cbt.Curriculum) {
			c.Topics = nil
			c.First, c.Last, c.MaxElectives, c.ElectivesAfterCore = "", "", 0, 0
		}, "topics", intervention.ErrMissing},
		{"topic code", func(c *cbt.Curriculum) { c.Topics[1].Code = "bad code" }, "topics[1].code", cbt.ErrBadCode},
		{"topic code missing", func(c *cbt.Curriculum) { c.Topics[1].Code = "" }, "topics[1].code", intervention.ErrMissing},
		{"duplicate topic", func(c *cbt.Curriculum) { c.Topics[1].Code = "rp.intro" }, "topics[1].code", intervention.ErrDuplicate},
		{"topic name", func(c *cbt.Curriculum) { c.Topics[2].Name = "" }, "topics[2].name", intervention.ErrMissing},
		{"topic kind", func(c *cbt.Curriculum) { c.Topics[2].Kind = "optional" }, "topics[2].kind", cbt.ErrUnknownTopicKind},
		{"unknown first", func(c *cbt.Curriculum) { c.First = "rp.nope" }, "first", cbt.ErrUnknownTopic},
		{"elective first", func(c *cbt.Curriculum) { c.First = "rp.sleep" }, "first", intervention.ErrInconsistent},
		{"unknown last", func(c *cbt.Curriculum) { c.Last = "rp.nope" }, "last", cbt.ErrUnknownTopic},
		{"first is last", func(c *cbt.Curriculum) { c.Last = "rp.intro" }, "last", intervention.ErrInconsistent},
		{"max electives over", func(c *cbt.Curriculum) { c.MaxElectives = 2 }, "maxElectives", intervention.ErrOutOfRange},
		{"max electives negative", func(c *cbt.Curriculum) { c.MaxElectives = -1 }, "maxElectives", intervention.ErrOutOfRange},
		{"electives after too many core", func(c *cbt.Curriculum) { c.ElectivesAfterCore = 3 }, "electivesAfterCore", intervention.ErrOutOfRange},
		{"electives after negative", func(c *cbt.Curriculum) { c.ElectivesAfterCore = -1 }, "electivesAfterCore", intervention.ErrOutOfRange},
		{"unknown rule", func(c *cbt.Curriculum) { c.Rules = append(c.Rules, "C-TSF-1") }, "rules[1]", cbt.ErrUnknownRule},
		{"duplicate rule", func(c *cbt.Curriculum) { c.Rules = append(c.Rules, cbt.RuleMATCH) }, "rules[1]", intervention.ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := host()
			tt.edit(&c)
			requireField(t, c.Validate(), tt.path, tt.rule)
		})
	}

	// Boundaries: without Last, every core topic may be required before
	// electives; the electives cap may equal the catalogue.
	c := host()
	c.Last, c.ElectivesAfterCore = "", 3
	require.NoError(t, c.Validate())
	c = host()
	c.ElectivesAfterCore = 2
	require.NoError(t, c.Validate(), "two core topics besides the final one")

	// Every problem is reported at once.
	assert.ElementsMatch(t, []string{"id", "name", "topics"}, paths(cbt.Curriculum{}.Validate()))
}
