package contingency

import (
	"errors"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// maxScheduleCents bounds schedule amounts: $1,000,000.00.
const maxScheduleCents = 100_000_000

// MaxScheduleAmount returns the largest money amount a schedule parameter
// (a voucher value, step, bonus, table amount or prize value) may hold:
// $1,000,000.00. Larger values fail Validate with ErrOutOfRange.
func MaxScheduleAmount() Money { return Cents(maxScheduleCents) }

// Escalating is an escalating voucher schedule with reset: the k-th
// consecutive earning visit pays Start + Step·(k−1), up to Max, plus Bonus
// whenever the current run of consecutive earns reaches a multiple of
// BonusEvery; a reset pays nothing and restarts the ladder at Start; a hold
// pays nothing and leaves the run and ladder as they were (reference:
// contingency.md §1 "The classic parameters"; H36, V1–V4, J1, J2, E1).
//
// Reset recovery (RecoverAfter K > 0): after K consecutive post-reset earns
// the ladder resumes one step above the last level earned before the reset,
// under reading Recovery (R1 by default; see Recovery). The resumed level
// never goes below where the reset ladder already is, so a short pre-reset run
// changes nothing (V2: R1 = R2). A second reset before recovery keeps the
// highest pre-reset level seen since the last recovery, so relapsing during
// recovery does not forfeit the regained value [design choice; the source
// is silent]; completing recovery forgets it.
//
// Escalating is a comparable value; the zero Escalating is invalid.
type Escalating struct {
	// Start is the first voucher value (level 1). Must be positive.
	Start Money `json:"start"`
	// Step is added for each further consecutive earn. Zero gives a flat
	// voucher.
	Step Money `json:"step"`
	// Max caps the voucher value (Base); bonuses are paid on top of it. Zero
	// means no maximum (reference: J1, $34.10).
	Max Money `json:"max,omitzero"`
	// BonusEvery pays Bonus when the current run of consecutive earns is a
	// multiple of it (Higgins: $10 every 3). Zero means no bonus; set both or
	// neither.
	BonusEvery int   `json:"bonusEvery,omitzero"`
	Bonus      Money `json:"bonus,omitzero"`
	// RecoverAfter is K, the consecutive post-reset earns that restore the
	// pre-reset level (Higgins: 5). Zero means no recovery.
	RecoverAfter int `json:"recoverAfter,omitzero"`
	// Recovery is the reading of the recovery rule; empty means RecoveryR1.
	// Ignored when RecoverAfter is zero.
	Recovery Recovery `json:"recovery,omitzero"`
}

var _ Schedule = Escalating{}

// Kind returns ScheduleEscalating.
func (Escalating) Kind() ScheduleKind { return ScheduleEscalating }

// Validate reports every problem with s. It never modifies s.
//
// Rules: Start is positive; Step, Max and Bonus are not negative; every
// amount has at most two decimal places (ErrBadMoney) and is at most
// MaxScheduleAmount; a non-zero Max is at least Start; BonusEvery and
// RecoverAfter are not negative; BonusEvery and Bonus are both zero or both
// positive; Recovery is empty or valid.
func (s Escalating) Validate() error {
	var errs []error
	errs = appendMoneyErr(errs, "start", s.Start, true)
	errs = appendMoneyErr(errs, "step", s.Step, false)
	errs = appendMoneyErr(errs, "max", s.Max, false)
	errs = appendMoneyErr(errs, "bonus", s.Bonus, false)
	if s.Max.IsPositive() && s.Max.LessThan(s.Start.Decimal) {
		errs = append(errs, intervention.Field("max", intervention.ErrInconsistent))
	}
	errs = appendBonusErr(errs, "bonus", s.BonusEvery, !s.Bonus.IsZero())
	if s.RecoverAfter < 0 {
		errs = append(errs, intervention.Field("recoverAfter", intervention.ErrOutOfRange))
	}
	if s.Recovery != "" && !s.Recovery.Valid() {
		errs = append(errs, intervention.Field("recovery", ErrUnknownRecovery))
	}
	return errors.Join(errs...)
}

// Advance prices one more visit after state and returns the award and the
// state after it. An earning visit pays Base (the ladder value at its Level)
// and Bonus; resets and holds pay zero. It fails with an error wrapping
// intervention.ErrInvalid when the step or state is invalid (paths "step.…",
// "state.…"); it does not re-validate s (see Validate and Evaluate).
func (s Escalating) Advance(state RunState, step Step) (Award, RunState, error) {
	if err := validateAdvance(state, step, false); err != nil {
		return Award{}, state, err
	}
	a := Award{Visit: state.Visits, Outcome: step.Outcome, Base: decimal.Zero, Bonus: decimal.Zero}
	next := state
	next.Visits++
	switch step.Outcome {
	case OutcomeEarn:
		next.Run++
		next.Level++
		if next.Remembered > 0 {
			next.SinceReset++
			// The post-reset earn paid at the resumed level: the K-th under
			// R2, the (K+1)-th under R1.
			trigger := s.RecoverAfter + 1
			if s.Recovery == RecoveryR2 {
				trigger = s.RecoverAfter
			}
			if next.SinceReset >= trigger {
				next.Level = max(next.Level, next.Remembered+1)
				next.Remembered, next.SinceReset = 0, 0
			}
		}
		a.Level, a.Base = next.Level, s.value(next.Level)
		if s.BonusEvery > 0 && next.Run%s.BonusEvery == 0 {
			a.Bonus = s.Bonus.Decimal
		}
	case OutcomeReset:
		if s.RecoverAfter > 0 {
			next.Remembered = max(next.Remembered, next.Level)
		}
		next.Run, next.Level, next.SinceReset = 0, 0, 0
	case OutcomeHold:
	}
	a.Run = next.Run
	return a, next, nil
}

// value returns the voucher value at level (from 1): Start + Step·(level−1),
// capped at Max when Max is set.
func (s Escalating) value(level int) decimal.Decimal {
	v := s.Start.Decimal.Add(s.Step.Mul(decimal.NewFromInt(int64(level - 1))))
	if s.Max.IsPositive() && v.GreaterThan(s.Max.Decimal) {
		return s.Max.Decimal
	}
	return v
}

// TotalAmount returns the sum of the awards' cash amounts (Base + Bonus).
func TotalAmount(awards []Award) decimal.Decimal {
	total := decimal.Zero
	for _, a := range awards {
		total = total.Add(a.Amount())
	}
	return total
}

// maxStateCount bounds every count in a RunState.
const maxStateCount = 1<<31 - 1

// validateAdvance reports every problem with a state and the step that
// follows it: an unknown outcome, a negative week, a week earlier than the
// state's (when weekly), or a state count outside 0..2³¹−1.
func validateAdvance(state RunState, step Step, weekly bool) error {
	var errs []error
	if !step.Outcome.Valid() {
		errs = append(errs, intervention.Field("step.outcome", ErrUnknownOutcome))
	}
	switch {
	case step.Week < 0 || step.Week > maxStateCount:
		errs = append(errs, intervention.Field("step.week", intervention.ErrOutOfRange))
	case weekly && state.Weeks > 0 && step.Week < state.Week:
		errs = append(errs, intervention.Field("step.week", intervention.ErrInconsistent))
	}
	for _, f := range []struct {
		path string
		n    int
	}{
		{"state.visits", state.Visits}, {"state.run", state.Run}, {"state.level", state.Level},
		{"state.remembered", state.Remembered}, {"state.sinceReset", state.SinceReset},
		{"state.week", state.Week}, {"state.weeks", state.Weeks},
	} {
		if f.n < 0 || f.n >= maxStateCount {
			errs = append(errs, intervention.Field(f.path, intervention.ErrOutOfRange))
		}
	}
	return errors.Join(errs...)
}

// appendMoneyErr appends the problem with schedule amount m at path, if any:
// negative (or not positive when positive is set), more than two decimal
// places, or above MaxScheduleAmount.
func appendMoneyErr(errs []error, path string, m Money, positive bool) []error {
	switch {
	case m.IsNegative() || positive && !m.IsPositive():
		return append(errs, intervention.Field(path, intervention.ErrOutOfRange))
	case !m.Equal(Money{m.Round(2)}):
		return append(errs, intervention.Field(path, ErrBadMoney))
	case m.GreaterThan(decimal.New(maxScheduleCents, -2)):
		return append(errs, intervention.Field(path, intervention.ErrOutOfRange))
	}
	return errs
}

// appendBonusErr appends the problems with a BonusEvery and its bonus (at
// path bonusPath): the count is negative, or one is set without the other.
func appendBonusErr(errs []error, bonusPath string, every int, bonusSet bool) []error {
	switch {
	case every < 0:
		return append(errs, intervention.Field("bonusEvery", intervention.ErrOutOfRange))
	case every > 0 && !bonusSet:
		return append(errs, intervention.Field(bonusPath, intervention.ErrMissing))
	case every == 0 && bonusSet:
		return append(errs, intervention.Field("bonusEvery", intervention.ErrMissing))
	}
	return errs
}

// cents returns a validated amount in whole cents.
func cents(m Money) int64 { return m.Shift(2).IntPart() }
