package family

import (
	"errors"
	"slices"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Bounds of a StrainPolicy (data-entry bounds, not clinical facts).
const (
	// MaxStrainScale is the largest scale bound a StrainPolicy accepts.
	MaxStrainScale = 1000
	// MaxStrainConsecutive is the largest Consecutive a StrainPolicy accepts.
	MaxStrainConsecutive = 52
)

// StrainPolicy says how caregiver-strain check-ins are rated and when a
// family member is flagged as needing support: Consecutive check-ins in a
// row rated at or above Threshold on the ScaleMin–ScaleMax scale.
//
// The reference names no caregiver-strain instrument, threshold or run
// length (plans-and-interop.md has no statement on caregiver burden or
// burnout), so every figure is a parameter. The defaults are a DESIGN
// DEFAULT of this library, not a clinical standard: a 0–10 self-rating,
// threshold 7, two check-ins in a row (DefaultStrainPolicy). Hosts using a
// validated instrument set its range and cut-off.
//
// The zero StrainPolicy stands for DefaultStrainPolicy: New stores the
// default in its place.
type StrainPolicy struct {
	ScaleMin    int `json:"scaleMin"`
	ScaleMax    int `json:"scaleMax"`
	Threshold   int `json:"threshold"`
	Consecutive int `json:"consecutive"`
}

// DefaultStrainPolicy returns the design default: ratings 0–10, flagged at
// 7 or more on 2 check-ins in a row (a library default; the reference has
// no source for caregiver strain).
func DefaultStrainPolicy() StrainPolicy {
	return StrainPolicy{ScaleMin: 0, ScaleMax: 10, Threshold: 7, Consecutive: 2}
}

// IsZero reports whether p is the zero StrainPolicy.
func (p StrainPolicy) IsZero() bool { return p == StrainPolicy{} }

// Validate reports every problem with p: 0 ≤ ScaleMin < ScaleMax ≤
// MaxStrainScale, ScaleMin < Threshold ≤ ScaleMax, and 1 ≤ Consecutive ≤
// MaxStrainConsecutive. The zero StrainPolicy is valid (it means the default).
func (p StrainPolicy) Validate() error {
	if p.IsZero() {
		return nil
	}
	var errs []error
	if p.ScaleMin < 0 || p.ScaleMin >= p.ScaleMax || p.ScaleMax > MaxStrainScale {
		errs = append(errs, field("scaleMax", intervention.ErrOutOfRange))
	}
	if p.Threshold <= p.ScaleMin || p.Threshold > p.ScaleMax {
		errs = append(errs, field("threshold", intervention.ErrOutOfRange))
	}
	if p.Consecutive < 1 || p.Consecutive > MaxStrainConsecutive {
		errs = append(errs, field("consecutive", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// StrainCheckIn is one caregiver-strain rating of a family member: how
// strained the relative says they are, on the therapy's StrainPolicy scale.
type StrainCheckIn struct {
	ID     uuid.UUID         `json:"id"`
	Member uuid.UUID         `json:"member"`
	On     intervention.Date `json:"on"`
	Rating int               `json:"rating"`
}

// Validate reports every problem with c that does not depend on a policy
// (the rating's range is checked when it is recorded).
func (c StrainCheckIn) Validate() error {
	var errs []error
	if c.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if c.Member == uuid.Nil {
		errs = append(errs, field("member", intervention.ErrMissing))
	}
	if c.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// StrainFlag marks a family member whose latest check-ins are at or above
// the policy threshold: Run check-ins in a row (at least the policy's
// Consecutive), the first on Since and the latest, rated Latest, on
// LatestOn.
type StrainFlag struct {
	Member   uuid.UUID         `json:"member"`
	Since    intervention.Date `json:"since"`
	LatestOn intervention.Date `json:"latestOn"`
	Latest   int               `json:"latest"`
	Run      int               `json:"run"`
}

// strainFlags returns the flags of every member, in member order, from the
// check-ins dated on or before through (ordered by date, then recording
// order).
func strainFlags(p StrainPolicy, members []Member, checkIns []StrainCheckIn, through intervention.Date) []StrainFlag {
	var out []StrainFlag
	for _, m := range members {
		var mine []StrainCheckIn
		for _, c := range checkIns {
			if c.Member == m.ID && !c.On.After(through) {
				mine = append(mine, c)
			}
		}
		slices.SortStableFunc(mine, func(a, b StrainCheckIn) int { return a.On.Compare(b.On) })
		run := 0
		for i := len(mine) - 1; i >= 0 && mine[i].Rating >= p.Threshold; i-- {
			run++
		}
		if run >= p.Consecutive {
			last := mine[len(mine)-1]
			out = append(out, StrainFlag{
				Member: m.ID, Since: mine[len(mine)-run].On, LatestOn: last.On, Latest: last.Rating, Run: run,
			})
		}
	}
	return out
}
