package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/report/reporttest"
)

// The disclosure view shows a section only when a consent's scope covers
// what it shows (reference: plans-and-interop.md §5.5; 42 CFR §2.31(a)(3)).
func TestDisclosureView(t *testing.T) {
	shown := func(page, id string) bool {
		i := strings.Index(page, `<section id="`+id+`"`)
		require.GreaterOrEqual(t, i, 0, "section %s is on the page", id)
		end := strings.Index(page[i:], "</section>")
		return !strings.Contains(page[i:i+end], "Withheld:")
	}
	tests := []struct {
		to   string
		want map[string]bool
	}{
		// The TPO consent covers all SUD records.
		{"payer", map[string]bool{"cm": true, "clean": true, "readiness": true, "plan": true}},
		// The mother's consent: treatment plan, attendance and progress;
		// neither drug tests and rewards nor ruler scores.
		{"mother", map[string]bool{"cm": false, "clean": true, "readiness": false, "plan": true}},
	}
	for _, tc := range tests {
		t.Run(tc.to, func(t *testing.T) {
			page := render(t, "", Options{Disclosure: disclosureTo(tc.to)})
			for id, want := range tc.want {
				assert.Equal(t, want, shown(page, id), "section %s", id)
			}
			assert.Contains(t, page, `id="notice"`, "the §2.32 notice")
			assert.Contains(t, page, "prohibits unauthorized use or disclosure")
			assert.Contains(t, page, esc(reporttest.Audiences()[tc.to].Label), "the page names its recipient")
			if !tc.want["cm"] {
				assert.Contains(t, page, "(information-not-covered)", "the withheld section says why")
				assert.NotContains(t, page, `id="cm-table"`, "nothing of a withheld section")
				assert.NotContains(t, page, `id="cm-chart"`)
			}
		})
	}
}

// A recipient no consent permits anything for gets no page at all, and an
// error that says why without naming the patient.
func TestDisclosureViewRefused(t *testing.T) {
	var out bytes.Buffer
	err := Render(&out, input(t, "2025-03-24"), Options{Disclosure: disclosureTo("employer")})
	require.ErrorIs(t, err, ErrNoDisclosure)
	require.ErrorIs(t, err, intervention.ErrNotPermitted)
	var de *intervention.DisclosureError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, intervention.ConsentWrongPurpose, de.Reason, "no consent is for employment")
	assert.Empty(t, out.String(), "no page at all")
	assert.NotContains(t, err.Error(), reporttest.Patient().String())

	// Without consents nothing is permitted either.
	d := disclosureTo("payer")
	d.Consents = nil
	err = Render(&out, input(t, "2025-03-24"), Options{Disclosure: d})
	require.ErrorIs(t, err, ErrNoDisclosure)
	assert.Empty(t, out.String())
}

// The consents are read on the report's day: the mother's consent ends
// with treatment, but the record's treatment has not ended by the end of
// the plan period, so the view is the same then.
func TestDisclosureViewOnTheReportDay(t *testing.T) {
	page := render(t, "2025-07-04", Options{Disclosure: disclosureTo("mother")})
	assert.Equal(t, 2, strings.Count(page, "Withheld:"))
}

// The clinician view (no Disclosure) withholds nothing and carries no
// disclosure notice.
func TestClinicianViewWithholdsNothing(t *testing.T) {
	page := render(t, "", Options{})
	assert.NotContains(t, page, "Withheld:")
	assert.NotContains(t, page, `id="notice"`)
	for _, s := range pageSections() {
		assert.Contains(t, page, `<section id="`+s.id+`"`)
		assert.Contains(t, page, ">"+s.title+"</h2>", "the section's title is the one a withheld section shows")
	}
}

// Bad input: every problem under its field path, wrapping ErrInvalid,
// never echoing a value; nothing is written.
func TestRenderInvalid(t *testing.T) {
	good := input(t, "2025-03-24")
	tests := []struct {
		name  string
		in    Input
		opts  Options
		paths []string
	}{
		{"empty input", Input{}, Options{}, []string{"plan", "vouchers", "ledger", "facilitation", "motivation"}},
		{"no ledger", func() Input { in := good; in.Ledger = nil; return in }(), Options{}, []string{"ledger"}},
		{"zero asOf", func() Input { in := good; in.AsOf = time.Time{}; return in }(), Options{}, []string{"asOf"}},
		{"disclosure without label or purpose", good, Options{Disclosure: &Disclosure{
			Label: " ", Recipient: intervention.RecipientOfClass(intervention.RecipientEmployer), Purpose: "gossip",
			Consents: reporttest.Consents(),
		}}, []string{"disclosure.label", "disclosure.purpose"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Render(&out, tc.in, tc.opts)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			var paths []string
			for _, fe := range intervention.FieldErrors(err) {
				paths = append(paths, fe.Field)
			}
			assert.ElementsMatch(t, tc.paths, paths)
			assert.NotContains(t, err.Error(), "gossip", "the value is not echoed")
			assert.Empty(t, out.String())
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = errors.New("disk full")

func TestRenderWriteError(t *testing.T) {
	require.ErrorIs(t, Render(failWriter{}, input(t, "2025-03-24"), Options{}), errWrite)
}
