package intervention_test

import (
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

func TestClocks(t *testing.T) {
	assert.Equal(t, t0, intervention.FixedClock(t0).Now())
	assert.Equal(t, t0, intervention.ClockFunc(func() time.Time { return t0 }).Now())
	a := intervention.SystemClock{}.Now()
	b := intervention.SystemClock{}.Now()
	assert.False(t, b.Before(a), "the wall clock does not run backwards")
	assert.Greater(t, a.Year(), 2020)
}

func TestIDSources(t *testing.T) {
	next := intervention.SequentialIDs()
	a, err := next()
	require.NoError(t, err)
	b, _ := next()
	assert.Equal(t, "00000000-0000-0000-0000-000000000001", a.String())
	assert.Equal(t, "00000000-0000-0000-0000-000000000002", b.String())
	other, _ := intervention.SequentialIDs()()
	assert.Equal(t, a, other, "each source starts its own sequence")

	id, err := intervention.NewRandomID()
	require.NoError(t, err)
	assert.Equal(t, uuid.Version(7), id.Version())
}

func TestSequentialIDsConcurrent(t *testing.T) {
	next := intervention.SequentialIDs()
	var mu sync.Mutex
	seen := map[uuid.UUID]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				id, _ := next()
				mu.Lock()
				seen[id] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, seen, 800, "no ID is minted twice")
}
