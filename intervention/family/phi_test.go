package family_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// assertRedacted checks that no fmt verb or slog handler shows the secret.
func assertRedacted(t *testing.T, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, v)
		assert.NotContainsf(t, out, "Ann", "verb %s", verb)
		assert.NotContainsf(t, out, "Crown", "verb %s", verb)
	}
	for _, newHandler := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("recorded", "value", v)
		assert.NotContains(t, buf.String(), "Ann")
		assert.NotContains(t, buf.String(), "Crown")
	}
}

// Consent descriptions are PHI: they reach JSON (the storage form) and
// nothing else (DESIGN.md, "Privacy by construction").
func TestRedaction(t *testing.T) {
	th := fullCRAFT(t)
	b, err := wiretest.Marshal(th)
	require.NoError(t, err)
	require.Contains(t, string(b), secret, "the storage form keeps the text")

	assertRedacted(t, th)
	members := th.Members()
	assertRedacted(t, members)
	assertRedacted(t, members[1])

	assert.Equal(t, "Therapy{id=00000000-0000-0000-0000-0000000003e8 model=craft members=2 consents=2 sessions=2 "+
		"dvScreens=1 invitations=1 contracts=0 calendar=0 strainCheckIns=1}", th.String())
	assert.Equal(t, "family."+th.String(), fmt.Sprintf("%#v", th))
	assert.Equal(t, fmt.Sprintf("%q", th.String()), fmt.Sprintf("%q", th))
	assert.Contains(t, members[1].String(), "Member{id=00000000-0000-0000-0000-0000000003ee role=sibling consents=[Consent{")
	assert.Contains(t, members[1].String(), "description=[redacted]")
	assert.Equal(t, "family."+members[1].String(), fmt.Sprintf("%#v", members[1]))
	assert.Equal(t, "["+members[0].String()+" "+members[1].String()+"]", members.String())
	assert.Equal(t, "family.Members"+members.String(), fmt.Sprintf("%#v", members))

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("therapy", "t", th, "m", members[1])
	assert.Contains(t, buf.String(), `"model":"craft"`)
	assert.Contains(t, buf.String(), `"description":"[redacted]"`)

	bad := family.Member{Participant: intervention.Participant{ID: csoID, Role: "Ann's husband"}}
	assert.NotContains(t, bad.String(), "Ann", "an invalid role is never echoed")
	var zero family.Therapy
	assert.Contains(t, zero.String(), "model=(invalid)")
}

// Errors never carry the consent text or the member's ID.
func TestErrorsCarryNoValues(t *testing.T) {
	th := fullCRAFT(t)
	late := craftSession(t, 12, "2025-02-03")
	late.Session.Participants = append(late.Session.Participants, present(siblingID, intervention.RoleSibling, 60))
	_, _, err := th.AddSession(late)
	require.ErrorIs(t, err, family.ErrConsentRequired)
	assert.NotContains(t, err.Error(), "Ann")
	assert.NotContains(t, err.Error(), siblingID.String())
	assert.Contains(t, err.Error(), "session.participants[1]")
	assert.Contains(t, err.Error(), "revoked")
}
