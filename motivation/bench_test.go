package motivation_test

import (
	"testing"
	"time"

	"github.com/recoverykit/psychosocial/motivation"
)

func BenchmarkScoreURICA(b *testing.B) {
	a := v48()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreURICA(a, motivation.URICAOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreURICABanded(b *testing.B) {
	a := v48()
	opts := motivation.URICAOptions{Banding: motivation.VCUGroupMeans()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreURICA(a, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreMITI(b *testing.B) {
	c, g := v42()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreMITI(c, g, motivation.MITIOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreSOCRATES(b *testing.B) {
	a := allSOCRATES(4)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreSOCRATES(a, motivation.SOCRATESOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreClientLanguage(b *testing.B) {
	counts := v45()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := motivation.ScoreClientLanguage(counts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProgress(b *testing.B) {
	c := series(b, 3)
	asOf := time.Date(2025, 1, 24, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Progress(asOf)
	}
}
