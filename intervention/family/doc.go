// Package family models family and couples therapy in addiction care —
// CRAFT, Behavioral Couples Therapy (BCT), BSFT, MDFT, FFT and generic
// family therapy — as the plan component Therapy (reference:
// plans-and-interop.md §2).
//
// See docs/reference/family.md for each rule's source and the tests that pin it.
//
// Each model's structure is data, names and codes only: CRAFTProcedures,
// BCTComponents with the recovery contract's ContractItems, BSFTComponents,
// MDFTDomains and MDFTStages, FFTPhases. A Therapy records:
//
//   - members: family members (intervention.Participant with a family role)
//     and the patient's 42 CFR Part 2 consents for disclosures to them;
//   - sessions: who was expected and who attended, with roles, in format
//     family or conjoint, and the model elements covered; each recorded
//     session returns its bill, CPT 90847 with the identified patient
//     present and 90846 without, from 26 minutes (§5.4);
//   - CRAFT: domestic-violence screens, invitations to the identified
//     patient and the day they entered treatment;
//   - BCT: the recovery contract and the partner's daily calendar
//     (done/missed per item), with adherence as an exact ratio;
//   - caregiver-strain check-ins, flagged by a configurable StrainPolicy.
//
// The happy path:
//
//	t, err := family.New(family.Config{ID: id, Patient: patient, Model: family.ModelCRAFT})
//	_, err = t.AddMember(family.Member{Participant: cso, Consents: []intervention.Consent{consent}})
//	_, err = t.RecordDVScreen(family.DVScreen{ID: sid, Member: cso.ID, On: day, Risk: family.DVRiskNotIdentified, Clinician: c})
//	bill, _, err := t.AddSession(family.Session{Session: s, CRAFTProcedures: procs}) // bill.Code 90846
//	ok, why := t.CanShare(cso.ID, day) // false, "revoked" once the consent is revoked
//	p := t.Progress(asOf)              // measures "family.sessions-attended", "family.craft-invitations", …
//	f := t.Findings(asOf)              // rule C-FAMILY-1 warnings
//
// # Consent
//
// A family member may be listed in a session, or keep a BCT recovery
// contract, only while one of their consents permits disclosure to them by
// ID for the purpose family-involvement on that day, and its scope covers
// what a family session discloses: intervention.FamilySessionInformation,
// the treatment plan (intervention.Consent.PermitsDisclosure; reference:
// plans-and-interop.md §5.5, rules 33–35). A consent scoped to SUD
// counselling notes only, or to CM rewards only, does not permit a
// session. Consent follows the person, not the role a session lists: a
// recorded member listed as a peer supporter, a clinician or under any
// other role is checked the same way (and refused for the role as well).
// Otherwise the record is refused with a *ConsentError whose Reason says
// why — revoked, expired, not-yet-signed, wrong-recipient,
// information-not-covered — and nothing changes. CanShare answers the
// same question for a session; CanDisclose for any other categories before
// the host shares them.
//
// # Rules
//
// Findings implements rule C-FAMILY-1 (severity warning; section (b),
// rule 31): sessions list participants with roles, CRAFT records
// domestic-violence precautions before behaviour-change procedures and
// tracks invitations, BCT records the daily calendar. Rule C-FAMILY-STRAIN
// (info) flags relatives whose strain stays at or above the threshold; the
// reference says nothing about caregiver strain, so its policy is a
// documented design default.
//
// # Records, JSON and privacy
//
// Records carry caller-chosen IDs; recording the same record again is a
// no-op reporting replayed = true, different content under the same key is
// ErrConflict, and a failed call changes nothing. The JSON form has a
// schemaVersion, is decoded strictly by replaying every record, and
// round-trips byte for byte. The library stores no names: people are
// opaque IDs, and the only free text, a consent's description (an
// intervention.Text), never appears in errors, String, fmt, slog output or
// a Member's own JSON form; only the therapy document keeps it.
//
// Concurrency: record values are safe to share; *Therapy is safe for
// concurrent use. This package starts no goroutines.
package family
