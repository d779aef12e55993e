package contingency_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/contingency/contingencytest"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestMemStoreConformance(t *testing.T) {
	contingencytest.TestStore(t, func(*testing.T) contingency.Store { return contingency.NewMemStore() })
}

func TestMemStoreRefusesMisnumberedEntries(t *testing.T) {
	ctx := context.Background()
	l, _ := lgScenario(t)
	entries := l.Entries()[:3]
	s := &contingency.MemStore{}

	bad := append([]contingency.Entry(nil), entries...)
	bad[1].Seq = 5
	_, err := s.Append(ctx, lgP, 0, bad)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Equal(t, []string{"entries[1].seq"}, lgFields(err))

	_, err = s.Append(ctx, uuid.UUID{1}, 0, entries)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Equal(t, []string{"entries[0].participant"}, lgFields(err))

	v, err := s.Append(ctx, lgP, 0, nil)
	require.NoError(t, err, "an empty append at the right version is a no-op")
	assert.Equal(t, contingency.Version(0), v)
	got, v, err := s.Load(ctx, lgP, 0)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, contingency.Version(0), v)

	v, err = s.Append(ctx, lgP, 0, entries)
	require.NoError(t, err)
	assert.Equal(t, contingency.Version(3), v)
	v, err = s.Append(ctx, lgP, 1, nil)
	require.ErrorIs(t, err, contingency.ErrVersionConflict)
	assert.Equal(t, contingency.Version(3), v, "a conflict reports the current version")
}
