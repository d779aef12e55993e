package cbt_test

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
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

var update = flag.Bool("update", false, "rewrite golden files")

// rich returns a MATCH course with every kind of record: three sessions
// with homework, a functional analysis and urges, in Los Angeles time.
func rich(t testing.TB) *cbt.Course {
	t.Helper()
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	c := scripted(t, cbt.ProjectMATCH(), matchCompliant()[:3], true, func(cfg *cbt.Config) {
		cfg.Location, cfg.PlannedSessions, cfg.ManualFidelity, cfg.SessionIntervalDays = la, 12, true, 7
	})
	a := analysis(50)
	a.Session, a.On = id(2), dateOf(week(1))
	_, err = c.AddAnalysis(a)
	require.NoError(t, err)
	_, err = c.RecordUrge(cbt.Urge{ID: id(60), At: week(1).Add(30 * time.Hour), Intensity: 7, Trigger: cbt.TriggerPeople, Coping: "urge-surfing"})
	require.NoError(t, err)
	_, err = c.RecordUrge(cbt.Urge{ID: id(61), At: week(1).Add(50 * time.Hour).In(la), Intensity: 3, Scale: cbt.DiaryCardScale(), Used: true})
	require.NoError(t, err)
	return c
}

func TestCourseJSONGolden(t *testing.T) {
	got, err := wiretest.MarshalIndent(rich(t), "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "course.golden.json")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got)) // byte-exact: key order is part of the contract
}

func TestCourseJSONRoundTrip(t *testing.T) {
	for name, c := range map[string]*cbt.Course{
		"rich":  rich(t),
		"empty": newCourse(t, cbt.CBT4CBT(), nil),
		"nida":  scripted(t, cbt.NIDACocaine(), []spec{{topics: []string{"nida-cbt.introduction"}}}, true, nil),
	} {
		t.Run(name, func(t *testing.T) {
			b, err := wiretest.Marshal(c)
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(b, []byte(`{"schemaVersion":"1",`)))
			back, err := cbt.ParseCourse(b)
			require.NoError(t, err)
			b2, err := wiretest.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(b2), "decode → encode is byte-identical")

			asOf := week(4)
			assert.Equal(t, c.Progress(asOf), back.Progress(asOf))
			assert.Equal(t, c.Findings(asOf), back.Findings(asOf))
			assert.Equal(t, c.String(), back.String())
			assert.Equal(t, c.Config().Location.String(), back.Config().Location.String())

			var into cbt.Course
			require.NoError(t, json.Unmarshal(b, &into))
			assert.Equal(t, c.String(), into.String())
		})
	}
	// A host-defined curriculum travels with the course.
	host := cbt.Curriculum{ID: "host.rp", Name: "RP", Topics: []cbt.Topic{{Code: "rp.a", Name: "A", Kind: cbt.TopicCore}}}
	c := newCourse(t, host, nil)
	b, err := wiretest.Marshal(c)
	require.NoError(t, err)
	back, err := cbt.ParseCourse(b)
	require.NoError(t, err)
	assert.Equal(t, host.Clone(), back.Curriculum())
	assert.Contains(t, string(b), `"rules":[]`)
}

func TestCourseJSONErrors(t *testing.T) {
	good, err := wiretest.Marshal(rich(t))
	require.NoError(t, err)
	edit := func(f func(map[string]any)) []byte {
		var d map[string]any
		require.NoError(t, json.Unmarshal(good, &d))
		f(d)
		b, err := wiretest.Marshal(d)
		require.NoError(t, err)
		return b
	}
	list := func(d map[string]any, key string) []any {
		l, ok := d[key].([]any)
		require.True(t, ok)
		return l
	}
	first := func(d map[string]any, key string) map[string]any {
		m, ok := list(d, key)[0].(map[string]any)
		require.True(t, ok)
		return m
	}
	tests := []struct {
		name string
		doc  []byte
		path string
		rule error
	}{
		{"schema version", edit(func(d map[string]any) { d["schemaVersion"] = "2" }), "schemaVersion", cbt.ErrSchemaVersion},
		{"no schema version", edit(func(d map[string]any) { delete(d, "schemaVersion") }), "schemaVersion", cbt.ErrSchemaVersion},
		{"unknown time zone", edit(func(d map[string]any) { d["timeZone"] = "Mars/Olympus" }), "timeZone", intervention.ErrUnknownValue},
		{"local time zone", edit(func(d map[string]any) { d["timeZone"] = "Local" }), "timeZone", intervention.ErrUnknownValue},
		{"empty time zone", edit(func(d map[string]any) { d["timeZone"] = "" }), "timeZone", intervention.ErrUnknownValue},
		{"no trend days", edit(func(d map[string]any) { delete(d, "trendDays") }), "trendDays", intervention.ErrMissing},
		{"bad config", edit(func(d map[string]any) { d["plannedSessions"] = -1 }), "plannedSessions", intervention.ErrOutOfRange},
		{"bad curriculum", edit(func(d map[string]any) {
			m, _ := d["curriculum"].(map[string]any)
			m["maxElectives"] = 20
		}), "curriculum.maxElectives", intervention.ErrOutOfRange},
		{"session topic not in curriculum", edit(func(d map[string]any) {
			s, _ := first(d, "sessions")["session"].(map[string]any)
			s["topics"] = []any{"nida-cbt.introduction"}
		}), "sessions[0].session.topics[0]", cbt.ErrUnknownTopic},
		{"duplicate session", edit(func(d map[string]any) {
			l := list(d, "sessions")
			d["sessions"] = append(l, l[0])
		}), "sessions[3].session.id", intervention.ErrDuplicate},
		{"homework of an unknown session", edit(func(d map[string]any) {
			first(d, "homework")["session"] = "00000000-0000-0000-0000-000000000063"
		}), "homework[0].session", cbt.ErrNotRecorded},
		{"duplicate homework", edit(func(d map[string]any) {
			l := list(d, "homework")
			d["homework"] = append(l, l[0])
		}), "homework[3].id", intervention.ErrDuplicate},
		{"updates out of order", edit(func(d map[string]any) {
			l := list(d, "homeworkUpdates")
			d["homeworkUpdates"] = []any{l[1], l[0], l[2], l[3]}
		}), "homeworkUpdates[1].status", cbt.ErrBadTransition},
		{"analysis without behaviour", edit(func(d map[string]any) { first(d, "analyses")["behavior"] = "" }), "analyses[0].behavior", intervention.ErrMissing},
		{"urge off the scale", edit(func(d map[string]any) { first(d, "urges")["intensity"] = 11 }), "urges[0].intensity", intervention.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cbt.ParseCourse(tt.doc)
			requireField(t, err, tt.path, tt.rule)
			c := rich(t)
			before, err := wiretest.Marshal(c)
			require.NoError(t, err)
			require.Error(t, json.Unmarshal(tt.doc, c))
			after, err := wiretest.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after), "a failed decode changes nothing")
		})
	}

	for name, doc := range map[string]string{
		"not JSON":            `{"schemaVersion":`,
		"not an object":       `[1,2]`,
		"unknown key":         strings.Replace(string(good), `"schemaVersion":"1"`, `"schemaVersion":"1","note":"x"`, 1),
		"unknown nested key":  strings.Replace(string(good), `"afterUse":true`, `"afterUse":true,"note":"x"`, 1),
		"unknown urge key":    strings.Replace(string(good), `"used":true`, `"used":true,"note":"x"`, 1),
		"wrong type":          strings.Replace(string(good), `"plannedSessions":12`, `"plannedSessions":"12"`, 1),
		"trailing data":       string(good) + `{}`,
		"bad enum":            strings.Replace(string(good), `"trigger":"people"`, `"trigger":"weather"`, 1),
		"bad date":            strings.Replace(string(good), `"on":"2025-01-06"`, `"on":"2025-02-30"`, 1),
		"bad time":            strings.Replace(string(good), `"at":"`, `"at":"x`, 1),
		"null":                `null`,
		"empty":               ``,
		"curriculum not obj":  strings.Replace(string(good), `"curriculum":{`, `"curriculum":[{`, 1),
		"status not a string": strings.Replace(string(good), `"status":"completed"`, `"status":3`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := cbt.ParseCourse([]byte(doc))
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}
	assert.Contains(t, string(good), `"afterUse":true`, "the nested-key case edits something")
	assert.Contains(t, string(good), `"status":"completed"`)

	var zero cbt.Course
	_, err = wiretest.Marshal(&zero)
	require.ErrorIs(t, err, intervention.ErrInvalid)

	t.Run("null is a no-op", func(t *testing.T) {
		c := rich(t)
		require.NoError(t, json.Unmarshal([]byte(`null`), c))
		assert.Len(t, c.Sessions(), 3)
	})
}

// TestSchemaEvolution holds the document to docs/schema-evolution.md.
func TestSchemaEvolution(t *testing.T) {
	parse := func(b []byte) error { _, err := cbt.ParseCourse(b); return err }
	wiretest.EvolutionFile(t, filepath.Join("testdata", "course.golden.json"), cbt.SchemaVersion, parse, cbt.ErrSchemaVersion)
}
