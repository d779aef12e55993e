package cbt_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

var fidelity = func(cfg *cbt.Config) { cfg.ManualFidelity = true }

// only keeps the findings of rule r.
func only(fs []intervention.Finding, r cbt.Rule) []intervention.Finding {
	var out []intervention.Finding
	for _, f := range fs {
		if f.Rule == string(r) {
			out = append(out, f)
		}
	}
	return out
}

// reference: plans-and-interop.md (b) 27 (C-CBT-MATCH-1), §1.2.
func TestFindingsMATCHPasses(t *testing.T) {
	c := scripted(t, cbt.ProjectMATCH(), matchCompliant(), true, fidelity)
	assert.Empty(t, c.Findings(week(20)), "a compliant MATCH course has no findings")
	assert.Empty(t, c.Findings(week(3)), "nor has it part-way")
}

// reference: plans-and-interop.md (b) 27 (C-CBT-MATCH-1).
func TestFindingsMATCHFails(t *testing.T) {
	core, el := match()
	one := func(ts ...string) spec { return spec{topics: ts} }
	joint := func(ts ...string) spec { return spec{topics: ts, choice: cbt.ChoiceJoint} }
	coreRun := func(from, to int) []spec {
		var out []spec
		for _, t := range core[from:to] {
			out = append(out, one(t))
		}
		return out
	}
	cat := func(parts ...[]spec) []spec {
		var out []spec
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name   string
		script []spec
		want   []string
	}{
		{
			name:   "wrong first session",
			script: cat([]spec{one(core[1]), one(core[0])}, coreRun(2, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[0]: first session does not cover the curriculum's first topic"},
		},
		{
			name:   "termination not last",
			script: cat(coreRun(0, 8), []spec{joint(el[0])}),
			want:   []string{"C-CBT-MATCH-1 sessions[8]: session held after the final topic"},
		},
		{
			name:   "termination before all core topics",
			script: cat(coreRun(0, 5), []spec{one(core[7])}),
			want:   []string{"C-CBT-MATCH-1 sessions[5]: final topic covered before every other core topic"},
		},
		{
			name:   "elective too early",
			script: cat(coreRun(0, 6), []spec{joint(el[0])}, coreRun(6, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[6]: elective before the required core sessions"},
		},
		{
			name:   "elective in the seventh core session",
			script: cat(coreRun(0, 6), []spec{{topics: []string{core[6], el[0]}, choice: cbt.ChoiceJoint}}, coreRun(7, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[6]: elective before the required core sessions"},
		},
		{
			name:   "five electives",
			script: cat(coreRun(0, 7), []spec{joint(el[0]), joint(el[1]), joint(el[2]), joint(el[3]), joint(el[4])}, coreRun(7, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[11]: more electives than the curriculum allows"},
		},
		{
			name:   "two electives in one session go over",
			script: cat(coreRun(0, 7), []spec{joint(el[0]), joint(el[1]), joint(el[2]), {topics: []string{el[3], el[4]}, choice: cbt.ChoiceJoint}}, coreRun(7, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[10]: more electives than the curriculum allows"},
		},
		{
			name:   "missing joint choice",
			script: cat(coreRun(0, 7), []spec{one(el[0])}, coreRun(7, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[7]: elective choice not recorded"},
		},
		{
			name:   "therapist choice",
			script: cat(coreRun(0, 7), []spec{{topics: []string{el[0]}, choice: cbt.ChoiceTherapist}}, coreRun(7, 8)),
			want:   []string{"C-CBT-MATCH-1 sessions[7]: elective not chosen jointly with the client"},
		},
		{
			name:   "several at once",
			script: cat([]spec{one(core[2]), one(el[0]), one(core[7]), one(core[0])}),
			want: []string{
				"C-CBT-MATCH-1 sessions[0]: first session does not cover the curriculum's first topic",
				"C-CBT-MATCH-1 sessions[1]: elective before the required core sessions",
				"C-CBT-MATCH-1 sessions[1]: elective choice not recorded",
				"C-CBT-MATCH-1 sessions[2]: final topic covered before every other core topic",
				"C-CBT-MATCH-1 sessions[3]: session held after the final topic",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := scripted(t, cbt.ProjectMATCH(), tt.script, true, fidelity)
			fs := only(c.Findings(week(30)), cbt.RuleMATCH)
			assert.Equal(t, tt.want, rulesOf(fs))
			for _, f := range fs {
				assert.Equal(t, intervention.SeverityError, f.Severity, "manual-fidelity mode")
				assert.Equal(t, cbt.RuleMATCH.Source(), f.Source)
				assert.Contains(t, f.Source, "(b) 27")
			}

			// Outside manual-fidelity mode the same departures are warnings.
			c = scripted(t, cbt.ProjectMATCH(), tt.script, true, nil)
			fs = only(c.Findings(week(30)), cbt.RuleMATCH)
			assert.Equal(t, tt.want, rulesOf(fs))
			for _, f := range fs {
				assert.Equal(t, intervention.SeverityWarning, f.Severity)
			}
		})
	}
}

func TestFindingsMATCHCountsOnlyAttendedSessionsByStart(t *testing.T) {
	core, _ := match()
	c := newCourse(t, cbt.ProjectMATCH(), fidelity)
	// Recorded out of order; a missed session with the wrong topic and a
	// session without topics do not count.
	mustAdd(t, c, attended(2, week(1), core[1]))
	mustAdd(t, c, session(3, week(0).Add(-time24), intervention.AttendanceNoShow, core[3]))
	mustAdd(t, c, attended(4, week(0).Add(-2*time24)))
	mustAdd(t, c, attended(1, week(0), core[0]))
	assert.Empty(t, only(c.Findings(week(2)), cbt.RuleMATCH))

	// Before the introduction was held, the first attended session is the
	// second one recorded: a finding at its recording index.
	mustAdd(t, c, attended(5, week(-1), core[2]))
	fs := only(c.Findings(week(2)), cbt.RuleMATCH)
	require.Len(t, fs, 1)
	assert.Equal(t, "sessions[4]", fs[0].Path)
	assert.Empty(t, c.Findings(week(-1).Add(-time24)), "nothing held by then")
}

func TestFindingsWithoutRules(t *testing.T) {
	cur := cbt.CBT4CBT()
	mods := codes(cur.Topics)
	c := newCourse(t, cur, fidelity)
	mustAdd(t, c, attended(1, week(0), mods[3]))
	mustAdd(t, c, attended(2, week(1), mods[0]))
	assert.Empty(t, c.Findings(week(5)), "CBT4CBT lists no rule: modules in any order, no homework rule")
}

// reference: plans-and-interop.md (b) 28 (C-CBT-NIDA-1), §1.1 (20/20/20 rule).
func TestFindingsNIDAPasses(t *testing.T) {
	cur := cbt.NIDACocaine()
	var script []spec
	for _, code := range codes(cur.Topics) {
		script = append(script, spec{topics: []string{code}})
	}
	c := scripted(t, cur, script, true, fidelity)
	assert.Empty(t, c.Findings(week(20)))

	// The MATCH preset applies the NIDA rule too, and its compliant script
	// passes both.
	c = scripted(t, cbt.ProjectMATCH(), matchCompliant(), true, nil)
	assert.Empty(t, c.Findings(week(20)))
}

// reference: plans-and-interop.md (b) 28 (C-CBT-NIDA-1).
func TestFindingsNIDAFails(t *testing.T) {
	cur := cbt.NIDACocaine()
	topics := codes(cur.Topics)
	script := []spec{{topics: topics[:1]}, {topics: topics[1:2]}, {topics: topics[2:3]}}

	t.Run("no homework at all", func(t *testing.T) {
		c := scripted(t, cur, script, false, nil)
		assert.Equal(t, []string{
			"C-CBT-NIDA-1 sessions[0]: no new practice exercise assigned",
			"C-CBT-NIDA-1 sessions[1]: no new practice exercise assigned",
			"C-CBT-NIDA-1 sessions[2]: no new practice exercise assigned",
		}, rulesOf(c.Findings(week(2))))
		for _, f := range c.Findings(week(2)) {
			assert.Equal(t, intervention.SeverityWarning, f.Severity, "C-CBT-NIDA-1 is a warning even in fidelity mode")
			assert.Contains(t, f.Source, "(b) 28")
		}
	})

	t.Run("not reviewed in the next session", func(t *testing.T) {
		c := scripted(t, cur, script, false, fidelity)
		for k := range 3 {
			on := dateOf(week(k))
			_, err := c.AssignHomework(cbt.Homework{ID: id(uint64(100 + k)), Session: id(uint64(k + 1)), On: on})
			require.NoError(t, err)
		}
		// Exercise 0 is reviewed late, in session 3; exercise 1 never.
		_, err := c.UpdateHomework(cbt.HomeworkUpdate{ID: id(200), Homework: id(100), Status: cbt.HomeworkReviewed, On: dateOf(week(2)), Session: id(3)})
		require.NoError(t, err)
		assert.Equal(t, []string{
			"C-CBT-NIDA-1 homework[0]: practice exercise not reviewed in the next session",
			"C-CBT-NIDA-1 homework[1]: practice exercise not reviewed in the next session",
		}, rulesOf(c.Findings(week(2))))
		assert.Equal(t, []string{
			"C-CBT-NIDA-1 homework[0]: practice exercise not reviewed in the next session",
		}, rulesOf(c.Findings(week(1))), "as of week 1 exercise 1 has no next session yet")
	})

	t.Run("status not tracked after the due date", func(t *testing.T) {
		c := scripted(t, cur, script[:1], false, nil)
		on := dateOf(week(0))
		_, err := c.AssignHomework(cbt.Homework{ID: id(100), Session: id(1), On: on, Due: on.AddDays(3)})
		require.NoError(t, err)
		assert.Empty(t, c.Findings(week(0).AddDate(0, 0, 3)), "due today: not late yet")
		assert.Equal(t, []string{
			"C-CBT-NIDA-1 homework[0]: practice exercise status not updated after its due date",
		}, rulesOf(c.Findings(week(0).AddDate(0, 0, 4))))

		_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(300), Homework: id(100), Status: cbt.HomeworkAttempted, On: on.AddDays(5)})
		require.NoError(t, err)
		assert.Empty(t, c.Findings(week(0).AddDate(0, 0, 5)), "status tracked")
		assert.Len(t, c.Findings(week(0).AddDate(0, 0, 4)), 1, "the update counts from its date")
	})

	t.Run("termination needs no new exercise", func(t *testing.T) {
		term := []spec{{topics: topics[:1]}, {topics: topics[9:]}}
		c := scripted(t, cur, term, true, nil)
		assert.Empty(t, c.Findings(week(3)))
		mustAdd(t, c, attended(9, week(5), topics[1]))
		assert.Equal(t, []string{"C-CBT-NIDA-1 sessions[2]: no new practice exercise assigned"}, rulesOf(c.Findings(week(6))))
	})

	t.Run("a missed session is not the next session", func(t *testing.T) {
		c := scripted(t, cur, script[:1], true, nil)
		mustAdd(t, c, session(2, week(1), intervention.AttendanceNoShow, topics[1]))
		mustAdd(t, c, attended(3, week(2), topics[1]))
		_, err := c.AssignHomework(cbt.Homework{ID: id(102), Session: id(3), On: dateOf(week(2))})
		require.NoError(t, err)
		_, err = c.UpdateHomework(cbt.HomeworkUpdate{ID: id(200), Homework: id(100), Status: cbt.HomeworkReviewed, On: dateOf(week(2)), Session: id(3)})
		require.NoError(t, err)
		assert.Empty(t, c.Findings(week(2)))
	})
}

func TestFindingsOrderAndPurity(t *testing.T) {
	core, el := match()
	c := scripted(t, cbt.ProjectMATCH(), []spec{{topics: []string{el[0]}}, {topics: []string{core[0]}}}, false, nil)
	fs := c.Findings(week(3))
	require.Len(t, fs, 5)
	assert.Equal(t, "C-CBT-MATCH-1", fs[0].Rule, "MATCH findings first")
	assert.Equal(t, "C-CBT-NIDA-1", fs[4].Rule)
	assert.Equal(t, fs, c.Findings(week(3)), "pure: same answer twice")
	for _, f := range fs {
		assert.NotEmpty(t, f.String())
	}
	var checker intervention.Checker = c
	assert.Equal(t, fs, checker.Findings(week(3)))
}
