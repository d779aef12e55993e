package contingency_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/recoverykit/psychosocial/contingency"
)

// lgBenchLedger returns a ledger holding prior earn entries, built once.
func lgBenchLedger(b *testing.B, prior int, opts ...contingency.Option) *contingency.Ledger {
	b.Helper()
	l, _ := lgNew(b, opts...)
	for i := range prior {
		lgPost(b, l, "prior-"+strconv.Itoa(i), lgLine(contingency.KindEarn, 250, lgT0.Add(time.Duration(i)*time.Minute), "v"+strconv.Itoa(i)))
	}
	return l
}

func BenchmarkLedgerBalance(b *testing.B) {
	l := lgBenchLedger(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		_ = l.Balance()
	}
}

func BenchmarkLedgerVisitNet(b *testing.B) {
	l := lgBenchLedger(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		_ = l.VisitNet("v50")
	}
}

// BenchmarkLedgerPost posts one earn to ledgers of 10 and 100,000 entries:
// a write must not replay history, so the two cost about the same.
func BenchmarkLedgerPost(b *testing.B) {
	for _, prior := range []int{10, 100_000} {
		l := lgBenchLedger(b, prior) // built once, outside the timer
		start := lgT0.Add(time.Duration(prior) * time.Minute)
		n := 0
		b.Run("prior="+strconv.Itoa(prior), func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				n++
				p := lgPostingKey("bench-"+strconv.Itoa(n), lgLine(contingency.KindEarn, 250, start.Add(time.Duration(n)*time.Second), "v"))
				if _, err := l.Post(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLedgerPostCapped posts one earn under the OIG and a rolling cap.
func BenchmarkLedgerPostCapped(b *testing.B) {
	rolling := contingency.Cap{Name: "rolling", PerWindow: contingency.Cents(100_000_000), Window: contingency.RollingDays(30)}
	l := lgBenchLedger(b, 1000, contingency.WithCaps(contingency.SAMHSA2025(), rolling))
	ctx := context.Background()
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		p := lgPostingKey("bench-"+strconv.Itoa(n), lgLine(contingency.KindEarn, 1, lgT0.Add(time.Duration(n)*time.Second), "v"))
		if _, err := l.Post(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLedgerRedeem(b *testing.B) {
	l, _ := lgNew(b)
	lgPost(b, l, "fund", lgLine(contingency.KindEarn, 99_999_999, lgT0, "v"))
	ctx := context.Background()
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		if _, err := l.Redeem(ctx, lgRedemption("buy-"+strconv.Itoa(n), 1)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLedgerBalanceAsOf(b *testing.B) {
	l := lgBenchLedger(b, 10_000)
	at := lgT0.Add(5000 * time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		_ = l.BalanceAsOf(at)
	}
}
