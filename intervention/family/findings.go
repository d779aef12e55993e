package family

import (
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rule IDs of the findings Therapy reports.
const (
	// RuleFamily is C-FAMILY-1, severity warning: family-model sessions
	// list participants with roles; CRAFT plans record domestic-violence
	// precautions before behaviour-change procedures and track the
	// identified patient's treatment-entry invitations and outcome; BCT
	// records the daily recovery-contract calendar (reference:
	// plans-and-interop.md section (b), rule 31).
	RuleFamily = "C-FAMILY-1"
	// RuleCaregiverStrain is the library's own rule, severity info: a
	// member's caregiver strain reached the StrainPolicy threshold on
	// consecutive check-ins. The reference has no rule on caregiver strain;
	// this one is a design default so that a plan can flag relatives who
	// need support.
	RuleCaregiverStrain = "C-FAMILY-STRAIN"
)

// Sources of the rules, as Finding.Source gives them.
const (
	sourceFamily = "plans-and-interop.md (b) 31"
	sourceStrain = "library design default (no reference source)"
)

// The fixed messages of the findings. None carries patient data.
const (
	MsgNoFamilyPresent   = "family session held with no family member present"
	MsgDVScreenFirst     = "CRAFT behaviour-change procedure delivered before the member's domestic-violence screen"
	MsgNoSafetyPlan      = "domestic-violence risk identified without a recorded safety plan"
	MsgInvitationMissing = "CRAFT invitation procedure covered but no invitation attempt recorded"
	MsgNoContract        = "BCT sessions held but no recovery contract in force"
	MsgCalendarGaps      = "BCT session held with recovery-contract calendar days not recorded"
	MsgCaregiverStrain   = "caregiver strain at or above the threshold on consecutive check-ins"
)

// Findings checks the therapy as of asOf (intervention.Checker): sessions
// that started at or before asOf and records dated on or before asOf's
// date in the therapy's time zone. It is pure. Rule C-FAMILY-1 (severity
// warning; reference: plans-and-interop.md section (b), rule 31):
//
//   - participants with roles: every session lists its participants with
//     roles, which AddSession enforces; a session attended with no family
//     member present is flagged (MsgNoFamilyPresent, at "sessions[i]");
//   - CRAFT: a session covering a behaviour-change procedure
//     (CRAFTProcedure.BehaviorChange) with a member present who has no
//     domestic-violence screen dated on or before the session
//     (MsgDVScreenFirst, at "sessions[i]"); a screen that identified a risk
//     without a safety plan (MsgNoSafetyPlan, at "dvScreens[i]"); the
//     invitation procedure covered with no invitation recorded
//     (MsgInvitationMissing, at "invitations");
//   - BCT: sessions attended with no recovery contract in force
//     (MsgNoContract, at "contracts"); a session attended while calendar
//     days from the first contract's start up to the day before the session
//     have no trust-discussion mark — the calendar is reviewed at the start
//     of each session (MsgCalendarGaps, at "sessions[i]").
//
// Rule C-FAMILY-STRAIN (severity info, a library design default): each
// member flagged by StrainFlags (MsgCaregiverStrain, at "members[i]").
//
// Findings come in that order, sessions in recording order.
func (t *Therapy) Findings(asOf time.Time) []intervention.Finding {
	t.mu.RLock()
	defer t.mu.RUnlock()
	today := t.date(asOf)
	var out []intervention.Finding
	warn := func(path, msg string) {
		out = append(out, intervention.Finding{
			Rule: RuleFamily, Severity: intervention.SeverityWarning, Path: path, Message: msg, Source: sourceFamily,
		})
	}
	heldAny, invited := false, false
	for i, s := range t.sessions {
		if s.Session.Start.After(asOf) || !s.Held() {
			continue
		}
		heldAny = true
		path := intervention.Index("sessions", i)
		on := t.date(s.Session.Start)
		if !s.FamilyPresent() {
			warn(path, MsgNoFamilyPresent)
		}
		switch t.cfg.Model {
		case ModelCRAFT:
			if t.unscreenedChange(s, on) {
				warn(path, MsgDVScreenFirst)
			}
			for _, p := range s.CRAFTProcedures {
				invited = invited || p == CRAFTInvitingIP
			}
		case ModelBCT:
			if len(t.contracts) > 0 && t.contracts[0].Start.Before(on) {
				start := t.contracts[0].Start
				if t.trustDays(start, on) < on.DaysSince(start) {
					warn(path, MsgCalendarGaps)
				}
			}
		case ModelBSFT, ModelMDFT, ModelFFT, ModelGeneric:
		}
	}
	switch t.cfg.Model {
	case ModelCRAFT:
		for i, d := range t.screens {
			if !d.On.After(today) && d.Risk == DVRiskIdentified && !d.SafetyPlan {
				warn(intervention.Index("dvScreens", i), MsgNoSafetyPlan)
			}
		}
		if invited && !t.invitedBy(today) {
			warn("invitations", MsgInvitationMissing)
		}
	case ModelBCT:
		if _, ok := t.contractOn(today); heldAny && !ok {
			warn("contracts", MsgNoContract)
		}
	case ModelBSFT, ModelMDFT, ModelFFT, ModelGeneric:
	}
	for _, f := range strainFlags(t.cfg.Strain, t.members, t.strain, today) {
		out = append(out, intervention.Finding{
			Rule: RuleCaregiverStrain, Severity: intervention.SeverityInfo,
			Path: intervention.Index("members", find(t.members, f.Member, memberID)), Message: MsgCaregiverStrain,
			Source: sourceStrain,
		})
	}
	return out
}

// unscreenedChange reports whether s covers a behaviour-change procedure
// while a member present has no DV screen dated on or before on.
func (t *Therapy) unscreenedChange(s Session, on intervention.Date) bool {
	change := false
	for _, p := range s.CRAFTProcedures {
		change = change || p.BehaviorChange()
	}
	if !change {
		return false
	}
	for _, p := range s.Session.Present() {
		if p.Role.IsFamily() && !t.screened(p.ID, on) {
			return true
		}
	}
	return false
}

// invitedBy reports whether an invitation is dated on or before d.
func (t *Therapy) invitedBy(d intervention.Date) bool {
	for _, i := range t.invitations {
		if !i.On.After(d) {
			return true
		}
	}
	return false
}
