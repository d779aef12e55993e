package motivation

import (
	"errors"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// SOCRATESItems is the number of items on SOCRATES 8D (Miller & Tonigan
// 1996; reference: instruments.md §7.6).
const SOCRATESItems = 19

// SOCRATESAnswers are a person's answers to the 19 SOCRATES 8D items.
// Items[n-1] holds item n ("items[1]" is item 2): 1 "No! Strongly
// disagree" … 5 "Yes! Strongly agree", 0 unanswered. No item wording is
// shipped (reference: §8).
type SOCRATESAnswers struct {
	Items [SOCRATESItems]int `json:"items"`
}

// SOCRATESScale names one of the three SOCRATES factor scales. The zero
// value is invalid.
type SOCRATESScale string

// The SOCRATES scales (reference: §7.6 [S100]).
const (
	// Recognition: items 1, 3, 7, 10, 12, 15, 17 (raw 7–35).
	Recognition SOCRATESScale = "recognition"
	// Ambivalence: items 2, 6, 11, 16 (raw 4–20).
	Ambivalence SOCRATESScale = "ambivalence"
	// TakingSteps: items 4, 5, 8, 9, 13, 14, 18, 19 (raw 8–40).
	TakingSteps SOCRATESScale = "taking-steps"
)

// SOCRATESScales returns every SOCRATESScale in a stable order.
func SOCRATESScales() []SOCRATESScale { return []SOCRATESScale{Recognition, Ambivalence, TakingSteps} }

// ParseSOCRATESScale returns the SOCRATESScale whose text form is s.
func ParseSOCRATESScale(s string) (SOCRATESScale, error) {
	if v := SOCRATESScale(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownScale
}

// Valid reports whether s is one of the constants.
func (s SOCRATESScale) Valid() bool { return enum.Valid(s, SOCRATESScales()) }

// String returns the text form of s.
func (s SOCRATESScale) String() string { return string(s) }

// MarshalText encodes s; an invalid SOCRATESScale is an error.
func (s SOCRATESScale) MarshalText() ([]byte, error) {
	return enum.Marshal(s, SOCRATESScale.Valid, ErrUnknownScale)
}

// UnmarshalText decodes s with ParseSOCRATESScale; on error *s is unchanged.
func (s *SOCRATESScale) UnmarshalText(b []byte) error {
	return enum.Unmarshal(s, b, ParseSOCRATESScale)
}

// items returns the 1-based item numbers of scale s.
func (s SOCRATESScale) items() []int {
	switch s {
	case Recognition:
		return []int{1, 3, 7, 10, 12, 15, 17}
	case Ambivalence:
		return []int{2, 6, 11, 16}
	case TakingSteps:
		return []int{4, 5, 8, 9, 13, 14, 18, 19}
	}
	return nil
}

// Items returns the 1-based item numbers scored on s (nil for an invalid s).
func (s SOCRATESScale) Items() []int { return s.items() }

// Range returns the raw score range of s: the number of items times 1 and 5.
func (s SOCRATESScale) Range() (lo, hi int) {
	n := len(s.items())
	return n * LikertMin, n * LikertMax
}

// DecileRow maps raw scores Min–Max (inclusive) to a decile and, where the
// source prints one, a level label ("very-high", "high", "medium", "low",
// "very-low").
type DecileRow struct {
	Decile int    `json:"decile"`
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Label  string `json:"label,omitzero"`
}

// SOCRATESNorms is a decile table for the three scales, with the name of
// the sample it ranks against.
type SOCRATESNorms struct {
	// Name identifies the norms in every result.
	Name string `json:"name"`
	// Sample says whom a decile ranks against, for display.
	Sample      string      `json:"sample"`
	Recognition []DecileRow `json:"recognition"`
	Ambivalence []DecileRow `json:"ambivalence"`
	TakingSteps []DecileRow `json:"takingSteps"`
}

// ProjectMATCHAlcoholNorms returns the Project MATCH decile table (N =
// 1,726 adults presenting for alcohol treatment), so a decile ranks a score
// against people already in alcohol treatment. It is not certain that the
// drug version 8D uses the same table: label 8D deciles "relative to MATCH
// alcohol-treatment sample" (reference: §7.6 [S100][S101]; the table's
// layout is a reconstruction that covers every raw score; V49, V50).
// Recognition has no 80th or 90th decile (its maximum, 35, is the 70th).
func ProjectMATCHAlcoholNorms() SOCRATESNorms {
	return SOCRATESNorms{
		Name:   "project-match-alcohol",
		Sample: "relative to Project MATCH alcohol-treatment sample (N = 1,726)",
		Recognition: []DecileRow{
			{10, 7, 26, "very-low"}, {20, 27, 28, ""}, {30, 29, 30, "low"}, {40, 31, 31, ""},
			{50, 32, 33, "medium"}, {60, 34, 34, ""}, {70, 35, 35, "high"},
		},
		Ambivalence: []DecileRow{
			{10, 4, 8, "very-low"}, {20, 9, 11, ""}, {30, 12, 13, "low"}, {40, 14, 14, ""},
			{50, 15, 15, "medium"}, {60, 16, 16, ""}, {70, 17, 17, "high"}, {80, 18, 18, ""},
			{90, 19, 20, "very-high"},
		},
		TakingSteps: []DecileRow{
			{10, 8, 25, "very-low"}, {20, 26, 29, ""}, {30, 30, 30, "low"}, {40, 31, 32, ""},
			{50, 33, 33, "medium"}, {60, 34, 35, ""}, {70, 36, 36, "high"}, {80, 37, 38, ""},
			{90, 39, 40, "very-high"},
		},
	}
}

// projectMATCH is ProjectMATCHAlcoholNorms, built once for ScoreSOCRATES's
// default. It is valid and only read; its rows are never handed out (the
// exported function returns fresh ones).
var projectMATCH = ProjectMATCHAlcoholNorms()

// IsZero reports whether n is the zero SOCRATESNorms.
func (n SOCRATESNorms) IsZero() bool {
	return n.Name == "" && n.Sample == "" && n.Recognition == nil && n.Ambivalence == nil && n.TakingSteps == nil
}

// rows returns the table of scale s.
func (n SOCRATESNorms) rows(s SOCRATESScale) []DecileRow {
	switch s {
	case Recognition:
		return n.Recognition
	case Ambivalence:
		return n.Ambivalence
	case TakingSteps:
		return n.TakingSteps
	}
	return nil
}

// Validate reports every problem with n: Name must be a code and Sample
// non-empty; each scale's rows must be in increasing order, cover its raw
// range exactly with no gap or overlap (ErrNorms), and carry deciles in
// 1–99 and labels that are codes.
func (n SOCRATESNorms) Validate() error {
	errs := []error{checkCode("name", n.Name)}
	if n.Sample == "" {
		errs = append(errs, field("sample", intervention.ErrMissing))
	}
	for _, s := range SOCRATESScales() {
		errs = append(errs, validateRows(jsonScale(s), n.rows(s), s))
	}
	return errors.Join(errs...)
}

// jsonScale is the JSON key of scale s in SOCRATESNorms and SOCRATESResult.
func jsonScale(s SOCRATESScale) string {
	switch s {
	case Recognition:
		return "recognition"
	case Ambivalence:
		return "ambivalence"
	case TakingSteps:
		return "takingSteps"
	}
	return ""
}

func validateRows(path string, rows []DecileRow, s SOCRATESScale) error {
	if len(rows) == 0 {
		return field(path, intervention.ErrMissing)
	}
	lo, hi := s.Range()
	var errs []error
	next := lo
	for i, r := range rows {
		p := func(key string) string { return intervention.Index(path, i) + key } // built only on error
		if r.Decile < 1 || r.Decile > 99 || (i > 0 && r.Decile <= rows[i-1].Decile) {
			errs = append(errs, field(p(".decile"), ErrNorms))
		}
		if r.Min != next || r.Max < r.Min || r.Max > hi {
			errs = append(errs, field(p(""), ErrNorms))
		}
		if r.Label != "" && !isCode(r.Label) {
			errs = append(errs, field(p(".label"), ErrBadCode))
		}
		next = r.Max + 1
	}
	if next != hi+1 {
		errs = append(errs, field(path, ErrNorms))
	}
	return errors.Join(errs...)
}

// SOCRATESOptions configures ScoreSOCRATES. The zero value uses
// ProjectMATCHAlcoholNorms.
type SOCRATESOptions struct {
	Norms SOCRATESNorms
}

// SOCRATESScore is one scale's raw score (a sum) and its decile.
type SOCRATESScore struct {
	Raw    int    `json:"raw"`
	Decile int    `json:"decile"`
	Label  string `json:"label,omitzero"`
}

// SOCRATESResult is a scored SOCRATES 8D. SOCRATES does not assign a
// stage: it gives three motivation scales (reference: §7.6 [S101]).
type SOCRATESResult struct {
	Recognition SOCRATESScore `json:"recognition"`
	Ambivalence SOCRATESScore `json:"ambivalence"`
	TakingSteps SOCRATESScore `json:"takingSteps"`
	// Norms is the Name of the decile table used; Sample says whom the
	// deciles rank against.
	Norms  string `json:"norms"`
	Sample string `json:"sample"`
}

// Score returns the score of scale s.
func (r SOCRATESResult) Score(s SOCRATESScale) SOCRATESScore {
	switch s {
	case Recognition:
		return r.Recognition
	case Ambivalence:
		return r.Ambivalence
	case TakingSteps:
		return r.TakingSteps
	}
	return SOCRATESScore{}
}

// ScoreSOCRATES scores SOCRATES 8D: each scale is the sum of its items,
// ranked with the norms' decile table (reference: §7.6; V49, V50). Every
// item must be answered 1–5: an unanswered item is intervention.ErrMissing
// and a value outside 0–5 intervention.ErrOutOfRange, each at "items[i]"
// (item i+1); a malformed norms table is reported under "norms". Problems
// are reported together.
func ScoreSOCRATES(a SOCRATESAnswers, opts SOCRATESOptions) (SOCRATESResult, error) {
	norms, custom := opts.Norms, !opts.Norms.IsZero()
	if !custom {
		norms = projectMATCH // valid: no need to check it per call
	}
	var errs []error
	for i, v := range a.Items {
		switch {
		case v == 0:
			errs = append(errs, field(intervention.Index("items", i), intervention.ErrMissing))
		case v < LikertMin || v > LikertMax:
			errs = append(errs, field(intervention.Index("items", i), intervention.ErrOutOfRange))
		}
	}
	if custom {
		if err := norms.Validate(); err != nil {
			errs = append(errs, intervention.Prefix("norms", err))
		}
	}
	if len(errs) > 0 {
		return SOCRATESResult{}, errors.Join(errs...)
	}
	score := func(s SOCRATESScale) SOCRATESScore {
		sum := 0
		for _, item := range s.items() {
			sum += a.Items[item-1]
		}
		out := SOCRATESScore{Raw: sum}
		for _, row := range norms.rows(s) {
			if sum >= row.Min && sum <= row.Max {
				out.Decile, out.Label = row.Decile, row.Label
			}
		}
		return out
	}
	return SOCRATESResult{
		Recognition: score(Recognition), Ambivalence: score(Ambivalence), TakingSteps: score(TakingSteps),
		Norms: norms.Name, Sample: norms.Sample,
	}, nil
}
