package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/fhir"
)

// The disclosure view: the same page made for a recipient outside the
// treatment team (-disclose-to), under the patient's 42 CFR Part 2
// consents (reference: plans-and-interop.md §5.5, rules P-CONSENT-1..3).
// Each section states the information categories it shows, and is shown
// only when one of the patient's consents permits disclosing exactly those
// to the recipient, for the recipient's purpose, on the report's day
// (intervention.FindConsent, which asks Consent.PermitsDisclosure); the
// others are withheld with the consent's reason. A recipient no consent
// permits anything for gets no page at all. The page carries the §2.32
// notice.

// motherID is the patient's mother, who takes part in family sessions.
var motherID = uuid.MustParse("00000000-0000-0000-0001-0000000000e1")

// consents are the patient's Part 2 consents, signed on admission: the
// single TPO consent of the 2024 Final Rule, and a consent to share the
// treatment plan, attendance and progress with her mother for family
// involvement until the end of treatment.
func consents() []intervention.Consent {
	signed := mustDate("2025-01-06")
	program := []intervention.Discloser{intervention.DiscloserOfClass(intervention.DiscloserProgram)}
	return []intervention.Consent{
		{
			ID: uuid.MustParse("00000000-0000-0000-0001-0000000000f1"), Patient: patientID, Disclosers: program,
			Information: []intervention.InfoCategory{intervention.InfoAllSUDRecords},
			Recipients:  intervention.TPORecipients(), Purpose: intervention.PurposeTPO,
			ExpiryEvent: intervention.ExpiryEventNone, SignedOn: signed, SignedBy: intervention.SignerPatient,
		},
		{
			ID: uuid.MustParse("00000000-0000-0000-0001-0000000000f2"), Patient: patientID, Disclosers: program,
			Information: []intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoAttendance, intervention.InfoProgress},
			Recipients:  []intervention.Recipient{intervention.RecipientID(motherID)},
			Purpose:     intervention.PurposeFamilyInvolvement, ExpiryEvent: intervention.ExpiryEventEndOfTreatment,
			SignedOn: signed, SignedBy: intervention.SignerPatient,
		},
	}
}

// audience is a recipient the page can be disclosed to, and why.
type audience struct {
	label     string
	recipient intervention.Recipient
	purpose   intervention.Purpose
}

// audiences are the recipients -disclose-to names.
func audiences() map[string]audience {
	return map[string]audience{
		"payer":    {"the patient's health plan, for payment", intervention.RecipientOfClass(intervention.RecipientHealthPlans), intervention.PurposePayment},
		"mother":   {"the patient's mother, for family involvement", intervention.RecipientID(motherID), intervention.PurposeFamilyInvolvement},
		"employer": {"the patient's employer", intervention.RecipientOfClass(intervention.RecipientEmployer), intervention.PurposeEmployment},
	}
}

// audienceNames lists the names -disclose-to accepts, sorted.
func audienceNames() string {
	var names []string
	for n := range audiences() {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// pageSection is a section of the page and the information categories it
// shows (intervention.InfoCategory; §2.31(a)(3) "how much and what kind").
type pageSection struct {
	id, title string
	info      []intervention.InfoCategory
	write     func(pageWriter, *view)
}

// pageSections are the page's sections in order.
func pageSections() []pageSection {
	return []pageSection{
		{"cm", "Contingency management: specimens and vouchers",
			[]intervention.InfoCategory{intervention.InfoToxicologyResults, intervention.InfoCMRewards}, writeCM},
		{"clean", "Twelve-step facilitation: clean time and meetings",
			[]intervention.InfoCategory{intervention.InfoAttendance, intervention.InfoProgress}, writeClean},
		{"readiness", "Motivational interviewing: readiness rulers",
			[]intervention.InfoCategory{intervention.InfoScreeningResults}, writeRulers},
		{"plan", "Treatment plan: objectives and findings",
			[]intervention.InfoCategory{intervention.InfoTreatmentPlan, intervention.InfoProgress}, writePlan},
	}
}

// disclosure is the page's recipient and, per section, whether a consent
// permits showing it and why not.
type disclosure struct {
	audience
	reasons map[string]intervention.ConsentReason // section id → reason
}

// errNoDisclosure means no consent permits any section of the page to the
// recipient.
var errNoDisclosure = errors.New("no consent permits disclosing the report")

// newDisclosure checks every section against the patient's consents for
// the recipient called name on day today; it fails when the name is
// unknown or no section is permitted.
func newDisclosure(name string, today intervention.Date) (*disclosure, error) {
	a, ok := audiences()[name]
	if !ok {
		return nil, fmt.Errorf("-disclose-to: want one of %s", audienceNames())
	}
	d := &disclosure{audience: a, reasons: map[string]intervention.ConsentReason{}}
	cs := consents()
	shown := 0
	var last intervention.ConsentReason
	for _, s := range pageSections() {
		_, why := intervention.FindConsent(cs, intervention.Disclosure{
			Patient: patientID, Recipient: a.recipient, Purpose: a.purpose, Information: s.info, AsOf: today,
		})
		d.reasons[s.id] = why
		if why == intervention.ConsentPermitted {
			shown++
		}
		last = why
	}
	if shown == 0 {
		return nil, fmt.Errorf("-disclose-to %s: %w: %w", name, errNoDisclosure, &intervention.DisclosureError{Reason: last})
	}
	return d, nil
}

// writeSections writes the page's sections: all of them in the clinician
// view (d nil); in a disclosure view those a consent permits, and for the
// others a note that they are withheld and why.
func writeSections(p pageWriter, v *view, d *disclosure) {
	for _, s := range pageSections() {
		if why := d.reason(s.id); why != intervention.ConsentPermitted {
			p.f(`<section id="%s" aria-labelledby="%s-h">`+"\n", s.id, s.id)
			p.f(`<h2 id="%s-h">%s</h2>`+"\n", s.id, esc(s.title))
			p.f(`<p class="note">Withheld: the patient's consents do not permit disclosing this section to %s (%s).</p>`+"\n",
				esc(d.label), esc(why.String()))
			p.raw("</section>\n")
			continue
		}
		s.write(p, v)
	}
}

// writeDisclosureNotice writes, in a disclosure view, who the page is
// disclosed to and the §2.32 notice every disclosure made with the
// patient's consent must carry (intervention.RequiresRedisclosureNotice).
func writeDisclosureNotice(p pageWriter, d *disclosure) {
	if d == nil || !intervention.RequiresRedisclosureNotice(d.purpose) {
		return
	}
	p.f(`<p class="note" id="notice">Disclosed to %s under the patient's 42 CFR Part 2 consent. %s</p>`+"\n",
		esc(d.label), esc(fhir.DefaultRedisclosureNotice))
}

// reason returns why section id may or may not be shown; the clinician
// view (d nil) shows everything.
func (d *disclosure) reason(id string) intervention.ConsentReason {
	if d == nil {
		return intervention.ConsentPermitted
	}
	return d.reasons[id]
}
