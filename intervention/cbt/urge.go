package cbt

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Bounds on urge entries (data-entry bounds, as for sessions).
const (
	// MaxScaleBound is the largest scale bound accepted.
	MaxScaleBound = 100
	// DefaultTrendDays is the default craving-trend window: one week, the
	// period of the NIDA Collaborative Cocaine Treatment Study's weekly
	// craving questionnaire (reference: plans-and-interop.md §1.4, AJP
	// 160:1320).
	DefaultTrendDays = 7
	// MaxTrendDays bounds the craving-trend window and the session interval.
	MaxTrendDays = 366
	minYear      = 1970
	maxYear      = 2200
)

// Scale is the inclusive range of an urge-intensity rating. Sources rate
// urges 0–10 or, on DBT diary cards, 0–5 (reference: plans-and-interop.md
// §1.4), so every entry stores its own bounds. The zero Scale stands for
// DefaultScale wherever an entry's scale is read, and is written out as
// explicit bounds.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// DefaultScale returns the 0–10 scale.
func DefaultScale() Scale { return Scale{Min: 0, Max: 10} }

// DiaryCardScale returns the 0–5 scale of the DBT diary card (reference:
// plans-and-interop.md §1.4).
func DiaryCardScale() Scale { return Scale{Min: 0, Max: 5} }

// IsZero reports whether s is the zero Scale (read as DefaultScale).
func (s Scale) IsZero() bool { return s == Scale{} }

// Bounds returns s, or DefaultScale when s is zero.
func (s Scale) Bounds() Scale {
	if s.IsZero() {
		return DefaultScale()
	}
	return s
}

// Contains reports whether v lies within the effective bounds of s.
func (s Scale) Contains(v int) bool {
	b := s.Bounds()
	return v >= b.Min && v <= b.Max
}

// Validate reports whether s is usable: 0 ≤ Min < Max ≤ MaxScaleBound (the
// zero Scale is valid and means DefaultScale).
func (s Scale) Validate() error {
	b := s.Bounds()
	if b.Min < 0 || b.Min >= b.Max || b.Max > MaxScaleBound {
		return field("", intervention.ErrOutOfRange)
	}
	return nil
}

// String returns "min-max" of the effective bounds, e.g. "0-10".
func (s Scale) String() string {
	b := s.Bounds()
	return strconv.Itoa(b.Min) + "-" + strconv.Itoa(b.Max)
}

// Urge is one entry of the urge (craving) log: when, how strong, in what
// kind of situation, which coping strategy was used, and whether the person
// used. It holds codes only, no text.
type Urge struct {
	ID uuid.UUID `json:"id"`
	At time.Time `json:"at"`
	// Intensity is the rating on Scale.
	Intensity int `json:"intensity"`
	// Scale is the rating's range; the zero Scale means DefaultScale (0–10)
	// and is written to JSON as explicit bounds.
	Scale Scale `json:"scale"`
	// Trigger is the situation's category; empty when not recorded.
	Trigger Trigger `json:"trigger,omitzero"`
	// Coping is the host's code of the coping strategy used; empty when
	// none was.
	Coping string `json:"coping,omitzero"`
	// Used reports whether the person used (acted on the urge).
	Used bool `json:"used"`
}

// Validate reports every problem with u, each under its JSON path.
func (u Urge) Validate() error {
	var errs []error
	if u.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if u.At.IsZero() {
		errs = append(errs, field("at", intervention.ErrMissing))
	} else if y := u.At.UTC().Year(); y < minYear || y >= maxYear {
		errs = append(errs, field("at", intervention.ErrOutOfRange))
	}
	if err := u.Scale.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("scale", err))
	} else if !u.Scale.Contains(u.Intensity) {
		errs = append(errs, field("intensity", intervention.ErrOutOfRange))
	}
	if u.Trigger != "" && !u.Trigger.Valid() {
		errs = append(errs, field("trigger", ErrUnknownTrigger))
	}
	if u.Coping != "" && !validCode(u.Coping) {
		errs = append(errs, field("coping", ErrBadCode))
	}
	return errors.Join(errs...)
}

// urgeJSON is Urge without its methods.
type urgeJSON Urge

// MarshalJSON writes u with its scale's explicit bounds (a zero Scale is
// written as 0–10).
func (u Urge) MarshalJSON() ([]byte, error) {
	u.Scale = u.Scale.Bounds()
	return json.Marshal(urgeJSON(u))
}

// CravingTrend compares urge intensity over the last Days days with the
// Days before, and the share of urges resisted (not acted on). Means are
// exact ratios (sum of intensities over count); a window without entries
// gives a mean that is not computable, never 0.
type CravingTrend struct {
	// Days is the window length in calendar days.
	Days int `json:"days"`
	// Through is the last day of the recent window.
	Through intervention.Date `json:"through"`
	// Scale is the scale every entry in both windows used; zero when they
	// differ (MixedScales) or there are none.
	Scale Scale `json:"scale"`
	// MixedScales reports entries on different scales: the means are then
	// not computable.
	MixedScales bool `json:"mixedScales"`
	// RecentCount and PreviousCount are the entries in each window.
	RecentCount   int `json:"recentCount"`
	PreviousCount int `json:"previousCount"`
	// RecentMean and PreviousMean are mean intensities.
	RecentMean   intervention.Ratio `json:"recentMean"`
	PreviousMean intervention.Ratio `json:"previousMean"`
	// Change is RecentMean − PreviousMean: negative when craving eases.
	Change intervention.Ratio `json:"change"`
	// Resisted and PreviousResisted are urges not acted on over urges, per
	// window.
	Resisted         intervention.Ratio `json:"resisted"`
	PreviousResisted intervention.Ratio `json:"previousResisted"`
}

// TrendOf computes the craving trend of urges as of asOf: the recent window
// is the days calendar days ending with asOf's date in loc (entries after
// asOf excluded), the previous window the days before it. A nil loc means
// UTC. days outside 1…MaxTrendDays is ErrOutOfRange at "days"; an asOf
// outside years 1–9999 is ErrOutOfRange at "asOf".
func TrendOf(urges []Urge, asOf time.Time, days int, loc *time.Location) (CravingTrend, error) {
	if days < 1 || days > MaxTrendDays {
		return CravingTrend{}, field("days", intervention.ErrOutOfRange)
	}
	if loc == nil {
		loc = time.UTC
	}
	today, err := intervention.DateOf(asOf, loc)
	if err != nil {
		return CravingTrend{}, field("asOf", intervention.ErrOutOfRange)
	}
	recentFrom, previousFrom := today.AddDays(1-days), today.AddDays(1-2*days)
	tr := CravingTrend{Days: days, Through: today}
	var sum, prevSum, resisted, prevResisted int
	first := true
	for _, u := range urges {
		if u.At.After(asOf) {
			continue
		}
		d, err := intervention.DateOf(u.At, loc)
		if err != nil || d.Before(previousFrom) {
			continue
		}
		if first {
			tr.Scale, first = u.Scale.Bounds(), false
		} else if tr.Scale != u.Scale.Bounds() {
			tr.MixedScales = true
		}
		if d.Before(recentFrom) {
			tr.PreviousCount++
			prevSum += u.Intensity
			if !u.Used {
				prevResisted++
			}
			continue
		}
		tr.RecentCount++
		sum += u.Intensity
		if !u.Used {
			resisted++
		}
	}
	tr.Resisted = intervention.RatioOf(resisted, tr.RecentCount)
	tr.PreviousResisted = intervention.RatioOf(prevResisted, tr.PreviousCount)
	if tr.MixedScales {
		tr.Scale = Scale{}
		return tr, nil
	}
	tr.RecentMean = intervention.RatioOf(sum, tr.RecentCount)
	tr.PreviousMean = intervention.RatioOf(prevSum, tr.PreviousCount)
	tr.Change = subRatio(tr.RecentMean, tr.PreviousMean)
	return tr, nil
}

// subRatio returns a − b exactly: (an·bd − bn·ad)/(ad·bd). It is not
// computable when either operand is not.
func subRatio(a, b intervention.Ratio) intervention.Ratio {
	if !a.Computable() || !b.Computable() {
		return intervention.Ratio{}
	}
	num := a.Num().Mul(b.Den()).Sub(b.Num().Mul(a.Den()))
	return intervention.NewRatio(num, a.Den().Mul(b.Den()))
}
