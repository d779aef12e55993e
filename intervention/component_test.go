package intervention_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// yoga is a host-defined component: the contract is small enough to satisfy
// outside the library.
type yoga struct {
	id       uuid.UUID
	sessions []intervention.Session
}

func (y yoga) ID() uuid.UUID { return y.id }

func (y yoga) Modality() intervention.Modality { return "x-yoga" }

func (y yoga) Validate() error {
	for i, s := range y.sessions {
		if err := s.Validate(); err != nil {
			return intervention.Prefix(intervention.Index("sessions", i), err)
		}
	}
	return nil
}

func (y yoga) Progress(asOf time.Time) intervention.Progress {
	today, _ := intervention.DateOf(asOf, time.UTC)
	held := 0
	for _, s := range y.sessions {
		if !s.Start.After(asOf) && s.PatientPresent() {
			held++
		}
	}
	return intervention.Progress{
		Component: y.id, Modality: y.Modality(), AsOf: asOf, Status: intervention.StatusActive,
		Completion: intervention.RatioOf(held, 12), Attendance: intervention.RatioOf(held, len(y.sessions)),
		Measures: []intervention.Measure{{Code: "yoga.sessions", Unit: "sessions", Value: intervention.RatioOf(held, 1)}},
		Due:      []intervention.Due{{Code: "yoga.next-session", By: today.AddDays(7)}},
	}
}

var _ intervention.Component = yoga{}

func TestHostComponent(t *testing.T) {
	s := individualSession()
	s.Modality = "x-yoga"
	y := yoga{id: uuid.MustParse("00000000-0000-0000-0000-0000000000e5"), sessions: []intervention.Session{s}}
	require.NoError(t, y.Validate())
	p := y.Progress(t0.Add(time.Hour))
	assert.Equal(t, p, y.Progress(t0.Add(time.Hour)), "Progress is pure")
	m, ok := p.Measure("yoga.sessions")
	require.True(t, ok)
	v, _ := m.Value.Value(0)
	assert.Equal(t, "1", v.String())
	_, ok = p.Measure("missing")
	assert.False(t, ok)

	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back intervention.Progress
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, intervention.StatusActive, back.Status)
	assert.Equal(t, "yoga.next-session", back.Due[0].Code)

	y.sessions[0].Minutes = -5
	err = y.Validate()
	require.ErrorIs(t, err, intervention.ErrInvalid)
	assert.Contains(t, fieldPaths(err), "sessions[0].minutes")
}

// A Due's By is a civil date and travels as "YYYY-MM-DD", with no time of
// day or offset; anything else is refused.
func TestDueJSONIsADate(t *testing.T) {
	by, err := intervention.NewDate(2025, time.February, 6)
	require.NoError(t, err)
	b, err := json.Marshal(intervention.Due{Code: "x.check", By: by})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"x.check","by":"2025-02-06","overdue":false}`, string(b))

	var back intervention.Due
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, by, back.By)

	err = json.Unmarshal([]byte(`{"code":"x.check","by":"2025-02-06T00:00:00-05:00","overdue":false}`), &back)
	require.ErrorIs(t, err, intervention.ErrInvalid, "an instant is not a due date")
}
