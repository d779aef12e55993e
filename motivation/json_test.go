package motivation_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestComponentJSONGolden(t *testing.T) {
	c := series(t, 3)
	got, err := wiretest.MarshalIndent(c, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "component.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got)) // byte-exact: key order is part of the contract
}

func TestComponentJSONRoundTrip(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	c, err := motivation.New(motivation.Config{
		ID: componentID, Patient: patientID, Target: target, PlannedSessions: 2,
		Thresholds: motivation.LyssnThresholds(), Location: la,
	})
	require.NoError(t, err)
	for _, s := range series(t, 3).Sessions() {
		_, err := c.AddSession(s)
		require.NoError(t, err)
	}
	_, err = c.AddBalance(balance(t, 70))
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 71, "2025-01-13"))
	require.NoError(t, err)

	b, err := wiretest.Marshal(c)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte(`{"schemaVersion":"1",`)))
	back, err := motivation.ParseComponent(b)
	require.NoError(t, err)
	b2, err := wiretest.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	assert.Equal(t, "America/Los_Angeles", back.Config().Location.String())
	assert.Equal(t, "lyssn", back.Config().Thresholds.Name)
	asOf := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, c.Progress(asOf).Measures, back.Progress(asOf).Measures)

	var into motivation.Component
	require.NoError(t, json.Unmarshal(b, &into))
	assert.Equal(t, c.String(), into.String())

	// The golden series round-trips too.
	g, err := wiretest.Marshal(series(t, 3))
	require.NoError(t, err)
	back, err = motivation.ParseComponent(g)
	require.NoError(t, err)
	g2, err := wiretest.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(g), string(g2))
}

func TestComponentJSONErrors(t *testing.T) {
	good, err := wiretest.Marshal(series(t, 3))
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(good, &doc))
	edit := func(f func(map[string]any)) []byte {
		var d map[string]any
		require.NoError(t, json.Unmarshal(good, &d))
		f(d)
		b, err := wiretest.Marshal(d)
		require.NoError(t, err)
		return b
	}
	first := func(d map[string]any, list string) map[string]any {
		l, ok := d[list].([]any)
		require.True(t, ok)
		m, ok := l[0].(map[string]any)
		require.True(t, ok)
		return m
	}
	tests := []struct {
		name string
		doc  []byte
		path string
		rule error
	}{
		{"schema version", edit(func(d map[string]any) { d["schemaVersion"] = "2" }), "schemaVersion", motivation.ErrSchemaVersion},
		{"no schema version", edit(func(d map[string]any) { delete(d, "schemaVersion") }), "schemaVersion", motivation.ErrSchemaVersion},
		{"unknown time zone", edit(func(d map[string]any) { d["timeZone"] = "Mars/Olympus" }), "timeZone", intervention.ErrUnknownValue},
		{"local time zone", edit(func(d map[string]any) { d["timeZone"] = "Local" }), "timeZone", intervention.ErrUnknownValue},
		{"empty time zone", edit(func(d map[string]any) { d["timeZone"] = "" }), "timeZone", intervention.ErrUnknownValue},
		{"missing thresholds", edit(func(d map[string]any) { delete(d, "thresholds") }), "thresholds", intervention.ErrMissing},
		{"bad config", edit(func(d map[string]any) { d["patient"] = "00000000-0000-0000-0000-000000000000" }), "patient", intervention.ErrMissing},
		{"bad rating", edit(func(d map[string]any) { first(d, "ratings")["value"] = 11 }), "ratings[0].value", intervention.ErrOutOfRange},
		{"duplicate rating", edit(func(d map[string]any) {
			l, _ := d["ratings"].([]any)
			d["ratings"] = append(l, l[0])
		}), "ratings[4].id", intervention.ErrDuplicate},
		{"duplicate session", edit(func(d map[string]any) {
			l, _ := d["sessions"].([]any)
			d["sessions"] = append(l, l[0])
		}), "sessions[4].session.id", intervention.ErrDuplicate},
		{"plan chain broken", edit(func(d map[string]any) {
			l, _ := d["changePlans"].([]any)
			d["changePlans"] = []any{l[1], l[0]}
		}), "changePlans[0].revises", motivation.ErrNotRecorded},
		{"stage for another behaviour", edit(func(d map[string]any) { first(d, "stages")["behavior"] = "smoking" }), "stages[0].behavior", intervention.ErrInconsistent},
		{"coding of an unknown session", edit(func(d map[string]any) {
			first(d, "fidelity")["session"] = "00000000-0000-0000-0000-000000000063"
		}), "fidelity[0].session", motivation.ErrNotRecorded},
		{"client coding invalid", edit(func(d map[string]any) { first(d, "clientLanguage")["coder"] = "00000000-0000-0000-0000-000000000000" }), "clientLanguage[0].coder", intervention.ErrMissing},
		{"balance invalid", edit(func(d map[string]any) {
			d["balances"] = []any{map[string]any{"id": "00000000-0000-0000-0000-000000000063", "behavior": "alcohol-use", "on": "2025-01-06", "scale": map[string]any{"min": 0, "max": 10},
				"prosOfChanging": []any{map[string]any{"text": ""}}}}
		}), "balances[0].prosOfChanging[0].text", intervention.ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := motivation.ParseComponent(tt.doc)
			requireField(t, err, tt.path, tt.rule)
			c := series(t, 3)
			before, err := wiretest.Marshal(c)
			require.NoError(t, err)
			require.Error(t, json.Unmarshal(tt.doc, c))
			after, err := wiretest.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after), "a failed decode changes nothing")
		})
	}

	for name, doc := range map[string]string{
		"not JSON":       `{"schemaVersion":`,
		"not an object":  `[1,2]`,
		"unknown key":    strings.Replace(string(good), `"schemaVersion":"1"`, `"schemaVersion":"1","note":"x"`, 1),
		"wrong type":     strings.Replace(string(good), `"plannedSessions":3`, `"plannedSessions":"3"`, 1),
		"trailing data":  string(good) + `{}`,
		"bad enum":       strings.Replace(string(good), `"ruler":"readiness"`, `"ruler":"hope"`, 1),
		"bad date":       strings.Replace(string(good), `"on":"2025-01-06"`, `"on":"2025-02-30"`, 1),
		"bad thresholds": strings.Replace(string(good), `"fair":"3.0"`, `"fair":"three"`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := motivation.ParseComponent([]byte(doc))
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}

	var zero motivation.Component
	_, err = wiretest.Marshal(&zero)
	require.ErrorIs(t, err, intervention.ErrInvalid)

	t.Run("null", func(t *testing.T) {
		c := series(t, 3)
		require.NoError(t, json.Unmarshal([]byte(`null`), c))
		assert.Len(t, c.Sessions(), 4, "null is a no-op")
		_, err := motivation.ParseComponent([]byte(`null`))
		require.ErrorIs(t, err, intervention.ErrInvalid)
	})
}

// TestSchemaEvolution holds the document to docs/schema-evolution.md.
func TestSchemaEvolution(t *testing.T) {
	parse := func(b []byte) error { _, err := motivation.ParseComponent(b); return err }
	wiretest.EvolutionFile(t, filepath.Join("testdata", "component.golden.json"), motivation.SchemaVersion, parse, motivation.ErrSchemaVersion)
}
