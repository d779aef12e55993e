// Package screen scores substance-use screening instruments: AUDIT, AUDIT-C,
// DAST-10, CRAFFT 2.1, WHO ASSIST v3 (per substance), the NIAAA single
// question, CAGE and CAGE-AID, the NIDA Quick Screen and TAPS-1
// (reference: instruments.md §1–§5).
//
// See docs/reference/screening.md for each rule's source and test vectors.
//
// Each instrument has an answers type holding the patient's answers as
// semantic enums (never raw option numbers), an options type whose zero value
// is the documented default, and a pure scorer:
//
//	r, err := screen.ScoreAUDIT(screen.AUDITAnswers{
//		Q1: screen.DrinkFrequency2To3AWeek, Q2: screen.DrinkQuantity5To6, Q3: screen.FrequencyMonthly,
//		Q4: screen.FrequencyNever, Q5: screen.FrequencyNever, Q6: screen.FrequencyNever,
//		Q7: screen.FrequencyLessThanMonthly, Q8: screen.FrequencyNever,
//		Q9: screen.YearRecencyNo, Q10: screen.YearRecencyNo,
//	}, screen.AUDITOptions{})
//	// r.Score 8, r.Band zone-2, r.Action simple-advice, r.Positive true, r.LOINC 75624-7
//
//	rep, err := screen.ScoreASSIST(answers, screen.ASSISTOptions{})
//	alcohol, _ := rep.Substance(screen.SubstanceAlcohol) // alcohol.Band, alcohol.Action
//
//	s, err := screen.ScoreJSON(stored, screen.Options{}) // {"instrument":"audit","answers":{…}}
//	sum := s.Summary()                                   // what a brief intervention reads
//
// Every result embeds Result: instrument and version, score and maximum,
// band, recommended Action (in the source's wording), positive flag, LOINC
// code where the reference confirms one, completeness, the rule or cut-off
// table used, and review Flags. Beside it each result type carries the
// answers it was computed from and the instrument's detail (item points,
// AUDIT domains and escalation, CRAFFT use, ASSIST injection, Quick Screen
// routing…).
//
// Invalid input is an error wrapping intervention.ErrInvalid with a field
// path ("answers.q9", "answers.substances[2].q4", "options.zones.male"),
// every problem joined; nothing is clamped. Answers decode strictly from JSON
// (unknown keys, repeated keys, unknown enum values and wrong JSON types are
// errors); results marshal with lowerCamelCase keys and enums as strings.
// Only scoring logic, cut-offs and codes are shipped: no licensed item
// wording (reference: instruments.md §8; §10 D19: AUDIT is WHO copyright,
// non-commercial, whatever secondary sources say).
//
// # Completeness and skipped items
//
// Items a skip pattern skips are not required and score 0 when unanswered.
// An answer with points to an item skipped because a gate answer says there
// was no use — AUDIT Q2–Q8 after Q1 = never, ASSIST Q2–Q7 after Q1 = no,
// CRAFFT Part B beyond CAR after Part A all 0 — contradicts the gate and is
// an ErrContradictsGate error. Items skipped only as a shortcut (AUDIT Q4–Q8
// after Q2+Q3 = 0, ASSIST Q3–Q5 after Q2 = never) are scored when answered
// and raise FlagSkippedItemAnswered. A required item left unanswered is
// handled by MissingPolicy.
//
// # Where the sources disagree (reference: instruments.md §10)
//
//   - D1 AUDIT 20 is zone IV: pinned by V7 and the AUDIT boundary table.
//   - D2 AUDIT zone interventions (8–15 simple advice, 16–19 brief
//     counselling): pinned by V3–V7.
//   - D3 missing data: MissingPolicy, default MissingIncomplete (skip-pattern
//     aware); MissingAsZero and MissingReject on request.
//   - D4 Q9/Q10 raw codes: answers are enums (YearRecency 0/2/4 only); V11
//     pins a raw 3 as an error.
//   - D5 locale or sex-specific AUDIT cut-offs: AUDITZones is data, default
//     WHOAUDITZones.
//   - D6 AUDIT Q1 = never: AUDITSkipRule, default AUDITSkipWHO (Q9/Q10 still
//     asked, V12); AUDITSkipStopAtQ1Never on request.
//   - D7 AUDIT-C male cut-off: AUDITCCutoffs is data, default
//     BradleyAUDITCCutoffs (≥ 4 men, ≥ 3 women), pinned by V13–V15.
//   - D8 DAST-10 item 3 is reversed inside the library from raw answers:
//     pinned by V19–V20.
//   - D9 DAST never-user answers item 3 "yes": documented on DAST10Answers
//     and pinned by a test.
//   - D10 DAST-10 bands: DASTBands is data, default SkinnerDASTBands.
//   - D11 DAST-28: not implemented here.
//   - D12 ASSIST non-alcohol bands 4–26: pinned by V33–V34; ASSISTBands is
//     data (default DefaultASSISTBands, not yet checked against the manual).
//   - D16 LOINC: the LOINC constants are pinned by a test (75624-7 AUDIT,
//     75626-2 AUDIT-C, 72109-2 AUDIT-C panel, never swapped).
//   - D17 CRAFFT tiers: only ≥ 2 positive (CRAFFTOptions.Threshold), pinned
//     by V27–V30.
//   - D19 AUDIT licence: no item text is shipped.
//   - The AUDIT escalation rule's Q4–Q6 clause: AUDITEscalation, default
//     AUDITEscalationAny, recorded in AUDITResult.Escalation; V10 is tested
//     under every reading.
//   - The ASSIST injecting rule (UNVERIFIED): ASSISTOptions
//     .InjectionBriefMaxDays, default off.
//
// D13–D15 (MI measures) and D18 (billing) belong to other packages.
//
// Concurrency: every value is immutable once built and safe to share; the
// package has no state and starts no goroutines. Scoring allocates nothing:
// answers and results are fixed-size values, flags are a bit set, and
// ASSISTReport holds its per-substance results in an array indexed by
// substance (bench_test.go).
package screen
