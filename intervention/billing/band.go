package billing

import (
	"errors"
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// Band bills Code for MinMinutes through MaxMinutes minutes, both inclusive.
// A MaxMinutes of 0 means no upper edge, which only the last band of a table
// may have.
type Band struct {
	Code       Code `json:"code"`
	MinMinutes int  `json:"minMinutes"`
	MaxMinutes int  `json:"maxMinutes,omitzero"` // 0: open-ended
}

// contains reports whether m lies in b.
func (b Band) contains(m int) bool {
	return m >= b.MinMinutes && (b.MaxMinutes == 0 || m <= b.MaxMinutes)
}

// BandTable maps face-to-face minutes to one time-band code. It is plain data
// so that a payer with different edges supplies its own table; the defaults
// are PsychotherapyBands, FamilyBands and GroupBands. Bands ascend and do not
// overlap; gaps between them are allowed and are not billable (ReasonNoBand).
type BandTable struct {
	Rule  RuleID `json:"rule"` // names the table in every Result
	Bands []Band `json:"bands"`
}

// Errors reported by BandTable.Validate, each inside a FieldError.
var (
	// ErrBandOrder means a band starts at or before the end of the band
	// before it, or an open-ended band is not last.
	ErrBandOrder = fmt.Errorf("billing: bands overlap or are out of order: %w", intervention.ErrInconsistent)
	// ErrBandEdge means a band's minimum is below 1 or its maximum is below its
	// minimum.
	ErrBandEdge = fmt.Errorf("billing: band edge: %w", intervention.ErrOutOfRange)
)

// PsychotherapyBands returns the CPT psychotherapy time bands for
// face-to-face psychotherapy time: 90832 = 16–37 min, 90834 = 38–52 min,
// 90837 = 53 min or more; under 16 min is not billable. One of these codes
// per claim. reference: plans-and-interop.md §5.4 and rule P-BILL-TIME-1.
func PsychotherapyBands() BandTable {
	return BandTable{Rule: RulePsychotherapyTimeBand, Bands: []Band{
		{Code: Code90832, MinMinutes: 16, MaxMinutes: 37},
		{Code: Code90834, MinMinutes: 38, MaxMinutes: 52},
		{Code: Code90837, MinMinutes: 53},
	}}
}

// FamilyBands returns the family psychotherapy table: 90847 when the patient
// is present (conjoint), 90846 when absent, each from 26 minutes with no
// upper edge (they are 50-minute codes with a 26-minute minimum).
// reference: plans-and-interop.md §5.4 and rule P-BILL-TIME-1.
func FamilyBands(patientPresent bool) BandTable {
	code := Code90846
	if patientPresent {
		code = Code90847
	}
	return BandTable{Rule: RuleFamilyMinimum, Bands: []Band{{Code: code, MinMinutes: 26}}}
}

// GroupBands returns the group psychotherapy table: 90853 per participant.
// The reference gives no minimum time for 90853 (plans-and-interop.md §5.4;
// rule P-GROUP-1 bills each participant's own minutes), so the default bills
// any attendee with at least 1 minute; set a payer's minimum by editing
// Bands[0].MinMinutes.
func GroupBands() BandTable {
	return BandTable{Rule: RuleGroupPerParticipant, Bands: []Band{{Code: Code90853, MinMinutes: 1}}}
}

// Validate reports every problem with t: a missing rule name, no bands, an
// unknown code, a minimum below 1, a maximum below its minimum, and bands out
// of ascending order, overlapping, or open-ended before the last. Every error
// wraps intervention.ErrInvalid. It never modifies t.
func (t BandTable) Validate() error {
	var errs []error
	if t.Rule == "" {
		errs = append(errs, intervention.Field("rule", intervention.ErrMissing))
	}
	if len(t.Bands) == 0 {
		errs = append(errs, intervention.Field("bands", intervention.ErrMissing))
	}
	for i, b := range t.Bands {
		path := intervention.Index("bands", i)
		if !b.Code.Valid() {
			errs = append(errs, intervention.Field(path+".code", ErrUnknownCode))
		}
		if b.MinMinutes < 1 {
			errs = append(errs, intervention.Field(path+".minMinutes", ErrBandEdge))
		}
		if b.MaxMinutes != 0 && b.MaxMinutes < b.MinMinutes {
			errs = append(errs, intervention.Field(path+".maxMinutes", ErrBandEdge))
		}
		if i == 0 {
			continue
		}
		prev := t.Bands[i-1]
		switch {
		case prev.MaxMinutes == 0:
			errs = append(errs, intervention.Field(intervention.Index("bands", i-1)+".maxMinutes", ErrBandOrder))
		case b.MinMinutes <= prev.MaxMinutes:
			errs = append(errs, intervention.Field(path+".minMinutes", ErrBandOrder))
		}
	}
	return errors.Join(errs...)
}

// Classify returns the code of the band containing minutes, with 1 unit; or
// a Result that is not billable with ReasonBelowMinimum (under the first
// band) or ReasonNoBand (in a gap or above a closed last band). It returns an
// error wrapping intervention.ErrInvalid when t is invalid or minutes is
// outside 0..MaxMinutes (field "minutes").
func (t BandTable) Classify(minutes int) (Result, error) {
	if err := errors.Join(t.Validate(), checkMinutes("minutes", minutes)); err != nil {
		return Result{}, err
	}
	return t.classify(minutes), nil
}

// classify is Classify on a valid table and valid minutes.
func (t BandTable) classify(minutes int) Result {
	r := Result{Minutes: minutes, Rule: t.Rule}
	if minutes < t.Bands[0].MinMinutes {
		r.Reason = ReasonBelowMinimum
		return r
	}
	for _, b := range t.Bands {
		if b.contains(minutes) {
			r.Code, r.Units = b.Code, 1
			return r
		}
	}
	r.Reason = ReasonNoBand
	return r
}

// Psychotherapy returns the CPT psychotherapy code for minutes of
// face-to-face psychotherapy under PsychotherapyBands: 15 minutes is not
// billable (ReasonBelowMinimum), 16 is 90832, 38 is 90834, 53 is 90837.
func Psychotherapy(minutes int) (Result, error) { return PsychotherapyBands().Classify(minutes) }

// FamilyPsychotherapy returns 90847 (patient present) or 90846 (patient
// absent) for at least 26 minutes under FamilyBands; 25 minutes is not
// billable (ReasonBelowMinimum).
func FamilyPsychotherapy(minutes int, patientPresent bool) (Result, error) {
	return FamilyBands(patientPresent).Classify(minutes)
}

// GroupLine is one attendee's line of a group session: Attendee is the
// index of that attendee's minutes in the slice given to Group.
type GroupLine struct {
	Attendee int `json:"attendee"`
	Result
}

// GroupResult splits a group session's attendees into lines to bill and
// lines not billed, each carrying its reason. Both keep the input order.
type GroupResult struct {
	Billed    []GroupLine `json:"billed"`
	NotBilled []GroupLine `json:"notBilled"`
}

// Group classifies each attendee's own minutes of a group session with t
// (per-participant billing, rule P-GROUP-1). minutes[i] is attendee i's
// face-to-face minutes; a no-show is 0. It returns an error wrapping
// intervention.ErrInvalid, naming "minutes[i]", for any out-of-range entry,
// and bills nothing then.
func (t BandTable) Group(minutes []int) (GroupResult, error) {
	errs := append([]error{t.Validate()}, checkMinuteList("minutes", minutes)...)
	if err := errors.Join(errs...); err != nil {
		return GroupResult{}, err
	}
	var g GroupResult
	for i, m := range minutes {
		line := GroupLine{Attendee: i, Result: t.classify(m)}
		if line.Billable() {
			g.Billed = append(g.Billed, line)
		} else {
			g.NotBilled = append(g.NotBilled, line)
		}
	}
	return g, nil
}

// GroupPsychotherapy bills 90853 for each attendee under GroupBands: one
// line per attendee with at least 1 minute; attendees with 0 minutes are in
// NotBilled with ReasonBelowMinimum.
func GroupPsychotherapy(minutes []int) (GroupResult, error) { return GroupBands().Group(minutes) }
