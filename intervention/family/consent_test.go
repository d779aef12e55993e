package family_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// A family member's attendance is refused unless a consent naming them
// permits family involvement on the session date (reference:
// plans-and-interop.md §5.5, rules P-CONSENT-1 and P-CONSENT-3).
func TestAddSessionConsent(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(c *intervention.Consent)
		reason intervention.ConsentReason // "" when permitted
	}{
		{name: "active consent permits", edit: func(*intervention.Consent) {}},
		{name: "signed on the session day permits", edit: func(c *intervention.Consent) { c.SignedOn = day(t, "2025-01-06") }},
		{name: "expiring on the session day permits", edit: func(c *intervention.Consent) {
			c.ExpiryEvent, c.ExpiresOn = "", day(t, "2025-01-06")
		}},
		{name: "revoked the day after permits", edit: func(c *intervention.Consent) { c.RevokedOn = day(t, "2025-01-07") }},
		{name: "expired the day before", reason: intervention.ConsentExpired, edit: func(c *intervention.Consent) {
			c.ExpiryEvent, c.ExpiresOn = "", day(t, "2025-01-05")
		}},
		{name: "expiry event occurred", reason: intervention.ConsentExpired, edit: func(c *intervention.Consent) {
			c.ExpiryEventOccurred = day(t, "2025-01-05")
		}},
		{name: "revoked on the session day", reason: intervention.ConsentRevoked, edit: func(c *intervention.Consent) {
			c.RevokedOn = day(t, "2025-01-06")
		}},
		{name: "revoked before", reason: intervention.ConsentRevoked, edit: func(c *intervention.Consent) {
			c.RevokedOn = day(t, "2025-01-03")
		}},
		{name: "names another member", reason: intervention.ConsentWrongRecipient, edit: func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientID(siblingID)}
		}},
		{name: "names only the class family-member", reason: intervention.ConsentWrongRecipient, edit: func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientFamilyMember)}
		}},
		{name: "signed after the session", reason: intervention.ConsentNotYetSigned, edit: func(c *intervention.Consent) {
			c.SignedOn = day(t, "2025-01-07")
		}},
		{name: "not signed", reason: intervention.ConsentNotSigned, edit: func(c *intervention.Consent) {
			c.SignedOn = intervention.Date{}
		}},
		{name: "another purpose", reason: intervention.ConsentWrongPurpose, edit: func(c *intervention.Consent) {
			c.Purpose = intervention.PurposeEmployment
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := newTherapy(t, family.ModelCRAFT, 0)
			c := consent(t, 1, csoID, "2025-01-02")
			tc.edit(&c)
			addMember(t, th, member(csoID, intervention.RoleConcernedSignificantOther, c))
			s := session(10, t0, 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))

			ok, why := th.CanShare(csoID, day(t, "2025-01-06"))
			bill, replayed, err := th.AddSession(s)
			assert.False(t, replayed)
			if tc.reason == "" {
				require.NoError(t, err)
				assert.True(t, ok)
				assert.Equal(t, intervention.ConsentPermitted, why)
				assert.Equal(t, "90846", bill.Code.String())
				assert.Len(t, th.Sessions(), 1)
				return
			}
			assert.False(t, ok)
			assert.Equal(t, tc.reason, why)
			requireField(t, err, "session.participants[0]", family.ErrConsentRequired)
			var ce *family.ConsentError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.reason, ce.Reason)
			assert.Equal(t, csoID, ce.Member)
			assert.Contains(t, err.Error(), string(tc.reason), "the error says why")
			assert.NotContains(t, err.Error(), csoID.String(), "no ID in the message")
			assert.Empty(t, th.Sessions(), "a refused session changes nothing")
			assert.False(t, bill.Billable())
		})
	}
}

func TestAddSessionConsentEveryListedMember(t *testing.T) {
	th := craftTherapy(t)
	revoked := consent(t, 2, siblingID, "2025-01-02")
	revoked.RevokedOn = day(t, "2025-01-04")
	addMember(t, th, member(siblingID, intervention.RoleSibling, revoked))
	addMember(t, th, member(parentID, intervention.RoleParent)) // no consent at all

	s := session(10, t0, 60,
		present(csoID, intervention.RoleConcernedSignificantOther, 60),
		absent(siblingID, intervention.RoleSibling, intervention.AttendanceNoShow),
		absent(parentID, intervention.RoleParent, intervention.AttendanceExcused))
	_, _, err := th.AddSession(s)
	assert.ElementsMatch(t, []string{"session.participants[1]", "session.participants[2]"}, paths(err))
	var ce *family.ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, intervention.ConsentRevoked, ce.Reason, "the first refusal is the sibling's")
	assert.Empty(t, th.Sessions())

	ok, why := th.CanShare(parentID, day(t, "2025-01-06"))
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentWrongRecipient, why, "no consent on file")
	ok, why = th.CanShare(id(999), day(t, "2025-01-06"))
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentWrongRecipient, why, "not a member")
}

func TestCanShareMostRelevantReason(t *testing.T) {
	asOf := "2025-01-10"
	expired := consent(t, 1, csoID, "2025-01-01")
	expired.ExpiryEvent, expired.ExpiresOn = "", day(t, "2025-01-05")
	revoked := consent(t, 2, csoID, "2025-01-03")
	revoked.RevokedOn = day(t, "2025-01-08")
	otherPurpose := consent(t, 3, csoID, "2025-01-09")
	otherPurpose.Purpose = intervention.PurposeEmployment
	valid := consent(t, 4, csoID, "2025-01-02")

	tests := []struct {
		name     string
		consents []intervention.Consent
		ok       bool
		reason   intervention.ConsentReason
	}{
		{"latest signed applicable consent wins", []intervention.Consent{revoked, expired}, false, intervention.ConsentRevoked},
		{"applicable beats a later inapplicable one", []intervention.Consent{expired, otherPurpose}, false, intervention.ConsentExpired},
		{"only inapplicable consents: the last one", []intervention.Consent{otherPurpose}, false, intervention.ConsentWrongPurpose},
		{"one permitting consent is enough", []intervention.Consent{revoked, valid, expired}, true, intervention.ConsentPermitted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := newTherapy(t, family.ModelGeneric, 0)
			addMember(t, th, member(csoID, intervention.RoleConcernedSignificantOther, tc.consents...))
			ok, why := th.CanShare(csoID, day(t, asOf))
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.reason, why)
		})
	}
}

func TestCanDisclose(t *testing.T) {
	th := craftTherapy(t)
	d := day(t, "2025-01-06")
	ok, why := th.CanDisclose(csoID, d, intervention.InfoAttendance, intervention.InfoProgress)
	assert.True(t, ok)
	assert.Equal(t, intervention.ConsentPermitted, why)
	ok, why = th.CanDisclose(csoID, d, intervention.InfoToxicologyResults)
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentInformationNotCovered, why)
	ok, why = th.CanDisclose(csoID, d, intervention.InfoSUDCounselingNotes)
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentCounselingNotesNeedSeparateConsent, why, "rule P-CONSENT-2")
	ok, why = th.CanDisclose(csoID, intervention.Date{}, intervention.InfoAttendance)
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentInvalid, why)
	ok, why = th.CanDisclose(csoID, d, "diary")
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentInvalid, why, "an unknown category")
}

func TestAddMember(t *testing.T) {
	th := newTherapy(t, family.ModelCRAFT, 0)
	m := member(csoID, intervention.RoleConcernedSignificantOther, consent(t, 1, csoID, "2025-01-02"))
	addMember(t, th, m)

	replayed, err := th.AddMember(m)
	require.NoError(t, err)
	assert.True(t, replayed, "the same member again is a no-op")
	replayed, err = th.AddMember(member(csoID, intervention.RoleConcernedSignificantOther))
	require.NoError(t, err)
	assert.True(t, replayed, "consents already recorded need not be repeated")

	more := member(csoID, intervention.RoleConcernedSignificantOther, consent(t, 5, csoID, "2025-02-01"))
	replayed, err = th.AddMember(more)
	require.NoError(t, err)
	assert.False(t, replayed, "a new consent is recorded")
	got, ok := th.Member(csoID)
	require.True(t, ok)
	assert.Len(t, got.Consents, 2)

	_, err = th.AddMember(member(csoID, intervention.RoleParent))
	requireField(t, err, "role", family.ErrConflict)

	tests := []struct {
		name string
		m    family.Member
		path string
		rule error
	}{
		{"patient role", member(siblingID, intervention.RolePatient), "role", family.ErrNotFamily},
		{"clinician role", member(siblingID, intervention.RoleClinician), "role", family.ErrNotFamily},
		{"unknown role", member(siblingID, "aunt"), "role", intervention.ErrUnknownRole},
		{"no id", member(uuid.Nil, intervention.RoleSibling), "id", intervention.ErrMissing},
		{"the patient", member(patientID, intervention.RoleSibling), "id", intervention.ErrInconsistent},
		{"invalid consent", member(siblingID, intervention.RoleSibling, intervention.Consent{}), "consents[0].id", intervention.ErrMissing},
		{"repeated consent", member(siblingID, intervention.RoleSibling,
			consent(t, 7, siblingID, "2025-01-02"), consent(t, 7, siblingID, "2025-01-02")), "consents[1].id", intervention.ErrDuplicate},
		{"another patient's consent", member(siblingID, intervention.RoleSibling, func() intervention.Consent {
			c := consent(t, 8, siblingID, "2025-01-02")
			c.Patient = id(77)
			return c
		}()), "consents[0].patient", intervention.ErrInconsistent},
		{"another member's consent ID", member(siblingID, intervention.RoleSibling, consent(t, 1, siblingID, "2025-01-02")),
			"consents[0].id", family.ErrConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := th.AddMember(tc.m)
			requireField(t, err, tc.path, tc.rule)
			_, ok := th.Member(tc.m.ID)
			assert.False(t, ok && tc.m.ID != csoID, "nothing recorded")
		})
	}
	assert.Len(t, th.Members(), 1)
}

func TestRecordConsent(t *testing.T) {
	th := craftTherapy(t)
	addSession(t, th, session(10, t0, 60, present(csoID, intervention.RoleConcernedSignificantOther, 60)))
	c := consent(t, 1, csoID, "2025-01-02")

	replayed, err := th.RecordConsent(csoID, c)
	require.NoError(t, err)
	assert.True(t, replayed)

	_, err = th.RecordConsent(id(999), c)
	requireField(t, err, "member", family.ErrNotRecorded)
	_, err = th.RecordConsent(csoID, intervention.Consent{})
	requireField(t, err, "id", intervention.ErrMissing)

	changed := c
	changed.Information = []intervention.InfoCategory{intervention.InfoAttendance}
	_, err = th.RecordConsent(csoID, changed)
	requireField(t, err, "id", family.ErrConflict)

	// A revocation dated on or before a session that relied on the consent
	// would rewrite history: refused (reliance, §2.31).
	early := c
	early.RevokedOn = day(t, "2025-01-06")
	_, err = th.RecordConsent(csoID, early)
	requireField(t, err, "consents", family.ErrConsentInUse)
	ok, _ := th.CanShare(csoID, day(t, "2025-01-08"))
	assert.True(t, ok, "the refused revocation changed nothing")

	// Revoked from 9 January: later sessions are refused (P-CONSENT-3).
	revoked := c
	revoked.RevokedOn = day(t, "2025-01-09")
	replayed, err = th.RecordConsent(csoID, revoked)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordConsent(csoID, revoked)
	require.NoError(t, err)
	assert.True(t, replayed)
	got, _ := th.Member(csoID)
	assert.Equal(t, day(t, "2025-01-09"), got.Consents[0].RevokedOn, "revocation date recorded")

	_, _, err = th.AddSession(session(11, at(t, "2025-01-09"), 60, present(csoID, intervention.RoleConcernedSignificantOther, 60)))
	var ce *family.ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, intervention.ConsentRevoked, ce.Reason)

	// The revocation date cannot move once recorded.
	moved := c
	moved.RevokedOn = day(t, "2025-01-10")
	_, err = th.RecordConsent(csoID, moved)
	requireField(t, err, "id", family.ErrConflict)

	// A new consent restores sharing.
	replayed, err = th.RecordConsent(csoID, consent(t, 3, csoID, "2025-01-10"))
	require.NoError(t, err)
	assert.False(t, replayed)
	_, _, err = th.AddSession(session(12, at(t, "2025-01-10"), 60, present(csoID, intervention.RoleConcernedSignificantOther, 60)))
	require.NoError(t, err)

	// Another patient's consent, or one recorded for another member.
	other := consent(t, 4, csoID, "2025-01-02")
	other.Patient = id(77)
	_, err = th.RecordConsent(csoID, other)
	requireField(t, err, "patient", intervention.ErrInconsistent)
	addMember(t, th, member(siblingID, intervention.RoleSibling))
	_, err = th.RecordConsent(siblingID, c)
	requireField(t, err, "id", family.ErrConflict)
}

func TestRecordConsentExpiryEvent(t *testing.T) {
	th := bctTherapy(t)
	_, err := th.AddContract(family.RecoveryContract{
		ID: id(30), Partner: partnerID, Start: day(t, "2025-01-06"), Items: []family.ContractItem{family.ItemTrustDiscussion},
	})
	require.NoError(t, err)
	c := consent(t, 2, partnerID, "2025-01-02")
	c.ExpiryEventOccurred = day(t, "2025-01-05")
	_, err = th.RecordConsent(partnerID, c)
	requireField(t, err, "consents", family.ErrConsentInUse)
	c.ExpiryEventOccurred = day(t, "2025-01-06")
	replayed, err := th.RecordConsent(partnerID, c)
	require.NoError(t, err)
	assert.False(t, replayed)
	ok, why := th.CanShare(partnerID, day(t, "2025-01-07"))
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentExpired, why)
}

func TestConsentErrorText(t *testing.T) {
	e := &family.ConsentError{Member: csoID, Reason: intervention.ConsentExpired}
	assert.Equal(t, "family: no consent permits disclosure to the member: expired", e.Error())
	require.ErrorIs(t, e, family.ErrConsentRequired)
	require.ErrorIs(t, e, intervention.ErrInvalid)
	bad := &family.ConsentError{Reason: "Ann Smith"}
	assert.NotContains(t, bad.Error(), "Ann", "an invalid reason is never echoed")
	require.ErrorIs(t, bad, family.ErrConsentRequired)
}
