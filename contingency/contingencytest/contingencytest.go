// Package contingencytest is the conformance suite every contingency.Store
// must pass (CONVENTIONS §16, after hallgren/eventsourcing's shared store
// suite and looplab/eventhorizon's acceptance tests). A store's own tests
// call TestStore with a constructor of empty stores:
//
//	func TestPGStore(t *testing.T) {
//		contingencytest.TestStore(t, func(t *testing.T) contingency.Store { return newTestStore(t) })
//	}
//
// The suite checks the contract documented on contingency.Store: optimistic
// concurrency (a stale version stores nothing), unique idempotency keys per
// participant (a duplicate stores nothing), atomic appends, ordered loads
// after a version, copies at the boundary, safety under concurrent appends
// (run it with -race) and honoured context cancellation.
package contingencytest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
)

// TestStore runs the conformance suite against stores made by newStore. Each
// subtest gets a new store, so that subtests do not see each other's
// entries.
func TestStore(t *testing.T, newStore func(t *testing.T) contingency.Store) {
	t.Helper()
	for _, c := range storeCases() {
		t.Run(c.name, func(t *testing.T) {
			c.run(t, newStore(t))
		})
	}
}

type storeCase struct {
	name string
	run  func(t *testing.T, s contingency.Store)
}

// participant returns a fixed participant ID.
func participant(n byte) uuid.UUID {
	var id uuid.UUID
	id[0], id[15] = 0xc0, n
	return id
}

// suiteStart is the effective time of the first entry the suite writes.
func suiteStart() time.Time { return time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) }

// entries returns n entries for p numbered from after+1, keyed prefix-1…,
// with an award (slices inside) so that deep copies are checked.
func entries(p uuid.UUID, after contingency.Version, n int, prefix string) []contingency.Entry {
	out := make([]contingency.Entry, n)
	for i := range out {
		seq := after + contingency.Version(i) + 1
		var id uuid.UUID
		copy(id[:], p[:8])
		id[14], id[15] = byte(seq>>8), byte(seq)
		id[13] = byte(len(prefix))
		if len(prefix) > 0 {
			id[12] = prefix[0]
		}
		out[i] = contingency.Entry{
			SchemaVersion:  contingency.EntrySchemaVersion,
			ID:             id,
			Participant:    p,
			Seq:            seq,
			Kind:           contingency.KindPrize,
			IdempotencyKey: fmt.Sprintf("%s-%d", prefix, i+1),
			InputHash:      "0123",
			EffectiveAt:    suiteStart().Add(time.Duration(seq) * time.Hour),
			RecordedAt:     suiteStart().Add(time.Duration(seq) * time.Hour),
			Amount:         contingency.Cents(int64(seq) * 100),
			Instrument:     contingency.InstrumentItem,
			Actor:          "staff-1",
			Award: &contingency.AwardDetail{
				Schedule:  contingency.SchedulePrizeBowl,
				Run:       int(seq),
				Level:     1,
				Requested: contingency.Cents(int64(seq) * 100),
				Caps:      []string{"cap-a"},
				Slips:     []contingency.Slip{{Tier: "small", Value: contingency.Cents(int64(seq) * 100)}},
			},
			Hash: fmt.Sprintf("hash-%d", seq),
		}
	}
	return out
}

// jsonOf returns the JSON of v: entries compare by their wire form, which
// compares money by value and times by instant.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// load returns every entry of p and the version.
func load(t *testing.T, s contingency.Store, p uuid.UUID) ([]contingency.Entry, contingency.Version) {
	t.Helper()
	got, v, err := s.Load(context.Background(), p, 0)
	require.NoError(t, err)
	return got, v
}

func storeCases() []storeCase {
	ctx := context.Background()
	p, q := participant(1), participant(2)
	return []storeCase{
		{"unknown participant is empty at version 0", func(t *testing.T, s contingency.Store) {
			got, v, err := s.Load(ctx, p, 0)
			require.NoError(t, err)
			assert.Empty(t, got)
			assert.Equal(t, contingency.Version(0), v)
		}},
		{"append then load returns the entries in order", func(t *testing.T, s contingency.Store) {
			want := entries(p, 0, 3, "a")
			v, err := s.Append(ctx, p, 0, want)
			require.NoError(t, err)
			assert.Equal(t, contingency.Version(3), v)
			got, v := load(t, s, p)
			assert.Equal(t, contingency.Version(3), v)
			assert.Equal(t, jsonOf(t, want), jsonOf(t, got))
		}},
		{"appends continue from the version", func(t *testing.T, s contingency.Store) {
			first, second := entries(p, 0, 2, "a"), entries(p, 2, 3, "b")
			_, err := s.Append(ctx, p, 0, first)
			require.NoError(t, err)
			v, err := s.Append(ctx, p, 2, second)
			require.NoError(t, err)
			assert.Equal(t, contingency.Version(5), v)
			got, _ := load(t, s, p)
			assert.Equal(t, jsonOf(t, append(first, second...)), jsonOf(t, got))
		}},
		{"load after a version returns the later entries", func(t *testing.T, s contingency.Store) {
			all := entries(p, 0, 4, "a")
			_, err := s.Append(ctx, p, 0, all)
			require.NoError(t, err)
			for _, after := range []contingency.Version{0, 1, 3, 4, 9} {
				got, v, err := s.Load(ctx, p, after)
				require.NoError(t, err)
				assert.Equal(t, contingency.Version(4), v, "after %d", after)
				want := all[min(int(after), len(all)):]
				if len(want) == 0 {
					assert.Empty(t, got, "after %d", after)
					continue
				}
				assert.Equal(t, jsonOf(t, want), jsonOf(t, got), "after %d", after)
			}
		}},
		{"stale or future version is a conflict and stores nothing", func(t *testing.T, s contingency.Store) {
			want := entries(p, 0, 2, "a")
			_, err := s.Append(ctx, p, 0, want)
			require.NoError(t, err)
			for _, expected := range []contingency.Version{0, 1, 3, 10} {
				_, err := s.Append(ctx, p, expected, entries(p, expected, 1, "z"))
				require.ErrorIs(t, err, contingency.ErrVersionConflict, "expected %d", expected)
			}
			got, v := load(t, s, p)
			assert.Equal(t, contingency.Version(2), v)
			assert.Equal(t, jsonOf(t, want), jsonOf(t, got))
		}},
		{"duplicate key stores nothing", func(t *testing.T, s contingency.Store) {
			want := entries(p, 0, 2, "a")
			_, err := s.Append(ctx, p, 0, want)
			require.NoError(t, err)
			batch := entries(p, 2, 2, "b")
			batch[1].IdempotencyKey = want[0].IdempotencyKey // a key already stored
			_, err = s.Append(ctx, p, 2, batch)
			require.ErrorIs(t, err, contingency.ErrDuplicateKey)
			batch = entries(p, 2, 2, "c")
			batch[1].IdempotencyKey = batch[0].IdempotencyKey // a key repeated in the batch
			_, err = s.Append(ctx, p, 2, batch)
			require.ErrorIs(t, err, contingency.ErrDuplicateKey)
			got, v := load(t, s, p)
			assert.Equal(t, contingency.Version(2), v)
			assert.Equal(t, jsonOf(t, want), jsonOf(t, got))
		}},
		{"participants are independent", func(t *testing.T, s contingency.Store) {
			a, b := entries(p, 0, 2, "k"), entries(q, 0, 3, "k") // same keys, other participant
			_, err := s.Append(ctx, p, 0, a)
			require.NoError(t, err)
			v, err := s.Append(ctx, q, 0, b)
			require.NoError(t, err)
			assert.Equal(t, contingency.Version(3), v)
			gotA, vA := load(t, s, p)
			gotB, vB := load(t, s, q)
			assert.Equal(t, contingency.Version(2), vA)
			assert.Equal(t, contingency.Version(3), vB)
			assert.Equal(t, jsonOf(t, a), jsonOf(t, gotA))
			assert.Equal(t, jsonOf(t, b), jsonOf(t, gotB))
		}},
		{"entries are copied in and out", func(t *testing.T, s contingency.Store) {
			in := entries(p, 0, 2, "a")
			want := jsonOf(t, in)
			_, err := s.Append(ctx, p, 0, in)
			require.NoError(t, err)
			in[0].Amount = contingency.Cents(999)
			in[0].Award.Caps[0] = "changed"
			in[0].Award.Slips[0].Tier = "changed"
			out, _ := load(t, s, p)
			require.Len(t, out, 2)
			if path := firstDifference(t, want, jsonOf(t, out)); path != "" {
				t.Errorf("changing the appended entries changed the store at %s: the store keeps the caller's "+
					"memory there; copy entries in with Entry.Clone", path)
			}
			out[1].Actor = "changed"
			out[1].Award.Caps[0] = "changed"
			out[1].Award.Slips[0].Value = contingency.Cents(1)
			again, _ := load(t, s, p)
			if path := firstDifference(t, want, jsonOf(t, again)); path != "" {
				t.Errorf("changing loaded entries changed the store at %s: the store hands out its own memory "+
					"there; copy entries out with Entry.Clone", path)
			}
		}},
		{"exactly one of racing appends at one version wins", func(t *testing.T, s contingency.Store) {
			_, err := s.Append(ctx, p, 0, entries(p, 0, 1, "base"))
			require.NoError(t, err)
			const racers = 8
			errs := make([]error, racers)
			var wg sync.WaitGroup
			for i := range racers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = s.Append(ctx, p, 1, entries(p, 1, 2, fmt.Sprintf("r%d", i)))
				}()
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				if err == nil {
					won++
					continue
				}
				require.ErrorIs(t, err, contingency.ErrVersionConflict)
			}
			assert.Equal(t, 1, won)
			got, v := load(t, s, p)
			assert.Equal(t, contingency.Version(3), v)
			assert.Len(t, got, 3)
		}},
		{"concurrent appends that retry all land, in order", func(t *testing.T, s contingency.Store) {
			const writers, each = 4, 10
			var wg sync.WaitGroup
			failures := make([]error, writers)
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := 0; n < each; {
						_, v, err := s.Load(ctx, p, 0)
						if err != nil {
							failures[w] = err
							return
						}
						_, err = s.Append(ctx, p, v, entries(p, v, 1, fmt.Sprintf("w%d-%d", w, n)))
						switch {
						case err == nil:
							n++
						case !errors.Is(err, contingency.ErrVersionConflict):
							failures[w] = err
							return
						}
					}
				}()
			}
			wg.Wait()
			for _, err := range failures {
				require.NoError(t, err)
			}
			got, v := load(t, s, p)
			assert.Equal(t, contingency.Version(writers*each), v)
			require.Len(t, got, writers*each)
			keys := make(map[string]bool)
			for i, e := range got {
				assert.Equal(t, contingency.Version(i+1), e.Seq)
				keys[e.IdempotencyKey] = true
			}
			assert.Len(t, keys, writers*each)
		}},
		{"a cancelled context is honoured and stores nothing", func(t *testing.T, s contingency.Store) {
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			_, err := s.Append(cancelled, p, 0, entries(p, 0, 1, "a"))
			require.ErrorIs(t, err, context.Canceled)
			_, _, err = s.Load(cancelled, p, 0)
			require.ErrorIs(t, err, context.Canceled)
			got, v := load(t, s, p)
			assert.Empty(t, got)
			assert.Equal(t, contingency.Version(0), v)
		}},
	}
}

// firstDifference returns the JSON path of the first value that differs
// between two JSON documents ("[0].award.caps[0]"), or "" when they are
// equal: what names the aliased field when a store copies entries shallowly.
func firstDifference(t *testing.T, a, b string) string {
	t.Helper()
	var x, y any
	require.NoError(t, json.Unmarshal([]byte(a), &x))
	require.NoError(t, json.Unmarshal([]byte(b), &y))
	return diffPath("", x, y)
}

func diffPath(path string, x, y any) string {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			return path
		}
		keys := make([]string, 0, len(xv)+len(yv))
		for k := range xv {
			keys = append(keys, k)
		}
		for k := range yv {
			if _, ok := xv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if d := diffPath(strings.TrimPrefix(path+"."+k, "."), xv[k], yv[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		yv, ok := y.([]any)
		if !ok || len(yv) != len(xv) {
			return path
		}
		for i := range xv {
			if d := diffPath(path+"["+strconv.Itoa(i)+"]", xv[i], yv[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if x != y {
		return path
	}
	return ""
}
