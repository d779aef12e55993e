package intervention

import (
	"encoding/binary"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// Clock tells the time. Whatever stamps a recorded-at time takes a Clock so
// that tests pass a fixed one; pure computations take an asOf time instead.
type Clock interface{ Now() time.Time }

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// FixedClock is a Clock that always returns the same instant.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }

// SystemClock is the wall clock. It is the default Clock and the only place in
// the library that reads it.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() } //nolint:forbidigo // the single default wall clock

// IDSource mints new identifiers. Constructors that create identified values
// take one, so that tests can pass a deterministic source.
type IDSource func() (uuid.UUID, error)

// NewRandomID is the default IDSource: a time-ordered UUIDv7 (RFC 9562), which
// keeps database indexes on IDs append-friendly. It is the only place in the
// library that mints random identifiers.
func NewRandomID() (uuid.UUID, error) { return uuid.NewV7() } //nolint:forbidigo // the single default ID source

// SequentialIDs returns a deterministic IDSource for tests and examples that
// mints 00000000-0000-0000-0000-000000000001, …0002 and so on. It is safe for
// concurrent use; each call to SequentialIDs starts its own sequence.
func SequentialIDs() IDSource {
	var n atomic.Uint64
	return func() (uuid.UUID, error) {
		var id uuid.UUID
		binary.BigEndian.PutUint64(id[8:], n.Add(1))
		return id, nil
	}
}
