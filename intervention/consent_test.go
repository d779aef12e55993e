package intervention_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// Fixed IDs and a PHI marker that must never leak.
var (
	consentTestID = uuid.MustParse("00000000-0000-4000-8000-00000000c001")
	consentTestPt = uuid.MustParse("00000000-0000-4000-8000-00000000c002")
	consentTestMo = uuid.MustParse("00000000-0000-4000-8000-00000000c003") // the patient's mother
	consentTestOt = uuid.MustParse("00000000-0000-4000-8000-00000000c004") // someone else
	consentTestPg = uuid.MustParse("00000000-0000-4000-8000-00000000c005") // a program
)

const consentSecret = "SECRET-Jane-Doe-relapse-history"

func consentDay(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// familyConsent is a signed consent letting the program share the treatment
// plan and attendance with the patient's mother for family involvement,
// from 2025-01-06 through 2025-06-30 or the end of treatment.
func familyConsent(t testing.TB) intervention.Consent {
	t.Helper()
	return intervention.Consent{
		ID:          consentTestID,
		Patient:     consentTestPt,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance},
		Description: intervention.NewText(consentSecret),
		Recipients:  []intervention.Recipient{intervention.RecipientID(consentTestMo)},
		Purpose:     intervention.PurposeFamilyInvolvement,
		ExpiresOn:   consentDay(t, "2025-06-30"),
		ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
		SignedOn:    consentDay(t, "2025-01-06"),
		SignedBy:    intervention.SignerPatient,
	}
}

// tpoConsent is the single TPO consent of the 2024 Final Rule.
func tpoConsent(t testing.TB) intervention.Consent {
	t.Helper()
	return intervention.Consent{
		ID:          consentTestID,
		Patient:     consentTestPt,
		Disclosers:  []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)},
		Information: []intervention.InfoCategory{intervention.InfoAllSUDRecords},
		Recipients:  intervention.TPORecipients(),
		Purpose:     intervention.PurposeTPO,
		ExpiryEvent: intervention.ExpiryEventNone,
		SignedOn:    consentDay(t, "2025-01-06"),
		SignedBy:    intervention.SignerGuardian,
	}
}

func notesConsent(t testing.TB) intervention.Consent {
	t.Helper()
	c := familyConsent(t)
	c.Information = []intervention.InfoCategory{intervention.InfoSUDCounselingNotes}
	return c
}

// cloneConsent returns a deep copy of c.
func cloneConsent(c intervention.Consent) intervention.Consent {
	c.Disclosers = slices.Clone(c.Disclosers)
	c.Information = slices.Clone(c.Information)
	c.Recipients = slices.Clone(c.Recipients)
	return c
}

type consentPathRule struct {
	path string
	rule error
}

// consentFieldErrors returns the field paths in err, in order.
func consentFieldErrors(err error) []string {
	var paths []string
	for _, fe := range intervention.FieldErrors(err) {
		paths = append(paths, fe.Field)
	}
	return paths
}

func TestConsentValidateValid(t *testing.T) {
	unsigned := familyConsent(t)
	unsigned.SignedOn, unsigned.SignedBy = intervention.Date{}, ""
	expectedSigner := unsigned
	expectedSigner.SignedBy = intervention.SignerGuardian
	treatmentNone := tpoConsent(t)
	treatmentNone.Purpose = intervention.PurposeTreatment
	other := familyConsent(t)
	other.Information = []intervention.InfoCategory{intervention.InfoOther}
	byID := familyConsent(t)
	byID.Disclosers = []intervention.Discloser{intervention.DiscloserID(consentTestPg), intervention.DiscloserOfClass(intervention.DiscloserTreatingProviders)}
	sameDay := familyConsent(t)
	sameDay.ExpiresOn = sameDay.SignedOn
	sameDay.RevokedOn = sameDay.SignedOn
	sameDay.ExpiryEventOccurred = sameDay.SignedOn
	dateOnly := familyConsent(t)
	dateOnly.ExpiryEvent = ""
	eventOnly := familyConsent(t)
	eventOnly.ExpiresOn = intervention.Date{}
	tpoWithID := tpoConsent(t)
	tpoWithID.Recipients = append(tpoWithID.Recipients, intervention.RecipientID(consentTestOt))

	for name, c := range map[string]intervention.Consent{
		"family":                          familyConsent(t),
		"tpo with none":                   tpoConsent(t),
		"treatment only with none":        treatmentNone,
		"unsigned draft":                  unsigned,
		"unsigned with expected signer":   expectedSigner,
		"counseling notes alone":          notesConsent(t),
		"other with description":          other,
		"disclosers by id and class":      byID,
		"signed revoked expired same day": sameDay,
		"date only":                       dateOnly,
		"event only":                      eventOnly,
		"tpo naming a recipient by id":    tpoWithID,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, c.Validate())
		})
	}
}

func TestConsentValidate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(c *intervention.Consent)
		want   []consentPathRule
	}{
		{"zero consent", func(c *intervention.Consent) { *c = intervention.Consent{} }, []consentPathRule{
			{"id", intervention.ErrMissing},
			{"patient", intervention.ErrMissing},
			{"disclosers", intervention.ErrMissing},
			{"information", intervention.ErrMissing},
			{"recipients", intervention.ErrMissing},
			{"purpose", intervention.ErrMissing},
			{"expiresOn", intervention.ErrMissing},
		}},
		{"unknown purpose", func(c *intervention.Consent) { c.Purpose = "gossip" }, []consentPathRule{
			{"purpose", intervention.ErrUnknownPurpose},
		}},
		{"discloser problems", func(c *intervention.Consent) {
			c.Disclosers = []intervention.Discloser{
				{},
				{ID: consentTestPg, Class: intervention.DiscloserProgram},
				{Class: "anyone"},
				intervention.DiscloserID(consentTestPg),
				intervention.DiscloserID(consentTestPg),
			}
		}, []consentPathRule{
			{"disclosers[0]", intervention.ErrMissing},
			{"disclosers[1]", intervention.ErrIDAndClass},
			{"disclosers[2].class", intervention.ErrUnknownDiscloserClass},
			{"disclosers[4]", intervention.ErrDuplicate},
		}},
		{"recipient problems", func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{
				intervention.RecipientID(consentTestMo),
				{Class: "neighbours"},
				{},
				{ID: consentTestOt, Class: intervention.RecipientFamilyMember},
				intervention.RecipientOfClass(intervention.RecipientOther),
				intervention.RecipientID(consentTestMo),
			}
		}, []consentPathRule{
			{"recipients[1].class", intervention.ErrUnknownRecipientClass},
			{"recipients[2]", intervention.ErrMissing},
			{"recipients[3]", intervention.ErrIDAndClass},
			{"recipients[4].class", intervention.ErrVagueRecipient},
			{"recipients[5]", intervention.ErrDuplicate},
		}},
		{"tpo consent naming non-tpo classes", func(c *intervention.Consent) {
			*c = tpoConsent(t)
			c.Recipients = append(c.Recipients,
				intervention.RecipientOfClass(intervention.RecipientFamilyMember),
				intervention.RecipientOfClass(intervention.RecipientEmployer))
		}, []consentPathRule{
			{"recipients[4].class", intervention.ErrRecipientNotTPO},
			{"recipients[5].class", intervention.ErrRecipientNotTPO},
		}},
		{"payment consent naming a court", func(c *intervention.Consent) {
			c.Purpose = intervention.PurposePayment
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientCourt)}
		}, []consentPathRule{{"recipients[0].class", intervention.ErrRecipientNotTPO}}},
		{"counseling notes combined", func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoSUDCounselingNotes, intervention.InfoAttendance}
		}, []consentPathRule{{"information", intervention.ErrCounselingNotesCombined}}},
		{"counseling notes with all records", func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoAllSUDRecords, intervention.InfoSUDCounselingNotes}
		}, []consentPathRule{{"information", intervention.ErrCounselingNotesCombined}}},
		{"information problems", func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoAttendance, "gossip", intervention.InfoAttendance, intervention.InfoOther}
			c.Description = intervention.NewText(" \t")
		}, []consentPathRule{
			{"information[1]", intervention.ErrUnknownInfoCategory},
			{"information[2]", intervention.ErrDuplicate},
			{"description", intervention.ErrMissing},
		}},
		{"expiry none for non-tpo purpose", func(c *intervention.Consent) {
			c.ExpiresOn, c.ExpiryEvent = intervention.Date{}, intervention.ExpiryEventNone
		}, []consentPathRule{{"expiryEvent", intervention.ErrExpiryNoneNotTPO}}},
		{"expiry none with a date", func(c *intervention.Consent) {
			*c = tpoConsent(t)
			c.ExpiresOn = consentDay(t, "2026-01-01")
		}, []consentPathRule{{"expiresOn", intervention.ErrInconsistent}}},
		{"no expiry", func(c *intervention.Consent) {
			c.ExpiresOn, c.ExpiryEvent = intervention.Date{}, ""
		}, []consentPathRule{{"expiresOn", intervention.ErrMissing}}},
		{"unknown expiry event", func(c *intervention.Consent) { c.ExpiryEvent = "whenever" }, []consentPathRule{
			{"expiryEvent", intervention.ErrUnknownExpiryEvent},
		}},
		{"event occurred without event", func(c *intervention.Consent) {
			c.ExpiryEvent = ""
			c.ExpiryEventOccurred = consentDay(t, "2025-03-01")
		}, []consentPathRule{{"expiryEventOccurred", intervention.ErrInconsistent}}},
		{"event occurred for none", func(c *intervention.Consent) {
			*c = tpoConsent(t)
			c.ExpiryEventOccurred = consentDay(t, "2025-03-01")
		}, []consentPathRule{{"expiryEventOccurred", intervention.ErrInconsistent}}},
		{"signed without signer", func(c *intervention.Consent) { c.SignedBy = "" }, []consentPathRule{
			{"signedBy", intervention.ErrMissing},
		}},
		{"unknown signer", func(c *intervention.Consent) { c.SignedBy = "neighbour" }, []consentPathRule{
			{"signedBy", intervention.ErrUnknownSigner},
		}},
		{"revoked but never signed", func(c *intervention.Consent) {
			c.SignedOn, c.SignedBy = intervention.Date{}, ""
			c.RevokedOn = consentDay(t, "2025-02-01")
		}, []consentPathRule{{"revokedOn", intervention.ErrInconsistent}}},
		{"dates before signature", func(c *intervention.Consent) {
			c.RevokedOn = consentDay(t, "2025-01-05")
			c.ExpiresOn = consentDay(t, "2025-01-05")
			c.ExpiryEventOccurred = consentDay(t, "2025-01-05")
		}, []consentPathRule{
			{"revokedOn", intervention.ErrInconsistent},
			{"expiresOn", intervention.ErrInconsistent},
			{"expiryEventOccurred", intervention.ErrInconsistent},
		}},
		{"many problems at once", func(c *intervention.Consent) {
			c.ID = uuid.Nil
			c.Recipients = append(c.Recipients, intervention.Recipient{Class: "pastor"})
			c.Information = append(c.Information, intervention.InfoSUDCounselingNotes)
			c.ExpiresOn, c.ExpiryEvent = intervention.Date{}, intervention.ExpiryEventNone
			c.SignedBy = ""
		}, []consentPathRule{
			{"id", intervention.ErrMissing},
			{"information", intervention.ErrCounselingNotesCombined},
			{"recipients[1].class", intervention.ErrUnknownRecipientClass},
			{"expiryEvent", intervention.ErrExpiryNoneNotTPO},
			{"signedBy", intervention.ErrMissing},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := familyConsent(t)
			tc.mutate(&c)
			before := cloneConsent(c)
			err := c.Validate()
			require.Error(t, err)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.NotContains(t, err.Error(), consentSecret)
			assert.Equal(t, before, c, "Validate must not modify")

			fes := intervention.FieldErrors(err)
			var gotPaths, wantPaths []string
			for _, w := range tc.want {
				wantPaths = append(wantPaths, w.path)
			}
			gotPaths = consentFieldErrors(err)
			require.Equal(t, wantPaths, gotPaths)
			for i, w := range tc.want {
				require.ErrorIs(t, fes[i], w.rule, w.path)
				require.ErrorIs(t, fes[i], intervention.ErrInvalid, w.path)
			}
		})
	}
}

func TestConsentPermits(t *testing.T) {
	mother := intervention.Recipient{ID: consentTestMo, Class: intervention.RecipientFamilyMember}
	family := intervention.PurposeFamilyInvolvement
	treating := intervention.RecipientOfClass(intervention.RecipientTreatingProviders)

	cases := []struct {
		name    string
		consent func(c *intervention.Consent)
		req     intervention.Disclosure // no Information: FamilySessionInformation
		noInfo  bool                    // send no Information at all
		ok      bool
		why     intervention.ConsentReason
	}{
		{name: "permitted mid-term", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "recipient by id only", req: intervention.Disclosure{Recipient: intervention.RecipientID(consentTestMo), Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},

		// Signature.
		{name: "unsigned", consent: func(c *intervention.Consent) { c.SignedOn, c.SignedBy = intervention.Date{}, "" },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentNotSigned},
		{name: "day before signature", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-01-05")},
			why: intervention.ConsentNotYetSigned},
		{name: "signature day is in force", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-01-06")},
			ok: true, why: intervention.ConsentPermitted},

		// Expiry date: in force through ExpiresOn inclusive.
		{name: "expiry date itself", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-06-30")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "day after expiry date", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-07-01")},
			why: intervention.ConsentExpired},

		// Expiry event: in force through the day it occurred.
		{name: "end of treatment not yet occurred", consent: func(c *intervention.Consent) { c.ExpiresOn = intervention.Date{} },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2030-01-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "end of treatment day", consent: func(c *intervention.Consent) { c.ExpiryEventOccurred = consentDay(t, "2025-03-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "day after end of treatment", consent: func(c *intervention.Consent) { c.ExpiryEventOccurred = consentDay(t, "2025-03-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-02")}, why: intervention.ConsentExpired},
		{name: "event before date expires first", consent: func(c *intervention.Consent) { c.ExpiryEventOccurred = consentDay(t, "2025-02-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-04-01")}, why: intervention.ConsentExpired},
		{name: "date before event expires first", consent: func(c *intervention.Consent) { c.ExpiryEventOccurred = consentDay(t, "2025-12-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-07-01")}, why: intervention.ConsentExpired},
		{name: "other event occurred", consent: func(c *intervention.Consent) {
			c.ExpiresOn, c.ExpiryEvent, c.ExpiryEventOccurred = intervention.Date{}, intervention.ExpiryEventOther, consentDay(t, "2025-02-01")
		}, req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-02-02")}, why: intervention.ConsentExpired},

		// Revocation: effective on its date.
		{name: "revoked before asOf", consent: func(c *intervention.Consent) { c.RevokedOn = consentDay(t, "2025-02-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentRevoked},
		{name: "revoked on asOf", consent: func(c *intervention.Consent) { c.RevokedOn = consentDay(t, "2025-03-01") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentRevoked},
		{name: "revoked after asOf", consent: func(c *intervention.Consent) { c.RevokedOn = consentDay(t, "2025-03-02") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "revoked and expired reports revoked", consent: func(c *intervention.Consent) { c.RevokedOn = consentDay(t, "2025-03-02") },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-08-01")}, why: intervention.ConsentRevoked},

		// Recipient.
		{name: "other person by id", req: intervention.Disclosure{Recipient: intervention.Recipient{ID: consentTestOt, Class: intervention.RecipientFamilyMember}, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongRecipient},
		{name: "class only does not match an id entry", req: intervention.Disclosure{Recipient: intervention.RecipientOfClass(intervention.RecipientFamilyMember), Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongRecipient},
		{name: "class entry matches any member", consent: func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientFamilyMember)}
		}, req: intervention.Disclosure{Recipient: intervention.Recipient{ID: consentTestOt, Class: intervention.RecipientFamilyMember}, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "class entry rejects another class", consent: func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientFamilyMember)}
		}, req: intervention.Disclosure{Recipient: intervention.Recipient{ID: consentTestOt, Class: intervention.RecipientDesignatedSupport}, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongRecipient},
		{name: "class entry rejects id only", consent: func(c *intervention.Consent) {
			c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(intervention.RecipientFamilyMember)}
		}, req: intervention.Disclosure{Recipient: intervention.RecipientID(consentTestMo), Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongRecipient},

		// Purpose.
		{name: "wrong purpose", req: intervention.Disclosure{Recipient: mother, Purpose: intervention.PurposeLegalProceedings, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongPurpose},
		{name: "wrong purpose beats wrong recipient", req: intervention.Disclosure{Recipient: treating, Purpose: intervention.PurposeTreatment, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongPurpose},
		{name: "unsigned beats wrong purpose", consent: func(c *intervention.Consent) { c.SignedOn, c.SignedBy = intervention.Date{}, "" },
			req: intervention.Disclosure{Recipient: mother, Purpose: intervention.PurposeEmployment, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentNotSigned},

		// Information and counselling notes.
		{name: "named category", req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoAttendance}, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "category not covered", req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoAttendance, intervention.InfoToxicologyResults}, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentInformationNotCovered},
		{name: "counseling notes under a general consent", req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoToxicologyResults, intervention.InfoSUDCounselingNotes}, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentCounselingNotesNeedSeparateConsent},
		{name: "counseling notes under all records", consent: func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoAllSUDRecords}
		}, req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoSUDCounselingNotes}, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentCounselingNotesNeedSeparateConsent},
		{name: "all records covers toxicology", consent: func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoAllSUDRecords}
		}, req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoToxicologyResults, intervention.InfoOther}, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "counseling notes under their own consent", consent: func(c *intervention.Consent) { *c = notesConsent(t) },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoSUDCounselingNotes}, AsOf: consentDay(t, "2025-03-01")},
			ok:  true, why: intervention.ConsentPermitted},
		{name: "notes consent does not cover attendance", consent: func(c *intervention.Consent) { *c = notesConsent(t) },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{intervention.InfoAttendance}, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentInformationNotCovered},

		// TPO consent.
		{name: "tpo: treatment to treating provider", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: treating, Purpose: intervention.PurposeTreatment, AsOf: consentDay(t, "2040-01-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "tpo: payment to health plan", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: intervention.Recipient{ID: consentTestOt, Class: intervention.RecipientHealthPlans}, Purpose: intervention.PurposePayment, AsOf: consentDay(t, "2025-03-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "tpo: operations to program operations", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: intervention.RecipientOfClass(intervention.RecipientProgramOperations), Purpose: intervention.PurposeHealthCareOperations, AsOf: consentDay(t, "2025-03-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "tpo: tpo to third-party payer", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: intervention.RecipientOfClass(intervention.RecipientThirdPartyPayers), Purpose: intervention.PurposeTPO, AsOf: consentDay(t, "2025-03-01")}, ok: true, why: intervention.ConsentPermitted},
		{name: "tpo: family member", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: mother, Purpose: intervention.PurposeTreatment, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentWrongRecipient},
		{name: "tpo: family involvement purpose", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: treating, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentWrongPurpose},
		{name: "tpo: counseling notes", consent: func(c *intervention.Consent) { *c = tpoConsent(t) },
			req: intervention.Disclosure{Recipient: treating, Purpose: intervention.PurposeTreatment, Information: []intervention.InfoCategory{intervention.InfoSUDCounselingNotes}, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentCounselingNotesNeedSeparateConsent},
		{name: "treatment-only consent refuses payment", consent: func(c *intervention.Consent) {
			*c = tpoConsent(t)
			c.Purpose = intervention.PurposeTreatment
		}, req: intervention.Disclosure{Recipient: intervention.RecipientOfClass(intervention.RecipientHealthPlans), Purpose: intervention.PurposePayment, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentWrongPurpose},
		{name: "treatment-only consent refuses tpo", consent: func(c *intervention.Consent) {
			*c = tpoConsent(t)
			c.Purpose = intervention.PurposeTreatment
		}, req: intervention.Disclosure{Recipient: treating, Purpose: intervention.PurposeTPO, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentWrongPurpose},

		// Invalid consent or request.
		{name: "invalid consent", consent: func(c *intervention.Consent) { c.Patient = uuid.Nil },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		{name: "expiry none on family consent is invalid", consent: func(c *intervention.Consent) {
			c.ExpiresOn, c.ExpiryEvent = intervention.Date{}, intervention.ExpiryEventNone
		}, req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		{name: "zero asOf", req: intervention.Disclosure{Recipient: mother, Purpose: family}, why: intervention.ConsentInvalid},
		{name: "unknown purpose", req: intervention.Disclosure{Recipient: mother, Purpose: "gossip", AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		{name: "zero recipient", req: intervention.Disclosure{Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		{name: "unknown recipient class", req: intervention.Disclosure{Recipient: intervention.Recipient{ID: consentTestMo, Class: "aunt"}, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		{name: "unknown category", req: intervention.Disclosure{Recipient: mother, Purpose: family, Information: []intervention.InfoCategory{"diary"}, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
		// Scope: every disclosure says what it discloses.
		{name: "no category stated", req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			noInfo: true, why: intervention.ConsentInvalid},
		{name: "family session outside a CM-only scope", consent: func(c *intervention.Consent) {
			c.Information = []intervention.InfoCategory{intervention.InfoCMRewards}
		}, req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInformationNotCovered},
		{name: "family session outside a notes-only scope", consent: func(c *intervention.Consent) { *c = notesConsent(t) },
			req: intervention.Disclosure{Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInformationNotCovered},
		// Patient.
		{name: "the patient's consent", req: intervention.Disclosure{Patient: consentTestPt, Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			ok: true, why: intervention.ConsentPermitted},
		{name: "another patient's consent", req: intervention.Disclosure{Patient: consentTestOt, Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")},
			why: intervention.ConsentWrongPatient},
		{name: "wrong patient beats revoked", consent: func(c *intervention.Consent) { c.RevokedOn = consentDay(t, "2025-02-01") },
			req: intervention.Disclosure{Patient: consentTestOt, Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentWrongPatient},
		{name: "invalid beats wrong patient", consent: func(c *intervention.Consent) { c.Disclosers = nil },
			req: intervention.Disclosure{Patient: consentTestOt, Recipient: mother, Purpose: family, AsOf: consentDay(t, "2025-03-01")}, why: intervention.ConsentInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := familyConsent(t)
			if tc.consent != nil {
				tc.consent(&c)
			}
			req := tc.req
			if len(req.Information) == 0 && !tc.noInfo {
				req.Information = []intervention.InfoCategory{intervention.FamilySessionInformation}
			}
			ok, why := c.PermitsDisclosure(req)
			assert.Equal(t, tc.why, why)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, ok, why == intervention.ConsentPermitted, "true only with permitted")
			if len(req.Information) > 0 && req.Patient == uuid.Nil {
				ok3, why3 := c.Permits(req.Recipient, req.Purpose, req.AsOf, req.Information[0], req.Information[1:]...)
				assert.Equal(t, ok, ok3, "Permits agrees with PermitsDisclosure")
				assert.Equal(t, why, why3)
			}
		})
	}
}

func TestConsentActive(t *testing.T) {
	c := familyConsent(t)
	c.RevokedOn = consentDay(t, "2025-04-01")
	for _, tc := range []struct {
		asOf string
		ok   bool
		why  intervention.ConsentReason
	}{
		{"2025-01-05", false, intervention.ConsentNotYetSigned},
		{"2025-01-06", true, intervention.ConsentPermitted},
		{"2025-03-31", true, intervention.ConsentPermitted},
		{"2025-04-01", false, intervention.ConsentRevoked},
		{"2025-12-01", false, intervention.ConsentRevoked},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			ok, why := c.Active(consentDay(t, tc.asOf))
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.why, why)
		})
	}
	ok, why := c.Active(intervention.Date{})
	assert.False(t, ok)
	assert.Equal(t, intervention.ConsentInvalid, why)
}

func TestConsentCovers(t *testing.T) {
	all := familyConsent(t)
	all.Information = []intervention.InfoCategory{intervention.InfoAllSUDRecords}
	for _, cat := range intervention.InfoCategories() {
		assert.Equal(t, cat != intervention.InfoSUDCounselingNotes, all.Covers(cat), cat.String())
	}
	fam := familyConsent(t)
	assert.True(t, fam.Covers(intervention.InfoTreatmentPlan))
	assert.False(t, fam.Covers(intervention.InfoDiagnosis))
	assert.False(t, fam.Covers(intervention.InfoSUDCounselingNotes))
	assert.False(t, all.Covers("bogus"))
	assert.True(t, notesConsent(t).Covers(intervention.InfoSUDCounselingNotes))
	assert.False(t, notesConsent(t).Covers(intervention.InfoAttendance))
}

func TestPurposeAndRecipientClassTPO(t *testing.T) {
	tpoPurposes := map[intervention.Purpose]bool{
		intervention.PurposeTPO: true, intervention.PurposeTreatment: true,
		intervention.PurposePayment: true, intervention.PurposeHealthCareOperations: true,
	}
	for _, p := range intervention.Purposes() {
		assert.Equal(t, tpoPurposes[p], p.IsTPO(), p.String())
		assert.True(t, intervention.RequiresRedisclosureNotice(p), p.String())
	}
	assert.False(t, intervention.Purpose("bogus").IsTPO())
	assert.False(t, intervention.RequiresRedisclosureNotice("bogus"))
	assert.False(t, intervention.RequiresRedisclosureNotice(""))

	var tpoClasses []intervention.RecipientClass
	for _, c := range intervention.RecipientClasses() {
		if c.IsTPO() {
			tpoClasses = append(tpoClasses, c)
		}
	}
	var fromTPO []intervention.RecipientClass
	for _, r := range intervention.TPORecipients() {
		assert.Equal(t, uuid.Nil, r.ID)
		fromTPO = append(fromTPO, r.Class)
	}
	assert.Equal(t, tpoClasses, fromTPO)
	assert.Len(t, fromTPO, 4)
	assert.False(t, intervention.RecipientClass("bogus").IsTPO())
}

func TestRecipientAndDiscloserString(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  fmt.Stringer
		want string
	}{
		{"recipient id", intervention.RecipientID(consentTestMo), "id:" + consentTestMo.String()},
		{"recipient class", intervention.RecipientOfClass(intervention.RecipientCourt), "class:court"},
		{"recipient both", intervention.Recipient{ID: consentTestMo, Class: intervention.RecipientFamilyMember}, "id:" + consentTestMo.String() + ",class:family-member"},
		{"recipient invalid class", intervention.RecipientOfClass(consentSecret), "class:(invalid)"},
		{"recipient zero", intervention.Recipient{}, ""},
		{"discloser id", intervention.DiscloserID(consentTestPg), "id:" + consentTestPg.String()},
		{"discloser class", intervention.DiscloserOfClass(intervention.DiscloserProgram), "class:program"},
		{"discloser invalid class", intervention.DiscloserOfClass(consentSecret), "class:(invalid)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.got.String())
		})
	}
}

func TestConsentStringFormsRedact(t *testing.T) {
	c := familyConsent(t)
	c.RevokedOn = consentDay(t, "2025-04-01")
	c.ExpiryEventOccurred = consentDay(t, "2025-03-15")

	want := "Consent{id=" + consentTestID.String() + " patient=" + consentTestPt.String() +
		" purpose=family-involvement information=[treatment-plan attendance] description=[redacted]" +
		" recipients=[id:" + consentTestMo.String() + "] disclosers=[class:program]" +
		" expiresOn=2025-06-30 expiryEvent=end-of-treatment expiryEventOccurred=2025-03-15" +
		" signedOn=2025-01-06 signedBy=patient revokedOn=2025-04-01}"
	assert.Equal(t, want, c.String())
	assert.Equal(t, "intervention."+want, c.GoString())

	type holder struct {
		Consent  intervention.Consent
		Consents []intervention.Consent
		Ptr      *intervention.Consent
	}
	h := holder{Consent: c, Consents: []intervention.Consent{c}, Ptr: &c}
	outputs := map[string]string{
		"String":   c.String(),
		"GoString": c.GoString(),
		"Println":  fmt.Sprintln(c, &c, []intervention.Consent{c}),
	}
	// Format strings held in variables: every verb, on values, pointers and nested fields.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%10.3v"} {
		outputs[verb] = fmt.Sprintf(verb, c)
		outputs[verb+" ptr"] = fmt.Sprintf(verb, &c)
		outputs[verb+" nested"] = fmt.Sprintf(verb, h)
	}
	for _, handler := range []string{"text", "json"} {
		var buf bytes.Buffer
		var hnd slog.Handler = slog.NewTextHandler(&buf, nil)
		if handler == "json" {
			hnd = slog.NewJSONHandler(&buf, nil)
		}
		slog.New(hnd).Info("consent", "consent", c, "ptr", &c)
		outputs["slog "+handler] = buf.String()
	}
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			assert.NotContains(t, out, consentSecret)
			assert.NotContains(t, out, "Jane")
		})
	}
	assert.Equal(t, want, outputs["%v"])
	assert.Equal(t, want, outputs["%+v ptr"])
	assert.Equal(t, "intervention."+want, outputs["%#v"])
	assert.Equal(t, `"`+want+`"`, outputs["%q"])
	assert.Contains(t, outputs["slog json"], `"description":"[redacted]"`)
	assert.Contains(t, outputs["slog json"], `"purpose":"family-involvement"`)
	assert.Contains(t, outputs["slog text"], "consent.revokedOn=2025-04-01")
}

func TestConsentStringHidesInvalidEnums(t *testing.T) {
	c := familyConsent(t)
	c.Description = intervention.NewText("")
	c.Purpose = consentSecret
	c.Information = []intervention.InfoCategory{consentSecret}
	c.Recipients = []intervention.Recipient{intervention.RecipientOfClass(consentSecret)}
	c.Disclosers = []intervention.Discloser{intervention.DiscloserOfClass(consentSecret)}
	c.ExpiryEvent = consentSecret
	c.SignedBy = consentSecret
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "c", c)
	err := c.Validate()
	require.Error(t, err)
	for name, out := range map[string]string{"String": c.String(), "slog": buf.String(), "error": err.Error()} {
		assert.NotContains(t, out, consentSecret, name)
		assert.NotContains(t, out, "description", name)
	}
	assert.Contains(t, c.String(), "purpose=(invalid)")
}

func TestConsentJSON(t *testing.T) {
	c := familyConsent(t)
	c.ExpiryEventOccurred = consentDay(t, "2025-03-15")
	c.RevokedOn = consentDay(t, "2025-04-01")
	c.Recipients = append(c.Recipients, intervention.RecipientOfClass(intervention.RecipientDesignatedSupport))

	got, err := json.Marshal(intervention.ConsentDocument(c))
	require.NoError(t, err)
	want := `{"id":"00000000-0000-4000-8000-00000000c001","patient":"00000000-0000-4000-8000-00000000c002",` +
		`"disclosers":[{"class":"program"}],"information":["treatment-plan","attendance"],` +
		`"description":"` + consentSecret + `",` +
		`"recipients":[{"id":"00000000-0000-4000-8000-00000000c003"},{"class":"designated-support"}],` +
		`"purpose":"family-involvement","expiresOn":"2025-06-30","expiryEvent":"end-of-treatment",` +
		`"expiryEventOccurred":"2025-03-15","signedOn":"2025-01-06","signedBy":"patient","revokedOn":"2025-04-01"}`
	assert.Equal(t, want, string(got))

	var back intervention.ConsentDocument
	require.NoError(t, json.Unmarshal(got, &back))
	assert.Equal(t, c, intervention.Consent(back))

	// The consent's own JSON form (logs, slog's JSON handler) redacts the
	// description; everything else is as in the document.
	own, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(want, consentSecret, intervention.Redacted, 1), string(own))

	// Optional fields are left out when zero.
	tpo := tpoConsent(t)
	tpoDoc := intervention.ConsentDocument(tpo)
	got, err = json.Marshal(&tpoDoc)
	require.NoError(t, err)
	want = `{"id":"00000000-0000-4000-8000-00000000c001","patient":"00000000-0000-4000-8000-00000000c002",` +
		`"disclosers":[{"class":"program"}],"information":["all-sud-records"],` +
		`"recipients":[{"class":"treating-providers"},{"class":"health-plans"},{"class":"third-party-payers"},{"class":"program-operations"}],` +
		`"purpose":"treatment-payment-operations","expiryEvent":"none","signedOn":"2025-01-06","signedBy":"guardian"}`
	assert.Equal(t, want, string(got), "byte-exact: key order is part of the contract")
	var tpoBack intervention.ConsentDocument
	require.NoError(t, json.Unmarshal(got, &tpoBack))
	assert.Equal(t, tpo, intervention.Consent(tpoBack))
}

func TestConsentJSONRejects(t *testing.T) {
	valid, err := json.Marshal(intervention.ConsentDocument(familyConsent(t)))
	require.NoError(t, err)
	replace := func(from, to string) string {
		require.Contains(t, string(valid), from)
		return strings.Replace(string(valid), from, to, 1)
	}
	for _, tc := range []struct {
		name string
		in   string
		rule error
	}{
		{"unknown purpose", replace(`"family-involvement"`, `"gossip"`), intervention.ErrUnknownPurpose},
		{"unknown category", replace(`"attendance"`, `"diary"`), intervention.ErrUnknownInfoCategory},
		{"unknown recipient class", replace(`{"id":"00000000-0000-4000-8000-00000000c003"}`, `{"class":"aunt"}`), intervention.ErrUnknownRecipientClass},
		{"unknown discloser class", replace(`"program"`, `"anyone"`), intervention.ErrUnknownDiscloserClass},
		{"unknown expiry event", replace(`"end-of-treatment"`, `"whenever"`), intervention.ErrUnknownExpiryEvent},
		{"unknown signer", replace(`"signedBy":"patient"`, `"signedBy":"friend"`), intervention.ErrUnknownSigner},
		{"bad date", replace(`"2025-06-30"`, `"2025-06-31"`), intervention.ErrBadDate},
		{"empty enum text", replace(`"end-of-treatment"`, `""`), intervention.ErrUnknownExpiryEvent},
		{"fails Validate", replace(`"expiresOn":"2025-06-30","expiryEvent":"end-of-treatment"`, `"expiryEvent":"none"`), intervention.ErrExpiryNoneNotTPO},
		{"empty object", `{}`, intervention.ErrMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := intervention.ConsentDocument(tpoConsent(t))
			before := target
			err := json.Unmarshal([]byte(tc.in), &target)
			require.ErrorIs(t, err, tc.rule)
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.NotContains(t, err.Error(), consentSecret)
			assert.Equal(t, before, target, "target unchanged on error")
		})
	}
	t.Run("syntax error", func(t *testing.T) {
		var target intervention.ConsentDocument
		require.Error(t, json.Unmarshal([]byte(`{"id":`), &target))
		require.Error(t, target.UnmarshalJSON([]byte(`{"id":`)))
		assert.Equal(t, intervention.ConsentDocument{}, target)
	})
	t.Run("marshal refuses invalid", func(t *testing.T) {
		c := familyConsent(t)
		c.Patient = uuid.Nil
		_, err := json.Marshal(c)
		require.ErrorIs(t, err, intervention.ErrMissing)
		_, err = json.Marshal(intervention.ConsentDocument(c))
		require.ErrorIs(t, err, intervention.ErrMissing)
	})
}

func TestDisclosureJSON(t *testing.T) {
	d := intervention.Disclosure{
		Recipient:   intervention.Recipient{ID: consentTestMo, Class: intervention.RecipientFamilyMember},
		Purpose:     intervention.PurposeFamilyInvolvement,
		Information: []intervention.InfoCategory{intervention.InfoAttendance},
		AsOf:        consentDay(t, "2025-03-01"),
	}
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"recipient":{"id":"00000000-0000-4000-8000-00000000c003","class":"family-member"},`+
		`"purpose":"family-involvement","information":["attendance"],"asOf":"2025-03-01"}`, string(b))
	var back intervention.Disclosure
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, d, back)
}

// consentTextEnum is what each consent enum implements.
type consentTextEnum interface {
	~string
	encoding.TextMarshaler
	String() string
	Valid() bool
}

// checkConsentEnum checks one enum: every value round-trips through String,
// MarshalText, Parse and UnmarshalText; unknown text fails with the
// sentinel and leaves the target unchanged; invalid values do not marshal.
func checkConsentEnum[T consentTextEnum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, values []T, parse func(string) (T, error), unknown error) {
	t.Helper()
	require.NotEmpty(t, values)
	seen := map[T]bool{}
	for _, v := range values {
		assert.False(t, seen[v], "duplicate %q", v)
		seen[v] = true
		assert.True(t, v.Valid())
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(v), string(b))
		assert.Equal(t, string(v), v.String())
		got, err := parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, got)
		var dst T
		require.NoError(t, P(&dst).UnmarshalText(b))
		assert.Equal(t, v, dst)
	}
	var zero T
	assert.False(t, zero.Valid(), "zero value is invalid")
	for _, bad := range []string{"", "Unknown", " " + string(values[0]), strings.ToUpper(string(values[0]))} {
		_, err := parse(bad)
		require.ErrorIs(t, err, unknown, "%q", bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		dst := values[0]
		require.ErrorIs(t, P(&dst).UnmarshalText([]byte(bad)), unknown)
		assert.Equal(t, values[0], dst, "unchanged on error")
	}
	_, err := T("bogus").MarshalText()
	require.ErrorIs(t, err, unknown)
	_, err = zero.MarshalText()
	require.ErrorIs(t, err, unknown)
}

func TestConsentEnums(t *testing.T) {
	t.Run("purpose", func(t *testing.T) {
		checkConsentEnum(t, intervention.Purposes(), intervention.ParsePurpose, intervention.ErrUnknownPurpose)
	})
	t.Run("recipient class", func(t *testing.T) {
		checkConsentEnum(t, intervention.RecipientClasses(), intervention.ParseRecipientClass, intervention.ErrUnknownRecipientClass)
	})
	t.Run("discloser class", func(t *testing.T) {
		checkConsentEnum(t, intervention.DiscloserClasses(), intervention.ParseDiscloserClass, intervention.ErrUnknownDiscloserClass)
	})
	t.Run("info category", func(t *testing.T) {
		checkConsentEnum(t, intervention.InfoCategories(), intervention.ParseInfoCategory, intervention.ErrUnknownInfoCategory)
	})
	t.Run("expiry event", func(t *testing.T) {
		checkConsentEnum(t, intervention.ExpiryEvents(), intervention.ParseExpiryEvent, intervention.ErrUnknownExpiryEvent)
	})
	t.Run("signer", func(t *testing.T) {
		checkConsentEnum(t, intervention.Signers(), intervention.ParseSigner, intervention.ErrUnknownSigner)
	})
	t.Run("consent reason", func(t *testing.T) {
		checkConsentEnum(t, intervention.ConsentReasons(), intervention.ParseConsentReason, intervention.ErrUnknownConsentReason)
	})
}

// consentFuzzEnum parses s into T and, when it parses, checks the round trip.
func consentFuzzEnum[T consentTextEnum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, s string, parse func(string) (T, error)) {
	v, err := parse(s)
	dst := T("keep")
	uerr := P(&dst).UnmarshalText([]byte(s))
	if err != nil {
		require.ErrorIs(t, err, intervention.ErrInvalid)
		require.Error(t, uerr)
		require.Equal(t, T("keep"), dst)
		return
	}
	require.NoError(t, uerr)
	require.Equal(t, v, dst)
	require.True(t, v.Valid())
	b, err := v.MarshalText()
	require.NoError(t, err)
	require.Equal(t, s, string(b))
}

func FuzzConsentEnumText(f *testing.F) {
	for _, s := range []string{"", "treatment-payment-operations", "family-member", "program", "all-sud-records",
		"sud-counseling-notes", "none", "guardian", "permitted", "Other", "other ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		consentFuzzEnum(t, s, intervention.ParsePurpose)
		consentFuzzEnum(t, s, intervention.ParseRecipientClass)
		consentFuzzEnum(t, s, intervention.ParseDiscloserClass)
		consentFuzzEnum(t, s, intervention.ParseInfoCategory)
		consentFuzzEnum(t, s, intervention.ParseExpiryEvent)
		consentFuzzEnum(t, s, intervention.ParseSigner)
		consentFuzzEnum(t, s, intervention.ParseConsentReason)
	})
}

func FuzzConsentJSON(f *testing.F) {
	for _, c := range []intervention.Consent{familyConsent(f), tpoConsent(f), notesConsent(f)} {
		b, err := json.Marshal(intervention.ConsentDocument(c))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"id":"urn:uuid:00000000-0000-4000-8000-00000000c001"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d intervention.ConsentDocument
		if err := json.Unmarshal(b, &d); err != nil {
			require.Equal(t, intervention.ConsentDocument{}, d, "unchanged on error")
			return
		}
		c := intervention.Consent(d)
		if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
			return // null leaves the target alone, as encoding/json does
		}
		require.NoError(t, c.Validate(), "decoded consents are valid")
		_ = c.String()
		_ = fmt.Sprintf("%#v %+v %d", c, c, c)
		_ = c.LogValue()
		for _, p := range intervention.Purposes() {
			for _, r := range c.Recipients {
				ok, why := c.Permits(r, p, c.SignedOn, c.Information[0])
				require.Equal(t, ok, why == intervention.ConsentPermitted)
			}
		}
		out, err := json.Marshal(d)
		require.NoError(t, err)
		var again intervention.ConsentDocument
		require.NoError(t, json.Unmarshal(out, &again))
		require.Equal(t, d, again)
		out2, err := json.Marshal(again)
		require.NoError(t, err)
		require.Equal(t, string(out), string(out2))
	})
}

func TestConsentJSONIsStrict(t *testing.T) {
	valid, err := json.Marshal(intervention.ConsentDocument(familyConsent(t)))
	require.NoError(t, err)
	for name, in := range map[string]string{
		"unknown field": strings.Replace(string(valid), `{"id"`, `{"notes":"x","id"`, 1),
		"syntax":        string(valid[:len(valid)-1]),
		"trailing":      string(valid) + `{}`,
		"wrong type":    strings.Replace(string(valid), `"purpose":"family-involvement"`, `"purpose":7`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			var c intervention.ConsentDocument
			err := c.UnmarshalJSON([]byte(in))
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.NotContains(t, err.Error(), consentSecret, "the input is never quoted")
			assert.Equal(t, intervention.ConsentDocument{}, c, "a failed decode changes nothing")
		})
	}
}
