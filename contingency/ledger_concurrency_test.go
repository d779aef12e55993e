package contingency_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
)

// lgMixedOps runs n earn, redeem, approve and reverse operations on l and
// returns the unexpected errors and whether a negative balance was ever
// read. It never calls t.Fatal: it runs in its own goroutine.
func lgMixedOps(l *contingency.Ledger, worker, n int) (unexpected []error, sawNegative bool) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(uint64(worker), 42))
	var awards, pendings []uuid.UUID
	key := func(i int, op string) string { return "w" + strconv.Itoa(worker) + "-" + op + "-" + strconv.Itoa(i) }
	for i := range n {
		var rec contingency.Receipt
		var err error
		switch pick := r.IntN(10); {
		case pick < 4:
			rec, err = l.Post(ctx, lgPostingKey(key(i, "earn"), lgLine(contingency.KindEarn, 1+r.Int64N(2000), lgT0.Add(time.Duration(i)*time.Minute), "v")))
		case pick < 7:
			rec, err = l.Redeem(ctx, lgRedemption(key(i, "redeem"), 1+r.Int64N(1500)))
		case pick < 8 && len(pendings) > 0:
			id := pendings[0]
			pendings = pendings[1:]
			rec, err = l.Approve(ctx, key(i, "approve"), id, "therapist")
		case len(awards) > 0:
			j := r.IntN(len(awards))
			id := awards[j]
			awards = append(awards[:j], awards[j+1:]...)
			rec, err = l.Reverse(ctx, key(i, "reverse"), id, "lab", "lab-correction", time.Time{})
		default:
			continue
		}
		switch {
		case errors.Is(err, contingency.ErrInsufficientBalance):
		case err != nil:
			unexpected = append(unexpected, err)
		default:
			for _, e := range rec.Entries {
				switch {
				case e.Kind == contingency.KindEarn:
					awards = append(awards, e.ID)
				case e.Status == contingency.StatusPending:
					pendings = append(pendings, e.ID)
				}
			}
		}
		if l.Balance().IsNegative() || l.Available().IsNegative() {
			sawNegative = true
		}
	}
	return unexpected, sawNegative
}

func TestLedgerConcurrentUse(t *testing.T) {
	const workers = 8
	ops := 1000
	if testing.Short() {
		ops = 200
	}
	for _, approval := range []bool{false, true} {
		t.Run("approval="+strconv.FormatBool(approval), func(t *testing.T) {
			l, store := lgNew(t, contingency.WithRedemptionApproval(approval), contingency.WithCaps(contingency.SAMHSA2025().WithWindow(contingency.Episode())))
			unexpected := make([][]error, workers)
			negative := make([]bool, workers)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					unexpected[w], negative[w] = lgMixedOps(l, w, ops)
				}()
			}
			wg.Wait()
			for w := range workers {
				assert.Empty(t, unexpected[w], "worker %d", w)
				assert.False(t, negative[w], "worker %d read a negative balance", w)
			}
			lgCheckTotals(t, l) // the running totals equal the fold of the entries
			minBalance, minAvailable := lgRunningMin(l.Entries())
			assert.False(t, minBalance.IsNegative())
			assert.False(t, minAvailable.IsNegative())
			require.Greater(t, int(l.Version()), workers*ops/4)
			assert.Equal(t, lgState(t, l), lgState(t, lgOpen(t, store, contingency.WithCaps(contingency.SAMHSA2025().WithWindow(contingency.Episode())))))
		})
	}
}

func TestLedgersSharingAStoreConcurrently(t *testing.T) {
	// Two processes (two ledgers) on one store: every write lands once, in
	// order, and both catch up to the same ledger.
	ctx := context.Background()
	store := contingency.NewMemStore()
	const workers, each = 4, 50
	ledgers := make([]*contingency.Ledger, workers)
	for w := range ledgers {
		ledgers[w] = lgOpen(t, store, contingency.WithIDSource(lgIDs(byte(0x10+w))), contingency.WithMaxRetries(100))
	}
	errs := make([][]error, workers)
	var wg sync.WaitGroup
	for w, l := range ledgers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				k := "p" + strconv.Itoa(w) + "-" + strconv.Itoa(i)
				if _, err := l.Post(ctx, lgPostingKey(k, lgLine(contingency.KindEarn, 100, lgT0, "v"))); err != nil {
					errs[w] = append(errs[w], err)
				}
			}
		}()
	}
	wg.Wait()
	for w := range errs {
		assert.Empty(t, errs[w])
	}
	for _, l := range ledgers {
		require.NoError(t, l.Refresh(ctx))
		assert.Equal(t, contingency.Version(workers*each), l.Version())
		lgMoney(t, "200.00", l.Balance())
		assert.Equal(t, lgState(t, ledgers[0]), lgState(t, l))
	}
}
