package screen

import (
	"encoding/json"
	"errors"
	"iter"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// ASSIST scoring constants (reference: instruments.md §4.1–§4.2).
const (
	// ASSISTMaxScore is the highest Specific Substance Involvement Score
	// (SSIS) of any substance but tobacco: 6+6+7+8+6+6.
	ASSISTMaxScore = 39
	// ASSISTTobaccoMaxScore is the highest tobacco SSIS, which has no Q5:
	// 6+6+7+6+6.
	ASSISTTobaccoMaxScore = 31
	// ASSISTVersion is the ASSIST version whose weights are used (v3.1 Table
	// 1 of PMC4983530; the v3.0 form has the same response options).
	ASSISTVersion = "3.1"
	// MaxDaysPerMonth bounds ASSISTAnswers.InjectionDaysPerMonth.
	MaxDaysPerMonth = 31
)

// assistSubstances is the number of ASSIST v3 substance classes, len(Substances()).
const assistSubstances = 10

// ASSISTSubstanceAnswers are one substance's ASSIST answers: Q1 lifetime use
// (not scored), Q2–Q5 past-3-month frequencies and Q6–Q7 concern and failed
// control. An empty field is unanswered. For tobacco Q5 is neither asked nor
// scored; an answer supplied anyway is ignored (FlagASSISTTobaccoQ5Ignored).
type ASSISTSubstanceAnswers struct {
	Substance Substance      `json:"substance"`
	Q1        YesNo          `json:"q1,omitzero"` // ever used (non-medical)
	Q2        UseFrequency   `json:"q2,omitzero"` // frequency of use, past 3 months
	Q3        UseFrequency   `json:"q3,omitzero"` // strong desire or urge
	Q4        UseFrequency   `json:"q4,omitzero"` // problems from use
	Q5        UseFrequency   `json:"q5,omitzero"` // failed to do what was expected; not for tobacco
	Q6        QuarterRecency `json:"q6,omitzero"` // someone expressed concern
	Q7        QuarterRecency `json:"q7,omitzero"` // tried and failed to cut down
}

// Points returns the weights of Q2–Q7 (Q2 first) as the SSIS counts them:
// unanswered items, and Q5 for tobacco, weigh 0 (reference: instruments.md
// §4.1–§4.2).
func (a ASSISTSubstanceAnswers) Points() [6]int {
	q5 := assistWeight(5, a.Q5)
	if a.Substance == SubstanceTobacco {
		q5 = 0
	}
	return [6]int{
		assistWeight(2, a.Q2), assistWeight(3, a.Q3), assistWeight(4, a.Q4), q5,
		assistConcernWeight(a.Q6), assistConcernWeight(a.Q7),
	}
}

// ordinal returns i for a known answer, -1 for an unanswered one and -2 for
// an unknown one, where i is the answer's index() and empty says unanswered.
func ordinal(empty bool, i int) int {
	if empty {
		return -1
	}
	if i < 0 {
		return -2
	}
	return i
}

// parse reads a once for scoring: the weights of Q2–Q7 (as Points), their
// sum, and which items are answered and which the skip pattern requires
// (reference: instruments.md §4.1): Q1 = no skips
// everything; Q2 = never skips Q3–Q5; Q5 is never asked for tobacco. ok is
// false when Validate would report a problem; the caller then asks Validate
// for the errors. It is the allocation-free fast path of Validate, Points and
// the skip pattern together.
func (a *ASSISTSubstanceAnswers) parse() (p assistParse, ok bool) {
	sub := a.Substance.index()
	p.tobacco = a.Substance == SubstanceTobacco
	if a.Q1 == No && a.Q2 == "" && a.Q3 == "" && a.Q4 == "" && a.Q5 == "" && a.Q6 == "" && a.Q7 == "" {
		// Never used and nothing else answered: the common case, and the
		// whole skip pattern in one step.
		p.answered, p.required = 1, 1
		return p, sub >= 0
	}
	q1 := ordinal(a.Q1 == "", a.Q1.index())
	q := [6]int{
		ordinal(a.Q2 == "", a.Q2.index()), ordinal(a.Q3 == "", a.Q3.index()),
		ordinal(a.Q4 == "", a.Q4.index()), ordinal(a.Q5 == "", a.Q5.index()),
		ordinal(a.Q6 == "", a.Q6.index()), ordinal(a.Q7 == "", a.Q7.index()),
	}
	if sub < 0 || q1 == -2 || q[0] == -2 || q[1] == -2 || q[2] == -2 || q[3] == -2 || q[4] == -2 || q[5] == -2 {
		return p, false
	}
	for i, o := range q[:4] {
		if o > 0 && (i != 3 || !p.tobacco) {
			p.pts[i] = int(assistWeightTable[i*5+o])
		}
	}
	p.pts[4], p.pts[5] = 3*max(q[4], 0), 3*max(q[5], 0)
	never := a.Q1 == No
	if never && p.pts != [6]int{} {
		return p, false
	}
	if q1 >= 0 {
		p.answered |= 1
	}
	for i, o := range q {
		if o >= 0 && (i != 3 || !p.tobacco) {
			p.answered |= 2 << i
		}
	}
	p.required = 1 // Q1
	if !never {
		p.required |= 2 | 32 | 64 // Q2, Q6, Q7
		if a.Q2 != UseFrequencyNever {
			p.required |= 4 | 8 // Q3, Q4
			if !p.tobacco {
				p.required |= 16 // Q5
			}
		}
	}
	for _, w := range p.pts {
		p.score += w
	}
	return p, true
}

// assistParse is one substance's answers read for scoring: the weights of
// Q2–Q7, their sum, and bit i (Q1 = bit 0 … Q7 = bit 6) of answered and
// required.
type assistParse struct {
	pts                [6]int
	score              int
	answered, required uint8
	tobacco            bool
}

// items returns the parse as items, for the unanswered-item errors.
func (p assistParse) items() [7]item {
	var items [7]item
	for i := range items {
		items[i] = item{answered: p.answered&(1<<i) != 0, required: p.required&(1<<i) != 0}
		if i > 0 {
			items[i].points = p.pts[i-1]
		}
	}
	return items
}

// complete reports whether every required item is answered.
func (p assistParse) complete() bool { return p.required&^p.answered == 0 }

// skippedAnswered reports whether an item the skip pattern skips was
// answered with points.
func (p assistParse) skippedAnswered() bool {
	for i, w := range p.pts {
		if w > 0 && p.required&(2<<i) == 0 {
			return true
		}
	}
	return false
}

// Validate reports a missing or unknown substance, every unknown answer and,
// after Q1 = no, any of Q2–Q7 answered with points (ErrContradictsGate).
// Paths are relative ("q4").
func (a ASSISTSubstanceAnswers) Validate() error {
	var errs []error
	if a.Substance == "" {
		errs = append(errs, intervention.Field("substance", intervention.ErrMissing))
	} else {
		errs = appendErr(errs, checkEnum("substance", a.Substance.Valid(), ErrUnknownSubstance))
	}
	errs = appendErr(errs, checkEnum("q1", a.Q1 == "" || a.Q1.Valid(), ErrUnknownYesNo))
	for i, f := range [4]UseFrequency{a.Q2, a.Q3, a.Q4, a.Q5} {
		errs = appendErr(errs, checkEnum(qKey(i+1), f == "" || f.Valid(), ErrUnknownUseFrequency))
	}
	errs = appendErr(errs, checkEnum("q6", a.Q6 == "" || a.Q6.Valid(), ErrUnknownQuarterRecency))
	errs = appendErr(errs, checkEnum("q7", a.Q7 == "" || a.Q7.Valid(), ErrUnknownQuarterRecency))
	if a.Q1 == No {
		for i, p := range a.Points() {
			if p > 0 {
				errs = append(errs, intervention.Field(qKey(i+1), ErrContradictsGate))
			}
		}
	}
	return errors.Join(errs...)
}

// ASSISTBands are the lowest SSIS of the moderate and high risk bands, for
// alcohol and for every other substance (tobacco included).
type ASSISTBands struct {
	Name            string `json:"name"`            // recorded as Result.Rule
	AlcoholModerate int    `json:"alcoholModerate"` // lowest moderate-risk alcohol SSIS
	AlcoholHigh     int    `json:"alcoholHigh"`     // lowest high-risk alcohol SSIS
	OtherModerate   int    `json:"otherModerate"`   // lowest moderate-risk SSIS of other substances
	OtherHigh       int    `json:"otherHigh"`       // lowest high-risk SSIS of other substances
}

// DefaultASSISTBands returns the bands alcohol 0–10 low, 11–26 moderate,
// 27+ high; every other substance 0–3 low, 4–26 moderate, 27+ high
// (reference: instruments.md §4.2, from an ASSIST scoring service's tests;
// not yet confirmed against the WHO ASSIST manual, hence a parameter; §10
// D12: cannabis uses 4–26, not the alcohol band).
func DefaultASSISTBands() ASSISTBands {
	return ASSISTBands{Name: "assist-v3-bands", AlcoholModerate: 11, AlcoholHigh: 27, OtherModerate: 4, OtherHigh: 27}
}

// Validate checks that b has a name and strictly increasing edges within
// 1..39.
func (b ASSISTBands) Validate() error {
	var errs []error
	if b.Name == "" {
		errs = append(errs, intervention.Field("name", intervention.ErrMissing))
	}
	errs = appendErr(errs, checkEdges("alcohol", []int{b.AlcoholModerate, b.AlcoholHigh}, ASSISTMaxScore))
	errs = appendErr(errs, checkEdges("other", []int{b.OtherModerate, b.OtherHigh}, ASSISTMaxScore))
	return errors.Join(errs...)
}

// band returns the risk band and intervention of an SSIS (reference:
// instruments.md §4.2, SA Health: low → treatment as usual, moderate → brief
// intervention, high → brief intervention plus referral).
func (b ASSISTBands) band(s Substance, score int) banding {
	edges := [2]int{b.OtherModerate, b.OtherHigh}
	if s == SubstanceAlcohol {
		edges = [2]int{b.AlcoholModerate, b.AlcoholHigh}
	}
	switch zoneIndex(score, edges[:]) {
	case 0:
		return banding{band: BandLow, action: ActionUsualCare}
	case 1:
		return banding{band: BandModerate, action: ActionBriefIntervention, positive: true}
	}
	return banding{band: BandHigh, action: ActionBriefInterventionReferral, positive: true}
}

// ASSISTOptions configure ScoreASSIST and ScoreASSISTSubstance. The zero
// value is the default: DefaultASSISTBands, no injection-frequency rule and
// MissingIncomplete.
type ASSISTOptions struct {
	Bands ASSISTBands // zero: DefaultASSISTBands()
	// InjectionBriefMaxDays enables the manual's injecting rule, which the
	// reference marks UNVERIFIED (instruments.md §4.2): injecting in the past
	// 3 months on at most this many days a month → brief intervention; more
	// often, or days unknown → further assessment. Zero (the default) leaves
	// the rule off: Q8 is only recorded and flagged. The manual's reading is 4.
	InjectionBriefMaxDays int
	Missing               MissingPolicy // zero: MissingIncomplete
}

// resolve validates o and fills in the defaults.
func (o ASSISTOptions) resolve() (ASSISTOptions, error) {
	var errs []error
	if o.Bands == (ASSISTBands{}) {
		o.Bands = DefaultASSISTBands()
	} else if err := o.Bands.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("options.bands", err))
	}
	if o.InjectionBriefMaxDays < 0 || o.InjectionBriefMaxDays > MaxDaysPerMonth {
		errs = append(errs, intervention.Field("options.injectionBriefMaxDays", ErrCutoffs))
	}
	errs = appendErr(errs, checkPolicy(o.Missing))
	return o, errors.Join(errs...)
}

// ASSISTResult is one substance's scored ASSIST: the common Result (Score is
// the SSIS; Band low, moderate or high) and its detail.
type ASSISTResult struct {
	Result
	Substance Substance              `json:"substance"`
	Answers   ASSISTSubstanceAnswers `json:"answers"`
	Points    [6]int                 `json:"points"` // weights of Q2–Q7, Q2 first
}

// ScoreASSISTSubstance scores one substance of the ASSIST (reference:
// instruments.md §4.1–§4.2, §11 V31–V38). The SSIS is Q2+Q3+Q4+Q5+Q6+Q7
// weighted by the v3.1 table; Q1 and Q8 are never summed; tobacco has no Q5
// and a maximum of 31, other substances 39. Positive means moderate or high
// risk. Error paths are relative to the substance ("answers.q4").
func ScoreASSISTSubstance(a ASSISTSubstanceAnswers, opts ASSISTOptions) (ASSISTResult, error) {
	o, err := opts.resolve()
	if err != nil {
		return ASSISTResult{}, err
	}
	var r ASSISTResult
	if err := scoreSubstance(&r, &a, &o); err != nil {
		return ASSISTResult{}, intervention.Prefix("answers", err)
	}
	return r, nil
}

// scoreSubstance scores a with resolved options into r, which must be the
// zero ASSISTResult; error paths are relative to the substance ("q4").
func scoreSubstance(r *ASSISTResult, a *ASSISTSubstanceAnswers, o *ASSISTOptions) error {
	p, ok := a.parse()
	if !ok {
		if err := a.Validate(); err != nil {
			return err
		}
		return intervention.ErrInvalid // parse and Validate disagree: never expected
	}
	t := tally{score: p.score, complete: p.complete()}
	if !t.complete && o.Missing == MissingReject {
		items := p.items()
		return unanswered("", items[:], qKey)
	}
	maxScore := ASSISTMaxScore
	if p.tobacco {
		maxScore = ASSISTTobaccoMaxScore
	}
	r.Result = Result{Instrument: InstrumentASSIST, Version: ASSISTVersion, MaxScore: maxScore, Rule: o.Bands.Name}
	r.Substance, r.Answers, r.Points = a.Substance, *a, p.pts
	settle(&r.Result, t, o.Missing, o.Bands.band(a.Substance, t.score))
	if p.skippedAnswered() {
		r.Flags = r.Flags.With(FlagSkippedItemAnswered)
	}
	if a.Substance == SubstanceTobacco && a.Q5 != "" {
		r.Flags = r.Flags.With(FlagASSISTTobaccoQ5Ignored)
	}
	return nil
}

// ASSISTAnswers are a whole ASSIST: one entry per substance class (each at
// most once; all ten for a complete screen) and the injecting question Q8,
// which belongs to no substance. InjectionDaysPerMonth is needed only by the
// optional injecting rule (ASSISTOptions.InjectionBriefMaxDays).
type ASSISTAnswers struct {
	Substances            []ASSISTSubstanceAnswers `json:"substances"`
	Q8                    QuarterRecency           `json:"q8,omitzero"`
	InjectionDaysPerMonth Count                    `json:"injectionDaysPerMonth,omitzero"`
}

// Validate reports, with paths relative to the answers
// ("substances[2].q4"), every problem of every substance, a substance listed
// twice (intervention.ErrDuplicate), an unknown Q8, injection days outside
// 0..31, injection days without Q8 = yes in the past 3 months, and Q8 = yes
// when all ten substances say never used (ErrContradictsGate).
func (a ASSISTAnswers) Validate() error {
	var errs []error
	var seen [assistSubstances]bool
	allNever := len(a.Substances) == len(seen)
	for i, s := range a.Substances {
		if err := s.Validate(); err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("substances", i), err))
		} else if k := s.Substance.index(); seen[k] {
			errs = append(errs, intervention.Field(intervention.Index("substances", i)+".substance", intervention.ErrDuplicate))
		} else {
			seen[k] = true
		}
		allNever = allNever && s.Q1 == No
	}
	return errors.Join(append(errs, a.validateInjection(allNever)...)...)
}

// validateInjection checks Q8 and the injection days; allNever says that all
// ten substances were answered "never used". Paths are relative.
func (a ASSISTAnswers) validateInjection(allNever bool) []error {
	var errs []error
	errs = appendErr(errs, checkEnum("q8", a.Q8 == "" || a.Q8.Valid(), ErrUnknownQuarterRecency))
	if allNever && a.Q8 != "" && a.Q8 != QuarterRecencyNo {
		errs = append(errs, intervention.Field("q8", ErrContradictsGate))
	}
	errs = appendErr(errs, checkCount("injectionDaysPerMonth", a.InjectionDaysPerMonth, MaxDaysPerMonth))
	if a.InjectionDaysPerMonth.Answered() && a.Q8 != QuarterRecencyPast3Months {
		errs = append(errs, intervention.Field("injectionDaysPerMonth", ErrContradictsGate))
	}
	return errs
}

// ASSISTReport is a whole scored ASSIST: one ASSISTResult per substance
// screened, and the injecting question reported on its own, never summed
// (reference: instruments.md §4.2). Complete means all ten substances are
// present and complete and Q8 is answered when any substance was ever used.
//
// The per-substance results are held in a fixed array indexed by substance,
// so that scoring allocates nothing; read them with Substance, All or
// Results. In JSON they are the array "substances", in Substances() order.
type ASSISTReport struct {
	Instrument            Instrument
	Version               string
	Rule                  string
	Injection             QuarterRecency // Q8 as answered
	InjectionDaysPerMonth Count          // as answered
	InjectionAction       Action         // only under the optional injecting rule
	Complete              bool
	Flags                 FlagSet // incomplete, injected in the past 3 months
	results               [assistSubstances]ASSISTResult
}

// Substance returns the result for s, if it was screened.
func (r ASSISTReport) Substance(s Substance) (ASSISTResult, bool) {
	if k := s.index(); k >= 0 && r.results[k].Substance != "" {
		return r.results[k], true
	}
	return ASSISTResult{}, false
}

// All yields the screened substances and their results in Substances()
// order, without allocating.
func (r ASSISTReport) All() iter.Seq2[Substance, ASSISTResult] {
	return func(yield func(Substance, ASSISTResult) bool) {
		for _, sr := range r.results {
			if sr.Substance != "" && !yield(sr.Substance, sr) {
				return
			}
		}
	}
}

// Results returns the results of the screened substances in Substances()
// order, in a new slice.
func (r ASSISTReport) Results() []ASSISTResult {
	var out []ASSISTResult
	for _, sr := range r.All() {
		out = append(out, sr)
	}
	return out
}

// Summary returns the Result of the highest-risk substance (high, then
// moderate, then incomplete, then low; ties go to the higher score, then the
// earlier substance in Substances() order), with the report's completeness
// and flags added. With no substances it is an incomplete ASSIST Result.
func (r ASSISTReport) Summary() Result {
	best := -1
	for i := range r.results {
		sr := &r.results[i]
		if sr.Substance == "" {
			continue
		}
		if best < 0 || riskRank(sr.Band) > riskRank(r.results[best].Band) ||
			(sr.Band == r.results[best].Band && sr.Score > r.results[best].Score) {
			best = i
		}
	}
	s := Result{
		Instrument: InstrumentASSIST, Version: r.Version, MaxScore: ASSISTMaxScore, Rule: r.Rule,
		Band: BandIncomplete, Action: ActionCompleteScreening,
	}
	if best >= 0 {
		s = r.results[best].Result
	}
	s.Complete = s.Complete && r.Complete
	s.Flags |= r.Flags
	return s
}

// assistReportJSON is the JSON form of ASSISTReport.
type assistReportJSON struct {
	Instrument            Instrument     `json:"instrument"`
	Version               string         `json:"version"`
	Rule                  string         `json:"rule"`
	Substances            []ASSISTResult `json:"substances"`
	Injection             QuarterRecency `json:"injection,omitzero"`
	InjectionDaysPerMonth Count          `json:"injectionDaysPerMonth,omitzero"`
	InjectionAction       Action         `json:"injectionAction,omitzero"`
	Complete              bool           `json:"complete"`
	Flags                 FlagSet        `json:"flags,omitzero"`
}

// MarshalJSON encodes r with the screened substances as the array
// "substances".
func (r ASSISTReport) MarshalJSON() ([]byte, error) {
	return json.Marshal(assistReportJSON{
		Instrument: r.Instrument, Version: r.Version, Rule: r.Rule, Substances: r.Results(),
		Injection: r.Injection, InjectionDaysPerMonth: r.InjectionDaysPerMonth,
		InjectionAction: r.InjectionAction, Complete: r.Complete, Flags: r.Flags,
	})
}

// UnmarshalJSON decodes what MarshalJSON encodes; a substance that is
// unknown or listed twice is an error, and on error *r is unchanged.
func (r *ASSISTReport) UnmarshalJSON(b []byte) error {
	var j assistReportJSON
	if err := wire.Decode(b, &j, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	v := ASSISTReport{
		Instrument: j.Instrument, Version: j.Version, Rule: j.Rule, Injection: j.Injection,
		InjectionDaysPerMonth: j.InjectionDaysPerMonth, InjectionAction: j.InjectionAction,
		Complete: j.Complete, Flags: j.Flags,
	}
	for i, sr := range j.Substances {
		path := intervention.Index("substances", i) + ".substance"
		k := sr.Substance.index()
		switch {
		case k < 0:
			return intervention.Field(path, ErrUnknownSubstance)
		case v.results[k].Substance != "":
			return intervention.Field(path, intervention.ErrDuplicate)
		}
		v.results[k] = sr
	}
	*r = v
	return nil
}

// riskRank orders ASSIST bands for Summary.
func riskRank(b Band) int {
	if b == BandHigh {
		return 3
	}
	if b == BandModerate {
		return 2
	}
	if b == BandIncomplete {
		return 1
	}
	return 0
}

// ScoreASSIST scores a whole ASSIST (reference: instruments.md §4.1–§4.2,
// §11 V31–V38): every substance as ScoreASSISTSubstance does, and Q8 on its
// own. Q8 answered "yes, in the past 3 months" raises
// FlagASSISTInjectedRecently. Error paths are rooted at "answers"
// ("answers.substances[2].q4"). Scoring allocates nothing.
func ScoreASSIST(a ASSISTAnswers, opts ASSISTOptions) (rep ASSISTReport, err error) {
	o, err := opts.resolve()
	if err != nil {
		return ASSISTReport{}, err
	}
	// rep is the named result, filled in place: the report is large.
	rep.Instrument, rep.Version, rep.Rule = InstrumentASSIST, ASSISTVersion, o.Bands.Name
	rep.Injection, rep.InjectionDaysPerMonth = a.Q8, a.InjectionDaysPerMonth
	rep.Complete = len(a.Substances) == assistSubstances
	var errs []error
	var seen [assistSubstances]bool
	everUsed, allNever := false, rep.Complete
	for i := range a.Substances {
		s := &a.Substances[i]
		k := s.Substance.index()
		if k < 0 {
			errs = append(errs, intervention.Prefix(intervention.Index("answers.substances", i), s.Validate()))
			allNever = allNever && s.Q1 == No
			continue
		}
		if seen[k] {
			errs = append(errs, intervention.Field(intervention.Index("answers.substances", i)+".substance", intervention.ErrDuplicate))
			continue
		}
		seen[k] = true
		everUsed = everUsed || s.Q1 != No
		allNever = allNever && s.Q1 == No
		if err := scoreSubstance(&rep.results[k], s, &o); err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("answers.substances", i), err))
			continue
		}
		rep.Complete = rep.Complete && rep.results[k].Complete
	}
	if injErrs := a.validateInjection(allNever); len(injErrs) > 0 {
		errs = append(errs, intervention.Prefix("answers", errors.Join(injErrs...)))
	}
	q8Missing := everUsed && a.Q8 == ""
	if o.Missing == MissingReject {
		if len(a.Substances) != assistSubstances {
			errs = append(errs, intervention.Field("answers.substances", ErrUnanswered))
		}
		if q8Missing {
			errs = append(errs, intervention.Field("answers.q8", ErrUnanswered))
		}
	}
	if len(errs) > 0 {
		return ASSISTReport{}, errors.Join(errs...)
	}
	rep.Complete = rep.Complete && !q8Missing
	if !rep.Complete {
		rep.Flags = rep.Flags.With(FlagIncomplete)
	}
	if a.Q8 == QuarterRecencyPast3Months {
		rep.Flags = rep.Flags.With(FlagASSISTInjectedRecently)
		if o.InjectionBriefMaxDays > 0 {
			rep.InjectionAction = ActionFurtherAssessment
			if days, ok := a.InjectionDaysPerMonth.Value(); ok && days <= o.InjectionBriefMaxDays {
				rep.InjectionAction = ActionBriefIntervention
			}
		}
	}
	return rep, nil
}
