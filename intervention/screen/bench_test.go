package screen_test

import (
	"testing"

	"github.com/recoverykit/psychosocial/intervention/screen"
)

// Benchmarks of every scorer on complete answers. The budget is ≤ 1 µs/op
// and ≤ 2 allocs/op; no scorer allocates. BenchmarkScoreASSIST scores all
// ten substances, i.e. ten ASSIST scorings, in one call.
//
// Each scorer has a floor beside it (BenchmarkXFloor): the cheapest honest
// equivalent of its work in plain integer code — map each answer to its
// points (the exported Points methods, or a comparison with Yes), sum them
// into an int and compare the sum with the default cut-offs. The machine is
// shared, so compare a scorer with its floor measured in the same run
// (BENCHMARKS.md, "Scorers").

// sink keeps results alive so the compiler cannot drop the calls.
var sink screen.Result

// floorSink keeps floor results alive.
var floorSink int

// zone is the 0-based zone of total among ascending cut-offs.
func zone(total int, cuts ...int) int {
	z := 0
	for _, c := range cuts {
		if total >= c {
			z++
		}
	}
	return z
}

// sumInts returns the sum of v.
func sumInts(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}

// yeses counts the Yes answers in v.
func yeses(v ...screen.YesNo) int {
	n := 0
	for _, x := range v {
		if x == screen.Yes {
			n++
		}
	}
	return n
}

// usedAny counts the answers in v other than never (unanswered counts as never).
func usedAny(v ...screen.UseFrequency) int {
	n := 0
	for _, x := range v {
		if x != "" && x != screen.UseFrequencyNever {
			n++
		}
	}
	return n
}

// assistFloor sums one substance's points and bands the sum (low < 4 or 11,
// moderate < 27).
func assistFloor(a screen.ASSISTSubstanceAnswers) int {
	p := a.Points()
	t := sumInts(p[:])
	return t<<2 | zone(t, 4, 27)
}

func BenchmarkScoreAUDIT(b *testing.B) {
	a := audit(b, [10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 4})
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreAUDIT(a, screen.AUDITOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreAUDITCustomZones(b *testing.B) {
	a := audit(b, [10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 4})
	opts := screen.AUDITOptions{
		Zones:      screen.AUDITZones{Name: "kr", Male: [3]int{5, 15, 20}, Female: [3]int{4, 13, 20}},
		Escalation: screen.AUDITEscalationSum, Missing: screen.MissingAsZero,
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreAUDIT(a, opts)
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreAUDITC(b *testing.B) {
	a := auditC(b, screen.SexFemale, 3, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreAUDITC(a, screen.AUDITCOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreDAST10(b *testing.B) {
	a := dast(b, "YYNYYYNNNN")
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreDAST10(a, screen.DAST10Options{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreCRAFFT(b *testing.B) {
	a := crafft(b, 20, 3, 1, "YYYYYY")
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreCRAFFT(a, screen.CRAFFTOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreASSISTSubstance(b *testing.B) {
	a := used(screen.SubstanceCocaine, weekly, weekly, weekly, monthly, recent, no)
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreASSISTSubstance(a, screen.ASSISTOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreASSIST(b *testing.B) {
	a := fullASSIST()
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink.Complete = r.Complete
	}
}

func BenchmarkScoreNIAAA(b *testing.B) {
	a := screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(3)}
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreNIAAA(a, screen.NIAAAOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreCAGE(b *testing.B) {
	a := screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.No, Guilty: screen.No, EyeOpener: screen.Yes}
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreCAGE(a, screen.CAGEOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreQuickScreen(b *testing.B) {
	a := screen.QuickScreenAnswers{Alcohol: once, Tobacco: never, Prescription: never, Illegal: weekly}
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreQuickScreen(a, screen.QuickScreenOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreTAPS1(b *testing.B) {
	a := screen.TAPS1Answers{Tobacco: screen.FrequencyDaily, Alcohol: screen.FrequencyNever, Illicit: screen.FrequencyNever, Prescription: screen.FrequencyMonthly}
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreTAPS1(a, screen.TAPS1Options{})
		if err != nil {
			b.Fatal(err)
		}
		sink = r.Result
	}
}

func BenchmarkScoreASSISTAllUsed(b *testing.B) {
	var a screen.ASSISTAnswers
	for _, s := range screen.Substances() {
		a.Substances = append(a.Substances, used(s, weekly, weekly, weekly, monthly, recent, no))
	}
	a.Q8 = screen.QuarterRecencyNo
	b.ReportAllocs()
	for b.Loop() {
		r, err := screen.ScoreASSIST(a, screen.ASSISTOptions{})
		if err != nil {
			b.Fatal(err)
		}
		sink.Complete = r.Complete
	}
}

// assistAllFloor is assistFloor summed over every substance.
func assistAllFloor(a screen.ASSISTAnswers) int {
	t := 0
	for _, s := range a.Substances {
		t += assistFloor(s)
	}
	return t
}

func BenchmarkScoreAUDITFloor(b *testing.B) {
	a := audit(b, [10]int{4, 3, 3, 1, 0, 0, 2, 1, 0, 4})
	b.ReportAllocs()
	for b.Loop() {
		p := a.Points()
		t := sumInts(p[:])
		floorSink = t<<2 | zone(t, 8, 16, 20)
	}
}

func BenchmarkScoreAUDITCFloor(b *testing.B) {
	a := auditC(b, screen.SexFemale, 3, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		p := a.Points()
		t := sumInts(p[:])
		cut := 4
		if a.Sex == screen.SexFemale {
			cut = 3
		}
		floorSink = t<<1 | zone(t, cut)
	}
}

func BenchmarkScoreDAST10Floor(b *testing.B) {
	a := dast(b, "YYNYYYNNNN")
	b.ReportAllocs()
	for b.Loop() {
		t := yeses(a.Q1, a.Q2, a.Q4, a.Q5, a.Q6, a.Q7, a.Q8, a.Q9, a.Q10)
		if a.Q3 == screen.No { // item 3 is reverse-scored
			t++
		}
		floorSink = t<<2 | zone(t, 1, 3, 6, 9)
	}
}

func BenchmarkScoreCRAFFTFloor(b *testing.B) {
	a := crafft(b, 20, 3, 1, "YYYYYY")
	b.ReportAllocs()
	for b.Loop() {
		alc, _ := a.AlcoholDays.Value()
		mj, _ := a.MarijuanaDays.Value()
		other, _ := a.OtherDays.Value()
		t := yeses(a.Car, a.Relax, a.Alone, a.Forget, a.Family, a.Trouble)
		floorSink = t<<4 | zone(alc+mj+other, 1) | zone(t, 2)<<1
	}
}

func BenchmarkScoreASSISTSubstanceFloor(b *testing.B) {
	a := used(screen.SubstanceCocaine, weekly, weekly, weekly, monthly, recent, no)
	b.ReportAllocs()
	for b.Loop() {
		floorSink = assistFloor(a)
	}
}

func BenchmarkScoreASSISTFloor(b *testing.B) {
	a := fullASSIST()
	b.ReportAllocs()
	for b.Loop() {
		floorSink = assistAllFloor(a)
	}
}

func BenchmarkScoreASSISTAllUsedFloor(b *testing.B) {
	var a screen.ASSISTAnswers
	for _, s := range screen.Substances() {
		a.Substances = append(a.Substances, used(s, weekly, weekly, weekly, monthly, recent, no))
	}
	b.ReportAllocs()
	for b.Loop() {
		floorSink = assistAllFloor(a)
	}
}

func BenchmarkScoreNIAAAFloor(b *testing.B) {
	a := screen.NIAAAAnswers{Sex: screen.SexMale, Times: screen.CountOf(3)}
	b.ReportAllocs()
	for b.Loop() {
		n, ok := a.Times.Value()
		if !ok {
			n = -1
		}
		floorSink = zone(n, 1)
	}
}

func BenchmarkScoreCAGEFloor(b *testing.B) {
	a := screen.CAGEAnswers{CutDown: screen.Yes, Annoyed: screen.No, Guilty: screen.No, EyeOpener: screen.Yes}
	b.ReportAllocs()
	for b.Loop() {
		t := yeses(a.CutDown, a.Annoyed, a.Guilty, a.EyeOpener)
		floorSink = t<<1 | zone(t, 2)
	}
}

func BenchmarkScoreQuickScreenFloor(b *testing.B) {
	a := screen.QuickScreenAnswers{Alcohol: once, Tobacco: never, Prescription: never, Illegal: weekly}
	b.ReportAllocs()
	for b.Loop() {
		floorSink = usedAny(a.Alcohol, a.Tobacco, a.Prescription, a.Illegal)
	}
}

func BenchmarkScoreTAPS1Floor(b *testing.B) {
	a := screen.TAPS1Answers{Tobacco: screen.FrequencyDaily, Alcohol: screen.FrequencyNever, Illicit: screen.FrequencyNever, Prescription: screen.FrequencyMonthly}
	b.ReportAllocs()
	for b.Loop() {
		t := 0
		for _, f := range [4]screen.Frequency{a.Tobacco, a.Alcohol, a.Illicit, a.Prescription} {
			if f.Points() >= 2 { // monthly or more often is positive
				t++
			}
		}
		floorSink = t
	}
}
