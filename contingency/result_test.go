package contingency_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

var schedT0 = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC) // a Monday

// schedResult returns a valid result with status and readings.
func schedResult(status contingency.ResultStatus, readings ...contingency.Reading) contingency.Result {
	return contingency.Result{SpecimenID: "S-1", CollectedAt: schedT0, Status: status, Readings: readings}
}

func schedRead(s contingency.Substance, st contingency.ResultStatus) contingency.Reading {
	return contingency.Reading{Substance: s, Status: st}
}

func TestResultValidate(t *testing.T) {
	neg, pos := contingency.ResultNegative, contingency.ResultPositive
	coc, thc := contingency.SubstanceCocaine, contingency.SubstanceTHC
	tests := []struct {
		name   string
		r      contingency.Result
		fields map[string]error
	}{
		{"negative no readings", schedResult(neg), nil},
		{"negative readings", schedResult(neg, schedRead(coc, neg), schedRead(thc, neg)), nil},
		{"positive readings", schedResult(pos, schedRead(coc, neg), schedRead(thc, pos)), nil},
		{"dilute readings", schedResult(contingency.ResultDilute, schedRead(coc, pos)), nil},
		{"pending readings", schedResult(contingency.ResultPendingLab, schedRead(coc, neg)), nil},
		{"missed", schedResult(contingency.ResultMissed), nil},
		{"met", schedResult(contingency.ResultMet), nil},
		{"zero", contingency.Result{}, map[string]error{
			"specimenId": intervention.ErrMissing, "collectedAt": intervention.ErrMissing,
			"status": contingency.ErrUnknownResultStatus}},
		{"long specimen id", contingency.Result{SpecimenID: strings.Repeat("a", contingency.MaxSpecimenIDLen+1),
			CollectedAt: schedT0, Status: neg}, map[string]error{"specimenId": contingency.ErrBadSpecimenID}},
		// issue 14: these passed Validate and were refused later by Program.Record as an invalid ledger key.
		{"specimen id with '#'", contingency.Result{SpecimenID: "lab#2025-0001", CollectedAt: schedT0, Status: neg},
			map[string]error{"specimenId": contingency.ErrBadSpecimenID}},
		{"specimen id of 200 bytes", contingency.Result{SpecimenID: strings.Repeat("a", 200), CollectedAt: schedT0, Status: neg},
			map[string]error{"specimenId": contingency.ErrBadSpecimenID}},
		{"specimen id with a control character", contingency.Result{SpecimenID: "S\x01", CollectedAt: schedT0, Status: neg},
			map[string]error{"specimenId": contingency.ErrBadSpecimenID}},
		{"year 10000", contingency.Result{SpecimenID: "S", CollectedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
			Status: neg}, map[string]error{"collectedAt": intervention.ErrTimeRange}},
		{"year 0000", contingency.Result{SpecimenID: "S", CollectedAt: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
			Status: neg}, map[string]error{"collectedAt": intervention.ErrTimeRange}},
		{"offset +24:00", contingency.Result{SpecimenID: "S", CollectedAt: time.Date(2025, 1, 6, 9, 0, 0, 0, time.FixedZone("", 24*3600)),
			Status: neg}, map[string]error{"collectedAt": intervention.ErrTimeOffset}},
		{"readings on missed", schedResult(contingency.ResultMissed, schedRead(coc, neg)),
			map[string]error{"readings": intervention.ErrInconsistent}},
		{"readings on met", schedResult(contingency.ResultMet, schedRead(coc, neg)),
			map[string]error{"readings": intervention.ErrInconsistent}},
		{"unknown substance", schedResult(neg, schedRead("crack", neg)),
			map[string]error{"readings[0].substance": contingency.ErrUnknownSubstance}},
		{"duplicate substance", schedResult(neg, schedRead(coc, neg), schedRead(coc, neg)),
			map[string]error{"readings[1].substance": intervention.ErrDuplicate}},
		{"reading dilute", schedResult(neg, schedRead(coc, contingency.ResultDilute)),
			map[string]error{"readings[0].status": contingency.ErrReadingStatus}},
		{"reading unknown", schedResult(neg, schedRead(coc, "maybe")),
			map[string]error{"readings[0].status": contingency.ErrUnknownResultStatus}},
		{"negative with a positive reading", schedResult(neg, schedRead(coc, neg), schedRead(thc, pos)),
			map[string]error{"status": intervention.ErrInconsistent}},
		{"positive without a positive reading", schedResult(pos, schedRead(coc, neg)),
			map[string]error{"status": intervention.ErrInconsistent}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if tt.fields == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			assert.NotContains(t, err.Error(), "crack", "errors never echo values")
		})
	}
}

func TestResultJSON(t *testing.T) {
	r := schedResult(contingency.ResultPositive,
		schedRead(contingency.SubstanceCocaine, contingency.ResultNegative),
		schedRead(contingency.SubstanceTHC, contingency.ResultPositive))
	b, err := json.Marshal(r)
	require.NoError(t, err)
	const want = `{"specimenId":"S-1","collectedAt":"2025-01-06T09:00:00Z","status":"positive",` +
		`"readings":[{"substance":"cocaine","status":"negative"},{"substance":"thc","status":"positive"}]}`
	assert.JSONEq(t, want, string(b))

	back, err := contingency.DecodeResult(b)
	require.NoError(t, err)
	assert.Equal(t, r.SpecimenID, back.SpecimenID)
	assert.True(t, r.CollectedAt.Equal(back.CollectedAt))
	assert.Equal(t, r.Readings, back.Readings)

	b, err = json.Marshal(schedResult(contingency.ResultMissed))
	require.NoError(t, err)
	assert.JSONEq(t, `{"specimenId":"S-1","collectedAt":"2025-01-06T09:00:00Z","status":"missed"}`, string(b))
}

func TestDecodeResult(t *testing.T) {
	tests := []struct {
		name string
		in   string
		rule error
	}{
		{"syntax", `{"specimenId":`, contingency.ErrMalformedResult},
		{"not an object", `[1,2]`, contingency.ErrMalformedResult},
		{"unknown field", `{"specimenId":"S","collectedAt":"2025-01-06T09:00:00Z","status":"negative","name":"Jane Doe"}`,
			contingency.ErrMalformedResult},
		{"trailing data", `{"specimenId":"S","collectedAt":"2025-01-06T09:00:00Z","status":"negative"} {}`,
			contingency.ErrMalformedResult},
		{"bad time", `{"specimenId":"S","collectedAt":"Jane Doe","status":"negative"}`, contingency.ErrMalformedResult},
		{"wrong type", `{"specimenId":7}`, contingency.ErrMalformedResult},
		{"unknown status", `{"specimenId":"S","collectedAt":"2025-01-06T09:00:00Z","status":"Jane Doe"}`,
			contingency.ErrUnknownResultStatus},
		{"unknown substance", `{"specimenId":"S","collectedAt":"2025-01-06T09:00:00Z","status":"negative",` +
			`"readings":[{"substance":"Jane Doe","status":"negative"}]}`, contingency.ErrUnknownSubstance},
		{"invalid", `{"specimenId":"","collectedAt":"2025-01-06T09:00:00Z","status":"negative"}`, intervention.ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := contingency.DecodeResult([]byte(tt.in))
			require.ErrorIs(t, err, tt.rule)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.NotContains(t, err.Error(), "Jane", "errors never echo the input")
			assert.Empty(t, r.SpecimenID)
		})
	}
	r, err := contingency.DecodeResult([]byte(" {\"specimenId\":\"S\",\"collectedAt\":\"2025-01-06T09:00:00-08:00\",\"status\":\"excused\"}\n"))
	require.NoError(t, err)
	assert.Equal(t, contingency.ResultExcused, r.Status)
}

func FuzzResultJSON(f *testing.F) {
	f.Add(`{"specimenId":"S-1","collectedAt":"2025-01-06T09:00:00Z","status":"positive","readings":[{"substance":"cocaine","status":"negative"},{"substance":"thc","status":"positive"}]}`)
	f.Add(`{"specimenId":"S-2","collectedAt":"2025-01-06T09:00:00+02:00","status":"dilute","readings":[{"substance":"methamphetamine","status":"positive"}]}`)
	f.Add(`{"specimenId":"S-3","collectedAt":"2025-01-06T09:00:00.123456789Z","status":"met"}`)
	f.Add(`{"specimenId":"S-4","collectedAt":"2025-01-06T09:00:00Z","status":"negative","readings":[{"substance":"x-xylazine","status":"negative"}]}`)
	f.Add(`{"specimenId":"S","collectedAt":"0001-01-01T00:00:00Z","status":"negative"}`)
	f.Add(`{}`)
	f.Add(`null`)
	targets := []contingency.Target{
		contingency.RIPTarget(), contingency.CTN0007Target(),
		{Kind: contingency.TargetAttendance, Verification: contingency.VerificationAttendanceRecord},
	}
	policy := contingency.DefaultPolicy()
	f.Fuzz(func(t *testing.T, in string) {
		r, err := contingency.DecodeResult([]byte(in))
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		require.NoError(t, r.Validate())
		b, err := json.Marshal(r)
		require.NoError(t, err)
		back, err := contingency.DecodeResult(b)
		require.NoError(t, err)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2), "round trip")
		for _, target := range targets {
			c, err := policy.Classify(target, r)
			if err != nil {
				require.ErrorIs(t, err, intervention.ErrInvalid)
				continue
			}
			require.True(t, c.Outcome.Valid())
			require.NotEmpty(t, c.Rule)
			require.False(t, c.SecondaryMet && c.Outcome != contingency.OutcomeEarn)
		}
	})
}
