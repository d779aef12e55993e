package plan

import (
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Edition is an edition of the ASAM Criteria. Dimension and level codes
// differ by edition and states are mid-transition, so every placement
// records its edition (reference: plans-and-interop.md §4.3). The zero
// Edition is invalid.
type Edition string

// The ASAM Criteria editions.
const (
	// ASAMThird is the 3rd edition (Mee-Lee et al. 2013).
	ASAMThird Edition = "3"
	// ASAMFourth is the 4th edition (2023).
	ASAMFourth Edition = "4"
)

// ErrUnknownEdition means an ASAM edition is not one of the constants.
var ErrUnknownEdition = fmt.Errorf("plan: ASAM edition: %w", intervention.ErrUnknownValue)

// Editions returns every Edition, oldest first.
func Editions() []Edition { return []Edition{ASAMThird, ASAMFourth} }

// ParseEdition returns the Edition whose text form is s.
func ParseEdition(s string) (Edition, error) {
	return enum.Parse(Edition(s), Edition.Valid, ErrUnknownEdition)
}

// Valid reports whether e is one of the constants.
func (e Edition) Valid() bool { return enum.Valid(e, Editions()) }

// String returns the text form of e.
func (e Edition) String() string { return string(e) }

// MarshalText encodes e; an invalid Edition is an error.
func (e Edition) MarshalText() ([]byte, error) {
	return enum.Marshal(e, Edition.Valid, ErrUnknownEdition)
}

// UnmarshalText decodes e with ParseEdition; on error *e is unchanged.
func (e *Edition) UnmarshalText(b []byte) error { return enum.Unmarshal(e, b, ParseEdition) }

// Structural bounds of a placement. The codes and ranges valid in each
// edition are data (ASAMTable), checked by rule P-ASAM-1.
const (
	maxDimension = 9
	maxRating    = 9
)

// LevelOfCare is an ASAM placement: the edition, the level chosen, the risk
// rating of each dimension, the dimensions that determine the level, and the
// rationale (reference: plans-and-interop.md §4.3, (b) 22-23). The zero
// LevelOfCare means none is recorded.
type LevelOfCare struct {
	// ID identifies the placement (the host's assessment record, or a new
	// ID): a new placement gets a new ID, a correction keeps it.
	ID      uuid.UUID `json:"id"`
	Edition Edition   `json:"edition"`
	// Level is the level code in the edition's table ("3.7", "2.1", "1.0").
	Level      string            `json:"level"`
	Dimensions []DimensionRating `json:"dimensions"`
	// Driving are the dimensions whose risk determines the level: placement
	// matches the highest-risk dimensions, it does not average them.
	Driving    []int             `json:"driving,omitzero"`
	Rationale  intervention.Text `json:"rationale,omitzero"`
	AssessedOn intervention.Date `json:"assessedOn"`
	Assessor   uuid.UUID         `json:"assessor"` // the host's opaque ID
}

// DimensionRating is one dimension's risk rating.
type DimensionRating struct {
	Dimension int `json:"dimension"`
	Rating    int `json:"rating"`
}

// IsZero reports whether no placement is recorded.
func (l LevelOfCare) IsZero() bool {
	return l.ID == uuid.Nil && l.Edition == "" && l.Level == "" && len(l.Dimensions) == 0 && len(l.Driving) == 0 &&
		l.Rationale.IsZero() && l.AssessedOn.IsZero() && l.Assessor == uuid.Nil
}

// Rating returns the rating of dimension n and whether it is rated.
func (l LevelOfCare) Rating(n int) (int, bool) {
	for _, d := range l.Dimensions {
		if d.Dimension == n {
			return d.Rating, true
		}
	}
	return 0, false
}

// Validate reports structural problems with l: a valid edition, a level
// code, dimensions numbered 1–9 once each with ratings 0–9, driving
// dimensions among those rated, an assessment date and assessor. Whether
// codes and ratings are valid for the edition is rule P-ASAM-1's job, from
// a replaceable ASAMTable.
func (l LevelOfCare) Validate() error {
	errs := []error{checkID("id", l.ID)}
	if !l.Edition.Valid() {
		errs = append(errs, field("edition", ErrUnknownEdition))
	}
	errs = append(errs, checkCode("level", l.Level, true), checkLen("dimensions", len(l.Dimensions)))
	for i, d := range l.Dimensions {
		path := intervention.Index("dimensions", i)
		switch {
		case d.Dimension < 1 || d.Dimension > maxDimension:
			errs = append(errs, field(path+".dimension", intervention.ErrOutOfRange))
		case slices.IndexFunc(l.Dimensions, func(o DimensionRating) bool { return o.Dimension == d.Dimension }) < i:
			errs = append(errs, field(path+".dimension", intervention.ErrDuplicate))
		}
		if d.Rating < 0 || d.Rating > maxRating {
			errs = append(errs, field(path+".rating", intervention.ErrOutOfRange))
		}
	}
	errs = append(errs, checkLen("driving", len(l.Driving)))
	for i, n := range l.Driving {
		path := intervention.Index("driving", i)
		_, rated := l.Rating(n)
		switch {
		case !rated:
			errs = append(errs, field(path, intervention.ErrInconsistent))
		case slices.Index(l.Driving, n) < i:
			errs = append(errs, field(path, intervention.ErrDuplicate))
		}
	}
	errs = append(errs, checkText("rationale", l.Rationale, false))
	if l.AssessedOn.IsZero() {
		errs = append(errs, field("assessedOn", intervention.ErrMissing))
	}
	errs = append(errs, checkID("assessor", l.Assessor))
	return errors.Join(errs...)
}

func (l LevelOfCare) clone() LevelOfCare {
	l.Dimensions = slices.Clone(l.Dimensions)
	l.Driving = slices.Clone(l.Driving)
	return l
}

// ASAMCriteria is one edition's data: its dimensions, its level codes and
// its rating range. It is data, not law: a host replaces it when its state
// uses other codes.
type ASAMCriteria struct {
	Edition    Edition         `json:"edition"`
	Dimensions []ASAMDimension `json:"dimensions"`
	Levels     []ASAMLevel     `json:"levels"`
	MinRating  int             `json:"minRating"`
	MaxRating  int             `json:"maxRating"`
	// RatingsUnverified marks a rating range the reference does not confirm.
	RatingsUnverified bool   `json:"ratingsUnverified,omitzero"`
	Source            string `json:"source"`
}

// ASAMDimension is one dimension of an edition.
type ASAMDimension struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	// DeterminesLevel is false for a dimension that informs barriers and
	// preferences but not the level (4th edition dimension 6).
	DeterminesLevel bool `json:"determinesLevel"`
}

// ASAMLevel is one level-of-care code of an edition.
type ASAMLevel struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Retired marks a code that is no longer valid in this edition (3.3 and
	// 3.2-D under the 4th).
	Retired bool `json:"retired,omitzero"`
	// Unverified marks a code the reference does not confirm [unverified].
	Unverified bool `json:"unverified,omitzero"`
}

// Dimension returns dimension n of c.
func (c ASAMCriteria) Dimension(n int) (ASAMDimension, bool) {
	i := slices.IndexFunc(c.Dimensions, func(d ASAMDimension) bool { return d.Number == n })
	if i < 0 {
		return ASAMDimension{}, false
	}
	return c.Dimensions[i], true
}

// Level returns the level with code in c.
func (c ASAMCriteria) Level(code string) (ASAMLevel, bool) {
	i := slices.IndexFunc(c.Levels, func(l ASAMLevel) bool { return l.Code == code })
	if i < 0 {
		return ASAMLevel{}, false
	}
	return c.Levels[i], true
}

// ASAMTable holds the criteria of each edition a host accepts.
type ASAMTable []ASAMCriteria

// Edition returns the criteria of edition e.
func (t ASAMTable) Edition(e Edition) (ASAMCriteria, bool) {
	i := slices.IndexFunc(t, func(c ASAMCriteria) bool { return c.Edition == e })
	if i < 0 {
		return ASAMCriteria{}, false
	}
	return t[i], true
}

// DefaultASAMTable returns the 3rd and 4th editions' data as the reference
// gives it (ASAMThirdEdition, ASAMFourthEdition).
func DefaultASAMTable() ASAMTable { return ASAMTable{ASAMThirdEdition(), ASAMFourthEdition()} }

// ASAMThirdEdition returns the 3rd edition's six dimensions (all determine
// the level), levels 0.5–4 with the withdrawal-management sub-levels and
// OTP, and ratings 0–4 (reference: plans-and-interop.md §4.3; the WM and OTP
// codes are named but not listed there, so they are marked unverified).
func ASAMThirdEdition() ASAMCriteria {
	return ASAMCriteria{
		Edition: ASAMThird,
		Dimensions: []ASAMDimension{
			{1, "Acute Intoxication and/or Withdrawal Potential", true},
			{2, "Biomedical Conditions and Complications", true},
			{3, "Emotional, Behavioral, or Cognitive Conditions and Complications", true},
			{4, "Readiness to Change", true},
			{5, "Relapse, Continued Use, or Continued Problem Potential", true},
			{6, "Recovery/Living Environment", true},
		},
		Levels: []ASAMLevel{
			{Code: "0.5", Name: "Early intervention"},
			{Code: "1", Name: "Outpatient services"},
			{Code: "2.1", Name: "Intensive outpatient services"},
			{Code: "2.5", Name: "Partial hospitalization services"},
			{Code: "3.1", Name: "Clinically managed low-intensity residential services"},
			{Code: "3.3", Name: "Clinically managed population-specific high-intensity residential services"},
			{Code: "3.5", Name: "Clinically managed high-intensity residential services"},
			{Code: "3.7", Name: "Medically monitored intensive inpatient services"},
			{Code: "4", Name: "Medically managed intensive inpatient services"},
			{Code: "1-WM", Name: "Ambulatory withdrawal management without extended on-site monitoring", Unverified: true},
			{Code: "2-WM", Name: "Ambulatory withdrawal management with extended on-site monitoring", Unverified: true},
			{Code: "3.2-WM", Name: "Clinically managed residential withdrawal management", Unverified: true},
			{Code: "3.7-WM", Name: "Medically monitored inpatient withdrawal management", Unverified: true},
			{Code: "4-WM", Name: "Medically managed intensive inpatient withdrawal management", Unverified: true},
			{Code: "OTP", Name: "Opioid treatment program", Unverified: true},
		},
		MinRating: 0,
		MaxRating: 4,
		Source:    "plans-and-interop.md §4.3 (Mee-Lee et al. 2013; asamcontinuum knowledge base)",
	}
}

// ASAMFourthEdition returns the 4th edition's six dimensions (dimension 6,
// person-centred considerations, does not determine the level), its levels
// and ratings 0–4. The reference confirms 1.0, 2.7 and the medically managed
// x.7 levels and that 3.3 and 3.2-D are retired; the other level codes and
// the rating range are marked unverified (reference: plans-and-interop.md
// §4.3; CoBHA BHAASAMLevelOfCareCS.fsh).
func ASAMFourthEdition() ASAMCriteria {
	return ASAMCriteria{
		Edition: ASAMFourth,
		Dimensions: []ASAMDimension{
			{1, "Intoxication, Withdrawal, and Addiction Medications", true},
			{2, "Biomedical Conditions", true},
			{3, "Psychiatric and Cognitive Conditions", true},
			{4, "Substance Use-Related Risks", true},
			{5, "Recovery Environment Interactions", true},
			{6, "Person-Centered Considerations", false},
		},
		Levels: []ASAMLevel{
			{Code: "1.0", Name: "Long-term remission monitoring"},
			{Code: "1.5", Name: "Outpatient therapy", Unverified: true},
			{Code: "1.7", Name: "Medically managed outpatient"},
			{Code: "2.1", Name: "Intensive outpatient", Unverified: true},
			{Code: "2.5", Name: "High-intensity outpatient", Unverified: true},
			{Code: "2.7", Name: "Medically managed intensive outpatient"},
			{Code: "3.1", Name: "Clinically managed low-intensity residential", Unverified: true},
			{Code: "3.5", Name: "Clinically managed high-intensity residential", Unverified: true},
			{Code: "3.7", Name: "Medically managed residential"},
			{Code: "4.0", Name: "Medically managed inpatient", Unverified: true},
			{Code: "3.3", Name: "Clinically managed population-specific high-intensity residential", Retired: true},
			{Code: "3.2-D", Name: "Clinically managed residential withdrawal management", Retired: true},
		},
		MinRating:         0,
		MaxRating:         4,
		RatingsUnverified: true,
		Source:            "plans-and-interop.md §4.3 (ASAM 4th ed. 2023; CoBHA BHAASAMLevelOfCareCS.fsh)",
	}
}
