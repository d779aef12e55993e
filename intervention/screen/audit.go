package screen

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// AUDIT scoring constants (reference: instruments.md §1.1).
const (
	// AUDITMaxScore is the highest AUDIT total: 8×4 + 4 + 4.
	AUDITMaxScore = 40
	// AUDITVersion is the AUDIT edition scored: WHO, 2nd edition, Babor et
	// al. 2001.
	AUDITVersion = "2001"
)

// AUDITAnswers are the answers to the ten AUDIT items as the patient gave
// them (semantic answers, never option numbers; reference: instruments.md §10
// D4). An empty field is unanswered. Sex matters only for a sex-specific zone
// table (AUDITZones).
type AUDITAnswers struct {
	Sex Sex            `json:"sex,omitzero"`
	Q1  DrinkFrequency `json:"q1,omitzero"`
	Q2  DrinkQuantity  `json:"q2,omitzero"`
	Q3  Frequency      `json:"q3,omitzero"`
	Q4  Frequency      `json:"q4,omitzero"`
	Q5  Frequency      `json:"q5,omitzero"`
	Q6  Frequency      `json:"q6,omitzero"`
	Q7  Frequency      `json:"q7,omitzero"`
	Q8  Frequency      `json:"q8,omitzero"`
	Q9  YearRecency    `json:"q9,omitzero"`
	Q10 YearRecency    `json:"q10,omitzero"`
}

// answered reports which items have an answer, Q1 first.
func (a AUDITAnswers) answered() [10]bool {
	return [10]bool{
		a.Q1 != "", a.Q2 != "", a.Q3 != "", a.Q4 != "", a.Q5 != "",
		a.Q6 != "", a.Q7 != "", a.Q8 != "", a.Q9 != "", a.Q10 != "",
	}
}

// Points returns the score of each item, Q1 first; unanswered items score 0
// (reference: instruments.md §1.1).
func (a AUDITAnswers) Points() [10]int {
	return [10]int{
		a.Q1.Points(), a.Q2.Points(), a.Q3.Points(), a.Q4.Points(), a.Q5.Points(),
		a.Q6.Points(), a.Q7.Points(), a.Q8.Points(), a.Q9.Points(), a.Q10.Points(),
	}
}

// AUDITC returns the AUDIT-C answers contained in a: its sex and Q1–Q3.
func (a AUDITAnswers) AUDITC() AUDITCAnswers {
	return AUDITCAnswers{Sex: a.Sex, Q1: a.Q1, Q2: a.Q2, Q3: a.Q3}
}

// Validate reports every unknown answer and every answer that contradicts
// Q1 = never: with no drinking, Q2–Q8 may only be unanswered or score 0
// (ErrContradictsGate). Paths are relative to the answers ("q9").
// Completeness is not checked here; see MissingPolicy.
func (a AUDITAnswers) Validate() error {
	var errs []error
	errs = appendErr(errs, checkEnum("sex", a.Sex == "" || a.Sex.Valid(), ErrUnknownSex))
	errs = appendErr(errs, checkEnum("q1", a.Q1 == "" || a.Q1.Valid(), ErrUnknownDrinkFrequency))
	errs = appendErr(errs, checkEnum("q2", a.Q2 == "" || a.Q2.Valid(), ErrUnknownDrinkQuantity))
	for i, f := range [6]Frequency{a.Q3, a.Q4, a.Q5, a.Q6, a.Q7, a.Q8} {
		errs = appendErr(errs, checkEnum(qKey(i+2), f == "" || f.Valid(), ErrUnknownFrequency))
	}
	errs = appendErr(errs, checkEnum("q9", a.Q9 == "" || a.Q9.Valid(), ErrUnknownYearRecency))
	errs = appendErr(errs, checkEnum("q10", a.Q10 == "" || a.Q10.Valid(), ErrUnknownYearRecency))
	if a.Q1 == DrinkFrequencyNever {
		pts := a.Points()
		for i := 1; i <= 7; i++ { // Q2–Q8
			if pts[i] > 0 {
				errs = append(errs, intervention.Field(qKey(i), ErrContradictsGate))
			}
		}
	}
	return errors.Join(errs...)
}

// items returns the AUDIT items with their points and whether the skip
// pattern requires them (reference: instruments.md §1.3): Q1, Q9 and Q10
// always (unless AUDITSkipStopAtQ1Never and Q1 = never); Q1 = never skips
// Q2–Q8; Q2 and Q3 both answered with 0 points skip Q4–Q8.
func (a AUDITAnswers) items(skip AUDITSkipRule) [10]item {
	pts, ans := a.Points(), a.answered()
	q1Never := a.Q1 == DrinkFrequencyNever
	skip4to8 := q1Never || (ans[1] && ans[2] && pts[1]+pts[2] == 0)
	stop := q1Never && skip == AUDITSkipStopAtQ1Never
	var items [10]item
	for i := range items {
		items[i] = item{points: pts[i], answered: ans[i]}
		switch {
		case i == 0:
			items[i].required = true
		case i <= 2:
			items[i].required = !q1Never
		case i <= 7:
			items[i].required = !skip4to8
		default:
			items[i].required = !stop
		}
	}
	return items
}

// AUDITZones is a zone table: the lowest total of zones II, III and IV, by
// sex. The WHO table is the same for everyone (WHOAUDITZones); locale
// variants may differ by sex (reference: instruments.md §1.2 footnote, §10
// D5). Female edges also apply to anyone not recorded as male.
type AUDITZones struct {
	Name   string `json:"name"`   // recorded as Result.Rule
	Male   [3]int `json:"male"`   // lowest totals of zones II, III and IV for men
	Female [3]int `json:"female"` // the same for women and anyone not recorded as male
}

// WHOAUDITZones returns the WHO zones of Babor et al. 2001: I 0–7, II 8–15,
// III 16–19, IV 20–40 (reference: instruments.md §1.2; §10 D1: 20 is zone IV).
func WHOAUDITZones() AUDITZones {
	return AUDITZones{Name: "who-2001-zones", Male: [3]int{8, 16, 20}, Female: [3]int{8, 16, 20}}
}

// Validate checks that z has a name and that each edge list is strictly
// increasing within 1..40.
func (z AUDITZones) Validate() error {
	var errs []error
	if z.Name == "" {
		errs = append(errs, intervention.Field("name", intervention.ErrMissing))
	}
	errs = appendErr(errs, checkEdges("male", z.Male[:], AUDITMaxScore))
	errs = appendErr(errs, checkEdges("female", z.Female[:], AUDITMaxScore))
	return errors.Join(errs...)
}

// edges returns the edges for sex and whether the default (non-male) edges
// were used for someone not recorded as male or female in a sex-specific
// table.
func (z AUDITZones) edges(s Sex) ([3]int, bool) {
	if s == SexMale {
		return z.Male, false
	}
	return z.Female, s != SexFemale && z.Male != z.Female
}

// AUDITOptions configure ScoreAUDIT. The zero value is the default: WHO
// zones, the "any" reading of the escalation rule, the WHO skip pattern and
// MissingIncomplete.
type AUDITOptions struct {
	Zones      AUDITZones      // zero: WHOAUDITZones()
	Escalation AUDITEscalation // zero: AUDITEscalationAny
	Skip       AUDITSkipRule   // zero: AUDITSkipWHO
	Missing    MissingPolicy   // zero: MissingIncomplete
}

// resolve validates o and fills in the defaults.
func (o AUDITOptions) resolve() (AUDITOptions, error) {
	var errs []error
	if o.Zones == (AUDITZones{}) {
		o.Zones = WHOAUDITZones()
	} else if err := o.Zones.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("options.zones", err))
	}
	errs = appendErr(errs, checkEnum("options.escalation", o.Escalation == "" || o.Escalation.Valid(), ErrUnknownAUDITEscalation))
	errs = appendErr(errs, checkEnum("options.skip", o.Skip == "" || o.Skip.Valid(), ErrUnknownAUDITSkipRule))
	errs = appendErr(errs, checkPolicy(o.Missing))
	if o.Escalation == "" {
		o.Escalation = AUDITEscalationAny
	}
	if o.Skip == "" {
		o.Skip = AUDITSkipWHO
	}
	return o, errors.Join(errs...)
}

// AUDITResult is a scored AUDIT: the common Result (Band is the zone the
// total falls in; Action is that zone's intervention, raised one zone when
// the escalation rule holds) and the detail it came from.
type AUDITResult struct {
	Result
	Answers     AUDITAnswers    `json:"answers"`
	Points      [10]int         `json:"points"`      // item scores, Q1 first
	Consumption int             `json:"consumption"` // Q1–Q3, 0–12
	Dependence  int             `json:"dependence"`  // Q4–Q6, 0–12
	Problems    int             `json:"problems"`    // Q7–Q10, 0–16
	Escalation  AUDITEscalation `json:"escalation"`  // the reading applied
	Escalated   bool            `json:"escalated"`   // Action is one zone above Band
	Skip        AUDITSkipRule   `json:"skip"`        // the skip pattern applied
}

// ScoreAUDIT scores the AUDIT (reference: instruments.md §1, §11 V1–V12).
//
// The total is the sum of the item scores, 0–40. Band is the zone of the
// total in the zone table (WHO: I 0–7 education, II 8–15 simple advice, III
// 16–19 simple advice plus brief counselling and continued monitoring, IV
// 20–40 referral to a specialist). Positive means zone II or above (≥ 8 in
// the WHO table; CamCOPS, HEDIS). The escalation rule then gives the next
// zone's intervention when Q9 or Q10 scores 4, or when the Q4–Q6 clause holds
// under opts.Escalation; Band stays the total's zone and Escalated is set.
//
// Completeness follows opts.Skip; items the skip pattern skips score 0 when
// unanswered, and are scored (FlagSkippedItemAnswered) when answered with
// points after Q2+Q3 = 0. An unknown answer, or Q2–Q8 answered with points
// after Q1 = never, is an error wrapping intervention.ErrInvalid at
// "answers.qN"; nothing is clamped.
func ScoreAUDIT(a AUDITAnswers, opts AUDITOptions) (AUDITResult, error) {
	o, err := opts.resolve()
	if err != nil {
		return AUDITResult{}, err
	}
	if err := a.Validate(); err != nil {
		return AUDITResult{}, intervention.Prefix("answers", err)
	}
	items := a.items(o.Skip)
	t := sum(items[:])
	if !t.complete && o.Missing == MissingReject {
		return AUDITResult{}, unanswered("answers", items[:], qKey)
	}
	pts := a.Points()
	edges, defaultSex := o.Zones.edges(a.Sex)
	zone := zoneIndex(t.score, edges[:])
	r := AUDITResult{
		Result: Result{
			Instrument: InstrumentAUDIT, Version: AUDITVersion, MaxScore: AUDITMaxScore,
			LOINC: LOINCAUDITTotal, Rule: o.Zones.Name,
		},
		Answers: a, Points: pts,
		Consumption: pts[0] + pts[1] + pts[2],
		Dependence:  pts[3] + pts[4] + pts[5],
		Problems:    pts[6] + pts[7] + pts[8] + pts[9],
		Escalation:  o.Escalation, Skip: o.Skip,
	}
	band, action := auditZone(zone)
	banded := settle(&r.Result, t, o.Missing, banding{band: band, action: action, positive: zone > 0})
	if defaultSex {
		r.Flags = r.Flags.With(FlagDefaultSexCutoff)
	}
	if skippedAnswered(items[:]) {
		r.Flags = r.Flags.With(FlagSkippedItemAnswered)
	}
	if r.Dependence >= 4 {
		r.Flags = r.Flags.With(FlagAUDITDependenceSubtotal)
	}
	dep, harm := auditEscalation(o.Escalation, pts)
	if dep {
		r.Flags = r.Flags.With(FlagAUDITEscalationQ4Q6)
	}
	if harm {
		r.Flags = r.Flags.With(FlagAUDITEscalationQ9Q10)
	}
	if banded && (dep || harm) && zone < 3 {
		_, r.Action = auditZone(zone + 1)
		r.Escalated = true
	}
	return r, nil
}

// auditEscalation evaluates the two clauses of the escalation rule
// (reference: instruments.md §1.2, §11 V9–V10).
func auditEscalation(reading AUDITEscalation, pts [10]int) (dep, harm bool) {
	q4, q5, q6 := pts[3], pts[4], pts[5]
	switch reading {
	case AUDITEscalationAny:
		dep = q4 >= 2 || q5 >= 2 || q6 >= 2
	case AUDITEscalationSum:
		dep = q4+q5+q6 >= 2
	case AUDITEscalationEach:
		dep = q4 >= 2 && q5 >= 2 && q6 >= 2
	case AUDITEscalationNone:
		return false, false
	}
	return dep, pts[8] == 4 || pts[9] == 4
}

// auditZone returns the band and WHO intervention of zone index 0–3
// (reference: instruments.md §1.2).
func auditZone(zone int) (Band, Action) {
	switch zone {
	case 0:
		return BandZoneI, ActionEducation
	case 1:
		return BandZoneII, ActionSimpleAdvice
	case 2:
		return BandZoneIII, ActionBriefCounselling
	}
	return BandZoneIV, ActionReferral
}

// zoneIndex returns how many of the ascending edges score reaches.
func zoneIndex(score int, edges []int) int {
	z := 0
	for z < len(edges) && score >= edges[z] {
		z++
	}
	return z
}

// checkEdges returns ErrCutoffs at path unless edges are strictly increasing
// within 1..maxScore.
func checkEdges(path string, edges []int, maxScore int) error {
	prev := 0
	for _, e := range edges {
		if e <= prev || e > maxScore {
			return intervention.Field(path, ErrCutoffs)
		}
		prev = e
	}
	return nil
}

// appendErr appends err to errs when it is not nil.
func appendErr(errs []error, err error) []error {
	if err != nil {
		return append(errs, err)
	}
	return errs
}
