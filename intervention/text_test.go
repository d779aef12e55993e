package intervention_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

const textMarker = "PHI-MARKER-7f3a"

// textVerbs are the fmt verbs and flags a program may use by accident.
var textVerbs = []string{
	"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10s", "%-10v", "%.3s", "% x", "%+q", "%#q", "%p",
}

func TestTextRedactsEveryFormattingPath(t *testing.T) {
	tx := intervention.NewText(textMarker)
	type holder struct {
		Note  intervention.Text
		Notes []intervention.Text
		Ptr   *intervention.Text
	}
	values := map[string]any{
		"value": tx, "pointer": &tx, "slice": []intervention.Text{tx},
		"map": map[string]intervention.Text{"k": tx}, "map key": map[intervention.Text]int{tx: 1},
		"struct": holder{Note: tx, Notes: []intervention.Text{tx}, Ptr: &tx},
	}
	for name, v := range values {
		for _, verb := range textVerbs {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, textMarker, "%s %s", name, verb)
			assert.NotContains(t, out, fmt.Sprintf("%x", textMarker), "%s %s", name, verb)
		}
		j, err := json.Marshal(v)
		require.NoError(t, err, name)
		assert.NotContains(t, string(j), textMarker, name)
		for _, h := range []func(*bytes.Buffer) slog.Handler{
			func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
			func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		} {
			var b bytes.Buffer
			slog.New(h(&b)).Info("m", "v", v)
			assert.NotContains(t, b.String(), textMarker, name)
			assert.Contains(t, b.String(), intervention.Redacted, name)
		}
	}
	x, err := xml.Marshal(holder{Note: tx})
	require.NoError(t, err)
	assert.NotContains(t, string(x), textMarker)
}

func TestTextUnreachableByReflection(t *testing.T) {
	// fmt prints these by reflection, without calling Text's methods: %p of
	// a value, and fields it may not call methods on.
	type hidden struct {
		note  intervention.Text
		notes []intervention.Text
		byKey map[string]intervention.Text
	}
	tx := intervention.NewText(textMarker)
	h := hidden{note: tx, notes: []intervention.Text{tx}, byKey: map[string]intervention.Text{"k": tx}}
	var outs []string
	for _, verb := range textVerbs {
		outs = append(outs, fmt.Sprintf(verb, tx), fmt.Sprintf(verb, h), fmt.Sprintf(verb, &h), fmt.Sprintf(verb, []hidden{h}))
	}
	for _, out := range outs {
		assert.NotContains(t, out, textMarker)
		assert.NotContains(t, strings.ToLower(out), fmt.Sprintf("%x", textMarker))
	}
}

func TestTextForms(t *testing.T) {
	tx := intervention.NewText(textMarker)
	assert.Equal(t, textMarker, tx.Reveal())
	assert.Equal(t, "[redacted]", tx.String())
	assert.Equal(t, "intervention.Text{[redacted]}", tx.GoString())
	assert.Equal(t, "intervention.Text{[redacted]}", fmt.Sprintf("%#v", tx))
	assert.Equal(t, `"[redacted]"`, fmt.Sprintf("%q", tx))
	assert.Equal(t, "[redacted]", fmt.Sprintf("%x", tx))
	b, err := tx.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "[redacted]", string(b))
	b, err = json.Marshal(tx)
	require.NoError(t, err)
	assert.Equal(t, `"[redacted]"`, string(b))
	assert.Equal(t, slog.StringValue("[redacted]"), tx.LogValue())
	// An empty text redacts too: not even emptiness shows.
	assert.Equal(t, "[redacted]", intervention.Text{}.String())
}

func TestTextPredicates(t *testing.T) {
	assert.True(t, intervention.Text{}.IsZero())
	assert.True(t, intervention.Text{}.IsBlank())
	assert.True(t, intervention.NewText(" \t\n").IsBlank())
	assert.False(t, intervention.NewText(" \t\n").IsZero())
	assert.False(t, intervention.NewText("x").IsBlank())
	a, b := intervention.NewText("a"), intervention.NewText(string([]byte{'a'}))
	assert.Equal(t, a, b, "equal texts are equal Texts")
	assert.NotEqual(t, intervention.NewText("a"), intervention.NewText("b"))
}

func TestTextLists(t *testing.T) {
	assert.Nil(t, intervention.NewTexts(nil))
	assert.Nil(t, intervention.RevealTexts(nil))
	assert.Equal(t, []intervention.Text{}, intervention.NewTexts([]string{}))
	ss := []string{"a", "b"}
	assert.Equal(t, ss, intervention.RevealTexts(intervention.NewTexts(ss)))
}

func TestTextRefusesJSONDecoding(t *testing.T) {
	// Decoding the redacted form back would store "[redacted]" as the text:
	// records holding Text decode only through their document codec.
	var v struct{ Note intervention.Text }
	err := json.Unmarshal([]byte(`{"Note":"`+textMarker+`"}`), &v)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), textMarker)
	assert.True(t, v.Note.IsZero())
}

func TestFormatRedacted(t *testing.T) {
	f := formatter{s: "S", g: "G"}
	assert.Equal(t, "S", fmt.Sprintf("%v", f))
	assert.Equal(t, "S", fmt.Sprintf("%+v", f))
	assert.Equal(t, "G", fmt.Sprintf("%#v", f))
	assert.Equal(t, `"S"`, fmt.Sprintf("%q", f))
	assert.Equal(t, "S", fmt.Sprintf("%x", f))
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%d", f), "S"))
}

type formatter struct{ s, g string }

func (f formatter) Format(s fmt.State, verb rune) { intervention.FormatRedacted(s, verb, f.s, f.g) }
