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
		{"plan-review", nil}, // Minnesota outpatient: the review is overdue, and stays late on the record
		{"plan-review-on-time", []string{"-as-of", "2025-02-06"}},                                      // fixed before the review is due: clean
		{"plan-review-florida", []string{"-jurisdiction", "US-FL", "-setting", "residential-level-1"}}, // co-signature row
		{"plan-review-montana-3.7", []string{"-jurisdiction", "US-MT", "-setting", "asam-3.7"}},        // 24-hour initial plan
		{"plan-review-rows", []string{"-rows"}},
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

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-jurisdiction")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"malformed date", []string{"-as-of", "March 6"}},
		{"impossible date", []string{"-as-of", "2025-02-29"}},
		{"before activation", []string{"-as-of", "2025-01-10"}},
		{"too far ahead", []string{"-as-of", "2200-01-01"}},
		{"unknown jurisdiction", []string{"-jurisdiction", "US-ZZ"}},
		{"setting of another jurisdiction", []string{"-jurisdiction", "US-MN", "-setting", "otp"}},
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
