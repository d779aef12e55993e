package motivation

import (
	"encoding/json"
	"errors"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// Ruler names what a readiness ruler rates (reference: instruments.md §7.3).
// The zero Ruler is invalid.
type Ruler string

// The rulers. Importance, confidence and readiness are the standard three,
// each rated separately [S82]; willingness and commitment are the extra
// rulers of the IU SBIRT app (§10 D15, [S85]).
const (
	RulerImportance  Ruler = "importance"
	RulerConfidence  Ruler = "confidence"
	RulerReadiness   Ruler = "readiness"
	RulerWillingness Ruler = "willingness"
	RulerCommitment  Ruler = "commitment"
)

// Rulers returns every Ruler in a stable order.
func Rulers() []Ruler {
	return []Ruler{RulerImportance, RulerConfidence, RulerReadiness, RulerWillingness, RulerCommitment}
}

// ParseRuler returns the Ruler whose text form is s.
func ParseRuler(s string) (Ruler, error) {
	if v := Ruler(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownRuler
}

// Valid reports whether r is one of the constants.
func (r Ruler) Valid() bool { return enum.Valid(r, Rulers()) }

// String returns the text form of r.
func (r Ruler) String() string { return string(r) }

// MarshalText encodes r; an invalid Ruler is an error.
func (r Ruler) MarshalText() ([]byte, error) { return enum.Marshal(r, Ruler.Valid, ErrUnknownRuler) }

// UnmarshalText decodes r with ParseRuler; on error *r is unchanged.
func (r *Ruler) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseRuler) }

// MaxScaleBound is the largest scale bound accepted: a ruler scale beyond
// 0–100 is a data-entry error.
const MaxScaleBound = 100

// Scale is the inclusive range of a rating scale. Sources disagree on the
// readiness ruler's range — 0–10 (CWRU, 360clinician) or 1–10 (IU SBIRT
// app) — so every rating stores its own bounds (reference: §7.3, §10 D15).
//
// The zero Scale stands for DefaultScale (0–10) wherever a rating's scale
// is read, and is written out as explicit bounds.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// DefaultScale returns the 0–10 ruler scale (CWRU Center for EBP,
// 360clinician; reference: §7.3 [S82][S84]).
func DefaultScale() Scale { return Scale{Min: 0, Max: 10} }

// OneToTenScale returns the 1–10 scale of the IU SBIRT app (reference: §10 D15 [S85]).
func OneToTenScale() Scale { return Scale{Min: 1, Max: 10} }

// IsZero reports whether s is the zero Scale (read as DefaultScale).
func (s Scale) IsZero() bool { return s == Scale{} }

// Bounds returns s, or DefaultScale when s is zero.
func (s Scale) Bounds() Scale {
	if s.IsZero() {
		return DefaultScale()
	}
	return s
}

// Contains reports whether v lies within the (effective) bounds of s.
func (s Scale) Contains(v int) bool {
	b := s.Bounds()
	return v >= b.Min && v <= b.Max
}

// Validate reports whether s is usable: 0 ≤ Min < Max ≤ MaxScaleBound
// (the zero Scale is valid and means DefaultScale).
func (s Scale) Validate() error {
	b := s.Bounds()
	if b.Min < 0 || b.Min >= b.Max || b.Max > MaxScaleBound {
		return field("", intervention.ErrOutOfRange)
	}
	return nil
}

// String returns "min–max" of the effective bounds, e.g. "0-10".
func (s Scale) String() string {
	b := s.Bounds()
	return strconv.Itoa(b.Min) + "-" + strconv.Itoa(b.Max)
}

// RulerRating is one dated ruler rating. The number is a conversation
// starter, not the point: ask "why are you a [n] and not a zero?", never
// "why not 10?" (reference: §7.3 [S82][S84]).
type RulerRating struct {
	ID    uuid.UUID `json:"id"`
	Ruler Ruler     `json:"ruler"`
	Value int       `json:"value"`
	// Scale is the rating's range; the zero Scale means DefaultScale (0–10)
	// and is written to JSON as explicit bounds.
	Scale Scale             `json:"scale"`
	On    intervention.Date `json:"on"`
	// Rater is the host's opaque ID of the person who recorded the rating.
	Rater uuid.UUID `json:"rater"`
	// Session is the MI session the rating was taken in; zero if none.
	Session uuid.UUID `json:"session,omitzero"`
}

// Validate reports every problem with r, each under its JSON path.
func (r RulerRating) Validate() error {
	var errs []error
	if r.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if !r.Ruler.Valid() {
		errs = append(errs, field("ruler", ErrUnknownRuler))
	}
	if err := r.Scale.Validate(); err != nil {
		errs = append(errs, intervention.Prefix("scale", err))
	} else if !r.Scale.Contains(r.Value) {
		errs = append(errs, field("value", intervention.ErrOutOfRange))
	}
	if r.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if r.Rater == uuid.Nil {
		errs = append(errs, field("rater", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// rulerRatingJSON is RulerRating without its methods.
type rulerRatingJSON RulerRating

// MarshalJSON writes r with its scale's explicit bounds (a zero Scale is
// written as 0–10).
func (r RulerRating) MarshalJSON() ([]byte, error) {
	r.Scale = r.Scale.Bounds()
	return json.Marshal(rulerRatingJSON(r))
}

// UnmarshalJSON decodes r; on error *r is unchanged.
func (r *RulerRating) UnmarshalJSON(b []byte) error {
	var v rulerRatingJSON
	if err := wire.Decode(b, &v, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	*r = RulerRating(v)
	return nil
}

// RulerTrend is one ruler's ratings over time.
type RulerTrend struct {
	Ruler Ruler `json:"ruler"`
	// Ratings are in date order (same-day ratings in recording order).
	Ratings []RulerRating `json:"ratings"`
	// Change is the latest value minus the first, as n/1. It is not
	// computable (0/0) with fewer than two ratings or when the first and
	// latest were rated on different scales (§10 D15).
	Change intervention.Ratio `json:"change"`
}

// TrendOf returns the trend of ruler among ratings dated on or before
// through (a zero through means no limit). Ratings of other rulers are
// ignored; ratings are not validated.
func TrendOf(ratings []RulerRating, ruler Ruler, through intervention.Date) RulerTrend {
	t := RulerTrend{Ruler: ruler}
	keep := func(r RulerRating) bool {
		return r.Ruler == ruler && (through.IsZero() || !r.On.After(through))
	}
	n := 0 // kept ratings, so that Ratings is allocated once
	for _, r := range ratings {
		if keep(r) {
			n++
		}
	}
	if n > 0 {
		t.Ratings = make([]RulerRating, 0, n)
	}
	for _, r := range ratings {
		if keep(r) {
			t.Ratings = append(t.Ratings, r)
		}
	}
	sortByDate(t.Ratings, func(r RulerRating) intervention.Date { return r.On })
	if n := len(t.Ratings); n >= 2 && t.Ratings[0].Scale.Bounds() == t.Ratings[n-1].Scale.Bounds() {
		t.Change = ratioOf(t.Ratings[n-1].Value-t.Ratings[0].Value, 1)
	}
	return t
}

// Latest returns the latest rating and whether there is one.
func (t RulerTrend) Latest() (RulerRating, bool) {
	if len(t.Ratings) == 0 {
		return RulerRating{}, false
	}
	return t.Ratings[len(t.Ratings)-1], true
}

// HeuristicBand is one band of a StageHeuristic: values from Min up to the
// next band's Min (exclusive) map to Stage.
type HeuristicBand struct {
	Min   int   `json:"min"`
	Stage Stage `json:"stage"`
}

// StageHeuristic maps a ruler value to a stage of change. It is a
// heuristic, not a validated rule (reference: instruments.md §7.3): use it
// only as an explicit, documented option, and record what it gives as a
// StageAssessment with MethodRulerHeuristic.
type StageHeuristic struct {
	// Name identifies the mapping in results, e.g. "clinical-toolkit".
	Name  string          `json:"name"`
	Ruler Ruler           `json:"ruler"`
	Scale Scale           `json:"scale"`
	Bands []HeuristicBand `json:"bands"`
}

// ClinicalToolkitHeuristic returns the readiness-ruler mapping of
// rhavekost/clinical-toolkit on 0–10: 0–3 precontemplation, 4–6
// contemplation, 7–8 preparation, 9–10 action (the source says
// "Action/Maintenance"; a ruler cannot tell how long a change has lasted,
// so the mapping says action). Not validated (reference: §7.3 [S86], I20).
func ClinicalToolkitHeuristic() StageHeuristic {
	return StageHeuristic{
		Name: "clinical-toolkit", Ruler: RulerReadiness, Scale: DefaultScale(),
		Bands: []HeuristicBand{
			{Min: 0, Stage: StagePrecontemplation},
			{Min: 4, Stage: StageContemplation},
			{Min: 7, Stage: StagePreparation},
			{Min: 9, Stage: StageAction},
		},
	}
}

// Validate reports every problem with h: the name must be a code, the
// ruler and scale valid, and the bands must start at the scale's minimum,
// increase strictly, stay within the scale and name valid stages.
func (h StageHeuristic) Validate() error {
	var errs []error
	errs = append(errs, checkCode("name", h.Name))
	if !h.Ruler.Valid() {
		errs = append(errs, field("ruler", ErrUnknownRuler))
	}
	if err := h.Scale.Validate(); err != nil {
		return errors.Join(append(errs, intervention.Prefix("scale", err))...)
	}
	if len(h.Bands) == 0 {
		errs = append(errs, field("bands", intervention.ErrMissing))
	}
	b := h.Scale.Bounds()
	for i, band := range h.Bands {
		p := intervention.Index("bands", i)
		switch {
		case i == 0 && band.Min != b.Min:
			errs = append(errs, field(p+".min", ErrThresholds))
		case i > 0 && band.Min <= h.Bands[i-1].Min, band.Min > b.Max:
			errs = append(errs, field(p+".min", ErrThresholds))
		}
		if !band.Stage.Valid() {
			errs = append(errs, field(p+".stage", ErrUnknownStage))
		}
	}
	return errors.Join(errs...)
}

// StageEstimate is what a StageHeuristic gives. Heuristic is always true:
// it marks the stage as an estimate from an unvalidated mapping, not an
// assessment.
type StageEstimate struct {
	Stage     Stage  `json:"stage"`
	Heuristic bool   `json:"heuristic"`
	Rule      string `json:"rule"` // the heuristic's Name
}

// Estimate maps r to a stage. It fails (wrapping intervention.ErrInvalid)
// when h or r is invalid, when r rates another ruler (ErrInconsistent at
// "ruler") or uses another scale (ErrScaleMismatch at "scale").
func (h StageHeuristic) Estimate(r RulerRating) (StageEstimate, error) {
	if err := h.Validate(); err != nil {
		return StageEstimate{}, intervention.Prefix("heuristic", err)
	}
	if err := r.Validate(); err != nil {
		return StageEstimate{}, err
	}
	if r.Ruler != h.Ruler {
		return StageEstimate{}, field("ruler", intervention.ErrInconsistent)
	}
	if r.Scale.Bounds() != h.Scale.Bounds() {
		return StageEstimate{}, field("scale", ErrScaleMismatch)
	}
	est := StageEstimate{Heuristic: true, Rule: h.Name}
	for _, band := range h.Bands {
		if r.Value >= band.Min {
			est.Stage = band.Stage
		}
	}
	return est, nil
}
