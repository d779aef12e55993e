package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan/fhir"
)

// The disclosure view: the same page made for a recipient outside the
// treatment team (Options.Disclosure), under the patient's 42 CFR Part 2
// consents (reference: plans-and-interop.md §5.5, rules P-CONSENT-1..3).
// Each section states the information categories it shows, and is shown
// only when one of the patient's consents permits disclosing exactly those
// to the recipient, for the recipient's purpose, on the report's day
// (intervention.FindConsent, which asks Consent.PermitsDisclosure); the
// others are withheld with the consent's reason. A recipient no consent
// permits anything for gets no page at all. The page carries the §2.32
// notice.

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
	Disclosure
	reasons map[string]intervention.ConsentReason // section id → reason
}

// newDisclosure checks every section against the consents for d's
// recipient and purpose on the report's day; it fails when d is incomplete
// or no section is permitted.
func newDisclosure(d Disclosure, r *record) (*disclosure, error) {
	var errs []error
	if strings.TrimSpace(d.Label) == "" {
		errs = append(errs, intervention.Expect("disclosure.label", intervention.ErrMissing, "required, names the recipient"))
	}
	if !d.Purpose.Valid() {
		errs = append(errs, intervention.Expect("disclosure.purpose", intervention.ErrUnknownValue, "one of intervention.Purposes()"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := &disclosure{Disclosure: d, reasons: map[string]intervention.ConsentReason{}}
	shown := 0
	var last intervention.ConsentReason
	for _, s := range pageSections() {
		_, why := intervention.FindConsent(d.Consents, intervention.Disclosure{
			Patient: r.plan.Config().Patient, Recipient: d.Recipient, Purpose: d.Purpose, Information: s.info, AsOf: r.today,
		})
		out.reasons[s.id] = why
		if why == intervention.ConsentPermitted {
			shown++
		}
		last = why
	}
	if shown == 0 {
		return nil, fmt.Errorf("%w: %w", ErrNoDisclosure, &intervention.DisclosureError{Reason: last})
	}
	return out, nil
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
				esc(d.Label), esc(why.String()))
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
	if d == nil || !intervention.RequiresRedisclosureNotice(d.Purpose) {
		return
	}
	p.f(`<p class="note" id="notice">Disclosed to %s under the patient's 42 CFR Part 2 consent. %s</p>`+"\n",
		esc(d.Label), esc(fhir.DefaultRedisclosureNotice))
}

// reason returns why section id may or may not be shown; the clinician
// view (d nil) shows everything.
func (d *disclosure) reason(id string) intervention.ConsentReason {
	if d == nil {
		return intervention.ConsentPermitted
	}
	return d.reasons[id]
}
