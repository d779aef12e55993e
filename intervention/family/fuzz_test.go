package family_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/family"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"craft", "inviting-ip", "calendar-review", "joining", "parent", "solidify-change",
		"generalization", "trust-discussion", "done", "identified", "accepted", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(v interface{ String() string }, err error) {
			if err == nil {
				assert.Equal(t, s, v.String())
			} else {
				require.ErrorIs(t, err, intervention.ErrUnknownValue)
			}
		}
		check(family.ParseModel(s))
		check(family.ParseCRAFTProcedure(s))
		check(family.ParseBCTComponent(s))
		check(family.ParseBSFTComponent(s))
		check(family.ParseMDFTDomain(s))
		check(family.ParseMDFTStage(s))
		check(family.ParseFFTPhase(s))
		check(family.ParseContractItem(s))
		check(family.ParseDayStatus(s))
		check(family.ParseDVRisk(s))
		check(family.ParseInvitationOutcome(s))
	})
}

func FuzzTherapyJSON(f *testing.F) {
	for _, th := range []*family.Therapy{fullCRAFT(f), fullBCT(f)} {
		seed, err := wiretest.Marshal(th)
		require.NoError(f, err)
		f.Add(seed)
	}
	f.Add([]byte(`{"schemaVersion":"1"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		th, err := family.ParseTherapy(b)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := wiretest.Marshal(th)
		require.NoError(t, err)
		back, err := family.ParseTherapy(out)
		require.NoError(t, err)
		out2, err := wiretest.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2))
		asOf := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		assert.Equal(t, th.Progress(asOf), back.Progress(asOf))
		assert.Equal(t, th.Findings(asOf), back.Findings(asOf))
	})
}

// The family code follows patient presence and the 26-minute minimum
// (reference: plans-and-interop.md §5.4).
func FuzzSessionBilling(f *testing.F) {
	f.Add(25, true, true)
	f.Add(26, false, true)
	f.Add(60, true, false)
	f.Add(-3, false, true)
	f.Fuzz(func(t *testing.T, minutes int, patient, familyPresent bool) {
		pa := absent(patientID, intervention.RolePatient, intervention.AttendanceNoShow)
		if patient {
			pa = present(patientID, intervention.RolePatient, 0)
		}
		fa := absent(parentID, intervention.RoleParent, intervention.AttendanceExcused)
		if familyPresent {
			fa = present(parentID, intervention.RoleParent, 0)
		}
		s := session(1, t0, minutes, pa, fa)
		bill, err := s.Billing()
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.True(t, minutes < 0 || minutes > billing.MaxMinutes)
			return
		}
		switch {
		case !familyPresent || minutes < 26:
			assert.False(t, bill.Billable())
			assert.Equal(t, billing.ReasonBelowMinimum, bill.Reason)
		case patient:
			assert.Equal(t, billing.Code90847, bill.Code)
		default:
			assert.Equal(t, billing.Code90846, bill.Code)
		}
	})
}
