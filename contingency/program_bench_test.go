package contingency_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// pgDailyConfig is a Higgins programme testing every day for ten years, so
// that a benchmark can record thousands of visits into one programme.
func pgDailyConfig(b *testing.B) contingency.ProgramConfig {
	cfg := contingency.HigginsProgram(day(b, pgStart), contingency.RecoveryR1)
	cfg.Calendar = contingency.Calendar{Start: day(b, pgStart), Phases: []contingency.Phase{{Weeks: 520, Days: contingency.Weekdays()}}}
	return cfg
}

// BenchmarkProgramRecord records one negative result into a programme whose
// ledger already holds prior entries: the cost must not grow with them
// (no replay of history per record).
func BenchmarkProgramRecord(b *testing.B) {
	for _, prior := range []int{10, 100_000} {
		b.Run("priorEntries="+strconv.Itoa(prior), func(b *testing.B) {
			ctx := context.Background()
			l := pgLedger(b)
			at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
			for done := 0; done < prior; {
				n := min(1000, prior-done)
				lines := make([]contingency.Line, n)
				for i := range lines {
					lines[i] = contingency.Line{Kind: contingency.KindAdjust, Amount: contingency.Cents(1), Instrument: contingency.InstrumentItem, EffectiveAt: at, Reason: "opening-balance"}
				}
				if _, err := l.Post(ctx, contingency.Posting{Key: "prior-" + strconv.Itoa(done), Actor: "migration", Lines: lines}); err != nil {
					b.Fatal(err)
				}
				done += n
			}
			cfg := pgDailyConfig(b)
			visits := cfg.Calendar.Visits()
			var p *contingency.Program
			next := len(visits)
			programs := 0
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if next == len(visits) {
					b.StopTimer()
					programs++
					id := uuid.UUID{15: byte(programs), 14: byte(programs >> 8)}
					var err error
					if p, err = contingency.NewProgram(id, cfg, l); err != nil {
						b.Fatal(err)
					}
					next = 0
					b.StartTimer()
				}
				r := contingency.Result{SpecimenID: "s" + strconv.Itoa(next), CollectedAt: visits[next].In(time.UTC).Add(9 * time.Hour), Status: contingency.ResultNegative}
				if _, err := p.Record(ctx, "staff-1", r); err != nil {
					b.Fatal(err)
				}
				next++
			}
		})
	}
}

// BenchmarkCaseload records a caseload of 10,000 patients × 72 results (24
// weeks of thrice-weekly urines) from scratch: ledgers, programmes and every
// posting, in one goroutine.
func BenchmarkCaseload(b *testing.B) {
	const patients, results = 10_000, 72
	ctx := context.Background()
	cfg := contingency.HigginsProgram(day(b, pgStart), contingency.RecoveryR1)
	cfg.Calendar = contingency.ThriceWeekly(day(b, pgStart), 24)
	visits := cfg.Calendar.Visits()
	pattern := "NNNNNPNNNNNNNNENNNNNNNNNNNNNNNNNNNPNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN"[:results]
	rs := make([]contingency.Result, results)
	for i := range rs {
		rs[i] = contingency.Result{SpecimenID: "s" + strconv.Itoa(i), CollectedAt: visits[i].In(time.UTC).Add(9 * time.Hour), Status: pgStatus(pattern[i])}
	}
	clock := intervention.FixedClock(time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC))
	b.ReportAllocs()
	for range b.N {
		store := contingency.NewMemStore()
		ids := intervention.SequentialIDs()
		for n := range patients {
			who := uuid.UUID{0: 1, 12: byte(n >> 24), 13: byte(n >> 16), 14: byte(n >> 8), 15: byte(n)}
			l, err := contingency.NewLedger(ctx, store, who, contingency.WithClock(clock), contingency.WithIDSource(ids))
			if err != nil {
				b.Fatal(err)
			}
			p, err := contingency.NewProgram(who, cfg, l)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rs {
				if _, err := p.Record(ctx, "staff-1", r); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// BenchmarkCaseloadReplay replays the same caseload through
// ProgramConfig.Price: every result classified, placed on the calendar and
// priced from scratch, with no ledger. This is the recompute a programme
// manager runs to audit payouts or try a schedule change.
func BenchmarkCaseloadReplay(b *testing.B) {
	const patients, results = 10_000, 72
	cfg := contingency.HigginsProgram(day(b, pgStart), contingency.RecoveryR1)
	cfg.Calendar = contingency.ThriceWeekly(day(b, pgStart), 24)
	visits := cfg.Calendar.Visits()
	rs := make([]contingency.Result, results)
	for i := range rs {
		st := contingency.ResultNegative
		if i%17 == 5 {
			st = contingency.ResultPositive
		}
		rs[i] = contingency.Result{SpecimenID: "s" + strconv.Itoa(i), CollectedAt: visits[i].In(time.UTC).Add(9 * time.Hour), Status: st}
	}
	b.ReportAllocs()
	for range b.N {
		for range patients {
			if _, err := cfg.Price(rs); err != nil {
				b.Fatal(err)
			}
		}
	}
}
