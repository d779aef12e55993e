package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// CAGE constants (reference: instruments.md §5).
const (
	// CAGEMaxScore is the highest CAGE or CAGE-AID score.
	CAGEMaxScore = 4
	// CAGEThreshold is the default positive cut-off: 2 or more "yes".
	CAGEThreshold = 2
	// CAGEVersion is the CAGE publication scored (Ewing 1984, JAMA
	// 252:1905). CAGE-AID applies the same items and cut-off to alcohol
	// and/or drugs; the reference cites no separate version, so it reports
	// the same.
	CAGEVersion = "1984"
)

// CAGEAnswers are the four CAGE (or CAGE-AID) answers, named by their
// letter. An empty field is unanswered.
type CAGEAnswers struct {
	CutDown   YesNo `json:"cutDown,omitzero"`
	Annoyed   YesNo `json:"annoyed,omitzero"`
	Guilty    YesNo `json:"guilty,omitzero"`
	EyeOpener YesNo `json:"eyeOpener,omitzero"`
}

// list returns the answers in CAGE order.
func (a CAGEAnswers) list() [4]YesNo { return [4]YesNo{a.CutDown, a.Annoyed, a.Guilty, a.EyeOpener} }

// cageKey returns the JSON name of item i.
func cageKey(i int) string {
	switch i {
	case 0:
		return "cutDown"
	case 1:
		return "annoyed"
	case 2:
		return "guilty"
	}
	return "eyeOpener"
}

// Validate reports every unknown answer; paths are relative ("guilty").
func (a CAGEAnswers) Validate() error {
	var errs []error
	for i, v := range a.list() {
		errs = appendErr(errs, checkEnum(cageKey(i), v == "" || v.Valid(), ErrUnknownYesNo))
	}
	return errors.Join(errs...)
}

// CAGEOptions configure ScoreCAGE and ScoreCAGEAID. The zero value is the
// default: positive at CAGEThreshold, MissingIncomplete.
type CAGEOptions struct {
	Threshold int           // positive at or above; zero: CAGEThreshold
	Missing   MissingPolicy // zero: MissingIncomplete
}

// CAGEResult is a scored CAGE or CAGE-AID: the common Result and the answers.
type CAGEResult struct {
	Result
	Answers CAGEAnswers `json:"answers"`
}

// ScoreCAGE scores CAGE (reference: instruments.md §5, §11 V40): one point
// per "yes", 0–4, positive (clinically significant) at 2 or more, which
// recommends ActionFurtherAssessment. All four items are required.
func ScoreCAGE(a CAGEAnswers, opts CAGEOptions) (CAGEResult, error) {
	return scoreCAGE(InstrumentCAGE, a, opts)
}

// ScoreCAGEAID scores CAGE-AID, CAGE's items asked about alcohol and/or
// drugs, with the same cut-off (reference: instruments.md §5).
func ScoreCAGEAID(a CAGEAnswers, opts CAGEOptions) (CAGEResult, error) {
	return scoreCAGE(InstrumentCAGEAID, a, opts)
}

func scoreCAGE(inst Instrument, a CAGEAnswers, opts CAGEOptions) (CAGEResult, error) {
	if opts.Threshold == 0 {
		opts.Threshold = CAGEThreshold
	}
	if err := errors.Join(checkThreshold(opts.Threshold, CAGEMaxScore), checkPolicy(opts.Missing)); err != nil {
		return CAGEResult{}, err
	}
	if err := a.Validate(); err != nil {
		return CAGEResult{}, intervention.Prefix("answers", err)
	}
	items := yesItems(a.list())
	t := sum(items[:])
	if !t.complete && opts.Missing == MissingReject {
		return CAGEResult{}, unanswered("answers", items[:], cageKey)
	}
	r := CAGEResult{
		Result:  Result{Instrument: inst, Version: CAGEVersion, MaxScore: CAGEMaxScore, Rule: "cage-ewing-1984"},
		Answers: a,
	}
	settle(&r.Result, t, opts.Missing, positiveBanding(t.score >= opts.Threshold))
	return r, nil
}

// yesItems turns required yes/no answers into items scoring 1 for "yes".
func yesItems(answers [4]YesNo) [4]item {
	var items [4]item
	for i, v := range answers {
		items[i] = item{answered: v != "", required: true}
		if v == Yes {
			items[i].points = 1
		}
	}
	return items
}
