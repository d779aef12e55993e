package cbt_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/cbt"
)

// exampleSession is an individual CBT session the patient attended.
func exampleSession(id, patient, clinician uuid.UUID, start time.Time, topics ...string) cbt.Session {
	return cbt.Session{Session: intervention.Session{
		ID: id, Modality: intervention.ModalityCBT, Format: intervention.FormatIndividual,
		Start: start, Minutes: 60, Clinician: clinician, Topics: topics,
		Participants: []intervention.SessionParticipant{{
			Participant: intervention.Participant{ID: patient, Role: intervention.RolePatient},
			Attendance:  intervention.AttendanceAttended, Minutes: 60,
		}},
	}}
}

// The Project MATCH curriculum as data (reference: plans-and-interop.md §1.2).
func ExampleProjectMATCH() {
	m := cbt.ProjectMATCH()
	fmt.Println(m.ID, "core", len(m.Core()), "electives", len(m.Electives()))
	fmt.Println("first", m.First, "last", m.Last)
	fmt.Println("at most", m.MaxElectives, "electives, after", m.ElectivesAfterCore, "core sessions, joint choice:", m.JointElectiveChoice)
	fmt.Println("rules", m.Rules)
	fmt.Println(m.Validate())
	// Output:
	// match-cbt core 8 electives 14
	// first match-cbt.introduction last match-cbt.termination
	// at most 4 electives, after 7 core sessions, joint choice: true
	// rules [C-CBT-MATCH-1 C-CBT-NIDA-1]
	// <nil>
}

// The happy path: two weekly sessions, a practice exercise assigned in the
// first and reviewed in the second, and the course's Progress.
func ExampleCourse_Progress() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, clinician := next(), next()
	c, err := cbt.New(cbt.Config{
		ID: next(), Patient: patient, Curriculum: cbt.NIDACocaine(), PlannedSessions: 12, SessionIntervalDays: 7,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	s1, s2 := next(), next()
	_, err = c.AddSession(exampleSession(s1, patient, clinician, start, "nida-cbt.introduction"))
	fmt.Println("session 1:", err)
	_, err = c.AddSession(exampleSession(s2, patient, clinician, start.AddDate(0, 0, 7), "nida-cbt.coping-with-craving"))
	fmt.Println("session 2:", err)

	day1, _ := intervention.ParseDate("2025-01-06")
	day2 := day1.AddDays(7)
	hw1, hw2 := next(), next()
	_, _ = c.AssignHomework(cbt.Homework{ID: hw1, Session: s1, On: day1, Due: day1.AddDays(6)})
	_, _ = c.UpdateHomework(cbt.HomeworkUpdate{ID: next(), Homework: hw1, Status: cbt.HomeworkCompleted, On: day1.AddDays(3)})
	replayed, err := c.UpdateHomework(cbt.HomeworkUpdate{ID: next(), Homework: hw1, Status: cbt.HomeworkReviewed, On: day2, Session: s2})
	fmt.Println("reviewed:", replayed, err)
	_, _ = c.AssignHomework(cbt.Homework{ID: hw2, Session: s2, On: day2, Due: day2.AddDays(6)})

	p := c.Progress(start.AddDate(0, 0, 8))
	fmt.Println(p.Status, "completion", p.Completion, "attendance", p.Attendance)
	for _, code := range []string{cbt.MeasureHomeworkSessions, cbt.MeasureHomeworkCompletion, cbt.MeasureCravingMean} {
		m, _ := p.Measure(code)
		fmt.Println(m.Code, m.Value)
	}
	for _, d := range p.Due {
		fmt.Println("due", d.Code, d.By, "overdue:", d.Overdue)
	}
	fmt.Println("findings:", len(c.Findings(start.AddDate(0, 0, 8))))
	// Output:
	// session 1: <nil>
	// session 2: <nil>
	// reviewed: false <nil>
	// active completion 2/10 attendance 2/2
	// cbt.homework-sessions 2/2
	// cbt.homework-completion 1/1
	// cbt.craving-mean 0/0 (not computable)
	// due cbt.homework 2025-01-19 overdue: false
	// due cbt.next-session 2025-01-20 overdue: false
	// findings: 0
}

// C-CBT-MATCH-1 in manual-fidelity mode: an elective before the first
// seven core sessions, chosen by the therapist alone.
func ExampleCourse_Findings() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, clinician := next(), next()
	c, _ := cbt.New(cbt.Config{ID: next(), Patient: patient, Curriculum: cbt.ProjectMATCH(), ManualFidelity: true})
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	_, _ = c.AddSession(exampleSession(next(), patient, clinician, start, "match-cbt.introduction"))
	elective := exampleSession(next(), patient, clinician, start.AddDate(0, 0, 7), "match-cbt.anger-management")
	elective.ElectiveChoice = cbt.ChoiceTherapist
	_, _ = c.AddSession(elective)

	for _, f := range c.Findings(start.AddDate(0, 0, 8)) {
		fmt.Println(f)
	}
	// Output:
	// C-CBT-MATCH-1 error sessions[1]: elective before the required core sessions
	// C-CBT-MATCH-1 error sessions[1]: elective not chosen jointly with the client
	// C-CBT-NIDA-1 warning sessions[0]: no new practice exercise assigned
	// C-CBT-NIDA-1 warning sessions[1]: no new practice exercise assigned
}

// Urge-log trend: this week against last week, exactly.
func ExampleCourse_CravingTrend() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	c, _ := cbt.New(cbt.Config{ID: next(), Patient: next(), Curriculum: cbt.CBT4CBT()})
	start := time.Date(2025, 1, 6, 20, 0, 0, 0, time.UTC)
	for i, intensity := range []int{8, 7, 9, 5, 4, 3} {
		_, err := c.RecordUrge(cbt.Urge{
			ID: next(), At: start.AddDate(0, 0, 2*i), Intensity: intensity,
			Trigger: cbt.TriggerFeelings, Coping: "urge-surfing", Used: i == 0,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	tr, _ := c.CravingTrend(start.AddDate(0, 0, 11), 0)
	recent, _ := tr.RecentMean.Value(2)
	previous, _ := tr.PreviousMean.Value(2)
	resisted, _ := tr.Resisted.Percent(0)
	fmt.Println("days", tr.Days, "scale", tr.Scale)
	fmt.Println("recent", tr.RecentMean, "=", recent.StringFixed(2), "previous", tr.PreviousMean, "=", previous.StringFixed(2))
	fmt.Println("resisted this week", resisted, "%")
	// Output:
	// days 7 scale 0-10
	// recent 12/3 = 4.00 previous 24/3 = 8.00
	// resisted this week 100 %
}

// Functional-analysis text is PHI: String, fmt and slog show only codes and
// counts; the JSON form keeps it for the host's PHI store.
func ExampleFunctionalAnalysis_String() {
	on, _ := intervention.ParseDate("2025-01-13")
	a := cbt.FunctionalAnalysis{
		On: on, AfterUse: true, Trigger: cbt.TriggerMoneyOnHand,
		Thoughts: intervention.NewText("I deserve it after payday"), Behavior: intervention.NewText("bought and used"),
		PositiveConsequences: intervention.NewTexts([]string{"felt great for an hour"}),
		NegativeConsequences: intervention.NewTexts([]string{"no money for rent", "argument at home"}),
	}
	fmt.Println(a)
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, at slog.Attr) slog.Attr {
			if at.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return at
		},
	}))
	logger.Info("analysis", "fa", a)
	b, _ := json.Marshal(a)
	fmt.Println(len(b) > 0)
	// Output:
	// FunctionalAnalysis{id=00000000-0000-0000-0000-000000000000 on=2025-01-13 afterUse=true trigger=money-on-hand positiveConsequences=1 negativeConsequences=2 text=[redacted]}
	// level=INFO msg=analysis fa.id=00000000-0000-0000-0000-000000000000 fa.on=2025-01-13 fa.afterUse=true fa.trigger=money-on-hand fa.positiveConsequences=1 fa.negativeConsequences=2 fa.text=[redacted]
	// true
}
