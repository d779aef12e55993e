package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// DAST-10 scoring constants (reference: instruments.md §2.1).
const (
	// DAST10MaxScore is the highest DAST-10 total.
	DAST10MaxScore = 10
	// DAST10Version is the DAST edition scored (Skinner, © 1982).
	DAST10Version = "1982"
)

// DAST10Answers are the ten DAST-10 answers exactly as the patient gave them
// (raw yes/no). The scorer reverses item 3 itself (reference:
// instruments.md §10 D8): never pass a pre-reversed item 3. A patient who
// has never used drugs answers item 3 "yes" (and item 5 "no"), which scores
// 0; a form that lets a never-user answer item 3 "no" scores 1, low level
// (§10 D9). An empty field is unanswered.
type DAST10Answers struct {
	Q1  YesNo `json:"q1,omitzero"`
	Q2  YesNo `json:"q2,omitzero"`
	Q3  YesNo `json:"q3,omitzero"`
	Q4  YesNo `json:"q4,omitzero"`
	Q5  YesNo `json:"q5,omitzero"`
	Q6  YesNo `json:"q6,omitzero"`
	Q7  YesNo `json:"q7,omitzero"`
	Q8  YesNo `json:"q8,omitzero"`
	Q9  YesNo `json:"q9,omitzero"`
	Q10 YesNo `json:"q10,omitzero"`
}

// list returns the answers in item order.
func (a DAST10Answers) list() [10]YesNo {
	return [10]YesNo{a.Q1, a.Q2, a.Q3, a.Q4, a.Q5, a.Q6, a.Q7, a.Q8, a.Q9, a.Q10}
}

// dastReversed is the reverse-keyed DAST-10 item, as an index: item 3.
const dastReversed = 2

// Points returns the score of each item: 1 for "yes", except item 3, where
// "no" scores 1 (reference: instruments.md §2.1). Unanswered items score 0.
func (a DAST10Answers) Points() [10]int {
	var pts [10]int
	for i, v := range a.list() {
		if (i == dastReversed && v == No) || (i != dastReversed && v == Yes) {
			pts[i] = 1
		}
	}
	return pts
}

// Validate reports every unknown answer; paths are relative ("q3").
func (a DAST10Answers) Validate() error {
	var errs []error
	for i, v := range a.list() {
		errs = appendErr(errs, checkEnum(qKey(i), v == "" || v.Valid(), ErrUnknownYesNo))
	}
	return errors.Join(errs...)
}

// DASTBands are the lowest DAST-10 totals of the low, moderate, substantial
// and severe bands; 0 up to Low-1 is "none" (reference: instruments.md
// §2.1, §10 D10).
type DASTBands struct {
	Name        string `json:"name"`        // recorded as Result.Rule
	Low         int    `json:"low"`         // monitor, reassess at a later date
	Moderate    int    `json:"moderate"`    // further investigation; positive from here
	Substantial int    `json:"substantial"` // intensive assessment
	Severe      int    `json:"severe"`      // intensive assessment
}

// SkinnerDASTBands returns Skinner's DAST-10 table: 0 none, 1–2 low, 3–5
// moderate, 6–8 substantial, 9–10 severe (reference: instruments.md §2.1,
// comorbidityguidelines Table 69, NIDA CDE).
func SkinnerDASTBands() DASTBands {
	return DASTBands{Name: "skinner-dast-10", Low: 1, Moderate: 3, Substantial: 6, Severe: 9}
}

// Validate checks that b has a name and strictly increasing edges within
// 1..10.
func (b DASTBands) Validate() error {
	var errs []error
	if b.Name == "" {
		errs = append(errs, intervention.Field("name", intervention.ErrMissing))
	}
	errs = appendErr(errs, checkEdges("", []int{b.Low, b.Moderate, b.Substantial, b.Severe}, DAST10MaxScore))
	return errors.Join(errs...)
}

// band returns the band and action of score.
func (b DASTBands) band(score int) banding {
	switch zoneIndex(score, []int{b.Low, b.Moderate, b.Substantial, b.Severe}) {
	case 0:
		return banding{band: BandNone, action: ActionNone}
	case 1:
		return banding{band: BandLow, action: ActionMonitor}
	case 2:
		return banding{band: BandModerate, action: ActionFurtherInvestigation, positive: true}
	case 3:
		return banding{band: BandSubstantial, action: ActionIntensiveAssessment, positive: true}
	}
	return banding{band: BandSevere, action: ActionIntensiveAssessment, positive: true}
}

// DAST10Options configure ScoreDAST10. The zero value is the default:
// SkinnerDASTBands and MissingIncomplete.
type DAST10Options struct {
	Bands   DASTBands     // zero: SkinnerDASTBands()
	Missing MissingPolicy // zero: MissingIncomplete
}

// resolve validates o and fills in the defaults.
func (o DAST10Options) resolve() (DAST10Options, error) {
	var errs []error
	if o.Bands == (DASTBands{}) {
		o.Bands = SkinnerDASTBands()
	} else if err := o.Bands.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("options.bands", err))
	}
	errs = appendErr(errs, checkPolicy(o.Missing))
	return o, errors.Join(errs...)
}

// DAST10Result is a scored DAST-10: the common Result and the item scores.
type DAST10Result struct {
	Result
	Answers DAST10Answers `json:"answers"`
	Points  [10]int       `json:"points"` // item scores, item 3 already reversed
}

// ScoreDAST10 scores the DAST-10 (reference: instruments.md §2.1, §11
// V19–V26). Each "yes" scores 1 except item 3, where "no" scores 1; the total
// is 0–10. Bands and actions follow Skinner: none → ActionNone, low →
// ActionMonitor, moderate → ActionFurtherInvestigation, substantial and
// severe → ActionIntensiveAssessment. Positive means moderate or above (≥ 3),
// the first band whose action goes beyond monitoring; Skinner's table names
// no positive cut-off. All ten items are required.
func ScoreDAST10(a DAST10Answers, opts DAST10Options) (DAST10Result, error) {
	o, err := opts.resolve()
	if err != nil {
		return DAST10Result{}, err
	}
	if err := a.Validate(); err != nil {
		return DAST10Result{}, intervention.Prefix("answers", err)
	}
	pts := a.Points()
	var items [10]item
	for i, v := range a.list() {
		items[i] = item{points: pts[i], answered: v != "", required: true}
	}
	t := sum(items[:])
	if !t.complete && o.Missing == MissingReject {
		return DAST10Result{}, unanswered("answers", items[:], qKey)
	}
	r := DAST10Result{
		Result: Result{
			Instrument: InstrumentDAST10, Version: DAST10Version, MaxScore: DAST10MaxScore,
			LOINC: LOINCDAST10Total, Rule: o.Bands.Name,
		},
		Answers: a, Points: pts,
	}
	settle(&r.Result, t, o.Missing, o.Bands.band(t.score))
	return r, nil
}
