// Package contingency runs contingency management (CM): it turns specimen
// results into rewards kept in an append-only, hash-chained ledger, under the
// schedules, caps and edge-case rules of published programmes
// (reference: contingency.md).
//
// See docs/reference/contingency.md for each rule's source and test vectors.
//
// # Concepts
//
//   - A Target names what is rewarded (abstinence from a set of substances,
//     attendance, medication adherence) and a Result reports one visit: a
//     specimen's status and per-substance readings. Only the target's
//     substances count, so a stimulant-only programme rewards a specimen
//     positive only for THC (reference: RIP-3).
//   - A Policy maps every result status to an Outcome — earn, reset or hold —
//     and decides dilute, refused, excused and pending-lab results.
//   - A Schedule prices visits: Escalating vouchers (Higgins; reference:
//     H36), a PrizeBowl of draws (Petry; P1–P3) or a Table of amounts
//     (California's Recovery Incentives Program). Schedules are pure values
//     evaluated incrementally with Advance.
//   - Caps bound awards per item and per window, per funding source and
//     reward instrument (OIG $15/$75, SAMHSA $750, RIP $599), trimming to the
//     cap or refusing.
//   - The Ledger appends entries — earn, bonus, prize, redeem, reverse,
//     adjust, expire — each idempotent on a caller's key and chained by
//     SHA-256, so Verify names the first entry edited, dropped or reordered.
//     Redemptions never overdraw and may wait for a therapist's approval.
//     A Store persists it with optimistic concurrency; MemStore is in memory
//     and contingencytest.TestStore is the suite every store must pass.
//   - A Program is one participant's programme: a testing Calendar whose
//     scheduled days are its visits, results recorded in any arrival order
//     for the visit of the day they were collected (a second result for a
//     visit is a recollection, settled by a RecollectionPolicy; a result on
//     an unscheduled day earns nothing unless AllowUnscheduled), missed
//     visits derived from the calendar, and late or corrected results
//     reconciled by net change (reference: C1). Status tells staff the
//     streak, the next reward and the remaining budget.
//
// # Corrections and money owed
//
// A late or corrected result changes what visits are worth. The programme
// restates each visit it reprices on the ledger (Line.Restate), and the
// ledger posts only the difference: an award when a visit's worth rises,
// reversals of its latest awards when it falls, linked to the entries they
// correct; prize slips already drawn stand, extra draws are drawn and the
// latest slips go back when draws fall. Every visit whose payout changed is
// returned in Recorded.Repriced, so the host can tell staff and the
// patient. A reversal takes what is available; what had already been spent
// is owed (Ledger.Owed), never clawed back, settled by later awards before
// they become spendable or written off with an adjustment. After any
// history, Available = max(0, Earned − Redeemed − Held), Owed =
// max(0, Redeemed − Earned) (without adjustments and expiries), cap usage
// is the net of the awards, and under FullRecompute every visit is worth
// what pricing the results from scratch, caps applied in visit order, says.
//
// # Happy path
//
//	ledger, err := contingency.NewLedger(ctx, store, participantID,
//		contingency.WithCaps(contingency.SAMHSA2025()))
//	cfg := contingency.HigginsProgram(startDate, contingency.RecoveryR1)
//	prog, err := contingency.NewProgram(programID, cfg, ledger)
//	rec, err := prog.Record(ctx, staffID, result) // idempotent on result.SpecimenID
//	paid, balance := rec.Award.Amount(), ledger.Balance()
//	rec, err = prog.Correct(ctx, staffID, "lab-confirmation", labResult)
//	for _, v := range rec.Repriced { … } // every visit whose payout changed
//	owed := ledger.Owed()                 // spent, then taken back by the correction
//	st := prog.Status(asOf) // streak, next reward if negative, cap remaining
//
// # Tamper evidence: what each mode detects, against whom
//
// The ledger is evidence of money paid to a person in treatment, so it must
// show whether anyone changed it. Three layers, each catching more:
//
//   - The hash chain (Verify; always on). Every entry's Hash covers its
//     content and the hash before it. Anyone who edits, drops, inserts,
//     reorders or moves an entry to another participant without
//     recomputing the hashes is caught, and NewLedger refuses to load the
//     ledger. It does not catch an insider with write access to the store
//     who deletes the newest entries (and the version) or edits an entry
//     and recomputes every hash after it: the chain is checked only
//     against itself.
//   - A Digest (Ledger.Digest, VerifyDigest). The participant, version,
//     last hash, balance and amount owed, kept outside the store — printed
//     on the participant's receipt, sent daily to another system. Against
//     it a truncated ledger (ErrTruncated) and any rewrite at or before the
//     digested version, recomputed chain or not (ErrDigestMismatch), are
//     caught. Changes after the last digest are covered by the chain alone.
//   - A KeyRing (WithKeyRing, VerifyKeyed). Every entry carries an
//     HMAC-SHA-256 of its hash under a key the host keeps out of the
//     database; keys have IDs so they can rotate. An insider who can write
//     the rows but not read the key cannot produce a valid MAC, so an edited
//     and recomputed chain fails to load (ErrMACMismatch). Deleting the
//     newest entries leaves valid MACs behind: only a digest catches that.
//     Whoever holds the key can forge entries; keep it from those who can
//     write the store.
//
// The PostgreSQL store's tests tamper with the rows directly and show each
// case caught by the layer named here.
//
// Money is Money, a decimal.Decimal in dollars that always prints and
// encodes with two places; no float carries money.
//
// Concurrency: schedules, policies, targets, results and entries are values
// that are safe to share. *Ledger, *MemStore and *Program are safe for
// concurrent use; a *Bowl is not. The package starts no goroutines.
package contingency
