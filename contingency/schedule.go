package contingency

import (
	"github.com/shopspring/decimal"
)

// Step is one visit as a schedule sees it: what the visit did to the run,
// and the facts some schedules need beyond that.
type Step struct {
	Outcome Outcome `json:"outcome"`
	// SecondaryMet reports that the secondary target was also met on an
	// earning visit (CTN-0007's opioid-negative bonus; reference: P2).
	SecondaryMet bool `json:"secondaryMet,omitzero"`
	// Week is the programme week of the visit, counted from 0. Schedules that
	// escalate by weeks of continuous abstinence read it (reference: P1–P3).
	Week int `json:"week,omitzero"`
}

// Award is what a schedule pays for one visit, with the inputs that explain
// it: staff can tell a patient "this is your 7th negative in a row, so it pays
// $10.00 plus a $10 bonus".
type Award struct {
	Visit   int     `json:"visit"`   // index of the step in the evaluated sequence, from 0
	Outcome Outcome `json:"outcome"` // the step's outcome
	// Run is the number of consecutive earning visits ending at this one (0
	// after a reset; unchanged by a hold). Bonuses count this run.
	Run int `json:"run"`
	// Level is the schedule position paid: the ladder step of a voucher
	// schedule (1 = first value), the row of a table, or the escalation level
	// of a prize bowl. 0 when nothing is earned.
	Level int `json:"level"`
	// Base is the voucher amount (zero for prize bowls and non-earning visits).
	Base decimal.Decimal `json:"base"`
	// Bonus is the bonus paid on top of Base at this visit.
	Bonus decimal.Decimal `json:"bonus"`
	// Draws is the number of prize draws earned, including BonusDraws.
	Draws int `json:"draws,omitzero"`
	// BonusDraws is the part of Draws that is bonus (secondary target, streak).
	BonusDraws int `json:"bonusDraws,omitzero"`
}

// Amount returns Base + Bonus, the cash value of a voucher award. A prize
// award's value is known only once its draws are made (see Bowl).
func (a Award) Amount() decimal.Decimal { return a.Base.Add(a.Bonus) }

// RunState is where a schedule stands after some visits: everything it needs
// to price the next visit. Schedules are evaluated incrementally by folding
// Advance over the visits from the zero RunState, so that recording one more
// visit costs the same however long the history is, and a correction can
// restart from the state saved before the corrected visit.
//
// Fields a schedule does not use stay zero. RunState is a plain value: copy
// it freely.
type RunState struct {
	// Visits is the number of steps folded in so far.
	Visits int `json:"visits"`
	// Run is the current run of consecutive earning visits.
	Run int `json:"run"`
	// Level is the ladder level paid at the last earning visit (0 after a reset).
	Level int `json:"level"`
	// Remembered is the highest level reached before the last reset, which
	// reset-recovery (R1/R2) restores.
	Remembered int `json:"remembered,omitzero"`
	// SinceReset counts consecutive earning visits since the last reset while
	// a recovery is pending; 0 when none is.
	SinceReset int `json:"sinceReset,omitzero"`
	// Week is the programme week of the last earning visit, and Weeks the
	// weeks of continuous abstinence counted so far (week-escalating bowls).
	Week  int `json:"week,omitzero"`
	Weeks int `json:"weeks,omitzero"`
}

// Schedule prices visits. Schedules are pure values: Advance never changes
// the schedule, and the same state and step always give the same award and
// next state. Advance returns an error wrapping intervention.ErrInvalid when
// the step is invalid; it does not re-validate the schedule on every call, so
// callers validate a schedule once first (Evaluate and Program do).
//
// The built-in schedules are Escalating, PrizeBowl and Table; Evaluate folds
// any of them over a sequence of visits.
type Schedule interface {
	// Kind names the schedule type ("escalating", "prize-bowl", "table").
	Kind() ScheduleKind
	// Validate reports every problem with the schedule's parameters.
	Validate() error
	// Advance prices one more visit after state and returns the award and
	// the state after the visit. The award's Visit is state.Visits.
	Advance(state RunState, step Step) (Award, RunState, error)
}

// Evaluate returns one Award per step by folding s.Advance over steps from
// the zero RunState.
func Evaluate(s Schedule, steps []Step) ([]Award, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	awards := make([]Award, 0, len(steps))
	var st RunState
	for _, step := range steps {
		a, next, err := s.Advance(st, step)
		if err != nil {
			return nil, err
		}
		awards = append(awards, a)
		st = next
	}
	return awards, nil
}

// NextAward returns the award the next visit would earn if it met the target,
// given the state so far and the facts of the next visit (its Week and
// whether the secondary target is met): what staff tell the patient at the
// end of a session (reference: contingency.md §9 item 8). next.Outcome is
// ignored and taken as OutcomeEarn.
func NextAward(s Schedule, state RunState, next Step) (Award, error) {
	next.Outcome = OutcomeEarn
	a, _, err := s.Advance(state, next)
	return a, err
}
