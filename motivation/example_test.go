package motivation_test

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// Reference vector V48: readiness is exactly 59/7. Banding is applied only
// when asked for.
func ExampleScoreURICA() {
	var a motivation.URICAAnswers
	for item, v := range map[int]int{
		1: 1, 5: 2, 11: 1, 13: 1, 23: 2, 26: 1, 29: 1, // precontemplation
		2: 4, 8: 5, 12: 4, 15: 4, 19: 3, 21: 4, 24: 5, // contemplation
		3: 3, 7: 4, 10: 3, 14: 3, 17: 4, 25: 3, 30: 3, // action
		6: 2, 16: 3, 18: 2, 22: 2, 27: 3, 28: 2, 32: 2, // maintenance
	} {
		a.Items[item-1] = v // items 4, 9, 20 and 31 are not scored
	}
	r, err := motivation.ScoreURICA(a, motivation.URICAOptions{Banding: motivation.VCUGroupMeans()})
	if err != nil {
		fmt.Println(err)
		return
	}
	readiness, _ := r.Readiness.Value(2)
	fmt.Println("readiness", r.Readiness, "=", readiness)
	fmt.Println("band", r.Band.Stage, "by", r.Band.Rule)

	a.Items[4] = 6 // item 5 answered 6
	_, err = motivation.ScoreURICA(a, motivation.URICAOptions{})
	fmt.Println(err)
	// Output:
	// readiness 59/7 = 8.43
	// band precontemplation by vcu-nearest-group-mean
	// invalid items[4]: out of range: invalid
}

// Reference vector V42.
func ExampleScoreMITI() {
	counts := motivation.MITICounts{
		SimpleReflection: 10, ComplexReflection: 8, Question: 12, SeekingCollaboration: 2, Affirm: 3,
		EmphasizingAutonomy: 1, Persuade: 1, PersuadeWithPermission: 2, GivingInformation: 5,
	}
	globals := motivation.MITIGlobals{CultivatingChangeTalk: 4, SofteningSustainTalk: 3, Partnership: 4, Empathy: 4}
	s, err := motivation.ScoreMITI(counts, globals, motivation.MITIOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	tech, _ := s.Technical.Value(1)
	rel, _ := s.Relational.Value(1)
	cr, _ := s.ComplexReflections.Percent(1)
	rq, _ := s.ReflectionToQuestion.Value(1)
	fmt.Println("technical", tech, s.TechnicalLevel)
	fmt.Println("relational", rel, s.RelationalLevel)
	fmt.Println("%CR", cr, s.ComplexReflectionsLevel)
	fmt.Println("R:Q", rq, s.ReflectionToQuestionLevel)
	fmt.Println("MIA", s.MIAdherent, "MINA", s.MINonAdherent)

	counts.Question = 0 // R:Q with no questions is not computable
	s, _ = motivation.ScoreMITI(counts, globals, motivation.MITIOptions{})
	fmt.Println("R:Q", s.ReflectionToQuestion, s.ReflectionToQuestionLevel)
	// Output:
	// technical 3.5 fair
	// relational 4 good
	// %CR 44.4 fair
	// R:Q 1.5 fair
	// MIA 6 MINA 1
	// R:Q 18/0 (not computable) not-computable
}

// Reference vector V49: SOCRATES deciles rank against the Project MATCH
// alcohol-treatment sample.
func ExampleScoreSOCRATES() {
	var a motivation.SOCRATESAnswers
	for i := range a.Items {
		a.Items[i] = 4
	}
	r, _ := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{})
	fmt.Println("recognition", r.Recognition.Raw, "decile", r.Recognition.Decile)
	fmt.Println("ambivalence", r.Ambivalence.Raw, "decile", r.Ambivalence.Decile)
	fmt.Println("taking steps", r.TakingSteps.Raw, "decile", r.TakingSteps.Decile)
	fmt.Println(r.Sample)
	// Output:
	// recognition 28 decile 20
	// ambivalence 16 decile 60
	// taking steps 32 decile 40
	// relative to Project MATCH alcohol-treatment sample (N = 1,726)
}

// Reference vector V45.
func ExampleScoreClientLanguage() {
	ch, st := motivation.ValenceChange, motivation.ValenceSustain
	s, _ := motivation.ScoreClientLanguage([]motivation.ClientCodeCount{
		{Code: motivation.ClientReason, Valence: ch, Count: 4},
		{Code: motivation.ClientDesire, Valence: ch, Count: 2},
		{Code: motivation.ClientCommitment, Valence: ch, Count: 1},
		{Code: motivation.ClientTakingSteps, Valence: ch, Count: 1},
		{Code: motivation.ClientReason, Valence: st, Count: 3},
		{Code: motivation.ClientAbility, Valence: st, Count: 1},
		{Code: motivation.ClientFollowNeutral, Count: 5},
	})
	pct, _ := s.PercentChangeTalk.Percent(1)
	fmt.Println("CT", s.ChangeTalk, "ST", s.SustainTalk, "%CT", pct)
	fmt.Println("preparatory", s.PreparatoryChange, "mobilizing", s.MobilizingChange)

	none, _ := motivation.ScoreClientLanguage([]motivation.ClientCodeCount{{Code: motivation.ClientFollowNeutral, Count: 5}})
	fmt.Println("%CT computable:", none.PercentChangeTalk.Computable())
	// Output:
	// CT 8 ST 4 %CT 66.7
	// preparatory 6 mobilizing 2
	// %CT computable: false
}

// A readiness trend across three sessions, and the same figures in the
// component's Progress.
func ExampleComponent_Trend() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, clinician := next(), next()
	c, err := motivation.New(motivation.Config{ID: next(), Patient: patient, Target: "alcohol-use"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, v := range []int{3, 5, 8} {
		on, _ := intervention.ParseDate(fmt.Sprintf("2025-01-%02d", 6+7*i))
		_, err := c.RecordRating(motivation.RulerRating{
			ID: next(), Ruler: motivation.RulerReadiness, Value: v, On: on, Rater: clinician,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	trend := c.Trend(motivation.RulerReadiness, intervention.Date{})
	for _, r := range trend.Ratings {
		fmt.Println(r.On, r.Value, "on", r.Scale)
	}
	change, _ := trend.Change.Value(0)
	fmt.Println("change", change)

	p := c.Progress(time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC))
	latest, _ := p.Measure(motivation.MeasureReadinessLatest)
	fmt.Println(latest.Code, latest.Value)

	est, _ := motivation.ClinicalToolkitHeuristic().Estimate(trend.Ratings[2])
	fmt.Println("stage", est.Stage, "heuristic:", est.Heuristic)
	// Output:
	// 2025-01-06 3 on 0-10
	// 2025-01-13 5 on 0-10
	// 2025-01-20 8 on 0-10
	// change 5
	// mi.readiness-latest 8/1
	// stage preparation heuristic: true
}

// Worksheet text is PHI: String, fmt and slog show only counts.
func ExampleDecisionalBalance_String() {
	on, _ := intervention.ParseDate("2025-01-13")
	d := motivation.DecisionalBalance{
		Behavior: "alcohol-use", On: on,
		ProsOfChanging: []motivation.BalanceItem{{Text: intervention.NewText("my daughter would trust me again")}},
		ConsOfStaying:  []motivation.BalanceItem{{Text: intervention.NewText("my liver")}, {Text: intervention.NewText("money")}},
	}
	fmt.Println(d)
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("worksheet", "balance", d)
	// Output:
	// DecisionalBalance{id=00000000-0000-0000-0000-000000000000 behavior=alcohol-use on=2025-01-13 prosOfChanging=1 consOfChanging=0 prosOfStaying=0 consOfStaying=2 text=[redacted]}
	// level=INFO msg=worksheet balance.id=00000000-0000-0000-0000-000000000000 balance.behavior=alcohol-use balance.on=2025-01-13 balance.prosOfChanging=1 balance.consOfChanging=0 balance.prosOfStaying=0 balance.consOfStaying=2 balance.text=[redacted]
}

// The happy path: a component, one MI session, a stage assessment and a
// MITI coding, summarised by Progress.
func ExampleComponent_Progress() {
	ids := intervention.SequentialIDs()
	next := func() uuid.UUID { id, _ := ids(); return id }
	patient, clinician, coder := next(), next(), next()
	c, _ := motivation.New(motivation.Config{ID: next(), Patient: patient, Target: "alcohol-use", PlannedSessions: 4})

	start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	sessionID := next()
	_, err := c.AddSession(motivation.MISession{
		Session: intervention.Session{
			ID: sessionID, Modality: intervention.ModalityMotivationalInterviewing, Format: intervention.FormatIndividual,
			Start: start, Minutes: 50, Clinician: clinician,
			Participants: []intervention.SessionParticipant{{
				Participant: intervention.Participant{ID: patient, Role: intervention.RolePatient},
				Attendance:  intervention.AttendanceAttended, Minutes: 50,
			}},
		},
		Processes: []motivation.Process{motivation.ProcessEngaging, motivation.ProcessFocusing},
	})
	fmt.Println("session:", err)

	day, _ := intervention.DateOf(start, time.UTC)
	_, err = c.RecordStage(motivation.StageAssessment{
		ID: next(), Behavior: "alcohol-use", Stage: motivation.StageContemplation, On: day,
		Assessor: clinician, Method: motivation.MethodClinicalInterview,
	})
	fmt.Println("stage:", err)

	_, err = c.RecordFidelity(motivation.MITICoding{
		ID: next(), Session: sessionID, Coder: coder, On: day, SegmentMinutes: 20,
		Counts:  motivation.MITICounts{SimpleReflection: 6, ComplexReflection: 6, Question: 6},
		Globals: motivation.MITIGlobals{CultivatingChangeTalk: 3, SofteningSustainTalk: 3, Partnership: 3, Empathy: 4},
	})
	fmt.Println("fidelity:", err)

	p := c.Progress(start.Add(2 * time.Hour))
	fmt.Println(p.Status, "completion", p.Completion)
	for _, code := range []string{motivation.MeasureProcessesCovered, motivation.MeasureTechnical, motivation.MeasureReflectionToQuestion, motivation.MeasureChangeTalkPercent} {
		m, _ := p.Measure(code)
		fmt.Println(m.Code, m.Value)
	}
	st, _ := c.StageOn(day)
	fmt.Println("stage", st.Stage)
	// Output:
	// session: <nil>
	// stage: <nil>
	// fidelity: <nil>
	// active completion 1/4
	// mi.processes-covered 2/4
	// mi.technical 6/2
	// mi.reflection-to-question 12/6
	// mi.change-talk-percent 0/0 (not computable)
	// stage contemplation
}
