package contingency

import (
	"context"
	"errors"

	"github.com/google/uuid"
)

// Store persists participants' ledgers. It is the port a host implements for
// its database; MemStore is the in-memory implementation and
// contingency/contingencytest holds the conformance suite every Store must
// pass.
//
// Implementations must be safe for concurrent use, must store the entries of
// one Append atomically (all or none), and must enforce that an idempotency
// key is unique within a participant's ledger.
type Store interface {
	// Append adds entries (whose Seq run on from expected) to participant's
	// ledger. It fails with an error matching ErrVersionConflict, storing
	// nothing, unless the ledger is at version expected; with one matching
	// ErrDuplicateKey, storing nothing, when an entry's idempotency key is
	// already stored. It returns the new version.
	Append(ctx context.Context, participant uuid.UUID, expected Version, entries []Entry) (Version, error)
	// Load returns participant's entries with Seq greater than after, in Seq
	// order, and the ledger's current version. An unknown participant has
	// version 0 and no entries.
	Load(ctx context.Context, participant uuid.UUID, after Version) ([]Entry, Version, error)
}

// ErrVersionConflict means the ledger changed after the caller read it; reload
// and retry.
var ErrVersionConflict = errors.New("contingency: ledger version conflict")

// ErrDuplicateKey means a store already holds an entry with the same
// idempotency key for the participant.
var ErrDuplicateKey = errors.New("contingency: duplicate idempotency key")
