package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRun compares the program's output with golden files byte for byte;
// go test -run TestRun -update rewrites them.
func TestRun(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"fishbowl", nil}, // reference: P1, 156 draws, $339.77 expected
		{"fishbowl-opioid-bonus", []string{"-opioids", strings.Repeat("N", 24)}}, // reference: P2, 204 draws, $444.31
		{"fishbowl-reset", []string{"-results", "NNNNPNNNNN"}},                   // reference: P3, 17 draws, $37.03
		{"fishbowl-no-replacement", []string{"-seed", "42", "-jumbo", "100", "-replace=false",
			"-results", "NNMNENNP", "-opioids", "NPNNNN"}},
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

// The same seed draws the same slips; another seed draws others.
func TestRunSeed(t *testing.T) {
	var a, b, c bytes.Buffer
	require.NoError(t, run(&a, []string{"-seed", "9"}))
	require.NoError(t, run(&b, []string{"-seed", "9"}))
	require.NoError(t, run(&c, []string{"-seed", "10"}))
	assert.Equal(t, a.String(), b.String())
	assert.NotEqual(t, a.String(), c.String())
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-seed")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"seed not a number", []string{"-seed", "abc"}},
		{"bad result letter", []string{"-results", "NNQ"}},
		{"too many results", []string{"-results", strings.Repeat("N", 25)}},
		{"bad opioid letter", []string{"-opioids", "NM"}},
		{"opioids longer than results", []string{"-results", "NN", "-opioids", "NNN"}},
		{"jumbo not 80 or 100", []string{"-jumbo", "90"}},
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
