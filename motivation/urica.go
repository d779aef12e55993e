package motivation

import (
	"errors"
	"reflect"

	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// URICA dimensions (reference: instruments.md §7.5).
const (
	// URICAItems is the number of items on the 32-item URICA.
	URICAItems = 32
	// URICAScoredItems is the number of items scored: items 4, 9, 20 and
	// 31 are not ("four of these items did not load well" [S93]).
	URICAScoredItems = 28
	// uricaPerSubscale is the number of items in each subscale.
	uricaPerSubscale = 7
)

// LikertMin and LikertMax bound the 1–5 agreement scale of URICA and
// SOCRATES items: 1 strongly disagree … 5 strongly agree (reference: §7.5,
// §7.6). 0 means unanswered.
const (
	LikertMin = 1
	LikertMax = 5
)

// URICAAnswers are a person's answers to the 32 URICA items. Items[n-1]
// holds item n (so the error path "items[3]" is item 4): 1 strongly
// disagree … 5 strongly agree, 0 unanswered. The library ships no item
// wording (reference: §8: URICA licence unverified).
type URICAAnswers struct {
	Items [URICAItems]int `json:"items"`
}

// uricaKeys returns the 1-based item numbers of the PC, C, A and M
// subscales (UMBC/VCU grid; reference: §7.5 [S95][S96]).
func uricaKeys() [4][uricaPerSubscale]int {
	return [4][uricaPerSubscale]int{
		{1, 5, 11, 13, 23, 26, 29},  // precontemplation
		{2, 8, 12, 15, 19, 21, 24},  // contemplation
		{3, 7, 10, 14, 17, 25, 30},  // action
		{6, 16, 18, 22, 27, 28, 32}, // maintenance
	}
}

// URICAUnscoredItems returns the 1-based numbers of the items that are not
// scored: 4, 9, 20 and 31 (reference: §7.5 [S93]).
func URICAUnscoredItems() []int { return []int{4, 9, 20, 31} }

// URICASubscales holds one number per URICA subscale.
type URICASubscales struct {
	Precontemplation int `json:"precontemplation"`
	Contemplation    int `json:"contemplation"`
	Action           int `json:"action"`
	Maintenance      int `json:"maintenance"`
}

// URICAMeans holds the exact mean of each subscale (sum/7).
type URICAMeans struct {
	Precontemplation intervention.Ratio `json:"precontemplation"`
	Contemplation    intervention.Ratio `json:"contemplation"`
	Action           intervention.Ratio `json:"action"`
	Maintenance      intervention.Ratio `json:"maintenance"`
}

// URICAResult is a scored URICA.
type URICAResult struct {
	// Totals are the subscale sums, used for profile (cluster) scoring [S93].
	Totals URICASubscales `json:"totals"`
	// Means are the subscale means, exact.
	Means URICAMeans `json:"means"`
	// Readiness is mean(C) + mean(A) + mean(M) − mean(PC), exact, in
	// −2…14: (ΣC + ΣA + ΣM − ΣPC)/7 (reference: §7.5 [S93][S95]; §10 D13:
	// means, not sums). Near the end of treatment the action and
	// maintenance means say more than readiness [S95].
	Readiness intervention.Ratio `json:"readiness"`
	// Band is set only when URICAOptions.Banding was given.
	Band URICABand `json:"band,omitzero"`
	// Rule names the scoring rule.
	Rule string `json:"rule"`
}

// URICARule is the Rule of every URICAResult.
const URICARule = "urica-32-means"

// URICAOptions configures ScoreURICA. The zero value scores without banding.
type URICAOptions struct {
	// Banding, when set, assigns a stage to the readiness score. Published
	// cut-offs are "essentially arbitrary" (UMBC) or unverified, so banding
	// is never applied unless asked for (reference: §7.5). A typed nil
	// (a nil *ReadinessCutoffs) is an error at "banding", not a panic.
	Banding URICABanding
}

// ScoreURICA scores a 32-item URICA: subscale sums and exact means and the
// readiness score (reference: §7.5; vectors V46–V48). Every scored item must
// be answered 1–5; the unscored items 4, 9, 20 and 31 may be unanswered and
// never change the result. Problems are reported together, each a
// FieldError at "items[i]" (item i+1) wrapping intervention.ErrMissing
// (unanswered scored item) or intervention.ErrOutOfRange (a value outside
// 0–5), or at "banding" for a banding failure (intervention.ErrMissing for
// a typed nil banding).
func ScoreURICA(a URICAAnswers, opts URICAOptions) (URICAResult, error) {
	var errs []error
	for i, v := range a.Items {
		if v < 0 || v > LikertMax {
			errs = append(errs, field(intervention.Index("items", i), intervention.ErrOutOfRange))
		}
	}
	keys := uricaKeys()
	var sums [4]int
	for s, key := range keys {
		for _, item := range key {
			v := a.Items[item-1]
			if v == 0 {
				errs = append(errs, field(intervention.Index("items", item-1), intervention.ErrMissing))
			}
			sums[s] += v
		}
	}
	if len(errs) > 0 {
		return URICAResult{}, errors.Join(errs...)
	}
	mean := func(sum int) intervention.Ratio { return ratioOf(sum, uricaPerSubscale) }
	r := URICAResult{
		Totals: URICASubscales{Precontemplation: sums[0], Contemplation: sums[1], Action: sums[2], Maintenance: sums[3]},
		Means: URICAMeans{
			Precontemplation: mean(sums[0]), Contemplation: mean(sums[1]),
			Action: mean(sums[2]), Maintenance: mean(sums[3]),
		},
		Readiness: mean(sums[1] + sums[2] + sums[3] - sums[0]),
		Rule:      URICARule,
	}
	if opts.Banding != nil {
		if isNil(opts.Banding) {
			return URICAResult{}, field("banding", intervention.ErrMissing)
		}
		band, err := opts.Banding.Band(r.Readiness)
		if err != nil {
			return URICAResult{}, intervention.Prefix("banding", err)
		}
		r.Band = band
	}
	return r, nil
}

// isNil reports whether b holds a nil pointer, map, slice or func (a typed
// nil, such as (*ReadinessCutoffs)(nil)), whose Band would panic.
func isNil(b URICABanding) bool {
	v := reflect.ValueOf(b)
	switch v.Kind() { //nolint:exhaustive // only these kinds can be nil
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// URICABand is the stage a banding assigned, with the banding's name.
type URICABand struct {
	Stage Stage  `json:"stage"`
	Rule  string `json:"rule"`
}

// URICABanding assigns a stage to a URICA readiness score. NearestGroupMean
// and ReadinessCutoffs implement it; a host may supply its own.
type URICABanding interface {
	// Band returns the stage for readiness, or an error wrapping
	// intervention.ErrInvalid when the banding is malformed or readiness
	// is not computable.
	Band(readiness intervention.Ratio) (URICABand, error)
}

// URICA readiness bounds (reference: §7.5, V47).
const (
	URICAReadinessMin = -2
	URICAReadinessMax = 14
)

// GroupMean is a group's mean readiness score.
type GroupMean struct {
	Stage Stage           `json:"stage"`
	Mean  decimal.Decimal `json:"mean"`
}

// NearestGroupMean assigns the stage of the group whose mean readiness is
// closest to the score, as the archived VCU/Mid-Atlantic ATTC page advises
// (reference: §7.5 [S96]). A score exactly halfway between two means goes
// to the group listed first.
type NearestGroupMean struct {
	Name   string      `json:"name"`
	Groups []GroupMean `json:"groups"`
}

// VCUGroupMeans returns the VCU group means: precontemplation 9.3,
// contemplation 11.0, participation (action) 12.6; maintenance has no
// published mean ("n/a") and is never assigned (reference: §7.5 [S96]).
func VCUGroupMeans() NearestGroupMean {
	return NearestGroupMean{
		Name: "vcu-nearest-group-mean",
		Groups: []GroupMean{
			{Stage: StagePrecontemplation, Mean: decimal.New(93, -1)},
			{Stage: StageContemplation, Mean: decimal.New(110, -1)},
			{Stage: StageAction, Mean: decimal.New(126, -1)},
		},
	}
}

// Validate reports every problem with n: the name must be a code, and each
// group a valid, distinct stage with a mean in −2…14 (at most six decimal
// places).
func (n NearestGroupMean) Validate() error {
	errs := []error{checkCode("name", n.Name)}
	if len(n.Groups) == 0 {
		errs = append(errs, field("groups", intervention.ErrMissing))
	}
	for i, g := range n.Groups {
		p := intervention.Index("groups", i)
		if !g.Stage.Valid() {
			errs = append(errs, field(p+".stage", ErrUnknownStage))
		} else if firstStage(n.Groups, g.Stage) < i {
			errs = append(errs, field(p+".stage", intervention.ErrDuplicate))
		}
		if !saneDecimal(g.Mean, URICAReadinessMin, URICAReadinessMax) {
			errs = append(errs, field(p+".mean", ErrThresholds))
		}
	}
	return errors.Join(errs...)
}

func firstStage(gs []GroupMean, s Stage) int {
	for i, g := range gs {
		if g.Stage == s {
			return i
		}
	}
	return -1
}

// Band returns the stage of the group whose mean is nearest to readiness.
func (n NearestGroupMean) Band(readiness intervention.Ratio) (URICABand, error) {
	if err := n.Validate(); err != nil {
		return URICABand{}, err
	}
	if !saneRatio(readiness) {
		return URICABand{}, field("readiness", intervention.ErrOutOfRange)
	}
	return URICABand{Stage: n.Groups[nearestGroup(n.Groups, readiness)].Stage, Rule: n.Name}, nil
}

// nearestGroup returns the index of the first group whose mean is nearest
// to r. The means are sane (Validate) and r is computable.
func nearestGroup(groups []GroupMean, r intervention.Ratio) int {
	best := 0
	// |r − m| = |num − m·den| / |den|; den is common to every group.
	if num, den, ok := smallFrac(r); ok {
		// In millionths: m·10⁶ is an integer for a sane mean, and
		// |num·10⁶ − m·10⁶·den| < 10¹⁶ (|num| < 10⁹, den < 10⁶, |m| ≤ 14).
		var bestDist int64
		for i, g := range groups {
			m := g.Mean.CoefficientInt64() * pow10(g.Mean.Exponent()-minExponent)
			dist := num*pow10(-minExponent) - m*den
			dist = max(dist, -dist)
			if i == 0 || dist < bestDist {
				best, bestDist = i, dist
			}
		}
		return best
	}
	var bestDist decimal.Decimal
	for i, g := range groups {
		dist := r.Num().Sub(g.Mean.Mul(r.Den())).Abs()
		if i == 0 || dist.Cmp(bestDist) < 0 {
			best, bestDist = i, dist
		}
	}
	return best
}

// CutoffBand assigns Stage to readiness scores up to and including Max
// that no earlier band took.
type CutoffBand struct {
	Max   decimal.Decimal `json:"max"`
	Stage Stage           `json:"stage"`
}

// ReadinessCutoffs bands readiness by inclusive upper bounds, in order.
type ReadinessCutoffs struct {
	Name  string       `json:"name"`
	Bands []CutoffBand `json:"bands"`
}

// CommonURICACutoffs returns the often-quoted cut-offs "≤ 8
// precontemplator, 8–11 contemplator, 11–14 preparation/action". They are
// UNVERIFIED (not confirmed against the UMBC scoring page; reference: §7.5),
// and the source's ranges overlap at 8 and 11, so this preset reads them as
// ≤ 8 precontemplation, > 8 to ≤ 11 contemplation, > 11 preparation. Prefer
// no banding or NearestGroupMean.
func CommonURICACutoffs() ReadinessCutoffs {
	return ReadinessCutoffs{
		Name: "common-unverified",
		Bands: []CutoffBand{
			{Max: decimal.NewFromInt(8), Stage: StagePrecontemplation},
			{Max: decimal.NewFromInt(11), Stage: StageContemplation},
			{Max: decimal.NewFromInt(URICAReadinessMax), Stage: StagePreparation},
		},
	}
}

// Validate reports every problem with c: the name must be a code; bands
// must name valid stages with strictly increasing maxima in −2…14 (at most
// six decimal places), the last one 14 so that every score gets a band.
func (c ReadinessCutoffs) Validate() error {
	errs := []error{checkCode("name", c.Name)}
	if len(c.Bands) == 0 {
		errs = append(errs, field("bands", intervention.ErrMissing))
	}
	for i, b := range c.Bands {
		p := intervention.Index("bands", i)
		if !b.Stage.Valid() {
			errs = append(errs, field(p+".stage", ErrUnknownStage))
		}
		switch {
		case !saneDecimal(b.Max, URICAReadinessMin, URICAReadinessMax):
			errs = append(errs, field(p+".max", ErrThresholds))
		case i > 0 && saneDecimal(c.Bands[i-1].Max, URICAReadinessMin, URICAReadinessMax) && b.Max.Cmp(c.Bands[i-1].Max) <= 0:
			errs = append(errs, field(p+".max", ErrThresholds))
		case i == len(c.Bands)-1 && !b.Max.Equal(decimal.NewFromInt(URICAReadinessMax)):
			errs = append(errs, field(p+".max", ErrThresholds))
		}
	}
	return errors.Join(errs...)
}

// Band returns the stage of the first band whose Max is at least readiness.
func (c ReadinessCutoffs) Band(readiness intervention.Ratio) (URICABand, error) {
	if err := c.Validate(); err != nil {
		return URICABand{}, err
	}
	if !saneRatio(readiness) {
		return URICABand{}, field("readiness", intervention.ErrOutOfRange)
	}
	for _, b := range c.Bands {
		if cmpRatio(readiness, b.Max) <= 0 {
			return URICABand{Stage: b.Stage, Rule: c.Name}, nil
		}
	}
	return URICABand{}, field("readiness", intervention.ErrOutOfRange)
}
