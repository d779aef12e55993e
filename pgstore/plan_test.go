package pgstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/pgstore"
	"github.com/recoverykit/psychosocial/plan"
	"github.com/recoverykit/psychosocial/plan/plantest"
)

func newPlanStore(t *testing.T) *pgstoreHandle {
	t.Helper()
	s, _ := newStore(t)
	codec, err := plan.NewCodec()
	require.NoError(t, err)
	ps, err := s.Plans(codec)
	require.NoError(t, err)
	return &pgstoreHandle{ps: ps, codec: codec}
}

type pgstoreHandle struct {
	ps    *pgstore.PlanStore
	codec *plan.Codec
}

func TestPlanRevisions(t *testing.T) {
	h := newPlanStore(t)
	ctx := context.Background()
	p := plantest.ValidPlan(t)

	_, _, err := h.ps.Load(ctx, p.ID())
	require.ErrorIs(t, err, pgstore.ErrPlanNotFound)

	v, err := h.ps.Save(ctx, p, 0)
	require.NoError(t, err)
	assert.Equal(t, int64(1), v)
	_, err = h.ps.Save(ctx, p, 0)
	require.ErrorIs(t, err, pgstore.ErrPlanVersionConflict, "a second first save conflicts")

	plantest.Review(t, p, plantest.Day(30), 1)
	v, err = h.ps.Save(ctx, p, 1)
	require.NoError(t, err)
	assert.Equal(t, int64(2), v)
	_, err = h.ps.Save(ctx, p, 1)
	require.ErrorIs(t, err, pgstore.ErrPlanVersionConflict, "a stale writer never overwrites")

	got, v, err := h.ps.Load(ctx, p.ID())
	require.NoError(t, err)
	assert.Equal(t, int64(2), v)
	want, err := h.codec.Marshal(p)
	require.NoError(t, err)
	gotDoc, err := h.codec.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(gotDoc), "the latest version comes back byte for byte")

	hist, err := h.ps.History(ctx, p.ID())
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, int64(1), hist[0].Version)
	assert.False(t, hist[1].SavedAt.Before(hist[0].SavedAt))
	assert.NotEqual(t, string(hist[0].Document), string(hist[1].Document), "history keeps every version")
}

func TestPlanConcurrentSaves(t *testing.T) {
	h := newPlanStore(t)
	ctx := context.Background()
	p := plantest.ValidPlan(t)
	_, err := h.ps.Save(ctx, p, 0)
	require.NoError(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := h.ps.Save(ctx, p, 1); err == nil {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, won, "exactly one of eight writers at the same version wins")
	hist, err := h.ps.History(ctx, p.ID())
	require.NoError(t, err)
	assert.Len(t, hist, 2)
}

func TestPlanStoreRejectsBadInput(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Plans(nil)
	require.Error(t, err)
	h := newPlanStore(t)
	_, err = h.ps.Save(context.Background(), nil, 0)
	require.Error(t, err)
	_, err = h.ps.Save(context.Background(), plantest.ValidPlan(t), -1)
	require.Error(t, err)
}
