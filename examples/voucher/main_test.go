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
		{"voucher", nil}, // reference: H36, 36 negatives pay $997.50
		{"voucher-samhsa-cap", []string{"-cap", "samhsa"}},                                  // reference: CAP-SAMHSA, visit 31 pays $31.25
		{"voucher-reset-r2", []string{"-results", "NNNNNNNNNNPNNNNNNN", "-recovery", "r2"}}, // reference: V4-R2, $197.50
		{"voucher-missed-excused", []string{"-results", "NNNMNNENPM", "-cap", "oig"}},
		// reference: C1 — visit 3 corrected after all $53.75 was spent: $26.25 owed.
		{"voucher-correction-after-redemption", []string{"-results", "NNNNNN", "-redeem", "53.75", "-correct", "3P"}},
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
	assert.Contains(t, out.String(), "-results")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"bad result letter", []string{"-results", "NNX"}},
		{"too many results", []string{"-results", "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN"}},
		{"unknown cap", []string{"-cap", "state"}},
		{"unknown recovery", []string{"-recovery", "r3"}},
		{"stray argument", []string{"extra"}},
		{"bad redemption", []string{"-redeem", "-5"}},
		{"redemption over the balance", []string{"-results", "N", "-redeem", "5.00"}},
		{"correction of a missed visit", []string{"-results", "NMN", "-correct", "2N"}},
		{"correction with a bad letter", []string{"-results", "NNN", "-correct", "2X"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.Error(t, run(&out, tt.args))
			assert.Empty(t, out.String())
		})
	}
}
