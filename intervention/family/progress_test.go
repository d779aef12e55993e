package family_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

var measureCodes = []string{
	family.MeasureSessionsAttended, family.MeasureSessionsWithPatient, family.MeasureMembersAttending,
	family.MeasureElementsCovered, family.MeasureMDFTDomainsCovered, family.MeasureStage,
	family.MeasureBCTTrustAdherence, family.MeasureBCTContractAdherence, family.MeasureBCTCalendarRecorded,
	family.MeasureCRAFTInvitations, family.MeasureCRAFTTreatmentEntry, family.MeasureStrainFlagged,
}

func codes(p intervention.Progress) []string {
	var out []string
	for _, m := range p.Measures {
		out = append(out, m.Code)
	}
	return out
}

func TestProgressEmpty(t *testing.T) {
	for _, m := range family.Models() {
		t.Run(m.String(), func(t *testing.T) {
			th := newTherapy(t, m, 0)
			p := th.Progress(t0)
			assert.Equal(t, therapyID, p.Component)
			assert.Equal(t, intervention.ModalityFamilyTherapy, p.Modality)
			assert.Equal(t, intervention.StatusNotStarted, p.Status)
			assert.Equal(t, measureCodes, codes(p), "always every measure, in order")
			assert.False(t, p.Completion.Computable())
			assert.False(t, p.Attendance.Computable())
			assertRatio(t, measure(t, p, family.MeasureSessionsAttended), 0, 1)
			assertRatio(t, measure(t, p, family.MeasureStrainFlagged), 0, 1)
			assert.False(t, measure(t, p, family.MeasureStage).Computable())
			assert.Empty(t, p.Due)
		})
	}
}

func TestProgressCRAFT(t *testing.T) {
	th := craftTherapy(t)
	addMember(t, th, member(siblingID, intervention.RoleSibling, consent(t, 2, siblingID, "2025-01-02")))
	addSession(t, th, craftSession(t, 10, "2025-01-06", family.CRAFTInformingMotivating, family.CRAFTFunctionalAnalysisUse))
	s := craftSession(t, 11, "2025-01-09", family.CRAFTInformingMotivating, family.CRAFTInvitingIP)
	s.Session.Participants = append(s.Session.Participants, present(siblingID, intervention.RoleSibling, 60))
	addSession(t, th, s)
	addSession(t, th, session(12, at(t, "2025-01-13"), 60,
		absent(csoID, intervention.RoleConcernedSignificantOther, intervention.AttendanceNoShow)))
	addSession(t, th, session(13, at(t, "2025-01-16"), 60,
		absent(csoID, intervention.RoleConcernedSignificantOther, intervention.AttendanceCancelledByProgramme)))
	_, err := th.RecordDVScreen(dvScreen(t, 20, siblingID, "2025-01-10", family.DVRiskNotIdentified, false))
	require.NoError(t, err)
	_, err = th.RecordInvitation(family.Invitation{ID: id(40), By: csoID, On: day(t, "2025-01-10"), Outcome: family.InvitationAccepted})
	require.NoError(t, err)
	_, err = th.RecordTreatmentEntry(day(t, "2025-01-20"))
	require.NoError(t, err)

	p := th.Progress(at(t, "2025-01-17"))
	assert.Equal(t, intervention.StatusActive, p.Status)
	assertRatio(t, p.Completion, 2, 12)
	assertRatio(t, p.Attendance, 2, 3) // the programme's cancellation is not counted
	assertRatio(t, measure(t, p, family.MeasureSessionsAttended), 2, 1)
	assertRatio(t, measure(t, p, family.MeasureSessionsWithPatient), 0, 1)
	assertRatio(t, measure(t, p, family.MeasureMembersAttending), 2, 1)
	assertRatio(t, measure(t, p, family.MeasureElementsCovered), 3, 11)
	assertRatio(t, measure(t, p, family.MeasureCRAFTInvitations), 1, 1)
	assertRatio(t, measure(t, p, family.MeasureCRAFTTreatmentEntry), 0, 1)
	assert.False(t, measure(t, p, family.MeasureBCTTrustAdherence).Computable())
	assert.False(t, measure(t, p, family.MeasureMDFTDomainsCovered).Computable())
	// The CSO was never screened: due by the first session, overdue now.
	assert.Equal(t, []intervention.Due{{Code: family.DueDVScreen, By: day(t, "2025-01-06"), Overdue: true, Ref: csoID}}, p.Due)

	p = th.Progress(at(t, "2025-01-20"))
	assertRatio(t, measure(t, p, family.MeasureCRAFTTreatmentEntry), 1, 1)

	// Only what happened by asOf counts, and the answer is pure.
	early := th.Progress(at(t, "2025-01-06"))
	assertRatio(t, measure(t, early, family.MeasureSessionsAttended), 1, 1)
	assertRatio(t, measure(t, early, family.MeasureCRAFTInvitations), 0, 1)
	assert.Equal(t, []intervention.Due{{Code: family.DueDVScreen, By: day(t, "2025-01-06"), Overdue: false, Ref: csoID}}, early.Due)
	assert.Equal(t, early, th.Progress(at(t, "2025-01-06")))
}

func TestProgressBCT(t *testing.T) {
	th := bctTherapy(t)
	_, err := th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion, family.ItemRecoveryMedication))
	require.NoError(t, err)
	addSession(t, th, conjoint(10, at(t, "2025-01-06"), family.BCTRecoveryContract, family.BCTCatchYourPartner))
	for d, s := range map[string]family.DayStatus{"2025-01-06": family.DayDone, "2025-01-07": family.DayMissed, "2025-01-08": family.DayDone} {
		_, err := th.RecordDay(family.CalendarEntry{Day: day(t, d), Item: family.ItemTrustDiscussion, Status: s})
		require.NoError(t, err)
	}
	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-06"), Item: family.ItemRecoveryMedication, Status: family.DayMissed})
	require.NoError(t, err)

	p := th.Progress(at(t, "2025-01-09"))
	assertRatio(t, measure(t, p, family.MeasureSessionsWithPatient), 1, 1)
	assertRatio(t, measure(t, p, family.MeasureElementsCovered), 2, 6)
	assertRatio(t, measure(t, p, family.MeasureBCTTrustAdherence), 2, 3)
	assertRatio(t, measure(t, p, family.MeasureBCTContractAdherence), 2, 4)
	assertRatio(t, measure(t, p, family.MeasureBCTCalendarRecorded), 3, 4) // 6–9 January, the 9th not yet marked
	assert.False(t, measure(t, p, family.MeasureCRAFTInvitations).Computable())

	before := th.Progress(at(t, "2025-01-05"))
	assert.False(t, measure(t, before, family.MeasureBCTCalendarRecorded).Computable(), "no contract in force yet")
	assert.False(t, measure(t, before, family.MeasureBCTTrustAdherence).Computable())
}

func TestProgressMDFT(t *testing.T) {
	th := newTherapy(t, family.ModelMDFT, 2)
	addMember(t, th, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
	s1 := session(10, t0, 60, present(parentID, intervention.RoleParent, 60), present(patientID, intervention.RolePatient, 60))
	s1.MDFTStage, s1.MDFTDomains = family.MDFTBuildFoundation, []family.MDFTDomain{family.MDFTAdolescent, family.MDFTParent}
	s2 := session(11, t0.Add(72*time.Hour), 60, present(parentID, intervention.RoleParent, 60))
	s2.MDFTStage, s2.MDFTDomains = family.MDFTFacilitateChange, []family.MDFTDomain{family.MDFTParent, family.MDFTCommunity}
	addSession(t, th, s2) // recorded out of order
	addSession(t, th, s1)

	p := th.Progress(t0.Add(96 * time.Hour))
	assert.Equal(t, intervention.StatusCompleted, p.Status)
	assertRatio(t, p.Completion, 2, 2)
	assertRatio(t, measure(t, p, family.MeasureMDFTDomainsCovered), 3, 4)
	assertRatio(t, measure(t, p, family.MeasureElementsCovered), 2, 3)
	assertRatio(t, measure(t, p, family.MeasureStage), 2, 1)
	stage, ok := th.CurrentMDFTStage(t0)
	assert.True(t, ok)
	assert.Equal(t, family.MDFTBuildFoundation, stage)
	_, ok = th.CurrentMDFTStage(t0.Add(-time.Hour))
	assert.False(t, ok)
	_, ok = th.CurrentFFTPhase(t0.Add(96 * time.Hour))
	assert.False(t, ok)
}

func TestProgressFFTAndBSFT(t *testing.T) {
	fft := newTherapy(t, family.ModelFFT, 0)
	addMember(t, fft, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
	for i, ph := range []family.FFTPhase{family.FFTEngagement, family.FFTMotivation, family.FFTMotivation, family.FFTRelationalAssessment} {
		s := session(uint64(10+i), t0.Add(time.Duration(i)*168*time.Hour), 60, present(parentID, intervention.RoleParent, 60))
		s.FFTPhase = ph
		addSession(t, fft, s)
	}
	p := fft.Progress(t0.Add(30 * 24 * time.Hour))
	assertRatio(t, measure(t, p, family.MeasureElementsCovered), 3, 5)
	assertRatio(t, measure(t, p, family.MeasureStage), 3, 1)
	assert.False(t, measure(t, p, family.MeasureMDFTDomainsCovered).Computable())
	phase, ok := fft.CurrentFFTPhase(t0.Add(8 * 24 * time.Hour))
	assert.True(t, ok)
	assert.Equal(t, family.FFTMotivation, phase)
	assert.False(t, p.Completion.Computable(), "open-ended")

	bsft := newTherapy(t, family.ModelBSFT, 0)
	addMember(t, bsft, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
	s := session(10, t0, 60, present(parentID, intervention.RoleParent, 60))
	s.BSFTComponents = []family.BSFTComponent{family.BSFTJoining, family.BSFTSystemicDiagnosis}
	addSession(t, bsft, s)
	p = bsft.Progress(t0)
	assertRatio(t, measure(t, p, family.MeasureElementsCovered), 2, 3)
	assert.False(t, measure(t, p, family.MeasureStage).Computable())
}

func TestProgressStrainDue(t *testing.T) {
	th := newTherapy(t, family.ModelGeneric, 0)
	addMember(t, th, member(parentID, intervention.RoleParent))
	for i, d := range []string{"2025-01-06", "2025-01-13"} {
		_, err := th.RecordStrain(checkIn(t, uint64(60+i), parentID, d, 8))
		require.NoError(t, err)
	}
	p := th.Progress(at(t, "2025-01-13"))
	assertRatio(t, measure(t, p, family.MeasureStrainFlagged), 1, 1)
	assert.False(t, measure(t, p, family.MeasureElementsCovered).Computable(), "generic model: no structure")
	assert.Equal(t, []intervention.Due{{Code: family.DueCaregiverSupport, By: day(t, "2025-01-13"), Ref: parentID}}, p.Due)
	p = th.Progress(at(t, "2025-01-14"))
	require.Len(t, p.Due, 1)
	assert.True(t, p.Due[0].Overdue)

	// An asOf outside the calendar counts no dated record.
	p = th.Progress(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	assertRatio(t, measure(t, p, family.MeasureStrainFlagged), 0, 1)
}
