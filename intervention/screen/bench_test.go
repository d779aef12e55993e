package screen_test

import (
	"testing"

	"github.com/recoverykit/psychosocial/intervention/screen"
)

// Benchmarks of every scorer on complete answers. The budget is ≤ 1 µs/op
// and ≤ 2 allocs/op; no scorer allocates. BenchmarkScoreASSIST scores all
// ten substances, i.e. ten ASSIST scorings, in one call.

// sink keeps results alive so the compiler cannot drop the calls.
var sink screen.Result

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
