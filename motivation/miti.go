package motivation

import (
	"encoding/json"
	"errors"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// MaxBehaviorCount bounds each MITI behaviour count and each client
// language count. No coded segment comes near it; a larger count is a
// data-entry error (the bound is the library's, not a source's).
const MaxBehaviorCount = 10000

// MITI global score bounds: each global is rated 1–5 over the whole segment
// (reference: instruments.md §7.1 [S73]).
const (
	MITIGlobalMin = 1
	MITIGlobalMax = 5
)

// MITICounts are the ten MITI 4.2.1 behaviour counts for a coded segment
// (Moyers, Manuel & Ernst 2015; reference: §7.1 [S73][S74]). Open and
// closed questions are not split in MITI 4.x. Counts follow the manual's
// parsing rules (one reflection code and one question code per volley, …),
// which the coder applies.
type MITICounts struct {
	GivingInformation      int `json:"givingInformation"`
	Persuade               int `json:"persuade"`
	PersuadeWithPermission int `json:"persuadeWithPermission"`
	Question               int `json:"question"`
	SimpleReflection       int `json:"simpleReflection"`
	ComplexReflection      int `json:"complexReflection"`
	Affirm                 int `json:"affirm"`
	SeekingCollaboration   int `json:"seekingCollaboration"`
	EmphasizingAutonomy    int `json:"emphasizingAutonomy"`
	Confront               int `json:"confront"`
}

// Validate reports every count outside 0–MaxBehaviorCount, at its JSON key.
func (c MITICounts) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		n    int
	}{
		{"givingInformation", c.GivingInformation}, {"persuade", c.Persuade},
		{"persuadeWithPermission", c.PersuadeWithPermission}, {"question", c.Question},
		{"simpleReflection", c.SimpleReflection}, {"complexReflection", c.ComplexReflection},
		{"affirm", c.Affirm}, {"seekingCollaboration", c.SeekingCollaboration},
		{"emphasizingAutonomy", c.EmphasizingAutonomy}, {"confront", c.Confront},
	} {
		if f.n < 0 || f.n > MaxBehaviorCount {
			errs = append(errs, field(f.name, intervention.ErrOutOfRange))
		}
	}
	return errors.Join(errs...)
}

// MITIGlobals are the four MITI 4.2.1 global ratings, each 1–5 (reference:
// §7.1 [S73]). There is no "not rated" value: 0 is an error.
type MITIGlobals struct {
	CultivatingChangeTalk int `json:"cultivatingChangeTalk"`
	SofteningSustainTalk  int `json:"softeningSustainTalk"`
	Partnership           int `json:"partnership"`
	Empathy               int `json:"empathy"`
}

// Validate reports every global outside 1–5, at its JSON key.
func (g MITIGlobals) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{
		{"cultivatingChangeTalk", g.CultivatingChangeTalk}, {"softeningSustainTalk", g.SofteningSustainTalk},
		{"partnership", g.Partnership}, {"empathy", g.Empathy},
	} {
		if f.v < MITIGlobalMin || f.v > MITIGlobalMax {
			errs = append(errs, field(f.name, intervention.ErrOutOfRange))
		}
	}
	return errors.Join(errs...)
}

// Competency is a MITI summary score's level against its thresholds. The
// zero Competency is invalid.
type Competency string

// The competency levels (reference: §7.1 [S75][S77]).
const (
	CompetencyBelowFair Competency = "below-fair"
	// CompetencyFair is basic competence.
	CompetencyFair Competency = "fair"
	// CompetencyGood is proficiency.
	CompetencyGood Competency = "good"
	// CompetencyNotComputable: the score's denominator is zero (R:Q with no
	// questions, %CR with no reflections), so it has no level.
	CompetencyNotComputable Competency = "not-computable"
)

// Competencies returns every Competency in increasing order, then
// CompetencyNotComputable.
func Competencies() []Competency {
	return []Competency{CompetencyBelowFair, CompetencyFair, CompetencyGood, CompetencyNotComputable}
}

// ParseCompetency returns the Competency whose text form is s.
func ParseCompetency(s string) (Competency, error) {
	if v := Competency(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownCompetency
}

// Valid reports whether c is one of the constants.
func (c Competency) Valid() bool { return enum.Valid(c, Competencies()) }

// String returns the text form of c.
func (c Competency) String() string { return string(c) }

// MarshalText encodes c; an invalid Competency is an error.
func (c Competency) MarshalText() ([]byte, error) {
	return enum.Marshal(c, Competency.Valid, ErrUnknownCompetency)
}

// UnmarshalText decodes c with ParseCompetency; on error *c is unchanged.
func (c *Competency) UnmarshalText(b []byte) error { return enum.Unmarshal(c, b, ParseCompetency) }

// Threshold is a summary score's fair (basic competence) and good
// (proficiency) thresholds; a score reaching a threshold attains it.
type Threshold struct {
	Fair decimal.Decimal
	Good decimal.Decimal
}

// thresholdJSON is the wire form of a Threshold: decimals as strings.
type thresholdJSON struct {
	Fair string `json:"fair"`
	Good string `json:"good"`
}

// MarshalJSON writes {"fair":"3.0","good":"4.0"}, whatever the host set in
// decimal's package settings.
func (t Threshold) MarshalJSON() ([]byte, error) {
	return json.Marshal(thresholdJSON{Fair: decimalText(t.Fair), Good: decimalText(t.Good)})
}

// UnmarshalJSON reads the form MarshalJSON writes; on error *t is unchanged.
func (t *Threshold) UnmarshalJSON(b []byte) error {
	var w thresholdJSON
	if err := wire.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return err
	}
	fair, err1 := decimal.NewFromString(w.Fair)
	good, err2 := decimal.NewFromString(w.Good)
	if err1 != nil || err2 != nil {
		return ErrMalformedJSON
	}
	*t = Threshold{Fair: fair, Good: good}
	return nil
}

// MITIThresholds are the competency thresholds for the four MITI summary
// scores. Total MI-adherent and MI-non-adherent have none ("NA" [S75]).
type MITIThresholds struct {
	// Name identifies the thresholds in every summary, e.g. "miti-4.2.1".
	Name string `json:"name"`
	// Technical and Relational are on the 1–5 global scale.
	Technical  Threshold `json:"technical"`
	Relational Threshold `json:"relational"`
	// ComplexReflections is in percent (40 means 40%).
	ComplexReflections Threshold `json:"complexReflections"`
	// ReflectionToQuestion is reflections per question (1 means 1:1).
	ReflectionToQuestion Threshold `json:"reflectionToQuestion"`
}

// MITI421Thresholds returns the MITI 4.2.1 competency thresholds of
// PMC9461167 Table 3 and the code implementations (reference: §7.1
// [S75][S77]): Relational fair ≥ 3.5, good ≥ 4.0; Technical fair ≥ 3.0,
// good ≥ 4.0 (§10 D14: the manual-derived value; see LyssnThresholds);
// %CR fair ≥ 40%, good ≥ 50%; R:Q fair ≥ 1.0, good ≥ 2.0.
func MITI421Thresholds() MITIThresholds {
	return MITIThresholds{
		Name:                 "miti-4.2.1",
		Technical:            Threshold{Fair: decimal.New(30, -1), Good: decimal.New(40, -1)},
		Relational:           Threshold{Fair: decimal.New(35, -1), Good: decimal.New(40, -1)},
		ComplexReflections:   Threshold{Fair: decimal.NewFromInt(40), Good: decimal.NewFromInt(50)},
		ReflectionToQuestion: Threshold{Fair: decimal.New(10, -1), Good: decimal.New(20, -1)},
	}
}

// LyssnThresholds returns MITI421Thresholds with the Lyssn guide's
// Technical fair threshold of 3.5 (good stays 4.0; reference: §7.1 [S76],
// §10 D14). The Lyssn values for the other scores are not in the
// reference, so they are MITI421Thresholds'.
func LyssnThresholds() MITIThresholds {
	t := MITI421Thresholds()
	t.Name = "lyssn"
	t.Technical.Fair = decimal.New(35, -1)
	return t
}

// IsZero reports whether t is the zero MITIThresholds.
func (t MITIThresholds) IsZero() bool {
	zero := func(th Threshold) bool { return th.Fair.IsZero() && th.Good.IsZero() }
	return t.Name == "" && zero(t.Technical) && zero(t.Relational) &&
		zero(t.ComplexReflections) && zero(t.ReflectionToQuestion)
}

// Validate reports every problem with t: Name must be a code; each fair
// threshold must be positive and at most its good one; Technical and
// Relational lie in 1–5, ComplexReflections in 0–100 (percent) and
// ReflectionToQuestion in 0–1000; no value has more than six decimal places.
func (t MITIThresholds) Validate() error {
	errs := []error{checkCode("name", t.Name)}
	check := func(path string, th Threshold, lo, hi int64) {
		okF, okG := saneDecimal(th.Fair, lo, hi), saneDecimal(th.Good, lo, hi)
		if !okF || !th.Fair.IsPositive() {
			errs = append(errs, field(path+".fair", ErrThresholds))
		}
		if !okG {
			errs = append(errs, field(path+".good", ErrThresholds))
		}
		if okF && okG && th.Fair.Cmp(th.Good) > 0 {
			errs = append(errs, field(path, ErrThresholds))
		}
	}
	check("technical", t.Technical, MITIGlobalMin, MITIGlobalMax)
	check("relational", t.Relational, MITIGlobalMin, MITIGlobalMax)
	check("complexReflections", t.ComplexReflections, 0, 100)
	check("reflectionToQuestion", t.ReflectionToQuestion, 0, 1000)
	return errors.Join(errs...)
}

// level returns the competency of num/den against th, where num/den is in
// th's units (scale num by 100 for a percent threshold and a fraction). It
// is not computable when den is 0.
func level(num, den int, th Threshold) Competency {
	if den == 0 {
		return CompetencyNotComputable
	}
	switch {
	case cmpFrac(int64(num), int64(den), th.Good) >= 0:
		return CompetencyGood
	case cmpFrac(int64(num), int64(den), th.Fair) >= 0:
		return CompetencyFair
	}
	return CompetencyBelowFair
}

// miti421 is MITI421Thresholds, built once; it is valid, and is only read.
var miti421 = MITI421Thresholds()

// MITIOptions configures ScoreMITI. The zero value uses MITI421Thresholds.
type MITIOptions struct {
	Thresholds MITIThresholds
}

// MITISummary holds the MITI 4.2.1 summary scores of a coded segment and
// their competency levels (reference: §7.1; V42–V44). Every ratio is exact;
// one with a zero denominator is not computable, never 0 or infinity.
type MITISummary struct {
	// Technical is (Cultivating Change Talk + Softening Sustain Talk)/2.
	Technical intervention.Ratio `json:"technical"`
	// Relational is (Partnership + Empathy)/2.
	Relational intervention.Ratio `json:"relational"`
	// ComplexReflections is CR/(SR + CR), a fraction (Percent gives %CR);
	// not computable when there is no reflection.
	ComplexReflections intervention.Ratio `json:"complexReflections"`
	// ReflectionToQuestion is (SR + CR)/Q; not computable when Q is 0.
	ReflectionToQuestion intervention.Ratio `json:"reflectionToQuestion"`
	// MIAdherent is Seek + Affirm + Emphasize.
	MIAdherent int `json:"miAdherent"`
	// MINonAdherent is Confront + Persuade. Persuade with Permission is not
	// MI-non-adherent: "There are only two MINA codes" [S73].
	MINonAdherent int `json:"miNonAdherent"`

	TechnicalLevel            Competency `json:"technicalLevel"`
	RelationalLevel           Competency `json:"relationalLevel"`
	ComplexReflectionsLevel   Competency `json:"complexReflectionsLevel"`
	ReflectionToQuestionLevel Competency `json:"reflectionToQuestionLevel"`
	// Thresholds is the Name of the thresholds applied.
	Thresholds string `json:"thresholds"`
}

// ScoreMITI computes the MITI 4.2.1 summary scores and competency levels
// (reference: §7.1 [S75][S76][S77]; V42–V44). Invalid input is reported
// together: a count outside 0–MaxBehaviorCount at "counts.<code>", a
// global outside 1–5 at "globals.<name>" (both intervention.ErrOutOfRange),
// malformed thresholds at "thresholds…" (ErrThresholds).
func ScoreMITI(c MITICounts, g MITIGlobals, opts MITIOptions) (MITISummary, error) {
	th, thErr := miti421, error(nil) // the default is valid: no need to check it per call
	if !opts.Thresholds.IsZero() {
		th, thErr = opts.Thresholds, opts.Thresholds.Validate()
	}
	err := errors.Join(
		intervention.Prefix("counts", c.Validate()),
		intervention.Prefix("globals", g.Validate()),
		intervention.Prefix("thresholds", thErr),
	)
	if err != nil {
		return MITISummary{}, err
	}
	reflections := c.SimpleReflection + c.ComplexReflection
	technical, relational := g.CultivatingChangeTalk+g.SofteningSustainTalk, g.Partnership+g.Empathy
	return MITISummary{
		Technical:                 ratioOf(technical, 2),
		Relational:                ratioOf(relational, 2),
		ComplexReflections:        ratioOf(c.ComplexReflection, reflections),
		ReflectionToQuestion:      ratioOf(reflections, c.Question),
		MIAdherent:                c.SeekingCollaboration + c.Affirm + c.EmphasizingAutonomy,
		MINonAdherent:             c.Confront + c.Persuade,
		TechnicalLevel:            level(technical, 2, th.Technical),
		RelationalLevel:           level(relational, 2, th.Relational),
		ComplexReflectionsLevel:   level(100*c.ComplexReflection, reflections, th.ComplexReflections),
		ReflectionToQuestionLevel: level(reflections, c.Question, th.ReflectionToQuestion),
		Thresholds:                th.Name,
	}, nil
}

// MITICoding is one coder's MITI 4.2.1 coding of a session segment (a
// random 20-minute segment is recommended [S73]). Codings are kept per
// coder, so inter-rater agreement can be checked by the host.
type MITICoding struct {
	ID uuid.UUID `json:"id"`
	// Session is the MI session the segment comes from.
	Session uuid.UUID `json:"session"`
	// Coder is the host's opaque ID of the person who coded the segment.
	Coder uuid.UUID `json:"coder"`
	// On is the date of the coded session.
	On intervention.Date `json:"on"`
	// SegmentMinutes is the length of the coded segment; 0 if not recorded.
	SegmentMinutes int         `json:"segmentMinutes,omitzero"`
	Counts         MITICounts  `json:"counts"`
	Globals        MITIGlobals `json:"globals"`
}

// Validate reports every problem with c, each under its JSON path.
func (c MITICoding) Validate() error {
	errs := codingHeader(c.ID, c.Session, c.Coder, c.On)
	if c.SegmentMinutes < 0 || c.SegmentMinutes > intervention.MaxSessionMinutes {
		errs = append(errs, field("segmentMinutes", intervention.ErrOutOfRange))
	}
	errs = append(errs, intervention.Prefix("counts", c.Counts.Validate()), intervention.Prefix("globals", c.Globals.Validate()))
	return errors.Join(errs...)
}

// Score returns ScoreMITI of c's counts and globals.
func (c MITICoding) Score(opts MITIOptions) (MITISummary, error) {
	return ScoreMITI(c.Counts, c.Globals, opts)
}

// codingHeader checks the fields every coding record shares.
func codingHeader(id, session, coder uuid.UUID, on intervention.Date) []error {
	var errs []error
	if id == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if session == uuid.Nil {
		errs = append(errs, field("session", intervention.ErrMissing))
	}
	if coder == uuid.Nil {
		errs = append(errs, field("coder", intervention.ErrMissing))
	}
	if on.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	return errs
}
