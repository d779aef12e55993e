package contingency

import (
	"context"
	"sync"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// MemStore is an in-memory Store for tests, examples and hosts that keep
// ledgers elsewhere. It keeps every participant's entries in a slice, stores
// each Append atomically, enforces unique idempotency keys per participant,
// and copies entries on the way in and out, so that no caller can change what
// it holds. It passes the contingencytest conformance suite.
//
// The zero MemStore is empty and ready to use. Concurrency: *MemStore is safe
// for concurrent use.
type MemStore struct {
	mu      sync.RWMutex
	ledgers map[uuid.UUID]*memLedger
}

var _ Store = (*MemStore)(nil)

// memLedger is one participant's stored entries.
type memLedger struct {
	entries []Entry
	keys    map[string]struct{}
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{} }

// Append adds entries to participant's ledger atomically when it is at
// version expected. On a conflict it returns the current version with
// ErrVersionConflict; a key already stored, or repeated in entries, is
// ErrDuplicateKey; entries whose Seq does not run on from expected, or that
// belong to another participant, are an error wrapping
// intervention.ErrInvalid. Whatever the error, nothing is stored. A cancelled
// ctx stores nothing and returns ctx.Err().
func (s *MemStore) Append(ctx context.Context, participant uuid.UUID, expected Version, entries []Entry) (Version, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.ledgers[participant]
	var current Version
	if l != nil {
		current = Version(len(l.entries))
	}
	if current != expected {
		return current, ErrVersionConflict
	}
	batch := make(map[string]struct{}, len(entries))
	for i, e := range entries {
		path := intervention.Index("entries", i)
		switch {
		case e.Seq != expected+Version(i)+1:
			return current, intervention.Field(path+".seq", intervention.ErrInconsistent)
		case e.Participant != participant:
			return current, intervention.Field(path+".participant", intervention.ErrInconsistent)
		}
		if l != nil {
			if _, dup := l.keys[e.IdempotencyKey]; dup {
				return current, ErrDuplicateKey
			}
		}
		if _, dup := batch[e.IdempotencyKey]; dup {
			return current, ErrDuplicateKey
		}
		batch[e.IdempotencyKey] = struct{}{}
	}
	if len(entries) == 0 {
		return current, nil
	}
	if l == nil {
		if s.ledgers == nil {
			s.ledgers = make(map[uuid.UUID]*memLedger)
		}
		l = &memLedger{keys: make(map[string]struct{})}
		s.ledgers[participant] = l
	}
	for _, e := range entries {
		l.entries = append(l.entries, cloneEntry(e))
		l.keys[e.IdempotencyKey] = struct{}{}
	}
	return Version(len(l.entries)), nil
}

// Load returns copies of participant's entries with Seq greater than after,
// in Seq order, and the ledger's current version. A cancelled ctx returns
// ctx.Err().
func (s *MemStore) Load(ctx context.Context, participant uuid.UUID, after Version) ([]Entry, Version, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	l := s.ledgers[participant]
	if l == nil {
		return nil, 0, nil
	}
	v := Version(len(l.entries))
	if after >= v {
		return nil, v, nil
	}
	out := make([]Entry, 0, v-after)
	for _, e := range l.entries[after:] {
		out = append(out, cloneEntry(e))
	}
	return out, v, nil
}
