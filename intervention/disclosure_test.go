package intervention_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// familySession is the disclosure a family session on 1 March 2025 makes to
// the patient's mother.
func familySession(t testing.TB) intervention.Disclosure {
	t.Helper()
	return intervention.Disclosure{
		Patient: consentTestPt, Recipient: intervention.RecipientID(consentTestMo),
		Purpose:     intervention.PurposeFamilyInvolvement,
		Information: []intervention.InfoCategory{intervention.FamilySessionInformation},
		AsOf:        consentDay(t, "2025-03-01"),
	}
}

// A family session discloses the treatment plan (reference:
// plans-and-interop.md §5.5 "before any plan content is shared"): covered
// by a consent naming the plan or all SUD records, never by one scoped to
// counselling notes or CM rewards only.
func TestFamilySessionInformationScope(t *testing.T) {
	assert.Equal(t, intervention.InfoTreatmentPlan, intervention.FamilySessionInformation)
	tests := []struct {
		scope []intervention.InfoCategory
		want  intervention.ConsentReason
	}{
		{[]intervention.InfoCategory{intervention.InfoTreatmentPlan}, intervention.ConsentPermitted},
		{[]intervention.InfoCategory{intervention.InfoAllSUDRecords}, intervention.ConsentPermitted},
		{[]intervention.InfoCategory{intervention.InfoSUDCounselingNotes}, intervention.ConsentInformationNotCovered},
		{[]intervention.InfoCategory{intervention.InfoCMRewards}, intervention.ConsentInformationNotCovered},
		{[]intervention.InfoCategory{intervention.InfoAttendance, intervention.InfoProgress}, intervention.ConsentInformationNotCovered},
	}
	for _, tc := range tests {
		c := familyConsent(t)
		c.Information = tc.scope
		ok, why := c.PermitsDisclosure(familySession(t))
		assert.Equal(t, tc.want, why, "%v", tc.scope)
		assert.Equal(t, tc.want == intervention.ConsentPermitted, ok)
	}
}

func TestFindConsent(t *testing.T) {
	valid := familyConsent(t)
	revoked := familyConsent(t)
	revoked.RevokedOn = consentDay(t, "2025-02-01")
	expired := familyConsent(t)
	expired.ExpiresOn = consentDay(t, "2025-02-15")
	expired.SignedOn = consentDay(t, "2025-01-02")
	cmOnly := familyConsent(t)
	cmOnly.Information = []intervention.InfoCategory{intervention.InfoCMRewards}
	employment := familyConsent(t)
	employment.Purpose = intervention.PurposeEmployment
	other := familyConsent(t)
	other.Patient = consentTestOt

	tests := []struct {
		name     string
		consents []intervention.Consent
		index    int
		why      intervention.ConsentReason
	}{
		{"none", nil, -1, intervention.ConsentWrongRecipient},
		{"the permitting one", []intervention.Consent{revoked, valid}, 1, intervention.ConsentPermitted},
		{"the first permitting one", []intervention.Consent{valid, valid}, 0, intervention.ConsentPermitted},
		{"applicable signed last wins", []intervention.Consent{revoked, expired}, -1, intervention.ConsentRevoked},
		{"tie: the last listed", []intervention.Consent{revoked, cmOnly}, -1, intervention.ConsentInformationNotCovered},
		{"applicable beats inapplicable", []intervention.Consent{expired, employment}, -1, intervention.ConsentExpired},
		{"only inapplicable: the last", []intervention.Consent{employment}, -1, intervention.ConsentWrongPurpose},
		{"another patient's is never applicable", []intervention.Consent{revoked, other}, -1, intervention.ConsentRevoked},
		{"another patient's alone", []intervention.Consent{other}, -1, intervention.ConsentWrongPatient},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, why := intervention.FindConsent(tc.consents, familySession(t))
			assert.Equal(t, tc.index, i)
			assert.Equal(t, tc.why, why)
		})
	}

	// Without a patient in the request, the host picked the consents.
	d := familySession(t)
	d.Patient = [16]byte{}
	i, why := intervention.FindConsent([]intervention.Consent{other}, d)
	assert.Equal(t, 0, i)
	assert.Equal(t, intervention.ConsentPermitted, why)
}

// Every disclosure says what it discloses: no category is malformed, by
// PermitsDisclosure and by FindConsent alike.
func TestDisclosureNeedsACategory(t *testing.T) {
	d := familySession(t)
	d.Information = nil
	ok, why := familyConsent(t).PermitsDisclosure(d)
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentInvalid, why)
	i, why := intervention.FindConsent([]intervention.Consent{familyConsent(t)}, d)
	assert.Equal(t, -1, i)
	assert.Equal(t, intervention.ConsentInvalid, why)
}

func TestDisclosureError(t *testing.T) {
	e := &intervention.DisclosureError{Reason: intervention.ConsentInformationNotCovered}
	assert.Equal(t, "no consent permits the disclosure: information-not-covered", e.Error())
	require.ErrorIs(t, e, intervention.ErrNotPermitted)
	require.ErrorIs(t, e, intervention.ErrInconsistent)
	require.ErrorIs(t, e, intervention.ErrInvalid)
	bad := &intervention.DisclosureError{Reason: "Ann Smith"}
	assert.NotContains(t, bad.Error(), "Ann", "an invalid reason is never echoed")
	wrapped := intervention.Field("options.consents", e)
	assert.Equal(t, []string{"options.consents"}, consentFieldErrors(wrapped))
}
