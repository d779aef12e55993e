package fhir

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// sessionPeriod returns the period from start lasting minutes.
func sessionPeriod(start time.Time, minutes int) *Period {
	return &Period{Start: dateTime(start), End: dateTime(start.Add(time.Duration(minutes) * time.Minute))}
}

// session adds a delivered session as a Procedure (reference:
// plans-and-interop.md §5.1, "Delivered session → Encounter (+ Procedure)"):
// code from the modality and format (ICD-10-PCS section H and SNOMED CT
// where verified, always the local modality code), the clinician as
// performer, status completed when anyone attended and not-done otherwise.
// A session with family members also gets an Encounter listing the
// clinician and the family members present (RelatedPersons), with extra
// types (the family model). It returns the Procedure, or the one already
// added for the session.
func (b *builder) session(s intervention.Session, alcohol bool, types ...CodeableConcept) *Procedure {
	id := ResourceID("Procedure", s.ID)
	if r, ok := b.get(id); ok {
		if p, ok := r.(*Procedure); ok {
			return p
		}
	}
	b.disclose(intervention.InfoAttendance)
	held := len(s.Present()) > 0
	code := sessionConcept(s.Modality, s.Format, alcohol)
	proc := &Procedure{
		Base: Base{ID: id}, Identifier: []Identifier{uuidIdentifier(s.ID)}, Status: "not-done",
		Code: &code, Subject: b.patient,
	}
	if held {
		proc.Status = "completed"
		proc.PerformedPeriod = sessionPeriod(s.Start, s.Minutes)
	}
	if s.Clinician != uuid.Nil {
		proc.Performer = []ProcedurePerformer{{Actor: b.practitioner(s.Clinician)}}
	}
	var family []Reference
	var present []Reference
	for _, p := range s.Participants {
		if !p.Role.IsFamily() {
			continue
		}
		ref := b.relatedPerson(p.Participant)
		family = append(family, ref)
		if p.Attendance.Present() {
			present = append(present, ref)
		}
	}
	if len(family) > 0 {
		enc := &Encounter{
			Base: Base{ID: ResourceID("Encounter", s.ID)}, Identifier: []Identifier{uuidIdentifier(s.ID)},
			Status: "cancelled", Class: Coding{System: SystemActCode, Code: "AMB"},
			Type: append([]CodeableConcept{ModalityConcept(s.Modality, alcohol)}, types...), Subject: &b.patient,
		}
		if held {
			enc.Status = "finished"
			enc.Period = sessionPeriod(s.Start, s.Minutes)
		}
		if s.Clinician != uuid.Nil {
			clin := b.practitioner(s.Clinician)
			enc.Participant = append(enc.Participant, EncounterParticipant{
				Type: []CodeableConcept{concept(local(systemParticipationType, "PPRF"))}, Individual: &clin,
			})
		}
		for i := range present {
			enc.Participant = append(enc.Participant, EncounterParticipant{
				Type: []CodeableConcept{concept(local(systemParticipationType, "PART"))}, Individual: &present[i],
			})
		}
		ref := b.add(enc)
		proc.Encounter = &ref
	}
	b.add(proc)
	return proc
}

// link applies a plan's session link to the session's Procedure (making a
// Procedure from the link when no component holds the session): basedOn
// the CarePlan, and the Conditions of the problems the addressed
// objectives and interventions serve as reasons — the golden thread
// (reference: plans-and-interop.md §4.7; (b) 24).
func (b *builder) link(id uuid.UUID, m intervention.Modality, start time.Time, minutes int, alcohol bool,
	carePlan Reference, reasons []Reference,
) *Procedure {
	var proc *Procedure
	if r, ok := b.get(ResourceID("Procedure", id)); ok {
		proc, _ = r.(*Procedure)
	}
	if proc == nil {
		b.disclose(intervention.InfoAttendance)
		code := ModalityConcept(m, alcohol)
		proc = &Procedure{
			Base: Base{ID: ResourceID("Procedure", id)}, Identifier: []Identifier{uuidIdentifier(id)},
			Status: "completed", Code: &code, Subject: b.patient, PerformedPeriod: sessionPeriod(start, minutes),
		}
		b.add(proc)
	}
	if !slices.Contains(proc.BasedOn, carePlan) {
		proc.BasedOn = append(proc.BasedOn, carePlan)
	}
	for _, r := range reasons {
		if !slices.Contains(proc.ReasonReference, r) {
			proc.ReasonReference = append(proc.ReasonReference, r)
		}
	}
	return proc
}
