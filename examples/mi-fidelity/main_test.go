package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
		{"mi-fidelity", nil}, // reference: V42 and V45
		{"mi-fidelity-v43", []string{"-counts", "sr=6,cr=6,q=6", "-globals", "3,3,3,4", "-client", "c+=2,n-=2,fn=1"}},
		{"mi-fidelity-no-questions", []string{"-counts", "sr=3,q=0", "-globals", "2,3,3,3", "-client", ""}}, // reference: V44
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

// reference: V44 — with no questions R:Q is "not computable", never 0 or Inf.
func TestRunNoQuestions(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-counts", "sr=3,q=0", "-globals", "2,3,3,3"}))
	assert.Contains(t, out.String(), "Reflection-to-question R:Q    not computable")
	assert.NotContains(t, out.String(), "Inf")
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-counts")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"unknown count code", []string{"-counts", "q=3,xx=1"}},
		{"count without value", []string{"-counts", "q"}},
		{"negative count", []string{"-counts", "q=-1"}},
		{"count given twice", []string{"-counts", "q=1,q=2"}},
		{"count too large", []string{"-counts", "q=10001"}},
		{"three globals", []string{"-globals", "4,3,4"}},
		{"global out of range", []string{"-globals", "4,3,4,6"}},
		{"client code without valence", []string{"-client", "r=2"}},
		{"unknown client code", []string{"-client", "x+=2"}},
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
