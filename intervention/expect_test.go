package intervention_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// Issue 16, point 8: errors say how to fix the input, keep their sentinel
// and path, and never echo the value.
func TestErrorsSayWhatIsExpected(t *testing.T) {
	err := intervention.Expect("id", intervention.ErrMissing, intervention.WantID)
	assert.Equal(t, "id: required, a non-nil UUID", err.Error(), `it read "invalid id: missing: invalid"`)
	require.ErrorIs(t, err, intervention.ErrMissing)
	require.ErrorIs(t, err, intervention.ErrInvalid)

	nested := intervention.Prefix("session", errors.Join(err, intervention.Field("minutes", intervention.ErrOutOfRange)))
	fes := intervention.FieldErrors(nested)
	require.Len(t, fes, 2)
	assert.Equal(t, "session.id: required, a non-nil UUID", fes[0].Error(), "Prefix keeps the expectation")
	assert.Equal(t, "invalid session.minutes: out of range: invalid", fes[1].Error(), "without one, the rule is named")
	assert.Equal(t, "invalid value: required, a non-nil UUID",
		intervention.Expect("", intervention.ErrMissing, intervention.WantID).Error())
}

func TestSessionParticipantErrorSaysWhoIsMissing(t *testing.T) {
	s := individualSession()
	s.Participants[0].Role = intervention.RoleClinician // the patient is not there
	err := intervention.Prefix("session", s.Validate())
	require.ErrorIs(t, err, intervention.ErrFormatMismatch)
	assert.Contains(t, err.Error(), "session.participants: an individual session must include the patient, once",
		`it read "invalid session.participants: … inconsistent: invalid"`)
}
