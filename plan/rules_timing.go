package plan

import (
	"slices"
	"time"
)

// signedEvents returns the indices of the revisions that must be signed:
// the activation and every review completion.
func signedEvents(s *state) []int {
	var out []int
	for i, r := range s.revisions {
		if r.To == StatusActive && (r.From == StatusDraft || r.From == StatusUnderReview) {
			out = append(out, i)
		}
	}
	return out
}

// signatureWindow returns the signatures that sign the content in force at
// revision k: those on a revision from the last content edit before k (for
// a review, no earlier than the review began) up to, not including, the
// next content edit after it.
func signatureWindow(c *checkCtx, k int) []int {
	s := c.s
	lo, hi := 0, len(s.revisions)
	if s.revisions[k].From == StatusUnderReview {
		lo = beganAt(s, k) // a review is signed even when it changed nothing
	}
	for i := k - 1; i >= lo; i-- {
		if s.revisions[i].changesContent() {
			lo = i
			break
		}
	}
	for i := k + 1; i < len(s.revisions); i++ {
		if s.revisions[i].changesContent() {
			hi = i
			break
		}
	}
	var out []int
	for j, i := range c.signedRevisions() {
		if i >= lo && i < hi && !s.signatures[j].SignedAt.After(c.asOf) {
			out = append(out, j)
		}
	}
	return out
}

// firstWithRole returns the index of the earliest signature in window with
// one of roles, or -1.
func firstWithRole(s *state, window []int, roles ...SignerRole) int {
	best := -1
	for _, j := range window {
		if slices.Contains(roles, s.signatures[j].Role) && (best < 0 || s.signatures[j].SignedAt.Before(s.signatures[best].SignedAt)) {
			best = j
		}
	}
	return best
}

// SignaturesRule is P-SIGN-1 (error): the plan at activation and at every
// review completion is signed by the patient or guardian (or their refusal
// is documented with a reason) and by the author with credentials; the
// signatures must sign the content in force then (reference:
// plans-and-interop.md (b) 15, §4.5; IL 2060.440(d), FL 65D-30.0044, 105
// CMR 164.073(2),(9), MT 37.106.1440(3), SD 67:62:08:07, K.A.R.
// 30-60-62(C)).
func SignaturesRule() Rule {
	return builtin{id: RuleSignatures, severity: severityError, source: sourcePrefix + "15", check: func(c *checkCtx, emit func(string, string)) {
		s := c.s
		for _, k := range signedEvents(s) {
			window := signatureWindow(c, k)
			p := path("revisions", k, "")
			if firstWithRole(s, window, SignerPatient, SignerGuardian) < 0 {
				emit(p, "no patient or guardian signature, nor a documented reason")
			}
			switch a := firstWithRole(s, window, SignerAuthor); {
			case a < 0:
				emit(p, "no author signature")
			case s.signatures[a].Credential == "":
				emit(path("signatures", a, "credential"), "author signature has no credentials")
			}
		}
	}}
}

// timingRow returns the timing row of the plan's jurisdiction and setting.
func timingRow(c *checkCtx, t TimingTable) (TimingRule, bool) {
	if c.s.cfg.Jurisdiction == "" || c.s.cfg.Setting == "" {
		return TimingRule{}, false
	}
	return t.Lookup(c.s.cfg.Jurisdiction, c.s.cfg.Setting)
}

// CosignatureRule is P-COSIGN-1 (error when late): where the timing row of
// the plan's jurisdiction and setting requires it (always, or when the
// author is not qualified), every signed plan and review is co-signed
// within the row's period after the author signed (reference:
// plans-and-interop.md (b) 16; FL 65D-30.0044: 10 calendar days; CA 9 CCR
// 10305: 14 days).
func CosignatureRule(t TimingTable) Rule {
	return builtin{id: RuleCosignature, severity: severityError, source: sourcePrefix + "16", check: func(c *checkCtx, emit func(string, string)) {
		row, ok := timingRow(c, t)
		if !ok || row.Cosign.When == "" || row.Cosign.Within.IsZero() {
			return
		}
		s := c.s
		for _, k := range signedEvents(s) {
			window := signatureWindow(c, k)
			a := firstWithRole(s, window, SignerAuthor)
			if a < 0 || !needsCosign(row.Cosign.When, s.signatures[a]) {
				continue
			}
			due := row.Cosign.Within.Deadline(s.signatures[a].SignedAt, c.loc)
			co := firstWithRole(s, window, SignerCosigner)
			switch {
			case co >= 0 && s.signatures[co].SignedAt.After(due):
				emit(path("signatures", co, "signedAt"), "co-signed after the deadline")
			case co < 0 && c.asOf.After(due):
				emit(path("signatures", a, ""), "co-signature is overdue")
			}
		}
	}}
}

// needsCosign reports whether an author's signature needs a co-signature.
func needsCosign(when CosignWhen, author Signature) bool {
	switch when {
	case CosignAlways:
		return true
	case CosignUnqualifiedAuthor:
		return !author.Qualified
	}
	return false
}

// initialDeadline returns when the initial plan is due, and ok = false when
// no row applies.
func initialDeadline(cfg Config, t TimingTable) (time.Time, bool) {
	if cfg.Jurisdiction == "" || cfg.Setting == "" {
		return time.Time{}, false
	}
	row, ok := t.Lookup(cfg.Jurisdiction, cfg.Setting)
	if !ok || row.InitialPlan.IsZero() {
		return time.Time{}, false
	}
	due := row.InitialPlan.Deadline(cfg.Admitted, cfg.location())
	return due, !due.IsZero()
}

// InitialPlanRule is P-DUE-INIT-1 (error when late): the plan is activated
// by the deadline the timing row gives for its jurisdiction and setting,
// counted from Config.Admitted (reference: plans-and-interop.md (b) 18,
// §4.4).
func InitialPlanRule(t TimingTable) Rule {
	return builtin{id: RuleInitialDue, severity: severityError, source: sourcePrefix + "18", check: func(c *checkCtx, emit func(string, string)) {
		due, ok := initialDeadline(c.s.cfg, t)
		if !ok {
			return
		}
		k := c.s.activation()
		switch {
		case k >= 0 && c.s.revisions[k].At.After(due):
			emit(path("revisions", k, "at"), "initial plan completed after the deadline")
		case k < 0 && c.s.status == StatusDraft && c.asOf.After(due):
			emit("status", "initial plan is overdue")
		}
	}}
}

// reviewPeriod returns the review interval of the plan's timing row.
func reviewPeriod(cfg Config, t TimingTable) (Period, bool) {
	if cfg.Jurisdiction == "" || cfg.Setting == "" {
		return Period{}, false
	}
	row, ok := t.Lookup(cfg.Jurisdiction, cfg.Setting)
	return row.Review, ok && !row.Review.IsZero()
}

// reviewDue returns the instant the next review is due after the
// activation and the completed reviews of s, and the index of the review
// completed last (-1 for none).
func reviewDue(s *state, every Period) (time.Time, bool) {
	k := s.activation()
	if k < 0 {
		return time.Time{}, false
	}
	anchor := s.revisions[k].At
	if n := len(s.reviews); n > 0 {
		anchor = s.reviews[n-1].Completed
	}
	return every.Deadline(anchor, s.cfg.location()), true
}

// ReviewDueRule is P-DUE-REVIEW-1 (error when overdue): from activation,
// each review is completed within the timing row's interval after the
// previous one (or the activation), and the plan is not overdue now (or was
// not when it closed). A level-of-care change needs a review under this
// package's lifecycle, so it is reviewed at once by construction
// (reference: plans-and-interop.md (b) 19, §4.4; TJC finding "not reviewed
// at specific time frames").
func ReviewDueRule(t TimingTable) Rule {
	return builtin{id: RuleReviewDue, severity: severityError, source: sourcePrefix + "19", check: func(c *checkCtx, emit func(string, string)) {
		every, ok := reviewPeriod(c.s.cfg, t)
		k := c.s.activation()
		if !ok || k < 0 {
			return
		}
		s := c.s
		anchor := s.revisions[k].At
		for j, r := range s.reviews {
			if r.Completed.After(every.Deadline(anchor, c.loc)) {
				emit(path("reviews", j, "completed"), "review completed after it was due")
			}
			anchor = r.Completed
		}
		due := every.Deadline(anchor, c.loc)
		end := c.asOf
		if s.status == StatusClosed {
			if closed := s.revisions[len(s.revisions)-1]; closed.To == StatusClosed && closed.At.Before(end) {
				end = closed.At
			}
		}
		if end.After(due) {
			emit("reviews", "plan review is overdue")
		}
	}}
}

// signedRevisions returns, for each signature, the index of the revision it
// signs (-1 for none), computed once per check.
func (c *checkCtx) signedRevisions() []int {
	if c.sigRevs == nil {
		c.sigRevs = make([]int, len(c.s.signatures))
		for j, g := range c.s.signatures {
			i, ok := c.ix.revisions[g.Revision]
			if !ok {
				i = -1
			}
			c.sigRevs[j] = i
		}
	}
	return c.sigRevs
}
