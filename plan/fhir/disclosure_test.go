package fhir_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/fhir"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

// scoped returns the TPO consent with its scope narrowed to cats.
func scoped(cats ...intervention.InfoCategory) intervention.Consent {
	c := tpoConsent()
	c.Information = cats
	return c
}

// Every export goes through intervention.Consent.PermitsDisclosure with
// the categories of what the document holds (reference:
// plans-and-interop.md §5.5, rules P-CONSENT-1..3; 42 CFR §2.31(a)(3)).
// A refusal is an *intervention.DisclosureError at "options.consents"
// whose reason a host can switch on.
func TestExportNeedsAPermittingConsent(t *testing.T) {
	exports := map[string]func(t *testing.T, o fhir.Options) (*fhir.Bundle, error){
		"plan": func(t *testing.T, o fhir.Options) (*fhir.Bundle, error) {
			return fhir.Export(quickstartPlan(t), subject(), o)
		},
		"screening": func(t *testing.T, o fhir.Options) (*fhir.Bundle, error) {
			return fhir.ExportScreening(subject(), auditScreening(t), o)
		},
		"contingency": func(t *testing.T, o fhir.Options) (*fhir.Bundle, error) {
			return fhir.ExportContingency(subject(), cmProgram(t, plantest.ComponentID(3)), o)
		},
		"family": func(t *testing.T, o fhir.Options) (*fhir.Bundle, error) {
			return fhir.ExportFamily(subject(), familyTherapy(t, plantest.ComponentID(4)), o)
		},
	}
	everything := []intervention.InfoCategory{
		intervention.InfoTreatmentPlan, intervention.InfoDiagnosis, intervention.InfoAttendance, intervention.InfoProgress,
		intervention.InfoScreeningResults, intervention.InfoCMRewards, intervention.InfoToxicologyResults,
	}
	tests := []struct {
		name   string
		export string
		change func(o *fhir.Options)
		reason intervention.ConsentReason // "" when permitted
	}{
		{name: "plan under all SUD records", export: "plan"},
		{name: "plan under its own categories", export: "plan", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(everything...)}
		}},
		{name: "screening under screening results", export: "screening", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoScreeningResults)}
		}},
		{name: "contingency under CM rewards and toxicology", export: "contingency", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoCMRewards, intervention.InfoToxicologyResults)}
		}},
		{name: "family under plan, attendance and progress", export: "family", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress)}
		}},
		{name: "no consent", export: "plan", change: func(o *fhir.Options) { o.Consents = nil }, reason: intervention.ConsentWrongRecipient},
		{name: "contingency under CM only", export: "contingency", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoCMRewards)}
		}, reason: intervention.ConsentInformationNotCovered},
		{name: "screening under CM only", export: "screening", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoCMRewards)}
		}, reason: intervention.ConsentInformationNotCovered},
		{name: "family under counselling notes only", export: "family", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoSUDCounselingNotes)}
		}, reason: intervention.ConsentInformationNotCovered},
		{name: "plan without diagnoses in scope", export: "plan", change: func(o *fhir.Options) {
			o.Consents = []intervention.Consent{scoped(intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress,
				intervention.InfoScreeningResults, intervention.InfoCMRewards, intervention.InfoToxicologyResults)}
		}, reason: intervention.ConsentInformationNotCovered},
		{name: "wrong purpose", export: "screening", change: func(o *fhir.Options) { o.Purpose = intervention.PurposeEmployment },
			reason: intervention.ConsentWrongPurpose},
		{name: "family purpose under the TPO consent", export: "screening", change: func(o *fhir.Options) {
			o.Recipient, o.Purpose = intervention.RecipientID(mother), intervention.PurposeFamilyInvolvement
		}, reason: intervention.ConsentWrongPurpose},
		{name: "signed after the document", export: "screening", change: func(o *fhir.Options) {
			c := tpoConsent()
			c.SignedOn = plantest.Date(50)
			o.Consents = []intervention.Consent{c}
		}, reason: intervention.ConsentNotYetSigned},
		{name: "revoked before the document", export: "contingency", change: func(o *fhir.Options) {
			c := tpoConsent()
			c.RevokedOn = plantest.Date(10)
			o.Consents = []intervention.Consent{c}
		}, reason: intervention.ConsentRevoked},
		{name: "a member's consent does not authorise the document", export: "family", change: func(o *fhir.Options) {
			o.Recipient, o.Purpose, o.Consents = intervention.RecipientID(mother), intervention.PurposeFamilyInvolvement, nil
		}, reason: intervention.ConsentWrongRecipient},
		{name: "disclosed to the member under her consent", export: "family", change: func(o *fhir.Options) {
			o.Recipient, o.Purpose = intervention.RecipientID(mother), intervention.PurposeFamilyInvolvement
			o.Consents = []intervention.Consent{familyConsent(1, mother, intervention.Date{})}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := options(plantest.Day(45))
			if tc.change != nil {
				tc.change(&o)
			}
			b, err := exports[tc.export](t, o)
			if tc.reason == "" {
				require.NoError(t, err)
				require.NoError(t, b.Verify())
				return
			}
			require.Nil(t, b)
			requireField(t, err, "options.consents", intervention.ErrNotPermitted)
			var de *intervention.DisclosureError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.reason, de.Reason)
			assert.NotContains(t, err.Error(), plantest.Patient().String(), "no ID in the error")
			assert.NotContains(t, err.Error(), mother.String(), "no ID in the error")
		})
	}
}

// Each category a plan document holds is needed: taking any one out of the
// consent's scope refuses the document.
func TestPlanExportNeedsEveryCategory(t *testing.T) {
	all := []intervention.InfoCategory{
		intervention.InfoTreatmentPlan, intervention.InfoDiagnosis, intervention.InfoAttendance, intervention.InfoProgress,
		intervention.InfoScreeningResults, intervention.InfoCMRewards, intervention.InfoToxicologyResults,
	}
	p := quickstartPlan(t)
	for i, cat := range all {
		t.Run(cat.String(), func(t *testing.T) {
			rest := append(append([]intervention.InfoCategory{}, all[:i]...), all[i+1:]...)
			o := options(plantest.Day(45))
			o.Consents = []intervention.Consent{scoped(rest...)}
			_, err := fhir.Export(p, subject(), o)
			var de *intervention.DisclosureError
			require.ErrorAs(t, err, &de, "without %s", cat)
			assert.Equal(t, intervention.ConsentInformationNotCovered, de.Reason)
		})
	}
}
