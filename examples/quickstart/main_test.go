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
		{"quickstart", nil},
		{"quickstart-review-overdue", []string{"-as-of", "2025-02-10"}},
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
	assert.Contains(t, out.String(), "-as-of")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"malformed date", []string{"-as-of", "6 Feb 2025"}},
		{"impossible date", []string{"-as-of", "2025-02-30"}},
		{"before the month's records end", []string{"-as-of", "2025-02-05"}},
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

// TestReadmeSnippet keeps README.md's "Quickstart code" snippet identical
// to the body of Example_plan, and the output shown under it to the
// example's // Output:, so the snippet always compiles and prints what the
// README says.
func TestReadmeSnippet(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, section, found := strings.Cut(string(readme), "\n## Quickstart code\n")
	require.True(t, found, "README.md has no \"## Quickstart code\" section")
	section, _, _ = strings.Cut(section, "\n## ")
	_, snippet, found := strings.Cut(section, "```go\n")
	require.True(t, found, "the section has no ```go block")
	snippet, rest, found := strings.Cut(snippet, "```\n")
	require.True(t, found, "the ```go block is not closed")
	_, printed, found := strings.Cut(rest, "```text\n")
	require.True(t, found, "the section has no ```text block with the output")
	printed, _, _ = strings.Cut(printed, "```\n")

	example, err := os.ReadFile("example_test.go")
	require.NoError(t, err)
	_, body, found := strings.Cut(string(example), "func Example_plan() {\n")
	require.True(t, found, "example_test.go has no Example_plan")
	body, output, found := strings.Cut(body, "\t// Output:\n")
	require.True(t, found, "Example_plan has no // Output:")
	output, _, _ = strings.Cut(output, "}\n")
	var code, want strings.Builder
	for line := range strings.Lines(body) {
		code.WriteString(strings.TrimPrefix(line, "\t"))
	}
	for line := range strings.Lines(output) {
		want.WriteString(strings.TrimPrefix(line, "\t// "))
	}
	assert.Equal(t, code.String(), snippet, "README.md's snippet differs from the body of Example_plan")
	assert.Equal(t, want.String(), printed, "README.md's output differs from Example_plan's")
}
