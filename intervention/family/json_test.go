package family_test

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
	"github.com/recoverykit/psychosocial/intervention/family"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fullCRAFT returns a CRAFT therapy with every kind of CRAFT record.
func fullCRAFT(t testing.TB) *family.Therapy {
	t.Helper()
	th := craftTherapy(t)
	c := consent(t, 2, siblingID, "2025-01-02")
	c.Information = append(c.Information, intervention.InfoOther)
	c.Description = intervention.NewText(secret)
	c.RevokedOn = day(t, "2025-02-01")
	addMember(t, th, member(siblingID, intervention.RoleSibling, c))
	_, err := th.RecordDVScreen(dvScreen(t, 20, csoID, "2025-01-06", family.DVRiskNotIdentified, false))
	require.NoError(t, err)
	s := craftSession(t, 10, "2025-01-06", family.CRAFTInformingMotivating, family.CRAFTCommunicationSkills)
	s.Session.Participants = append(s.Session.Participants, absent(siblingID, intervention.RoleSibling, intervention.AttendanceNoShow))
	s.Session.Topics = []string{"craft.ch2"}
	addSession(t, th, s)
	addSession(t, th, craftSession(t, 11, "2025-01-13", family.CRAFTInvitingIP))
	_, err = th.RecordInvitation(family.Invitation{ID: id(40), By: csoID, On: day(t, "2025-01-14"), Outcome: family.InvitationAccepted})
	require.NoError(t, err)
	_, err = th.RecordTreatmentEntry(day(t, "2025-01-20"))
	require.NoError(t, err)
	_, err = th.RecordStrain(checkIn(t, 60, csoID, "2025-01-13", 8))
	require.NoError(t, err)
	return th
}

// fullBCT returns a BCT therapy with a contract and calendar.
func fullBCT(t testing.TB) *family.Therapy {
	t.Helper()
	th := bctTherapy(t)
	_, err := th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion, family.ItemUrineScreen))
	require.NoError(t, err)
	_, err = th.AddContract(contract(t, 31, "2025-01-20", family.ItemTrustDiscussion))
	require.NoError(t, err)
	addSession(t, th, conjoint(10, at(t, "2025-01-06"), family.BCTRecoveryContract))
	for _, e := range []family.CalendarEntry{
		{Day: day(t, "2025-01-06"), Item: family.ItemTrustDiscussion, Status: family.DayDone},
		{Day: day(t, "2025-01-06"), Item: family.ItemUrineScreen, Status: family.DayMissed},
		{Day: day(t, "2025-01-21"), Item: family.ItemTrustDiscussion, Status: family.DayDone},
	} {
		_, err := th.RecordDay(e)
		require.NoError(t, err)
	}
	return th
}

func TestTherapyJSONGolden(t *testing.T) {
	for name, build := range map[string]func(testing.TB) *family.Therapy{"craft": fullCRAFT, "bct": fullBCT} {
		t.Run(name, func(t *testing.T) {
			got, err := wiretest.MarshalIndent(build(t), "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got)) // byte-exact: key order is part of the contract
		})
	}
}

func TestTherapyJSONRoundTrip(t *testing.T) {
	la := mustLoad(t, "America/Los_Angeles")
	mdft, err := family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelMDFT, PlannedSessions: 20,
		Location: la, Strain: family.StrainPolicy{ScaleMin: 1, ScaleMax: 5, Threshold: 4, Consecutive: 3}})
	require.NoError(t, err)
	addMember(t, mdft, member(parentID, intervention.RoleParent, consent(t, 1, parentID, "2025-01-02")))
	s := session(10, t0, 60, present(parentID, intervention.RoleParent, 60))
	s.MDFTStage, s.MDFTDomains = family.MDFTBuildFoundation, []family.MDFTDomain{family.MDFTParent}
	addSession(t, mdft, s)

	for name, th := range map[string]*family.Therapy{"craft": fullCRAFT(t), "bct": fullBCT(t), "mdft": mdft, "empty": newTherapy(t, family.ModelFFT, 0)} {
		t.Run(name, func(t *testing.T) {
			b, err := wiretest.Marshal(th)
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(b, []byte(`{"schemaVersion":"1",`)))
			back, err := family.ParseTherapy(b)
			require.NoError(t, err)
			b2, err := wiretest.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(b2), "byte-identical")
			asOf := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
			assert.Equal(t, th.Progress(asOf), back.Progress(asOf))
			assert.Equal(t, th.Findings(asOf), back.Findings(asOf))
			assert.Equal(t, th.Config().Location.String(), back.Config().Location.String())

			var into family.Therapy
			require.NoError(t, json.Unmarshal(b, &into))
			assert.Equal(t, th.String(), into.String())
		})
	}
}

func TestTherapyJSONErrors(t *testing.T) {
	good, err := wiretest.Marshal(fullCRAFT(t))
	require.NoError(t, err)
	doc := string(good)
	replace := func(old, repl string) string {
		require.Contains(t, doc, old)
		return strings.Replace(doc, old, repl, 1)
	}
	tests := []struct {
		name string
		doc  string
		path string
		rule error
	}{
		{"syntax", `{"schemaVersion":`, "", family.ErrMalformedJSON},
		{"unknown key", replace(`"model":"craft"`, `"model":"craft","notes":"x"`), "", family.ErrMalformedJSON},
		{"trailing data", doc + `{}`, "", family.ErrMalformedJSON},
		{"wrong type", replace(`"plannedSessions":12`, `"plannedSessions":"12"`), "", family.ErrMalformedJSON},
		{"schema version", replace(`"schemaVersion":"1"`, `"schemaVersion":"2"`), "schemaVersion", family.ErrSchemaVersion},
		{"time zone", replace(`"timeZone":"UTC"`, `"timeZone":"Mars/Olympus"`), "timeZone", intervention.ErrUnknownValue},
		{"local time zone", replace(`"timeZone":"UTC"`, `"timeZone":"Local"`), "timeZone", intervention.ErrUnknownValue},
		{"zero strain", replace(`"strain":{"scaleMin":0,"scaleMax":10,"threshold":7,"consecutive":2}`,
			`"strain":{"scaleMin":0,"scaleMax":0,"threshold":0,"consecutive":0}`), "strain", intervention.ErrMissing},
		{"unknown model", replace(`"model":"craft"`, `"model":"cbt"`), "", family.ErrUnknownModel},
		{"config", replace(`"plannedSessions":12`, `"plannedSessions":-1`), "plannedSessions", intervention.ErrOutOfRange},
		{"repeated member", replace(`"members":[`, `"members":[{"id":"00000000-0000-0000-0000-0000000003eb","role":"concerned-significant-other","consents":[]},`),
			"members[1].id", intervention.ErrDuplicate},
		{"member role", replace(`"role":"sibling"`, `"role":"clinician"`), "members[1].role", family.ErrNotFamily},
		{"key without name", replace(`"dvScreens":`, ``), "", family.ErrMalformedJSON},
		{"unknown invitation outcome", replace(`"outcome":"accepted"`, `"outcome":"yes"`), "", family.ErrUnknownInvitationOutcome},
		{"strain out of range", replace(`"rating":8`, `"rating":80`), "strainCheckIns[0].rating", intervention.ErrOutOfRange},
		{"session before consent", replace(`"signedOn":"2025-01-02","signedBy":"patient"}]},{"id":"00000000-0000-0000-0000-0000000003ee"`,
			`"signedOn":"2025-01-08","signedBy":"patient"}]},{"id":"00000000-0000-0000-0000-0000000003ee"`),
			"sessions[0].session.participants[0]", family.ErrConsentRequired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := family.ParseTherapy([]byte(tc.doc))
			require.ErrorIs(t, err, intervention.ErrInvalid)
			require.ErrorIs(t, err, tc.rule)
			if tc.path != "" {
				requireField(t, err, tc.path, tc.rule)
			}
			th := fullBCT(t)
			before := th.String()
			require.Error(t, json.Unmarshal([]byte(tc.doc), th))
			assert.Equal(t, before, th.String(), "a failed decode changes nothing")
		})
	}

	th := fullBCT(t)
	require.NoError(t, json.Unmarshal([]byte(`null`), th))
	assert.Len(t, th.Contracts(), 2, "null is a no-op")

	var zero family.Therapy
	_, err = wiretest.Marshal(&zero)
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

func TestTherapyJSONReplayDuplicates(t *testing.T) {
	b, err := wiretest.Marshal(fullBCT(t))
	require.NoError(t, err)
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &doc))
	var cal []json.RawMessage
	require.NoError(t, json.Unmarshal(doc["calendar"], &cal))
	doc["calendar"], err = wiretest.Marshal(append(cal, cal[0]))
	require.NoError(t, err)
	var sessions []json.RawMessage
	require.NoError(t, json.Unmarshal(doc["sessions"], &sessions))
	doc["sessions"], err = wiretest.Marshal(append(sessions, sessions[0]))
	require.NoError(t, err)
	dup, err := wiretest.Marshal(doc)
	require.NoError(t, err)
	_, err = family.ParseTherapy(dup)
	assert.ElementsMatch(t, []string{"calendar[3].day", "sessions[1].session.id"}, paths(err))
}

// TestSchemaEvolution holds the document to docs/schema-evolution.md.
func TestSchemaEvolution(t *testing.T) {
	parse := func(b []byte) error { _, err := family.ParseTherapy(b); return err }
	wiretest.EvolutionFile(t, filepath.Join("testdata", "bct.golden.json"), family.SchemaVersion, parse, family.ErrSchemaVersion)
}
