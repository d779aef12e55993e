package plan

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rule checks a plan as of a time and returns its findings. Findings carry
// the rule's ID, a severity, the JSON path of the element concerned
// ("objectives[3].due"), a fixed message that never quotes plan text, and
// the source of the rule. Check must be pure: the same plan and asOf give
// the same findings. Hosts write their own rules and test them with
// package plantest.
type Rule interface {
	ID() string
	Severity() intervention.Severity
	Check(p *Plan, asOf time.Time) []intervention.Finding
}

// NewRule returns a Rule with id and severity whose findings check
// returns. Findings with an empty Rule or Severity get the rule's.
func NewRule(id string, severity intervention.Severity, check func(p *Plan, asOf time.Time) []intervention.Finding) Rule {
	return funcRule{id: id, severity: severity, check: check}
}

type funcRule struct {
	id       string
	severity intervention.Severity
	check    func(*Plan, time.Time) []intervention.Finding
}

func (r funcRule) ID() string                      { return r.id }
func (r funcRule) Severity() intervention.Severity { return r.severity }
func (r funcRule) Check(p *Plan, asOf time.Time) []intervention.Finding {
	if r.check == nil {
		return nil
	}
	out := r.check(p, asOf)
	for i := range out {
		if out[i].Rule == "" {
			out[i].Rule = r.id
		}
		if out[i].Severity == "" {
			out[i].Severity = r.severity
		}
	}
	return out
}

// builtin is a rule of this package. It checks a snapshot directly, so a
// RuleSet shares one snapshot and index among all of them.
type builtin struct {
	id       string
	severity intervention.Severity
	source   string
	check    func(c *checkCtx, emit func(path, message string))
}

func (b builtin) ID() string                      { return b.id }
func (b builtin) Severity() intervention.Severity { return b.severity }

// Check runs the rule on p's current content.
func (b builtin) Check(p *Plan, asOf time.Time) []intervention.Finding {
	return b.run(newCheckCtx(p.snap(), asOf))
}

func (b builtin) run(c *checkCtx) []intervention.Finding {
	var out []intervention.Finding
	b.check(c, func(path, message string) {
		out = append(out, intervention.Finding{Rule: b.id, Severity: b.severity, Path: path, Message: message, Source: b.source})
	})
	return out
}

// checkCtx is what built-in rules read: one snapshot, its index, and asOf
// as an instant and as a date in the plan's zone.
type checkCtx struct {
	s     *state
	ix    *index
	asOf  time.Time
	today intervention.Date
	loc   *time.Location
	// lastReview caches lastReviewDate once reviewed is set.
	reviewed   bool
	lastReview intervention.Date
	// sigRevs caches signedRevisions.
	sigRevs []int
}

func newCheckCtx(s *state, asOf time.Time) *checkCtx {
	loc := s.cfg.location()
	today, _ := intervention.DateOf(asOf, loc)
	return &checkCtx{s: s, ix: s.index(), asOf: asOf, today: today, loc: loc}
}

// ErrRuleSet means a rule set change is invalid: a nil rule, an empty ID or
// an unknown severity.
var ErrRuleSet = fmt.Errorf("plan: invalid rule set change: %w", intervention.ErrInvalid)

// RuleSet is an immutable, composable set of rules: add rules (a rule with
// an ID already in the set replaces it), remove rules, and override the
// severity of a rule's findings. Removing or overriding works by rule ID on
// findings too, so component rules (C-CBT-MATCH-1, …) collected by
// C-COMPONENTS can be dropped or re-graded one by one. The zero RuleSet is
// empty and usable. Methods return new sets and never modify the receiver.
type RuleSet struct {
	rules      []Rule
	removed    []string
	severities map[string]intervention.Severity
}

// NewRuleSet returns a set of rules (later rules replace earlier ones with
// the same ID; nil rules are skipped).
func NewRuleSet(rules ...Rule) RuleSet { return RuleSet{}.With(rules...) }

// With returns a copy of s with rules added, each replacing a rule of s
// with the same ID, and no longer removed. Nil rules are skipped.
func (s RuleSet) With(rules ...Rule) RuleSet {
	out := s.clone()
	for _, r := range rules {
		if r == nil {
			continue
		}
		id := r.ID()
		out.removed = slices.DeleteFunc(out.removed, func(x string) bool { return x == id })
		if i := slices.IndexFunc(out.rules, func(x Rule) bool { return x.ID() == id }); i >= 0 {
			out.rules[i] = r
			continue
		}
		out.rules = append(out.rules, r)
	}
	return out
}

// Without returns a copy of s without the rules with these IDs, and
// dropping findings with these rule IDs (from any rule).
func (s RuleSet) Without(ids ...string) RuleSet {
	out := s.clone()
	for _, id := range ids {
		out.rules = slices.DeleteFunc(out.rules, func(r Rule) bool { return r.ID() == id })
		if !slices.Contains(out.removed, id) {
			out.removed = append(out.removed, id)
		}
	}
	return out
}

// WithSeverity returns a copy of s in which findings with rule ID id have
// severity sev. An invalid severity is an error wrapping ErrRuleSet and
// intervention.ErrUnknownSeverity.
func (s RuleSet) WithSeverity(id string, sev intervention.Severity) (RuleSet, error) {
	if !sev.Valid() || id == "" {
		return s, errors.Join(ErrRuleSet, intervention.ErrUnknownSeverity)
	}
	out := s.clone()
	out.severities[id] = sev
	return out, nil
}

func (s RuleSet) clone() RuleSet {
	out := RuleSet{rules: slices.Clone(s.rules), removed: slices.Clone(s.removed), severities: maps.Clone(s.severities)}
	if out.severities == nil {
		out.severities = map[string]intervention.Severity{}
	}
	return out
}

// Rules returns the rules of s in order.
func (s RuleSet) Rules() []Rule { return slices.Clone(s.rules) }

// IDs returns the IDs of the rules of s in order.
func (s RuleSet) IDs() []string {
	out := make([]string, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.ID()
	}
	return out
}

// Severity returns the severity findings of rule id get: the override when
// there is one, otherwise the rule's own; ok is false for a rule not in s
// with no override.
func (s RuleSet) Severity(id string) (sev intervention.Severity, ok bool) {
	if sev, ok := s.severities[id]; ok {
		return sev, true
	}
	if i := slices.IndexFunc(s.rules, func(r Rule) bool { return r.ID() == id }); i >= 0 {
		return s.rules[i].Severity(), true
	}
	return "", false
}

// Check runs every rule on one snapshot of p and returns the findings,
// most severe first, then by rule ID, path and message. Removed rule IDs
// are dropped and severity overrides applied.
func (s RuleSet) Check(p *Plan, asOf time.Time) []intervention.Finding {
	snapshot := p.Clone()
	c := newCheckCtx(snapshot.snap(), asOf)
	var out []intervention.Finding
	for _, r := range s.rules {
		var found []intervention.Finding
		if b, ok := r.(builtin); ok {
			found = b.run(c)
		} else {
			found = r.Check(snapshot, asOf)
		}
		for _, f := range found {
			if slices.Contains(s.removed, f.Rule) {
				continue
			}
			if sev, ok := s.severities[f.Rule]; ok {
				f.Severity = sev
			}
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b intervention.Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}
