package twelvestep_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

// assertNoDates checks that no fmt verb or slog handler shows any of the
// sobriety dates; when marked, the log output must say something was
// redacted.
func assertNoDates(t *testing.T, v any, marked bool, dates ...string) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, v)
		for _, d := range dates {
			assert.NotContainsf(t, out, d, "verb %s", verb)
			assert.NotContainsf(t, out, strings.ReplaceAll(d, "-", ""), "verb %s", verb)
		}
	}
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("recorded", "value", v)
		for _, d := range dates {
			assert.NotContains(t, buf.String(), d)
		}
		if marked {
			assert.Contains(t, buf.String(), "redacted")
		}
	}
}

func TestSobrietyDatesStayOutOfLogs(t *testing.T) {
	cfg := config(twelvestep.MATCHTSF())
	cfg.JourneyStart = day(t, "2023-07-14")
	f := newFacilitation(t, cfg)
	s := slip(t, 1, "2024-03-02", time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC))
	s.RestartOn = day(t, "2024-03-04")
	record(t)(f.RecordSlip(s))
	record(t)(f.AddSession(session(2, t0)))
	dates := []string{"2023-07-14", "2024-03-02", "2024-03-04", "2024-03-05"}

	assertNoDates(t, f, false, dates...)
	assertNoDates(t, f.Config(), true, dates...)
	assertNoDates(t, f.Slips()[0], true, dates...)
	ct := f.CleanTime(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	assertNoDates(t, ct, true, dates...)

	assert.Equal(t, "Facilitation{id=00000000-0000-0000-0000-0000000003e8 protocol=match-tsf sessions=1 consents=0 meetings=0 "+
		"affiliations=0 stepWork=0 service=0 slips=1 retractions=0}", f.String())
	assert.Equal(t, "twelvestep."+f.String(), fmt.Sprintf("%#v", f))
	assert.Equal(t, `"`+f.String()+`"`, fmt.Sprintf("%q", f))
	assert.Equal(t, "Slip{id=00000000-0000-0000-0000-000000000001 reason=self-report recordedByRole=clinician dates=[redacted]}", s.String())
	assert.Equal(t, "CleanTime{started=true journeyDays=323 streakDays=89 slips=1 reached=3 last=60-days next=90-days daysToNext=1 dates=[redacted]}", ct.String())
	assert.Equal(t, "CleanTime{tracked=false}", twelvestep.CleanTime{}.String())
	assert.Contains(t, f.Config().String(), "journeyStart=[redacted]")

	bad := twelvestep.Slip{Reason: "my wife saw me at the Crown", RecordedByRole: "x"}
	assert.NotContains(t, bad.String(), "Crown", "invalid enums are not echoed")
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "v", twelvestep.CleanTime{})
	assert.Contains(t, buf.String(), "v.tracked=false")

	// Errors carry paths and rules, never values.
	_, err := f.RecordSlip(twelvestep.Slip{ID: id(9), On: day(t, "2019-01-01"), Reason: "my wife saw me at the Crown"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Crown")
	assert.NotContains(t, err.Error(), "2019")
	_, err = f.RecordMeeting(twelvestep.Meeting{ID: id(9), Group: "St Mary's Tuesday", Fellowship: "x-Secret Group"})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Mary")
	assert.NotContains(t, err.Error(), "Secret")
	require.ErrorIs(t, err, intervention.ErrInvalid)
}
