package pgstore

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stateError is a driver error with a SQLSTATE, as pgx's *pgconn.PgError is.
type stateError string

func (e stateError) Error() string    { return "ERROR: test (SQLSTATE " + string(e) + ")" }
func (e stateError) SQLState() string { return string(e) }

func TestAgainRetriesSerializationFailures(t *testing.T) {
	s := &Store{retries: 3}
	calls := 0
	err := s.again(context.Background(), func() error {
		calls++
		if calls < 3 {
			return stateError(sqlStateSerialization)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 3, calls, "two serialization failures, then success")

	calls = 0
	err = s.again(context.Background(), func() error { calls++; return stateError(sqlStateDeadlock) })
	require.Error(t, err)
	assert.Equal(t, 4, calls, "the first try and three retries")

	calls = 0
	err = s.again(context.Background(), func() error { calls++; return stateError(sqlStateUnique) })
	require.Error(t, err)
	assert.Equal(t, 1, calls, "other errors are not retried")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = s.again(ctx, func() error { return stateError(sqlStateSerialization) })
	require.ErrorIs(t, err, context.Canceled, "a cancelled context stops the retries")
}

func TestIsUnique(t *testing.T) {
	err := errors.Join(stateError(sqlStateUnique), errors.New(`duplicate key value violates unique constraint "`+constraintKey+`"`))
	assert.True(t, isUnique(err, constraintKey))
	assert.False(t, isUnique(err, constraintSeq))
	assert.False(t, isUnique(errors.New(`"`+constraintKey+`"`), constraintKey), "no SQLSTATE, no match")
}
