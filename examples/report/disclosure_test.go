package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
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
			page := render(t, "-disclose-to", tc.to)
			for id, want := range tc.want {
				assert.Equal(t, want, shown(page, id), "section %s", id)
			}
			assert.Contains(t, page, `id="notice"`, "the §2.32 notice")
			assert.Contains(t, page, "prohibits unauthorized use or disclosure")
			if !tc.want["cm"] {
				assert.Contains(t, page, "(information-not-covered)", "the withheld section says why")
				assert.NotContains(t, page, `id="cm-table"`, "nothing of a withheld section")
			}
		})
	}
}

func TestDisclosureViewRefused(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, []string{"-disclose-to", "employer"})
	require.ErrorIs(t, err, errNoDisclosure)
	require.ErrorIs(t, err, intervention.ErrNotPermitted)
	var de *intervention.DisclosureError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, intervention.ConsentWrongPurpose, de.Reason, "no consent is for employment")
	assert.Empty(t, out.String(), "no page at all")
	assert.NotContains(t, err.Error(), patientID.String())

	err = run(&out, []string{"-disclose-to", "neighbour"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "employer, mother, payer")
	assert.NotContains(t, err.Error(), "neighbour", "the flag's value is not echoed")
}

// The clinician view (no -disclose-to) withholds nothing and carries no
// disclosure notice.
func TestClinicianViewWithholdsNothing(t *testing.T) {
	page := render(t)
	assert.NotContains(t, page, "Withheld:")
	assert.NotContains(t, page, `id="notice"`)
	for _, s := range pageSections() {
		assert.Contains(t, page, `<section id="`+s.id+`"`)
		assert.Contains(t, page, ">"+s.title+"</h2>", "the section's title is the one a withheld section shows")
	}
}
