package twelvestep_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
)

var update = flag.Bool("update", false, "rewrite golden files")

// course returns a MATCH TSF component in Los Angeles with a record of
// every kind.
func course(t testing.TB) *twelvestep.Facilitation {
	t.Helper()
	la := losAngeles(t)
	cfg := config(twelvestep.MATCHTSF())
	cfg.Location = la
	cfg.JourneyStart = day(t, "2024-12-20")
	f := newFacilitation(t, cfg)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, la) }
	record(t)(f.RecordConsent(consent(t, 900, intervention.RecipientID(partnerID), "2025-01-02")))
	record(t)(f.AddSession(session(1, at(1, 6, 9), "match-tsf.introduction")))
	record(t)(f.AddSession(session(2, at(1, 13, 9), "match-tsf.acceptance")))
	record(t)(f.AddSession(conjoint(3, at(1, 20, 9), "match-tsf.conjoint-enabling")))
	record(t)(f.AddSession(missed(4, at(1, 27, 9), intervention.AttendanceNoShow)))
	m := meeting(10, at(1, 7, 19))
	m.Group = "grp-17"
	record(t)(f.RecordMeeting(m))
	online := meeting(11, at(1, 8, 7))
	online.Fellowship, online.Venue, online.Types = twelvestep.FellowshipNA, twelvestep.VenueOnline, nil
	online.Verification, online.VerifiedBy = twelvestep.VerificationVerified, clinicianID
	record(t)(f.RecordMeeting(online))
	record(t)(f.RecordAffiliation(twelvestep.Affiliation{
		ID: id(20), On: day(t, "2025-01-13"), Fellowship: twelvestep.FellowshipAA, SelfIdentifies: true,
		HasSponsor: true, SponsorSince: day(t, "2025-01-10"), TemporarySponsor: true, HomeGroup: "grp-17",
	}))
	record(t)(f.RecordStepWork(twelvestep.StepWork{ID: id(30), Step: 1, Status: twelvestep.StepCompleted, On: day(t, "2025-01-20")}))
	record(t)(f.AddService(twelvestep.ServiceCommitment{ID: id(40), Fellowship: twelvestep.FellowshipAA, Role: "coffee", Group: "grp-17", Start: day(t, "2025-01-14")}))
	record(t)(f.EndService(id(40), day(t, "2025-02-14")))
	s := slip(t, 50, "2025-01-02", at(1, 3, 10))
	s.Reason, s.Evidence = twelvestep.SlipPositiveTest, id(77)
	record(t)(f.RecordSlip(s))
	record(t)(f.RecordSlip(slip(t, 51, "2025-01-15", at(1, 16, 10))))
	record(t)(f.RetractSlip(twelvestep.SlipRetraction{
		ID: id(60), Slip: id(50), Reason: twelvestep.RetractionTestNotConfirmed,
		RecordedBy: clinicianID, RecordedByRole: intervention.RoleClinician, RecordedAt: at(1, 6, 12),
	}))
	return f
}

func TestJSONGolden(t *testing.T) {
	got, err := wiretest.MarshalIndent(course(t), "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "facilitation.golden.json")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got)) // byte-exact: key order is part of the contract
}

func TestJSONRoundTrip(t *testing.T) {
	c := course(t)
	b, err := wiretest.Marshal(c)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte(`{"schemaVersion":"1",`)))
	back, err := twelvestep.ParseFacilitation(b)
	require.NoError(t, err)
	b2, err := wiretest.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2), "byte-identical round trip")
	assert.Equal(t, "America/Los_Angeles", back.Config().Location.String())
	asOf := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, c.Progress(asOf), back.Progress(asOf))
	assert.Equal(t, c.Findings(asOf), back.Findings(asOf))
	assert.Equal(t, c.Summary(asOf), back.Summary(asOf))

	var into twelvestep.Facilitation
	require.NoError(t, json.Unmarshal(b, &into))
	assert.Equal(t, c.String(), into.String())

	// A minimal component round-trips too, with empty lists.
	m := newFacilitation(t, config(twelvestep.MAAEZ()))
	mb, err := wiretest.Marshal(m)
	require.NoError(t, err)
	assert.Contains(t, string(mb), `"sessions":[]`)
	assert.NotContains(t, string(mb), "journeyStart")
	mback, err := twelvestep.ParseFacilitation(mb)
	require.NoError(t, err)
	mb2, err := wiretest.Marshal(mback)
	require.NoError(t, err)
	assert.Equal(t, string(mb), string(mb2))
}

func TestJSONErrors(t *testing.T) {
	good, err := wiretest.Marshal(course(t))
	require.NoError(t, err)
	edit := func(f func(map[string]any)) []byte {
		var d map[string]any
		require.NoError(t, json.Unmarshal(good, &d))
		f(d)
		b, err := wiretest.Marshal(d)
		require.NoError(t, err)
		return b
	}
	first := func(d map[string]any, list string) map[string]any {
		l, ok := d[list].([]any)
		require.True(t, ok)
		m, ok := l[0].(map[string]any)
		require.True(t, ok)
		return m
	}
	dup := func(list string) func(map[string]any) {
		return func(d map[string]any) {
			l, ok := d[list].([]any)
			require.True(t, ok)
			d[list] = append(l, l[0])
		}
	}
	tests := []struct {
		name string
		doc  []byte
		path string
		rule error
	}{
		{"schema version", edit(func(d map[string]any) { d["schemaVersion"] = "2" }), "schemaVersion", twelvestep.ErrSchemaVersion},
		{"no schema version", edit(func(d map[string]any) { delete(d, "schemaVersion") }), "schemaVersion", twelvestep.ErrSchemaVersion},
		{"unknown time zone", edit(func(d map[string]any) { d["timeZone"] = "Mars/Olympus" }), "timeZone", intervention.ErrUnknownValue},
		{"local time zone", edit(func(d map[string]any) { d["timeZone"] = "Local" }), "timeZone", intervention.ErrUnknownValue},
		{"empty time zone", edit(func(d map[string]any) { d["timeZone"] = "" }), "timeZone", intervention.ErrUnknownValue},
		{"missing milestones", edit(func(d map[string]any) { delete(d, "milestones") }), "milestones", intervention.ErrMissing},
		{"missing target", edit(func(d map[string]any) { delete(d, "attendanceTarget") }), "attendanceTarget", intervention.ErrMissing},
		{"missing window", edit(func(d map[string]any) { delete(d, "involvementWindowDays") }), "involvementWindowDays", intervention.ErrMissing},
		{"missing purposes", edit(func(d map[string]any) { d["consentPurposes"] = []any{} }), "consentPurposes", intervention.ErrMissing},
		{"bad config", edit(func(d map[string]any) { d["patient"] = "00000000-0000-0000-0000-000000000000" }), "patient", intervention.ErrMissing},
		{"bad curriculum", edit(func(d map[string]any) {
			c, _ := d["curriculum"].(map[string]any)
			c["sessions"] = 13
		}), "curriculum.sessions", twelvestep.ErrCurriculum},
		{"session topic not in curriculum", edit(func(d map[string]any) { first(d, "sessions")["topics"] = []any{"maaez.introduction"} }), "sessions[0].topics[0]", twelvestep.ErrUnknownTopic},
		{"duplicate session", edit(dup("sessions")), "sessions[4].id", intervention.ErrDuplicate},
		{"duplicate consent", edit(dup("consents")), "consents[1].id", intervention.ErrDuplicate},
		{"consent of another patient", edit(func(d map[string]any) { first(d, "consents")["patient"] = "00000000-0000-0000-0000-000000000063" }), "consents[0].patient", intervention.ErrInconsistent},
		{"duplicate meeting", edit(dup("meetings")), "meetings[2].id", intervention.ErrDuplicate},
		{"bad meeting", edit(func(d map[string]any) { first(d, "meetings")["venue"] = "hybrid" }), "", twelvestep.ErrUnknownVenue},
		{"meeting verified by nobody", edit(func(d map[string]any) { first(d, "meetings")["verification"] = "verified" }), "meetings[0].verifiedBy", intervention.ErrMissing},
		{"duplicate affiliation", edit(dup("affiliations")), "affiliations[1].id", intervention.ErrDuplicate},
		{"bad affiliation", edit(func(d map[string]any) { first(d, "affiliations")["hasSponsor"] = false }), "affiliations[0].sponsorSince", intervention.ErrInconsistent},
		{"duplicate step work", edit(dup("stepWork")), "stepWork[1].id", intervention.ErrDuplicate},
		{"bad step", edit(func(d map[string]any) { first(d, "stepWork")["step"] = 13 }), "stepWork[0].step", intervention.ErrOutOfRange},
		{"duplicate service", edit(dup("service")), "service[1].id", intervention.ErrDuplicate},
		{"bad service", edit(func(d map[string]any) { first(d, "service")["end"] = "2025-01-01" }), "service[0].end", intervention.ErrInconsistent},
		{"duplicate slip", edit(dup("slips")), "slips[2].id", intervention.ErrDuplicate},
		{"slip before the journey", edit(func(d map[string]any) { first(d, "slips")["on"] = "2024-12-01" }), "slips[0].on", intervention.ErrInconsistent},
		{"no journey for the slips", edit(func(d map[string]any) { delete(d, "journeyStart") }), "slips[0].on", twelvestep.ErrNoJourney},
		{"duplicate retraction", edit(dup("retractions")), "retractions[1].id", intervention.ErrDuplicate},
		{"retraction of an unknown slip", edit(func(d map[string]any) { first(d, "retractions")["slip"] = "00000000-0000-0000-0000-000000000063" }), "retractions[0].slip", twelvestep.ErrNotRecorded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := twelvestep.ParseFacilitation(tt.doc)
			if tt.path == "" {
				require.ErrorIs(t, err, tt.rule)
				require.ErrorIs(t, err, intervention.ErrInvalid)
			} else {
				requireField(t, err, tt.path, tt.rule)
			}
			c := course(t)
			before, err := wiretest.Marshal(c)
			require.NoError(t, err)
			require.Error(t, json.Unmarshal(tt.doc, c))
			after, err := wiretest.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after), "a failed decode changes nothing")
		})
	}

	for name, doc := range map[string]string{
		"not JSON":           `{"schemaVersion":`,
		"not an object":      `[1,2]`,
		"unknown key":        strings.Replace(string(good), `"schemaVersion":"1"`, `"schemaVersion":"1","note":"x"`, 1),
		"unknown nested key": strings.Replace(string(good), `"fellowship":"aa","types"`, `"fellowship":"aa","sponsorName":"Bob","types"`, 1),
		"wrong type":         strings.Replace(string(good), `"involvementWindowDays":90`, `"involvementWindowDays":"90"`, 1),
		"trailing data":      string(good) + `{}`,
		"bad enum":           strings.Replace(string(good), `"venue":"online"`, `"venue":"zoom"`, 1),
		"bad date":           strings.Replace(string(good), `"journeyStart":"2024-12-20"`, `"journeyStart":"2024-02-30"`, 1),
		"bad consent":        strings.Replace(string(good), `"purpose":"family-involvement"`, `"purpose":"gossip"`, 1),
		"null":               `null`,
	} {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, string(good), doc, "the edit applied")
			_, err := twelvestep.ParseFacilitation([]byte(doc))
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}

	var zero twelvestep.Facilitation
	_, err = wiretest.Marshal(&zero)
	require.ErrorIs(t, err, intervention.ErrInvalid)

	t.Run("null is a no-op", func(t *testing.T) {
		c := course(t)
		require.NoError(t, json.Unmarshal([]byte(`null`), c))
		assert.Len(t, c.Sessions(), 4)
	})
}

// TestSchemaEvolution holds the document to docs/schema-evolution.md.
func TestSchemaEvolution(t *testing.T) {
	parse := func(b []byte) error { _, err := twelvestep.ParseFacilitation(b); return err }
	wiretest.EvolutionFile(t, filepath.Join("testdata", "facilitation.golden.json"), twelvestep.SchemaVersion, parse, twelvestep.ErrSchemaVersion)
}
