package family_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// consentCase is one of the 22 consent cases of the adversarial suite
// (issue 14, hole 2 and its acceptance list): the consent of a registered
// relative (the sibling), how a family session on 2025-01-06 lists them,
// and the answer expected from Consent.PermitsDisclosure, from CanShare
// and from AddSession.
type consentCase struct {
	name string
	// edit changes the relative's valid consent; nil registers the
	// relative with no consent at all.
	edit func(t *testing.T, c *intervention.Consent)
	// listedAs is the role the session lists the relative with; zero is
	// the role they were registered with (sibling).
	listedAs intervention.Role
	// beside lists the consented CSO in the same session, before the
	// relative.
	beside bool
	// want is the consent's own answer for a family session
	// (PermitsDisclosure of intervention.FamilySessionInformation, with
	// the patient named), and CanShare's unless share is set.
	want intervention.ConsentReason
	// share is CanShare's and the session's reason when the consent
	// cannot be recorded (another patient's consent is refused at
	// AddMember, so the relative holds none).
	share intervention.ConsentReason
	// hole marks the cases that failed before consent followed the person
	// and checked the scope: recorded anyway (scope; beside a consented
	// relative, with or without a consent), refused only for the session's
	// format without the consent's reason (alone under another role), or
	// permitted by the consent itself (another patient's: the disclosure
	// did not name the patient).
	hole bool
}

// consentCases are the 22 consent cases, named as in the issue.
func consentCases() []consentCase {
	return []consentCase{
		{name: "valid", edit: (func(*testing.T, *intervention.Consent) {}), want: intervention.ConsentPermitted},
		{name: "expired", edit: (func(t *testing.T, c *intervention.Consent) {
			c.ExpiryEvent, c.ExpiresOn = "", day(t, "2025-01-05")
		}), want: intervention.ConsentExpired},
		{name: "expiring that day", edit: (func(t *testing.T, c *intervention.Consent) {
			c.ExpiryEvent, c.ExpiresOn = "", day(t, "2025-01-06")
		}), want: intervention.ConsentPermitted},
		{name: "expiry event that day", edit: (func(t *testing.T, c *intervention.Consent) {
			c.ExpiryEventOccurred = day(t, "2025-01-06")
		}), want: intervention.ConsentPermitted},
		{name: "expiry event the day before", edit: (func(t *testing.T, c *intervention.Consent) {
			c.ExpiryEventOccurred = day(t, "2025-01-05")
		}), want: intervention.ConsentExpired},
		{name: "revoked before", edit: (func(t *testing.T, c *intervention.Consent) {
			c.RevokedOn = day(t, "2025-01-03")
		}), want: intervention.ConsentRevoked},
		{name: "revoked on the day", edit: (func(t *testing.T, c *intervention.Consent) {
			c.RevokedOn = day(t, "2025-01-06")
		}), want: intervention.ConsentRevoked},
		{name: "wrong recipient", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientID(parentID)}
		}), want: intervention.ConsentWrongRecipient},
		{name: "class only", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientFamilyMember)}
		}), want: intervention.ConsentWrongRecipient},
		{name: "wrong purpose treatment-payment-operations", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Purpose = intervention.PurposeTPO
		}), want: intervention.ConsentWrongPurpose},
		{name: "wrong purpose legal-proceedings", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Purpose = intervention.PurposeLegalProceedings
		}), want: intervention.ConsentWrongPurpose},
		{name: "wrong purpose patient-request", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Purpose = intervention.PurposePatientRequest
		}), want: intervention.ConsentWrongPurpose},
		{name: "unsigned", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.SignedOn = intervention.Date{}
		}), want: intervention.ConsentNotSigned},
		{name: "signed after", edit: (func(t *testing.T, c *intervention.Consent) {
			c.SignedOn = day(t, "2025-01-07")
		}), want: intervention.ConsentNotYetSigned},
		{name: "another patient's", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Patient = id(77)
		}), want: intervention.ConsentWrongPatient, share: intervention.ConsentWrongRecipient, hole: true},
		{name: "scope counselling-notes-only", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoSUDCounselingNotes}
		}), want: intervention.ConsentInformationNotCovered, hole: true},
		{name: "scope CM-only", edit: (func(_ *testing.T, c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoCMRewards}
		}), want: intervention.ConsentInformationNotCovered, hole: true},
		{name: "registered relative listed as peer-supporter", listedAs: intervention.RolePeerSupporter,
			want: intervention.ConsentWrongRecipient, hole: true},
		{name: "registered relative listed as peer-supporter beside a consented relative", listedAs: intervention.RolePeerSupporter,
			beside: true, want: intervention.ConsentWrongRecipient, hole: true},
		{name: "registered relative listed as clinician", listedAs: intervention.RoleClinician,
			want: intervention.ConsentWrongRecipient, hole: true},
		{name: "registered relative listed as clinician beside a consented relative", listedAs: intervention.RoleClinician,
			beside: true, want: intervention.ConsentWrongRecipient, hole: true},
		{name: "consented relative listed as peer-supporter", edit: (func(*testing.T, *intervention.Consent) {}),
			listedAs: intervention.RolePeerSupporter, beside: true, want: intervention.ConsentPermitted, hole: true},
	}
}

// TestConsentCases runs the 22 consent cases through every gate a family
// session passes: the consent's own answer, CanShare and AddSession, which
// must agree (reference: plans-and-interop.md §5.5, rules P-CONSENT-1..3;
// 42 CFR §2.31). Consent follows the person by ID whatever role the
// session lists, and a family session discloses
// intervention.FamilySessionInformation, which a consent scoped to SUD
// counselling notes only or to CM rewards only does not cover.
func TestConsentCases(t *testing.T) {
	cases := consentCases()
	require.Len(t, cases, 22, "the issue's 22 consent cases")
	sessionDay := day(t, "2025-01-06")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.hole {
				t.Log("a hole closed by issue 14: this case failed before")
			}
			th := newTherapy(t, family.ModelGeneric, 12)
			addMember(t, th, member(csoID, intervention.RoleConcernedSignificantOther, consent(t, 1, csoID, "2025-01-02")))
			share := tc.want
			if tc.share != "" {
				share = tc.share
			}

			relative := member(siblingID, intervention.RoleSibling)
			if tc.edit != nil {
				c := consent(t, 2, siblingID, "2025-01-02")
				tc.edit(t, &c)
				require.NoError(t, c.Validate(), "each case's consent is itself valid")
				ok, why := c.PermitsDisclosure(intervention.Disclosure{
					Patient: patientID, Recipient: intervention.RecipientID(siblingID),
					Purpose:     intervention.PurposeFamilyInvolvement,
					Information: []intervention.InfoCategory{intervention.FamilySessionInformation}, AsOf: sessionDay,
				})
				assert.Equal(t, tc.want, why, "the consent's own answer")
				assert.Equal(t, why == intervention.ConsentPermitted, ok)
				relative.Consents = []intervention.Consent{c}
			}
			if tc.want == intervention.ConsentWrongPatient {
				_, err := th.AddMember(relative)
				requireField(t, err, "consents[0].patient", intervention.ErrInconsistent)
				relative.Consents = nil
			}
			addMember(t, th, relative)

			ok, why := th.CanShare(siblingID, sessionDay)
			assert.Equal(t, share, why, "CanShare")
			assert.Equal(t, share == intervention.ConsentPermitted, ok)

			listedAs := tc.listedAs
			if listedAs == "" {
				listedAs = intervention.RoleSibling
			}
			var ps []intervention.SessionParticipant
			if tc.beside {
				ps = append(ps, present(csoID, intervention.RoleConcernedSignificantOther, 60))
			}
			ps = append(ps, present(siblingID, listedAs, 60))
			at := intervention.Index("session.participants", len(ps)-1)
			s := session(10, t0, 60, ps...)
			_, _, err := th.AddSession(s)

			if share == intervention.ConsentPermitted && listedAs == intervention.RoleSibling {
				require.NoError(t, err)
				assert.Len(t, th.Sessions(), 1)
				return
			}
			require.Error(t, err, "refused")
			assert.Empty(t, th.Sessions(), "a refused session changes nothing")
			assert.NotContains(t, err.Error(), siblingID.String(), "no ID in the error")
			assert.NotContains(t, err.Error(), patientID.String(), "no ID in the error")
			var ce *family.ConsentError
			if share == intervention.ConsentPermitted {
				assert.NotErrorAs(t, err, &ce, "the consent permits; only the role is wrong")
			} else {
				requireField(t, err, at, family.ErrConsentRequired)
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, share, ce.Reason, "the session is refused exactly as CanShare says")
				assert.Equal(t, siblingID, ce.Member)
			}
			if listedAs != intervention.RoleSibling {
				requireField(t, err, at+".role", intervention.ErrInconsistent)
			}
			wantErrs := 0
			if share != intervention.ConsentPermitted {
				wantErrs++
			}
			if listedAs != intervention.RoleSibling {
				wantErrs++
			}
			if !tc.beside && !listedAs.IsFamily() {
				// Alone under another role, nobody in the family session
				// has a family role: the format is refused as well.
				requireField(t, err, "session.participants", intervention.ErrFormatMismatch)
				wantErrs++
			}
			assert.Len(t, intervention.FieldErrors(err), wantErrs, "no error about the consented relative beside")
		})
	}
}

// A registered relative named as the session's clinician is refused like
// one listed with that role: consent follows the person.
func TestAddSessionRelativeAsSessionClinician(t *testing.T) {
	th := craftTherapy(t)
	addMember(t, th, member(siblingID, intervention.RoleSibling)) // no consent
	s := session(10, t0, 60, present(csoID, intervention.RoleConcernedSignificantOther, 60))
	s.Session.Clinician = siblingID
	_, _, err := th.AddSession(s)
	requireField(t, err, "session.clinician", family.ErrConsentRequired)
	var ce *family.ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, intervention.ConsentWrongRecipient, ce.Reason)
	assert.Empty(t, th.Sessions())

	s.Session.Clinician = csoID // consented, but not a clinician
	_, _, err = th.AddSession(s)
	requireField(t, err, "session.clinician", intervention.ErrInconsistent)
	assert.NotErrorAs(t, err, &ce)
	assert.Empty(t, th.Sessions())
}
