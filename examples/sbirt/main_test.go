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
		{"sbirt", nil}, // reference: V7 (AUDIT 20), V21 (DAST-10 2), V51 (20 min → 99408)
		{"sbirt-harmful-long", []string{"-audit-scenario", "harmful", "-minutes", "35", "-payer", "commercial"}}, // V5; V51: 31+ → 99409
		{"sbirt-negative-medicare", []string{"-audit-scenario", "low", "-dast-scenario", "none", "-minutes", "10", "-payer", "medicare"}},
		{"sbirt-no-show", []string{"-dast-scenario", "substantial", "-handoff", "no-show", "-rulers", "4,3,2"}},
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

// reference: V51, the SBIRT code by minutes and payer.
func TestRunBillingCodes(t *testing.T) {
	tests := []struct {
		minutes, payer, want string
	}{
		{"4", "medicare", "not billable (below-minimum"},
		{"5", "medicare", "G2011"},
		{"14", "commercial", "not billable (payer-excluded"},
		{"15", "medicare", "G0396"},
		{"30", "medicaid", "99408"},
		{"31", "medicare", "G0397"},
		{"31", "commercial", "99409"},
	}
	for _, tt := range tests {
		t.Run(tt.minutes+" "+tt.payer, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, []string{"-minutes", tt.minutes, "-payer", tt.payer}))
			assert.Contains(t, out.String(), tt.minutes+" minutes: "+tt.want)
		})
	}
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-audit-scenario")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"unknown AUDIT scenario", []string{"-audit-scenario", "binge"}},
		{"unknown DAST scenario", []string{"-dast-scenario", "mild"}},
		{"negative minutes", []string{"-minutes", "-1"}},
		{"minutes not a number", []string{"-minutes", "twenty"}},
		{"unknown payer", []string{"-payer", "self-pay"}},
		{"two rulers", []string{"-rulers", "7,5"}},
		{"ruler above 10", []string{"-rulers", "7,5,11"}},
		{"unknown hand-off", []string{"-handoff", "lost"}},
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
