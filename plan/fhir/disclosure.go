package fhir

import (
	"slices"

	"github.com/recoverykit/psychosocial/intervention"
)

// disclose notes that the document holds information of categories cats
// (see the package documentation, "Consent", for which categories each
// resource is).
func (b *builder) disclose(cats ...intervention.InfoCategory) {
	for _, c := range cats {
		if !slices.Contains(b.info, c) {
			b.info = append(b.info, c)
		}
	}
}

// permitted returns nil when one of the options' consents permits
// disclosing every category noted to the options' recipient for their
// purpose on the document's date, and an *intervention.DisclosureError at
// "options.consents" otherwise.
func (b *builder) permitted() error {
	i, why := intervention.FindConsent(b.opts.Consents, intervention.Disclosure{
		Patient: b.subject, Recipient: b.opts.Recipient, Purpose: b.opts.Purpose, Information: b.info, AsOf: b.asOf,
	})
	if i < 0 {
		return intervention.Field("options.consents", &intervention.DisclosureError{Reason: why})
	}
	return nil
}
