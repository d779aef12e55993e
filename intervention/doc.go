// Package intervention is the vocabulary every psychosocial component speaks:
// modalities, session formats and attendance, participants and their roles,
// sessions, 42 CFR Part 2 consents, civil dates, the Component interface and
// its Progress, exact ratios, and the error vocabulary. It imports no sibling
// package; every other package imports it.
//
// See docs/reference/README.md for the rules, codes and cut-offs each package
// implements and their sources, and docs/reference/privacy-part2.md for Consent.
//
// # Errors
//
// Every validation failure matches ErrInvalid under errors.Is. Validation
// reports every problem at once, each as a *FieldError that names the JSON
// path of the field ("participants[1].attendance") and the rule it broke —
// never the value, because free text is protected health information:
//
//	if err := session.Validate(); err != nil {
//		for _, fe := range intervention.FieldErrors(err) {
//			form.Mark(fe.Field, fe.Err)
//		}
//	}
//
// # Time and identity
//
// The library never reads the clock or mints random IDs on its own. Pure
// computations take an asOf time; whatever stamps a time takes a Clock and
// whatever mints an ID takes an IDSource. SystemClock and NewRandomID are the
// defaults, and SequentialIDs gives deterministic IDs for tests.
//
// Calendar questions (is a review due, how many days clean) are answered in
// Dates computed with DateOf in the patient's *time.Location, so a
// daylight-saving change never shortens or lengthens a day.
//
// # Privacy
//
// People are identified by opaque UUIDs with a Role; no names, birth dates or
// addresses are stored. Free text is a Text, which prints and marshals as
// "[redacted]" through every channel a program reaches by accident (fmt,
// slog, encoding/json, encoding/xml) and gives up its content only through
// Reveal; document codecs write it explicitly (ConsentDocument for a
// consent). Consent.Permits and Consent.PermitsDisclosure
// answer whether a disclosure — of the information categories it states,
// to a recipient, for a purpose, on a day — is covered by an active 42 CFR
// Part 2 consent whose scope includes those categories; FindConsent asks a
// list of consents and DisclosureError carries a refusal's reason.
//
// Concurrency: every type in this package is a value that is safe to share
// once built. The package starts no goroutines.
package intervention
