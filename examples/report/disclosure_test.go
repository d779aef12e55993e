package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/report"
	"github.com/recoverykit/psychosocial/plan/report/reporttest"
)

// -disclose-to makes the disclosure view for the named recipient
// (plan/report's tests check what each view shows).
func TestDiscloseTo(t *testing.T) {
	page := render(t, "-disclose-to", "mother")
	assert.Contains(t, page, `id="notice"`, "the §2.32 notice")
	assert.Equal(t, 2, strings.Count(page, "Withheld:"), "drug tests and rulers are withheld from the mother")
	assert.NotContains(t, render(t), "Withheld:", "the clinician view by default")
}

func TestDisclosureViewRefused(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, []string{"-disclose-to", "employer"})
	require.ErrorIs(t, err, report.ErrNoDisclosure)
	require.ErrorIs(t, err, intervention.ErrNotPermitted)
	assert.Empty(t, out.String(), "no page at all")
	assert.NotContains(t, err.Error(), reporttest.Patient().String())

	err = run(&out, []string{"-disclose-to", "neighbour"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "employer, mother, payer")
	assert.NotContains(t, err.Error(), "neighbour", "the flag's value is not echoed")
}
