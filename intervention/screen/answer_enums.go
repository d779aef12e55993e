package screen

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// The enums an answer is given in, one per kind of item.

// DrinkFrequency answers AUDIT Q1, how often the patient has a drink
// containing alcohol (reference: instruments.md §1.1). The zero value means
// unanswered.
type DrinkFrequency string

// The DrinkFrequency values.
const (
	// DrinkFrequencyNever — 0 points.
	DrinkFrequencyNever DrinkFrequency = "never"
	// DrinkFrequencyMonthlyOrLess — 1 point.
	DrinkFrequencyMonthlyOrLess DrinkFrequency = "monthly-or-less"
	// DrinkFrequency2To4AMonth — 2 points.
	DrinkFrequency2To4AMonth DrinkFrequency = "2-4-a-month"
	// DrinkFrequency2To3AWeek — 3 points.
	DrinkFrequency2To3AWeek DrinkFrequency = "2-3-a-week"
	// DrinkFrequency4OrMoreAWeek — 4 points.
	DrinkFrequency4OrMoreAWeek DrinkFrequency = "4-plus-a-week"
)

// ErrUnknownDrinkFrequency means a text is not a known drink frequency.
var ErrUnknownDrinkFrequency = fmt.Errorf("screen: drink frequency: %w", intervention.ErrUnknownValue)

// DrinkFrequencies returns every DrinkFrequency in a stable order.
func DrinkFrequencies() []DrinkFrequency {
	return []DrinkFrequency{DrinkFrequencyNever, DrinkFrequencyMonthlyOrLess, DrinkFrequency2To4AMonth, DrinkFrequency2To3AWeek, DrinkFrequency4OrMoreAWeek}
}

// index returns the position of v in DrinkFrequencies(), or -1 when v is not known.
func (v DrinkFrequency) index() int {
	switch v {
	case DrinkFrequencyNever:
		return 0
	case DrinkFrequencyMonthlyOrLess:
		return 1
	case DrinkFrequency2To4AMonth:
		return 2
	case DrinkFrequency2To3AWeek:
		return 3
	case DrinkFrequency4OrMoreAWeek:
		return 4
	}
	return -1
}

// ParseDrinkFrequency returns the DrinkFrequency whose text is s.
func ParseDrinkFrequency(s string) (DrinkFrequency, error) {
	v := DrinkFrequency(s)
	if v.index() < 0 {
		return "", ErrUnknownDrinkFrequency
	}
	return v, nil
}

// Valid reports whether v is a known DrinkFrequency (the zero value is not).
func (v DrinkFrequency) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v DrinkFrequency) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v DrinkFrequency) MarshalText() ([]byte, error) {
	return enum.Marshal(v, DrinkFrequency.Valid, ErrUnknownDrinkFrequency)
}

// UnmarshalText decodes v with ParseDrinkFrequency; on error *v is unchanged.
func (v *DrinkFrequency) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseDrinkFrequency)
}

// DrinkQuantity answers AUDIT Q2, standard drinks on a typical drinking day
// (reference: instruments.md §1.1). The zero value means unanswered.
type DrinkQuantity string

// The DrinkQuantity values.
const (
	// DrinkQuantity1To2 — 0 points.
	DrinkQuantity1To2 DrinkQuantity = "1-2"
	// DrinkQuantity3To4 — 1 point.
	DrinkQuantity3To4 DrinkQuantity = "3-4"
	// DrinkQuantity5To6 — 2 points.
	DrinkQuantity5To6 DrinkQuantity = "5-6"
	// DrinkQuantity7To9 — 3 points.
	DrinkQuantity7To9 DrinkQuantity = "7-9"
	// DrinkQuantity10OrMore — 4 points.
	DrinkQuantity10OrMore DrinkQuantity = "10-plus"
)

// ErrUnknownDrinkQuantity means a text is not a known drink quantity.
var ErrUnknownDrinkQuantity = fmt.Errorf("screen: drink quantity: %w", intervention.ErrUnknownValue)

// DrinkQuantities returns every DrinkQuantity in a stable order.
func DrinkQuantities() []DrinkQuantity {
	return []DrinkQuantity{DrinkQuantity1To2, DrinkQuantity3To4, DrinkQuantity5To6, DrinkQuantity7To9, DrinkQuantity10OrMore}
}

// index returns the position of v in DrinkQuantities(), or -1 when v is not known.
func (v DrinkQuantity) index() int {
	switch v {
	case DrinkQuantity1To2:
		return 0
	case DrinkQuantity3To4:
		return 1
	case DrinkQuantity5To6:
		return 2
	case DrinkQuantity7To9:
		return 3
	case DrinkQuantity10OrMore:
		return 4
	}
	return -1
}

// ParseDrinkQuantity returns the DrinkQuantity whose text is s.
func ParseDrinkQuantity(s string) (DrinkQuantity, error) {
	v := DrinkQuantity(s)
	if v.index() < 0 {
		return "", ErrUnknownDrinkQuantity
	}
	return v, nil
}

// Valid reports whether v is a known DrinkQuantity (the zero value is not).
func (v DrinkQuantity) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v DrinkQuantity) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v DrinkQuantity) MarshalText() ([]byte, error) {
	return enum.Marshal(v, DrinkQuantity.Valid, ErrUnknownDrinkQuantity)
}

// UnmarshalText decodes v with ParseDrinkQuantity; on error *v is unchanged.
func (v *DrinkQuantity) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseDrinkQuantity)
}

// Frequency answers AUDIT Q3–Q8 and the TAPS-1 items: how often something
// happened (reference: instruments.md §1.1, §4.4). The zero value means
// unanswered.
type Frequency string

// The Frequency values.
const (
	// FrequencyNever — 0 AUDIT points.
	FrequencyNever Frequency = "never"
	// FrequencyLessThanMonthly — 1 AUDIT point.
	FrequencyLessThanMonthly Frequency = "less-than-monthly"
	// FrequencyMonthly — 2 AUDIT points.
	FrequencyMonthly Frequency = "monthly"
	// FrequencyWeekly — 3 AUDIT points.
	FrequencyWeekly Frequency = "weekly"
	// FrequencyDaily — 4 AUDIT points.
	FrequencyDaily Frequency = "daily-or-almost-daily"
)

// ErrUnknownFrequency means a text is not a known frequency.
var ErrUnknownFrequency = fmt.Errorf("screen: frequency: %w", intervention.ErrUnknownValue)

// Frequencies returns every Frequency in a stable order.
func Frequencies() []Frequency {
	return []Frequency{FrequencyNever, FrequencyLessThanMonthly, FrequencyMonthly, FrequencyWeekly, FrequencyDaily}
}

// index returns the position of v in Frequencies(), or -1 when v is not known.
func (v Frequency) index() int {
	switch v {
	case FrequencyNever:
		return 0
	case FrequencyLessThanMonthly:
		return 1
	case FrequencyMonthly:
		return 2
	case FrequencyWeekly:
		return 3
	case FrequencyDaily:
		return 4
	}
	return -1
}

// ParseFrequency returns the Frequency whose text is s.
func ParseFrequency(s string) (Frequency, error) {
	v := Frequency(s)
	if v.index() < 0 {
		return "", ErrUnknownFrequency
	}
	return v, nil
}

// Valid reports whether v is a known Frequency (the zero value is not).
func (v Frequency) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Frequency) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Frequency) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Frequency.Valid, ErrUnknownFrequency)
}

// UnmarshalText decodes v with ParseFrequency; on error *v is unchanged.
func (v *Frequency) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseFrequency) }

// YearRecency answers AUDIT Q9 and Q10: no, yes but not in the last year,
// or yes during the last year (reference: instruments.md §1.1). Only these
// three answers exist, scoring 0, 2 and 4; the zero value means unanswered.
type YearRecency string

// The YearRecency values.
const (
	// YearRecencyNo — 0 points.
	YearRecencyNo YearRecency = "no"
	// YearRecencyBeforeLastYear — 2 points.
	YearRecencyBeforeLastYear YearRecency = "yes-not-in-last-year"
	// YearRecencyLastYear — 4 points.
	YearRecencyLastYear YearRecency = "yes-in-last-year"
)

// ErrUnknownYearRecency means a text is not a known year recency.
var ErrUnknownYearRecency = fmt.Errorf("screen: year recency: %w", intervention.ErrUnknownValue)

// YearRecencies returns every YearRecency in a stable order.
func YearRecencies() []YearRecency {
	return []YearRecency{YearRecencyNo, YearRecencyBeforeLastYear, YearRecencyLastYear}
}

// index returns the position of v in YearRecencies(), or -1 when v is not known.
func (v YearRecency) index() int {
	switch v {
	case YearRecencyNo:
		return 0
	case YearRecencyBeforeLastYear:
		return 1
	case YearRecencyLastYear:
		return 2
	}
	return -1
}

// ParseYearRecency returns the YearRecency whose text is s.
func ParseYearRecency(s string) (YearRecency, error) {
	v := YearRecency(s)
	if v.index() < 0 {
		return "", ErrUnknownYearRecency
	}
	return v, nil
}

// Valid reports whether v is a known YearRecency (the zero value is not).
func (v YearRecency) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v YearRecency) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v YearRecency) MarshalText() ([]byte, error) {
	return enum.Marshal(v, YearRecency.Valid, ErrUnknownYearRecency)
}

// UnmarshalText decodes v with ParseYearRecency; on error *v is unchanged.
func (v *YearRecency) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseYearRecency) }

// UseFrequency answers ASSIST Q2–Q5 and the NIDA Quick Screen items
// (reference: instruments.md §4.1, §4.3). The zero value means unanswered.
type UseFrequency string

// The UseFrequency values.
const (
	// UseFrequencyNever — never.
	UseFrequencyNever UseFrequency = "never"
	// UseFrequencyOnceOrTwice — once or twice.
	UseFrequencyOnceOrTwice UseFrequency = "once-or-twice"
	// UseFrequencyMonthly — monthly.
	UseFrequencyMonthly UseFrequency = "monthly"
	// UseFrequencyWeekly — weekly.
	UseFrequencyWeekly UseFrequency = "weekly"
	// UseFrequencyDaily — daily or almost daily.
	UseFrequencyDaily UseFrequency = "daily-or-almost-daily"
)

// ErrUnknownUseFrequency means a text is not a known use frequency.
var ErrUnknownUseFrequency = fmt.Errorf("screen: use frequency: %w", intervention.ErrUnknownValue)

// UseFrequencies returns every UseFrequency in a stable order.
func UseFrequencies() []UseFrequency {
	return []UseFrequency{UseFrequencyNever, UseFrequencyOnceOrTwice, UseFrequencyMonthly, UseFrequencyWeekly, UseFrequencyDaily}
}

// index returns the position of v in UseFrequencies(), or -1 when v is not known.
func (v UseFrequency) index() int {
	switch v {
	case UseFrequencyNever:
		return 0
	case UseFrequencyOnceOrTwice:
		return 1
	case UseFrequencyMonthly:
		return 2
	case UseFrequencyWeekly:
		return 3
	case UseFrequencyDaily:
		return 4
	}
	return -1
}

// ParseUseFrequency returns the UseFrequency whose text is s.
func ParseUseFrequency(s string) (UseFrequency, error) {
	v := UseFrequency(s)
	if v.index() < 0 {
		return "", ErrUnknownUseFrequency
	}
	return v, nil
}

// Valid reports whether v is a known UseFrequency (the zero value is not).
func (v UseFrequency) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v UseFrequency) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v UseFrequency) MarshalText() ([]byte, error) {
	return enum.Marshal(v, UseFrequency.Valid, ErrUnknownUseFrequency)
}

// UnmarshalText decodes v with ParseUseFrequency; on error *v is unchanged.
func (v *UseFrequency) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseUseFrequency) }

// QuarterRecency answers ASSIST Q6, Q7 and Q8: no (never), yes but not in
// the past 3 months, or yes in the past 3 months (reference: instruments.md
// §4.1). The zero value means unanswered.
type QuarterRecency string

// The QuarterRecency values.
const (
	// QuarterRecencyNo — no, never: 0 points on Q6/Q7.
	QuarterRecencyNo QuarterRecency = "no"
	// QuarterRecencyEarlier — yes, but not in the past 3 months: 3 points on Q6/Q7.
	QuarterRecencyEarlier QuarterRecency = "yes-not-in-past-3-months"
	// QuarterRecencyPast3Months — yes, in the past 3 months: 6 points on Q6/Q7.
	QuarterRecencyPast3Months QuarterRecency = "yes-in-past-3-months"
)

// ErrUnknownQuarterRecency means a text is not a known quarter recency.
var ErrUnknownQuarterRecency = fmt.Errorf("screen: quarter recency: %w", intervention.ErrUnknownValue)

// QuarterRecencies returns every QuarterRecency in a stable order.
func QuarterRecencies() []QuarterRecency {
	return []QuarterRecency{QuarterRecencyNo, QuarterRecencyEarlier, QuarterRecencyPast3Months}
}

// index returns the position of v in QuarterRecencies(), or -1 when v is not known.
func (v QuarterRecency) index() int {
	switch v {
	case QuarterRecencyNo:
		return 0
	case QuarterRecencyEarlier:
		return 1
	case QuarterRecencyPast3Months:
		return 2
	}
	return -1
}

// ParseQuarterRecency returns the QuarterRecency whose text is s.
func ParseQuarterRecency(s string) (QuarterRecency, error) {
	v := QuarterRecency(s)
	if v.index() < 0 {
		return "", ErrUnknownQuarterRecency
	}
	return v, nil
}

// Valid reports whether v is a known QuarterRecency (the zero value is not).
func (v QuarterRecency) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v QuarterRecency) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v QuarterRecency) MarshalText() ([]byte, error) {
	return enum.Marshal(v, QuarterRecency.Valid, ErrUnknownQuarterRecency)
}

// UnmarshalText decodes v with ParseQuarterRecency; on error *v is unchanged.
func (v *QuarterRecency) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseQuarterRecency)
}

// YesNo answers a yes/no item exactly as the patient gave it; reverse-keyed
// items are reversed inside the scorer. The zero value means unanswered.
type YesNo string

// The YesNo values.
const (
	// Yes — the patient answered yes.
	Yes YesNo = "yes"
	// No — the patient answered no.
	No YesNo = "no"
)

// ErrUnknownYesNo means a text is not a known yes/no answer.
var ErrUnknownYesNo = fmt.Errorf("screen: yes/no answer: %w", intervention.ErrUnknownValue)

// YesNos returns every YesNo in a stable order.
func YesNos() []YesNo {
	return []YesNo{Yes, No}
}

// index returns the position of v in YesNos(), or -1 when v is not known.
func (v YesNo) index() int {
	switch v {
	case Yes:
		return 0
	case No:
		return 1
	}
	return -1
}

// ParseYesNo returns the YesNo whose text is s.
func ParseYesNo(s string) (YesNo, error) {
	v := YesNo(s)
	if v.index() < 0 {
		return "", ErrUnknownYesNo
	}
	return v, nil
}

// Valid reports whether v is a known YesNo (the zero value is not).
func (v YesNo) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v YesNo) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v YesNo) MarshalText() ([]byte, error) { return enum.Marshal(v, YesNo.Valid, ErrUnknownYesNo) }

// UnmarshalText decodes v with ParseYesNo; on error *v is unchanged.
func (v *YesNo) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseYesNo) }

// Sex selects sex-specific cut-offs. The zero value means not recorded;
// it and SexOther take the non-male (lower) cut-off, as HEDIS does
// (reference: instruments.md §1.4).
type Sex string

// The Sex values.
const (
	// SexMale — male cut-offs.
	SexMale Sex = "male"
	// SexFemale — female cut-offs.
	SexFemale Sex = "female"
	// SexOther — recorded, neither male nor female: the non-male cut-off applies.
	SexOther Sex = "other"
)

// ErrUnknownSex means a text is not a known sex.
var ErrUnknownSex = fmt.Errorf("screen: sex: %w", intervention.ErrUnknownValue)

// Sexes returns every Sex in a stable order.
func Sexes() []Sex {
	return []Sex{SexMale, SexFemale, SexOther}
}

// index returns the position of v in Sexes(), or -1 when v is not known.
func (v Sex) index() int {
	switch v {
	case SexMale:
		return 0
	case SexFemale:
		return 1
	case SexOther:
		return 2
	}
	return -1
}

// ParseSex returns the Sex whose text is s.
func ParseSex(s string) (Sex, error) {
	v := Sex(s)
	if v.index() < 0 {
		return "", ErrUnknownSex
	}
	return v, nil
}

// Valid reports whether v is a known Sex (the zero value is not).
func (v Sex) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Sex) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Sex) MarshalText() ([]byte, error) { return enum.Marshal(v, Sex.Valid, ErrUnknownSex) }

// UnmarshalText decodes v with ParseSex; on error *v is unchanged.
func (v *Sex) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseSex) }

// Substance is an ASSIST v3 substance class (reference: instruments.md §4.2).
// The zero Substance is invalid.
type Substance string

// The Substance values.
const (
	// SubstanceTobacco — tobacco products; Q5 is not asked or scored.
	SubstanceTobacco Substance = "tobacco"
	// SubstanceAlcohol — alcoholic beverages; has its own risk bands.
	SubstanceAlcohol Substance = "alcohol"
	// SubstanceCannabis — cannabis.
	SubstanceCannabis Substance = "cannabis"
	// SubstanceCocaine — cocaine.
	SubstanceCocaine Substance = "cocaine"
	// SubstanceStimulants — amphetamine-type stimulants.
	SubstanceStimulants Substance = "amphetamine-type-stimulants"
	// SubstanceInhalants — inhalants.
	SubstanceInhalants Substance = "inhalants"
	// SubstanceSedatives — sedatives or sleeping pills.
	SubstanceSedatives Substance = "sedatives"
	// SubstanceHallucinogens — hallucinogens.
	SubstanceHallucinogens Substance = "hallucinogens"
	// SubstanceOpioids — opioids.
	SubstanceOpioids Substance = "opioids"
	// SubstanceOther — any other substance.
	SubstanceOther Substance = "other"
)

// ErrUnknownSubstance means a text is not a known substance.
var ErrUnknownSubstance = fmt.Errorf("screen: substance: %w", intervention.ErrUnknownValue)

// Substances returns every Substance in a stable order.
func Substances() []Substance {
	return []Substance{SubstanceTobacco, SubstanceAlcohol, SubstanceCannabis, SubstanceCocaine, SubstanceStimulants, SubstanceInhalants, SubstanceSedatives, SubstanceHallucinogens, SubstanceOpioids, SubstanceOther}
}

// index returns the position of v in Substances(), or -1 when v is not known.
func (v Substance) index() int {
	switch v {
	case SubstanceTobacco:
		return 0
	case SubstanceAlcohol:
		return 1
	case SubstanceCannabis:
		return 2
	case SubstanceCocaine:
		return 3
	case SubstanceStimulants:
		return 4
	case SubstanceInhalants:
		return 5
	case SubstanceSedatives:
		return 6
	case SubstanceHallucinogens:
		return 7
	case SubstanceOpioids:
		return 8
	case SubstanceOther:
		return 9
	}
	return -1
}

// ParseSubstance returns the Substance whose text is s.
func ParseSubstance(s string) (Substance, error) {
	v := Substance(s)
	if v.index() < 0 {
		return "", ErrUnknownSubstance
	}
	return v, nil
}

// Valid reports whether v is a known Substance (the zero value is not).
func (v Substance) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Substance) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Substance) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Substance.Valid, ErrUnknownSubstance)
}

// UnmarshalText decodes v with ParseSubstance; on error *v is unchanged.
func (v *Substance) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseSubstance) }

// AUDITEscalation is the reading of the Q4–Q6 clause of the AUDIT escalation
// rule, "provide the next highest level of intervention to patients who score
// 2 or more on Questions 4, 5 and 6, or 4 on Questions 9 or 10" (reference:
// instruments.md §1.2). No source settles the Q4–Q6 clause, so it is an option;
// the zero value means AUDITEscalationAny.
type AUDITEscalation string

// The AUDITEscalation values.
const (
	// AUDITEscalationAny — any one of Q4, Q5, Q6 scores 2 or more (the default: it reads the clause per item, as its Q9/Q10 half is read).
	AUDITEscalationAny AUDITEscalation = "any"
	// AUDITEscalationSum — Q4+Q5+Q6 is 2 or more (the widest reading).
	AUDITEscalationSum AUDITEscalation = "sum"
	// AUDITEscalationEach — each of Q4, Q5 and Q6 scores 2 or more (the narrowest reading).
	AUDITEscalationEach AUDITEscalation = "each"
	// AUDITEscalationNone — no escalation at all, neither clause: the zone's intervention only.
	AUDITEscalationNone AUDITEscalation = "none"
)

// ErrUnknownAUDITEscalation means a text is not a known AUDIT escalation reading.
var ErrUnknownAUDITEscalation = fmt.Errorf("screen: AUDIT escalation reading: %w", intervention.ErrUnknownValue)

// AUDITEscalations returns every AUDITEscalation in a stable order.
func AUDITEscalations() []AUDITEscalation {
	return []AUDITEscalation{AUDITEscalationAny, AUDITEscalationSum, AUDITEscalationEach, AUDITEscalationNone}
}

// index returns the position of v in AUDITEscalations(), or -1 when v is not known.
func (v AUDITEscalation) index() int {
	switch v {
	case AUDITEscalationAny:
		return 0
	case AUDITEscalationSum:
		return 1
	case AUDITEscalationEach:
		return 2
	case AUDITEscalationNone:
		return 3
	}
	return -1
}

// ParseAUDITEscalation returns the AUDITEscalation whose text is s.
func ParseAUDITEscalation(s string) (AUDITEscalation, error) {
	v := AUDITEscalation(s)
	if v.index() < 0 {
		return "", ErrUnknownAUDITEscalation
	}
	return v, nil
}

// Valid reports whether v is a known AUDITEscalation (the zero value is not).
func (v AUDITEscalation) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v AUDITEscalation) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v AUDITEscalation) MarshalText() ([]byte, error) {
	return enum.Marshal(v, AUDITEscalation.Valid, ErrUnknownAUDITEscalation)
}

// UnmarshalText decodes v with ParseAUDITEscalation; on error *v is unchanged.
func (v *AUDITEscalation) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseAUDITEscalation)
}

// AUDITSkipRule is the AUDIT skip pattern used to judge completeness
// (reference: instruments.md §1.3, §10 D6). The zero value means
// AUDITSkipWHO.
type AUDITSkipRule string

// The AUDITSkipRule values.
const (
	// AUDITSkipWHO — CamCOPS and the WHO pattern: Q1, Q9 and Q10 are always required; Q1 = never skips Q2–Q8; Q2+Q3 = 0 skips Q4–Q8 (the default).
	AUDITSkipWHO AUDITSkipRule = "who"
	// AUDITSkipStopAtQ1Never — one JavaScript implementation's pattern: Q1 = never ends the questionnaire, so Q9 and Q10 are not required either.
	AUDITSkipStopAtQ1Never AUDITSkipRule = "stop-at-q1-never"
)

// ErrUnknownAUDITSkipRule means a text is not a known AUDIT skip rule.
var ErrUnknownAUDITSkipRule = fmt.Errorf("screen: AUDIT skip rule: %w", intervention.ErrUnknownValue)

// AUDITSkipRules returns every AUDITSkipRule in a stable order.
func AUDITSkipRules() []AUDITSkipRule {
	return []AUDITSkipRule{AUDITSkipWHO, AUDITSkipStopAtQ1Never}
}

// index returns the position of v in AUDITSkipRules(), or -1 when v is not known.
func (v AUDITSkipRule) index() int {
	switch v {
	case AUDITSkipWHO:
		return 0
	case AUDITSkipStopAtQ1Never:
		return 1
	}
	return -1
}

// ParseAUDITSkipRule returns the AUDITSkipRule whose text is s.
func ParseAUDITSkipRule(s string) (AUDITSkipRule, error) {
	v := AUDITSkipRule(s)
	if v.index() < 0 {
		return "", ErrUnknownAUDITSkipRule
	}
	return v, nil
}

// Valid reports whether v is a known AUDITSkipRule (the zero value is not).
func (v AUDITSkipRule) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v AUDITSkipRule) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v AUDITSkipRule) MarshalText() ([]byte, error) {
	return enum.Marshal(v, AUDITSkipRule.Valid, ErrUnknownAUDITSkipRule)
}

// UnmarshalText decodes v with ParseAUDITSkipRule; on error *v is unchanged.
func (v *AUDITSkipRule) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseAUDITSkipRule)
}

// MissingPolicy says what a scorer does when a required item is unanswered
// (reference: instruments.md §10 D3). Items the skip pattern skips are never
// required. The zero value means MissingIncomplete.
type MissingPolicy string

// The MissingPolicy values.
const (
	// MissingIncomplete — score the answered items (a lower bound), report Complete false with BandIncomplete and ActionCompleteScreening (the default; CamCOPS).
	MissingIncomplete MissingPolicy = "incomplete"
	// MissingAsZero — score unanswered items as 0 and band the total, reporting Complete false (awell, ABWerks).
	MissingAsZero MissingPolicy = "as-zero"
	// MissingReject — return an error naming every unanswered required item (dataprepr returns NA).
	MissingReject MissingPolicy = "reject"
)

// ErrUnknownMissingPolicy means a text is not a known missing-answer policy.
var ErrUnknownMissingPolicy = fmt.Errorf("screen: missing-answer policy: %w", intervention.ErrUnknownValue)

// MissingPolicies returns every MissingPolicy in a stable order.
func MissingPolicies() []MissingPolicy {
	return []MissingPolicy{MissingIncomplete, MissingAsZero, MissingReject}
}

// index returns the position of v in MissingPolicies(), or -1 when v is not known.
func (v MissingPolicy) index() int {
	switch v {
	case MissingIncomplete:
		return 0
	case MissingAsZero:
		return 1
	case MissingReject:
		return 2
	}
	return -1
}

// ParseMissingPolicy returns the MissingPolicy whose text is s.
func ParseMissingPolicy(s string) (MissingPolicy, error) {
	v := MissingPolicy(s)
	if v.index() < 0 {
		return "", ErrUnknownMissingPolicy
	}
	return v, nil
}

// Valid reports whether v is a known MissingPolicy (the zero value is not).
func (v MissingPolicy) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v MissingPolicy) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v MissingPolicy) MarshalText() ([]byte, error) {
	return enum.Marshal(v, MissingPolicy.Valid, ErrUnknownMissingPolicy)
}

// UnmarshalText decodes v with ParseMissingPolicy; on error *v is unchanged.
func (v *MissingPolicy) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseMissingPolicy)
}
