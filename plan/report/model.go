package report

import (
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
	"github.com/recoverykit/psychosocial/plan"
)

// The view is what the page shows, read from the record through the
// library's query API only: Program.Status and the ledger, the
// facilitation's Summary, the MI component's trends, the plan's Progress,
// Due and DefaultRules.
type view struct {
	asOf    time.Time
	today   intervention.Date
	loc     *time.Location
	patient uuid.UUID
	// admitted is the admission day; setting the header's "Outpatient,
	// US-MN".
	admitted intervention.Date
	setting  string
	cm       cmView
	clean    cleanView
	rulers   rulerView
	plan     planView
	// disclosure is the recipient of a disclosure view; nil for the
	// clinician view.
	disclosure *disclosure
}

func newView(r *record) (*view, error) {
	cfg := r.plan.Config()
	v := &view{asOf: r.asOf, today: r.today, loc: r.loc, patient: cfg.Patient, admitted: r.admitted, setting: settingText(cfg)}
	v.cm = newCMView(r)
	v.clean = newCleanView(r)
	v.rulers = newRulerView(r)
	pv, err := newPlanView(r)
	if err != nil {
		return nil, err
	}
	v.plan = pv
	return v, nil
}

// visitState is how the charts draw a scheduled visit.
type visitState int

const (
	visitNegative  visitState = iota + 1 // the target was met
	visitPositive                        // the specimen was positive
	visitMissed                          // no specimen by the end of the day
	visitOther                           // excused, dilute, pending and the like
	visitScheduled                       // not yet due
)

// cmVisit is one scheduled visit of the voucher programme.
type cmVisit struct {
	n         int
	date      intervention.Date
	state     visitState
	result    string // the result recorded last, or "missed" / "scheduled"
	corrected bool   // a correction changed the first result
	was       string // the first result, when corrected
	streak    int
	paid      contingency.Money
	balance   contingency.Money // the ledger's balance as of the visit
	redeemed  contingency.Money // exchanged since the previous visit
}

// cmView is the voucher programme as of the report.
type cmView struct {
	visits []cmVisit
	seen   int // visits evaluated (recorded or missed)
	status contingency.Status
	counts map[visitState]int
}

// specimenResult is what the programme's operations say of one specimen.
type specimenResult struct {
	at        time.Time
	first     contingency.ResultStatus
	last      contingency.ResultStatus
	corrected bool
}

func newCMView(r *record) cmView {
	v := cmView{status: r.cm.Status(r.asOf), counts: map[visitState]int{}}
	byDay := map[intervention.Date]specimenResult{}
	for _, op := range r.cm.Operations() {
		day, _ := intervention.DateOf(op.Result.CollectedAt, r.loc)
		s, ok := byDay[day]
		if !ok {
			s = specimenResult{at: op.Result.CollectedAt, first: op.Result.Status}
		}
		s.last = op.Result.Status
		s.corrected = s.corrected || op.Kind == contingency.OperationCorrect && s.first != s.last
		byDay[day] = s
	}
	redeemed := redemptionsByTime(r.ledger)
	prev := time.Time{}
	for i, d := range r.cm.Config().Calendar.Visits() {
		cv := cmVisit{n: i + 1, date: d}
		s, ok := byDay[d]
		at := d.In(r.loc).Add(10 * time.Hour) // the day's visit, when no specimen says when
		switch {
		case ok:
			at = s.at
			cv.result, cv.corrected = string(s.last), s.corrected
			if s.corrected {
				cv.was = string(s.first)
			}
			cv.state = stateOf(s.last)
			cv.paid = r.ledger.VisitNet(d.String()) // a visit's entries name its scheduled date
			cv.streak = runOf(r.ledger, d.String())
		case d.Before(r.today):
			cv.state, cv.result = visitMissed, "missed"
		default:
			cv.state, cv.result = visitScheduled, "scheduled"
		}
		if cv.state != visitScheduled {
			v.seen = i + 1
			cv.balance = r.ledger.BalanceAsOf(at)
			cv.redeemed = sumBetween(redeemed, prev, at)
			prev = at
		}
		v.counts[cv.state]++
		v.visits = append(v.visits, cv)
	}
	return v
}

// stateOf classifies a recorded result for the charts: the target met
// (negative, or an attendance target met), not met, missed, or anything
// else (excused, refused, dilute, pending and the like).
func stateOf(s contingency.ResultStatus) visitState {
	switch s {
	case contingency.ResultNegative, contingency.ResultMet:
		return visitNegative
	case contingency.ResultPositive, contingency.ResultNotMet:
		return visitPositive
	case contingency.ResultMissed:
		return visitMissed
	case contingency.ResultExcused, contingency.ResultRefused, contingency.ResultDilute, contingency.ResultSubstituted,
		contingency.ResultAdulterated, contingency.ResultInvalid, contingency.ResultPendingLab:
		return visitOther
	}
	return visitOther
}

// runOf returns the run of consecutive negatives the visit's standing award
// was priced at: the run on the visit's latest voucher entry that explains
// its award (an earn, or a restatement's reversal of one).
func runOf(l *contingency.Ledger, visit string) int {
	run := 0
	for _, e := range l.VisitEntries(visit) {
		if e.Award != nil && (e.Kind == contingency.KindEarn || e.Kind == contingency.KindReverse) {
			run = e.Award.Run
		}
	}
	return run
}

// timedAmount is a redemption's effective time and amount.
type timedAmount struct {
	at     time.Time
	amount contingency.Money
}

// redemptionsByTime lists the posted redemptions in the ledger.
func redemptionsByTime(l *contingency.Ledger) []timedAmount {
	var out []timedAmount
	for _, e := range l.Entries() {
		if e.Kind == contingency.KindRedeem && e.Status == contingency.StatusPosted {
			out = append(out, timedAmount{e.EffectiveAt, contingency.Dollars(e.Amount.Neg().Decimal)})
		}
	}
	return out
}

// sumBetween adds the amounts effective after from and at or before to.
func sumBetween(list []timedAmount, from, to time.Time) contingency.Money {
	sum := contingency.Cents(0)
	for _, t := range list {
		if t.at.After(from) && !t.at.After(to) {
			sum = sum.Add(t.amount)
		}
	}
	return sum
}

// streakSpan is one clean-time streak, first to last clean day.
type streakSpan struct {
	from, to intervention.Date
	days     int // counted as CleanTime counts: the day it ended (a slip or today) minus the first day
	current  bool
}

// milestoneMark is a milestone of a streak.
type milestoneMark struct {
	code    string
	on      intervention.Date
	reached bool
	current bool // of the current streak
}

// meetingMark is one meeting of the log.
type meetingMark struct {
	on       intervention.Date
	verified bool
	online   bool
	group    twelvestep.Fellowship
}

// cleanView is clean time and meetings as of the report.
type cleanView struct {
	sum      twelvestep.Summary
	spans    []streakSpan
	marks    []milestoneMark
	slips    []intervention.Date
	meetings []meetingMark
	from, to intervention.Date // the chart's time axis
}

func newCleanView(r *record) cleanView {
	sum := r.tsf.Summary(r.asOf)
	ct := sum.CleanTime
	v := cleanView{sum: sum}
	sched := r.tsf.Config().Milestones
	if sched.IsZero() {
		sched = twelvestep.DefaultMilestones()
	}
	start := r.tsf.Config().JourneyStart
	if start.IsZero() {
		start = r.admitted
	}
	v.from, v.to = start.AddDays(-2), r.today.AddDays(7)
	if ct.Tracked && !ct.Next.IsZero() && ct.Next.On.AddDays(5).After(v.to) {
		v.to = ct.Next.On.AddDays(5)
	}
	if ct.Tracked && ct.Started {
		slips := r.tsf.Slips()
		slices.SortFunc(slips, func(a, b twelvestep.Slip) int { return a.On.Compare(b.On) })
		start := ct.JourneyStart
		for _, s := range slips {
			if s.On.After(r.today) {
				continue
			}
			v.slips = append(v.slips, s.On)
			if s.On.After(start) {
				last := s.On.AddDays(-1)
				v.spans = append(v.spans, streakSpan{from: start, to: last, days: s.On.DaysSince(start)})
				for _, m := range sched.Through(start, last) {
					v.marks = append(v.marks, milestoneMark{code: m.Milestone.Code, on: m.On, reached: true})
				}
			}
			start = s.Restart()
		}
		if !start.After(r.today) {
			v.spans = append(v.spans, streakSpan{from: start, to: r.today, days: r.today.DaysSince(start), current: true})
		}
		for _, m := range sched.Through(ct.StreakStart, v.to) {
			v.marks = append(v.marks, milestoneMark{code: m.Milestone.Code, on: m.On, reached: !m.On.After(r.today), current: true})
		}
	}
	for _, m := range r.tsf.Meetings() {
		if m.At.After(r.asOf) {
			continue
		}
		on, _ := intervention.DateOf(m.At, r.loc)
		v.meetings = append(v.meetings, meetingMark{
			on: on, verified: m.Verification == twelvestep.VerificationVerified,
			online: m.Venue == twelvestep.VenueOnline, group: m.Fellowship,
		})
	}
	slices.SortStableFunc(v.meetings, func(a, b meetingMark) int { return a.on.Compare(b.on) })
	return v
}

// rulerSeries is one ruler's ratings.
type rulerSeries struct {
	ruler  motivation.Ruler
	points []motivation.RulerRating
	change intervention.Ratio
}

// rulerView is the readiness trend as of the report.
type rulerView struct {
	series   []rulerSeries
	stages   []motivation.StageAssessment
	from, to intervention.Date
}

func newRulerView(r *record) rulerView {
	start := r.admitted
	v := rulerView{from: start.AddDays(-3), to: r.today.AddDays(3)}
	if least := start.AddDays(31); v.to.Before(least) {
		v.to = least
	}
	for _, ruler := range []motivation.Ruler{motivation.RulerReadiness, motivation.RulerImportance, motivation.RulerConfidence} {
		t := r.mi.Trend(ruler, r.today)
		v.series = append(v.series, rulerSeries{ruler: ruler, points: t.Ratings, change: t.Change})
	}
	v.stages = r.mi.Stages().Effective(r.today)
	return v
}

// objectiveRow is one objective of the plan with its measured progress.
type objectiveRow struct {
	n        int
	text     string // the objective's wording, PHI: shown to the treating team only
	measure  string
	target   plan.Target
	due      intervention.Date
	status   plan.ObjectiveStatus
	overdue  bool
	value    decimal.Decimal // in the target's unit
	measured bool
	share    decimal.Decimal // progress toward the target, 0–1
}

// planView is the treatment plan as of the report.
type planView struct {
	status     plan.Status
	objectives []objectiveRow
	met        intervention.Ratio
	findings   []intervention.Finding
	due        []intervention.Due
	revisions  int
	reviews    int
}

func newPlanView(r *record) (planView, error) {
	rules, err := plan.DefaultRules(plan.RulesConfig{})
	if err != nil {
		return planView{}, err
	}
	timing := plan.SeedTimingTable()
	prog := r.plan.Progress(r.asOf, timing)
	v := planView{
		status: prog.Status, met: prog.ObjectivesMet, findings: rules.Check(r.plan, r.asOf),
		due: prog.Due, revisions: len(r.plan.Revisions()), reviews: len(r.plan.Reviews()),
	}
	objectives := r.plan.Objectives()
	for i, sum := range prog.Objectives {
		o := objectives[i]
		row := objectiveRow{n: i + 1, text: o.Text.Reveal(), measure: o.Measure, target: o.Target, due: sum.Due, status: sum.Status, overdue: sum.Overdue}
		row.value, row.measured = measured(prog.Components, o.Measure, o.Target.Unit)
		if row.measured && o.Target.Numeric() {
			row.share = share(row.value, o.Target)
		}
		v.objectives = append(v.objectives, row)
	}
	return v, nil
}

// measured finds the component measure code and reads it in unit: a
// "ratio" measure is read as a percentage when the target is in
// "percent". It reports false when no component has a computable measure.
func measured(components []intervention.Progress, code, unit string) (decimal.Decimal, bool) {
	for _, c := range components {
		m, ok := c.Measure(code)
		if !ok {
			continue
		}
		if m.Unit == "ratio" && unit == "percent" {
			return m.Value.Percent(1)
		}
		return m.Value.Value(2)
	}
	return decimal.Zero, false
}

// share is progress toward t as a fraction from 0 to 1.
func share(value decimal.Decimal, t plan.Target) decimal.Decimal {
	one := decimal.NewFromInt(1)
	var s decimal.Decimal
	switch t.Comparator {
	case plan.AtLeast:
		if !t.Value.IsPositive() {
			return one
		}
		s = value.DivRound(t.Value, 4)
	case plan.AtMost:
		if !value.GreaterThan(t.Value) {
			return one
		}
		s = t.Value.DivRound(value, 4)
	case plan.Exactly:
		if value.Equal(t.Value) {
			return one
		}
		lo, hi := decimal.Min(value, t.Value), decimal.Max(value, t.Value)
		if !hi.IsPositive() {
			return decimal.Zero
		}
		s = lo.DivRound(hi, 4)
	}
	return decimal.Max(decimal.Zero, decimal.Min(one, s))
}
