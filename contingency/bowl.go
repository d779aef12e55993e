package contingency

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// The tier names of the Petry bowl (reference: contingency.md §2 "good job" /
// small / large / jumbo).
const (
	TierGoodJob = "good-job"
	TierSmall   = "small"
	TierLarge   = "large"
	TierJumbo   = "jumbo"
)

// Limits that keep prize-bowl arithmetic and draws bounded.
const (
	// MaxTierSlips is the most slips one tier may hold.
	MaxTierSlips = 1_000_000
	// MaxDrawsPerVisit bounds every draw count a PrizeBowl names: an
	// escalation entry, a bonus and MaxDraws.
	MaxDrawsPerVisit = 1000
	// ExpectedValueScale is the number of decimal places expected values are
	// rounded to when the exact quotient does not terminate; a terminating
	// quotient is returned exactly.
	ExpectedValueScale = 10
)

// ErrBadTierName means a tier name is not 1–32 lowercase ASCII letters,
// digits and hyphens.
var ErrBadTierName = fmt.Errorf("contingency: a tier name is 1-32 lowercase letters, digits and hyphens: %w", intervention.ErrInvalid)

// ErrUnknownTier means a tier name is not one of the bowl's tiers.
var ErrUnknownTier = fmt.Errorf("contingency: tier: %w", intervention.ErrUnknownValue)

// ErrBowlEmpty means a bowl drawn without replacement has fewer slips left
// than the draws asked for; Restock refills it.
var ErrBowlEmpty = fmt.Errorf("contingency: not enough slips left in the bowl: %w", intervention.ErrInvalid)

// EscalateBy says what raises the number of prize draws. The zero EscalateBy
// is invalid.
type EscalateBy string

// The escalation modes (reference: contingency.md §2 "Escalation, reset and
// bonus rules").
const (
	// EscalateByVisit: the level is the run of consecutive earning visits
	// (NREPP: draws rise "with consecutive negative test results").
	EscalateByVisit EscalateBy = "visit"
	// EscalateByWeek: the level is the weeks of continuous abstinence, read
	// from Step.Week (CTN-0007 coding; Roll 2006 "increased with each week of
	// negative samples"). The counter becomes 1 at the first earning visit
	// after a reset and rises by one at the first earning visit of each later
	// week (P3: NNNN P NNNNN at 2 visits a week → 1,1,2,2,0,1,2,2,3,3). That
	// it rises at the first visit of a week is [UNCERTAIN] (reference: §8).
	EscalateByWeek EscalateBy = "week"
)

// ErrUnknownEscalateBy means an escalation mode is not one of the constants.
var ErrUnknownEscalateBy = fmt.Errorf("contingency: escalate by: %w", intervention.ErrUnknownValue)

// EscalateBys returns every EscalateBy in a stable order.
func EscalateBys() []EscalateBy { return []EscalateBy{EscalateByVisit, EscalateByWeek} }

// ParseEscalateBy returns the EscalateBy whose text form is s.
func ParseEscalateBy(s string) (EscalateBy, error) {
	return enum.Parse(EscalateBy(s), EscalateBy.Valid, ErrUnknownEscalateBy)
}

// Valid reports whether e is one of the constants.
func (e EscalateBy) Valid() bool { return enum.Valid(e, EscalateBys()) }

// String returns the text form of e.
func (e EscalateBy) String() string { return string(e) }

// MarshalText encodes e; an invalid EscalateBy is an error.
func (e EscalateBy) MarshalText() ([]byte, error) {
	return enum.Marshal(e, EscalateBy.Valid, ErrUnknownEscalateBy)
}

// UnmarshalText decodes e with ParseEscalateBy; on error *e is unchanged.
func (e *EscalateBy) UnmarshalText(b []byte) error { return enum.Unmarshal(e, b, ParseEscalateBy) }

// Tier is one kind of slip in a prize bowl: how many slips of it the full
// bowl holds and the value of the prize each wins.
type Tier struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	Value Money  `json:"value"`
}

// PrizeBowl is a prize ("fishbowl") schedule: each earning visit earns draws
// from a bowl of slips whose tiers pay different prizes (reference:
// contingency.md §2; P1–P3). Draws rise with the escalation level and reset
// to zero on OutcomeReset; a hold earns no draws and keeps the level.
//
// A PrizeBowl is the schedule; Bowl is the stateful bowl that draws from it.
// The zero PrizeBowl is invalid.
type PrizeBowl struct {
	// Tiers is the composition of the full bowl (Petry: 250 good-job, 209
	// small, 40 large, 1 jumbo).
	Tiers []Tier `json:"tiers"`
	// Escalation is the draws earned at each level: Escalation[0] at level 1.
	// A level beyond the table earns its last entry.
	Escalation []int `json:"escalation"`
	// MaxDraws caps the draws of one visit, bonus draws included; zero means
	// no cap (NREPP: "as many as 15").
	MaxDraws int `json:"maxDraws,omitzero"`
	// EscalateBy says what the level counts.
	EscalateBy EscalateBy `json:"escalateBy"`
	// SecondaryBonusDraws are added when Step.SecondaryMet (CTN-0007: +2 when
	// opioids are also negative).
	SecondaryBonusDraws int `json:"secondaryBonusDraws,omitzero"`
	// BonusEvery adds BonusDraws when the run of consecutive earns reaches a
	// multiple of it ("bonus draws may be awarded … on a predetermined
	// schedule", NREPP). Zero means none; set both or neither.
	BonusEvery int `json:"bonusEvery,omitzero"`
	BonusDraws int `json:"bonusDraws,omitzero"`
	// WithReplacement returns each drawn slip to the bowl (VA REAP); without
	// it drawn slips stay out until Bowl.Restock.
	WithReplacement bool `json:"withReplacement"`
}

var _ Schedule = PrizeBowl{}

// Kind returns SchedulePrizeBowl.
func (PrizeBowl) Kind() ScheduleKind { return SchedulePrizeBowl }

// Validate reports every problem with p. It never modifies p.
//
// Rules: at least one tier; tier names are slugs (ErrBadTierName) and
// unique; counts are 1–MaxTierSlips; values are amounts (see Escalating);
// Escalation has at least one entry, each 1–MaxDrawsPerVisit; MaxDraws,
// SecondaryBonusDraws and BonusDraws are 0–MaxDrawsPerVisit; BonusEvery is
// not negative and set with BonusDraws; EscalateBy is valid.
func (p PrizeBowl) Validate() error {
	var errs []error
	if len(p.Tiers) == 0 {
		errs = append(errs, intervention.Field("tiers", intervention.ErrMissing))
	}
	seen := make(map[string]bool, len(p.Tiers))
	for i, t := range p.Tiers {
		path := intervention.Index("tiers", i)
		switch {
		case !isSlug(t.Name, 32):
			errs = append(errs, intervention.Field(path+".name", ErrBadTierName))
		case seen[t.Name]:
			errs = append(errs, intervention.Field(path+".name", intervention.ErrDuplicate))
		}
		seen[t.Name] = true
		if t.Count < 1 || t.Count > MaxTierSlips {
			errs = append(errs, intervention.Field(path+".count", intervention.ErrOutOfRange))
		}
		errs = appendMoneyErr(errs, path+".value", t.Value, false)
	}
	if len(p.Escalation) == 0 {
		errs = append(errs, intervention.Field("escalation", intervention.ErrMissing))
	}
	for i, n := range p.Escalation {
		if n < 1 || n > MaxDrawsPerVisit {
			errs = append(errs, intervention.Field(intervention.Index("escalation", i), intervention.ErrOutOfRange))
		}
	}
	for _, f := range []struct {
		path string
		n    int
	}{{"maxDraws", p.MaxDraws}, {"secondaryBonusDraws", p.SecondaryBonusDraws}, {"bonusDraws", p.BonusDraws}} {
		if f.n < 0 || f.n > MaxDrawsPerVisit {
			errs = append(errs, intervention.Field(f.path, intervention.ErrOutOfRange))
		}
	}
	errs = appendBonusErr(errs, "bonusDraws", p.BonusEvery, p.BonusDraws != 0)
	if !p.EscalateBy.Valid() {
		errs = append(errs, intervention.Field("escalateBy", ErrUnknownEscalateBy))
	}
	return errors.Join(errs...)
}

// Advance prices one more visit after state: an earning visit earns Draws
// (the escalation entry for its Level plus bonus draws, capped by MaxDraws,
// base draws first) with Base and Bonus zero, since a prize's value is known
// only once drawn. Under EscalateByWeek a step's week must not be earlier than
// the state's. It fails with an error wrapping intervention.ErrInvalid when
// the step or state is invalid (paths "step.…", "state.…"), or with p's
// Validate error when p has no escalation; it does not otherwise re-validate
// p (see Validate and Evaluate).
func (p PrizeBowl) Advance(state RunState, step Step) (Award, RunState, error) {
	weekly := p.EscalateBy == EscalateByWeek
	if len(p.Escalation) == 0 {
		return Award{}, state, p.Validate()
	}
	if err := validateAdvance(state, step, weekly); err != nil {
		return Award{}, state, err
	}
	a := Award{Visit: state.Visits, Outcome: step.Outcome, Base: decimal.Zero, Bonus: decimal.Zero}
	next := state
	next.Visits++
	switch step.Outcome {
	case OutcomeEarn:
		next.Run++
		next.Level = next.Run
		if weekly {
			if next.Weeks == 0 || step.Week > next.Week {
				next.Weeks++
				next.Week = step.Week
			}
			next.Level = next.Weeks
		}
		base := p.Escalation[min(next.Level, len(p.Escalation))-1]
		bonus := 0
		if step.SecondaryMet {
			bonus += p.SecondaryBonusDraws
		}
		if p.BonusEvery > 0 && next.Run%p.BonusEvery == 0 {
			bonus += p.BonusDraws
		}
		if p.MaxDraws > 0 && base+bonus > p.MaxDraws {
			base = min(base, p.MaxDraws)
			bonus = p.MaxDraws - base
		}
		a.Level, a.Draws, a.BonusDraws = next.Level, base+bonus, bonus
	case OutcomeReset:
		next.Run, next.Level, next.Weeks = 0, 0, 0
	case OutcomeHold:
	}
	a.Run = next.Run
	return a, next, nil
}

// Slips returns the number of slips in the full bowl.
func (p PrizeBowl) Slips() int {
	n := 0
	for _, t := range p.Tiers {
		n += t.Count
	}
	return n
}

// Slip returns the slip of tier name, worth the tier's value, or
// ErrUnknownTier.
func (p PrizeBowl) Slip(name string) (Slip, error) {
	for _, t := range p.Tiers {
		if t.Name == name {
			return Slip{Tier: t.Name, Value: t.Value}, nil
		}
	}
	return Slip{}, ErrUnknownTier
}

// ExpectedValuePerDraw returns the expected prize value of one draw from the
// full bowl: Σ count·value / total slips (Petry bowl: $2.178 with an $80
// jumbo, $2.218 with $100; reference: contingency.md §2). It is exact when
// the quotient terminates and otherwise rounded to ExpectedValueScale places.
func (p PrizeBowl) ExpectedValuePerDraw() (decimal.Decimal, error) {
	return p.ExpectedValue(1)
}

// ExpectedValue returns the expected prize value of n draws, computed as
// Σ count·value·n / total slips without rounding the per-draw value first
// (P1: 156 draws → $339.768). By symmetry the k-th draw without replacement
// has the same expectation as the first, so this holds for both modes while
// the bowl is not exhausted between restocks. Exact when the quotient
// terminates, otherwise rounded half away from zero to ExpectedValueScale
// places. n must not be negative.
func (p PrizeBowl) ExpectedValue(n int) (decimal.Decimal, error) {
	if err := p.Validate(); err != nil {
		return decimal.Decimal{}, err
	}
	if n < 0 {
		return decimal.Decimal{}, intervention.Field("draws", intervention.ErrOutOfRange)
	}
	num := decimal.Zero // cents × draws
	for _, t := range p.Tiers {
		num = num.Add(decimal.NewFromInt(int64(t.Count)).Mul(decimal.NewFromInt(cents(t.Value))))
	}
	num = num.Mul(decimal.NewFromInt(int64(n)))
	den := int64(p.Slips()) * 100
	return num.DivRound(decimal.NewFromInt(den), exactScale(num.BigInt(), den)), nil
}

// ExpectedCost returns the expected prize value of every draw in awards (the
// programme maximum when awards are all earns: P1 $339.77, P2 $444.31).
func (p PrizeBowl) ExpectedCost(awards []Award) (decimal.Decimal, error) {
	return p.ExpectedValue(TotalDraws(awards))
}

// exactScale returns the decimal places num/den needs to be exact when it
// terminates (den's reduced prime factors are only 2 and 5), and at least
// ExpectedValueScale.
func exactScale(num *big.Int, den int64) int32 {
	d := new(big.Int).SetInt64(den)
	if num.Sign() != 0 {
		d.Quo(d, new(big.Int).GCD(nil, nil, new(big.Int).Abs(num), d))
	}
	var twos, fives int32
	two, five, r := big.NewInt(2), big.NewInt(5), new(big.Int)
	for r.Rem(d, two).Sign() == 0 {
		d.Quo(d, two)
		twos++
	}
	for r.Rem(d, five).Sign() == 0 {
		d.Quo(d, five)
		fives++
	}
	if d.Cmp(big.NewInt(1)) != 0 {
		return ExpectedValueScale
	}
	return max(ExpectedValueScale, twos, fives)
}

// TotalDraws returns the number of draws in awards, bonus draws included.
func TotalDraws(awards []Award) int {
	n := 0
	for _, a := range awards {
		n += a.Draws
	}
	return n
}

// SlipsValue returns the total prize value of slips: the pure valuation of a
// recorded draw sequence ([good-job, small, good-job, large] in the Petry
// bowl pays $21; reference: §8 "Deterministic draw checks").
func SlipsValue(slips []Slip) Money {
	total := Money{decimal.Zero}
	for _, s := range slips {
		total = total.Add(s.Value)
	}
	return total
}

// Bowl is a physical prize bowl being drawn from: the composition of a
// PrizeBowl, the slips left in it, and a record of every slip drawn. Draws
// come from the caller's seeded *rand.Rand, so a recorded seed replays them.
//
// A Bowl is not safe for concurrent use; the caller serialises access, as a
// *rand.Rand requires anyway.
type Bowl struct {
	tiers   []Tier
	left    []int
	replace bool
	drawn   []Slip
}

// NewBowl returns a full bowl for spec, which must be valid.
func NewBowl(spec PrizeBowl) (*Bowl, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	b := &Bowl{tiers: slices.Clone(spec.Tiers), replace: spec.WithReplacement}
	b.Restock()
	return b, nil
}

// Draw draws n slips with r and returns them in order, recording each.
// Without replacement a drawn slip leaves the bowl (after the only jumbo is
// drawn no jumbo can be drawn until Restock); with replacement it goes back,
// so every draw sees the full bowl. It fails, drawing nothing, when r is nil
// (intervention.ErrMissing), n is negative (intervention.ErrOutOfRange) or
// fewer than n slips are left (ErrBowlEmpty).
func (b *Bowl) Draw(r *rand.Rand, n int) ([]Slip, error) {
	switch {
	case r == nil:
		return nil, intervention.ErrMissing
	case n < 0:
		return nil, intervention.ErrOutOfRange
	case !b.replace && n > b.Len():
		return nil, ErrBowlEmpty
	}
	out := make([]Slip, 0, n)
	for range n {
		u := r.IntN(b.Len())
		for i, c := range b.left {
			if u < c {
				out = append(out, Slip{Tier: b.tiers[i].Name, Value: b.tiers[i].Value})
				if !b.replace {
					b.left[i]--
				}
				break
			}
			u -= c
		}
	}
	b.drawn = append(b.drawn, out...)
	return out, nil
}

// Len returns the number of slips in the bowl now.
func (b *Bowl) Len() int {
	n := 0
	for _, c := range b.left {
		n += c
	}
	return n
}

// Remaining returns the slips left in each tier, in the spec's tier order.
func (b *Bowl) Remaining() []Tier {
	out := slices.Clone(b.tiers)
	for i := range out {
		out[i].Count = b.left[i]
	}
	return out
}

// Restock refills the bowl to its full composition. The record of drawn
// slips is kept.
func (b *Bowl) Restock() {
	b.left = make([]int, len(b.tiers))
	for i, t := range b.tiers {
		b.left[i] = t.Count
	}
}

// Drawn returns every slip drawn from the bowl, in order, for audit
// (reference: contingency.md §2 "Check slip counts at least monthly").
func (b *Bowl) Drawn() []Slip { return slices.Clone(b.drawn) }
