package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render runs the program with args and returns the page.
func render(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, run(&out, args))
	return out.String()
}

// TestRun compares the page with a golden file byte for byte;
// go test -run TestRun -update rewrites it.
func TestRun(t *testing.T) {
	got := render(t)
	golden := filepath.Join("testdata", "report.golden.html")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

// TestRunDeterministic: two runs write the same bytes.
func TestRunDeterministic(t *testing.T) {
	first, second := render(t, "-as-of", "2025-02-10"), render(t, "-as-of", "2025-02-10")
	assert.Equal(t, first, second)
}

// asOfCases span the record: before the plan has content, the slip week,
// the default date, the programme's last visit and the end of the plan
// period.
var asOfCases = []string{"2025-01-06", "2025-01-22", "2025-02-10", "2025-03-24", "2025-03-28", "2025-07-04"}

var svgRE = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

// TestChartsAreWellFormedSVG parses every chart with encoding/xml, to EOF,
// and checks what makes it accessible: a viewBox, role="img", a title and
// a description it is labelled by, and a data table after it.
func TestChartsAreWellFormedSVG(t *testing.T) {
	for _, day := range asOfCases {
		t.Run(day, func(t *testing.T) {
			page := render(t, "-as-of", day)
			svgs := svgRE.FindAllString(page, -1)
			require.Len(t, svgs, 4)
			assert.Equal(t, 4, strings.Count(page, "<svg"), "every <svg> is closed")
			for _, svg := range svgs {
				dec := xml.NewDecoder(strings.NewReader(svg))
				dec.Strict = true
				var root *xml.StartElement
				var titles, descs, texts int
				for {
					tok, err := dec.Token()
					if errors.Is(err, io.EOF) {
						break
					}
					require.NoError(t, err)
					if se, ok := tok.(xml.StartElement); ok {
						if root == nil {
							root = &se
						}
						switch se.Name.Local {
						case "title":
							titles++
						case "desc":
							descs++
						case "text":
							texts++
						}
					}
				}
				require.NotNil(t, root)
				attrs := map[string]string{}
				for _, a := range root.Attr {
					attrs[a.Name.Local] = a.Value
				}
				id := attrs["id"]
				assert.Equal(t, "img", attrs["role"], id)
				assert.Regexp(t, `^0 0 \d+(\.\d)? \d+(\.\d)?$`, attrs["viewBox"], id)
				assert.Equal(t, id+"-title "+id+"-desc", attrs["aria-labelledby"], id)
				assert.Equal(t, 1, titles, id)
				assert.Equal(t, 1, descs, id)
				assert.Greater(t, texts, 5, "%s has axis labels and a legend", id)
				assert.NotContains(t, svg, "NaN", id)
				assert.NotContains(t, svg, "Inf", id)
				// The chart's data table follows it.
				after := page[strings.Index(page, svg)+len(svg):]
				assert.Less(t, strings.Index(after, "<table"), strings.Index(after+"<svg", "<svg"), "%s has a table below it", id)
			}
		})
	}
}

// TestNoExternalAssets: the page stands alone. No URL with a scheme, no
// script, stylesheet link, image, frame or CSS import.
func TestNoExternalAssets(t *testing.T) {
	for _, day := range asOfCases {
		page := render(t, "-as-of", day)
		for _, bad := range []string{"http://", "https://", "//", "<script", "<link", "<img", "<iframe", "<object", "<embed",
			"url(", "@import", "src=", "href=", "xlink:"} {
			assert.NotContains(t, page, bad, day)
		}
	}
}

// TestNoPHI: the patient appears by the opaque ID; none of the plan's
// free text is printed.
func TestNoPHI(t *testing.T) {
	asOf := mustDate("2025-03-24").In(time.UTC).Add(18 * time.Hour)
	rec, err := buildRecord(asOf)
	require.NoError(t, err)
	page := render(t)
	assert.Contains(t, page, patientID.String())
	var texts []string
	for _, p := range rec.plan.Problems() {
		texts = append(texts, p.Statement.Reveal())
		for _, e := range p.Evidence {
			texts = append(texts, e.Text.Reveal())
		}
	}
	for _, g := range rec.plan.Goals() {
		texts = append(texts, g.PatientWords.Reveal(), g.Clinical.Reveal())
	}
	for _, o := range rec.plan.Objectives() {
		texts = append(texts, o.Text.Reveal())
	}
	for _, s := range rec.plan.Strengths() {
		texts = append(texts, s.Text.Reveal())
	}
	for _, d := range rec.plan.DischargeCriteria() {
		texts = append(texts, d.Text.Reveal())
	}
	for _, r := range rec.plan.Reviews() {
		texts = append(texts, r.Justification.Reveal())
	}
	if l, ok := rec.plan.LevelOfCare(); ok {
		texts = append(texts, l.Rationale.Reveal())
	}
	require.Len(t, rec.plan.Objectives(), len(objectiveSpecs))
	for _, s := range texts {
		if s != "" {
			assert.NotContains(t, page, s)
			assert.NotContains(t, page, esc(s))
		}
	}
}

// TestReportFigures checks the figures the default page shows against the
// record (reference: contingency.md C1 for the corrected visit).
func TestReportFigures(t *testing.T) {
	page := render(t)
	for _, want := range []string{
		"Patient ID", "as of Mar 24",
		"20 visits", // current streak: visits 15–34
		"94.1%",     // 32 negative of 34 that earned or reset
		"$40.00",    // visit 35 pays $40.00 if negative
		"$233.75",   // balance: $483.75 earned less $250.00 exchanged
		"first recorded positive; the laboratory reported negative",
		"61 days",                        // clean since 2025-01-22
		"90-days",                        // the next milestone
		"65 of 90",                       // meetings in the rolling window
		"8 / 10",                         // latest readiness
		"2 of 5",                         // objectives met
		"P-THREAD-1",                     // the MI session documented without what it addressed
		"by Fri 2025-04-04, not yet due", // next plan review
	} {
		assert.Contains(t, page, want)
	}
}

// TestRunEarly: before the plan has content the page still renders, with
// the plan's findings as a draft.
func TestRunEarly(t *testing.T) {
	page := render(t, "-as-of", "2025-01-06")
	assert.Contains(t, page, "The plan has no objectives yet.")
	assert.Contains(t, page, "P-STRUCT-1")
	assert.Contains(t, page, "Initial plan")
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
