package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// NIAAA single-question constants (reference: instruments.md §5).
const (
	// NIAAAVersion is the validation of the single question scored (Smith et
	// al., J Gen Intern Med 2009).
	NIAAAVersion = "2009"
	// NIAAAThreshold is the default positive cut-off: once or more in the
	// past year.
	NIAAAThreshold = 1
)

// NIAAAAnswers answer the NIAAA single alcohol screening question: how many
// times in the past year the patient had Drinks or more drinks in a day.
// Drinks is the number the question was asked with: 5 for men and 4 for women
// (reference: instruments.md §5); zero means "derive it from Sex" (5 for
// men, 4 for everyone else). 4 may be used for men too (the CDC/MITRE logic
// asks men over 65 about 4+); 5 for anyone not recorded as male is an error,
// since it would miss 4-drink days.
type NIAAAAnswers struct {
	Sex    Sex   `json:"sex,omitzero"`
	Drinks int   `json:"drinks,omitzero"`
	Times  Count `json:"times,omitzero"`
}

// drinks returns the drinks threshold the question was asked with and
// whether it was derived for someone not recorded as male or female.
func (a NIAAAAnswers) drinks() (int, bool) {
	switch {
	case a.Drinks != 0:
		return a.Drinks, false
	case a.Sex == SexMale:
		return 5, false
	}
	return 4, a.Sex != SexFemale
}

// Validate reports an unknown sex, Drinks other than 0, 4 or 5, Drinks 5 for
// someone not recorded as male (intervention.ErrInconsistent) and Times
// outside 0..366. Paths are relative ("times").
func (a NIAAAAnswers) Validate() error {
	var errs []error
	errs = appendErr(errs, checkEnum("sex", a.Sex == "" || a.Sex.Valid(), ErrUnknownSex))
	switch {
	case a.Drinks != 0 && a.Drinks != 4 && a.Drinks != 5:
		errs = append(errs, intervention.Field("drinks", intervention.ErrOutOfRange))
	case a.Drinks == 5 && a.Sex != SexMale:
		errs = append(errs, intervention.Field("drinks", intervention.ErrInconsistent))
	}
	errs = appendErr(errs, checkCount("times", a.Times, MaxDaysPerYear))
	return errors.Join(errs...)
}

// NIAAAOptions configure ScoreNIAAA. The zero value is the default: positive
// at NIAAAThreshold, MissingIncomplete.
type NIAAAOptions struct {
	Threshold int           // positive at or above; zero: NIAAAThreshold
	Missing   MissingPolicy // zero: MissingIncomplete
}

// NIAAAResult is a scored single question: the common Result (Score is the
// number of heavy-drinking days, MaxScore 366) and the drinks threshold the
// question was asked with.
type NIAAAResult struct {
	Result
	Answers NIAAAAnswers `json:"answers"`
	Drinks  int          `json:"drinks"` // 4 or 5
}

// ScoreNIAAA scores the NIAAA single question (reference: instruments.md §5,
// §11 V39): one or more times in the past year is positive
// (ActionFurtherAssessment: assess with NIAAA guidance). LOINC is 88037-7 for
// the 5-drink question and 75889-6 for the 4-drink one (HEDIS ASF).
func ScoreNIAAA(a NIAAAAnswers, opts NIAAAOptions) (NIAAAResult, error) {
	if opts.Threshold == 0 {
		opts.Threshold = NIAAAThreshold
	}
	if err := errors.Join(checkThreshold(opts.Threshold, MaxDaysPerYear), checkPolicy(opts.Missing)); err != nil {
		return NIAAAResult{}, err
	}
	if err := a.Validate(); err != nil {
		return NIAAAResult{}, intervention.Prefix("answers", err)
	}
	n, _ := a.Times.Value()
	items := [1]item{{points: n, answered: a.Times.Answered(), required: true}}
	t := sum(items[:])
	if !t.complete && opts.Missing == MissingReject {
		return NIAAAResult{}, unanswered("answers", items[:], func(int) string { return "times" })
	}
	drinks, defaultSex := a.drinks()
	loinc := LOINCHeavyDrinkingDays4
	if drinks == 5 {
		loinc = LOINCHeavyDrinkingDays5
	}
	r := NIAAAResult{
		Result: Result{
			Instrument: InstrumentNIAAA, Version: NIAAAVersion, MaxScore: MaxDaysPerYear,
			LOINC: loinc, Rule: "niaaa-single-question",
		},
		Answers: a, Drinks: drinks,
	}
	settle(&r.Result, t, opts.Missing, positiveBanding(t.score >= opts.Threshold))
	if defaultSex {
		r.Flags = r.Flags.With(FlagDefaultSexCutoff)
	}
	return r, nil
}
