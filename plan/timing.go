package plan

import (
	"errors"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// maxPeriod bounds a Period's count (a data-entry bound: ten years in days).
const maxPeriod = 3660

// Period is a length of time in a timing table: hours from an instant, or
// calendar days or months in the plan's time zone. The zero Period means
// "no requirement".
type Period struct {
	Count int        `json:"count"`
	Unit  PeriodUnit `json:"unit"`
}

// Hours returns a period of n hours.
func Hours(n int) Period { return Period{Count: n, Unit: UnitHours} }

// Days returns a period of n calendar days.
func Days(n int) Period { return Period{Count: n, Unit: UnitDays} }

// Months returns a period of n calendar months.
func Months(n int) Period { return Period{Count: n, Unit: UnitMonths} }

// IsZero reports whether p states no requirement.
func (p Period) IsZero() bool { return p == Period{} }

// Validate reports problems with p: a stated period has a count of
// 1–3660 and a unit.
func (p Period) Validate() error {
	if p.IsZero() {
		return nil
	}
	var errs []error
	if p.Count < 1 || p.Count > maxPeriod {
		errs = append(errs, field("count", intervention.ErrOutOfRange))
	}
	if !p.Unit.Valid() {
		errs = append(errs, field("unit", ErrUnknownPeriodUnit))
	}
	return errors.Join(errs...)
}

// Deadline returns the instant by which something p after from is due. Hours
// count from the instant itself; days and months count calendar days in loc
// and end at the end of the last day: 7 days after 10:00 on 3 March is due
// by midnight ending 10 March. A nil loc means UTC. The zero Period returns
// the zero time.
func (p Period) Deadline(from time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := from.In(loc).Date()
	switch p.Unit {
	case UnitHours:
		return from.Add(time.Duration(p.Count) * time.Hour)
	case UnitDays:
		return time.Date(y, m, d+p.Count+1, 0, 0, 0, 0, loc)
	case UnitMonths:
		day, err := intervention.NewDate(y, m, d)
		if err != nil {
			return time.Time{}
		}
		return day.AddMonths(p.Count).AddDays(1).In(loc)
	}
	return time.Time{}
}

// Cosign is a jurisdiction's co-signature requirement: when one is needed
// and how long after the author's signature it is due.
type Cosign struct {
	When   CosignWhen `json:"when,omitzero"`
	Within Period     `json:"within,omitzero"`
}

// TimingRule is one row of a timing table: for a jurisdiction and a setting
// (a level of care or programme type), when the initial plan is due after
// the plan's anchor (admission, first contact or assessment, as the
// jurisdiction counts), how often it is reviewed, and the co-signature
// requirement (reference: plans-and-interop.md §4.4, (b) 16, 18, 19).
type TimingRule struct {
	// Jurisdiction is a code such as "US-MT".
	Jurisdiction string `json:"jurisdiction"`
	// Setting is a code such as "asam-3.7", "outpatient" or "otp".
	Setting     string `json:"setting"`
	InitialPlan Period `json:"initialPlan,omitzero"`
	Review      Period `json:"review,omitzero"`
	Cosign      Cosign `json:"cosign,omitzero"`
	// Source cites the rule.
	Source string `json:"source"`
	// Unverified marks a row the reference does not confirm in full.
	Unverified bool `json:"unverified,omitzero"`
}

// Validate reports every problem with r.
func (r TimingRule) Validate() error {
	errs := []error{
		checkCode("jurisdiction", r.Jurisdiction, true), checkCode("setting", r.Setting, true),
		intervention.Prefix("initialPlan", r.InitialPlan.Validate()), intervention.Prefix("review", r.Review.Validate()),
		intervention.Prefix("cosign.within", r.Cosign.Within.Validate()),
	}
	switch {
	case r.Cosign.When != "" && !r.Cosign.When.Valid():
		errs = append(errs, field("cosign.when", ErrUnknownCosignWhen))
	case r.Cosign.When != "" && r.Cosign.Within.IsZero():
		errs = append(errs, field("cosign.within", intervention.ErrMissing))
	case r.Cosign.When == "" && !r.Cosign.Within.IsZero():
		errs = append(errs, field("cosign.when", intervention.ErrMissing))
	}
	return errors.Join(errs...)
}

// TimingTable is the jurisdiction × setting table the timing rules read
// (P-DUE-INIT-1, P-DUE-REVIEW-1, P-COSIGN-1). It is data: a host starts from
// SeedTimingTable, replaces rows with its own reading of the rules, or
// builds its own.
type TimingTable []TimingRule

// Validate reports every problem with t, including a jurisdiction and
// setting listed twice.
func (t TimingTable) Validate() error {
	var errs []error
	for i, r := range t {
		path := intervention.Index("", i)
		errs = append(errs, intervention.Prefix(path, r.Validate()))
		if j, _ := t.index(r.Jurisdiction, r.Setting); j < i {
			errs = append(errs, field(path+".setting", intervention.ErrDuplicate))
		}
	}
	return errors.Join(errs...)
}

func (t TimingTable) index(jurisdiction, setting string) (int, bool) {
	for i, r := range t {
		if r.Jurisdiction == jurisdiction && r.Setting == setting {
			return i, true
		}
	}
	return -1, false
}

// Lookup returns the row for a jurisdiction and setting.
func (t TimingTable) Lookup(jurisdiction, setting string) (TimingRule, bool) {
	i, ok := t.index(jurisdiction, setting)
	if !ok {
		return TimingRule{}, false
	}
	return t[i], true
}

// With returns a copy of t with r added, replacing the row for the same
// jurisdiction and setting.
func (t TimingTable) With(r TimingRule) TimingTable {
	out := make(TimingTable, 0, len(t)+1)
	for _, x := range t {
		if x.Jurisdiction != r.Jurisdiction || x.Setting != r.Setting {
			out = append(out, x)
		}
	}
	return append(out, r)
}

// SeedTimingTable returns the examples of reference plans-and-interop.md
// §4.4 as rows. Rows whose rule the reference does not confirm in full, or
// that approximate a rule the table cannot express, are marked Unverified;
// Illinois ("begins on day 1") and the Kipu vendor practice are left out.
// Jurisdictions are ISO 3166-2 codes; settings are the library's codes.
func SeedTimingTable() TimingTable {
	const (
		mt = "[primary] MT ARM 37.106.1440 (rules.mt.gov RV=54341)"
		fl = "[primary] FL 65D-30.0044"
		sd = "[primary] SD 67:61:07:06"
		mn = "[primary] MN 9533.0100 (revisor.mn.gov)"
		ks = "[primary] KS KDADS R03-606 (aging.ks.gov)"
	)
	flCosign := Cosign{When: CosignUnqualifiedAuthor, Within: Days(10)}
	return TimingTable{
		{Jurisdiction: "US-MT", Setting: "asam-3.7", InitialPlan: Hours(24), Review: Days(3), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-3.7-wm", InitialPlan: Hours(24), Review: Days(3), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-3.2-wm", InitialPlan: Hours(24), Review: Days(3), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-3.5", InitialPlan: Hours(48), Review: Days(7), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-3.3", InitialPlan: Days(7), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-3.1", InitialPlan: Days(7), Review: Days(30), Source: mt},
		{Jurisdiction: "US-MT", Setting: "asam-2.5", Review: Days(14), Source: mt},
		// "5 contacts or 21 days from first contact, whichever later": the
		// contacts clause is not modelled; the 90-day review is unverified.
		{Jurisdiction: "US-MT", Setting: "outpatient", InitialPlan: Days(21), Review: Days(90), Source: mt, Unverified: true},
		// Review frequencies of 65D-30.0044(1)(b) are not confirmed.
		{Jurisdiction: "US-FL", Setting: "intensive-inpatient", InitialPlan: Days(3), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-FL", Setting: "residential-level-1", InitialPlan: Days(7), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-FL", Setting: "residential-level-2-4", InitialPlan: Days(15), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-FL", Setting: "day-night-with-housing", InitialPlan: Days(15), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-FL", Setting: "day-night", InitialPlan: Days(10), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-FL", Setting: "methadone-mat", InitialPlan: Days(30), Cosign: flCosign, Source: fl},
		{Jurisdiction: "US-SD", Setting: "iop", InitialPlan: Days(10), Source: sd},
		{Jurisdiction: "US-SD", Setting: "day-treatment", InitialPlan: Days(10), Source: sd},
		{Jurisdiction: "US-SD", Setting: "low-intensity-residential", InitialPlan: Days(10), Source: sd},
		{Jurisdiction: "US-SD", Setting: "medically-monitored-inpatient", InitialPlan: Days(10), Source: sd},
		{Jurisdiction: "US-SD", Setting: "mental-health", InitialPlan: Days(30), Review: Months(6), Source: "[primary] SD 67:62:08:07-08"},
		{Jurisdiction: "US-MN", Setting: "residential", InitialPlan: Days(14), Review: Days(14), Source: mn},
		{Jurisdiction: "US-MN", Setting: "outpatient", InitialPlan: Days(30), Review: Days(30), Source: mn},
		{Jurisdiction: "US-PA", Setting: "freestanding-inpatient", Review: Days(30), Source: "[primary] 28 Pa. Code 709.123"},
		// "every 15 if regimen < 30 days": a separate setting code.
		{Jurisdiction: "US-PA", Setting: "freestanding-inpatient-short", Review: Days(15), Source: "[primary] 28 Pa. Code 709.123"},
		{Jurisdiction: "US-KS", Setting: "residential", InitialPlan: Days(7), Source: ks},
		{Jurisdiction: "US-KS", Setting: "iop", InitialPlan: Days(7), Source: ks},
		{Jurisdiction: "US-KS", Setting: "outpatient", InitialPlan: Days(45), Review: Days(90), Source: ks},
		// "OTP ≤ 90 days for the first 2 years…": later years not modelled.
		{Jurisdiction: "US-KS", Setting: "otp", InitialPlan: Days(30), Review: Days(90), Source: ks, Unverified: true},
		// Anchor: the assessment (itself due 14 days after intake).
		{Jurisdiction: "US-KS", Setting: "community-mh", InitialPlan: Days(30), Source: "[primary] K.A.R. 30-60-62"},
		{Jurisdiction: "US-CA", Setting: "ntp-methadone-maintenance", InitialPlan: Days(28), Review: Months(3),
			Cosign: Cosign{When: CosignAlways, Within: Days(14)}, Source: "[primary] 9 CCR 10305"},
		// Secondary source; the annual physician countersignature is not modelled.
		{Jurisdiction: "US-OH", Setting: "otp", InitialPlan: Days(7), Source: "[secondary] monqcle", Unverified: true},
		{Jurisdiction: "US-IN", Setting: "otp", InitialPlan: Days(14), Source: "[primary] 440 IAC 10-4-23"},
	}
}
