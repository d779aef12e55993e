package cbt

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// The fixed messages of the findings. They never carry patient data.
const (
	msgFirst           = "first session does not cover the curriculum's first topic"
	msgAfterLast       = "session held after the final topic"
	msgCoreMissing     = "final topic covered before every other core topic"
	msgElectiveEarly   = "elective before the required core sessions"
	msgTooManyElective = "more electives than the curriculum allows"
	msgChoiceMissing   = "elective choice not recorded"
	msgChoiceNotJoint  = "elective not chosen jointly with the client"
	msgNotAssigned     = "no new practice exercise assigned"
	msgNotReviewed     = "practice exercise not reviewed in the next session"
	msgNotTracked      = "practice exercise status not updated after its due date"
)

// Findings checks the course against the protocol-integrity rules its
// curriculum lists (intervention.Checker), counting only sessions the
// patient attended that started at or before asOf, in start order, and
// homework changes dated on or before asOf's date in the course's time zone.
// It is pure. Paths are JSON paths into the course's document
// ("sessions[3]", "homework[0]"); messages are fixed text.
//
// RuleMATCH ("C-CBT-MATCH-1"; severity error in manual-fidelity mode,
// warning otherwise), over the sessions that covered at least one topic:
//   - the first session covers the curriculum's First topic;
//   - no session follows the one covering Last (each later one is flagged);
//   - when Last is covered, every other core topic was covered by then;
//   - an elective session comes only after ElectivesAfterCore distinct core
//     topics were covered in earlier sessions;
//   - no more than MaxElectives electives (each covered elective counts;
//     the session that goes over, and every later one, is flagged);
//   - with JointElectiveChoice, each elective session records a joint or
//     client-preferred choice.
//
// RuleNIDA ("C-CBT-NIDA-1"; severity warning):
//   - every attended session except the one covering the curriculum's Last
//     topic assigns a practice exercise;
//   - each exercise is reviewed in the next session the patient attends;
//   - an exercise whose due date has passed, with no next session yet, has
//     had its status updated (attempted or completed).
//
// The 20/20/20 timing within a session (review in the first third) is not
// recorded, so it is not checked. Findings come in rule order (MATCH, NIDA),
// then session order, then homework order.
func (c *Course) Findings(asOf time.Time) []intervention.Finding {
	c.mu.RLock()
	defer c.mu.RUnlock()
	seq := c.attended(asOf)
	var out []intervention.Finding
	if c.cfg.Curriculum.HasRule(RuleMATCH) {
		out = append(out, c.matchFindings(seq)...)
	}
	if c.cfg.Curriculum.HasRule(RuleNIDA) {
		out = append(out, c.nidaFindings(seq, c.dateOf(asOf))...)
	}
	return out
}

func finding(r Rule, sev intervention.Severity, path, msg string) intervention.Finding {
	return intervention.Finding{Rule: string(r), Severity: sev, Path: path, Message: msg, Source: r.Source()}
}

// matchFindings applies RuleMATCH to the attended sessions seq.
func (c *Course) matchFindings(seq []held) []intervention.Finding {
	cur := c.cfg.Curriculum
	sev := intervention.SeverityWarning
	if c.cfg.ManualFidelity {
		sev = intervention.SeverityError
	}
	var out []intervention.Finding
	add := func(h held, msg string) {
		out = append(out, finding(RuleMATCH, sev, intervention.Index("sessions", h.idx), msg))
	}
	coreSeen := map[string]bool{}
	electives, k := 0, 0
	lastSeen := false
	for _, h := range seq {
		topics := h.s.Session.Topics
		if len(topics) == 0 {
			continue
		}
		if k == 0 && cur.First != "" && !slices.Contains(topics, cur.First) {
			add(h, msgFirst)
		}
		k++
		if lastSeen {
			add(h, msgAfterLast)
		}
		n := 0
		for _, t := range topics {
			if cur.kindOf(t) == TopicElective {
				n++
			}
		}
		if n > 0 {
			electives += n
			if len(coreSeen) < cur.ElectivesAfterCore {
				add(h, msgElectiveEarly)
			}
			if cur.MaxElectives > 0 && electives > cur.MaxElectives {
				add(h, msgTooManyElective)
			}
			if cur.JointElectiveChoice {
				switch {
				case h.s.ElectiveChoice == "":
					add(h, msgChoiceMissing)
				case !h.s.ElectiveChoice.Joint():
					add(h, msgChoiceNotJoint)
				}
			}
		}
		for _, t := range topics {
			if cur.kindOf(t) == TopicCore {
				coreSeen[t] = true
			}
		}
		if cur.Last != "" && !lastSeen && slices.Contains(topics, cur.Last) {
			lastSeen = true
			if slices.ContainsFunc(cur.Core(), func(t Topic) bool { return !coreSeen[t.Code] }) {
				add(h, msgCoreMissing)
			}
		}
	}
	return out
}

// nidaFindings applies RuleNIDA to the attended sessions seq as of today.
func (c *Course) nidaFindings(seq []held, today intervention.Date) []intervention.Finding {
	cur := c.cfg.Curriculum
	sev := intervention.SeverityWarning
	var out []intervention.Finding
	pos := make(map[uuid.UUID]int, len(seq))
	for k, h := range seq {
		pos[h.s.Session.ID] = k
		if cur.Last != "" && slices.Contains(h.s.Session.Topics, cur.Last) {
			continue
		}
		if !slices.ContainsFunc(c.homework, func(hw Homework) bool { return hw.Session == h.s.Session.ID }) {
			out = append(out, finding(RuleNIDA, sev, intervention.Index("sessions", h.idx), msgNotAssigned))
		}
	}
	for j, hw := range c.homework {
		k, ok := pos[hw.Session]
		if !ok || today.IsZero() {
			continue // assigned in a session after asOf
		}
		st := stateOf(hw, c.updates, today)
		path := intervention.Index("homework", j)
		switch {
		case k+1 < len(seq):
			if st.ReviewedIn != seq[k+1].s.Session.ID {
				out = append(out, finding(RuleNIDA, sev, path, msgNotReviewed))
			}
		case st.Status == HomeworkAssigned && !hw.Due.IsZero() && today.After(hw.Due):
			out = append(out, finding(RuleNIDA, sev, path, msgNotTracked))
		}
	}
	return out
}
