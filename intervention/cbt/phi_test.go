package cbt_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

// secret is PHI that must never leave a value except through JSON.
const secret = "felt like a king at Marco's place"

// analysis returns a functional analysis full of PHI.
func analysis(n uint64) cbt.FunctionalAnalysis {
	return cbt.FunctionalAnalysis{
		ID: id(n), On: dateOf(t0), AfterUse: true, Trigger: cbt.TriggerPeople,
		TriggerDetail:        intervention.NewText("Marco called after payday"),
		Thoughts:             intervention.NewText("one line will not hurt"),
		Feelings:             intervention.NewText("restless"),
		Behavior:             intervention.NewText("used cocaine at Marco's place"),
		PositiveConsequences: intervention.NewTexts([]string{secret}),
		NegativeConsequences: intervention.NewTexts([]string{"missed work Monday", "spent the rent"}),
	}
}

// assertRedacted checks that no fmt verb or slog handler shows the PHI.
func assertRedacted(t *testing.T, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, v)
		assert.NotContainsf(t, out, "Marco", "verb %s", verb)
		assert.NotContainsf(t, out, "rent", "verb %s", verb)
	}
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("recorded", "value", v)
		assert.NotContains(t, buf.String(), "Marco")
		assert.NotContains(t, buf.String(), "rent")
	}
}

func TestFunctionalAnalysisRedaction(t *testing.T) {
	a := analysis(1)
	require.NoError(t, a.Validate())
	assertRedacted(t, a)
	assertRedacted(t, cbt.FunctionalAnalyses{a, analysis(2)})
	assert.Equal(t, "FunctionalAnalysis{id=00000000-0000-0000-0000-000000000001 on=2025-01-06 afterUse=true "+
		"trigger=people positiveConsequences=1 negativeConsequences=2 text=[redacted]}", a.String())
	a.Session = id(7)
	assert.Contains(t, a.String(), "session=00000000-0000-0000-0000-000000000007")
	assert.Equal(t, "cbt."+a.String(), fmt.Sprintf("%#v", a))
	assert.Equal(t, `"`+a.String()+`"`, fmt.Sprintf("%q", a))
	l := cbt.FunctionalAnalyses{a}
	assert.Equal(t, "["+a.String()+"]", fmt.Sprint(l))
	assert.Equal(t, "cbt.FunctionalAnalyses["+a.String()+"]", fmt.Sprintf("%#v", l))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "fa", l)
	assert.Contains(t, buf.String(), "fa.0.text=[redacted]")

	a.Trigger = "Marco"
	assert.Contains(t, a.String(), "trigger=(invalid)", "an invalid enum is never echoed")

	// An analysis's own JSON form redacts the text; the course document
	// keeps it, for the host's PHI store.
	b, err := wiretest.Marshal(analysis(1))
	require.NoError(t, err)
	assert.NotContains(t, string(b), secret)
	assert.Contains(t, string(b), `"behavior":"[redacted]"`)
	c := newCourse(t, cbt.NIDACocaine(), nil)
	_, err = c.AddAnalysis(analysis(1))
	require.NoError(t, err)
	doc, err := wiretest.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(doc), secret)
	back, err := cbt.ParseCourse(doc)
	require.NoError(t, err)
	assert.Equal(t, c.Analyses(), back.Analyses())
}

func TestAddAnalysisConflictsOnTextAlone(t *testing.T) {
	// The idempotency comparison covers the text: an analysis's own JSON
	// form redacts it, so comparing that form would replay a changed text.
	c := newCourse(t, cbt.NIDACocaine(), nil)
	_, err := c.AddAnalysis(analysis(1))
	require.NoError(t, err)
	changed := analysis(1)
	changed.Thoughts = intervention.NewText("something else")
	replayed, err := c.AddAnalysis(changed)
	require.ErrorIs(t, err, cbt.ErrConflict)
	assert.False(t, replayed)
	replayed, err = c.AddAnalysis(analysis(1))
	require.NoError(t, err)
	assert.True(t, replayed)
}

func TestFunctionalAnalysisValidate(t *testing.T) {
	a := analysis(1)
	a.ID = [16]byte{}
	a.Trigger = "boredom"
	a.TriggerDetail = intervention.NewText(" ")
	a.Thoughts = intervention.NewText(strings.Repeat("x", cbt.MaxTextBytes+1))
	a.Feelings = intervention.NewText("\xff Marco")
	a.Behavior = intervention.NewText("")
	a.PositiveConsequences[0] = intervention.NewText("")
	a.NegativeConsequences[1] = intervention.NewText("\xc3")
	err := a.Validate()
	assert.ElementsMatch(t, []string{
		"id", "trigger", "triggerDetail", "thoughts", "feelings", "behavior",
		"positiveConsequences[0]", "negativeConsequences[1]",
	}, paths(err))
	requireField(t, err, "thoughts", cbt.ErrBadText)
	requireField(t, err, "behavior", intervention.ErrMissing)
	assert.NotContains(t, err.Error(), "Marco")

	assert.ElementsMatch(t, []string{"id", "on", "trigger", "behavior"}, paths(cbt.FunctionalAnalysis{}.Validate()))
	minimal := cbt.FunctionalAnalysis{ID: id(1), On: dateOf(t0), Trigger: cbt.TriggerFeelings, Behavior: intervention.NewText("drank")}
	require.NoError(t, minimal.Validate(), "only the behaviour is required text")
}

func TestCourseRedaction(t *testing.T) {
	c := newCourse(t, cbt.NIDACocaine(), nil)
	_, err := c.AddAnalysis(analysis(1))
	require.NoError(t, err)
	assertRedacted(t, c)
	assertRedacted(t, c.Analyses())
	assert.Equal(t, "Course{id=00000000-0000-0000-0000-0000000003e8 curriculum=nida-cbt sessions=0 homework=0 "+
		"homeworkUpdates=0 analyses=1 urges=0}", c.String())
	assert.Equal(t, "cbt."+c.String(), fmt.Sprintf("%#v", c))
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("course", "c", c)
	assert.Contains(t, buf.String(), `"analyses":1`)

	var zero cbt.Course
	assert.Contains(t, zero.String(), "curriculum=(invalid)")

	// Errors never echo the text either.
	bad := analysis(2)
	bad.Trigger = "Marco's"
	_, err = c.AddAnalysis(bad)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Marco")
}
