package twelvestep

import (
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Steps is the number of steps in a twelve-step programme.
const Steps = 12

// Affiliation is a dated snapshot of the patient's involvement with one
// fellowship: self-identification as a member, sponsorship (has a sponsor,
// since when, temporary or not; is a sponsor) and home group. It holds no
// names: the sponsor is never identified and the home group is the host's
// code. The latest snapshot per fellowship is current (reference:
// plans-and-interop.md §3.3 — attendance and having a sponsor were the
// strongest predictors of abstinence in the MAAEZ trial; §3.4 AAI core).
type Affiliation struct {
	ID         uuid.UUID         `json:"id"`
	On         intervention.Date `json:"on"`
	Fellowship Fellowship        `json:"fellowship"`
	// SelfIdentifies: the patient considers themself a member (the AAI
	// self-identification item).
	SelfIdentifies bool `json:"selfIdentifies"`
	HasSponsor     bool `json:"hasSponsor"`
	// SponsorSince is the day the patient got the sponsor, when known; only
	// with HasSponsor, and not after On.
	SponsorSince intervention.Date `json:"sponsorSince,omitzero"`
	// TemporarySponsor: the sponsor is a temporary one (MAAEZ teaches
	// asking for one; §3.2); only with HasSponsor.
	TemporarySponsor bool `json:"temporarySponsor"`
	// IsSponsor: the patient sponsors someone.
	IsSponsor bool `json:"isSponsor"`
	// HomeGroup is the host's code for the patient's home group; empty for
	// none.
	HomeGroup string `json:"homeGroup,omitzero"`
}

// Validate reports every problem with a, each under its JSON path. It never
// modifies a.
func (a Affiliation) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if a.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if a.On.IsZero() {
		add("on", intervention.ErrMissing)
	}
	if !a.Fellowship.Valid() {
		add("fellowship", ErrUnknownFellowship)
	}
	if !a.SponsorSince.IsZero() && (!a.HasSponsor || (!a.On.IsZero() && a.SponsorSince.After(a.On))) {
		add("sponsorSince", intervention.ErrInconsistent)
	}
	if a.TemporarySponsor && !a.HasSponsor {
		add("temporarySponsor", intervention.ErrInconsistent)
	}
	if a.HomeGroup != "" && !validCode(a.HomeGroup) {
		add("homeGroup", ErrBadCode)
	}
	return errors.Join(errs...)
}

// StepWork records a change in the patient's work on one step: the step
// (1–12), its new status and the day. The latest record per step is current
// (reference: plans-and-interop.md §3.3, "step work (step number,
// status)").
type StepWork struct {
	ID     uuid.UUID         `json:"id"`
	Step   int               `json:"step"`
	Status StepStatus        `json:"status"`
	On     intervention.Date `json:"on"`
}

// Validate reports every problem with w, each under its JSON path.
func (w StepWork) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if w.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if w.Step < 1 || w.Step > Steps {
		add("step", intervention.ErrOutOfRange)
	}
	if !w.Status.Valid() {
		add("status", ErrUnknownStepStatus)
	}
	if w.On.IsZero() {
		add("on", intervention.ErrMissing)
	}
	return errors.Join(errs...)
}

// StepState is where one step stands on a day.
type StepState struct {
	Step   int        `json:"step"`
	Status StepStatus `json:"status"`
	// Since is the day of the record that set Status; zero for a step never
	// recorded.
	Since intervention.Date `json:"since,omitzero"`
}

// StepSummary is the patient's step work on a day: all twelve steps in
// order, and how many are completed and in progress.
type StepSummary struct {
	Steps      []StepState `json:"steps"`
	Completed  int         `json:"completed"`
	InProgress int         `json:"inProgress"`
}

// ServiceCommitment is a service position the patient holds in a
// fellowship (making coffee, greeting, secretary, general service
// representative): doing service was a mediator of MAAEZ's effect
// (reference: plans-and-interop.md §3.2, §3.3). It is active from Start
// through End (open while End is zero); Facilitation.EndService sets End.
type ServiceCommitment struct {
	ID         uuid.UUID  `json:"id"`
	Fellowship Fellowship `json:"fellowship"`
	// Role is the host's code for the position, e.g. "coffee", "gsr".
	Role string `json:"role"`
	// Group is the host's code for the group served; empty when the
	// commitment is beyond a group (intergroup, a hotline).
	Group string            `json:"group,omitzero"`
	Start intervention.Date `json:"start"`
	End   intervention.Date `json:"end,omitzero"`
}

// Validate reports every problem with s, each under its JSON path.
func (s ServiceCommitment) Validate() error {
	var errs []error
	add := func(path string, rule error) { errs = append(errs, field(path, rule)) }
	if s.ID == uuid.Nil {
		add("id", intervention.ErrMissing)
	}
	if !s.Fellowship.Valid() {
		add("fellowship", ErrUnknownFellowship)
	}
	if !validCode(s.Role) {
		add("role", ErrBadCode)
	}
	if s.Group != "" && !validCode(s.Group) {
		add("group", ErrBadCode)
	}
	if s.Start.IsZero() {
		add("start", intervention.ErrMissing)
	} else if !s.End.IsZero() && s.End.Before(s.Start) {
		add("end", intervention.ErrInconsistent)
	}
	return errors.Join(errs...)
}

// ActiveOn reports whether s is held on d.
func (s ServiceCommitment) ActiveOn(d intervention.Date) bool {
	return !d.IsZero() && !d.Before(s.Start) && (s.End.IsZero() || !d.After(s.End))
}

// AffiliationSummary is the patient's current affiliation across
// fellowships on a day: the latest Affiliation per fellowship, combined.
type AffiliationSummary struct {
	// Known: at least one affiliation snapshot is dated on or before the day.
	Known bool `json:"known"`
	// Fellowships with a current snapshot, in order of first snapshot.
	Fellowships    []Fellowship `json:"fellowships"`
	SelfIdentifies bool         `json:"selfIdentifies"`
	HasSponsor     bool         `json:"hasSponsor"`
	IsSponsor      bool         `json:"isSponsor"`
	HasHomeGroup   bool         `json:"hasHomeGroup"`
	// ActiveService counts the service commitments held on the day.
	ActiveService int `json:"activeService"`
}

// Involvement is the three-item core of the Alcoholics Anonymous
// Involvement scale (AAI; Tonigan, Connors & Miller 1996), which explained
// as much one-year outcome variance as the nine items: attendance, steps
// completed and self-identification as a member (reference:
// plans-and-interop.md §3.4). It is a summary of recorded facts, not a
// scored instrument; the library generalises it to any fellowship.
type Involvement struct {
	Fellowship Fellowship `json:"fellowship"`
	// WindowDays is the attendance window (Config.InvolvementWindowDays).
	WindowDays int `json:"windowDays"`
	// Meetings counts the fellowship's meetings in the window.
	Meetings int `json:"meetings"`
	// StepsCompleted counts the steps whose current status is completed.
	StepsCompleted int `json:"stepsCompleted"`
	// SelfIdentifies is the latest snapshot's answer; Known is false when
	// there is no snapshot for the fellowship.
	SelfIdentifies bool `json:"selfIdentifies"`
	Known          bool `json:"known"`
}
