package cbt

import (
	"github.com/recoverykit/psychosocial/internal/enum"
)

// Rule names a protocol-integrity rule that Course.Findings applies. A
// curriculum lists the rules that hold for courses built on it. The zero
// Rule is invalid.
type Rule string

// The rules (reference: plans-and-interop.md section (b), items 27 and 28).
const (
	// RuleMATCH is C-CBT-MATCH-1: the curriculum's ordering constraints —
	// first topic first, final topic last, every other core topic before the
	// final one, electives only after the required core sessions, at most the
	// allowed number of electives, elective choice recorded as joint. Written
	// for Project MATCH CBT (NIAAA MATCHSeries3 core.htm, elective.htm);
	// severity error in manual-fidelity mode, warning otherwise.
	RuleMATCH Rule = "C-CBT-MATCH-1"
	// RuleNIDA is C-CBT-NIDA-1: every session assigns a new practice
	// exercise and reviews the one from the session before, and homework
	// status is tracked (NIDA Therapy Manual 1, 20/20/20 rule; Carroll, Nich
	// & Ball 2005, PMC2365906). Severity warning.
	RuleNIDA Rule = "C-CBT-NIDA-1"
)

// Rules returns every Rule in a stable order.
func Rules() []Rule { return []Rule{RuleMATCH, RuleNIDA} }

// ParseRule returns the Rule whose text form is s.
func ParseRule(s string) (Rule, error) { return enum.Parse(Rule(s), Rule.Valid, ErrUnknownRule) }

// Valid reports whether r is one of the constants.
func (r Rule) Valid() bool { return enum.Valid(r, Rules()) }

// Source returns where the rule comes from, as a Finding's Source.
func (r Rule) Source() string {
	switch r {
	case RuleMATCH:
		return "plans-and-interop.md (b) 27; NIAAA MATCHSeries3 core.htm, elective.htm"
	case RuleNIDA:
		return "plans-and-interop.md (b) 28; NIDA Therapy Manual 1 (20/20/20 rule); Carroll, Nich & Ball 2005 (PMC2365906)"
	}
	return ""
}

// String returns the text form of r.
func (r Rule) String() string { return string(r) }

// MarshalText encodes r; an invalid Rule is an error.
func (r Rule) MarshalText() ([]byte, error) { return enum.Marshal(r, Rule.Valid, ErrUnknownRule) }

// UnmarshalText decodes r with ParseRule; on error *r is unchanged.
func (r *Rule) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseRule) }
