// Package intervention is the vocabulary every psychosocial component speaks:
// modalities, session formats and attendance, participants and their roles,
// sessions, 42 CFR Part 2 consents, civil dates, the Component interface and
// its Progress, exact ratios, and the error vocabulary. It imports no sibling
// package; every other package imports it.
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
// addresses are stored. Consent.Permits answers whether a disclosure to a
// recipient for a purpose is covered by an active 42 CFR Part 2 consent.
//
// Concurrency: every type in this package is a value that is safe to share
// once built. The package starts no goroutines.
package intervention
