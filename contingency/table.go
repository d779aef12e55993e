package contingency

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxTableLevels is the most amounts a Table may list.
const MaxTableLevels = 10_000

// Beyond says what a Table pays at a level past its last amount. In Table the
// empty Beyond means BeyondRepeatLast, the default; elsewhere the zero Beyond
// is invalid.
type Beyond string

// What a Table pays past its last amount.
const (
	// BeyondRepeatLast pays the last amount again (a ladder that has topped out).
	BeyondRepeatLast Beyond = "repeat-last"
	// BeyondZero pays nothing (a programme whose table is its whole budget).
	BeyondZero Beyond = "zero"
)

// ErrUnknownBeyond means a Beyond is not one of the constants.
var ErrUnknownBeyond = fmt.Errorf("contingency: beyond: %w", intervention.ErrUnknownValue)

// Beyonds returns every Beyond in a stable order.
func Beyonds() []Beyond { return []Beyond{BeyondRepeatLast, BeyondZero} }

// ParseBeyond returns the Beyond whose text form is s.
func ParseBeyond(s string) (Beyond, error) {
	return enum.Parse(Beyond(s), Beyond.Valid, ErrUnknownBeyond)
}

// Valid reports whether b is one of the constants.
func (b Beyond) Valid() bool { return enum.Valid(b, Beyonds()) }

// String returns the text form of b.
func (b Beyond) String() string { return string(b) }

// MarshalText encodes b; an invalid Beyond is an error.
func (b Beyond) MarshalText() ([]byte, error) { return enum.Marshal(b, Beyond.Valid, ErrUnknownBeyond) }

// UnmarshalText decodes b with ParseBeyond; on error *b is unchanged.
func (b *Beyond) UnmarshalText(b2 []byte) error { return enum.Unmarshal(b, b2, ParseBeyond) }

// Table is a voucher schedule published as a table of per-level amounts: the
// k-th consecutive earning visit pays Amounts[k−1]; a reset pays nothing and
// returns to level 1; a hold pays nothing and keeps the level (reference:
// contingency.md §3 "The library should hold RIP as data (a table of
// per-visit amounts plus the reset and recovery rules)"; RIP-4). An optional
// Bonus is paid when the run of consecutive earns reaches a multiple of
// BonusEvery, as in Escalating. Table has no reset recovery.
//
// The zero Table is invalid.
type Table struct {
	// Amounts are the voucher values: Amounts[0] at level 1.
	Amounts []Money `json:"amounts"`
	// Beyond says what levels past the last amount pay; empty means
	// BeyondRepeatLast.
	Beyond Beyond `json:"beyond,omitzero"`
	// BonusEvery and Bonus: set both or neither.
	BonusEvery int   `json:"bonusEvery,omitzero"`
	Bonus      Money `json:"bonus,omitzero"`
}

var _ Schedule = Table{}

// Kind returns ScheduleTable.
func (Table) Kind() ScheduleKind { return ScheduleTable }

// Validate reports every problem with t. It never modifies t.
//
// Rules: 1–MaxTableLevels amounts, each an amount as in Escalating (zero
// allowed); Beyond is empty or valid; BonusEvery is not negative and set
// with a positive Bonus.
func (t Table) Validate() error {
	var errs []error
	switch {
	case len(t.Amounts) == 0:
		errs = append(errs, intervention.Field("amounts", intervention.ErrMissing))
	case len(t.Amounts) > MaxTableLevels:
		errs = append(errs, intervention.Field("amounts", intervention.ErrOutOfRange))
	}
	for i, a := range t.Amounts {
		errs = appendMoneyErr(errs, intervention.Index("amounts", i), a, false)
	}
	if t.Beyond != "" && !t.Beyond.Valid() {
		errs = append(errs, intervention.Field("beyond", ErrUnknownBeyond))
	}
	errs = appendMoneyErr(errs, "bonus", t.Bonus, false)
	errs = appendBonusErr(errs, "bonus", t.BonusEvery, !t.Bonus.IsZero())
	return errors.Join(errs...)
}

// Advance prices one more visit after state: an earning visit at Level k
// pays Base = the table's amount for k (see Beyond) and Bonus. It fails with
// an error wrapping intervention.ErrInvalid when the step or state is invalid
// (paths "step.…", "state.…"), or with t's Validate error when t has no
// amounts; it does not otherwise re-validate t (see Validate and Evaluate).
func (t Table) Advance(state RunState, step Step) (Award, RunState, error) {
	if len(t.Amounts) == 0 {
		return Award{}, state, t.Validate()
	}
	if err := validateAdvance(state, step, false); err != nil {
		return Award{}, state, err
	}
	a := Award{Visit: state.Visits, Outcome: step.Outcome, Base: decimal.Zero, Bonus: decimal.Zero}
	next := state
	next.Visits++
	switch step.Outcome {
	case OutcomeEarn:
		next.Run++
		next.Level = next.Run
		a.Level, a.Base = next.Level, t.amount(next.Level)
		if t.BonusEvery > 0 && next.Run%t.BonusEvery == 0 {
			a.Bonus = t.Bonus.Decimal
		}
	case OutcomeReset:
		next.Run, next.Level = 0, 0
	case OutcomeHold:
	}
	a.Run = next.Run
	return a, next, nil
}

// amount returns the amount paid at level (from 1).
func (t Table) amount(level int) decimal.Decimal {
	switch {
	case level <= len(t.Amounts):
		return t.Amounts[level-1].Decimal
	case t.Beyond == BeyondZero:
		return decimal.Zero
	}
	return t.Amounts[len(t.Amounts)-1].Decimal
}
