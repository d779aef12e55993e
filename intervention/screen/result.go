package screen

import (
	"bytes"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// LOINC codes the reference confirms for a total score (reference:
// instruments.md §1.5, §2.1, §5, §10 D16). Instruments without a confirmed code
// (CRAFFT 2.1, ASSIST, CAGE, CAGE-AID, NIDA Quick Screen, TAPS-1) report none.
// LOINC codes are used for reference only; the LOINC licence terms apply.
const (
	// LOINCAUDITTotal — Total score [AUDIT] (HL7 Portugal IG, CDC/MITRE CQL, HEDIS ASF).
	LOINCAUDITTotal = "75624-7"
	// LOINCAUDITCTotal — Total score [AUDIT-C] (US Core IG, CDC/MITRE CQL, HEDIS ASF).
	LOINCAUDITCTotal = "75626-2"
	// LOINCAUDITCPanel — the AUDIT-C panel (US Core panel example); never a score.
	LOINCAUDITCPanel = "72109-2"
	// LOINCDAST10Total — Total score [DAST-10] (a Synthea-style record, [S27]).
	LOINCDAST10Total = "82667-7"
	// LOINCHeavyDrinkingDays5 — how often five or more drinks in one day during
	// the past year [Reported]: the NIAAA single question asked with 5 drinks
	// (HEDIS ASF direct reference code).
	LOINCHeavyDrinkingDays5 = "88037-7"
	// LOINCHeavyDrinkingDays4 — the same with four or more drinks.
	LOINCHeavyDrinkingDays4 = "75889-6"
)

// Errors shared by the scorers. Each wraps intervention.ErrInvalid.
var (
	// ErrUnanswered means a required item has no answer (MissingReject).
	ErrUnanswered = fmt.Errorf("screen: required item unanswered: %w", intervention.ErrMissing)
	// ErrContradictsGate means an item was answered with points although a
	// gate item says there was no use (AUDIT Q1 never, ASSIST Q1 no, CRAFFT
	// Part A all 0, ASSIST Q8 not in the past 3 months for injection days).
	ErrContradictsGate = fmt.Errorf("screen: answer contradicts a no-use answer: %w", intervention.ErrInconsistent)
	// ErrCountOutOfRange means a count (days, times) is negative or larger
	// than its period allows.
	ErrCountOutOfRange = fmt.Errorf("screen: count out of range: %w", intervention.ErrOutOfRange)
	// ErrCutoffs means a cut-off table or threshold is malformed: edges out of
	// the score range or not strictly increasing.
	ErrCutoffs = fmt.Errorf("screen: malformed cut-offs: %w", intervention.ErrOutOfRange)
	// ErrMalformedJSON means input is not the JSON shape expected (not an
	// object, a string where a number belongs, …).
	ErrMalformedJSON = fmt.Errorf("screen: malformed JSON: %w", intervention.ErrInvalid)
	// ErrUnknownField means a JSON object has a key the type does not
	// define. It is intervention.ErrUnknownKey, reported at the path of the
	// object that holds the key, never naming it.
	ErrUnknownField = intervention.ErrUnknownKey
)

// Result is what every scorer returns, embedded in its instrument's result
// type beside the answers and the instrument's detail. It is what a brief
// intervention needs: instrument, band, action, score and the positive flag.
//
// Score lies in 0..MaxScore. Complete is false when a required item was
// unanswered (see MissingPolicy). Positive means the score reaches the
// instrument's positive cut-off; for an incomplete result it is true only
// when the answered items alone reach it, since unanswered items can only
// add points. Rule names the cut-off table or rule that produced Band and
// Action, so that a clinician can see why.
type Result struct {
	Instrument Instrument `json:"instrument"`
	Version    string     `json:"version"`
	Score      int        `json:"score"`
	MaxScore   int        `json:"maxScore"`
	Band       Band       `json:"band"`
	Action     Action     `json:"action"`
	Positive   bool       `json:"positive"`
	Complete   bool       `json:"complete"`
	LOINC      string     `json:"loinc,omitzero"`
	Rule       string     `json:"rule"`
	Flags      FlagSet    `json:"flags,omitzero"`
}

// Summary returns r. Every instrument's result embeds a Result, so every one
// satisfies Scored.
func (r Result) Summary() Result { return r }

// Scored is any instrument's result: AUDITResult, AUDITCResult,
// DAST10Result, CRAFFTResult, ASSISTResult, ASSISTReport, NIAAAResult,
// CAGEResult, QuickScreenResult and TAPS1Result.
type Scored interface {
	Summary() Result
}

// FlagSet is a set of Flags, stored as bits so that scoring allocates
// nothing. Its JSON form is an array of flag strings in Flags() order.
type FlagSet uint32

// With returns s with f added; an invalid f leaves s unchanged.
func (s FlagSet) With(f Flag) FlagSet {
	if i := f.index(); i >= 0 {
		return s | 1<<uint(i)
	}
	return s
}

// Has reports whether f is in s.
func (s FlagSet) Has(f Flag) bool {
	i := f.index()
	return i >= 0 && s&(1<<uint(i)) != 0
}

// Len returns the number of flags in s.
func (s FlagSet) Len() int { return bits.OnesCount32(uint32(s & s.known())) }

// known masks the bits that name a flag.
func (FlagSet) known() FlagSet { return 1<<uint(len(Flags())) - 1 }

// List returns the flags in s in Flags() order.
func (s FlagSet) List() []Flag {
	var out []Flag
	for _, f := range Flags() {
		if s.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// String returns the flags joined by commas.
func (s FlagSet) String() string {
	var b strings.Builder
	for i, f := range s.List() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(f))
	}
	return b.String()
}

// MarshalJSON encodes s as an array of flag strings.
func (s FlagSet) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, f := range s.List() {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, string(f))
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes an array of flag strings; an unknown flag is an
// error and leaves s unchanged. null is the empty set.
func (s *FlagSet) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*s = 0
		return nil
	}
	var texts []string
	if err := wire.Decode(b, &texts, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	var out FlagSet
	for _, t := range texts {
		f, err := ParseFlag(t)
		if err != nil {
			return err
		}
		out = out.With(f)
	}
	*s = out
	return nil
}

// Count is an answered whole number (days, times), or unanswered: the zero
// Count. Its JSON form is a number; an unanswered Count is omitted (omitzero)
// or null.
type Count struct {
	n        int
	answered bool
}

// CountOf returns the answered count n. Scorers reject negative counts and
// counts beyond the item's period.
func CountOf(n int) Count { return Count{n: n, answered: true} }

// Value returns the count and whether it was answered.
func (c Count) Value() (int, bool) { return c.n, c.answered }

// Answered reports whether c holds an answer.
func (c Count) Answered() bool { return c.answered }

// IsZero reports whether c is unanswered, so that omitzero omits it.
func (c Count) IsZero() bool { return !c.answered }

// String returns the number, or "unanswered".
func (c Count) String() string {
	if !c.answered {
		return "unanswered"
	}
	return strconv.Itoa(c.n)
}

// MarshalJSON encodes an answered count as a number and an unanswered one as
// null.
func (c Count) MarshalJSON() ([]byte, error) {
	if !c.answered {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c.n), 10), nil
}

// UnmarshalJSON decodes a JSON whole number (no fraction, no exponent) or
// null; anything else is an error and leaves c unchanged.
func (c *Count) UnmarshalJSON(b []byte) error {
	v, err := parseCount(b)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// maxCountDigits bounds the digits parseCount accepts, far beyond any period.
const maxCountDigits = 9

// parseCount parses a JSON whole number or null.
func parseCount(b []byte) (Count, error) {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return Count{}, nil
	}
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > maxCountDigits || (len(digits) > 1 && digits[0] == '0') {
		return Count{}, ErrMalformedJSON
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return Count{}, ErrMalformedJSON
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return Count{}, ErrMalformedJSON
	}
	return CountOf(n), nil
}

// checkCount returns a FieldError at path unless c is unanswered or in
// 0..limit.
func checkCount(path string, c Count, limit int) error {
	if c.answered && (c.n < 0 || c.n > limit) {
		return intervention.Field(path, ErrCountOutOfRange)
	}
	return nil
}

// checkEnum returns a FieldError at path with rule unknown unless ok; call
// it with ok = v == "" || v.Valid() (unanswered or known).
func checkEnum(path string, ok bool, unknown error) error {
	if !ok {
		return intervention.Field(path, unknown)
	}
	return nil
}

// checkPolicy validates a MissingPolicy option.
func checkPolicy(p MissingPolicy) error {
	return checkEnum("options.missing", p == "" || p.Valid(), ErrUnknownMissingPolicy)
}

// item is the state of one scored item: its points, whether it was
// answered and whether the skip pattern requires it.
type item struct {
	points   int
	answered bool
	required bool
}

// tally is the outcome of adding up items.
type tally struct {
	score    int
	complete bool
}

// sum adds the points of the answered items and reports whether every
// required item was answered.
func sum(items []item) tally {
	t := tally{complete: true}
	for _, it := range items {
		if it.answered {
			t.score += it.points
		} else if it.required {
			t.complete = false
		}
	}
	return t
}

// unanswered returns ErrUnanswered for every required, unanswered item, at
// the path key(i) under root, joined.
func unanswered(root string, items []item, key func(int) string) error {
	var errs []error
	for i, it := range items {
		if it.required && !it.answered {
			errs = append(errs, intervention.Field(intervention.JoinPath(root, key(i)), ErrUnanswered))
		}
	}
	return errors.Join(errs...)
}

// qKey returns "q1" for item index 0, "q2" for 1, and so on, without
// allocating for the first ten.
func qKey(i int) string {
	const keys = "q1q2q3q4q5q6q7q8q9"
	switch {
	case i >= 0 && i < 9:
		return keys[2*i : 2*i+2]
	case i == 9:
		return "q10"
	}
	return "q" + strconv.Itoa(i+1)
}

// skippedAnswered reports whether an item the skip pattern does not require
// was answered with points.
func skippedAnswered(items []item) bool {
	for _, it := range items {
		if !it.required && it.answered && it.points > 0 {
			return true
		}
	}
	return false
}

// banding is what a scorer knows once the items are added up: how to band a
// complete score and the positive cut-off.
type banding struct {
	band     Band
	action   Action
	positive bool
}

// settle fills r's Band, Action, Positive, Complete and Flags from the tally,
// the policy and the banding of the (possibly lower-bound) score. It returns
// whether the band came from a complete (or as-zero) score.
func settle(r *Result, t tally, policy MissingPolicy, b banding) bool {
	r.Score = t.score
	r.Complete = t.complete
	r.Positive = b.positive
	if t.complete {
		r.Band, r.Action = b.band, b.action
		return true
	}
	r.Flags = r.Flags.With(FlagIncomplete)
	if policy == MissingAsZero {
		r.Band, r.Action = b.band, b.action
		r.Flags = r.Flags.With(FlagMissingScoredZero)
		return true
	}
	r.Band, r.Action = BandIncomplete, ActionCompleteScreening
	return false
}
