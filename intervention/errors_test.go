package intervention_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

var errRule = errors.New("must be positive")

func TestFieldError(t *testing.T) {
	err := intervention.Field("objectives[2].target", errRule)
	assert.Equal(t, "invalid objectives[2].target: must be positive", err.Error())
	require.ErrorIs(t, err, intervention.ErrInvalid, "every FieldError matches ErrInvalid")
	require.ErrorIs(t, err, errRule, "and its rule")
	var fe *intervention.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "objectives[2].target", fe.Field)

	assert.Equal(t, "invalid value: must be positive", (&intervention.FieldError{Err: errRule}).Error())
	assert.Equal(t, "invalid x: invalid", (&intervention.FieldError{Field: "x"}).Error())
	require.ErrorIs(t, intervention.ErrMissing, intervention.ErrInvalid, "shared rules wrap ErrInvalid")
}

func TestPrefix(t *testing.T) {
	require.NoError(t, intervention.Prefix("a", nil))

	joined := errors.Join(intervention.Field("amount", errRule), intervention.Field("[1]", errRule), errRule)
	got := intervention.FieldErrors(intervention.Prefix("entries[3]", joined))
	require.Len(t, got, 3)
	assert.Equal(t, "entries[3].amount", got[0].Field)
	assert.Equal(t, "entries[3][1]", got[1].Field)
	assert.Equal(t, "entries[3]", got[2].Field, "a bare rule is placed at the prefix")
	for _, fe := range got {
		require.ErrorIs(t, fe, errRule)
	}

	wrapped := fmt.Errorf("context: %w", intervention.Field("x", errRule))
	got = intervention.FieldErrors(intervention.Prefix("p", wrapped))
	require.Len(t, got, 1)
	assert.Equal(t, "p.x", got[0].Field, "a wrapped FieldError is re-rooted")
	require.ErrorIs(t, got[0], errRule)
}

func TestJoinPathAndIndex(t *testing.T) {
	assert.Equal(t, "a.b", intervention.JoinPath("a", "b"))
	assert.Equal(t, "b", intervention.JoinPath("", "b"))
	assert.Equal(t, "a", intervention.JoinPath("a", ""))
	assert.Equal(t, "a[2]", intervention.JoinPath("a", "[2]"))
	assert.Equal(t, "goals[2]", intervention.Index("goals", 2))
}

func TestFieldErrors(t *testing.T) {
	assert.Nil(t, intervention.FieldErrors(nil))
	assert.Nil(t, intervention.FieldErrors(errRule))
	nested := errors.Join(errors.Join(intervention.Field("a", errRule)), intervention.Field("b", errRule))
	got := intervention.FieldErrors(nested)
	require.Len(t, got, 2)
	assert.Equal(t, "a", got[0].Field)
	assert.Equal(t, "b", got[1].Field)
}
