package pgstore_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
)

// BenchmarkAppend measures ledger appends (one earn line posted through a
// contingency.Ledger: validation, hashing and one transaction that moves
// the head row and inserts the entry) against a raw single-row INSERT of a
// same-sized row on the same server, with 1 and 8 writers. Each writer has
// its own participant, as clerks serving different patients do. Compare
// ns/op: the target is ledger/raw ≤ 2 (appends per second at least half).
func BenchmarkAppend(b *testing.B) {
	for _, writers := range []int{1, 8} {
		b.Run("raw/writers="+strconv.Itoa(writers), func(b *testing.B) {
			_, db := newStore(b)
			if _, err := db.Exec(`CREATE TABLE raw_rows (id BIGINT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
				b.Fatal(err)
			}
			body := strings.Repeat("x", 700)
			var n atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			parallel(b, writers, func(int) func() error {
				return func() error {
					_, err := db.Exec(`INSERT INTO raw_rows (id, body) VALUES ($1, $2)`, n.Add(1), body)
					return err
				}
			})
		})
		b.Run("ledger/writers="+strconv.Itoa(writers), func(b *testing.B) {
			s, _ := newStore(b)
			var n atomic.Int64
			ledgers := make([]*contingency.Ledger, writers)
			for w := range ledgers {
				l, err := contingency.NewLedger(context.Background(), s, uuid.UUID{0: 0xbe, 15: byte(w + 1)})
				if err != nil {
					b.Fatal(err)
				}
				ledgers[w] = l
			}
			b.ReportAllocs()
			b.ResetTimer()
			parallel(b, writers, func(w int) func() error {
				return func() error {
					k := "k" + strconv.FormatInt(n.Add(1), 10)
					_, err := ledgers[w].Post(context.Background(), contingency.Posting{Key: k, Actor: "staff-1", Lines: []contingency.Line{{
						Kind: contingency.KindEarn, Amount: contingency.Cents(250), Instrument: contingency.InstrumentItem,
						EffectiveAt: t0, Visit: k, Award: &contingency.AwardDetail{Schedule: contingency.ScheduleEscalating, Run: 1, Level: 1},
					}}})
					return err
				}
			})
		})
	}
}

// parallel runs b.N operations on exactly writers goroutines; op(w) returns
// writer w's operation.
func parallel(b *testing.B, writers int, op func(w int) func() error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		run := op(w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := run(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
