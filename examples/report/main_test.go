package main

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// render runs the program with args and returns the page.
func render(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, run(&out, args))
	return out.String()
}

// TestRun: the program writes plan/report's clinician view of the demo
// record byte for byte, whose golden file plan/report's TestGolden keeps
// (go test ./plan/report -run TestGolden -update rewrites it).
func TestRun(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "plan", "report", "testdata", "clinician.golden.html"))
	require.NoError(t, err)
	assert.Equal(t, string(want), render(t))
	mother, err := os.ReadFile(filepath.Join("..", "..", "plan", "report", "testdata", "disclosure-mother.golden.html"))
	require.NoError(t, err)
	assert.Equal(t, string(mother), render(t, "-disclose-to", "mother"))
}

// TestRunDeterministic: two runs write the same bytes.
func TestRunDeterministic(t *testing.T) {
	first, second := render(t, "-as-of", "2025-02-10"), render(t, "-as-of", "2025-02-10")
	assert.Equal(t, first, second)
}

func TestRunOutputFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "report.html")
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-o", file, "-as-of", "2025-02-10"}))
	assert.Empty(t, out.String())
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, render(t, "-as-of", "2025-02-10"), string(got))
	assert.Equal(t, render(t), render(t, "-o", "-"))
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-h"}))
	assert.Contains(t, out.String(), "-as-of")
	assert.Contains(t, out.String(), "-o")
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-nope"}},
		{"as-of not a date", []string{"-as-of", "24/03/2025"}},
		{"as-of impossible date", []string{"-as-of", "2025-02-30"}},
		{"as-of before admission", []string{"-as-of", "2025-01-05"}},
		{"as-of after the plan period", []string{"-as-of", "2025-07-05"}},
		{"stray argument", []string{"extra"}},
		{"unwritable output", []string{"-o", filepath.Join(t.TempDir(), "missing", "report.html")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			require.Error(t, run(&out, tt.args))
			assert.Empty(t, out.String())
		})
	}
}

// TestScreenshotNotBlank checks the PNG browsercheck.sh took of the page:
// it skips unless REPORT_PNG names one. A blank or broken render has a
// handful of colours and is almost all background.
func TestScreenshotNotBlank(t *testing.T) {
	path := os.Getenv("REPORT_PNG")
	if path == "" {
		t.Skip("REPORT_PNG is not set; examples/report/browsercheck.sh sets it")
	}
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	require.GreaterOrEqual(t, b.Dx(), 800, "screenshot width")
	require.GreaterOrEqual(t, b.Dy(), 800, "screenshot height")

	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	background, most := color.RGBA{}, 0
	for c, n := range counts {
		if n > most {
			background, most = c, n
		}
	}
	total := b.Dx() * b.Dy()
	share := float64(most) / float64(total)
	t.Logf("screenshot %dx%d: %d distinct colours, background %v covers %.1f%%", b.Dx(), b.Dy(), len(counts), background, 100*share)
	assert.GreaterOrEqual(t, len(counts), 8, "distinct colours")
	assert.Less(t, share, 0.97, "share of pixels in the background colour")
	// The charts' colours are on screen (within a little colour
	// management): the negative-specimen green, the money blue and the
	// balance purple.
	near := func(a, b uint8) bool { return max(a, b)-min(a, b) <= 8 }
	for _, want := range []color.RGBA{{0x1a, 0x7f, 0x37, 0xff}, {0x09, 0x69, 0xda, 0xff}, {0x82, 0x50, 0xdf, 0xff}} {
		n := 0
		for c, k := range counts {
			if near(c.R, want.R) && near(c.G, want.G) && near(c.B, want.B) {
				n += k
			}
		}
		assert.Greater(t, n, 100, "pixels near %v", want)
	}
}
