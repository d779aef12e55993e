// Package report renders a treatment plan's progress report as one
// self-contained HTML page: contingency-management results and voucher
// earnings, clean-time milestones and mutual-help meetings,
// readiness-ruler trends, and the plan's objectives, rule findings and
// what falls due. The four charts are inline SVG, each with a title, a
// description, axis labels, a legend and a data table below it; styles are
// inline, nothing is loaded from elsewhere and no script runs, so the page
// can be mailed, archived or printed as it is.
//
//	err := report.Render(w, report.Input{
//		Plan: p, Vouchers: cm, Ledger: ledger, Facilitation: tsf, Motivation: mi, AsOf: now,
//	}, report.Options{})
//
// Every figure comes from the library's query API only: Program.Status
// and the reward ledger, Facilitation.Summary, Component.Trend, the plan's
// Progress (with plan.SeedTimingTable) and plan.DefaultRules. Dates are
// read in the plan's zone (plan.Config.Location, UTC when nil), and the
// header shows the plan's jurisdiction and setting.
//
// # Views
//
// The clinician view (Options.Disclosure nil) is for the treating team and
// withholds nothing. The disclosure view (Options.Disclosure set) is the
// same page for a recipient outside the team, under the patient's
// 42 CFR Part 2 consents (reference: plans-and-interop.md §5.5, rules
// P-CONSENT-1..3): each section states the information categories it
// shows, and is shown only when a consent permits disclosing exactly
// those to the recipient, for the recipient's purpose, on the report's day
// (intervention.FindConsent); the others are withheld with the consent's
// reason, and the page carries the §2.32 notice. A recipient no consent
// permits anything for gets no page: Render returns ErrNoDisclosure.
//
// # PHI
//
// The patient appears by the plan's opaque patient ID only. None of the
// plan's free text (problem statements, goals, objective wording,
// strengths, review justifications) is printed in either view; objectives
// appear by their measure and target. The page's dates of care are still
// protected health information, and the page says so.
//
// The package imports plan, plan/fhir (for the redisclosure notice),
// intervention and the component packages; nothing in the library imports
// it. examples/report is a command that renders the demo record of
// package reporttest with it, and CI opens that page in headless Chromium
// (examples/report/browsercheck.sh).
package report
