package motivation_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// secret is PHI that must never leave the value except through JSON.
const secret = "my wife Ann says I drink at the Crown every night"

func intp(n int) *int { return &n }

func balance(t testing.TB, n uint64) motivation.DecisionalBalance {
	return motivation.DecisionalBalance{
		ID: id(n), Behavior: target, On: day(t, "2025-01-13"),
		ProsOfChanging: []motivation.BalanceItem{{Text: intervention.NewText(secret), Rating: intp(9)}, {Text: intervention.NewText("sleep better")}},
		ConsOfChanging: []motivation.BalanceItem{{Text: intervention.NewText("lose my friends at the pub"), Rating: intp(6)}},
		ProsOfStaying:  []motivation.BalanceItem{{Text: intervention.NewText("it relaxes me")}},
		ConsOfStaying:  []motivation.BalanceItem{{Text: intervention.NewText("blood pressure"), Rating: intp(8)}},
	}
}

func plan(t testing.TB, n uint64, on string) motivation.ChangePlan {
	return motivation.ChangePlan{
		ID: id(n), Behavior: target, On: day(t, on),
		Goals: intervention.NewTexts([]string{secret}),
		Steps: []motivation.ChangeStep{
			{Text: intervention.NewText("pour the beer away"), By: day(t, "2025-01-20")},
			{Text: intervention.NewText("tell Ann about the plan"), By: day(t, "2025-01-27")},
			{Text: intervention.NewText("find an AA meeting")},
		},
		Supports:       intervention.NewTexts([]string{"Ann", "my sponsor Bob"}),
		Obstacles:      intervention.NewTexts([]string{"the Friday quiz at the Crown"}),
		SignsOfSuccess: intervention.NewTexts([]string{"no hangover on Saturday"}),
	}
}

// assertRedacted checks that no fmt verb or slog handler shows the secret.
func assertRedacted(t *testing.T, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, v)
		assert.NotContainsf(t, out, "Ann", "verb %s", verb)
		assert.NotContainsf(t, out, "Crown", "verb %s", verb)
	}
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("recorded", "value", v)
		assert.NotContains(t, buf.String(), "Ann")
		assert.NotContains(t, buf.String(), "Crown")
		assert.Contains(t, buf.String(), "redacted")
	}
}

func TestDecisionalBalance(t *testing.T) {
	d := balance(t, 1)
	require.NoError(t, d.Validate())
	assertRedacted(t, d)
	assertRedacted(t, d.ProsOfChanging[0])
	assertRedacted(t, motivation.DecisionalBalances{d, balance(t, 2)})
	assert.Equal(t, "DecisionalBalance{id=00000000-0000-0000-0000-000000000001 behavior=alcohol-use on=2025-01-13 "+
		"prosOfChanging=2 consOfChanging=1 prosOfStaying=1 consOfStaying=1 text=[redacted]}", d.String())
	assert.Equal(t, "BalanceItem{text=[redacted] rating=9}", d.ProsOfChanging[0].String())
	assert.Equal(t, "BalanceItem{text=[redacted]}", d.ProsOfChanging[1].String())
	assert.Equal(t, "motivation.BalanceItem{text=[redacted]}", fmt.Sprintf("%#v", d.ProsOfChanging[1]))
	assert.Equal(t, `"BalanceItem{text=[redacted]}"`, fmt.Sprintf("%q", d.ProsOfChanging[1]))

	// A worksheet's own JSON form redacts the text and keeps the scale; the
	// component document keeps the text, for the host's PHI store.
	b, err := wiretest.Marshal(d)
	require.NoError(t, err)
	assert.NotContains(t, string(b), secret)
	assert.Contains(t, string(b), `"text":"[redacted]","rating":9`)
	assert.Contains(t, string(b), `"scale":{"min":0,"max":10}`)
	var back motivation.DecisionalBalance
	require.Error(t, json.Unmarshal(b, &back), "a worksheet is read only in its component document")
	c := newComponent(t, 12)
	_, err = c.AddBalance(d)
	require.NoError(t, err)
	doc, err := wiretest.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(doc), secret)
	read, err := motivation.ParseComponent(doc)
	require.NoError(t, err)
	assert.Equal(t, secret, read.Balances()[0].ProsOfChanging[0].Text.Reveal())
	assert.Equal(t, 9, *read.Balances()[0].ProsOfChanging[0].Rating)
}

func TestRecordingConflictsOnTextAlone(t *testing.T) {
	// The idempotency comparison covers the text: a worksheet's own JSON
	// form redacts it, so comparing that form would replay a changed text.
	c := newComponent(t, 12)
	_, err := c.AddBalance(balance(t, 1))
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 2, "2025-01-13"))
	require.NoError(t, err)
	d := balance(t, 1)
	d.ProsOfStaying[0].Text = intervention.NewText("something else")
	replayed, err := c.AddBalance(d)
	require.ErrorIs(t, err, motivation.ErrConflict)
	assert.False(t, replayed)
	p := plan(t, 2, "2025-01-13")
	p.Steps[2].Text = intervention.NewText("something else")
	replayed, err = c.RevisePlan(p)
	require.ErrorIs(t, err, motivation.ErrConflict)
	assert.False(t, replayed)
	replayed, err = c.AddBalance(balance(t, 1))
	require.NoError(t, err)
	assert.True(t, replayed)
}

func TestDecisionalBalanceValidate(t *testing.T) {
	d := balance(t, 1)
	d.ID = [16]byte{}
	d.Behavior = "drinking too much"
	d.ProsOfChanging[1].Text = intervention.NewText("   ")
	d.ConsOfChanging[0].Rating = intp(11)
	d.ProsOfStaying[0].Text = intervention.NewText(strings.Repeat("x", motivation.MaxTextBytes+1))
	d.ConsOfStaying[0].Text = intervention.NewText("\xff" + secret)
	err := d.Validate()
	assert.ElementsMatch(t, []string{
		"id", "behavior", "prosOfChanging[1].text", "consOfChanging[0].rating", "prosOfStaying[0].text", "consOfStaying[0].text",
	}, paths(err))
	requireField(t, err, "prosOfChanging[1].text", intervention.ErrMissing)
	requireField(t, err, "prosOfStaying[0].text", motivation.ErrBadText)
	requireField(t, err, "consOfStaying[0].text", motivation.ErrBadText)
	assert.NotContains(t, err.Error(), "Ann")

	e := balance(t, 2)
	e.Scale = motivation.OneToTenScale()
	e.ConsOfChanging[0].Rating = intp(0)
	requireField(t, e.Validate(), "consOfChanging[0].rating", intervention.ErrOutOfRange)
	e.Scale = motivation.Scale{Min: 9, Max: 1}
	requireField(t, e.Validate(), "scale", intervention.ErrOutOfRange)
	assert.ElementsMatch(t, []string{"id", "behavior", "on"}, paths(motivation.DecisionalBalance{}.Validate()))
}

func TestChangePlan(t *testing.T) {
	p := plan(t, 1, "2025-01-13")
	require.NoError(t, p.Validate())
	assertRedacted(t, p)
	assertRedacted(t, p.Steps[1])
	assertRedacted(t, motivation.ChangePlans{p})
	assert.Equal(t, "ChangePlan{id=00000000-0000-0000-0000-000000000001 behavior=alcohol-use on=2025-01-13 "+
		"goals=1 steps=3 supports=2 obstacles=1 signsOfSuccess=1 text=[redacted]}", p.String())
	assert.Equal(t, "ChangeStep{text=[redacted] by=2025-01-20}", p.Steps[0].String())
	open := p.OpenSteps()
	require.Len(t, open, 2, "the step without a target date is not due")

	p.Revises = id(7)
	p.Steps[0].Done = day(t, "2025-01-12")
	assert.Contains(t, p.String(), "revises=00000000-0000-0000-0000-000000000007")
	assert.Equal(t, "ChangeStep{text=[redacted] by=2025-01-20 done=2025-01-12}", p.Steps[0].String())
	assert.Len(t, p.OpenSteps(), 1)
	assertRedacted(t, p)
	assertRedacted(t, p.Steps[0])
}

func TestChangePlanValidate(t *testing.T) {
	p := plan(t, 1, "2025-01-13")
	p.Revises = p.ID
	p.Goals = append(p.Goals, intervention.NewText(""))
	p.Steps[0].Done = day(t, "2025-01-14") // after the revision's date
	p.Steps[1].Text = intervention.NewText("")
	p.Supports[1] = intervention.NewText(strings.Repeat("é", motivation.MaxTextBytes))
	p.Obstacles[0] = intervention.NewText(" ")
	p.SignsOfSuccess[0] = intervention.NewText("\xc3")
	err := p.Validate()
	assert.ElementsMatch(t, []string{
		"revises", "goals[1]", "steps[0].done", "steps[1].text", "supports[1]", "obstacles[0]", "signsOfSuccess[0]",
	}, paths(err))
	assert.NotContains(t, err.Error(), "Ann")
	assert.ElementsMatch(t, []string{"id", "behavior", "on", "goals"}, paths(motivation.ChangePlan{}.Validate()))
}

func TestStringNeverEchoesInvalidBehavior(t *testing.T) {
	d := balance(t, 1)
	d.Behavior = "Ann's drinking"
	p := plan(t, 2, "2025-01-13")
	p.Behavior = d.Behavior
	for _, s := range []string{d.String(), p.String()} {
		assert.Contains(t, s, "behavior=(invalid)")
		assert.NotContains(t, s, "Ann")
	}
}
