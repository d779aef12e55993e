package fhir

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

// ExportFamily exports a family or couples therapy course as a document:
// each family member as a RelatedPerson (the host's opaque ID, the
// relationship — the local role code and the v3-RoleCode where one matches
// — and the patient; no name), each member's 42 CFR Part 2 consents as
// Consent resources naming the member as recipient (reference:
// plans-and-interop.md §5.5; rules P-CONSENT-1..3), each session as a
// Procedure with an Encounter listing the clinician and the family members
// present, typed with the family model (local codes: the reference
// verifies no code for family counselling — HZ63ZZZ is [unverified]), and
// the therapy's progress figures as Observations. The subject must be the
// therapy's identified patient.
func ExportFamily(subject Subject, t *family.Therapy, opts Options) (*Bundle, error) {
	if t == nil {
		return nil, intervention.Field("therapy", intervention.ErrMissing)
	}
	if err := errors.Join(checkInputs(subject, t.Config().Patient, opts), t.Validate()); err != nil {
		return nil, err
	}
	b := newBuilder(subject, opts)
	b.family(t, nil)
	for _, c := range opts.Consents {
		b.consent(c)
	}
	return b.finish(kindFamily)
}

// family adds therapy t's members, consents, sessions and progress
// figures, and returns the sessions' Procedures and the figures by code.
func (b *builder) family(t *family.Therapy, basedOn []Reference) ([]*Procedure, map[string]Reference) {
	b.disclose(intervention.FamilySessionInformation)
	for _, m := range t.Members() {
		b.relatedPerson(m.Participant)
	}
	for _, m := range t.Members() {
		for _, c := range m.Consents {
			b.consent(c)
		}
	}
	model := concept(local(SystemFamilyModel, string(t.Model())))
	var procs []*Procedure
	for _, s := range t.Sessions() {
		procs = append(procs, b.session(s.Session, false, model))
	}
	return procs, b.measureObservations(t.Progress(b.opts.Timestamp), basedOn)
}
