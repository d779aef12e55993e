package twelvestep

import (
	"slices"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// The rules this component checks (reference: plans-and-interop.md section
// (b), "Protocol integrity (component-level rules)").
const (
	// RuleTSF is C-TSF-1: the MATCH TSF format is 12 sessions, of which at
	// most 2 are conjoint sessions with a significant other; conjoint
	// participants need a Part 2-valid consent. Error (section (b) item
	// 29; Counselor-magazine summary of MATCH TSF; §5.5).
	RuleTSF = "C-TSF-1"
	// RuleMAAEZ is C-MAAEZ-1: session 1 is the introduction, sessions 2–5
	// the four core topics in any order, session 6 the return as a
	// graduate. Error in fidelity mode (section (b) item 30; NCT01382316).
	RuleMAAEZ = "C-MAAEZ-1"
	// RuleMilestone is C-MILESTONE-1: milestones are counted in calendar
	// days in the patient's time zone from the current streak start; a slip
	// restarts the streak but not the journey start; the schedule is
	// configurable; a positive test may reset the date only through an
	// explicit, audited clinician action. Warning (section (b) item 32).
	RuleMilestone = "C-MILESTONE-1"
)

// Finding sources.
const (
	sourceTSF       = "plans-and-interop.md (b) 29; §3.1; §5.5"
	sourceMAAEZ     = "plans-and-interop.md (b) 30; §3.2"
	sourceMilestone = "plans-and-interop.md (b) 32; §3.3"
)

// Finding messages: fixed text, never built from patient data.
const (
	msgBeyondTwelve    = "MATCH TSF has 12 sessions; this session is beyond the twelfth"
	msgConjointLimit   = "MATCH TSF allows at most 2 conjoint sessions with a significant other; this is one more"
	msgNoConsent       = "a significant other took part without a 42 CFR Part 2 consent in force on the session day"
	msgMAAEZFirst      = "MAAEZ session 1 must be the introduction"
	msgMAAEZCore       = "MAAEZ sessions 2-5 must each cover one core topic not covered before"
	msgMAAEZLast       = "MAAEZ session 6 must be the return as a graduate"
	msgMAAEZBeyondSix  = "MAAEZ has 6 sessions; this session is beyond the sixth"
	msgPositiveTest    = "a positive test restarted the streak without a clinician's explicit action"
	msgMilestoneOrder  = "milestone does not come after the one listed before it on every calendar"
	sessionsPath       = "sessions"
	slipsPath          = "slips"
	milestonesListPath = "milestones.milestones"
)

// Findings checks the component's protocol integrity as of asOf
// (intervention.Checker). Sessions count when they started at or before
// asOf and the patient was present, in order of start; paths index the
// component's lists in recording order, as in its JSON form
// ("sessions[3]", "slips[0].recordedByRole"). It is pure; findings come in
// rule order (C-TSF-1, C-MAAEZ-1, C-MILESTONE-1).
//
// C-TSF-1 (error): with ProtocolMATCHTSF, each attended session beyond the
// twelfth and each conjoint session beyond the second; with any protocol,
// each significant other (intervention.Role.IsFamily) present at a session
// when no recorded consent permits disclosure to them on the session day —
// by their ID, or as a family member or designated support — for one of
// Config.ConsentPurposes (intervention.Consent.Permits).
//
// C-MAAEZ-1 (error; warning when Config.Adapted), with ProtocolMAAEZ: the
// first attended session must list only the opening topic; the second to
// fifth exactly one core topic each, none repeated; the sixth only the
// closing topic; any later session is beyond the sixth.
//
// C-MILESTONE-1 (warning): a slip of reason SlipPositiveTest dated on or
// before asOf's date, not retracted, whose recorder is not a clinician;
// and each listed milestone that does not follow the one before it on
// every calendar (MilestoneSchedule.Unordered). A slip without attribution
// cannot be recorded at all (Slip.Validate), and nothing but a slip
// restarts the streak.
func (f *Facilitation) Findings(asOf time.Time) []intervention.Finding {
	f.mu.RLock()
	defer f.mu.RUnlock()
	held := f.heldOrder(asOf)
	var out []intervention.Finding
	if f.cfg.Curriculum.Protocol == ProtocolMATCHTSF {
		out = append(out, f.matchFormat(held)...)
	}
	out = append(out, f.consentFindings(asOf)...)
	if f.cfg.Curriculum.Protocol == ProtocolMAAEZ {
		out = append(out, f.maaezOrder(held)...)
	}
	return append(out, f.milestoneFindings(f.today(asOf))...)
}

// heldOrder returns the indexes of the sessions the patient attended that
// started at or before asOf, in order of start (recording order among
// equal starts).
func (f *Facilitation) heldOrder(asOf time.Time) []int {
	var idx []int
	for i, s := range f.sessions {
		if present, _ := f.held(s); present && !s.Start.After(asOf) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return f.sessions[a].Start.Compare(f.sessions[b].Start) })
	return idx
}

func finding(rule string, sev intervention.Severity, path, msg, source string) intervention.Finding {
	return intervention.Finding{Rule: rule, Severity: sev, Path: path, Message: msg, Source: source}
}

// matchFormat checks the MATCH TSF session counts.
func (f *Facilitation) matchFormat(held []int) []intervention.Finding {
	var out []intervention.Finding
	conjoint := 0
	for k, i := range held {
		path := intervention.Index(sessionsPath, i)
		if k >= MATCHSessions {
			out = append(out, finding(RuleTSF, intervention.SeverityError, path, msgBeyondTwelve, sourceTSF))
		}
		if _, c := f.held(f.sessions[i]); c {
			conjoint++
			if conjoint > MATCHMaxConjoint {
				out = append(out, finding(RuleTSF, intervention.SeverityError, path, msgConjointLimit, sourceTSF))
			}
		}
	}
	return out
}

// consentFindings checks that every significant other present at a session
// was covered by a consent in force on the session day.
func (f *Facilitation) consentFindings(asOf time.Time) []intervention.Finding {
	var out []intervention.Finding
	for i, s := range f.sessions {
		if s.Start.After(asOf) {
			continue
		}
		day, _ := intervention.DateOf(s.Start, f.cfg.location()) // Start was validated
		for j, p := range s.Participants {
			if !p.Role.IsFamily() || !p.Attendance.Present() || f.consented(p.Participant, day) {
				continue
			}
			path := intervention.JoinPath(intervention.Index(sessionsPath, i), intervention.Index("participants", j))
			out = append(out, finding(RuleTSF, intervention.SeverityError, path, msgNoConsent, sourceTSF))
		}
	}
	return out
}

// consented reports whether a recorded consent permits disclosure to p on
// day for one of the configured purposes.
func (f *Facilitation) consented(p intervention.Participant, day intervention.Date) bool {
	classes := []intervention.RecipientClass{intervention.RecipientFamilyMember, intervention.RecipientDesignatedSupport}
	for _, c := range f.consents {
		for _, purpose := range f.cfg.ConsentPurposes {
			for _, class := range classes {
				recipient := intervention.Recipient{ID: p.ID, Class: class}
				if ok, _ := c.Permits(recipient, purpose, day, intervention.FamilySessionInformation); ok {
					return true
				}
			}
		}
	}
	return false
}

// maaezOrder checks the MAAEZ session order.
func (f *Facilitation) maaezOrder(held []int) []intervention.Finding {
	sev := intervention.SeverityError
	if f.cfg.Adapted {
		sev = intervention.SeverityWarning
	}
	kinds := func(s intervention.Session) []TopicKind {
		out := make([]TopicKind, len(s.Topics))
		for i, t := range s.Topics {
			tp, _ := f.cfg.Curriculum.Topic(t) // topics were checked when added
			out[i] = tp.Kind
		}
		return out
	}
	only := func(ks []TopicKind, k TopicKind) bool {
		return len(ks) > 0 && !slices.ContainsFunc(ks, func(x TopicKind) bool { return x != k })
	}
	var out []intervention.Finding
	covered := map[string]bool{}
	for n, i := range held {
		s := f.sessions[i]
		ks := kinds(s)
		path := intervention.Index(sessionsPath, i)
		var msg string
		switch {
		case n == 0 && !only(ks, TopicOpening):
			msg = msgMAAEZFirst
		case n >= 1 && n <= MAAEZCoreTopics:
			if len(ks) != 1 || ks[0] != TopicCore || covered[s.Topics[0]] {
				msg = msgMAAEZCore
			} else {
				covered[s.Topics[0]] = true
			}
		case n == MAAEZSessions-1 && !only(ks, TopicClosing):
			msg = msgMAAEZLast
		case n >= MAAEZSessions:
			msg = msgMAAEZBeyondSix
		}
		if msg != "" {
			out = append(out, finding(RuleMAAEZ, sev, topicsPath(path), msg, sourceMAAEZ))
		}
	}
	return out
}

// topicsPath returns the path of the topics list of the session at path.
func topicsPath(path string) string { return intervention.JoinPath(path, "topics") }

// milestoneFindings checks slip attribution and the schedule's order.
func (f *Facilitation) milestoneFindings(today intervention.Date) []intervention.Finding {
	var out []intervention.Finding
	warn := intervention.SeverityWarning
	for i, s := range f.slips {
		if s.Reason != SlipPositiveTest || s.RecordedByRole == intervention.RoleClinician ||
			today.IsZero() || s.On.After(today) || find(f.retractions, s.ID, retractedSlip) >= 0 {
			continue
		}
		path := intervention.JoinPath(intervention.Index(slipsPath, i), "recordedByRole")
		out = append(out, finding(RuleMilestone, warn, path, msgPositiveTest, sourceMilestone))
	}
	for _, i := range f.cfg.Milestones.Unordered() {
		out = append(out, finding(RuleMilestone, warn, intervention.Index(milestonesListPath, i), msgMilestoneOrder, sourceMilestone))
	}
	return out
}
