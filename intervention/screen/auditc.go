package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// AUDIT-C scoring constants (reference: instruments.md §1.4).
const (
	// AUDITCMaxScore is the highest AUDIT-C total, Q1+Q2+Q3.
	AUDITCMaxScore = 12
	// AUDITCVersion is the AUDIT edition whose first three items AUDIT-C uses.
	AUDITCVersion = AUDITVersion
)

// AUDITCAnswers are the answers to AUDIT items Q1–Q3 and the patient's sex,
// which selects the cut-off. An empty field is unanswered; an unrecorded sex
// takes the non-male cut-off (FlagDefaultSexCutoff).
type AUDITCAnswers struct {
	Sex Sex            `json:"sex,omitzero"`
	Q1  DrinkFrequency `json:"q1,omitzero"`
	Q2  DrinkQuantity  `json:"q2,omitzero"`
	Q3  Frequency      `json:"q3,omitzero"`
}

// Points returns the score of Q1, Q2 and Q3; unanswered items score 0.
func (a AUDITCAnswers) Points() [3]int {
	return [3]int{a.Q1.Points(), a.Q2.Points(), a.Q3.Points()}
}

// Validate reports every unknown answer and Q2 or Q3 answered with points
// after Q1 = never (ErrContradictsGate). Paths are relative ("q2").
func (a AUDITCAnswers) Validate() error {
	var errs []error
	errs = appendErr(errs, checkEnum("sex", a.Sex == "" || a.Sex.Valid(), ErrUnknownSex))
	errs = appendErr(errs, checkEnum("q1", a.Q1 == "" || a.Q1.Valid(), ErrUnknownDrinkFrequency))
	errs = appendErr(errs, checkEnum("q2", a.Q2 == "" || a.Q2.Valid(), ErrUnknownDrinkQuantity))
	errs = appendErr(errs, checkEnum("q3", a.Q3 == "" || a.Q3.Valid(), ErrUnknownFrequency))
	if a.Q1 == DrinkFrequencyNever {
		pts := a.Points()
		for i := 1; i <= 2; i++ {
			if pts[i] > 0 {
				errs = append(errs, intervention.Field(qKey(i), ErrContradictsGate))
			}
		}
	}
	return errors.Join(errs...)
}

// items returns Q1–Q3; Q1 = never skips Q2 and Q3, as in the AUDIT
// (reference: instruments.md §1.3).
func (a AUDITCAnswers) items() [3]item {
	pts := a.Points()
	q1Never := a.Q1 == DrinkFrequencyNever
	return [3]item{
		{points: pts[0], answered: a.Q1 != "", required: true},
		{points: pts[1], answered: a.Q2 != "", required: !q1Never},
		{points: pts[2], answered: a.Q3 != "", required: !q1Never},
	}
}

// AUDITCCutoffs are the lowest positive AUDIT-C totals by sex. Female also
// applies to anyone not recorded as male (reference: instruments.md §1.4,
// HEDIS: "non-male defaults to 3").
type AUDITCCutoffs struct {
	Name   string `json:"name"`   // recorded as Result.Rule
	Male   int    `json:"male"`   // positive at or above, men
	Female int    `json:"female"` // positive at or above, women and anyone not recorded as male
}

// BradleyAUDITCCutoffs returns the cut-offs of Bradley 2003 as used by US
// Core and HEDIS: positive at ≥ 4 for men and ≥ 3 for women (reference:
// instruments.md §1.4; §10 D7: fpnotebook's "> 4" for men is a minority
// reading, not the default).
func BradleyAUDITCCutoffs() AUDITCCutoffs {
	return AUDITCCutoffs{Name: "bradley-2003-cutoffs", Male: 4, Female: 3}
}

// Validate checks that c has a name and cut-offs within 1..12.
func (c AUDITCCutoffs) Validate() error {
	var errs []error
	if c.Name == "" {
		errs = append(errs, intervention.Field("name", intervention.ErrMissing))
	}
	errs = appendErr(errs, checkEdges("male", []int{c.Male}, AUDITCMaxScore))
	errs = appendErr(errs, checkEdges("female", []int{c.Female}, AUDITCMaxScore))
	return errors.Join(errs...)
}

// AUDITCOptions configure ScoreAUDITC. The zero value is the default:
// BradleyAUDITCCutoffs and MissingIncomplete.
type AUDITCOptions struct {
	Cutoffs AUDITCCutoffs // zero: BradleyAUDITCCutoffs()
	Missing MissingPolicy // zero: MissingIncomplete
}

// resolve validates o and fills in the defaults.
func (o AUDITCOptions) resolve() (AUDITCOptions, error) {
	var errs []error
	if o.Cutoffs == (AUDITCCutoffs{}) {
		o.Cutoffs = BradleyAUDITCCutoffs()
	} else if err := o.Cutoffs.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("options.cutoffs", err))
	}
	errs = appendErr(errs, checkPolicy(o.Missing))
	return o, errors.Join(errs...)
}

// AUDITCResult is a scored AUDIT-C: the common Result (BandPositive or
// BandNegative; a positive screen recommends ActionFurtherAssessment, since
// the sources name no intervention) and its detail.
type AUDITCResult struct {
	Result
	Answers AUDITCAnswers `json:"answers"`
	Points  [3]int        `json:"points"` // item scores, Q1 first
	Cutoff  int           `json:"cutoff"` // the positive cut-off applied
}

// ScoreAUDITC scores the AUDIT-C (reference: instruments.md §1.4, §11
// V13–V18). The total is Q1+Q2+Q3, 0–12, positive at or above the cut-off
// for the patient's sex. A positive screen whose points all come from Q1 (Q2
// and Q3 answered with 0 points) carries FlagAUDITCAllQ1 for review; the flag
// never changes the score.
func ScoreAUDITC(a AUDITCAnswers, opts AUDITCOptions) (AUDITCResult, error) {
	o, err := opts.resolve()
	if err != nil {
		return AUDITCResult{}, err
	}
	if err := a.Validate(); err != nil {
		return AUDITCResult{}, intervention.Prefix("answers", err)
	}
	items := a.items()
	t := sum(items[:])
	if !t.complete && o.Missing == MissingReject {
		return AUDITCResult{}, unanswered("answers", items[:], qKey)
	}
	cutoff, defaultSex := o.Cutoffs.Female, false
	if a.Sex == SexMale {
		cutoff = o.Cutoffs.Male
	} else {
		defaultSex = a.Sex != SexFemale && o.Cutoffs.Male != o.Cutoffs.Female
	}
	r := AUDITCResult{
		Result: Result{
			Instrument: InstrumentAUDITC, Version: AUDITCVersion, MaxScore: AUDITCMaxScore,
			LOINC: LOINCAUDITCTotal, Rule: o.Cutoffs.Name,
		},
		Answers: a, Points: a.Points(), Cutoff: cutoff,
	}
	settle(&r.Result, t, o.Missing, positiveBanding(t.score >= cutoff))
	if defaultSex {
		r.Flags = r.Flags.With(FlagDefaultSexCutoff)
	}
	if r.Positive && a.Q2 != "" && a.Q3 != "" && r.Points[1] == 0 && r.Points[2] == 0 {
		r.Flags = r.Flags.With(FlagAUDITCAllQ1)
	}
	return r, nil
}

// positiveBanding is the banding of a screen that is only positive or
// negative: positive → further assessment, negative → nothing further.
func positiveBanding(positive bool) banding {
	if positive {
		return banding{band: BandPositive, action: ActionFurtherAssessment, positive: true}
	}
	return banding{band: BandNegative, action: ActionNone}
}
