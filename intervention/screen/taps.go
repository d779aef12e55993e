package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// TAPS-1 constants (reference: instruments.md §4.4).
const (
	// TAPS1MaxScore is the number of TAPS-1 items.
	TAPS1MaxScore = 4
	// TAPS1Version names the TAPS part scored; the reference cites no
	// edition.
	TAPS1Version = "taps-1"
)

// TAPS1Answers are the four TAPS-1 past-12-month frequencies: tobacco or
// nicotine, alcohol (5+ drinks in a day for men, 4+ for women), illicit drugs
// and non-medical use of prescription drugs. Only "never" versus any other
// answer matters for scoring. An empty field is unanswered.
type TAPS1Answers struct {
	Tobacco      Frequency `json:"tobacco,omitzero"`
	Alcohol      Frequency `json:"alcohol,omitzero"`
	Illicit      Frequency `json:"illicit,omitzero"`
	Prescription Frequency `json:"prescription,omitzero"`
}

// list returns the answers in TAPS-1 order.
func (a TAPS1Answers) list() [4]Frequency {
	return [4]Frequency{a.Tobacco, a.Alcohol, a.Illicit, a.Prescription}
}

// tapsKey returns the JSON name of item i.
func tapsKey(i int) string {
	switch i {
	case 0:
		return "tobacco"
	case 1:
		return "alcohol"
	case 2:
		return "illicit"
	}
	return "prescription"
}

// Validate reports every unknown answer; paths are relative ("alcohol").
func (a TAPS1Answers) Validate() error {
	var errs []error
	for i, v := range a.list() {
		errs = appendErr(errs, checkEnum(tapsKey(i), v == "" || v.Valid(), ErrUnknownFrequency))
	}
	return errors.Join(errs...)
}

// TAPS1Options configure ScoreTAPS1. The zero value is the default,
// MissingIncomplete.
type TAPS1Options struct {
	Missing MissingPolicy // zero: MissingIncomplete
}

// TAPS1Result is a scored TAPS-1: the common Result and which substance
// classes screened positive (each goes on to TAPS-2).
type TAPS1Result struct {
	Result
	Answers              TAPS1Answers `json:"answers"`
	TobaccoPositive      bool         `json:"tobaccoPositive"`
	AlcoholPositive      bool         `json:"alcoholPositive"`
	IllicitPositive      bool         `json:"illicitPositive"`
	PrescriptionPositive bool         `json:"prescriptionPositive"`
}

// ScoreTAPS1 scores TAPS-1 (reference: instruments.md §4.4): any answer
// other than "never" is a positive screen for that substance class and
// triggers TAPS-2 (ActionFurtherAssessment). Score is the number of positive
// classes, 0–4.
func ScoreTAPS1(a TAPS1Answers, opts TAPS1Options) (TAPS1Result, error) {
	if err := checkPolicy(opts.Missing); err != nil {
		return TAPS1Result{}, err
	}
	if err := a.Validate(); err != nil {
		return TAPS1Result{}, intervention.Prefix("answers", err)
	}
	var items [4]item
	for i, v := range a.list() {
		items[i] = item{answered: v != "", required: true}
		if v != "" && v != FrequencyNever {
			items[i].points = 1
		}
	}
	t := sum(items[:])
	if !t.complete && opts.Missing == MissingReject {
		return TAPS1Result{}, unanswered("answers", items[:], tapsKey)
	}
	r := TAPS1Result{
		Result: Result{
			Instrument: InstrumentTAPS1, Version: TAPS1Version, MaxScore: TAPS1MaxScore,
			Rule: "taps-1-any-use",
		},
		Answers:              a,
		TobaccoPositive:      items[0].points > 0,
		AlcoholPositive:      items[1].points > 0,
		IllicitPositive:      items[2].points > 0,
		PrescriptionPositive: items[3].points > 0,
	}
	settle(&r.Result, t, opts.Missing, positiveBanding(t.score > 0))
	return r, nil
}
