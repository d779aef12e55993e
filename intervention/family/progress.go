package family

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// The measure codes Progress reports, always all of them and in this order.
// A measure that does not apply to the therapy's model, or has no data
// yet, is not computable (0/0), never 0.
const (
	// MeasureSessionsAttended counts sessions someone attended (unit "sessions").
	MeasureSessionsAttended = "family.sessions-attended"
	// MeasureSessionsWithPatient counts attended sessions with the
	// identified patient present — the 90847 sessions; the others are 90846
	// (unit "sessions"; reference: plans-and-interop.md §5.4).
	MeasureSessionsWithPatient = "family.sessions-with-patient"
	// MeasureMembersAttending counts the members who attended at least one
	// session (unit "members").
	MeasureMembersAttending = "family.members-attending"
	// MeasureElementsCovered is the share of the model's structure covered
	// in attended sessions: CRAFT procedures, BCT components, BSFT
	// components, MDFT stages or FFT phases (unit "ratio"; not computable
	// for the generic model).
	MeasureElementsCovered = "family.elements-covered"
	// MeasureMDFTDomainsCovered is the share of the four MDFT domains
	// worked in (unit "ratio"; MDFT only).
	MeasureMDFTDomainsCovered = "family.mdft-domains-covered"
	// MeasureStage is the current MDFT stage or FFT phase as its ordinal
	// (MDFTStage.Ordinal, FFTPhase.Ordinal) over 1 (unit "ordinal"; MDFT and
	// FFT only, once a session states one).
	MeasureStage = "family.stage"
	// MeasureBCTTrustAdherence is trust discussions done over days marked
	// (unit "ratio"; BCT only).
	MeasureBCTTrustAdherence = "family.bct-trust-adherence"
	// MeasureBCTContractAdherence is contract items done over items marked,
	// all items together (unit "ratio"; BCT only).
	MeasureBCTContractAdherence = "family.bct-contract-adherence"
	// MeasureBCTCalendarRecorded is the calendar days with a trust-discussion
	// mark over the days since the first contract started, through asOf's
	// date inclusive (unit "ratio"; BCT only, once a contract started).
	MeasureBCTCalendarRecorded = "family.bct-calendar-recorded"
	// MeasureCRAFTInvitations counts invitations to the identified patient
	// (unit "invitations"; CRAFT only).
	MeasureCRAFTInvitations = "family.craft-invitations"
	// MeasureCRAFTTreatmentEntry is 1/1 once the identified patient entered
	// treatment and 0/1 before (unit "ratio"; CRAFT only).
	MeasureCRAFTTreatmentEntry = "family.craft-treatment-entry"
	// MeasureStrainFlagged counts the members flagged by StrainFlags (unit
	// "members"); the Due items DueCaregiverSupport name them.
	MeasureStrainFlagged = "family.strain-flagged"
)

// The Due codes Progress reports.
const (
	// DueCaregiverSupport is a member flagged by StrainFlags; Ref is the
	// member, By the latest check-in's date, overdue from the next day.
	DueCaregiverSupport = "family.caregiver-support"
	// DueDVScreen is a CRAFT member who attended a session without a
	// domestic-violence screen; Ref is the member, By the date of the first
	// session they attended, overdue from the next day.
	DueDVScreen = "family.dv-screen"
)

// Progress summarises the therapy as of asOf (intervention.Component). Only
// what happened by asOf counts: sessions that started at or before asOf,
// and dated records on or before asOf's date in the therapy's time zone.
// It is pure.
//
//   - Status: not-started until someone attends a session; completed once
//     PlannedSessions (when set) have been attended; active otherwise.
//   - Completion: sessions attended over PlannedSessions (not computable
//     when open-ended).
//   - Attendance: sessions attended (the patient or a member present) over
//     sessions counted (someone's attendance intervention.Attendance.Counted).
//   - Measures: the Measure… codes, all of them, in their listed order.
//   - Due: DueDVScreen (CRAFT) and DueCaregiverSupport items, by date.
func (t *Therapy) Progress(asOf time.Time) intervention.Progress {
	t.mu.RLock()
	defer t.mu.RUnlock()
	today := t.date(asOf)
	model := t.cfg.Model

	held, counted, withPatient := 0, 0, 0
	members := map[uuid.UUID]bool{}
	elements := map[string]bool{}
	domains := map[MDFTDomain]bool{}
	for _, s := range t.sessions {
		if s.Session.Start.After(asOf) {
			continue
		}
		if slices.ContainsFunc(s.Session.Participants, func(p intervention.SessionParticipant) bool {
			return p.Attendance.Counted()
		}) {
			counted++
		}
		if !s.Held() {
			continue
		}
		held++
		if s.Session.PatientPresent() {
			withPatient++
		}
		for _, p := range s.Session.Present() {
			if p.Role.IsFamily() {
				members[p.ID] = true
			}
		}
		for _, e := range s.elements() {
			elements[e] = true
		}
		for _, d := range s.MDFTDomains {
			domains[d] = true
		}
	}

	status := intervention.StatusActive
	switch {
	case held == 0:
		status = intervention.StatusNotStarted
	case t.cfg.PlannedSessions > 0 && held >= t.cfg.PlannedSessions:
		status = intervention.StatusCompleted
	}

	var mdftDomains, stage intervention.Ratio
	switch model {
	case ModelMDFT:
		mdftDomains = intervention.RatioOf(len(domains), len(MDFTDomains()))
		if s, ok := t.latestSession(asOf, func(s Session) bool { return s.MDFTStage != "" }); ok {
			stage = intervention.RatioOf(s.MDFTStage.Ordinal(), 1)
		}
	case ModelFFT:
		if s, ok := t.latestSession(asOf, func(s Session) bool { return s.FFTPhase != "" }); ok {
			stage = intervention.RatioOf(s.FFTPhase.Ordinal(), 1)
		}
	case ModelCRAFT, ModelBCT, ModelBSFT, ModelGeneric:
	}

	var trust, contract, recorded, invitations, entered intervention.Ratio
	if model == ModelBCT && !today.IsZero() {
		trust = t.adherence(func(i ContractItem) bool { return i == ItemTrustDiscussion }, today)
		contract = t.adherence(func(ContractItem) bool { return true }, today)
		if len(t.contracts) > 0 && !t.contracts[0].Start.After(today) {
			start := t.contracts[0].Start
			recorded = intervention.RatioOf(t.trustDays(start, today.AddDays(1)), today.DaysSince(start)+1)
		}
	}
	if model == ModelCRAFT && !today.IsZero() {
		n := 0
		for _, i := range t.invitations {
			if !i.On.After(today) {
				n++
			}
		}
		invitations = intervention.RatioOf(n, 1)
		in := 0
		if !t.entry.IsZero() && !t.entry.After(today) {
			in = 1
		}
		entered = intervention.RatioOf(in, 1)
	}
	flags := strainFlags(t.cfg.Strain, t.members, t.strain, today)

	prog := intervention.Progress{
		Component: t.cfg.ID, Modality: t.Modality(), AsOf: asOf, Status: status,
		Completion: intervention.RatioOf(min(held, t.cfg.PlannedSessions), t.cfg.PlannedSessions),
		Attendance: intervention.RatioOf(held, counted),
		Measures: []intervention.Measure{
			{Code: MeasureSessionsAttended, Unit: "sessions", Value: intervention.RatioOf(held, 1)},
			{Code: MeasureSessionsWithPatient, Unit: "sessions", Value: intervention.RatioOf(withPatient, 1)},
			{Code: MeasureMembersAttending, Unit: "members", Value: intervention.RatioOf(len(members), 1)},
			{Code: MeasureElementsCovered, Unit: "ratio", Value: intervention.RatioOf(len(elements), model.elementCount())},
			{Code: MeasureMDFTDomainsCovered, Unit: "ratio", Value: mdftDomains},
			{Code: MeasureStage, Unit: "ordinal", Value: stage},
			{Code: MeasureBCTTrustAdherence, Unit: "ratio", Value: trust},
			{Code: MeasureBCTContractAdherence, Unit: "ratio", Value: contract},
			{Code: MeasureBCTCalendarRecorded, Unit: "ratio", Value: recorded},
			{Code: MeasureCRAFTInvitations, Unit: "invitations", Value: invitations},
			{Code: MeasureCRAFTTreatmentEntry, Unit: "ratio", Value: entered},
			{Code: MeasureStrainFlagged, Unit: "members", Value: intervention.RatioOf(len(flags), 1)},
		},
	}
	if model == ModelCRAFT {
		prog.Due = append(prog.Due, t.dvDue(asOf, today)...)
	}
	for _, f := range flags {
		prog.Due = append(prog.Due, intervention.Due{
			Code: DueCaregiverSupport, By: f.LatestOn, Overdue: today.After(f.LatestOn), Ref: f.Member,
		})
	}
	slices.SortStableFunc(prog.Due, func(a, b intervention.Due) int { return a.By.Compare(b.By) })
	return prog
}

// elements returns the model elements s covered, as "kind:code" keys; for
// MDFT the stage, for FFT the phase.
func (s Session) elements() []string {
	var out []string
	for _, p := range s.CRAFTProcedures {
		out = append(out, "craft:"+string(p))
	}
	for _, c := range s.BCTComponents {
		out = append(out, "bct:"+string(c))
	}
	for _, c := range s.BSFTComponents {
		out = append(out, "bsft:"+string(c))
	}
	if s.MDFTStage != "" {
		out = append(out, "mdft:"+string(s.MDFTStage))
	}
	if s.FFTPhase != "" {
		out = append(out, "fft:"+string(s.FFTPhase))
	}
	return out
}

// trustDays counts the calendar days in [from, before) with a
// trust-discussion mark (one entry per day and item).
func (t *Therapy) trustDays(from, before intervention.Date) int {
	n := 0
	for _, e := range t.calendar {
		if e.Item == ItemTrustDiscussion && !e.Day.Before(from) && e.Day.Before(before) {
			n++
		}
	}
	return n
}

// screened reports whether member has a DV screen dated on or before d.
func (t *Therapy) screened(member uuid.UUID, d intervention.Date) bool {
	return slices.ContainsFunc(t.screens, func(s DVScreen) bool { return s.Member == member && !s.On.After(d) })
}

// dvDue lists the members who attended a CRAFT session by asOf without a
// DV screen dated on or before today, each due by their first session.
func (t *Therapy) dvDue(asOf time.Time, today intervention.Date) []intervention.Due {
	first := map[uuid.UUID]time.Time{}
	var order []uuid.UUID
	for _, s := range t.sessions {
		if s.Session.Start.After(asOf) {
			continue
		}
		for _, p := range s.Session.Present() {
			if !p.Role.IsFamily() {
				continue
			}
			if f, ok := first[p.ID]; !ok || s.Session.Start.Before(f) {
				if !ok {
					order = append(order, p.ID)
				}
				first[p.ID] = s.Session.Start
			}
		}
	}
	var out []intervention.Due
	for _, m := range order {
		if t.screened(m, today) {
			continue
		}
		by := t.date(first[m])
		out = append(out, intervention.Due{Code: DueDVScreen, By: by, Overdue: today.After(by), Ref: m})
	}
	return out
}
