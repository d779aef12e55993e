// Package motivation models motivational interviewing (MI): stages of
// change, readiness rulers, the URICA and SOCRATES 8D questionnaires, MITI
// 4.2.1 fidelity coding, MISC 2.5 client change talk, the decisional-balance
// worksheet, the change plan, and Component, the MI plan component that
// ties them together (reference: instruments.md §7, §8, §10 D13–D15, §11
// V42–V50).
//
// See docs/reference/motivation.md for each rule's source and test vectors.
//
// The scorers are pure functions over plain values; their options' zero
// values are the documented defaults:
//
//	u, err := motivation.ScoreURICA(answers, motivation.URICAOptions{})
//	// u.Readiness is exact: 59/7 for V48; u.Readiness.Value(2) is 8.43
//
//	m, err := motivation.ScoreMITI(counts, globals, motivation.MITIOptions{})
//	// m.Technical 7/2 (3.5), m.TechnicalLevel fair, m.ReflectionToQuestion 18/12
//
//	s, err := motivation.ScoreSOCRATES(socrates, motivation.SOCRATESOptions{})
//	// s.Recognition.Decile 20, s.Sample "relative to Project MATCH alcohol-treatment sample …"
//
//	ct, err := motivation.ScoreClientLanguage(counts) // ct.PercentChangeTalk 8/12
//
// A Component records what happened in an MI series and reports progress:
//
//	c, err := motivation.New(motivation.Config{ID: id, Patient: patient, Target: "alcohol-use"})
//	_, err = c.AddSession(motivation.MISession{Session: s, Processes: []motivation.Process{motivation.ProcessEngaging}})
//	_, err = c.RecordRating(motivation.RulerRating{ID: rid, Ruler: motivation.RulerReadiness, Value: 6, On: day, Rater: clinician})
//	_, err = c.RecordStage(motivation.StageAssessment{ID: aid, Behavior: "alcohol-use", Stage: motivation.StageContemplation, …})
//	_, err = c.RecordFidelity(coding) // a MITICoding of a recorded session
//	p := c.Progress(asOf)             // measures "mi.readiness-latest", "mi.technical", …
//
// # Exact figures, and what is not computable
//
// Means and ratios are intervention.Ratio values: exact quotients of
// decimals, compared with the thresholds exactly, so a technical global of
// exactly 3.0 or a reflection-to-question ratio of exactly 2.0 lands on the
// threshold. A ratio whose denominator is zero — R:Q with no questions,
// %CR with no reflections, %CT with no change or sustain talk — is not
// computable, never 0 or infinity, and its competency level is
// CompetencyNotComputable.
//
// # Where the sources disagree
//
//   - MITI technical "fair" is 3.0 (PMC9461167 and the code implementations)
//     or 3.5 (Lyssn): MITI421Thresholds (default) and LyssnThresholds (§10 D14).
//   - URICA readiness uses subscale means (range −2…14), not sums (§10 D13).
//     Cut-offs are arbitrary or unverified, so a result carries a stage only
//     when a URICABanding is passed: NearestGroupMean (VCUGroupMeans) or
//     ReadinessCutoffs (CommonURICACutoffs, UNVERIFIED).
//   - Readiness rulers are 0–10 or 1–10, so every rating stores its Scale
//     (§10 D15). A stage from a ruler value is a heuristic
//     (ClinicalToolkitHeuristic), labelled as such in StageEstimate.
//   - SOCRATES deciles are Project MATCH alcohol-treatment norms; for the drug
//     version 8D they rank relative to that sample (§7.6).
//
// # Licensing and privacy
//
// Only scoring logic and code taxonomies are shipped, never item wording or
// manual text (reference: §8). Decisional-balance and change-plan text is
// protected health information (42 CFR Part 2): it is never part of an
// error, and String, fmt verbs and slog output (slog.LogValuer) show only
// identifiers and counts. The text has type intervention.Text, so a
// worksheet's own JSON form (and slog's JSON handler on a list of
// worksheets) writes "[redacted]"; only the component document keeps the
// text, for the host's PHI store, and it is written only by
// MarshalDocument: json.Marshal of a *Component refuses
// (intervention.ErrDocumentOnly), so a component logged alone or inside a
// slice or map shows identifiers and counts, never its text.
//
// # Errors
//
// Invalid input is an error wrapping intervention.ErrInvalid, every problem
// joined, each a *intervention.FieldError naming the JSON path
// ("items[5]", "globals.partnership", "changePlans[1].revises") and the
// rule broken, never the value.
//
// Concurrency: scorers and record values are safe to share; *Component is
// safe for concurrent use. This package starts no goroutines.
package motivation
