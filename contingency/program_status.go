package contingency

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// Status is what staff tell the patient, and what a programme manager
// budgets with, as of a time (reference: contingency.md §9 items 8–9).
type Status struct {
	AsOf time.Time `json:"asOf"`
	// Visits counts the visits evaluated through AsOf: recorded results and
	// scheduled dates that passed without one.
	Visits int `json:"visits"`
	// Scheduled counts the calendar's visits in all.
	Scheduled int `json:"scheduled"`
	// Negative counts earning visits; Missed counts scheduled dates without a
	// result; Held counts visits that neither earned nor reset.
	Negative int `json:"negative"`
	Missed   int `json:"missed"`
	Held     int `json:"held"`
	// CurrentStreak is the current run of consecutive earning visits.
	CurrentStreak int `json:"currentStreak"`
	// LongestStreak is the longest run of consecutive earning visits, and
	// LongestAbstinenceDays the calendar days it spans, first to last visit
	// inclusive (the CM literature's "longest duration of abstinence").
	LongestStreak         int `json:"longestStreak"`
	LongestAbstinenceDays int `json:"longestAbstinenceDays"`
	// PercentNegative is earning visits over visits that earned or reset;
	// held visits (excused, pending) count in neither.
	PercentNegative intervention.Ratio `json:"percentNegative"`
	// NextVisit is the next scheduled date on or after AsOf's date without a
	// result yet; zero when the calendar has ended.
	NextVisit intervention.Date `json:"nextVisit,omitzero"`
	// NextAward is what NextVisit earns if the target is met.
	NextAward Award `json:"nextAward"`
	// Earned, Redeemed, Balance and Owed are the ledger's figures now (see
	// Totals): Owed is money spent that a correction has since taken back.
	Earned   Money `json:"earned"`
	Redeemed Money `json:"redeemed"`
	Balance  Money `json:"balance"`
	Owed     Money `json:"owed"`
	// CapRemaining is the least room left under the ledger's caps as of
	// AsOf; HasCap is false when no cap applies.
	CapRemaining Money `json:"capRemaining"`
	HasCap       bool  `json:"hasCap"`
	// RemainingDraws, MaxRemaining and ExpectedRemaining are the budget if
	// every remaining scheduled visit meets the target: draws left, the most
	// that can still be paid, and its expectation (equal to MaxRemaining for
	// vouchers; draws × expected value per draw for a prize bowl). Both money
	// figures are limited by CapRemaining.
	RemainingDraws    int   `json:"remainingDraws,omitzero"`
	MaxRemaining      Money `json:"maxRemaining"`
	ExpectedRemaining Money `json:"expectedRemaining"`
}

// Status returns the programme's status as of asOf. Visits recorded with a
// later collection time are left out; scheduled dates before asOf's day
// without a result count as missed.
func (p *Program) Status(asOf time.Time) Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	loc := p.cfg.location()
	today, _ := intervention.DateOf(asOf, loc)
	n := sort.Search(len(p.visits), func(i int) bool { return p.visits[i].at.After(asOf) })
	seen := p.visits[:n]
	// Scheduled dates after the last seen visit and before today are missed.
	from := p.cfg.Calendar.Start
	if n > 0 {
		from = seen[n-1].date.AddDays(1)
	}
	for _, d := range p.cfg.Calendar.Between(from, today) {
		seen = append(seen[:len(seen):len(seen)], p.missedVisit(d))
	}
	seen = p.repriceFrom(n, seen)

	s := Status{AsOf: asOf, Visits: len(seen), Scheduled: len(p.cfg.Calendar.Visits())}
	p.countVisits(&s, seen)
	var st RunState
	if len(seen) > 0 {
		st = seen[len(seen)-1].after
	}
	p.ledgerFigures(&s, asOf)
	p.budget(&s, st, today, seen)
	return s
}

// repriceFrom prices the derived visits appended after the first n.
func (p *Program) repriceFrom(n int, seen []visit) []visit {
	if len(seen) == n {
		return seen
	}
	tail := p.reprice(n, append([]visit(nil), seen[n:]...))
	return append(seen[:n:n], tail...)
}

// countVisits fills the counts, streaks and percentage of s from seen.
func (p *Program) countVisits(s *Status, seen []visit) {
	earned, reset, run, start := 0, 0, 0, 0
	for i := range seen {
		v := &seen[i]
		if v.missed() {
			s.Missed++
		}
		switch v.class.Outcome {
		case OutcomeEarn:
			earned++
			if run == 0 {
				start = i
			}
			run++
			if run > s.LongestStreak {
				s.LongestStreak = run
				s.LongestAbstinenceDays = v.date.DaysSince(seen[start].date) + 1
			}
		case OutcomeReset:
			reset++
			run = 0
		case OutcomeHold:
			s.Held++
		}
	}
	s.Negative, s.CurrentStreak = earned, run
	s.PercentNegative = intervention.RatioOf(earned, earned+reset)
}

// ledgerFigures fills the money figures of s from the ledger.
func (p *Program) ledgerFigures(s *Status, asOf time.Time) {
	t := p.ledger.Totals()
	s.Earned, s.Redeemed, s.Balance, s.Owed = t.Earned, t.Redeemed, t.Balance, t.Owed
	s.CapRemaining, s.HasCap = p.ledger.LeastCapRemaining(asOf, p.cfg.FundingSource, p.cfg.Instrument)
}

// budget fills the next visit, its award and the remaining budget of s,
// assuming every remaining scheduled visit meets the target.
func (p *Program) budget(s *Status, st RunState, today intervention.Date, seen []visit) {
	var dates []intervention.Date
	for _, d := range p.cfg.Calendar.Between(today, p.cfg.Calendar.End()) {
		if len(seen) == 0 || d.After(seen[len(seen)-1].date) {
			dates = append(dates, d)
		}
	}
	maxTotal, draws := decimal.Zero, 0
	for i, d := range dates {
		n := len(seen) + i
		var a Award
		if p.cfg.limit(d, n) == "" {
			var err error
			a, st, err = p.cfg.Schedule.Advance(st, Step{Outcome: OutcomeEarn, Week: p.cfg.Calendar.Week(d)})
			if err != nil {
				break
			}
		}
		a.Visit = n
		if i == 0 {
			s.NextVisit, s.NextAward = d, a
		}
		maxTotal = maxTotal.Add(a.Amount())
		draws += a.Draws
	}
	expected := maxTotal
	if bowl, ok := p.cfg.Schedule.(PrizeBowl); ok {
		s.RemainingDraws = draws
		top := decimal.Zero
		for _, t := range bowl.Tiers {
			top = decimal.Max(top, t.Value.Decimal)
		}
		maxTotal = maxTotal.Add(top.Mul(decimal.NewFromInt(int64(draws))))
		ev, _ := bowl.ExpectedValue(draws)
		expected = expected.Add(ev)
	}
	if s.HasCap {
		maxTotal = decimal.Min(maxTotal, s.CapRemaining.Decimal)
		expected = decimal.Min(expected, s.CapRemaining.Decimal)
	}
	s.MaxRemaining, s.ExpectedRemaining = Dollars(maxTotal), Dollars(expected)
}

// The Progress measure and due-item codes of a Program.
const (
	MeasureCurrentStreak     = "cm.current-streak"     // consecutive earning visits now
	MeasureLongestStreak     = "cm.longest-streak"     // the longest run of earning visits
	MeasureLongestAbstinence = "cm.longest-abstinence" // the days that run spans
	MeasureNegativeShare     = "cm.negative-share"     // earning visits over visits that earned or reset
	MeasureEarned            = "cm.earned"             // USD awarded less reversals
	MeasureRedeemed          = "cm.redeemed"           // USD redeemed
	MeasureBalance           = "cm.balance"            // USD balance
	MeasureOwed              = "cm.owed"               // USD spent that a correction took back
	MeasureNextAward         = "cm.next-award"         // USD the next visit pays if the target is met
	MeasureMaxRemaining      = "cm.max-remaining"      // USD still payable if every visit meets the target
	DueSpecimen              = "cm.specimen"           // the next scheduled specimen
)

// Progress summarises the programme as of asOf for a treatment plan: visits
// held against the calendar, attendance, and the CM figures as measures
// under "cm." codes. It implements intervention.Component.
func (p *Program) Progress(asOf time.Time) intervention.Progress {
	s := p.Status(asOf)
	status := intervention.StatusActive
	switch {
	case s.Visits == 0:
		status = intervention.StatusNotStarted
	case s.NextVisit.IsZero():
		status = intervention.StatusCompleted
	}
	attended := s.Visits - s.Missed
	pct := s.PercentNegative
	prog := intervention.Progress{
		Component: p.id, Modality: p.Modality(), AsOf: asOf, Status: status,
		Completion: intervention.RatioOf(min(s.Visits, s.Scheduled), s.Scheduled),
		Attendance: intervention.RatioOf(attended, s.Visits),
		Measures: []intervention.Measure{
			{Code: MeasureCurrentStreak, Unit: "visits", Value: intervention.RatioOf(s.CurrentStreak, 1)},
			{Code: MeasureLongestStreak, Unit: "visits", Value: intervention.RatioOf(s.LongestStreak, 1)},
			{Code: MeasureLongestAbstinence, Unit: "days", Value: intervention.RatioOf(s.LongestAbstinenceDays, 1)},
			{Code: MeasureNegativeShare, Unit: "ratio", Value: pct},
			{Code: MeasureEarned, Unit: "USD", Value: money(s.Earned)},
			{Code: MeasureRedeemed, Unit: "USD", Value: money(s.Redeemed)},
			{Code: MeasureBalance, Unit: "USD", Value: money(s.Balance)},
			{Code: MeasureOwed, Unit: "USD", Value: money(s.Owed)},
			{Code: MeasureNextAward, Unit: "USD", Value: money(Dollars(s.NextAward.Amount()))},
			{Code: MeasureMaxRemaining, Unit: "USD", Value: money(s.MaxRemaining)},
		},
	}
	if !s.NextVisit.IsZero() {
		prog.Due = []intervention.Due{{Code: DueSpecimen, By: s.NextVisit}}
	}
	return prog
}

// money returns m as a Ratio m/1.
func money(m Money) intervention.Ratio {
	return intervention.NewRatio(m.Decimal, decimal.NewFromInt(1))
}
