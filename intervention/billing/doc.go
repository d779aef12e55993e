// Package billing turns the minutes of a delivered service into time-based
// service codes and units: CPT psychotherapy time bands, family and group
// psychotherapy, SBIRT codes by payer, and 15-minute units of HCPCS H-codes.
//
// See docs/reference/billing.md for each code's and rule's source and test vectors.
//
// Every answer is a Result that carries the code, the units, the minutes
// counted and the ID of the rule applied, so a clinician or auditor can see
// why. When nothing can be billed the Result has no code and a Reason
// (below-minimum, no-band, payer-excluded): the package never guesses a code.
// Invalid input (negative minutes, an unknown payer or code, a malformed band
// table) is an error wrapping intervention.ErrInvalid that names the field.
//
// Rules the sources disagree on are parameters with documented defaults
// (reference: plans-and-interop.md §5.4; instruments.md §6.4, D18, V51):
//
//   - time-band edges are data (BandTable); PsychotherapyBands, FamilyBands
//     and GroupBands are the defaults and a payer may supply its own table;
//   - the SBIRT 30-minute edge follows the descriptors unless
//     SBIRTOptions.LongAt30 (OregonSBIRT) is set;
//   - the 15-minute unit algorithm is a UnitRule: EightMinuteRule (CMS,
//     default), MidpointRule (CPT) or CeilingRule (the unverified H0050
//     reading), with an optional daily unit cap.
//
// The happy path:
//
//	r, err := billing.Psychotherapy(45)                      // 90834, rule cpt-psychotherapy-time-band
//	r, err = billing.FamilyPsychotherapy(30, true)           // 90847
//	r, err = billing.SBIRT(20, billing.PayerMedicare, billing.SBIRTOptions{}) // G0396
//	r, err = billing.Units(billing.CodeH0004, 40, billing.UnitOptions{DailyCap: 12}) // 3 units
//	r, err = billing.Psychotherapy(15)                       // not billable: r.Reason is below-minimum
//
// Concurrency: every value is immutable once built and safe to share; the
// package has no state and starts no goroutines.
package billing
