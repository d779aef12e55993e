package family_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// craftSession is a CRAFT session with the CSO present covering procs.
func craftSession(t testing.TB, n uint64, on string, procs ...family.CRAFTProcedure) family.Session {
	s := session(n, at(t, on), 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
	s.CRAFTProcedures = procs
	return s
}

func warning(path, msg string) intervention.Finding {
	return intervention.Finding{
		Rule: family.RuleFamily, Severity: intervention.SeverityWarning, Path: path, Message: msg,
		Source: "plans-and-interop.md (b) 31",
	}
}

// Rule C-FAMILY-1 (reference: plans-and-interop.md (b) 31): CRAFT records
// DV precautions before behaviour-change procedures and tracks invitations.
func TestFindingsCRAFT(t *testing.T) {
	t.Run("passing", func(t *testing.T) {
		th := craftTherapy(t)
		_, err := th.RecordDVScreen(dvScreen(t, 20, csoID, "2025-01-06", family.DVRiskIdentified, true))
		require.NoError(t, err)
		addSession(t, th, craftSession(t, 10, "2025-01-06", family.CRAFTInformingMotivating, family.CRAFTCommunicationSkills))
		addSession(t, th, craftSession(t, 11, "2025-01-13", family.CRAFTInvitingIP))
		_, err = th.RecordInvitation(family.Invitation{ID: id(40), By: csoID, On: day(t, "2025-01-13"), Outcome: family.InvitationAccepted})
		require.NoError(t, err)
		assert.Empty(t, th.Findings(at(t, "2025-01-20")))
	})
	t.Run("failing", func(t *testing.T) {
		th := craftTherapy(t)
		addSession(t, th, craftSession(t, 10, "2025-01-06", family.CRAFTCommunicationSkills))
		_, err := th.RecordDVScreen(dvScreen(t, 20, csoID, "2025-01-08", family.DVRiskIdentified, false))
		require.NoError(t, err)
		addSession(t, th, craftSession(t, 11, "2025-01-13", family.CRAFTInvitingIP))
		patientOnly := session(12, at(t, "2025-01-20"), 60,
			present(patientID, intervention.RolePatient, 60),
			absent(csoID, intervention.RoleConcernedSignificantOther, intervention.AttendanceCancelledByClient))
		addSession(t, th, patientOnly)
		// An informing-only session before the screen is fine.
		addSession(t, th, craftSession(t, 13, "2025-01-07", family.CRAFTInformingMotivating))

		assert.Equal(t, []intervention.Finding{
			warning("sessions[0]", family.MsgDVScreenFirst),
			warning("sessions[2]", family.MsgNoFamilyPresent),
			warning("dvScreens[0]", family.MsgNoSafetyPlan),
			warning("invitations", family.MsgInvitationMissing),
		}, th.Findings(at(t, "2025-01-31")))

		// As of 7 January only the first session and no screen yet.
		assert.Equal(t, []intervention.Finding{warning("sessions[0]", family.MsgDVScreenFirst)},
			th.Findings(at(t, "2025-01-07")))

		// An invitation dated later does not count before its date.
		_, err = th.RecordInvitation(family.Invitation{ID: id(40), By: csoID, On: day(t, "2025-02-01"), Outcome: family.InvitationUndecided})
		require.NoError(t, err)
		assert.Contains(t, th.Findings(at(t, "2025-01-31")), warning("invitations", family.MsgInvitationMissing))
		assert.NotContains(t, th.Findings(at(t, "2025-02-01")), warning("invitations", family.MsgInvitationMissing))
	})
}

// Rule C-FAMILY-1: BCT records the daily recovery-contract calendar
// (reference: plans-and-interop.md (b) 31; O'Farrell & Schein 2000).
func TestFindingsBCT(t *testing.T) {
	markDays := func(t *testing.T, th *family.Therapy, from string, n int, skip string) {
		t.Helper()
		for d := day(t, from); n > 0; d, n = d.AddDays(1), n-1 {
			if d.String() == skip {
				continue
			}
			_, err := th.RecordDay(family.CalendarEntry{Day: d, Item: family.ItemTrustDiscussion, Status: family.DayDone})
			require.NoError(t, err)
		}
	}
	t.Run("passing", func(t *testing.T) {
		th := bctTherapy(t)
		addSession(t, th, conjoint(10, at(t, "2025-01-06"), family.BCTRecoveryContract))
		_, err := th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion))
		require.NoError(t, err)
		markDays(t, th, "2025-01-06", 7, "")
		addSession(t, th, conjoint(11, at(t, "2025-01-13"), family.BCTCalendarReview))
		assert.Empty(t, th.Findings(at(t, "2025-01-13")))
	})
	t.Run("no contract", func(t *testing.T) {
		th := bctTherapy(t)
		addSession(t, th, conjoint(10, at(t, "2025-01-06"), family.BCTCommunicationSkills))
		assert.Empty(t, th.Findings(at(t, "2025-01-05")), "nothing held yet")
		assert.Equal(t, []intervention.Finding{warning("contracts", family.MsgNoContract)}, th.Findings(at(t, "2025-01-06")))
		_, err := th.AddContract(contract(t, 30, "2025-01-07", family.ItemTrustDiscussion))
		require.NoError(t, err)
		assert.Equal(t, []intervention.Finding{warning("contracts", family.MsgNoContract)}, th.Findings(at(t, "2025-01-06")),
			"a contract starting later is not in force")
		assert.Empty(t, th.Findings(at(t, "2025-01-07")))
	})
	t.Run("calendar gaps", func(t *testing.T) {
		th := bctTherapy(t)
		_, err := th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion))
		require.NoError(t, err)
		addSession(t, th, conjoint(10, at(t, "2025-01-06")))
		markDays(t, th, "2025-01-06", 7, "2025-01-09")
		addSession(t, th, conjoint(11, at(t, "2025-01-13")))
		assert.Equal(t, []intervention.Finding{warning("sessions[1]", family.MsgCalendarGaps)}, th.Findings(at(t, "2025-01-13")))
		_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-09"), Item: family.ItemTrustDiscussion, Status: family.DayMissed})
		require.NoError(t, err)
		assert.Empty(t, th.Findings(at(t, "2025-01-13")), "a missed day is recorded")
	})
}

func TestFindingsStrain(t *testing.T) {
	th := newTherapy(t, family.ModelMDFT, 0)
	addMember(t, th, member(siblingID, intervention.RoleSibling))
	addMember(t, th, member(parentID, intervention.RoleParent))
	for i, d := range []string{"2025-01-06", "2025-01-13"} {
		_, err := th.RecordStrain(checkIn(t, uint64(60+i), parentID, d, 9))
		require.NoError(t, err)
	}
	assert.Empty(t, th.Findings(at(t, "2025-01-12")))
	assert.Equal(t, []intervention.Finding{{
		Rule: family.RuleCaregiverStrain, Severity: intervention.SeverityInfo, Path: "members[1]",
		Message: family.MsgCaregiverStrain, Source: "library design default (no reference source)",
	}}, th.Findings(at(t, "2025-01-13")))
}

func TestFindingsNoFamilyPresentAnyModel(t *testing.T) {
	for _, m := range []family.Model{family.ModelBSFT, family.ModelMDFT, family.ModelFFT, family.ModelGeneric} {
		t.Run(m.String(), func(t *testing.T) {
			th := newTherapy(t, m, 0)
			addMember(t, th, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
			addSession(t, th, session(10, t0, 60, present(parentID, intervention.RoleParent, 60)))
			addSession(t, th, session(11, t0.Add(24*time.Hour), 60,
				present(patientID, intervention.RolePatient, 60), absent(parentID, intervention.RoleParent, intervention.AttendanceNoShow)))
			addSession(t, th, session(12, t0.Add(48*time.Hour), 60,
				absent(patientID, intervention.RolePatient, intervention.AttendanceNoShow),
				absent(parentID, intervention.RoleParent, intervention.AttendanceNoShow)))
			assert.Equal(t, []intervention.Finding{warning("sessions[1]", family.MsgNoFamilyPresent)}, th.Findings(t0.Add(72*time.Hour)),
				"a session nobody attended was not held")
			for _, f := range th.Findings(t0.Add(72 * time.Hour)) {
				assert.Equal(t, "C-FAMILY-1", f.Rule)
				assert.Equal(t, intervention.SeverityWarning, f.Severity)
			}
		})
	}
}
