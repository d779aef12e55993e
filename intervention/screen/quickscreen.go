package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// NIDA Quick Screen constants (reference: instruments.md §4.3).
const (
	// QuickScreenMaxScore is the number of Quick Screen items.
	QuickScreenMaxScore = 4
	// QuickScreenVersion is the NIDA resource guide edition (2012).
	QuickScreenVersion = "2012"
)

// QuickScreenAnswers are the four NIDA Quick Screen answers: past-year
// frequency of heavy drinking days (5+ drinks for men, 4+ for women), tobacco
// products, prescription drugs for non-medical reasons and illegal drugs.
// An empty field is unanswered.
type QuickScreenAnswers struct {
	Alcohol      UseFrequency `json:"alcohol,omitzero"`
	Tobacco      UseFrequency `json:"tobacco,omitzero"`
	Prescription UseFrequency `json:"prescription,omitzero"`
	Illegal      UseFrequency `json:"illegal,omitzero"`
}

// list returns the answers in Quick Screen order.
func (a QuickScreenAnswers) list() [4]UseFrequency {
	return [4]UseFrequency{a.Alcohol, a.Tobacco, a.Prescription, a.Illegal}
}

// quickKey returns the JSON name of item i.
func quickKey(i int) string {
	switch i {
	case 0:
		return "alcohol"
	case 1:
		return "tobacco"
	case 2:
		return "prescription"
	}
	return "illegal"
}

// Validate reports every unknown answer; paths are relative ("tobacco").
func (a QuickScreenAnswers) Validate() error {
	var errs []error
	for i, v := range a.list() {
		errs = appendErr(errs, checkEnum(quickKey(i), v == "" || v.Valid(), ErrUnknownUseFrequency))
	}
	return errors.Join(errs...)
}

// QuickScreenOptions configure ScoreQuickScreen. The zero value is the
// default, MissingIncomplete.
type QuickScreenOptions struct {
	Missing MissingPolicy // zero: MissingIncomplete
}

// QuickScreenResult is a scored NIDA Quick Screen: the common Result and the
// routing it implies.
type QuickScreenResult struct {
	Result
	Answers QuickScreenAnswers `json:"answers"`
	// AtRiskDrinking: any heavy drinking day; follow NIAAA guidance.
	AtRiskDrinking bool `json:"atRiskDrinking"`
	// TobaccoUse: any tobacco use; advise quitting.
	TobaccoUse bool `json:"tobaccoUse"`
	// NMASSIST: any non-medical prescription or illegal drug use; go on to the
	// NIDA-Modified ASSIST.
	NMASSIST bool `json:"nmassist"`
}

// ScoreQuickScreen scores the NIDA Quick Screen (reference: instruments.md
// §4.3, §11 V41). The instrument has no score; Score is the number of items
// answered other than "never" (0–4). Routing: prescription or illegal drugs →
// NM-ASSIST; heavy drinking → at-risk drinker, NIAAA guidance; tobacco →
// advise quitting; all "never" → reinforce abstinence, screening complete.
// Action is the most intensive route: further assessment for drugs or
// heavy drinking, simple advice for tobacco alone, reinforce abstinence when
// all are "never". Positive means any answer other than "never".
func ScoreQuickScreen(a QuickScreenAnswers, opts QuickScreenOptions) (QuickScreenResult, error) {
	if err := checkPolicy(opts.Missing); err != nil {
		return QuickScreenResult{}, err
	}
	if err := a.Validate(); err != nil {
		return QuickScreenResult{}, intervention.Prefix("answers", err)
	}
	var items [4]item
	for i, v := range a.list() {
		items[i] = item{answered: v != "", required: true}
		if v != "" && v != UseFrequencyNever {
			items[i].points = 1
		}
	}
	t := sum(items[:])
	if !t.complete && opts.Missing == MissingReject {
		return QuickScreenResult{}, unanswered("answers", items[:], quickKey)
	}
	r := QuickScreenResult{
		Result: Result{
			Instrument: InstrumentQuickScreen, Version: QuickScreenVersion, MaxScore: QuickScreenMaxScore,
			Rule: "nida-quick-screen-routing",
		},
		Answers:        a,
		AtRiskDrinking: items[0].points > 0,
		TobaccoUse:     items[1].points > 0,
		NMASSIST:       items[2].points > 0 || items[3].points > 0,
	}
	b := banding{band: BandNegative, action: ActionReinforceAbstinence}
	switch {
	case r.NMASSIST || r.AtRiskDrinking:
		b = banding{band: BandPositive, action: ActionFurtherAssessment, positive: true}
	case r.TobaccoUse:
		b = banding{band: BandPositive, action: ActionSimpleAdvice, positive: true}
	}
	settle(&r.Result, t, opts.Missing, b)
	return r, nil
}
