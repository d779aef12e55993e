package plan

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

// ASAMPlacementRule is P-ASAM-1 (error): the plan records a level of care,
// and the current placement's edition is in table, its level code is valid
// and not retired in that edition, every dimension of the edition is rated
// within the edition's range, no other dimension is rated, and a rationale
// is given (reference: plans-and-interop.md (b) 22, §4.3; asamcontinuum
// knowledge base; CoBHA BHAASAMLevelOfCareCS.fsh).
func ASAMPlacementRule(table ASAMTable) Rule {
	return builtin{id: RuleASAMPlacement, severity: severityError, source: sourcePrefix + "22", check: func(c *checkCtx, emit func(string, string)) {
		n := len(c.s.levels)
		if n == 0 {
			emit("levelsOfCare", "no level of care is recorded")
			return
		}
		l := c.s.levels[n-1]
		p := func(sub string) string { return path("levelsOfCare", n-1, sub) }
		crit, ok := table.Edition(l.Edition)
		if !ok {
			emit(p("edition"), "ASAM edition is not in the criteria table")
			return
		}
		switch lv, ok := crit.Level(l.Level); {
		case !ok:
			emit(p("level"), "level code is not valid in this edition")
		case lv.Retired:
			emit(p("level"), "level code is retired in this edition")
		}
		for _, d := range crit.Dimensions {
			if _, rated := l.Rating(d.Number); !rated {
				emit(p("dimensions"), "not every dimension of the edition is rated")
				break
			}
		}
		for i, d := range l.Dimensions {
			if _, ok := crit.Dimension(d.Dimension); !ok {
				emit(p(intervention.Index("dimensions", i)+".dimension"), "dimension is not in this edition")
			}
			if d.Rating < crit.MinRating || d.Rating > crit.MaxRating {
				emit(p(intervention.Index("dimensions", i)+".rating"), "rating is outside the edition's range")
			}
		}
		if l.Rationale.IsBlank() {
			emit(p("rationale"), "placement has no rationale")
		}
	}}
}

// ASAMDerivationRule is P-ASAM-2 (warning): the level is matched to the
// highest-risk dimensions, not averaged. The current placement must name
// the dimensions that drive it; none may be a dimension that does not
// determine the level (4th edition dimension 6 informs barriers); and each
// must carry the highest rating among the level-determining dimensions
// (reference: plans-and-interop.md (b) 23, §4.3; open-exam-prep, BestNotes
// ASAM 4th-edition article).
func ASAMDerivationRule(table ASAMTable) Rule {
	return builtin{id: RuleASAMDerivation, severity: severityWarning, source: sourcePrefix + "23", check: func(c *checkCtx, emit func(string, string)) {
		n := len(c.s.levels)
		if n == 0 {
			return
		}
		l := c.s.levels[n-1]
		crit, ok := table.Edition(l.Edition)
		if !ok {
			return
		}
		if len(l.Driving) == 0 {
			emit(path("levelsOfCare", n-1, "driving"), "level is not tied to the dimensions that determine it")
			return
		}
		highest := -1
		for _, d := range l.Dimensions {
			if dim, ok := crit.Dimension(d.Dimension); ok && dim.DeterminesLevel {
				highest = max(highest, d.Rating)
			}
		}
		for i, n2 := range l.Driving {
			p := path("levelsOfCare", n-1, intervention.Index("driving", i))
			dim, ok := crit.Dimension(n2)
			rating, _ := l.Rating(n2)
			switch {
			case ok && !dim.DeterminesLevel:
				emit(p, "dimension informs barriers and preferences, not the level")
			case rating < highest:
				emit(p, "level is driven by a dimension below the highest risk")
			}
		}
	}}
}

// ReadinessOptions configure P-READINESS-1. The zero value means the
// defaults, a design reading of the reference's example ("precontemplation
// → engagement/MI first; warn on action-only skills modules") with no
// validated mapping behind it.
type ReadinessOptions struct {
	// Early are the stages in which action-oriented work needs engagement
	// alongside; default precontemplation.
	Early []motivation.Stage
	// Action are the action-oriented modalities; default CBT and
	// twelve-step facilitation.
	Action []intervention.Modality
	// Engagement are the engagement modalities; default motivational
	// interviewing and brief intervention.
	Engagement []intervention.Modality
}

func (o ReadinessOptions) withDefaults() ReadinessOptions {
	if len(o.Early) == 0 {
		o.Early = []motivation.Stage{motivation.StagePrecontemplation}
	}
	if len(o.Action) == 0 {
		o.Action = []intervention.Modality{intervention.ModalityCBT, intervention.ModalityTwelveStepFacilitation}
	}
	if len(o.Engagement) == 0 {
		o.Engagement = []intervention.Modality{intervention.ModalityMotivationalInterviewing, intervention.ModalityBriefIntervention}
	}
	return o
}

// stager is a component that knows the stage of change on a date, as
// motivation.Component does.
type stager interface {
	StageOn(d intervention.Date) (motivation.StageAssessment, bool)
}

// ReadinessRule is P-READINESS-1 (warning): interventions match the
// patient's readiness. When the latest stage of change assessed by a
// component of the plan (motivation.Component, or any component with the
// same StageOn method) is early, an active action-oriented intervention
// needs an active engagement intervention alongside (reference:
// plans-and-interop.md (b) 9; SD 67:61:07:06(3)(d), 67:62:08:07(3)).
func ReadinessRule(opts ReadinessOptions) Rule {
	opts = opts.withDefaults()
	return builtin{id: RuleReadiness, severity: severityWarning, source: sourcePrefix + "9", check: func(c *checkCtx, emit func(string, string)) {
		var latest motivation.StageAssessment
		found := false
		for _, comp := range c.s.components {
			st, ok := comp.(stager)
			if !ok {
				continue
			}
			if a, ok := st.StageOn(c.today); ok && (!found || a.On.After(latest.On)) {
				latest, found = a, true
			}
		}
		if !found || !slices.Contains(opts.Early, latest.Stage) {
			return
		}
		active := func(ms []intervention.Modality) func(Intervention) bool {
			return func(iv Intervention) bool { return iv.Status == InterventionActive && slices.Contains(ms, iv.Modality) }
		}
		if slices.ContainsFunc(c.s.interventions, active(opts.Engagement)) {
			return
		}
		for i, iv := range c.s.interventions {
			if active(opts.Action)(iv) {
				emit(path("interventions", i, "modality"), "action-oriented intervention without engagement at an early stage of change")
			}
		}
	}}
}

// ComponentRule is C-COMPONENTS: it collects the findings of every
// component that checks itself (intervention.Checker: CBT fidelity, TSF
// format, clean-time milestones, a host's own). Findings keep the
// component's rule ID (C-CBT-MATCH-1, …) and severity, so RuleSet.Without
// and WithSeverity act on them one by one; their path is prefixed with the
// component's ("components[2].sessions[0]"). A finding without a valid
// severity is reported as an error, one without a rule ID as
// C-COMPONENTS. Its own Severity is error, the most it reports.
func ComponentRule() Rule { return componentRule{} }

type componentRule struct{}

func (componentRule) ID() string                      { return RuleComponents }
func (componentRule) Severity() intervention.Severity { return severityError }
func (componentRule) Check(p *Plan, asOf time.Time) []intervention.Finding {
	var out []intervention.Finding
	for i, comp := range p.snap().components {
		ck, ok := comp.(intervention.Checker)
		if !ok {
			continue
		}
		for _, f := range ck.Findings(asOf) {
			f.Path = intervention.JoinPath(intervention.Index("components", i), f.Path)
			if !f.Severity.Valid() {
				f.Severity = severityError
			}
			if f.Rule == "" {
				f.Rule = RuleComponents
			}
			if f.Source == "" {
				f.Source = componentRuleSource
			}
			out = append(out, f)
		}
	}
	return out
}

// RulesConfig is the data the default rule set reads. Zero fields mean the
// seeded defaults.
type RulesConfig struct {
	// Timing is the jurisdiction × setting table; nil means SeedTimingTable().
	Timing TimingTable
	// ASAM is the criteria table; nil means DefaultASAMTable().
	ASAM ASAMTable
	// KnownTexts is the corpus P-SCRIPT-1 compares with; empty means the
	// rule never fires.
	KnownTexts TextSet
	// Readiness configures P-READINESS-1.
	Readiness ReadinessOptions
}

// DefaultRules returns the built-in rules of plans-and-interop.md section
// (b) that the model supports, in section order, and C-COMPONENTS (see the
// package documentation for the rules left out and why). It fails, wrapping
// intervention.ErrInvalid, when cfg.Timing is invalid.
func DefaultRules(cfg RulesConfig) (RuleSet, error) {
	if cfg.Timing == nil {
		cfg.Timing = SeedTimingTable()
	}
	if cfg.ASAM == nil {
		cfg.ASAM = DefaultASAMTable()
	}
	if err := cfg.Timing.Validate(); err != nil {
		return RuleSet{}, intervention.Prefix("timing", err)
	}
	return NewRuleSet(
		StructureRule(), DiagnosisRule(), StrengthsRule(), PatientWordsRule(), MeasurableRule(),
		TargetDatesRule(), InterventionsRule(), ReadinessRule(cfg.Readiness), DischargeRule(),
		ScriptedTextRule(cfg.KnownTexts), ParticipationRule(), SignaturesRule(), CosignatureRule(cfg.Timing),
		InitialPlanRule(cfg.Timing), ReviewDueRule(cfg.Timing), ReviewContentRule(),
		ASAMPlacementRule(cfg.ASAM), ASAMDerivationRule(cfg.ASAM), GoldenThreadRule(), StableIDsRule(),
		ComponentRule(),
	), nil
}
