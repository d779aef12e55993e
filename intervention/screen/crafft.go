package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// CRAFFT scoring constants (reference: instruments.md §3.1).
const (
	// CRAFFTMaxScore is the highest CRAFFT Part B score.
	CRAFFTMaxScore = 6
	// CRAFFTVersion is the CRAFFT version scored.
	CRAFFTVersion = "2.1"
	// CRAFFTThreshold is the default positive cut-off: 2 or more "yes"
	// answers in Part B (reference: instruments.md §3.1, §10 D17).
	CRAFFTThreshold = 2
	// MaxDaysPerYear bounds a count of days or times in the past 12 months.
	MaxDaysPerYear = 366
)

// CRAFFTAnswers are the CRAFFT 2.1 answers: Part A, the number of days in
// the past 12 months of each use (0 if none), and Part B, six yes/no items
// named by their mnemonic letter. An empty or zero Count is unanswered.
type CRAFFTAnswers struct {
	AlcoholDays   Count `json:"alcoholDays,omitzero"`   // Part A 1
	MarijuanaDays Count `json:"marijuanaDays,omitzero"` // Part A 2
	OtherDays     Count `json:"otherDays,omitzero"`     // Part A 3, anything else to get high
	Car           YesNo `json:"car,omitzero"`           // Part B C, asked of everyone
	Relax         YesNo `json:"relax,omitzero"`         // Part B R
	Alone         YesNo `json:"alone,omitzero"`         // Part B A
	Forget        YesNo `json:"forget,omitzero"`        // Part B F
	Family        YesNo `json:"family,omitzero"`        // Part B F (family or friends)
	Trouble       YesNo `json:"trouble,omitzero"`       // Part B T
}

// partB returns the Part B answers in CRAFFT order.
func (a CRAFFTAnswers) partB() [6]YesNo {
	return [6]YesNo{a.Car, a.Relax, a.Alone, a.Forget, a.Family, a.Trouble}
}

// partA returns the Part A answers in order.
func (a CRAFFTAnswers) partA() [3]Count {
	return [3]Count{a.AlcoholDays, a.MarijuanaDays, a.OtherDays}
}

// crafftKey returns the JSON name of item i: Part A 0–2, Part B 3–8.
func crafftKey(i int) string {
	switch i {
	case 0:
		return "alcoholDays"
	case 1:
		return "marijuanaDays"
	case 2:
		return "otherDays"
	case 3:
		return "car"
	case 4:
		return "relax"
	case 5:
		return "alone"
	case 6:
		return "forget"
	case 7:
		return "family"
	}
	return "trouble"
}

// Use reports whether Part A shows any use (some answer ≥ 1) and whether it
// shows none (all three answered 0). Both are false while Part A is
// unfinished and shows no use yet.
func (a CRAFFTAnswers) Use() (anyUse, noUse bool) {
	noUse = true
	for _, c := range a.partA() {
		n, ok := c.Value()
		if ok && n > 0 {
			return true, false
		}
		noUse = noUse && ok
	}
	return false, noUse
}

// Validate reports every unknown answer, every Part A count outside
// 0..MaxDaysPerYear and, when Part A shows no use, any Part B item other than
// CAR answered "yes" (ErrContradictsGate: those items are about use).
func (a CRAFFTAnswers) Validate() error {
	var errs []error
	for i, c := range a.partA() {
		errs = appendErr(errs, checkCount(crafftKey(i), c, MaxDaysPerYear))
	}
	for i, v := range a.partB() {
		errs = appendErr(errs, checkEnum(crafftKey(i+3), v == "" || v.Valid(), ErrUnknownYesNo))
	}
	if _, noUse := a.Use(); noUse {
		for i, v := range a.partB() {
			if i > 0 && v == Yes {
				errs = append(errs, intervention.Field(crafftKey(i+3), ErrContradictsGate))
			}
		}
	}
	return errors.Join(errs...)
}

// items returns Part A (no points) and Part B: when Part A shows no use only
// CAR is asked; otherwise all six are (reference: instruments.md §3.1).
func (a CRAFFTAnswers) items() [9]item {
	var items [9]item
	for i, c := range a.partA() {
		items[i] = item{answered: c.Answered(), required: true}
	}
	_, noUse := a.Use()
	for i, v := range a.partB() {
		p := 0
		if v == Yes {
			p = 1
		}
		items[i+3] = item{points: p, answered: v != "", required: i == 0 || !noUse}
	}
	return items
}

// CRAFFTOptions configure ScoreCRAFFT. The zero value is the default:
// positive at CRAFFTThreshold and MissingIncomplete.
type CRAFFTOptions struct {
	Threshold int           // positive at or above; zero: CRAFFTThreshold
	Missing   MissingPolicy // zero: MissingIncomplete
}

// resolve validates o and fills in the defaults.
func (o CRAFFTOptions) resolve() (CRAFFTOptions, error) {
	if o.Threshold == 0 {
		o.Threshold = CRAFFTThreshold
	}
	return o, errors.Join(checkThreshold(o.Threshold, CRAFFTMaxScore), checkPolicy(o.Missing))
}

// checkThreshold returns ErrCutoffs at options.threshold unless t is within
// 1..maxScore.
func checkThreshold(t, maxScore int) error {
	if t < 1 || t > maxScore {
		return intervention.Field("options.threshold", ErrCutoffs)
	}
	return nil
}

// CRAFFTResult is a scored CRAFFT 2.1: the common Result and its detail.
type CRAFFTResult struct {
	Result
	Answers   CRAFFTAnswers `json:"answers"`
	AnyUse    bool          `json:"anyUse"`    // Part A shows use, so all of Part B was asked
	Threshold int           `json:"threshold"` // the positive cut-off applied
}

// ScoreCRAFFT scores CRAFFT 2.1 (reference: instruments.md §3.1, §11
// V27–V30). The score is the number of Part B "yes" answers, 0–6; Part A
// only decides which items are asked and never adds to the score. A patient
// with no use is asked CAR alone and scores 0 or 1. A score of 2 or more is
// positive (BandPositive, ActionFurtherAssessment: "needs further
// assessment"); the Low/Medium/High and "4+ high risk" tiers of some
// implementations are not used (§10 D17). CAR answered "yes" raises
// FlagCRAFFTCar (counsel on riding risk). No LOINC code is reported: the one
// known code maps to another CRAFFT version (§3.1).
func ScoreCRAFFT(a CRAFFTAnswers, opts CRAFFTOptions) (CRAFFTResult, error) {
	o, err := opts.resolve()
	if err != nil {
		return CRAFFTResult{}, err
	}
	if err := a.Validate(); err != nil {
		return CRAFFTResult{}, intervention.Prefix("answers", err)
	}
	items := a.items()
	t := sum(items[:])
	if !t.complete && o.Missing == MissingReject {
		return CRAFFTResult{}, unanswered("answers", items[:], crafftKey)
	}
	anyUse, _ := a.Use()
	r := CRAFFTResult{
		Result: Result{
			Instrument: InstrumentCRAFFT, Version: CRAFFTVersion, MaxScore: CRAFFTMaxScore,
			Rule: "crafft-2.1-part-b",
		},
		Answers: a, AnyUse: anyUse, Threshold: o.Threshold,
	}
	settle(&r.Result, t, o.Missing, positiveBanding(t.score >= o.Threshold))
	if a.Car == Yes {
		r.Flags = r.Flags.With(FlagCRAFFTCar)
	}
	return r, nil
}
