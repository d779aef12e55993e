package twelvestep_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// matchCourse returns a MATCH TSF component holding n individual sessions
// and the given conjoint sessions (by week), with a consent for the
// partner signed before the first session.
func matchCourse(t *testing.T, n int, conjointWeeks ...int) *twelvestep.Facilitation {
	t.Helper()
	f := newFacilitation(t, config(twelvestep.MATCHTSF()))
	record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")))
	isConjoint := map[int]bool{}
	for _, w := range conjointWeeks {
		isConjoint[w] = true
	}
	for k := range n {
		s := session(uint64(k+1), weekly(k), "match-tsf.acceptance")
		if isConjoint[k] {
			s = conjoint(uint64(k+1), weekly(k), "match-tsf.conjoint-enabling")
		}
		record(t)(f.AddSession(s))
	}
	return f
}

// reference: plans-and-interop.md (b) 29 (C-TSF-1).
func TestRuleTSF(t *testing.T) {
	asOf := weekly(20)
	tests := []struct {
		name  string
		build func(t *testing.T) *twelvestep.Facilitation
		want  []string
	}{
		{"12 individual sessions pass", func(t *testing.T) *twelvestep.Facilitation {
			return matchCourse(t, 12)
		}, nil},
		{"10 individual and 2 conjoint with consent pass", func(t *testing.T) *twelvestep.Facilitation {
			return matchCourse(t, 12, 4, 8)
		}, nil},
		{"a thirteenth session fails", func(t *testing.T) *twelvestep.Facilitation {
			return matchCourse(t, 13)
		}, []string{"C-TSF-1 error sessions[12]"}},
		{"a third conjoint session fails", func(t *testing.T) *twelvestep.Facilitation {
			return matchCourse(t, 12, 2, 4, 6)
		}, []string{"C-TSF-1 error sessions[6]"}},
		{"missed sessions do not count toward the twelve", func(t *testing.T) *twelvestep.Facilitation {
			f := matchCourse(t, 12)
			record(t)(f.AddSession(missed(50, weekly(12), intervention.AttendanceNoShow)))
			return f
		}, nil},
		{"sessions after asOf do not count", func(t *testing.T) *twelvestep.Facilitation {
			f := matchCourse(t, 12)
			record(t)(f.AddSession(session(50, weekly(30))))
			return f
		}, nil},
		{"a conjoint session without consent fails", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			record(t)(f.AddSession(session(1, weekly(0), "match-tsf.introduction")))
			record(t)(f.AddSession(conjoint(2, weekly(1), "match-tsf.conjoint-enabling")))
			return f
		}, []string{"C-TSF-1 error sessions[1].participants[1]"}},
		{"a consent signed after the session fails", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientID(partnerID), "2025-01-14")))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"a consent revoked before the session fails", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
			c.RevokedOn = day(t, "2025-01-10")
			record(t)(f.RecordConsent(c))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"a consent revoked after the session passes", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
			c.RevokedOn = day(t, "2025-01-14")
			record(t)(f.RecordConsent(c))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, nil},
		{"a consent for another person fails", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientID(parentID), "2025-01-02")))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"a consent for another purpose fails", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
			c.Purpose = intervention.PurposeEmployment
			record(t)(f.RecordConsent(c))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"a patient-request consent passes by default", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
			c.Purpose = intervention.PurposePatientRequest
			record(t)(f.RecordConsent(c))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, nil},
		{"configured purposes replace the defaults", func(t *testing.T) *twelvestep.Facilitation {
			cfg := config(twelvestep.MATCHTSF())
			cfg.ConsentPurposes = []intervention.Purpose{intervention.PurposeFamilyInvolvement}
			f := newFacilitation(t, cfg)
			c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
			c.Purpose = intervention.PurposePatientRequest
			record(t)(f.RecordConsent(c))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"a family-member class consent passes", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientOfClass(intervention.RecipientFamilyMember), "2025-01-02")))
			record(t)(f.AddSession(conjoint(1, weekly(1))))
			return f
		}, nil},
		{"a designated-support class consent covers a concerned significant other", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientOfClass(intervention.RecipientDesignatedSupport), "2025-01-02")))
			s := session(1, weekly(1))
			s.Format = intervention.FormatFamily
			s.Participants = append(s.Participants, person(parentID, intervention.RoleConcernedSignificantOther, intervention.AttendanceAttended))
			record(t)(f.AddSession(s))
			return f
		}, nil},
		{"an absent significant other needs no consent and makes no conjoint session", func(t *testing.T) *twelvestep.Facilitation {
			f := matchCourse(t, 12, 2, 4)
			s := session(50, weekly(5))
			s.Participants = append(s.Participants, person(parentID, intervention.RoleParent, intervention.AttendanceNoShow))
			s.Format = intervention.FormatFamily
			record(t)(f.AddSession(s))
			return f
			// The added session is the sixth by start, so the thirteenth
			// is the last recorded one (week 11).
		}, []string{"C-TSF-1 error sessions[11]"}},
		{"a peer supporter needs no consent", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			s := session(1, weekly(1))
			s.Format = intervention.FormatGroup
			s.Participants = append(s.Participants, person(peerID, intervention.RolePeerSupporter, intervention.AttendanceAttended))
			record(t)(f.AddSession(s))
			return f
		}, nil},
		{"consent is checked under MAAEZ too", func(t *testing.T) *twelvestep.Facilitation {
			f := newFacilitation(t, config(twelvestep.MAAEZ()))
			s := conjoint(1, weekly(0), "maaez.introduction")
			record(t)(f.AddSession(s))
			return f
		}, []string{"C-TSF-1 error sessions[0].participants[1]"}},
		{"the format is not checked for a custom curriculum", func(t *testing.T) *twelvestep.Facilitation {
			c := twelvestep.MATCHTSF()
			c.Protocol, c.Name, c.Sessions = twelvestep.ProtocolCustom, "nida-tsf", 15
			f := newFacilitation(t, config(c))
			record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")))
			for k := range 15 {
				s := conjoint(uint64(k+1), weekly(k))
				record(t)(f.AddSession(s))
			}
			return f
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := tt.build(t).Findings(asOf)
			assert.Equal(t, tt.want, nilIfEmpty(rules(fs)))
			for _, f := range fs {
				assert.Equal(t, twelvestep.RuleTSF, f.Rule)
				assert.Equal(t, "plans-and-interop.md (b) 29; §3.1; §5.5", f.Source)
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// maaez adds sessions with one topic each, a week apart, to a MAAEZ
// component; an empty topic adds a session with none.
func maaez(t *testing.T, adapted bool, topics ...string) *twelvestep.Facilitation {
	t.Helper()
	cfg := config(twelvestep.MAAEZ())
	cfg.Adapted = adapted
	f := newFacilitation(t, cfg)
	for k, topic := range topics {
		s := session(uint64(k+1), weekly(k))
		if topic != "" {
			s.Topics = []string{topic}
		}
		s.Format = intervention.FormatGroup
		record(t)(f.AddSession(s))
	}
	return f
}

const (
	intro  = "maaez.introduction"
	spons  = "maaez.sponsorship"
	princ  = "maaez.principles-not-personalities"
	spirit = "maaez.spirituality"
	sober  = "maaez.living-sober"
	grad   = "maaez.graduate"
)

// reference: plans-and-interop.md (b) 30 (C-MAAEZ-1).
func TestRuleMAAEZ(t *testing.T) {
	asOf := weekly(20)
	tests := []struct {
		name    string
		adapted bool
		topics  []string
		want    []string
	}{
		{"manual order passes", false, []string{intro, spons, princ, spirit, sober, grad}, nil},
		{"core topics in any order pass", false, []string{intro, sober, spirit, spons, princ, grad}, nil},
		{"a course in progress passes", false, []string{intro, spirit}, nil},
		{"core first fails", false, []string{spons, intro, princ, spirit, sober, grad},
			[]string{"C-MAAEZ-1 error sessions[0].topics", "C-MAAEZ-1 error sessions[1].topics"}},
		{"a repeated core topic fails", false, []string{intro, spons, spons, spirit, sober, grad},
			[]string{"C-MAAEZ-1 error sessions[2].topics"}},
		{"graduate too early fails", false, []string{intro, spons, princ, grad},
			[]string{"C-MAAEZ-1 error sessions[3].topics"}},
		{"session 6 not the graduate fails", false, []string{intro, spons, princ, spirit, sober, intro},
			[]string{"C-MAAEZ-1 error sessions[5].topics"}},
		{"a seventh session fails", false, []string{intro, spons, princ, spirit, sober, grad, grad},
			[]string{"C-MAAEZ-1 error sessions[6].topics"}},
		{"a session without topics fails", false, []string{"", spons},
			[]string{"C-MAAEZ-1 error sessions[0].topics"}},
		{"an adapted course gets warnings", true, []string{spons, intro},
			[]string{"C-MAAEZ-1 warning sessions[0].topics", "C-MAAEZ-1 warning sessions[1].topics"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := maaez(t, tt.adapted, tt.topics...).Findings(asOf)
			assert.Equal(t, tt.want, nilIfEmpty(rules(fs)))
			for _, f := range fs {
				assert.Equal(t, "plans-and-interop.md (b) 30; §3.2", f.Source)
			}
		})
	}

	t.Run("two topics in a core session fail", func(t *testing.T) {
		f := maaez(t, false, intro)
		s := session(2, weekly(1), spons, princ)
		record(t)(f.AddSession(s))
		assert.Equal(t, []string{"C-MAAEZ-1 error sessions[1].topics"}, rules(f.Findings(asOf)))
	})
	t.Run("sessions count in order of start, missed ones skipped", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MAAEZ()))
		record(t)(f.AddSession(session(3, weekly(2), princ)))
		record(t)(f.AddSession(missed(9, weekly(1), intervention.AttendanceNoShow)))
		record(t)(f.AddSession(session(2, weekly(1).Add(time.Hour), spons)))
		record(t)(f.AddSession(session(1, weekly(0), intro)))
		assert.Empty(t, f.Findings(asOf))
		// Sessions that start after asOf are not judged yet.
		record(t)(f.AddSession(session(4, weekly(40), grad)))
		assert.Empty(t, f.Findings(asOf))
		assert.Equal(t, []string{"C-MAAEZ-1 error sessions[4].topics"}, rules(f.Findings(weekly(41))))
	})
	t.Run("the MATCH format is not applied to MAAEZ", func(t *testing.T) {
		f := maaez(t, false, intro, spons, princ, spirit, sober, grad)
		for _, fd := range f.Findings(asOf) {
			assert.NotEqual(t, twelvestep.RuleTSF, fd.Rule)
		}
	})
}

// reference: plans-and-interop.md (b) 32 (C-MILESTONE-1).
func TestRuleMilestone(t *testing.T) {
	asOf := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	positive := func(t *testing.T, n uint64, role intervention.Role) twelvestep.Slip {
		s := slip(t, n, "2025-02-10", time.Date(2025, 2, 11, 9, 0, 0, 0, time.UTC))
		s.Reason, s.RecordedByRole, s.Evidence = twelvestep.SlipPositiveTest, role, id(77)
		return s
	}
	tests := []struct {
		name  string
		sched twelvestep.MilestoneSchedule
		slips func(t *testing.T) []twelvestep.Slip
		retr  bool
		want  []string
	}{
		{"a clinician's positive-test reset passes", twelvestep.MilestoneSchedule{}, func(t *testing.T) []twelvestep.Slip {
			return []twelvestep.Slip{positive(t, 1, intervention.RoleClinician)}
		}, false, nil},
		{"a self-reported slip by a peer supporter passes", twelvestep.MilestoneSchedule{}, func(t *testing.T) []twelvestep.Slip {
			s := positive(t, 1, intervention.RolePeerSupporter)
			s.Reason = twelvestep.SlipSelfReport
			return []twelvestep.Slip{s}
		}, false, nil},
		{"a positive-test reset by a non-clinician fails", twelvestep.MilestoneSchedule{}, func(t *testing.T) []twelvestep.Slip {
			return []twelvestep.Slip{slip(t, 2, "2025-01-20", t0.AddDate(0, 0, 20)), positive(t, 1, intervention.RolePeerSupporter)}
		}, false, []string{"C-MILESTONE-1 warning slips[1].recordedByRole"}},
		{"a retracted positive-test reset passes", twelvestep.MilestoneSchedule{}, func(t *testing.T) []twelvestep.Slip {
			return []twelvestep.Slip{positive(t, 1, intervention.RolePatient)}
		}, true, nil},
		{"an unordered schedule fails", twelvestep.MilestoneSchedule{
			Name: "confused",
			Milestones: []twelvestep.Milestone{
				{Code: "1-month", Count: 1, Unit: twelvestep.UnitMonth},
				{Code: "30-days", Count: 30, Unit: twelvestep.UnitDay},
				{Code: "90-days", Count: 90, Unit: twelvestep.UnitDay},
				{Code: "60-days", Count: 60, Unit: twelvestep.UnitDay},
			},
		}, func(*testing.T) []twelvestep.Slip { return nil }, false,
			[]string{"C-MILESTONE-1 warning milestones.milestones[1]", "C-MILESTONE-1 warning milestones.milestones[3]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(twelvestep.MATCHTSF())
			cfg.JourneyStart = day(t, "2025-01-01")
			cfg.Milestones = tt.sched
			f := newFacilitation(t, cfg)
			for _, s := range tt.slips(t) {
				record(t)(f.RecordSlip(s))
			}
			if tt.retr {
				record(t)(f.RetractSlip(twelvestep.SlipRetraction{
					ID: id(80), Slip: id(1), Reason: twelvestep.RetractionTestNotConfirmed,
					RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: asOf,
				}))
			}
			fs := f.Findings(asOf)
			assert.Equal(t, tt.want, nilIfEmpty(rules(fs)))
			for _, fd := range fs {
				assert.Equal(t, "plans-and-interop.md (b) 32; §3.3", fd.Source)
			}
		})
	}

	t.Run("a slip after asOf is not judged yet", func(t *testing.T) {
		cfg := config(twelvestep.MATCHTSF())
		cfg.JourneyStart = day(t, "2025-01-01")
		f := newFacilitation(t, cfg)
		record(t)(f.RecordSlip(positive(t, 1, intervention.RolePatient)))
		assert.Empty(t, f.Findings(time.Date(2025, 2, 9, 12, 0, 0, 0, time.UTC)))
		assert.Len(t, f.Findings(asOf), 1)
		assert.Empty(t, f.Findings(time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)), "no dated record counts outside years 1-9999")
	})

	t.Run("a reset without attribution cannot be recorded", func(t *testing.T) {
		cfg := config(twelvestep.MATCHTSF())
		cfg.JourneyStart = day(t, "2025-01-01")
		f := newFacilitation(t, cfg)
		s := positive(t, 1, intervention.RoleClinician)
		s.RecordedBy, s.RecordedByRole, s.RecordedAt = [16]byte{}, "", time.Time{}
		_, err := f.RecordSlip(s)
		requireField(t, err, "recordedBy", intervention.ErrMissing)
		requireField(t, err, "recordedByRole", intervention.ErrUnknownRole)
		requireField(t, err, "recordedAt", intervention.ErrMissing)
		assert.Empty(t, f.Slips())
		require.Empty(t, f.Findings(asOf))
	})
}

func TestFindingsOrder(t *testing.T) {
	cfg := config(twelvestep.MATCHTSF())
	cfg.JourneyStart = day(t, "2024-12-01")
	cfg.Milestones = twelvestep.MilestoneSchedule{Name: "x", Milestones: []twelvestep.Milestone{
		{Code: "a", Count: 2, Unit: twelvestep.UnitDay}, {Code: "b", Count: 1, Unit: twelvestep.UnitDay},
	}}
	f := newFacilitation(t, cfg)
	for k := range 13 {
		record(t)(f.AddSession(session(uint64(k+1), weekly(k))))
	}
	record(t)(f.AddSession(conjoint(20, weekly(13))))
	s := slip(t, 30, "2025-01-05", t0)
	s.Reason, s.RecordedByRole = twelvestep.SlipPositiveTest, intervention.RolePatient
	record(t)(f.RecordSlip(s))
	assert.Equal(t, []string{
		"C-TSF-1 error sessions[12]",
		"C-TSF-1 error sessions[13]",
		"C-TSF-1 error sessions[13].participants[1]",
		"C-MILESTONE-1 warning slips[0].recordedByRole",
		"C-MILESTONE-1 warning milestones.milestones[1]",
	}, rules(f.Findings(weekly(30))))
	for _, fd := range f.Findings(weekly(30)) {
		assert.Equal(t, fd.Rule+" "+string(fd.Severity)+" "+fd.Path+": "+fd.Message, fd.String())
	}
	var zero twelvestep.Facilitation
	assert.Empty(t, zero.Findings(weekly(30)))
}
