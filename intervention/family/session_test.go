package family_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// 90846 without the patient, 90847 with, each from 26 minutes (reference:
// plans-and-interop.md §5.4 and rule P-BILL-TIME-1).
func TestAddSessionBilling(t *testing.T) {
	tests := []struct {
		name           string
		minutes        int
		patientPresent bool
		code           billing.Code
		reason         billing.Reason
	}{
		{"patient absent 25 minutes", 25, false, "", billing.ReasonBelowMinimum},
		{"patient absent 26 minutes", 26, false, billing.Code90846, ""},
		{"patient absent 50 minutes", 50, false, billing.Code90846, ""},
		{"patient present 25 minutes", 25, true, "", billing.ReasonBelowMinimum},
		{"patient present 26 minutes", 26, true, billing.Code90847, ""},
		{"patient present 90 minutes", 90, true, billing.Code90847, ""},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := newTherapy(t, family.ModelGeneric, 0)
			addMember(t, th, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
			patient := absent(patientID, intervention.RolePatient, intervention.AttendanceNoShow)
			if tc.patientPresent {
				patient = present(patientID, intervention.RolePatient, tc.minutes)
			}
			s := session(uint64(10+i), t0, tc.minutes, present(parentID, intervention.RoleParent, tc.minutes), patient)
			bill, replayed, err := th.AddSession(s)
			require.NoError(t, err)
			assert.False(t, replayed)
			assert.Equal(t, tc.code, bill.Code)
			assert.Equal(t, tc.reason, bill.Reason)
			assert.Equal(t, billing.RuleFamilyMinimum, bill.Rule)
			assert.Equal(t, tc.minutes, bill.Minutes)

			again, replayed, err := th.AddSession(s)
			require.NoError(t, err)
			assert.True(t, replayed, "the same session again is a no-op")
			assert.Equal(t, bill, again, "a replay returns the original's billing")
			assert.Len(t, th.Sessions(), 1)
		})
	}
}

func TestSessionBillingNeedsFamily(t *testing.T) {
	s := session(1, t0, 60,
		present(patientID, intervention.RolePatient, 60),
		absent(parentID, intervention.RoleParent, intervention.AttendanceNoShow))
	assert.True(t, s.Held())
	assert.False(t, s.FamilyPresent())
	assert.Equal(t, 0, s.BillableMinutes())
	bill, err := s.Billing()
	require.NoError(t, err)
	assert.False(t, bill.Billable(), "no family member present: not family psychotherapy")

	s.Session.Minutes = -1
	_, err = s.Billing()
	require.NoError(t, err, "minutes are counted only with a family member present")
	s.Session.Participants[1] = present(parentID, intervention.RoleParent, 0)
	_, err = s.Billing()
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

func TestSessionValidate(t *testing.T) {
	ok := session(1, t0, 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
	require.NoError(t, ok.Validate())

	tests := []struct {
		name string
		edit func(s *family.Session)
		path string
		rule error
	}{
		{"individual format", func(s *family.Session) {
			s.Session.Format = intervention.FormatIndividual
			s.Session.Participants = append(s.Session.Participants, present(patientID, intervention.RolePatient, 60))
		}, "session.format", intervention.ErrInconsistent},
		{"group format", func(s *family.Session) {
			s.Session.Format = intervention.FormatGroup
			s.Session.Participants = append(s.Session.Participants, present(patientID, intervention.RolePatient, 60))
		}, "session.format", intervention.ErrInconsistent},
		{"another modality", func(s *family.Session) { s.Session.Modality = intervention.ModalityCBT },
			"session.modality", intervention.ErrInconsistent},
		{"conjoint without a partner", func(s *family.Session) { s.Session.Format = intervention.FormatConjoint },
			"session.participants", intervention.ErrFormatMismatch},
		{"no start", func(s *family.Session) { s.Session.Start = s.Session.Start.AddDate(-3000, 0, 0) },
			"session.start", intervention.ErrOutOfRange},
		{"unknown procedure", func(s *family.Session) { s.CRAFTProcedures = []family.CRAFTProcedure{"hugging"} },
			"craftProcedures[0]", family.ErrUnknownCRAFTProcedure},
		{"repeated procedure", func(s *family.Session) {
			s.CRAFTProcedures = []family.CRAFTProcedure{family.CRAFTProblemSolving, family.CRAFTProblemSolving}
		}, "craftProcedures[1]", intervention.ErrDuplicate},
		{"unknown BCT component", func(s *family.Session) { s.BCTComponents = []family.BCTComponent{"x"} },
			"bctComponents[0]", family.ErrUnknownBCTComponent},
		{"unknown BSFT component", func(s *family.Session) { s.BSFTComponents = []family.BSFTComponent{"x"} },
			"bsftComponents[0]", family.ErrUnknownBSFTComponent},
		{"unknown MDFT domain", func(s *family.Session) { s.MDFTDomains = []family.MDFTDomain{"school"} },
			"mdftDomains[0]", family.ErrUnknownMDFTDomain},
		{"unknown MDFT stage", func(s *family.Session) { s.MDFTStage = "exit" }, "mdftStage", family.ErrUnknownMDFTStage},
		{"unknown FFT phase", func(s *family.Session) { s.FFTPhase = "x" }, "fftPhase", family.ErrUnknownFFTPhase},
		{"elements with nobody present", func(s *family.Session) {
			s.Session.Participants = []intervention.SessionParticipant{
				absent(csoID, intervention.RoleConcernedSignificantOther, intervention.AttendanceNoShow),
			}
			s.FFTPhase = family.FFTEngagement
		}, "fftPhase", intervention.ErrInconsistent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := session(1, t0, 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
			tc.edit(&s)
			requireField(t, s.Validate(), tc.path, tc.rule)
		})
	}
}

func TestAddSessionChecks(t *testing.T) {
	th := craftTherapy(t)
	cso := present(csoID, intervention.RoleConcernedSignificantOther, 60)
	tests := []struct {
		name string
		s    family.Session
		path string
		rule error
	}{
		{"another patient", session(10, t0, 60, cso, present(id(77), intervention.RolePatient, 60)),
			"session.participants[1].id", intervention.ErrInconsistent},
		{"not a member", session(10, t0, 60, cso, present(siblingID, intervention.RoleSibling, 60)),
			"session.participants[1].id", family.ErrNotRecorded},
		{"member under another role", session(10, t0, 60, present(csoID, intervention.RoleParent, 60)),
			"session.participants[0].role", intervention.ErrInconsistent},
		{"another model's fields", func() family.Session {
			s := session(10, t0, 60, cso)
			s.FFTPhase = family.FFTMotivation
			s.MDFTDomains = []family.MDFTDomain{family.MDFTParent}
			return s
		}(), "fftPhase", family.ErrWrongModel},
		{"invalid session", session(10, t0, 60), "session.participants", intervention.ErrMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := th.AddSession(tc.s)
			requireField(t, err, tc.path, tc.rule)
			assert.Empty(t, th.Sessions())
		})
	}

	// A zero start is reported once, without a consent refusal.
	zero := session(10, time.Time{}, 60, cso)
	_, _, err := th.AddSession(zero)
	assert.Equal(t, []string{"session.start"}, paths(err))

	// Clinicians and peer supporters need no consent.
	ok := session(11, t0, 60, cso, present(id(50), intervention.RolePeerSupporter, 60), present(id(51), intervention.RoleClinician, 60))
	ok.CRAFTProcedures = []family.CRAFTProcedure{family.CRAFTInformingMotivating}
	addSession(t, th, ok)

	changed := ok
	changed.CRAFTProcedures = []family.CRAFTProcedure{family.CRAFTProblemSolving}
	_, _, err = th.AddSession(changed)
	requireField(t, err, "session.id", family.ErrConflict)
	got := th.Sessions()
	require.Len(t, got, 1)
	assert.Equal(t, []family.CRAFTProcedure{family.CRAFTInformingMotivating}, got[0].CRAFTProcedures)
	got[0].CRAFTProcedures[0] = family.CRAFTProblemSolving
	assert.Equal(t, family.CRAFTInformingMotivating, th.Sessions()[0].CRAFTProcedures[0], "Sessions returns copies")
}

// A session's date, for the consent check, is its start's date in the
// therapy's time zone.
func TestAddSessionTimeZone(t *testing.T) {
	la := mustLoad(t, "America/Los_Angeles")
	th, err := family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelCRAFT, Location: la})
	require.NoError(t, err)
	c := consent(t, 1, csoID, "2025-01-06")
	addMember(t, th, member(csoID, intervention.RoleConcernedSignificantOther, c))
	// 05:00 UTC on 6 January is 21:00 on 5 January in Los Angeles.
	early := session(10, t0.Add(-4*time1h), 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
	_, _, err = th.AddSession(early)
	var ce *family.ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, intervention.ConsentNotYetSigned, ce.Reason)
	late := session(11, t0.Add(12*time1h), 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
	addSession(t, th, late)
}
