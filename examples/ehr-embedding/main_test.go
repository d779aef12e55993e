package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRun compares the program's output with golden files byte for byte;
// go test -run TestRun -update rewrites them.
func TestRun(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"ehr-embedding", nil},
		{"ehr-embedding-tamper-first", []string{"-tamper", "1"}},
		{"ehr-embedding-tamper-last", []string{"-tamper", "14"}}, // a deleted last entry is a dropped tail
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, tt.args))
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), out.String())
		})
	}
}

// TestRunJSON checks that -json prints the document the host stores, which
// the host's codec reads back into the same document.
func TestRunJSON(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-json"}))
	ctx := context.Background()
	h, err := newHost(ctx)
	require.NoError(t, err)
	codec, err := codecFor(ctx, h.ledger)
	require.NoError(t, err)
	p, err := codec.Unmarshal(out.Bytes())
	require.NoError(t, err)
	want, err := codec.Marshal(h.plan)
	require.NoError(t, err)
	got, err := codec.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	assert.Contains(t, out.String(), `"modality": "x-peer-coaching"`)
}

// TestCoachingCodec checks the host's component codec: strict reading,
// validation, and a round trip.
func TestCoachingCodec(t *testing.T) {
	cc := coachingCodec()
	h, err := newHost(context.Background())
	require.NoError(t, err)
	doc, err := cc.Encode(h.coachingComp)
	require.NoError(t, err)
	back, err := cc.Decode(doc)
	require.NoError(t, err)
	again, err := cc.Encode(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(doc), string(again))

	tests := []struct {
		name string
		doc  string
	}{
		{"not JSON", `{`},
		{"unknown key", `{"schemaVersion":"1","id":"00000000-0000-0000-0000-000000000001","patient":"00000000-0000-0000-0000-000000000002","contacts":[],"notes":"x"}`},
		{"trailing data", `{"schemaVersion":"1","id":"00000000-0000-0000-0000-000000000001","patient":"00000000-0000-0000-0000-000000000002","contacts":[]} {}`},
		{"other schema version", `{"schemaVersion":"2","id":"00000000-0000-0000-0000-000000000001","patient":"00000000-0000-0000-0000-000000000002","contacts":[]}`},
		{"no ID", `{"schemaVersion":"1","id":"00000000-0000-0000-0000-000000000000","patient":"00000000-0000-0000-0000-000000000002","contacts":[]}`},
		{"contact too long", `{"schemaVersion":"1","id":"00000000-0000-0000-0000-000000000001","patient":"00000000-0000-0000-0000-000000000002","contacts":[{"at":"2025-01-08T16:00:00Z","minutes":481,"coach":"00000000-0000-0000-0000-000000000003"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cc.Decode([]byte(tt.doc))
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}
	_, err = cc.Encode(h.cm)
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-tamper")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"tamper not a number", []string{"-tamper", "five"}},
		{"tamper zero", []string{"-tamper", "0"}},
		{"tamper past the last entry", []string{"-tamper", "15"}},
		{"stray argument", []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.Error(t, run(&out, tt.args))
			assert.Empty(t, out.String())
		})
	}
}
