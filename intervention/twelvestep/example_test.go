package twelvestep_test

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// exampleDay parses a date the examples know to be valid.
func exampleDay(s string) intervention.Date {
	d, _ := intervention.ParseDate(s)
	return d
}

// The happy path: a MAAEZ course, a week of meetings, a sponsor, and the
// component's Progress.
func ExampleFacilitation_Progress() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, clinician := next(), next()
	la, _ := time.LoadLocation("America/Los_Angeles")
	f, err := twelvestep.New(twelvestep.Config{
		ID: next(), Patient: patient, Curriculum: twelvestep.MAAEZ(),
		JourneyStart: exampleDay("2025-01-01"), Location: la,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for week, topic := range []string{"maaez.introduction", "maaez.sponsorship"} {
		_, err := f.AddSession(intervention.Session{
			ID: next(), Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatGroup,
			Start: time.Date(2025, 1, 6+7*week, 18, 0, 0, 0, la), Minutes: 90, Clinician: clinician,
			Topics: []string{topic},
			Participants: []intervention.SessionParticipant{{
				Participant: intervention.Participant{ID: patient, Role: intervention.RolePatient},
				Attendance:  intervention.AttendanceAttended, Minutes: 90,
			}},
		})
		fmt.Println("session:", err)
	}
	for d := range 7 {
		_, _ = f.RecordMeeting(twelvestep.Meeting{
			ID: next(), At: time.Date(2025, 1, 7+d, 19, 0, 0, 0, la), Fellowship: twelvestep.FellowshipAA,
			Types: []twelvestep.MeetingType{twelvestep.MeetingOpen, twelvestep.MeetingDiscussion},
			Venue: twelvestep.VenueInPerson, Verification: twelvestep.VerificationSelfReported,
		})
	}
	_, err = f.RecordAffiliation(twelvestep.Affiliation{
		ID: next(), On: exampleDay("2025-01-13"), Fellowship: twelvestep.FellowshipAA,
		HasSponsor: true, TemporarySponsor: true, SelfIdentifies: true,
	})
	fmt.Println("affiliation:", err)

	p := f.Progress(time.Date(2025, 1, 14, 12, 0, 0, 0, la))
	fmt.Println(p.Status, "completion", p.Completion)
	for _, code := range []string{twelvestep.MeasureTopicsCovered, twelvestep.MeasureMeetingsInWindow,
		twelvestep.MeasureMeetingTarget, twelvestep.MeasureStreakDays, twelvestep.MeasureHasSponsor} {
		m, _ := p.Measure(code)
		fmt.Println(m.Code, m.Value)
	}
	fmt.Println(p.Due[0].Code, p.Due[0].By.In(la).Format(time.DateOnly))
	fmt.Println("findings:", len(f.Findings(p.AsOf)))
	// Output:
	// session: <nil>
	// session: <nil>
	// affiliation: <nil>
	// active completion 2/6
	// tsf.topics-covered 2/6
	// tsf.meetings-in-window 7/1
	// tsf.meeting-target 7/90
	// tsf.streak-days 13/1
	// tsf.has-sponsor 1/1
	// tsf.next-milestone 2025-01-31
	// findings: 0
}

// A slip restarts the streak but never the journey start; only an
// explicit, attributed action records one.
func ExampleFacilitation_RecordSlip() {
	clinician := uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	f, _ := twelvestep.New(twelvestep.Config{
		ID:           uuid.MustParse("00000000-0000-0000-0000-000000000001"),
		Patient:      uuid.MustParse("00000000-0000-0000-0000-000000000002"),
		Curriculum:   twelvestep.MATCHTSF(),
		JourneyStart: exampleDay("2025-01-01"),
	})
	asOf := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	ct := f.CleanTime(asOf)
	fmt.Println("journey", ct.JourneyDays, "streak", ct.StreakDays, "last", ct.Last.Milestone.Code, "next", ct.Next.Milestone.Code, "in", ct.DaysToNext)

	_, err := f.RecordSlip(twelvestep.Slip{
		ID: uuid.MustParse("00000000-0000-0000-0000-0000000000a1"), On: exampleDay("2025-02-14"),
		Reason: twelvestep.SlipSelfReport, RecordedBy: clinician, RecordedByRole: intervention.RoleClinician,
		RecordedAt: time.Date(2025, 2, 17, 10, 0, 0, 0, time.UTC),
	})
	fmt.Println("slip:", err)
	ct = f.CleanTime(asOf)
	fmt.Println("journey", ct.JourneyDays, "streak", ct.StreakDays, "last", ct.Last.Milestone.Code, "next", ct.Next.Milestone.Code, "in", ct.DaysToNext)

	_, err = f.RecordSlip(twelvestep.Slip{ID: uuid.MustParse("00000000-0000-0000-0000-0000000000a2"), On: exampleDay("2025-02-20")})
	fmt.Println(err != nil, len(f.Slips()))
	// Output:
	// journey 59 streak 59 last 30-days next 60-days in 1
	// slip: <nil>
	// journey 59 streak 14 last 24-hours next 30-days in 16
	// true 1
}

// Fidelity findings for a MAAEZ group that held a core topic first, and a
// session a partner attended without a Part 2 consent.
func ExampleFacilitation_Findings() {
	patient := uuid.MustParse("00000000-0000-0000-0000-000000000002")
	partner := uuid.MustParse("00000000-0000-0000-0000-000000000003")
	clinician := uuid.MustParse("00000000-0000-0000-0000-0000000000c1")
	f, _ := twelvestep.New(twelvestep.Config{
		ID: uuid.MustParse("00000000-0000-0000-0000-000000000001"), Patient: patient, Curriculum: twelvestep.MAAEZ(),
	})
	present := func(id uuid.UUID, role intervention.Role) intervention.SessionParticipant {
		return intervention.SessionParticipant{
			Participant: intervention.Participant{ID: id, Role: role}, Attendance: intervention.AttendanceAttended, Minutes: 90,
		}
	}
	for week, topic := range []string{"maaez.spirituality", "maaez.introduction"} {
		s := intervention.Session{
			ID:       uuid.MustParse(fmt.Sprintf("00000000-0000-0000-0000-00000000010%d", week)),
			Modality: intervention.ModalityTwelveStepFacilitation, Format: intervention.FormatGroup,
			Start: time.Date(2025, 1, 6+7*week, 18, 0, 0, 0, time.UTC), Minutes: 90, Clinician: clinician,
			Topics:       []string{topic},
			Participants: []intervention.SessionParticipant{present(patient, intervention.RolePatient)},
		}
		if week == 1 {
			s.Participants = append(s.Participants, present(partner, intervention.RolePartner))
		}
		_, _ = f.AddSession(s)
	}
	for _, fd := range f.Findings(time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(fd)
	}
	// Output:
	// C-TSF-1 error sessions[1].participants[1]: a significant other took part without a 42 CFR Part 2 consent in force on the session day
	// C-MAAEZ-1 error sessions[0].topics: MAAEZ session 1 must be the introduction
	// C-MAAEZ-1 error sessions[1].topics: MAAEZ sessions 2-5 must each cover one core topic not covered before
}

// Milestones are calendar arithmetic: a streak that starts on a leap day
// reaches one year on 28 February and four years on 29 February.
func ExampleMilestoneSchedule_Through() {
	start := exampleDay("2024-02-29")
	for _, d := range twelvestep.DefaultMilestones().Through(start, exampleDay("2028-03-01")) {
		fmt.Println(d.Milestone.Code, d.On)
	}
	// Output:
	// 24-hours 2024-03-01
	// 30-days 2024-03-30
	// 60-days 2024-04-29
	// 90-days 2024-05-29
	// 6-months 2024-08-29
	// 9-months 2024-11-29
	// 1-year 2025-02-28
	// 18-months 2025-08-29
	// 2-years 2026-02-28
	// 3-years 2027-02-28
	// 4-years 2028-02-29
}

// The default Project MATCH TSF curriculum; its topic names are an
// UNVERIFIED preset (reference: plans-and-interop.md §3.1).
func ExampleMATCHTSF() {
	c := twelvestep.MATCHTSF()
	fmt.Println(c.Protocol, c.Sessions, "sessions")
	for _, t := range c.Topics {
		if t.Kind != twelvestep.TopicElective {
			fmt.Println(t.Kind, t.ID)
		}
	}
	// Output:
	// match-tsf 12 sessions
	// opening match-tsf.introduction
	// core match-tsf.acceptance
	// core match-tsf.surrender
	// core match-tsf.getting-active
	// conjoint match-tsf.conjoint-enabling
	// conjoint match-tsf.conjoint-detaching
	// closing match-tsf.termination
}
