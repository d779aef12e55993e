package billing_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// reference: V51 (instruments.md §11), §6.4, D18.
func TestSBIRTVectorV51(t *testing.T) {
	const (
		mc = billing.PayerMedicare
		md = billing.PayerMedicaid
		co = billing.PayerCommercial
	)
	descriptor, oregon := billing.SBIRTOptions{}, billing.OregonSBIRT()
	tests := []struct {
		name    string
		minutes int
		payer   billing.Payer
		opts    billing.SBIRTOptions
		code    billing.Code
		reason  billing.Reason
	}{
		{"0 min Medicare none", 0, mc, descriptor, "", billing.ReasonBelowMinimum},
		{"4 min Medicare none", 4, mc, descriptor, "", billing.ReasonBelowMinimum},
		{"4 min commercial none", 4, co, descriptor, "", billing.ReasonBelowMinimum},
		{"5 min Medicare G2011", 5, mc, descriptor, billing.CodeG2011, ""},
		{"5 min Medicaid excluded", 5, md, descriptor, "", billing.ReasonPayerExcluded},
		{"14 min Medicare G2011 not 99408", 14, mc, descriptor, billing.CodeG2011, ""},
		{"14 min commercial not billable", 14, co, descriptor, "", billing.ReasonPayerExcluded},
		{"14 min Medicaid not billable", 14, md, descriptor, "", billing.ReasonPayerExcluded},
		{"15 min Medicare G0396", 15, mc, descriptor, billing.CodeG0396, ""},
		{"15 min commercial 99408", 15, co, descriptor, billing.Code99408, ""},
		{"15 min Medicaid 99408", 15, md, descriptor, billing.Code99408, ""},
		{"29 min Oregon still 99408", 29, md, oregon, billing.Code99408, ""},
		{"30 min Medicare G0396", 30, mc, descriptor, billing.CodeG0396, ""},
		{"30 min commercial 99408", 30, co, descriptor, billing.Code99408, ""},
		{"30 min Oregon 99409", 30, md, oregon, billing.Code99409, ""},
		{"30 min Oregon Medicare G0397", 30, mc, oregon, billing.CodeG0397, ""},
		{"31 min Medicare G0397", 31, mc, descriptor, billing.CodeG0397, ""},
		{"31 min Medicaid 99409", 31, md, descriptor, billing.Code99409, ""},
		{"31 min Oregon 99409", 31, co, oregon, billing.Code99409, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := billing.SBIRT(tt.minutes, tt.payer, tt.opts)
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.Code)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Equal(t, tt.payer, r.Payer)
			assert.Equal(t, tt.minutes, r.Minutes)
			wantRule := billing.RuleSBIRTDescriptor
			if tt.opts.LongAt30 {
				wantRule = billing.RuleSBIRTLongAt30
			}
			assert.Equal(t, wantRule, r.Rule)
			assert.Equal(t, tt.reason == "", r.Billable())
		})
	}
}

func TestSBIRTRejectsBadInput(t *testing.T) {
	_, err := billing.SBIRT(-1, "blue-cross", billing.SBIRTOptions{})
	require.ErrorIs(t, err, intervention.ErrInvalid)
	require.ErrorIs(t, err, billing.ErrMinutesOutOfRange)
	require.ErrorIs(t, err, billing.ErrUnknownPayer)
	assertFields(t, err, "minutes", "payer")

	_, err = billing.SBIRT(20, "", billing.SBIRTOptions{})
	require.ErrorIs(t, err, billing.ErrUnknownPayer)
	assertFields(t, err, "payer")
}
