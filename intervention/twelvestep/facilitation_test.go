package twelvestep_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

func TestNew(t *testing.T) {
	la := losAngeles(t)
	tests := []struct {
		name string
		edit func(*twelvestep.Config)
		path string
		rule error
	}{
		{"no id", func(c *twelvestep.Config) { c.ID = [16]byte{} }, "id", intervention.ErrMissing},
		{"no patient", func(c *twelvestep.Config) { c.Patient = [16]byte{} }, "patient", intervention.ErrMissing},
		{"bad target", func(c *twelvestep.Config) { c.Target = twelvestep.AttendanceTarget{Meetings: 90} }, "attendanceTarget.windowDays", intervention.ErrOutOfRange},
		{"target too big", func(c *twelvestep.Config) { c.Target = twelvestep.AttendanceTarget{Meetings: 1001, WindowDays: 90} }, "attendanceTarget.meetings", intervention.ErrOutOfRange},
		{"window too long", func(c *twelvestep.Config) { c.InvolvementWindowDays = 367 }, "involvementWindowDays", intervention.ErrOutOfRange},
		{"negative window", func(c *twelvestep.Config) { c.InvolvementWindowDays = -1 }, "involvementWindowDays", intervention.ErrOutOfRange},
		{"unknown purpose", func(c *twelvestep.Config) { c.ConsentPurposes = []intervention.Purpose{"gossip"} }, "consentPurposes[0]", intervention.ErrUnknownPurpose},
		{"duplicate purpose", func(c *twelvestep.Config) {
			c.ConsentPurposes = []intervention.Purpose{intervention.PurposeFamilyInvolvement, intervention.PurposeFamilyInvolvement}
		}, "consentPurposes[1]", intervention.ErrDuplicate},
		{"machine-local zone", func(c *twelvestep.Config) { c.Location = time.Local }, "timeZone", intervention.ErrUnknownValue},
		{"unnamed zone", func(c *twelvestep.Config) { c.Location = time.FixedZone("PST8", -8*3600) }, "timeZone", intervention.ErrUnknownValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(twelvestep.MAAEZ())
			tt.edit(&cfg)
			_, err := twelvestep.New(cfg)
			requireField(t, err, tt.path, tt.rule)
		})
	}

	t.Run("defaults are stored", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MAAEZ()))
		cfg := f.Config()
		assert.Equal(t, twelvestep.DefaultMilestones(), cfg.Milestones)
		assert.Equal(t, twelvestep.NinetyInNinety(), cfg.Target)
		assert.Equal(t, twelvestep.DefaultInvolvementWindowDays, cfg.InvolvementWindowDays)
		assert.Equal(t, twelvestep.DefaultConsentPurposes(), cfg.ConsentPurposes)
		assert.Equal(t, time.UTC, cfg.Location)
		assert.Equal(t, componentID, f.ID())
		assert.Equal(t, intervention.ModalityTwelveStepFacilitation, f.Modality())
		require.NoError(t, f.Validate())

		cfg.Curriculum.Topics[0].ID = "changed"
		cfg.Milestones.Milestones[0].Code = "changed"
		cfg.ConsentPurposes[0] = intervention.PurposeEmployment
		again := f.Config()
		assert.Equal(t, "maaez.introduction", again.Curriculum.Topics[0].ID, "Config returns a copy")
		assert.Equal(t, "24-hours", again.Milestones.Milestones[0].Code)
		assert.Equal(t, intervention.PurposeFamilyInvolvement, again.ConsentPurposes[0])
	})
	t.Run("the caller's lists are copied", func(t *testing.T) {
		cfg := config(twelvestep.MAAEZ())
		cfg.Location = la
		f := newFacilitation(t, cfg)
		cfg.Curriculum.Topics[0].ID = "changed"
		assert.Equal(t, "maaez.introduction", f.Config().Curriculum.Topics[0].ID)
		assert.Equal(t, "America/Los_Angeles", f.Config().Location.String())
	})
	t.Run("zero value", func(t *testing.T) {
		var zero twelvestep.Facilitation
		require.ErrorIs(t, zero.Validate(), intervention.ErrInvalid)
	})
}

func TestAddSession(t *testing.T) {
	tests := []struct {
		name string
		edit func(*intervention.Session)
		path string
		rule error
	}{
		{"invalid session", func(s *intervention.Session) { s.Clinician = [16]byte{} }, "clinician", intervention.ErrMissing},
		{"another modality", func(s *intervention.Session) { s.Modality = intervention.ModalityCBT }, "modality", intervention.ErrInconsistent},
		{"not the patient", func(s *intervention.Session) { s.Participants[0].ID = id(5) }, "participants", intervention.ErrInconsistent},
		{"topics without the patient", func(s *intervention.Session) {
			s.Participants[0] = person(patientID, intervention.RolePatient, intervention.AttendanceNoShow)
		}, "topics", intervention.ErrInconsistent},
		{"topic not in the curriculum", func(s *intervention.Session) {
			s.Topics = append(s.Topics, "maaez.sponsorship")
		}, "topics[1]", twelvestep.ErrUnknownTopic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			s := session(1, t0, "match-tsf.introduction")
			tt.edit(&s)
			_, err := f.AddSession(s)
			requireField(t, err, tt.path, tt.rule)
			assert.Empty(t, f.Sessions(), "a failed call changes nothing")
		})
	}
	t.Run("idempotent, conflicts, copies", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		s := session(1, t0, "match-tsf.introduction")
		record(t)(f.AddSession(s))
		replayed, err := f.AddSession(session(1, t0, "match-tsf.introduction"))
		require.NoError(t, err)
		assert.True(t, replayed)
		_, err = f.AddSession(session(1, t0, "match-tsf.acceptance"))
		requireField(t, err, "id", twelvestep.ErrConflict)
		s.Topics[0] = "changed"
		got := f.Sessions()
		assert.Equal(t, []string{"match-tsf.introduction"}, got[0].Topics, "AddSession copies")
		got[0].Topics[0] = "changed"
		assert.Equal(t, []string{"match-tsf.introduction"}, f.Sessions()[0].Topics, "Sessions copies")
	})
}

func TestRecordConsent(t *testing.T) {
	unsigned := func() intervention.Consent {
		c := consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")
		c.SignedOn, c.SignedBy = intervention.Date{}, ""
		return c
	}
	t.Run("invalid", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		c := unsigned()
		c.Recipients = nil
		_, err := f.RecordConsent(c)
		requireField(t, err, "recipients", intervention.ErrMissing)
		c = unsigned()
		c.Patient = id(4)
		_, err = f.RecordConsent(c)
		requireField(t, err, "patient", intervention.ErrInconsistent)
		assert.Empty(t, f.Consents())
	})
	t.Run("lifecycle", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		record(t)(f.RecordConsent(unsigned()))
		record(t)(f.AddSession(conjoint(1, weekly(1))))
		assert.Len(t, f.Findings(weekly(2)), 1, "an unsigned consent permits nothing")

		signed := unsigned()
		signed.SignedOn, signed.SignedBy = day(t, "2025-01-08"), intervention.SignerPatient
		record(t)(f.RecordConsent(signed)) // advances: replaced, not replayed
		replayed, err := f.RecordConsent(signed)
		require.NoError(t, err)
		assert.True(t, replayed)
		assert.Empty(t, f.Findings(weekly(2)))

		revoked := signed
		revoked.RevokedOn = day(t, "2025-02-01")
		record(t)(f.RecordConsent(revoked))
		require.Len(t, f.Consents(), 1)
		assert.Equal(t, day(t, "2025-02-01"), f.Consents()[0].RevokedOn)
		assert.Empty(t, f.Findings(weekly(2)), "revoked after the session")

		resigned := revoked
		resigned.SignedOn = day(t, "2025-01-09")
		_, err = f.RecordConsent(resigned)
		requireField(t, err, "id", twelvestep.ErrConflict)
		other := revoked
		other.Recipients = []intervention.Recipient{intervention.RecipientID(parentID)}
		_, err = f.RecordConsent(other)
		requireField(t, err, "id", twelvestep.ErrConflict)
		unrevoked := signed
		_, err = f.RecordConsent(unrevoked)
		requireField(t, err, "id", twelvestep.ErrConflict)
		assert.Equal(t, day(t, "2025-02-01"), f.Consents()[0].RevokedOn, "a failed call changes nothing")
	})
	t.Run("the expected signer may be named before signing", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		c := unsigned()
		c.SignedBy = intervention.SignerGuardian
		record(t)(f.RecordConsent(c))
		c.SignedOn = day(t, "2025-01-08")
		record(t)(f.RecordConsent(c))
		c2 := c
		c2.SignedBy = intervention.SignerPatient
		_, err := f.RecordConsent(c2)
		requireField(t, err, "id", twelvestep.ErrConflict)
	})
}

func TestRecordMeeting(t *testing.T) {
	tests := []struct {
		name string
		edit func(*twelvestep.Meeting)
		path string
		rule error
	}{
		{"no id", func(m *twelvestep.Meeting) { m.ID = [16]byte{} }, "id", intervention.ErrMissing},
		{"no time", func(m *twelvestep.Meeting) { m.At = time.Time{} }, "at", intervention.ErrMissing},
		{"time out of range", func(m *twelvestep.Meeting) { m.At = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }, "at", intervention.ErrOutOfRange},
		{"unknown fellowship", func(m *twelvestep.Meeting) { m.Fellowship = "xa" }, "fellowship", twelvestep.ErrUnknownFellowship},
		{"unknown type", func(m *twelvestep.Meeting) { m.Types[1] = "o" }, "types[1]", twelvestep.ErrUnknownMeetingType},
		{"duplicate type", func(m *twelvestep.Meeting) { m.Types[1] = m.Types[0] }, "types[1]", intervention.ErrDuplicate},
		{"too many types", func(m *twelvestep.Meeting) {
			m.Types = nil
			for i := range twelvestep.MaxMeetingTypes + 1 {
				m.Types = append(m.Types, twelvestep.MeetingType("x-t"+string(rune('a'+i%26))+string(rune('a'+i/26))))
			}
		}, "types", intervention.ErrOutOfRange},
		{"unknown venue", func(m *twelvestep.Meeting) { m.Venue = "hybrid" }, "venue", twelvestep.ErrUnknownVenue},
		{"unknown verification", func(m *twelvestep.Meeting) { m.Verification = "" }, "verification", twelvestep.ErrUnknownVerification},
		{"verified by nobody", func(m *twelvestep.Meeting) { m.Verification = twelvestep.VerificationVerified }, "verifiedBy", intervention.ErrMissing},
		{"self-reported but verified by someone", func(m *twelvestep.Meeting) { m.VerifiedBy = clinicianID }, "verifiedBy", intervention.ErrInconsistent},
		{"bad group", func(m *twelvestep.Meeting) { m.Group = "Tuesday Night Group" }, "group", twelvestep.ErrBadCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFacilitation(t, config(twelvestep.MATCHTSF()))
			m := meeting(1, t0)
			tt.edit(&m)
			_, err := f.RecordMeeting(m)
			requireField(t, err, tt.path, tt.rule)
			assert.Empty(t, f.Meetings())
		})
	}
	t.Run("custom fellowship and type, idempotent", func(t *testing.T) {
		f := newFacilitation(t, config(twelvestep.MATCHTSF()))
		refuge, err := twelvestep.CustomFellowship("refuge-recovery")
		require.NoError(t, err)
		spanish, err := twelvestep.CustomMeetingType("spanish")
		require.NoError(t, err)
		m := meeting(1, t0)
		m.Fellowship, m.Types, m.Group = refuge, []twelvestep.MeetingType{spanish}, "grp-17"
		m.Verification, m.VerifiedBy = twelvestep.VerificationVerified, clinicianID
		record(t)(f.RecordMeeting(m))
		replayed, err := f.RecordMeeting(m)
		require.NoError(t, err)
		assert.True(t, replayed)
		m.Venue = twelvestep.VenueOnline
		_, err = f.RecordMeeting(m)
		requireField(t, err, "id", twelvestep.ErrConflict)
		got := f.Meetings()
		got[0].Types[0] = twelvestep.MeetingOpen
		assert.Equal(t, spanish, f.Meetings()[0].Types[0], "Meetings copies")
	})
}

// A rolling 90-day window ending on the day asked about; several meetings
// on one day all count (reference: plans-and-interop.md §3.3, 90 in 90).
func TestAttendanceTarget(t *testing.T) {
	la := losAngeles(t)
	cfg := config(twelvestep.MATCHTSF())
	cfg.Location = la
	f := newFacilitation(t, cfg)
	first := time.Date(2025, 1, 1, 19, 0, 0, 0, la)
	for k := range 89 {
		record(t)(f.RecordMeeting(meeting(uint64(k+1), first.AddDate(0, 0, k))))
	}
	// Day 89 (31 March) has two meetings, one of them at 23:30 local,
	// which is already 1 April in UTC.
	record(t)(f.RecordMeeting(meeting(200, time.Date(2025, 3, 31, 7, 0, 0, 0, la))))
	record(t)(f.RecordMeeting(meeting(201, time.Date(2025, 3, 31, 23, 30, 0, 0, la))))

	tests := []struct {
		name       string
		asOf       time.Time
		inWindow   int
		met        bool
		windowFrom string
	}{
		{"before the first meeting", time.Date(2025, 1, 1, 12, 0, 0, 0, la), 0, false, "2024-10-04"},
		{"after 89 meetings", time.Date(2025, 3, 30, 23, 0, 0, 0, la), 89, false, "2024-12-31"},
		{"the late meeting not yet held", time.Date(2025, 3, 31, 23, 0, 0, 0, la), 90, true, "2025-01-01"},
		{"all 91 in the window", time.Date(2025, 3, 31, 23, 59, 0, 0, la), 91, true, "2025-01-01"},
		{"the first day drops out", time.Date(2025, 4, 1, 12, 0, 0, 0, la), 90, true, "2025-01-02"},
		{"two days on", time.Date(2025, 4, 2, 12, 0, 0, 0, la), 89, false, "2025-01-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := f.Summary(tt.asOf)
			assert.Equal(t, tt.inWindow, s.Meetings.InWindow)
			assert.Equal(t, tt.met, s.Meetings.TargetMet)
			assert.Equal(t, tt.windowFrom, s.Meetings.WindowStart.String())
			p := f.Progress(tt.asOf)
			assertCount(t, measure(t, p, twelvestep.MeasureMeetingsInWindow), int64(tt.inWindow))
			target := measure(t, p, twelvestep.MeasureMeetingTarget)
			assert.Equal(t, int64(90), target.Den().IntPart())
		})
	}

	t.Run("verified only", func(t *testing.T) {
		cfg := config(twelvestep.MATCHTSF())
		cfg.Target = twelvestep.AttendanceTarget{Meetings: 2, WindowDays: 7, VerifiedOnly: true}
		f := newFacilitation(t, cfg)
		record(t)(f.RecordMeeting(meeting(1, t0)))
		v := meeting(2, t0.Add(time.Hour))
		v.Verification, v.VerifiedBy, v.Venue = twelvestep.VerificationVerified, clinicianID, twelvestep.VenueOnline
		record(t)(f.RecordMeeting(v))
		s := f.Summary(t0.Add(2 * time.Hour))
		assert.Equal(t, 1, s.Meetings.InWindow)
		assert.False(t, s.Meetings.TargetMet)
		assert.Equal(t, 2, s.Meetings.Total)
		assert.Equal(t, 1, s.Meetings.Verified)
		assert.Equal(t, 1, s.Meetings.Online)
		assert.Equal(t, []twelvestep.Fellowship{twelvestep.FellowshipAA}, s.Meetings.Fellowships)
	})
	t.Run("window arithmetic", func(t *testing.T) {
		from, to := twelvestep.NinetyInNinety().Window(day(t, "2025-03-31"))
		assert.Equal(t, "2025-01-01", from.String())
		assert.Equal(t, "2025-03-31", to.String())
		assert.Equal(t, 89, to.DaysSince(from))
	})
}

func TestAffiliationStepsService(t *testing.T) {
	cfg := config(twelvestep.MAAEZ())
	f := newFacilitation(t, cfg)
	aa := twelvestep.Affiliation{
		ID: id(1), On: day(t, "2025-01-10"), Fellowship: twelvestep.FellowshipAA,
		HasSponsor: true, TemporarySponsor: true, SponsorSince: day(t, "2025-01-09"),
	}
	record(t)(f.RecordAffiliation(aa))
	aa2 := twelvestep.Affiliation{
		ID: id(2), On: day(t, "2025-02-10"), Fellowship: twelvestep.FellowshipAA, SelfIdentifies: true,
		HasSponsor: true, SponsorSince: day(t, "2025-02-01"), HomeGroup: "grp-17",
	}
	record(t)(f.RecordAffiliation(aa2))
	na := twelvestep.Affiliation{ID: id(3), On: day(t, "2025-01-20"), Fellowship: twelvestep.FellowshipNA, IsSponsor: true}
	record(t)(f.RecordAffiliation(na))

	for _, w := range []twelvestep.StepWork{
		{ID: id(10), Step: 1, Status: twelvestep.StepInProgress, On: day(t, "2025-01-10")},
		{ID: id(11), Step: 1, Status: twelvestep.StepCompleted, On: day(t, "2025-01-20")},
		{ID: id(12), Step: 2, Status: twelvestep.StepCompleted, On: day(t, "2025-02-01")},
		{ID: id(13), Step: 3, Status: twelvestep.StepInProgress, On: day(t, "2025-02-05")},
		{ID: id(14), Step: 1, Status: twelvestep.StepInProgress, On: day(t, "2025-01-15")}, // recorded late, dated earlier
	} {
		record(t)(f.RecordStepWork(w))
	}
	svc := twelvestep.ServiceCommitment{ID: id(20), Fellowship: twelvestep.FellowshipAA, Role: "coffee", Group: "grp-17", Start: day(t, "2025-02-01")}
	record(t)(f.AddService(svc))
	record(t)(f.AddService(twelvestep.ServiceCommitment{ID: id(21), Fellowship: twelvestep.FellowshipAA, Role: "greeter", Start: day(t, "2025-01-01"), End: day(t, "2025-01-31")}))

	home := meeting(30, time.Date(2025, 2, 11, 19, 0, 0, 0, time.UTC))
	home.Group = "grp-17"
	record(t)(f.RecordMeeting(home))
	naMeeting := meeting(31, time.Date(2025, 2, 12, 19, 0, 0, 0, time.UTC))
	naMeeting.Fellowship, naMeeting.Group = twelvestep.FellowshipNA, "grp-17"
	record(t)(f.RecordMeeting(naMeeting))
	record(t)(f.RecordMeeting(meeting(32, time.Date(2024, 10, 1, 19, 0, 0, 0, time.UTC))))

	asOf := time.Date(2025, 2, 15, 12, 0, 0, 0, time.UTC)
	s := f.Summary(asOf)
	assert.True(t, s.Affiliation.Known)
	assert.Equal(t, []twelvestep.Fellowship{twelvestep.FellowshipAA, twelvestep.FellowshipNA}, s.Affiliation.Fellowships)
	assert.True(t, s.Affiliation.SelfIdentifies)
	assert.True(t, s.Affiliation.HasSponsor)
	assert.True(t, s.Affiliation.IsSponsor)
	assert.True(t, s.Affiliation.HasHomeGroup)
	assert.Equal(t, 1, s.Affiliation.ActiveService, "the greeter commitment ended")
	assert.Equal(t, 1, s.Meetings.HomeGroup, "an NA meeting of a group with the same code is not the AA home group")

	assert.Equal(t, 2, s.Steps.Completed)
	assert.Equal(t, 1, s.Steps.InProgress)
	require.Len(t, s.Steps.Steps, twelvestep.Steps)
	assert.Equal(t, twelvestep.StepState{Step: 1, Status: twelvestep.StepCompleted, Since: day(t, "2025-01-20")}, s.Steps.Steps[0])
	assert.Equal(t, twelvestep.StepState{Step: 12, Status: twelvestep.StepNotStarted}, s.Steps.Steps[11])

	// AAI core for AA and NA (reference: plans-and-interop.md §3.4).
	aai := f.Involvement(asOf, twelvestep.FellowshipAA)
	assert.Equal(t, twelvestep.Involvement{
		Fellowship: twelvestep.FellowshipAA, WindowDays: 90, Meetings: 1, StepsCompleted: 2, SelfIdentifies: true, Known: true,
	}, aai)
	nai := f.Involvement(asOf, twelvestep.FellowshipNA)
	assert.Equal(t, 1, nai.Meetings)
	assert.True(t, nai.Known)
	assert.False(t, nai.SelfIdentifies)
	smart := f.Involvement(asOf, twelvestep.FellowshipSMART)
	assert.False(t, smart.Known)
	assert.Zero(t, smart.Meetings)
	assert.Zero(t, f.Involvement(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), twelvestep.FellowshipAA).Meetings)

	p := f.Progress(asOf)
	assertCount(t, measure(t, p, twelvestep.MeasureStepsCompleted), 2)
	assertCount(t, measure(t, p, twelvestep.MeasureHasSponsor), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureHomeGroup), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureSelfIdentifies), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureServiceCommitments), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureMeetingsTotal), 3)

	// Earlier, the first snapshot is current: no home group, no self-identification.
	early := f.Summary(time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC))
	assert.False(t, early.Affiliation.SelfIdentifies)
	assert.False(t, early.Affiliation.HasHomeGroup)
	assert.Equal(t, 1, early.Affiliation.ActiveService)
	assert.Equal(t, 1, early.Steps.InProgress)
	pe := f.Progress(time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC))
	assertCount(t, measure(t, pe, twelvestep.MeasureHomeGroup), 0)
	none := f.Progress(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	assert.False(t, measure(t, none, twelvestep.MeasureHasSponsor).Computable())

	t.Run("service end", func(t *testing.T) {
		_, err := f.EndService(id(99), day(t, "2025-03-01"))
		requireField(t, err, "id", twelvestep.ErrNotRecorded)
		_, err = f.EndService(id(20), intervention.Date{})
		requireField(t, err, "end", intervention.ErrMissing)
		_, err = f.EndService(id(20), day(t, "2025-01-01"))
		requireField(t, err, "end", intervention.ErrInconsistent)
		record(t)(f.EndService(id(20), day(t, "2025-03-01")))
		replayed, err := f.EndService(id(20), day(t, "2025-03-01"))
		require.NoError(t, err)
		assert.True(t, replayed)
		_, err = f.EndService(id(20), day(t, "2025-03-02"))
		requireField(t, err, "end", twelvestep.ErrConflict)
		replayed, err = f.AddService(svc)
		require.NoError(t, err)
		assert.True(t, replayed, "the commitment as first recorded is a replay")
		changed := svc
		changed.Role = "gsr"
		_, err = f.AddService(changed)
		requireField(t, err, "id", twelvestep.ErrConflict)
		assert.Equal(t, day(t, "2025-03-01"), f.Service()[0].End)
		assert.False(t, f.Service()[0].ActiveOn(day(t, "2025-03-02")))
		assert.True(t, f.Service()[0].ActiveOn(day(t, "2025-03-01")))
		assert.False(t, f.Service()[0].ActiveOn(intervention.Date{}))
	})
	t.Run("replays", func(t *testing.T) {
		replayed, err := f.RecordAffiliation(aa)
		require.NoError(t, err)
		assert.True(t, replayed)
		changed := aa
		changed.IsSponsor = true
		_, err = f.RecordAffiliation(changed)
		requireField(t, err, "id", twelvestep.ErrConflict)
		replayed, err = f.RecordStepWork(twelvestep.StepWork{ID: id(10), Step: 1, Status: twelvestep.StepInProgress, On: day(t, "2025-01-10")})
		require.NoError(t, err)
		assert.True(t, replayed)
		_, err = f.RecordStepWork(twelvestep.StepWork{ID: id(10), Step: 2, Status: twelvestep.StepInProgress, On: day(t, "2025-01-10")})
		requireField(t, err, "id", twelvestep.ErrConflict)
		assert.Len(t, f.Affiliations(), 3)
		assert.Len(t, f.StepWork(), 5)
	})
}

func TestRecordValidation(t *testing.T) {
	f := newFacilitation(t, config(twelvestep.MAAEZ()))
	affTests := []struct {
		name string
		a    twelvestep.Affiliation
		path string
		rule error
	}{
		{"no id", twelvestep.Affiliation{On: day(t, "2025-01-01"), Fellowship: twelvestep.FellowshipAA}, "id", intervention.ErrMissing},
		{"no day", twelvestep.Affiliation{ID: id(1), Fellowship: twelvestep.FellowshipAA}, "on", intervention.ErrMissing},
		{"no fellowship", twelvestep.Affiliation{ID: id(1), On: day(t, "2025-01-01")}, "fellowship", twelvestep.ErrUnknownFellowship},
		{"sponsor since without sponsor", twelvestep.Affiliation{ID: id(1), On: day(t, "2025-01-01"), Fellowship: twelvestep.FellowshipAA, SponsorSince: day(t, "2024-12-01")}, "sponsorSince", intervention.ErrInconsistent},
		{"sponsor since in the future", twelvestep.Affiliation{ID: id(1), On: day(t, "2025-01-01"), Fellowship: twelvestep.FellowshipAA, HasSponsor: true, SponsorSince: day(t, "2025-01-02")}, "sponsorSince", intervention.ErrInconsistent},
		{"temporary without sponsor", twelvestep.Affiliation{ID: id(1), On: day(t, "2025-01-01"), Fellowship: twelvestep.FellowshipAA, TemporarySponsor: true}, "temporarySponsor", intervention.ErrInconsistent},
		{"bad home group", twelvestep.Affiliation{ID: id(1), On: day(t, "2025-01-01"), Fellowship: twelvestep.FellowshipAA, HomeGroup: "St Mary's"}, "homeGroup", twelvestep.ErrBadCode},
	}
	for _, tt := range affTests {
		t.Run("affiliation "+tt.name, func(t *testing.T) {
			_, err := f.RecordAffiliation(tt.a)
			requireField(t, err, tt.path, tt.rule)
		})
	}
	stepTests := []struct {
		name string
		w    twelvestep.StepWork
		path string
		rule error
	}{
		{"no id", twelvestep.StepWork{Step: 1, Status: twelvestep.StepCompleted, On: day(t, "2025-01-01")}, "id", intervention.ErrMissing},
		{"step 0", twelvestep.StepWork{ID: id(1), Step: 0, Status: twelvestep.StepCompleted, On: day(t, "2025-01-01")}, "step", intervention.ErrOutOfRange},
		{"step 13", twelvestep.StepWork{ID: id(1), Step: 13, Status: twelvestep.StepCompleted, On: day(t, "2025-01-01")}, "step", intervention.ErrOutOfRange},
		{"no status", twelvestep.StepWork{ID: id(1), Step: 1, On: day(t, "2025-01-01")}, "status", twelvestep.ErrUnknownStepStatus},
		{"no day", twelvestep.StepWork{ID: id(1), Step: 1, Status: twelvestep.StepCompleted}, "on", intervention.ErrMissing},
	}
	for _, tt := range stepTests {
		t.Run("step "+tt.name, func(t *testing.T) {
			_, err := f.RecordStepWork(tt.w)
			requireField(t, err, tt.path, tt.rule)
		})
	}
	svcTests := []struct {
		name string
		s    twelvestep.ServiceCommitment
		path string
		rule error
	}{
		{"no id", twelvestep.ServiceCommitment{Fellowship: twelvestep.FellowshipAA, Role: "coffee", Start: day(t, "2025-01-01")}, "id", intervention.ErrMissing},
		{"no fellowship", twelvestep.ServiceCommitment{ID: id(1), Role: "coffee", Start: day(t, "2025-01-01")}, "fellowship", twelvestep.ErrUnknownFellowship},
		{"no role", twelvestep.ServiceCommitment{ID: id(1), Fellowship: twelvestep.FellowshipAA, Start: day(t, "2025-01-01")}, "role", twelvestep.ErrBadCode},
		{"bad group", twelvestep.ServiceCommitment{ID: id(1), Fellowship: twelvestep.FellowshipAA, Role: "coffee", Group: "a b", Start: day(t, "2025-01-01")}, "group", twelvestep.ErrBadCode},
		{"no start", twelvestep.ServiceCommitment{ID: id(1), Fellowship: twelvestep.FellowshipAA, Role: "coffee"}, "start", intervention.ErrMissing},
		{"end before start", twelvestep.ServiceCommitment{ID: id(1), Fellowship: twelvestep.FellowshipAA, Role: "coffee", Start: day(t, "2025-01-02"), End: day(t, "2025-01-01")}, "end", intervention.ErrInconsistent},
	}
	for _, tt := range svcTests {
		t.Run("service "+tt.name, func(t *testing.T) {
			_, err := f.AddService(tt.s)
			requireField(t, err, tt.path, tt.rule)
		})
	}
	assert.Empty(t, f.Affiliations())
	assert.Empty(t, f.StepWork())
	assert.Empty(t, f.Service())
}

func TestProgress(t *testing.T) {
	cfg := config(twelvestep.MAAEZ())
	cfg.JourneyStart = day(t, "2024-12-20")
	f := newFacilitation(t, cfg)

	p := f.Progress(t0)
	assert.Equal(t, intervention.StatusNotStarted, p.Status)
	assert.Equal(t, componentID, p.Component)
	assert.Equal(t, intervention.ModalityTwelveStepFacilitation, p.Modality)
	assert.False(t, p.Attendance.Computable())
	codes := make([]string, len(p.Measures))
	for i, m := range p.Measures {
		codes[i] = m.Code
	}
	assert.Equal(t, []string{
		"tsf.sessions-attended", "tsf.topics-covered", "tsf.electives-covered", "tsf.conjoint-sessions",
		"tsf.meetings-in-window", "tsf.meeting-target", "tsf.meetings-total", "tsf.streak-days", "tsf.journey-days",
		"tsf.milestones-reached", "tsf.days-to-next-milestone", "tsf.slips", "tsf.steps-completed",
		"tsf.has-sponsor", "tsf.home-group", "tsf.self-identifies", "tsf.service-commitments",
	}, codes)

	for k, topic := range []string{intro, spons, princ} {
		s := session(uint64(k+1), weekly(k), topic)
		s.Format = intervention.FormatGroup
		record(t)(f.AddSession(s))
	}
	record(t)(f.AddSession(missed(9, weekly(3), intervention.AttendanceNoShow)))
	record(t)(f.AddSession(missed(10, weekly(4), intervention.AttendanceCancelledByProgramme)))

	p = f.Progress(weekly(5))
	assert.Equal(t, intervention.StatusActive, p.Status)
	assertCount(t, measure(t, p, twelvestep.MeasureSessionsAttended), 3)
	topics := measure(t, p, twelvestep.MeasureTopicsCovered)
	assert.Equal(t, "3/6", topics.String())
	assert.Equal(t, "3/6", p.Completion.String())
	assert.Equal(t, "3/4", p.Attendance.String(), "a programme cancellation is not held against the patient")
	s := f.Summary(weekly(5))
	assert.Equal(t, []string{intro, spons, princ}, s.Sessions.TopicsCovered)
	assert.Equal(t, 6, s.Sessions.Required)

	for k, topic := range []string{spirit, sober, grad} {
		s := session(uint64(k+20), weekly(k+5), topic)
		record(t)(f.AddSession(s))
	}
	p = f.Progress(weekly(9))
	assert.Equal(t, intervention.StatusCompleted, p.Status)
	assert.Equal(t, "6/6", p.Completion.String())
	assert.Equal(t, "6/6", measure(t, p, twelvestep.MeasureTopicsCovered).String())
	assert.Empty(t, f.Findings(weekly(9)))

	// Electives and conjoint sessions in a MATCH course.
	g := newFacilitation(t, config(twelvestep.MATCHTSF()))
	record(t)(g.AddSession(session(1, weekly(0), "match-tsf.introduction", "match-tsf.genograms")))
	record(t)(g.AddSession(conjoint(2, weekly(1), "match-tsf.conjoint-enabling")))
	p = g.Progress(weekly(2))
	assertCount(t, measure(t, p, twelvestep.MeasureElectivesCovered), 1)
	assertCount(t, measure(t, p, twelvestep.MeasureConjointSessions), 1)
	assert.Equal(t, "1/5", measure(t, p, twelvestep.MeasureTopicsCovered).String())
	assert.Equal(t, "2/12", p.Completion.String())
}

func TestConcurrent(t *testing.T) {
	cfg := config(twelvestep.MATCHTSF())
	cfg.JourneyStart = day(t, "2024-12-01")
	f := newFacilitation(t, cfg)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				n := uint64(g*1000 + k + 1)
				_, _ = f.RecordMeeting(meeting(n, t0.Add(time.Duration(k)*time.Hour)))
				_, _ = f.AddSession(session(n, t0.AddDate(0, 0, k)))
				_ = f.Progress(t0.AddDate(0, 1, 0))
				_ = f.Findings(t0.AddDate(0, 1, 0))
				_ = f.String()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, f.Meetings(), 200)
	assert.Len(t, f.Sessions(), 200)
}
