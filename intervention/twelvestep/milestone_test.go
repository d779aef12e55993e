package twelvestep_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

func TestDefaultMilestones(t *testing.T) {
	s := twelvestep.DefaultMilestones()
	require.NoError(t, s.Validate())
	assert.Empty(t, s.Unordered())
	var codes []string
	for _, d := range s.Through(day(t, "2025-01-01"), day(t, "2028-01-01")) {
		codes = append(codes, d.Milestone.Code)
	}
	// reference: plans-and-interop.md §3.3 — 24 h, 30/60/90 d, 6/9 mo, 1 yr, 18 mo, then yearly.
	assert.Equal(t, []string{"24-hours", "30-days", "60-days", "90-days", "6-months", "9-months", "1-year", "18-months", "2-years", "3-years"}, codes)
	assert.NotSame(t, &s.Milestones[0], &twelvestep.DefaultMilestones().Milestones[0], "presets are fresh values")
}

func TestMilestoneDateFrom(t *testing.T) {
	start := day(t, "2025-08-31")
	tests := []struct {
		m    twelvestep.Milestone
		want string
	}{
		{twelvestep.Milestone{Code: "a", Count: 1, Unit: twelvestep.UnitDay}, "2025-09-01"},
		{twelvestep.Milestone{Code: "a", Count: 6, Unit: twelvestep.UnitMonth}, "2026-02-28"},
		{twelvestep.Milestone{Code: "a", Count: 1, Unit: twelvestep.UnitMonth}, "2025-09-30"},
		{twelvestep.Milestone{Code: "a", Count: 2, Unit: twelvestep.UnitYear}, "2027-08-31"},
		{twelvestep.Milestone{Code: "a", Count: 2, Unit: "week"}, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.m.DateFrom(start).String(), "%d %s", tt.m.Count, tt.m.Unit)
	}
}

func TestMilestoneScheduleValidate(t *testing.T) {
	m := func(code string, n int, u twelvestep.Unit) twelvestep.Milestone {
		return twelvestep.Milestone{Code: code, Count: n, Unit: u}
	}
	tests := []struct {
		name  string
		sched twelvestep.MilestoneSchedule
		path  string
		rule  error
	}{
		{"bad name", twelvestep.MilestoneSchedule{Name: "my chips", ThenEveryYears: 1}, "name", twelvestep.ErrBadCode},
		{"empty", twelvestep.MilestoneSchedule{Name: "none"}, "milestones", intervention.ErrMissing},
		{"too many", twelvestep.MilestoneSchedule{Name: "x", Milestones: make([]twelvestep.Milestone, twelvestep.MaxMilestones+1)}, "milestones", intervention.ErrOutOfRange},
		{"bad code", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("", 1, twelvestep.UnitDay)}}, "milestones[0].code", twelvestep.ErrBadCode},
		{"duplicate code", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 1, twelvestep.UnitDay), m("a", 2, twelvestep.UnitDay)}}, "milestones[1].code", intervention.ErrDuplicate},
		{"unknown unit", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 1, "week")}}, "milestones[0].unit", twelvestep.ErrUnknownUnit},
		{"zero count", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 0, twelvestep.UnitDay)}}, "milestones[0].count", intervention.ErrOutOfRange},
		{"too many days", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 366*100+1, twelvestep.UnitDay)}}, "milestones[0].count", intervention.ErrOutOfRange},
		{"too many months", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 1201, twelvestep.UnitMonth)}}, "milestones[0].count", intervention.ErrOutOfRange},
		{"too many years", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 101, twelvestep.UnitYear)}}, "milestones[0].count", intervention.ErrOutOfRange},
		{"negative recurrence", twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{m("a", 1, twelvestep.UnitDay)}, ThenEveryYears: -1}, "thenEveryYears", intervention.ErrOutOfRange},
		{"recurrence too long", twelvestep.MilestoneSchedule{Name: "x", ThenEveryYears: 101}, "thenEveryYears", intervention.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireField(t, tt.sched.Validate(), tt.path, tt.rule)
			cfg := config(twelvestep.MAAEZ())
			cfg.Milestones = tt.sched
			_, err := twelvestep.New(cfg)
			requireField(t, err, "milestones."+tt.path, tt.rule)
		})
	}
	require.NoError(t, twelvestep.MilestoneSchedule{Name: "yearly", ThenEveryYears: 1}.Validate())
}

func TestMilestoneScheduleUnordered(t *testing.T) {
	m := func(n int, u twelvestep.Unit) twelvestep.Milestone {
		return twelvestep.Milestone{Code: "m" + string(u) + string(rune('a'+n%26)), Count: n, Unit: u}
	}
	tests := []struct {
		name string
		list []twelvestep.Milestone
		want []int
	}{
		{"days ascending", []twelvestep.Milestone{m(1, twelvestep.UnitDay), m(2, twelvestep.UnitDay)}, nil},
		{"equal days", []twelvestep.Milestone{m(2, twelvestep.UnitDay), {Code: "x", Count: 2, Unit: twelvestep.UnitDay}}, []int{1}},
		{"30 days then 1 month can coincide", []twelvestep.Milestone{m(30, twelvestep.UnitDay), m(1, twelvestep.UnitMonth)}, []int{1}},
		{"27 days then 1 month", []twelvestep.Milestone{m(27, twelvestep.UnitDay), m(1, twelvestep.UnitMonth)}, nil},
		{"12 months then 1 year", []twelvestep.Milestone{m(12, twelvestep.UnitMonth), m(1, twelvestep.UnitYear)}, []int{1}},
		{"descending", []twelvestep.Milestone{m(90, twelvestep.UnitDay), m(60, twelvestep.UnitDay), m(6, twelvestep.UnitMonth)}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := twelvestep.MilestoneSchedule{Name: "x", Milestones: tt.list}
			assert.Equal(t, tt.want, s.Unordered())
		})
	}
}

// Whenever Unordered is empty, the listed milestones fall on strictly
// increasing dates from every start date over a four-year cycle, and
// Next, Last and Reached agree with Through.
func TestMilestoneScheduleProperties(t *testing.T) {
	schedules := []twelvestep.MilestoneSchedule{
		twelvestep.DefaultMilestones(),
		{Name: "months", Milestones: []twelvestep.Milestone{
			{Code: "1", Count: 1, Unit: twelvestep.UnitMonth}, {Code: "2", Count: 2, Unit: twelvestep.UnitMonth},
			{Code: "3", Count: 3, Unit: twelvestep.UnitMonth}, {Code: "13", Count: 13, Unit: twelvestep.UnitMonth},
			{Code: "y2", Count: 2, Unit: twelvestep.UnitYear},
		}, ThenEveryYears: 5},
		{Name: "tight", Milestones: []twelvestep.Milestone{
			{Code: "27d", Count: 27, Unit: twelvestep.UnitDay}, {Code: "1m", Count: 1, Unit: twelvestep.UnitMonth},
			{Code: "32d", Count: 32, Unit: twelvestep.UnitDay}, {Code: "1y", Count: 1, Unit: twelvestep.UnitYear},
			{Code: "367d", Count: 367, Unit: twelvestep.UnitDay},
		}},
		{Name: "yearly", ThenEveryYears: 2},
	}
	for _, s := range schedules {
		require.NoError(t, s.Validate())
		require.Empty(t, s.Unordered(), s.Name)
		for start := day(t, "2023-01-01"); start.Before(day(t, "2027-01-01")); start = start.AddDays(1) {
			prev := start
			for _, m := range s.Milestones {
				d := m.DateFrom(start)
				require.Truef(t, d.After(prev), "%s: %s from %s", s.Name, m.Code, start)
				prev = d
			}
		}
		start := day(t, "2024-02-29")
		for today := start.AddDays(-3); today.Before(day(t, "2031-06-01")); today = today.AddDays(17) {
			through := s.Through(start, today)
			assert.Equal(t, len(through), s.Reached(start, today), "%s %s", s.Name, today)
			last, ok := s.Last(start, today)
			assert.Equal(t, len(through) > 0, ok)
			if ok {
				assert.Equal(t, through[len(through)-1], last)
			}
			next, ok := s.Next(start, today)
			if !ok {
				assert.Len(t, s.Through(start, day(t, "9999-12-31")), len(through), "%s %s: no next, nothing left", s.Name, today)
				continue
			}
			assert.True(t, next.On.After(today))
			assert.Len(t, s.Through(start, next.On), len(through)+1, "%s %s: nothing between today and next", s.Name, today)
		}
	}
	var none twelvestep.MilestoneSchedule
	_, ok := none.Next(intervention.Date{}, day(t, "2025-01-01"))
	assert.False(t, ok)
	_, ok = none.Last(day(t, "2025-01-01"), intervention.Date{})
	assert.False(t, ok)
	assert.Zero(t, none.Reached(day(t, "2025-01-02"), day(t, "2025-01-01")))
	assert.Nil(t, none.Through(day(t, "2025-01-02"), day(t, "2025-01-01")))
}

func TestCurriculumPresets(t *testing.T) {
	for _, c := range []twelvestep.Curriculum{twelvestep.MATCHTSF(), twelvestep.MAAEZ()} {
		require.NoError(t, c.Validate(), c.Name)
		assert.Equal(t, c.Protocol.Sessions(), c.Sessions)
		first, ok := c.Topic(c.Topics[0].ID)
		require.True(t, ok)
		assert.Equal(t, twelvestep.TopicOpening, first.Kind)
		_, ok = c.Topic("nope")
		assert.False(t, ok)
	}
	m := twelvestep.MAAEZ()
	assert.Len(t, m.Required(), 6)
	assert.Equal(t, 6, m.Sessions)
	match := twelvestep.MATCHTSF()
	assert.Equal(t, 12, match.Sessions)
	var req []string
	for _, tp := range match.Required() {
		req = append(req, tp.ID)
	}
	assert.Equal(t, []string{"match-tsf.introduction", "match-tsf.acceptance", "match-tsf.surrender", "match-tsf.getting-active", "match-tsf.termination"}, req)
	assert.Zero(t, twelvestep.ProtocolCustom.Sessions())
	assert.Zero(t, twelvestep.Protocol("x").Sessions())
}

func TestCurriculumValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*twelvestep.Curriculum)
		path string
		rule error
	}{
		{"unknown protocol", func(c *twelvestep.Curriculum) { c.Protocol = "aa-big-book" }, "protocol", twelvestep.ErrUnknownProtocol},
		{"bad name", func(c *twelvestep.Curriculum) { c.Name = "" }, "name", twelvestep.ErrBadCode},
		{"no sessions", func(c *twelvestep.Curriculum) { c.Sessions = 0 }, "sessions", intervention.ErrOutOfRange},
		{"too many sessions", func(c *twelvestep.Curriculum) { c.Sessions = 101 }, "sessions", intervention.ErrOutOfRange},
		{"MATCH is 12 sessions", func(c *twelvestep.Curriculum) { c.Sessions = 15 }, "sessions", twelvestep.ErrCurriculum},
		{"no topics", func(c *twelvestep.Curriculum) { c.Topics = nil }, "topics", intervention.ErrMissing},
		{"too many topics", func(c *twelvestep.Curriculum) {
			c.Topics = make([]twelvestep.Topic, twelvestep.MaxTopics+1)
		}, "topics", intervention.ErrOutOfRange},
		{"bad topic id", func(c *twelvestep.Curriculum) { c.Topics[1].ID = "getting active" }, "topics[1].id", twelvestep.ErrBadCode},
		{"duplicate topic id", func(c *twelvestep.Curriculum) { c.Topics[2].ID = c.Topics[1].ID }, "topics[2].id", intervention.ErrDuplicate},
		{"unknown kind", func(c *twelvestep.Curriculum) { c.Topics[1].Kind = "bonus" }, "topics[1].kind", twelvestep.ErrUnknownTopicKind},
		{"two openings", func(c *twelvestep.Curriculum) { c.Topics[1].Kind = twelvestep.TopicOpening }, "topics[1].kind", twelvestep.ErrCurriculum},
		{"two closings", func(c *twelvestep.Curriculum) { c.Topics[1].Kind = twelvestep.TopicClosing }, "topics[12].kind", twelvestep.ErrCurriculum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := twelvestep.MATCHTSF()
			tt.edit(&c)
			requireField(t, c.Validate(), tt.path, tt.rule)
			_, err := twelvestep.New(config(c))
			requireField(t, err, "curriculum."+tt.path, tt.rule)
		})
	}

	maaezTests := []struct {
		name string
		edit func(*twelvestep.Curriculum)
	}{
		{"three core topics", func(c *twelvestep.Curriculum) { c.Topics = c.Topics[:5]; c.Topics[4].Kind = twelvestep.TopicClosing }},
		{"an elective", func(c *twelvestep.Curriculum) {
			c.Topics = append(c.Topics, twelvestep.Topic{ID: "maaez.extra", Kind: twelvestep.TopicElective})
		}},
		{"no closing", func(c *twelvestep.Curriculum) { c.Topics[5].Kind = twelvestep.TopicCore }},
	}
	for _, tt := range maaezTests {
		t.Run("MAAEZ "+tt.name, func(t *testing.T) {
			c := twelvestep.MAAEZ()
			tt.edit(&c)
			requireField(t, c.Validate(), "topics", twelvestep.ErrCurriculum)
		})
	}
	t.Run("MAAEZ is 6 sessions", func(t *testing.T) {
		c := twelvestep.MAAEZ()
		c.Sessions = 8
		requireField(t, c.Validate(), "sessions", twelvestep.ErrCurriculum)
	})
	t.Run("custom curricula choose their length", func(t *testing.T) {
		c := twelvestep.MATCHTSF()
		c.Protocol, c.Name, c.Sessions = twelvestep.ProtocolCustom, "nida-12-15", 15
		require.NoError(t, c.Validate())
	})
	t.Run("missing", func(t *testing.T) {
		_, err := twelvestep.New(twelvestep.Config{ID: componentID, Patient: patientID})
		requireField(t, err, "curriculum", intervention.ErrMissing)
		assert.True(t, twelvestep.Curriculum{}.IsZero())
	})
}
