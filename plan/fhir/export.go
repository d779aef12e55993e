package fhir

import (
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// Export exports treatment plan p as of opts.Timestamp as a FHIR R4
// document Bundle about subject, who must be the plan's patient (reference:
// plans-and-interop.md §5.1; rule P-FHIR-1):
//
//   - the plan → CarePlan (status, intent plan, category assess-plan,
//     period, author, addresses, goals, activities, supportingInfo);
//   - each problem → a Condition (problem-list-item) coded with its
//     ICD-10-CM diagnosis; a problem with several diagnoses gets one
//     Condition per diagnosis;
//   - each goal and each objective → a Goal with lifecycleStatus and
//     achievementStatus; an objective carries its target (measure, detail,
//     due date) and addresses its problem's Conditions, and its goal links
//     it with the goal-relationship extension (type milestone);
//   - each intervention → a CarePlan activity with an inline detail (never
//     a reference as well: invariant cpl-3): modality code, objectives,
//     status, frequency, responsible staff, and the Procedures of the
//     sessions that carried it out as outcomes;
//   - each component → what its own exporter writes (CM: ExportContingency;
//     family therapy: ExportFamily; a brief intervention: its triggering
//     screen's Observation and its deliveries; MI, CBT and TSF: their
//     sessions, and TSF its consents) plus its progress figures as
//     Observations (a host's component: the figures only);
//   - each session link → the session's Procedure, based on the CarePlan,
//     with the Conditions it addressed as reasons;
//   - each ASAM placement → an Observation ("asam.placement") in
//     supportingInfo.
//
// Strengths, discharge criteria, participation records, reviews,
// signatures and revisions are not exported: they are the host's audit
// record of the plan, and R4 has no element for them but free-text notes.
//
// Text: clinical wording is exported unless opts.OmitClinicalText; goals
// in the patient's own words only with opts.IncludePatientWords. Every
// resource carries the security labels and the document the §2.32 notice.
// Errors wrap intervention.ErrInvalid and change nothing.
func Export(p *plan.Plan, subject Subject, opts Options) (*Bundle, error) {
	if p == nil {
		return nil, intervention.Field("plan", intervention.ErrMissing)
	}
	cfg := p.Config()
	if err := checkInputs(subject, cfg.Patient, opts); err != nil {
		return nil, err
	}
	b := newBuilder(subject, opts)
	b.disclose(intervention.InfoTreatmentPlan, intervention.InfoProgress) // the plan; goal and objective achievement
	e := planExport{b: b, p: p, cfg: cfg, carePlan: refTo(&CarePlan{Base: Base{ID: ResourceID("CarePlan", cfg.ID)}})}
	e.conditionsOf()
	e.goalsAndObjectives()
	e.componentResources()
	e.sessionLinks()
	b.add(e.carePlanResource())
	e.outcomes()
	for _, c := range opts.Consents {
		b.consent(c)
	}
	return b.finish(kindPlan)
}

// planExport holds the references made while exporting one plan.
type planExport struct {
	b        *builder
	p        *plan.Plan
	cfg      plan.Config
	carePlan Reference

	conditions   map[uuid.UUID][]Reference // problem → Conditions
	allConds     []Reference
	goals        map[uuid.UUID]*Goal // goal or objective ID → Goal
	goalRefs     []Reference
	alcohol      map[uuid.UUID]bool                   // component → brief intervention for alcohol
	compSessions map[uuid.UUID][]*Procedure           // component → its sessions' Procedures
	compMeasures map[uuid.UUID]map[string]Reference   // component → measure Observations by code
	linked       map[uuid.UUID][]*Procedure           // intervention → Procedures of sessions addressing it
	supporting   []Reference                          // ASAM placements, triggering screens
	objectiveOf  map[uuid.UUID]plan.Objective         // objective ID → objective
	problemOf    map[uuid.UUID]uuid.UUID              // goal ID → problem ID
	served       map[uuid.UUID][]plan.Intervention    // objective → interventions serving it
	componentsBy map[uuid.UUID]intervention.Component // component ID → component
}

// problemClinical maps a problem status to Condition.clinicalStatus: a
// resolved problem is resolved; an active, deferred or referred one is
// still an active condition (deferral is about this plan, not the
// condition).
func problemClinical(s plan.ProblemStatus) string {
	switch s {
	case plan.ProblemResolved:
		return "resolved"
	case plan.ProblemActive, plan.ProblemDeferred, plan.ProblemReferred:
		return "active"
	}
	return "active"
}

func (e *planExport) conditionsOf() {
	e.conditions = map[uuid.UUID][]Reference{}
	for _, pr := range e.p.Problems() {
		codes := pr.Diagnoses
		if len(codes) == 0 {
			codes = []plan.DiagnosisCode{""}
		}
		for i, d := range codes {
			c := &Condition{
				Base: Base{ID: ResourceID("Condition", pr.ID, string(d))}, Identifier: []Identifier{uuidIdentifier(pr.ID)},
				ClinicalStatus: conceptPtr(local(systemConditionClinical, problemClinical(pr.Status))),
				Category:       []CodeableConcept{concept(local(systemConditionCategory, "problem-list-item"))},
				Code:           &CodeableConcept{}, Subject: e.b.patient,
			}
			if i == 0 {
				c.ID = ResourceID("Condition", pr.ID)
				c.Code.Text = e.b.clinical(pr.Statement.Reveal())
			}
			if d != "" {
				c.Code.Coding = []Coding{{System: SystemICD10CM, Code: string(d)}}
				e.b.disclose(intervention.InfoDiagnosis)
			}
			if len(c.Code.Coding) == 0 && c.Code.Text == "" {
				c.Code = conceptPtr(local(systemDataAbsent, "masked"))
			}
			ref := e.b.add(c)
			e.conditions[pr.ID] = append(e.conditions[pr.ID], ref)
			e.allConds = append(e.allConds, ref)
		}
	}
}

// goalStatus maps a goal's status to lifecycleStatus and achievementStatus
// (reference: plans-and-interop.md (b) 36, both populated).
func goalStatus(s plan.GoalStatus) (lifecycle, achievement string) {
	switch s {
	case plan.GoalActive:
		return "active", "in-progress"
	case plan.GoalAchieved:
		return "completed", "achieved"
	case plan.GoalDiscontinued:
		return "cancelled", "not-achieved"
	}
	return "active", "in-progress"
}

// objectiveStatus maps an objective's status to lifecycleStatus and
// achievementStatus.
func objectiveStatus(s plan.ObjectiveStatus) (lifecycle, achievement string) {
	switch s {
	case plan.ObjectiveNotStarted:
		return "planned", "in-progress"
	case plan.ObjectiveInProgress:
		return "active", "in-progress"
	case plan.ObjectiveMet:
		return "completed", "achieved"
	case plan.ObjectiveNotMet:
		return "completed", "not-achieved"
	case plan.ObjectiveDiscontinued:
		return "cancelled", "not-achieved"
	}
	return "active", "in-progress"
}

// masked is the description of a goal whose wording is not exported:
// data-absent-reason "masked".
func masked() CodeableConcept { return concept(local(systemDataAbsent, "masked")) }

func (e *planExport) goalsAndObjectives() {
	e.goals = map[uuid.UUID]*Goal{}
	e.problemOf = map[uuid.UUID]uuid.UUID{}
	e.objectiveOf = map[uuid.UUID]plan.Objective{}
	start := e.b.dateIn(e.cfg.Admitted, e.cfg.Location)
	for _, g := range e.p.Goals() {
		life, ach := goalStatus(g.Status)
		res := &Goal{
			Base: Base{ID: ResourceID("Goal", g.ID)}, Identifier: []Identifier{uuidIdentifier(g.ID)},
			LifecycleStatus: life, AchievementStatus: conceptPtr(local(systemGoalAchievement, ach)),
			Category: []CodeableConcept{concept(local(systemGoalCategory, "behavioral"))},
			Subject:  e.b.patient, StartDate: start, Addresses: e.conditions[g.Problem],
		}
		words := strings.TrimSpace(g.PatientWords.Reveal())
		clinicalText := e.b.clinical(g.Clinical.Reveal())
		switch {
		case clinicalText != "":
			res.Description = CodeableConcept{Text: clinicalText}
			if words != "" && e.b.opts.IncludePatientWords {
				res.Note = []Annotation{{AuthorReference: &e.b.patient, Text: g.PatientWords.Reveal()}}
			}
		case words != "" && e.b.opts.IncludePatientWords:
			res.Description = CodeableConcept{Text: g.PatientWords.Reveal()}
		default:
			res.Description = masked()
		}
		if words != "" {
			res.ExpressedBy = &e.b.patient
		}
		e.goals[g.ID] = res
		e.problemOf[g.ID] = g.Problem
		e.goalRefs = append(e.goalRefs, e.b.add(res))
	}
	for _, o := range e.p.Objectives() {
		e.objectiveOf[o.ID] = o
		life, ach := objectiveStatus(o.Status)
		res := &Goal{
			Base: Base{ID: ResourceID("Goal", o.ID)}, Identifier: []Identifier{uuidIdentifier(o.ID)},
			LifecycleStatus: life, AchievementStatus: conceptPtr(local(systemGoalAchievement, ach)),
			Category: []CodeableConcept{concept(local(systemGoalCategory, "behavioral"))},
			Subject:  e.b.patient, StartDate: start, Addresses: e.conditions[e.problemOf[o.Goal]],
		}
		res.Description = CodeableConcept{Text: e.b.clinical(o.Text.Reveal())}
		if res.Description.Text == "" {
			res.Description = masked()
		}
		res.Target = e.b.targets(o)
		ref := e.b.add(res)
		e.goals[o.ID] = res
		e.goalRefs = append(e.goalRefs, ref)
		if parent, ok := e.goals[o.Goal]; ok {
			parent.Extension = append(parent.Extension, Extension{URL: ExtGoalRelationship, Extension: []Extension{
				{URL: "type", ValueCodeableConcept: conceptPtr(local(systemGoalRelationship, "milestone"))},
				{URL: "target", ValueReference: &ref},
			}})
		}
	}
}

// comparator maps a target comparator to a Quantity comparator; Exactly
// has none.
func comparator(c plan.Comparator) string {
	switch c {
	case plan.AtLeast:
		return ">="
	case plan.AtMost:
		return "<="
	case plan.Exactly:
		return ""
	}
	return ""
}

// targets returns objective o's targets: its measure with the numeric
// target as a Quantity and the criterion as a string (clinical text), and
// its due date. A detail needs a measure (invariant gol-1): without a
// measure only the due date is exported.
func (b *builder) targets(o plan.Objective) []GoalTarget {
	var out []GoalTarget
	var measure *CodeableConcept
	if o.Measure != "" {
		measure = conceptPtr(local(SystemMeasure, o.Measure))
	}
	due := o.Due.String()
	if measure != nil && o.Target.Numeric() {
		out = append(out, GoalTarget{Measure: measure, DueDate: due, DetailQuantity: &Quantity{
			Value: jsonNumber(exact(o.Target.Value)), Comparator: comparator(o.Target.Comparator), Unit: o.Target.Unit,
		}})
	}
	if crit := b.clinical(o.Target.Criterion.Reveal()); measure != nil && crit != "" {
		out = append(out, GoalTarget{Measure: measure, DueDate: due, DetailString: crit})
	}
	if len(out) == 0 && (measure != nil || due != "") {
		out = append(out, GoalTarget{Measure: measure, DueDate: due})
	}
	return out
}

func (e *planExport) componentResources() {
	e.alcohol = map[uuid.UUID]bool{}
	e.compSessions = map[uuid.UUID][]*Procedure{}
	e.compMeasures = map[uuid.UUID]map[string]Reference{}
	e.componentsBy = map[uuid.UUID]intervention.Component{}
	basedOn := []Reference{e.carePlan}
	for _, c := range e.p.Components() {
		id := c.ID()
		e.componentsBy[id] = c
		var sessions []intervention.Session
		switch x := c.(type) {
		case *contingency.Program:
			proc, figures := e.b.contingency(x, basedOn)
			e.compMeasures[id] = figures
			if r, ok := e.b.get(strings.TrimPrefix(proc.Reference, URNPrefix)); ok {
				if pr, ok := r.(*Procedure); ok {
					e.compSessions[id] = append(e.compSessions[id], pr)
				}
			}
			continue
		case *family.Therapy:
			procs, figures := e.b.family(x, basedOn)
			e.compSessions[id], e.compMeasures[id] = procs, figures
			continue
		case *brief.Intervention:
			bc := x.Config()
			alcohol := alcoholScreen(bc.Screen.Instrument)
			e.alcohol[id] = alcohol
			e.supporting = append(e.supporting, e.b.screening(id, bc.Screen, bc.ScreenedAt, uuid.Nil, nil, basedOn))
			for _, d := range x.Deliveries() {
				code := ModalityConcept(intervention.ModalityBriefIntervention, alcohol)
				proc := &Procedure{
					Base: Base{ID: ResourceID("Procedure", d.ID)}, Identifier: []Identifier{uuidIdentifier(d.ID)},
					Status: "completed", Code: &code, Subject: e.b.patient, PerformedPeriod: sessionPeriod(d.At, d.Minutes),
					Performer: []ProcedurePerformer{{Actor: e.b.practitioner(d.Clinician)}},
				}
				e.b.add(proc)
				e.b.disclose(intervention.InfoAttendance)
				e.compSessions[id] = append(e.compSessions[id], proc)
			}
		case *motivation.Component:
			for _, s := range x.Sessions() {
				sessions = append(sessions, s.Session)
			}
		case *cbt.Course:
			for _, s := range x.Sessions() {
				sessions = append(sessions, s.Session)
			}
		case *twelvestep.Facilitation:
			sessions = x.Sessions()
			for _, s := range sessions {
				for _, pt := range s.Participants {
					if pt.Role.IsFamily() {
						e.b.relatedPerson(pt.Participant)
					}
				}
			}
			for _, cs := range x.Consents() {
				e.b.consent(cs)
			}
		}
		for _, s := range sessions {
			e.compSessions[id] = append(e.compSessions[id], e.b.session(s, false))
		}
		e.compMeasures[id] = e.b.measureObservations(c.Progress(e.b.opts.Timestamp), basedOn)
	}
	for _, procs := range e.compSessions {
		for _, pr := range procs {
			if !slices.Contains(pr.BasedOn, e.carePlan) {
				pr.BasedOn = append(pr.BasedOn, e.carePlan)
			}
		}
	}
}

func (e *planExport) sessionLinks() {
	e.linked = map[uuid.UUID][]*Procedure{}
	e.served = map[uuid.UUID][]plan.Intervention{}
	interventions := map[uuid.UUID]plan.Intervention{}
	for _, iv := range e.p.Interventions() {
		interventions[iv.ID] = iv
		for _, o := range iv.Objectives {
			e.served[o] = append(e.served[o], iv)
		}
	}
	for _, l := range e.p.Sessions() {
		var reasons []Reference
		var addressed []uuid.UUID
		for _, a := range l.Addresses {
			if o, ok := e.objectiveOf[a]; ok {
				reasons = appendNew(reasons, e.conditions[e.problemOf[o.Goal]]...)
				continue
			}
			if iv, ok := interventions[a]; ok {
				addressed = append(addressed, iv.ID)
				for _, o := range iv.Objectives {
					reasons = appendNew(reasons, e.conditions[e.problemOf[e.objectiveOf[o].Goal]]...)
				}
			}
		}
		proc := e.b.link(l.ID, l.Modality, l.Start, l.Minutes, e.alcohol[l.Component], e.carePlan, reasons)
		for _, iv := range addressed {
			if !slices.Contains(e.linked[iv], proc) {
				e.linked[iv] = append(e.linked[iv], proc)
			}
		}
	}
}

// appendNew appends the references of add not already in refs.
func appendNew(refs []Reference, add ...Reference) []Reference {
	for _, r := range add {
		if !slices.Contains(refs, r) {
			refs = append(refs, r)
		}
	}
	return refs
}

// carePlanStatus maps the plan's lifecycle to CarePlan.status: a plan
// under review is still in force; a closed plan is completed, or revoked
// when it was never activated (a withdrawn draft).
func carePlanStatus(s plan.Status, activated bool) string {
	switch s {
	case plan.StatusDraft:
		return "draft"
	case plan.StatusActive, plan.StatusUnderReview:
		return "active"
	case plan.StatusClosed:
		if activated {
			return "completed"
		}
		return "revoked"
	}
	return "unknown"
}

// activityStatus maps an intervention's status to the CarePlan activity
// status (reference: plans-and-interop.md §5.1, CarePlanActivityStatus): an
// active intervention of a draft plan has not started.
func activityStatus(s plan.InterventionStatus, draft bool) string {
	switch s {
	case plan.InterventionActive:
		if draft {
			return "not-started"
		}
		return "in-progress"
	case plan.InterventionCompleted:
		return "completed"
	case plan.InterventionDiscontinued:
		return "stopped"
	}
	return "unknown"
}

// periodUnit maps a frequency unit to a UCUM unit of Timing.
func periodUnit(u plan.FrequencyUnit) string {
	switch u {
	case plan.PerDay:
		return "d"
	case plan.PerWeek:
		return "wk"
	case plan.PerMonth:
		return "mo"
	}
	return ""
}

func (e *planExport) carePlanResource() *CarePlan {
	status := e.p.Status()
	_, activated := e.p.Activation()
	cp := &CarePlan{
		Base: Base{ID: strings.TrimPrefix(e.carePlan.Reference, URNPrefix)}, Identifier: []Identifier{uuidIdentifier(e.cfg.ID)},
		Status: carePlanStatus(status, activated), Intent: "plan",
		Category: []CodeableConcept{concept(local(systemUSCoreCarePlanCategory, "assess-plan"))},
		Subject:  e.b.patient, Period: &Period{Start: e.b.dateIn(e.cfg.Admitted, e.cfg.Location), End: e.cfg.End.String()},
		Addresses: e.allConds, Goal: e.goalRefs,
	}
	sigs := e.p.Signatures()
	for i := len(sigs) - 1; i >= 0; i-- {
		if sigs[i].Role == plan.SignerAuthor {
			ref := e.b.practitioner(sigs[i].Signer)
			cp.Author = &ref
			break
		}
	}
	for _, l := range e.p.LevelsOfCare() {
		cp.SupportingInfo = append(cp.SupportingInfo, e.b.placement(l))
	}
	cp.SupportingInfo = append(cp.SupportingInfo, e.supporting...)
	for _, iv := range e.p.Interventions() {
		d := &CarePlanDetail{Status: activityStatus(iv.Status, status == plan.StatusDraft)}
		code := ModalityConcept(iv.Modality, e.alcohol[iv.Component])
		d.Code = &code
		for _, o := range iv.Objectives {
			if g, ok := e.goals[o]; ok {
				d.Goal = append(d.Goal, refTo(g))
			}
		}
		if !iv.Frequency.IsZero() {
			rep := &TimingRepeat{Frequency: iv.Frequency.Count, Period: "1", PeriodUnit: periodUnit(iv.Frequency.Per)}
			if iv.Frequency.Minutes > 0 {
				rep.Duration, rep.DurationUnit = jsonNumber(strconv.Itoa(iv.Frequency.Minutes)), "min"
			}
			d.ScheduledTiming = &Timing{Repeat: rep}
		}
		for _, s := range iv.Responsible {
			d.Performer = append(d.Performer, e.b.practitioner(s))
		}
		act := CarePlanActivity{Detail: d}
		for _, pr := range e.linked[iv.ID] {
			act.OutcomeReference = appendNew(act.OutcomeReference, refTo(pr))
		}
		for _, pr := range e.compSessions[iv.Component] {
			act.OutcomeReference = appendNew(act.OutcomeReference, refTo(pr))
		}
		cp.Activity = append(cp.Activity, act)
	}
	return cp
}

// outcomes links each objective's Goal to the progress figures of its
// measure from the components of the interventions serving it.
func (e *planExport) outcomes() {
	for _, o := range e.p.Objectives() {
		g := e.goals[o.ID]
		if o.Measure == "" || g == nil {
			continue
		}
		for _, iv := range e.served[o.ID] {
			if ref, ok := e.compMeasures[iv.Component][o.Measure]; ok {
				g.OutcomeReference = appendNew(g.OutcomeReference, ref)
			}
		}
	}
}

// placement adds ASAM placement l as an Observation: the level as a local
// code whose version is the edition, each dimension's rating as a
// component, the assessor, and the rationale (clinical text) as a note
// (reference: plans-and-interop.md §4.3, §5.1 "Level of care … ASAM LOC
// code + edition").
func (b *builder) placement(l plan.LevelOfCare) Reference {
	obs := &Observation{
		Base: Base{ID: ResourceID("Observation", l.ID, "asam")}, Identifier: []Identifier{uuidIdentifier(l.ID)},
		Status: "final", Code: concept(local(SystemMeasure, "asam.placement")), Subject: b.patient,
		EffectiveDateTime:    l.AssessedOn.String(),
		ValueCodeableConcept: conceptPtr(Coding{System: SystemASAMLevel, Version: string(l.Edition), Code: l.Level}),
	}
	if l.Assessor != uuid.Nil {
		obs.Performer = []Reference{b.practitioner(l.Assessor)}
	}
	for _, d := range l.Dimensions {
		obs.Component = append(obs.Component, ObservationComponent{
			Code: concept(local(SystemMeasure, "asam.dimension-"+strconv.Itoa(d.Dimension))), ValueInteger: ptr(d.Rating),
		})
	}
	if r := b.clinical(l.Rationale.Reveal()); r != "" {
		obs.Note = []Annotation{{Text: r}}
	}
	return b.add(obs)
}
