package reporttest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// Build records only what happened by the as-of time: on admission the
// plan is a draft with no objectives; by the default report date the
// voucher programme has its correction and the plan is active with five
// objectives (reference: contingency.md C1).
func TestBuild(t *testing.T) {
	at := func(day string) time.Time {
		d, err := intervention.ParseDate(day)
		require.NoError(t, err)
		return d.In(time.UTC).Add(18 * time.Hour)
	}
	early, err := Build(at("2025-01-06"))
	require.NoError(t, err)
	assert.Empty(t, early.Plan.Objectives())
	assert.Equal(t, plan.StatusDraft, early.Plan.Status())
	assert.Equal(t, Patient(), early.Plan.Config().Patient)

	rec, err := Build(at("2025-03-24"))
	require.NoError(t, err)
	assert.Len(t, rec.Plan.Objectives(), 5)
	assert.Equal(t, plan.StatusActive, rec.Plan.Status())
	assert.Len(t, rec.Plan.Components(), 3)
	assert.NotEmpty(t, rec.Ledger.Entries())
	assert.NotEmpty(t, rec.Facilitation.Meetings())
	assert.Equal(t, at("2025-03-24"), rec.AsOf)

	last, err := Build(at(Last().String()))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(last.Plan.Revisions()), len(rec.Plan.Revisions()))
	assert.True(t, First().Before(Last()))

	_, err = Build(time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC))
	require.Error(t, err, "an as-of time outside the calendar")
}

// The mother may see the plan, attendance and progress; the payer is
// covered by the TPO consent; no consent is for the employer.
func TestConsentsAndAudiences(t *testing.T) {
	cs := Consents()
	require.Len(t, cs, 2)
	for name, want := range map[string]intervention.ConsentReason{
		"payer": intervention.ConsentPermitted, "mother": intervention.ConsentPermitted,
		"employer": intervention.ConsentWrongPurpose,
	} {
		a := Audiences()[name]
		assert.NotEmpty(t, a.Label, name)
		_, why := intervention.FindConsent(cs, intervention.Disclosure{
			Patient: Patient(), Recipient: a.Recipient, Purpose: a.Purpose,
			Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan}, AsOf: First(),
		})
		assert.Equal(t, want, why, name)
	}
}
