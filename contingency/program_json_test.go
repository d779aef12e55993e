package contingency_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestScheduleJSON(t *testing.T) {
	rip, err := contingency.RIPSchedule(contingency.RIPDefaultAmounts())
	require.NoError(t, err)
	for _, s := range []contingency.Schedule{contingency.HigginsVouchers(contingency.RecoveryR2), contingency.CTN0007Bowl(), rip} {
		b, err := contingency.MarshalSchedule(s)
		require.NoError(t, err)
		back, err := contingency.UnmarshalSchedule(b)
		require.NoError(t, err)
		again, err := contingency.MarshalSchedule(back)
		require.NoError(t, err)
		assert.Equal(t, string(b), string(again))
		assert.Equal(t, s.Kind(), back.Kind())
	}
	_, err = contingency.MarshalSchedule(nil)
	require.ErrorIs(t, err, contingency.ErrUnknownScheduleKind)
	for _, bad := range []string{
		`{"kind":"table","escalating":{"start":"1.00","step":"1.00"}}`,
		`{"kind":"escalating"}`,
		`{"kind":"escalating","escalating":{"start":"1.00","step":"1.00"},"table":{"amounts":["1.00"]}}`,
		`{"kind":"escalating","escalating":{"start":"1.00","step":"1.00"},"extra":1}`,
		`{"kind":"escalating","escalating":{"start":"1.00","step":"1.00"}} []`,
		`{"kind":"lottery","escalating":{"start":"1.00","step":"1.00"}}`,
	} {
		_, err := contingency.UnmarshalSchedule([]byte(bad))
		require.ErrorIs(t, err, intervention.ErrInvalid, bad)
	}
	_, err = contingency.UnmarshalSchedule([]byte(`{"kind":"escalating","escalating":{"start":"0.00","step":"1.00"}}`))
	require.ErrorIs(t, err, intervention.ErrInvalid, "the schedule is validated")
}

func TestProgramJSONRoundTrip(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	p := pgProgram(t, func(c *contingency.ProgramConfig) {
		c.Location = la
		c.Ineligible = []contingency.Period{{From: day(t, "2025-02-01"), Through: day(t, "2025-02-07")}}
	})
	pgRecord(t, p, "NNPN-N")
	_, err = p.Correct(context.Background(), "lab", "lab-confirmation", pgResult(t, p, 2, contingency.ResultNegative))
	require.NoError(t, err)

	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"schemaVersion":"1"`)
	assert.Contains(t, string(b), `"kind":"escalating"`)
	assert.Contains(t, string(b), `"location":"America/Los_Angeles"`)
	n := len(p.Ledger().Entries())

	back, err := contingency.DecodeProgram(context.Background(), b, p.Ledger())
	require.NoError(t, err)
	assert.Len(t, p.Ledger().Entries(), n, "decoding against the same ledger posts nothing")
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again), "encode → decode → encode is byte-identical")
	asOf := pgVisitTime(t, p, 8)
	assert.Equal(t, p.Status(asOf), back.Status(asOf))

	other := pgLedger(t)
	_, err = contingency.DecodeProgram(context.Background(), b, nil)
	require.ErrorIs(t, err, intervention.ErrMissing)
	for name, edit := range map[string]func(string) string{
		"schema":   func(s string) string { return strings.Replace(s, `"schemaVersion":"1"`, `"schemaVersion":"9"`, 1) },
		"unknown":  func(s string) string { return strings.Replace(s, `"schemaVersion"`, `"x":1,"schemaVersion"`, 1) },
		"zone":     func(s string) string { return strings.Replace(s, "America/Los_Angeles", "Local", 1) },
		"schedule": func(s string) string { return strings.Replace(s, `"kind":"escalating"`, `"kind":"table"`, 1) },
		"policy":   func(s string) string { return strings.Replace(s, `"excused":"hold"`, `"excused":"maybe"`, 1) },
		"trailing": func(s string) string { return s + "[]" },
		"operation": func(s string) string {
			return strings.Replace(s, `"kind":"correct"`, `"kind":"erase"`, 1)
		},
	} {
		t.Run(name, func(t *testing.T) {
			in := edit(string(b))
			require.NotEqual(t, string(b), in)
			_, err := contingency.DecodeProgram(context.Background(), []byte(in), other)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Empty(t, other.Entries())
		})
	}
	require.NoError(t, other.Refresh(context.Background()))
	wrong, err := contingency.NewLedger(context.Background(), contingency.NewMemStore(), pgProgramID)
	require.NoError(t, err)
	_, err = contingency.DecodeProgram(context.Background(), b, wrong)
	require.ErrorIs(t, err, intervention.ErrInconsistent, "another participant's ledger")

	var cfg contingency.ProgramConfig
	require.ErrorIs(t, json.Unmarshal([]byte(`{"target":{}}`), &cfg), intervention.ErrInvalid)
	_, err = json.Marshal(contingency.ProgramConfig{})
	require.ErrorIs(t, err, intervention.ErrInvalid, "an invalid configuration is never written")
}

func FuzzProgramJSON(f *testing.F) {
	p := pgProgram(f, nil)
	pgRecord(f, p, "NNP-N")
	seed, err := json.Marshal(p)
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(`{"schemaVersion":"1","operations":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		back, err := contingency.DecodeProgram(context.Background(), data, pgLedger(t))
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		out, err := json.Marshal(back)
		require.NoError(t, err)
		again, err := contingency.DecodeProgram(context.Background(), out, back.Ledger())
		require.NoError(t, err)
		out2, err := json.Marshal(again)
		require.NoError(t, err)
		require.Equal(t, string(out), string(out2))
	})
}

// TestProgramSchemaEvolution: a programme document of a later minor version
// is read, a later major one refused, by the contract every document
// follows (docs/schema-evolution.md).
func TestProgramSchemaEvolution(t *testing.T) {
	p := pgProgram(t, nil)
	pgRecord(t, p, "NNPN")
	b, err := json.Marshal(p)
	require.NoError(t, err)
	decode := func(doc []byte) error {
		_, err := contingency.DecodeProgram(context.Background(), doc, p.Ledger())
		return err
	}
	wiretest.Evolution(t, b, contingency.ProgramSchemaVersion, decode, contingency.ErrMalformedProgram)
}
