// Package twelvestep models twelve-step facilitation (TSF) and mutual-help
// involvement as a treatment-plan component: a TSF curriculum (Project
// MATCH TSF, MAAEZ or the programme's own) with its fidelity rules, a
// fellowship-agnostic meeting log with an attendance target, affiliation
// (sponsor, home group, self-identification), step work, service
// commitments, and clean time with slips and milestones (reference:
// plans-and-interop.md §3, §5.5 and section (b) items 29, 30 and 32).
//
// See docs/reference/twelve-step.md for each rule's source and the tests that pin it.
//
// The happy path:
//
//	f, err := twelvestep.New(twelvestep.Config{
//		ID: id, Patient: patient, Curriculum: twelvestep.MAAEZ(),
//		JourneyStart: sobrietyDate, Location: la, // the patient's time zone
//	})
//	_, err = f.AddSession(session)      // an intervention.Session with curriculum topic IDs
//	_, err = f.RecordMeeting(meeting)   // idempotent on meeting.ID
//	_, err = f.RecordAffiliation(snap)  // sponsor, home group, self-identification
//	_, err = f.RecordSlip(slip)         // the only way to restart the streak
//	ct := f.CleanTime(asOf)             // streak and journey days, last and next milestone
//	p := f.Progress(asOf)               // measures "tsf.streak-days", "tsf.meetings-in-window", …
//	fs := f.Findings(asOf)              // C-TSF-1, C-MAAEZ-1, C-MILESTONE-1
//
// # Curricula and fidelity
//
// A Curriculum is data: a protocol, a number of sessions and topics of
// five kinds (opening, core, elective, conjoint, closing). MATCHTSF is a
// default preset whose topic names the reference marks UNVERIFIED
// (§3.1, §8 item 1); MAAEZ follows the trial record. The protocol decides
// the rule Findings applies: C-TSF-1 (12 sessions, at most 2 conjoint, and
// a Part 2 consent for every significant other present, checked with
// intervention.Consent.Permits) or C-MAAEZ-1 (introduction first, the four
// core topics in any order, the graduate session last).
//
// # Clean time
//
// Clean time is counted in calendar days in the patient's time zone
// (intervention.DateOf and Date arithmetic, never 24-hour durations), so a
// daylight-saving change never makes a day 23 or 25 hours long. The journey
// start never moves; a Slip — an explicit action attributed to who recorded
// it, when and why — restarts the current streak. A positive test never
// restarts anything by itself: a clinician records a slip with
// SlipPositiveTest, and Findings warns when someone else did (C-MILESTONE-1).
// Milestones come from a configurable MilestoneSchedule (DefaultMilestones:
// 24 hours, 30/60/90 days, 6/9 months, 1 year, 18 months, then yearly);
// months and years clamp to the end of a shorter month, so a streak that
// starts on 29 February reaches one year on 28 February.
//
// # Privacy
//
// The package stores no names or free text: people are opaque IDs, groups
// and service roles are the host's codes, and the sponsor is never
// identified. Sobriety dates are sensitive, so errors never carry values and
// String, fmt and slog output of a Facilitation, Config, Slip or CleanTime
// show identifiers and counts only. The JSON form keeps the dates, for the
// host's PHI store.
//
// # Errors
//
// Invalid input is an error wrapping intervention.ErrInvalid, every problem
// joined, each a *intervention.FieldError naming the JSON path
// ("topics[2]", "slips[0].on") and the rule broken, never the value.
//
// Concurrency: record values are safe to share; *Facilitation is safe for
// concurrent use. This package starts no goroutines.
package twelvestep
