package screen_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

func ExampleScoreAUDIT() {
	// reference: V9 — a total of 8 (zone II), and Q10 = "yes, during the last
	// year" (4 points), so the escalation rule gives zone III's intervention.
	a := screen.AUDITAnswers{
		Q1: screen.DrinkFrequency2To4AMonth, Q2: screen.DrinkQuantity3To4, Q3: screen.FrequencyLessThanMonthly,
		Q4: screen.FrequencyNever, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever,
		Q9: screen.YearRecencyNo, Q10: screen.YearRecencyLastYear,
	}
	r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Score, r.Band, r.Action, r.Escalated, r.Positive, r.LOINC)
	fmt.Println(r.Flags)

	// Q9 has no answer worth 3 points: raw option numbers are rejected, never clamped.
	a.Q9 = "3"
	_, err = screen.ScoreAUDIT(a, screen.AUDITOptions{})
	fmt.Println(errors.Is(err, intervention.ErrInvalid), err)
	// Output:
	// 8 zone-2 brief-counselling true true 75624-7
	// audit-escalation-q9-q10
	// true invalid answers.q9: screen: year recency: unknown value: invalid
}

func ExampleScoreAUDIT_escalationReading() {
	// reference: V10 — Q4 = 2 escalates under the "any" and "sum" readings
	// of the Q4–Q6 clause, not under "each".
	a := screen.AUDITAnswers{
		Q1: screen.DrinkFrequency2To4AMonth, Q2: screen.DrinkQuantity3To4, Q3: screen.FrequencyLessThanMonthly,
		Q4: screen.FrequencyMonthly, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
		Q7: screen.FrequencyNever, Q8: screen.FrequencyNever,
		Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
	}
	for _, reading := range screen.AUDITEscalations() {
		r, _ := screen.ScoreAUDIT(a, screen.AUDITOptions{Escalation: reading})
		fmt.Println(reading, r.Score, r.Band, r.Action)
	}
	// Output:
	// any 6 zone-1 simple-advice
	// sum 6 zone-1 simple-advice
	// each 6 zone-1 education
	// none 6 zone-1 education
}

func ExampleScoreASSIST() {
	// reference: V32, V33, V35 — alcohol, cannabis and tobacco; the rest never used.
	a := screen.ASSISTAnswers{Q8: screen.QuarterRecencyNo}
	for _, s := range screen.Substances() {
		a.Substances = append(a.Substances, screen.ASSISTSubstanceAnswers{Substance: s, Q1: screen.No})
	}
	a.Substances[0] = screen.ASSISTSubstanceAnswers{
		Substance: screen.SubstanceTobacco, Q1: screen.Yes,
		Q2: screen.UseFrequencyDaily, Q3: screen.UseFrequencyDaily, Q4: screen.UseFrequencyMonthly,
		Q6: screen.QuarterRecencyPast3Months, Q7: screen.QuarterRecencyNo,
	}
	a.Substances[1] = screen.ASSISTSubstanceAnswers{
		Substance: screen.SubstanceAlcohol, Q1: screen.Yes,
		Q2: screen.UseFrequencyWeekly, Q3: screen.UseFrequencyMonthly, Q4: screen.UseFrequencyNever, Q5: screen.UseFrequencyNever,
		Q6: screen.QuarterRecencyEarlier, Q7: screen.QuarterRecencyNo,
	}
	a.Substances[2] = screen.ASSISTSubstanceAnswers{
		Substance: screen.SubstanceCannabis, Q1: screen.Yes, Q2: screen.UseFrequencyNever,
		Q6: screen.QuarterRecencyEarlier, Q7: screen.QuarterRecencyNo,
	}
	rep, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for s, r := range rep.All() {
		if r.Score > 0 {
			fmt.Printf("%s: %d/%d %s %s\n", s, r.Score, r.MaxScore, r.Band, r.Action)
		}
	}
	sum := rep.Summary()
	fmt.Println("highest:", sum.Score, sum.Band, sum.Action, "complete:", rep.Complete)
	// Output:
	// tobacco: 23/31 moderate brief-intervention
	// alcohol: 11/39 moderate brief-intervention
	// cannabis: 3/39 low treatment-as-usual
	// highest: 23 moderate brief-intervention complete: true
}

func ExampleScoreAUDITC() {
	// reference: V13, V14 — the same answers, positive for a woman only.
	for _, sex := range []screen.Sex{screen.SexMale, screen.SexFemale} {
		r, _ := screen.ScoreAUDITC(screen.AUDITCAnswers{
			Sex: sex, Q1: screen.DrinkFrequency2To4AMonth, Q2: screen.DrinkQuantity3To4, Q3: screen.FrequencyNever,
		}, screen.AUDITCOptions{})
		fmt.Println(sex, r.Score, r.Band, r.Cutoff)
	}
	// Output:
	// male 3 negative 4
	// female 3 positive 3
}

func ExampleScoreJSON() {
	stored := []byte(`{"instrument":"dast-10","answers":{"q1":"yes","q2":"yes","q3":"no","q4":"no","q5":"no",
		"q6":"no","q7":"no","q8":"no","q9":"no","q10":"no"}}`)
	s, err := screen.ScoreJSON(stored, screen.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	sum := s.Summary()
	fmt.Println(sum.Instrument, sum.Score, sum.Band, sum.Action, sum.Positive)
	b, _ := json.Marshal(sum)
	fmt.Println(string(b))

	_, err = screen.ScoreJSON([]byte(`{"instrument":"dast-10","answers":{"q3":1}}`), screen.Options{})
	fmt.Println(err)
	// Output:
	// dast-10 3 moderate further-investigation true
	// {"instrument":"dast-10","version":"1982","score":3,"maxScore":10,"band":"moderate","action":"further-investigation","positive":true,"complete":true,"loinc":"82667-7","rule":"skinner-dast-10"}
	// invalid answers.q3: screen: yes/no answer: unknown value: invalid
}
