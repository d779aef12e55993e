package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// asOf is 18:00 UTC on day, the time examples/report makes its report.
func asOf(t *testing.T, day string) time.Time {
	t.Helper()
	d, err := intervention.ParseDate(day)
	require.NoError(t, err)
	return d.In(time.UTC).Add(18 * time.Hour)
}

// input is the demo record as of 18:00 UTC on day.
func input(t *testing.T, day string) Input {
	t.Helper()
	rec, err := reporttest.Build(asOf(t, day))
	require.NoError(t, err)
	return Input{
		Plan: rec.Plan, Vouchers: rec.Vouchers, Ledger: rec.Ledger,
		Facilitation: rec.Facilitation, Motivation: rec.Motivation, AsOf: rec.AsOf,
	}
}

// disclosureTo is the disclosure view for one of reporttest.Audiences.
func disclosureTo(name string) *Disclosure {
	a := reporttest.Audiences()[name]
	return &Disclosure{Label: a.Label, Recipient: a.Recipient, Purpose: a.Purpose, Consents: reporttest.Consents()}
}

// render renders the demo record as of day (the default 2025-03-24 when
// empty) in the view opts choose.
func render(t *testing.T, day string, opts Options) string {
	t.Helper()
	if day == "" {
		day = "2025-03-24"
	}
	var out bytes.Buffer
	require.NoError(t, Render(&out, input(t, day), opts))
	return out.String()
}

// TestGolden compares the clinician view and the mother's disclosure view
// with golden files byte for byte; go test -run TestGolden -update
// rewrites them.
func TestGolden(t *testing.T) {
	for name, opts := range map[string]Options{
		"clinician":         {},
		"disclosure-mother": {Disclosure: disclosureTo("mother")},
	} {
		t.Run(name, func(t *testing.T) {
			got := render(t, "", opts)
			golden := filepath.Join("testdata", name+".golden.html")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
		})
	}
}

// TestDeterministic: two renders of the same record write the same bytes.
func TestDeterministic(t *testing.T) {
	in := input(t, "2025-02-10")
	var first, second bytes.Buffer
	require.NoError(t, Render(&first, in, Options{}))
	require.NoError(t, Render(&second, in, Options{}))
	assert.Equal(t, first.String(), second.String())
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
			page := render(t, day, Options{})
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
		page := render(t, day, Options{})
		for _, bad := range []string{"http://", "https://", "//", "<script", "<link", "<img", "<iframe", "<object", "<embed",
			"url(", "@import", "src=", "href=", "xlink:"} {
			assert.NotContains(t, page, bad, day)
		}
	}
}

// TestNoPHI: the patient appears by the opaque ID. The clinician view
// shows the treating team the objectives' wording and none of the plan's
// other free text; a disclosure view shows none at all.
func TestNoPHI(t *testing.T) {
	rec, err := reporttest.Build(asOf(t, "2025-03-24"))
	require.NoError(t, err)
	var objectives, others []string
	for _, o := range rec.Plan.Objectives() {
		objectives = append(objectives, o.Text.Reveal())
	}
	for _, p := range rec.Plan.Problems() {
		others = append(others, p.Statement.Reveal())
		for _, e := range p.Evidence {
			others = append(others, e.Text.Reveal())
		}
	}
	for _, g := range rec.Plan.Goals() {
		others = append(others, g.PatientWords.Reveal(), g.Clinical.Reveal())
	}
	for _, s := range rec.Plan.Strengths() {
		others = append(others, s.Text.Reveal())
	}
	for _, d := range rec.Plan.DischargeCriteria() {
		others = append(others, d.Text.Reveal())
	}
	for _, r := range rec.Plan.Reviews() {
		others = append(others, r.Justification.Reveal())
	}
	if l, ok := rec.Plan.LevelOfCare(); ok {
		others = append(others, l.Rationale.Reveal())
	}
	require.Len(t, objectives, 5)
	absent := func(t *testing.T, page string, texts []string) {
		t.Helper()
		for _, s := range texts {
			if s != "" {
				assert.NotContains(t, page, s)
				assert.NotContains(t, page, esc(s))
			}
		}
	}
	clinician := render(t, "", Options{})
	assert.Contains(t, clinician, reporttest.Patient().String())
	for _, s := range objectives {
		assert.Contains(t, clinician, `<td class="wrap">`+esc(s)+"</td>", "the treating team sees the objective's wording")
	}
	absent(t, clinician, others)
	for _, to := range []string{"payer", "mother"} {
		page := render(t, "", Options{Disclosure: disclosureTo(to)})
		assert.NotContains(t, page, "<th scope=\"col\">Wording</th>", to)
		absent(t, page, objectives)
		absent(t, page, others)
	}
}

// TestReportFigures checks the figures the default page shows against the
// record (reference: contingency.md C1 for the corrected visit).
func TestReportFigures(t *testing.T) {
	page := render(t, "", Options{})
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

// TestEarly: before the plan has content the page still renders, with
// the plan's findings as a draft.
func TestEarly(t *testing.T) {
	page := render(t, "2025-01-06", Options{})
	assert.Contains(t, page, "The plan has no objectives yet.")
	assert.Contains(t, page, "P-STRUCT-1")
	assert.Contains(t, page, "Initial plan")
}

// The page reads its dates in the plan's zone: 02:00 UTC on 25 March is
// still the evening of 24 March in Chicago, so a plan kept in Chicago is
// reported as of 24 March, 21:00 CDT.
func TestPlanZone(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	rec, err := reporttest.BuildIn(time.Date(2025, 3, 25, 2, 0, 0, 0, time.UTC), chicago)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, Render(&out, Input{
		Plan: rec.Plan, Vouchers: rec.Vouchers, Ledger: rec.Ledger,
		Facilitation: rec.Facilitation, Motivation: rec.Motivation, AsOf: rec.AsOf,
	}, Options{}))
	page := out.String()
	assert.Contains(t, page, "<dd>Mon 2025-03-24 21:00 CDT</dd>")
	assert.Contains(t, page, "as of 2025-03-24</title>")
	assert.Contains(t, page, "<dd>Outpatient, US-MN</dd>")
}

// settingText capitalises the setting code and adds the jurisdiction;
// either may be missing.
func TestSettingText(t *testing.T) {
	assert.Equal(t, "Outpatient, US-MN", settingText(plan.Config{Setting: "outpatient", Jurisdiction: "US-MN"}))
	assert.Equal(t, "Asam-3.7", settingText(plan.Config{Setting: "asam-3.7"}))
	assert.Equal(t, "US-MT", settingText(plan.Config{Jurisdiction: "US-MT"}))
	assert.Empty(t, settingText(plan.Config{}))
}
