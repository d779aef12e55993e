// Package plan is the treatment plan: problems → goals (in the patient's own
// words and clinical wording) → measurable objectives → interventions
// delivered by components (an MI series, a brief intervention, a CM
// programme, a CBT course, family therapy, TSF or the host's own), with
// strengths, discharge criteria, the ASAM level of care, participation,
// signatures, periodic reviews and the sessions that carried it out
// (reference: plans-and-interop.md §4; DESIGN.md, "Treatment plans").
//
// See docs/reference/plans.md for each rule's source, the timing and ASAM tables, and
// what a finding's Source ("plans-and-interop.md (b) N") refers to.
//
// Every element has a caller-chosen UUID that never changes. Content is
// changed by Edit, one Change (who, when, why) carrying ops; each change is
// an append-only Revision listing the IDs it added or changed, never the
// text. The lifecycle is an explicit state machine (see Status):
//
//	p, err := plan.New(plan.Config{ID: id, Patient: patient, Jurisdiction: "US-MN",
//		Setting: "outpatient", Admitted: admitted, Location: loc})
//	rev, _, err := p.Edit(plan.Change{ID: c1, By: author, At: t1, Reason: plan.ReasonInitial},
//		plan.AttachComponent(mi),
//		plan.PutProblem(plan.Problem{ID: pr, Statement: intervention.NewText("…"), Diagnoses: []plan.DiagnosisCode{"F10.20"}, …}),
//		plan.PutGoal(plan.Goal{ID: g, Problem: pr, PatientWords: intervention.NewText("…"),
//			Clinical: intervention.NewText("…")}),
//		plan.PutObjective(plan.Objective{ID: o, Goal: g, Text: intervention.NewText("…"),
//			Measure: "days-abstinent", Target: …, Due: due}),
//		plan.PutIntervention(plan.Intervention{ID: iv, Objectives: []uuid.UUID{o}, Modality: mi.Modality(),
//			Component: mi.ID(), Frequency: plan.Frequency{Count: 1, Per: plan.PerWeek}, Responsible: staff}),
//		…)
//	_, err = p.Sign(plan.Signature{ID: s1, Revision: rev.ID, Role: plan.SignerAuthor, …})
//	_, _, err = p.Transition(plan.Change{ID: c2, …, Reason: plan.ReasonActivation}, plan.StatusActive)
//	_, err = p.LinkSession(plan.LinkFor(session, mi.ID(), true, o, iv)) // the golden thread
//
//	rules, err := plan.DefaultRules(plan.RulesConfig{}) // seeded timing and ASAM tables
//	findings := rules.Check(p, asOf)                    // rule ID, severity, path, fixed message
//	due := p.Due(asOf, plan.SeedTimingTable())          // initial plan, review, co-signature, components
//	doc, err := codec.Marshal(p)                        // components through their codecs
//
// # Lifecycle
//
// A new plan is a draft. Content (problems, goals, objectives,
// interventions, strengths, discharge criteria, participation, level of
// care, components) changes only in a draft or under review; an active plan
// changes only objective statuses (SetObjectiveStatus); a closed plan
// accepts only signatures. To change an active plan, begin a review
// (Transition to StatusUnderReview), edit, and CompleteReview, which
// records the review and makes the plan active again. An illegal move, an
// invalid edit, or any failed call is an error wrapping
// intervention.ErrInvalid that changes nothing; replaying a change, a
// signature or a session link with the same ID and content is a no-op.
//
// # Rules
//
// A Rule returns intervention.Findings with a rule ID, severity, the JSON
// path of the element and a fixed message (no PHI). RuleSet composes rules:
// With adds or replaces, Without removes (also component findings by their
// rule ID), WithSeverity re-grades. DefaultRules has these rules of
// plans-and-interop.md section (b), reading data tables the host may
// replace (RulesConfig): P-STRUCT-1, P-DX-1, P-STRENGTH-1, P-WORDS-1,
// P-MEASURE-1, P-TARGET-DATE-1, P-INTERV-1, P-READINESS-1 (stage of change
// from a motivation.Component), P-DISCHARGE-1, P-SCRIPT-1 (a TextSet of
// known template and other-patient texts), P-PARTIC-1, P-SIGN-1,
// P-COSIGN-1, P-DUE-INIT-1 and P-DUE-REVIEW-1 (a TimingTable,
// jurisdiction × setting, seeded from §4.4 with unverified rows marked),
// P-REVIEW-CONTENT-1, P-ASAM-1 and P-ASAM-2 (an ASAMTable per edition),
// P-THREAD-1, P-ID-1, and C-COMPONENTS, which collects every component's
// own findings (intervention.Checker: C-CBT-MATCH-1, C-TSF-1, …).
//
// Not included, because the model holds nothing to check them against:
// P-NEEDS-1 (needs the linked assessment's prioritised needs), P-REFERRAL-1
// (referrals to outside services are not modelled), P-CULTURE-1 (no
// considerations field), P-COPY-1 (no record of a copy given), P-GATE-1
// (scheduling is the host's), P-BILL-TIME-1 and P-GROUP-1 (timed codes and
// per-attendee minutes belong to sessions and package billing, checked by
// intervention.Session.Validate and the components), P-CONSENT-1..3
// (disclosure is checked by intervention.Consent) and P-FHIR-1 (an export
// property, not a plan's: package plan/fhir builds bundles that hold the R4
// invariants it names and verifies every reference before returning). A host adds any of them as its own Rule. "LOC change triggers an
// immediate review" (P-DUE-REVIEW-1) is enforced by the lifecycle: a level
// of care changes only under review.
//
// # JSON
//
// A Codec writes the whole plan, each component as {modality, id,
// document}, and reads it back strictly: unknown keys (matched exactly),
// wrong JSON types and invalid values are errors naming the path, and the
// content is checked as building it would be. Built-in component codecs
// cover the modalities whose types read themselves; the host registers the
// rest (WithComponentCodec): its own components, and contingency
// management, whose Program writes itself but is read by
// contingency.DecodeProgram against the host's ledger, through a decoder
// closure the host registers.
//
// Documents evolve under one contract (docs/schema-evolution.md): a
// schemaVersion is "MAJOR" or "MAJOR.MINOR"; a later minor version only
// adds optional keys, which this reader skips; a later major version is
// intervention.ErrNewerSchema; an earlier major version is upgraded on
// read. The plan document is at SchemaVersion 1.1 (content hashes).
//
// # Signed content
//
// Every revision records the hash of the content it left (Revision.
// ContentHash: the configuration, every element and the attached
// components, in document form), and Sign binds a signature to the hash of
// the revision it signs. Decoding refuses a document whose content no
// longer matches its last revision, or whose signature names a revision of
// other content (ErrContentMismatch): content edited in the store, or a
// signature moved to edited content, does not load. Someone who can rewrite
// the document can also recompute the hashes; keep the revision's hash
// elsewhere (an audit log, a signed PDF) to catch that. Documents written
// before content hashes existed carry none and decode as before.
//
// # Privacy
//
// Plan text is PHI (42 CFR Part 2) and has type intervention.Text, which
// prints "[redacted]" through String, every fmt verb, slog and
// encoding/json, so an element's own JSON form (and slog's JSON handler on
// a list of elements) never carries it; Plan and the elements implement
// slog.LogValuer with identifiers and codes only; no error carries a value.
// Only the plan document (Codec, Plan.MarshalDocument) holds the text: store
// it only where PHI may be stored. json.Marshal of a *Plan refuses
// (intervention.ErrDocumentOnly), so a plan logged alone or inside a slice
// or map shows identifiers and counts, never its text.
//
// Concurrency: *Plan is safe for concurrent use, and rules read an
// immutable snapshot. Values (elements, revisions, findings, tables, rule
// sets, codecs) are safe to share. This package starts no goroutines.
package plan
