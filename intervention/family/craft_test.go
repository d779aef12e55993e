package family_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

func dvScreen(t testing.TB, n uint64, who uuid.UUID, on string, risk family.DVRisk, plan bool) family.DVScreen {
	return family.DVScreen{ID: id(n), Member: who, On: day(t, on), Risk: risk, SafetyPlan: plan, Clinician: clinicianID}
}

func TestRecordDVScreen(t *testing.T) {
	th := craftTherapy(t)
	d := dvScreen(t, 20, csoID, "2025-01-06", family.DVRiskIdentified, true)
	replayed, err := th.RecordDVScreen(d)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordDVScreen(d)
	require.NoError(t, err)
	assert.True(t, replayed)
	changed := d
	changed.SafetyPlan = false
	_, err = th.RecordDVScreen(changed)
	requireField(t, err, "id", family.ErrConflict)

	_, err = th.RecordDVScreen(dvScreen(t, 21, siblingID, "2025-01-06", family.DVRiskNotIdentified, false))
	requireField(t, err, "member", family.ErrNotRecorded)
	_, err = th.RecordDVScreen(family.DVScreen{Risk: "severe"})
	assert.ElementsMatch(t, []string{"id", "member", "on", "risk", "clinician"}, paths(err))
	assert.Equal(t, []family.DVScreen{d}, th.DVScreens())
}

func TestRecordInvitation(t *testing.T) {
	th := craftTherapy(t)
	inv := family.Invitation{ID: id(40), By: csoID, On: day(t, "2025-02-01"), Outcome: family.InvitationDeclined}
	replayed, err := th.RecordInvitation(inv)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordInvitation(inv)
	require.NoError(t, err)
	assert.True(t, replayed)
	changed := inv
	changed.Outcome = family.InvitationAccepted
	_, err = th.RecordInvitation(changed)
	requireField(t, err, "id", family.ErrConflict)

	_, err = th.RecordInvitation(family.Invitation{ID: id(41), By: siblingID, On: day(t, "2025-02-01"), Outcome: family.InvitationAccepted})
	requireField(t, err, "by", family.ErrNotRecorded)
	_, err = th.RecordInvitation(family.Invitation{Outcome: "maybe"})
	assert.ElementsMatch(t, []string{"id", "by", "on", "outcome"}, paths(err))
	assert.Equal(t, []family.Invitation{inv}, th.Invitations())

	bct := bctTherapy(t)
	_, err = bct.RecordInvitation(family.Invitation{ID: id(40), By: partnerID, On: day(t, "2025-02-01"), Outcome: family.InvitationDeclined})
	requireField(t, err, "model", family.ErrWrongModel)
	assert.Empty(t, bct.Invitations())
}

func TestRecordTreatmentEntry(t *testing.T) {
	th := craftTherapy(t)
	_, ok := th.TreatmentEntry()
	assert.False(t, ok)
	_, err := th.RecordTreatmentEntry(intervention.Date{})
	requireField(t, err, "treatmentEntry", intervention.ErrMissing)

	replayed, err := th.RecordTreatmentEntry(day(t, "2025-03-03"))
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordTreatmentEntry(day(t, "2025-03-03"))
	require.NoError(t, err)
	assert.True(t, replayed)
	_, err = th.RecordTreatmentEntry(day(t, "2025-03-04"))
	requireField(t, err, "treatmentEntry", family.ErrConflict)
	got, ok := th.TreatmentEntry()
	assert.True(t, ok)
	assert.Equal(t, day(t, "2025-03-03"), got)

	_, err = bctTherapy(t).RecordTreatmentEntry(day(t, "2025-03-03"))
	requireField(t, err, "model", family.ErrWrongModel)
}

func TestCRAFTProcedures(t *testing.T) {
	procs := family.CRAFTProcedures()
	assert.Len(t, procs, 11)
	assert.Equal(t, family.CRAFTInformingMotivating, procs[0])
	assert.Equal(t, family.CRAFTCRAWithIP, procs[10])
	var change []family.CRAFTProcedure
	for _, p := range procs {
		if p.BehaviorChange() {
			change = append(change, p)
		}
	}
	assert.Equal(t, []family.CRAFTProcedure{
		family.CRAFTCommunicationSkills, family.CRAFTRewardingNonUse, family.CRAFTWithdrawingRewards,
		family.CRAFTNaturalConsequences, family.CRAFTProblemSolving, family.CRAFTInvitingIP,
	}, change)
	assert.False(t, family.CRAFTProcedure("x").BehaviorChange())
}
