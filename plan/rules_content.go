package plan

import (
	"slices"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// The IDs of the built-in rules (reference: plans-and-interop.md section (b)).
const (
	RuleStructure       = "P-STRUCT-1"
	RuleDiagnosis       = "P-DX-1"
	RuleStrengths       = "P-STRENGTH-1"
	RulePatientWords    = "P-WORDS-1"
	RuleMeasurable      = "P-MEASURE-1"
	RuleTargetDates     = "P-TARGET-DATE-1"
	RuleInterventions   = "P-INTERV-1"
	RuleReadiness       = "P-READINESS-1"
	RuleDischarge       = "P-DISCHARGE-1"
	RuleScripted        = "P-SCRIPT-1"
	RuleParticipation   = "P-PARTIC-1"
	RuleSignatures      = "P-SIGN-1"
	RuleCosignature     = "P-COSIGN-1"
	RuleInitialDue      = "P-DUE-INIT-1"
	RuleReviewDue       = "P-DUE-REVIEW-1"
	RuleReviewContent   = "P-REVIEW-CONTENT-1"
	RuleASAMPlacement   = "P-ASAM-1"
	RuleASAMDerivation  = "P-ASAM-2"
	RuleGoldenThread    = "P-THREAD-1"
	RuleStableIDs       = "P-ID-1"
	RuleComponents      = "C-COMPONENTS"
	sourcePrefix        = "plans-and-interop.md (b) "
	severityError       = intervention.SeverityError
	severityWarning     = intervention.SeverityWarning
	componentRuleSource = "intervention.Checker"
)

func path(list string, i int, sub string) string {
	return intervention.JoinPath(intervention.Index(list, i), sub)
}

// problemNeedsGoals reports whether p is addressed in this plan (not
// deferred or referred elsewhere).
func problemNeedsGoals(p Problem) bool { return p.Status == ProblemActive }

// StructureRule is P-STRUCT-1 (error): the plan has an active problem; each
// active problem has a goal that is not discontinued; each active goal has
// an objective that is not discontinued; each open objective has an active
// intervention (reference: plans-and-interop.md (b) 1; IL 2060.440(e), SD
// 67:61:07:06, FL 65D-30.0044, MT 37.106.1440).
func StructureRule() Rule {
	return builtin{id: RuleStructure, severity: severityError, source: sourcePrefix + "1", check: func(c *checkCtx, emit func(string, string)) {
		s := c.s
		if !slices.ContainsFunc(s.problems, problemNeedsGoals) {
			emit("problems", "plan has no active problem")
		}
		// live[k] counts, per element of kind k, its children that count.
		goals := make([]bool, len(s.problems))
		objectives := make([]bool, len(s.goals))
		interventions := make([]bool, len(s.objectives))
		mark := func(marks []bool, parent uuid.UUID, k kind) {
			if r, ok := c.ix.byID[parent]; ok && r.kind == k {
				marks[r.i] = true
			}
		}
		for _, g := range s.goals {
			if g.Status != GoalDiscontinued {
				mark(goals, g.Problem, kindProblem)
			}
		}
		for _, o := range s.objectives {
			if o.Status != ObjectiveDiscontinued {
				mark(objectives, o.Goal, kindGoal)
			}
		}
		for _, iv := range s.interventions {
			if iv.Status == InterventionActive {
				for _, o := range iv.Objectives {
					mark(interventions, o, kindObjective)
				}
			}
		}
		for i, p := range s.problems {
			if problemNeedsGoals(p) && !goals[i] {
				emit(path("problems", i, ""), "problem has no goal")
			}
		}
		for i, g := range s.goals {
			if g.Status == GoalActive && !objectives[i] {
				emit(path("goals", i, ""), "goal has no objective")
			}
		}
		for i, o := range s.objectives {
			if o.Status.Open() && !interventions[i] {
				emit(path("objectives", i, ""), "open objective has no active intervention")
			}
		}
	}}
}

// DiagnosisRule is P-DX-1 (error): the plan carries a diagnostic statement
// (at least one ICD-10-CM code on a problem) and every active problem has
// supporting evidence (reference: plans-and-interop.md (b) 3; SD
// 67:61:07:06 (1)-(2), KS R03-606 B1, MT).
func DiagnosisRule() Rule {
	return builtin{id: RuleDiagnosis, severity: severityError, source: sourcePrefix + "3", check: func(c *checkCtx, emit func(string, string)) {
		if !slices.ContainsFunc(c.s.problems, func(p Problem) bool { return len(p.Diagnoses) > 0 }) {
			emit("problems", "plan has no diagnosis")
		}
		for i, p := range c.s.problems {
			if p.Status == ProblemActive && len(p.Evidence) == 0 {
				emit(path("problems", i, "evidence"), "problem has no supporting evidence")
			}
		}
	}}
}

// StrengthsRule is P-STRENGTH-1 (warning): strengths are recorded
// (reference: plans-and-interop.md (b) 4; CARF 2.C.1, TJC CTS.03.01.03 EP 2).
func StrengthsRule() Rule {
	return builtin{id: RuleStrengths, severity: severityWarning, source: sourcePrefix + "4", check: func(c *checkCtx, emit func(string, string)) {
		if len(c.s.strengths) == 0 {
			emit("strengths", "plan records no strengths")
		}
	}}
}

// PatientWordsRule is P-WORDS-1 (warning): every goal that is not
// discontinued has the patient's own words (reference:
// plans-and-interop.md (b) 5; CARF 2.C.2.a, TJC EP 2 and 2022 finding 1).
func PatientWordsRule() Rule {
	return builtin{id: RulePatientWords, severity: severityWarning, source: sourcePrefix + "5", check: func(c *checkCtx, emit func(string, string)) {
		for i, g := range c.s.goals {
			if g.Status != GoalDiscontinued && g.PatientWords.IsBlank() {
				emit(path("goals", i, "patientWords"), "goal is not in the patient's own words")
			}
		}
	}}
}

// MeasurableRule is P-MEASURE-1 (error): every objective that is not
// discontinued has a measure, a target (a value or an observable
// criterion) and a due date (reference: plans-and-interop.md (b) 6, §4.2;
// SD (3)(a)-(b), CARF, FL, 105 CMR 164.073).
func MeasurableRule() Rule {
	return builtin{id: RuleMeasurable, severity: severityError, source: sourcePrefix + "6", check: func(c *checkCtx, emit func(string, string)) {
		for i, o := range c.s.objectives {
			if o.Status == ObjectiveDiscontinued {
				continue
			}
			if o.Measure == "" {
				emit(path("objectives", i, "measure"), "objective has no measure")
			}
			if !o.Target.Stated() {
				emit(path("objectives", i, "target"), "objective has no target")
			}
			if o.Due.IsZero() {
				emit(path("objectives", i, "due"), "objective has no due date")
			}
		}
	}}
}

// TargetDatesRule is P-TARGET-DATE-1 (warning): objective due dates lie in
// the plan period (on or after the admission date, on or before Config.End
// when set), and an open objective past its due date has been reviewed
// since (reference: plans-and-interop.md (b) 7).
func TargetDatesRule() Rule {
	return builtin{id: RuleTargetDates, severity: severityWarning, source: sourcePrefix + "7", check: func(c *checkCtx, emit func(string, string)) {
		cfg := c.s.cfg
		start := cfg.start()
		for i, o := range c.s.objectives {
			if o.Due.IsZero() || o.Status == ObjectiveDiscontinued {
				continue
			}
			switch {
			case o.Due.Before(start):
				emit(path("objectives", i, "due"), "objective is due before the plan starts")
			case !cfg.End.IsZero() && o.Due.After(cfg.End):
				emit(path("objectives", i, "due"), "objective is due after the plan period")
			}
			if o.Status.Open() && o.Due.Before(c.today) && !reviewedSince(c, o.Due) {
				emit(path("objectives", i, "due"), "open objective is past due and not reviewed since")
			}
		}
	}}
}

// reviewedSince reports whether a review completed on or after d (and by asOf).
func reviewedSince(c *checkCtx, d intervention.Date) bool {
	last, ok := c.lastReviewDate()
	return ok && !last.Before(d)
}

// lastReviewDate returns the date of the latest review completed by asOf.
func (c *checkCtx) lastReviewDate() (intervention.Date, bool) {
	if !c.reviewed {
		c.reviewed = true
		for _, r := range c.s.reviews {
			if !r.Completed.After(c.asOf) {
				if d := c.s.cfg.dateOf(r.Completed); d.After(c.lastReview) {
					c.lastReview = d
				}
			}
		}
	}
	return c.lastReview, !c.lastReview.IsZero()
}

// InterventionsRule is P-INTERV-1 (error): every active intervention states
// its frequency and the staff responsible (its modality is always
// recorded). Duration "where required" is not checked: no source says where
// (reference: plans-and-interop.md (b) 8; CARF 2.C.2 (c)-(d), SD (4), FL,
// MT, PA 709.123, KS R03-606 B6).
func InterventionsRule() Rule {
	return builtin{id: RuleInterventions, severity: severityError, source: sourcePrefix + "8", check: func(c *checkCtx, emit func(string, string)) {
		for i, iv := range c.s.interventions {
			if iv.Status != InterventionActive {
				continue
			}
			if iv.Frequency.IsZero() {
				emit(path("interventions", i, "frequency"), "intervention has no frequency")
			}
			if len(iv.Responsible) == 0 {
				emit(path("interventions", i, "responsible"), "intervention has no responsible staff")
			}
		}
	}}
}

// DischargeRule is P-DISCHARGE-1 (error; the reference makes it an error
// for TJC-accredited settings, so other hosts may lower it with
// RuleSet.WithSeverity): the plan has discharge criteria, at least one
// discussed with the patient (reference: plans-and-interop.md (b) 11; TJC
// CTS.03.01.03 EP 2, MT 37.106.1440(2)(i), 105 CMR 164.073(6)).
func DischargeRule() Rule {
	return builtin{id: RuleDischarge, severity: severityError, source: sourcePrefix + "11", check: func(c *checkCtx, emit func(string, string)) {
		switch {
		case len(c.s.discharge) == 0:
			emit("dischargeCriteria", "plan has no discharge criteria")
		case !slices.ContainsFunc(c.s.discharge, func(d DischargeCriterion) bool { return !d.Discussed.IsZero() }):
			emit("dischargeCriteria", "discharge criteria were not discussed with the patient")
		}
	}}
}

// ScriptedTextRule is P-SCRIPT-1 (warning): no goal wording and no
// objective text is identical (after normalisation, see HashText) to a
// text in known, the host's corpus of template wording and other patients'
// plans (reference: plans-and-interop.md (b) 12, §4.6; TJC 2022 finding
// "identical goals/objectives across patients").
func ScriptedTextRule(known TextSet) Rule {
	return builtin{id: RuleScripted, severity: severityWarning, source: sourcePrefix + "12", check: func(c *checkCtx, emit func(string, string)) {
		if known.Len() == 0 {
			return
		}
		for i, g := range c.s.goals {
			if !g.PatientWords.IsBlank() && known.Contains(g.PatientWords.Reveal()) {
				emit(path("goals", i, "patientWords"), "goal wording matches a template or another plan")
			}
			if !g.Clinical.IsBlank() && known.Contains(g.Clinical.Reveal()) {
				emit(path("goals", i, "clinical"), "goal wording matches a template or another plan")
			}
		}
		for i, o := range c.s.objectives {
			if !o.Text.IsBlank() && known.Contains(o.Text.Reveal()) {
				emit(path("objectives", i, "text"), "objective wording matches a template or another plan")
			}
		}
	}}
}

// ParticipationRule is P-PARTIC-1 (error): the patient's participation in
// developing the plan is recorded, and in every review (a participation
// record dated within the review) (reference: plans-and-interop.md (b) 14;
// SD 67:61:07:06, CARF 2.C.1.a, FL, PA, K.A.R. 30-60-62(C)).
func ParticipationRule() Rule {
	return builtin{id: RuleParticipation, severity: severityError, source: sourcePrefix + "14", check: func(c *checkCtx, emit func(string, string)) {
		s := c.s
		patient := func(p Participation) bool { return p.Role == intervention.RolePatient && p.Person == s.cfg.Patient }
		if !slices.ContainsFunc(s.participation, patient) {
			emit("participation", "no record of the patient's participation")
		}
		for j, r := range s.reviews {
			from, to := s.cfg.dateOf(r.Started), s.cfg.dateOf(r.Completed)
			if !slices.ContainsFunc(s.participation, func(p Participation) bool {
				return patient(p) && !p.On.Before(from) && !p.On.After(to)
			}) {
				emit(path("reviews", j, ""), "no record of the patient's participation in the review")
			}
		}
	}}
}

// ReviewContentRule is P-REVIEW-CONTENT-1 (error): every review records
// progress for each objective that existed when it began, justifies
// continued services when it continues them, and a "modify" outcome comes
// with changes (reference: plans-and-interop.md (b) 20; SD 67:62:08:08,
// ASAM continued-service criteria).
func ReviewContentRule() Rule {
	return builtin{id: RuleReviewContent, severity: severityError, source: sourcePrefix + "20", check: func(c *checkCtx, emit func(string, string)) {
		s := c.s
		added := make([]int, len(s.objectives)) // revision that added each objective
		for i, o := range s.objectives {
			added[i] = len(s.revisions)
			if r := c.ix.byID[o.ID]; r.kind == kindObjective && r.i == i && r.added >= 0 {
				added[i] = r.added
			}
		}
		covered := make([]int, len(s.objectives)) // the review (j+1) that last covered each objective
		for j, r := range s.reviews {
			begin := beganAt(s, c.ix.revisions[r.Revision])
			for _, p := range r.Progress {
				if x, ok := c.ix.byID[p.Objective]; ok && x.kind == kindObjective {
					covered[x.i] = j + 1
				}
			}
			for i := range s.objectives {
				if added[i] < begin && covered[i] != j+1 {
					emit(path("reviews", j, "progress"), "review records no progress for an objective that existed when it began")
					break
				}
			}
			if r.Outcome.ContinuesServices() && r.Justification.IsBlank() {
				emit(path("reviews", j, "justification"), "review does not justify continued services")
			}
			if r.Outcome == OutcomeModify && len(r.Changed) == 0 {
				emit(path("reviews", j, "changed"), "review outcome is modify but nothing changed")
			}
		}
	}}
}

// beganAt returns the index of the revision that began the review
// completed at revision k.
func beganAt(s *state, k int) int {
	for i := k - 1; i >= 0; i-- {
		if r := s.revisions[i]; r.To == StatusUnderReview && r.From == StatusActive {
			return i
		}
	}
	return 0
}

// GoldenThreadRule is P-THREAD-1 (warning): every billable session link
// addresses at least one objective or intervention, and every session's
// modality is the modality of an intervention in the plan (reference:
// plans-and-interop.md (b) 24, §4.7; BestNotes "Addressed in Session",
// H0004 documentation).
func GoldenThreadRule() Rule {
	return builtin{id: RuleGoldenThread, severity: severityWarning, source: sourcePrefix + "24", check: func(c *checkCtx, emit func(string, string)) {
		var modalities []intervention.Modality
		for _, iv := range c.s.interventions {
			if !slices.Contains(modalities, iv.Modality) {
				modalities = append(modalities, iv.Modality)
			}
		}
		for i, l := range c.s.sessions {
			if l.Billable && len(l.Addresses) == 0 {
				emit(path("sessions", i, "addresses"), "billable session addresses no objective or intervention")
			}
			if !slices.Contains(modalities, l.Modality) {
				emit(path("sessions", i, "modality"), "session modality is not in the plan")
			}
		}
	}}
}

// StableIDsRule is P-ID-1 (error): elements keep their IDs across edits.
// Every element (and component, placement and review) must have been added
// by exactly one revision, and every ID a revision names must still be in
// the plan; a document whose elements were deleted and recreated with new
// IDs outside this package fails both (reference: plans-and-interop.md (b)
// 37; openemr #9195).
func StableIDsRule() Rule {
	return builtin{id: RuleStableIDs, severity: severityError, source: sourcePrefix + "37", check: func(c *checkCtx, emit func(string, string)) {
		eachElement(c.s, func(id uuid.UUID, r ref) {
			if e := c.ix.byID[id]; e.kind == r.kind && e.i == r.i && e.added < 0 {
				emit(r.path(), "element was not added by any revision")
			}
		})
		if c.ix.addedTwice {
			emit("revisions", "an element ID was added twice")
		}
		for k, rev := range c.s.revisions {
			gone := func(id uuid.UUID) bool {
				_, ok := c.ix.byID[id]
				return !ok
			}
			if slices.ContainsFunc(rev.Added, gone) || slices.ContainsFunc(rev.Changed, gone) {
				emit(path("revisions", k, ""), "revision names an element the plan no longer has")
			}
		}
	}}
}

// eachElement calls f for every element, component, review and placement
// of s, in document order.
func eachElement(s *state, f func(uuid.UUID, ref)) {
	for i, e := range s.levels {
		f(e.ID, ref{kind: kindLevel, i: i})
	}
	for i, e := range s.problems {
		f(e.ID, ref{kind: kindProblem, i: i})
	}
	for i, e := range s.goals {
		f(e.ID, ref{kind: kindGoal, i: i})
	}
	for i, e := range s.objectives {
		f(e.ID, ref{kind: kindObjective, i: i})
	}
	for i, e := range s.interventions {
		f(e.ID, ref{kind: kindIntervention, i: i})
	}
	for i, e := range s.strengths {
		f(e.ID, ref{kind: kindStrength, i: i})
	}
	for i, e := range s.discharge {
		f(e.ID, ref{kind: kindDischarge, i: i})
	}
	for i, e := range s.participation {
		f(e.ID, ref{kind: kindParticipation, i: i})
	}
	for i, e := range s.components {
		f(e.ID(), ref{kind: kindComponent, i: i})
	}
	for i, e := range s.reviews {
		f(e.ID, ref{kind: kindReview, i: i})
	}
}
