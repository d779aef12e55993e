package screen

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Instrument names a screening instrument scored by this package. The zero Instrument is invalid.
type Instrument string

// The Instrument values.
const (
	// InstrumentAUDIT — WHO Alcohol Use Disorders Identification Test, 10 items (reference: instruments.md §1).
	InstrumentAUDIT Instrument = "audit"
	// InstrumentAUDITC — AUDIT-C, the AUDIT's first three items (reference: instruments.md §1.4).
	InstrumentAUDITC Instrument = "audit-c"
	// InstrumentDAST10 — Drug Abuse Screening Test, 10 items (reference: instruments.md §2.1).
	InstrumentDAST10 Instrument = "dast-10"
	// InstrumentCRAFFT — CRAFFT 2.1 for ages 12–21 (reference: instruments.md §3.1).
	InstrumentCRAFFT Instrument = "crafft"
	// InstrumentASSIST — WHO ASSIST v3, scored per substance (reference: instruments.md §4.1–§4.2).
	InstrumentASSIST Instrument = "assist"
	// InstrumentNIAAA — NIAAA single alcohol screening question (reference: instruments.md §5).
	InstrumentNIAAA Instrument = "niaaa-single-question"
	// InstrumentCAGE — CAGE, Ewing 1984 (reference: instruments.md §5).
	InstrumentCAGE Instrument = "cage"
	// InstrumentCAGEAID — CAGE adapted to include drugs (reference: instruments.md §5).
	InstrumentCAGEAID Instrument = "cage-aid"
	// InstrumentQuickScreen — NIDA Quick Screen (reference: instruments.md §4.3).
	InstrumentQuickScreen Instrument = "nida-quick-screen"
	// InstrumentTAPS1 — TAPS part 1, the four-item frequency screen (reference: instruments.md §4.4).
	InstrumentTAPS1 Instrument = "taps-1"
)

// ErrUnknownInstrument means a text is not a known instrument.
var ErrUnknownInstrument = fmt.Errorf("screen: instrument: %w", intervention.ErrUnknownValue)

// Instruments returns every Instrument in a stable order.
func Instruments() []Instrument {
	return []Instrument{InstrumentAUDIT, InstrumentAUDITC, InstrumentDAST10, InstrumentCRAFFT, InstrumentASSIST, InstrumentNIAAA, InstrumentCAGE, InstrumentCAGEAID, InstrumentQuickScreen, InstrumentTAPS1}
}

// index returns the position of v in Instruments(), or -1 when v is not known.
func (v Instrument) index() int {
	switch v {
	case InstrumentAUDIT:
		return 0
	case InstrumentAUDITC:
		return 1
	case InstrumentDAST10:
		return 2
	case InstrumentCRAFFT:
		return 3
	case InstrumentASSIST:
		return 4
	case InstrumentNIAAA:
		return 5
	case InstrumentCAGE:
		return 6
	case InstrumentCAGEAID:
		return 7
	case InstrumentQuickScreen:
		return 8
	case InstrumentTAPS1:
		return 9
	}
	return -1
}

// ParseInstrument returns the Instrument whose text is s.
func ParseInstrument(s string) (Instrument, error) {
	v := Instrument(s)
	if v.index() < 0 {
		return "", ErrUnknownInstrument
	}
	return v, nil
}

// Valid reports whether v is a known Instrument (the zero value is not).
func (v Instrument) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Instrument) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Instrument) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Instrument.Valid, ErrUnknownInstrument)
}

// UnmarshalText decodes v with ParseInstrument; on error *v is unchanged.
func (v *Instrument) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseInstrument) }

// Band is the risk band or screen outcome a score falls in. Which bands an
// instrument uses is listed on its scorer. The zero Band is invalid.
type Band string

// The Band values.
const (
	// BandIncomplete — the answers are incomplete, so no band is assigned (MissingIncomplete).
	BandIncomplete Band = "incomplete"
	// BandNegative — below the instrument's positive cut-off.
	BandNegative Band = "negative"
	// BandPositive — at or above the instrument's positive cut-off.
	BandPositive Band = "positive"
	// BandZoneI — AUDIT zone I, low risk (reference: instruments.md §1.2).
	BandZoneI Band = "zone-1"
	// BandZoneII — AUDIT zone II, hazardous (reference: instruments.md §1.2).
	BandZoneII Band = "zone-2"
	// BandZoneIII — AUDIT zone III, harmful (reference: instruments.md §1.2).
	BandZoneIII Band = "zone-3"
	// BandZoneIV — AUDIT zone IV, possible dependence (reference: instruments.md §1.2).
	BandZoneIV Band = "zone-4"
	// BandNone — DAST-10: no problems reported (reference: instruments.md §2.1).
	BandNone Band = "none"
	// BandLow — DAST-10 low level; ASSIST low risk (reference: instruments.md §2.1, §4.2).
	BandLow Band = "low"
	// BandModerate — DAST-10 moderate level; ASSIST moderate risk (reference: instruments.md §2.1, §4.2).
	BandModerate Band = "moderate"
	// BandSubstantial — DAST-10 substantial level (reference: instruments.md §2.1).
	BandSubstantial Band = "substantial"
	// BandSevere — DAST-10 severe level (reference: instruments.md §2.1).
	BandSevere Band = "severe"
	// BandHigh — ASSIST high risk (reference: instruments.md §4.2).
	BandHigh Band = "high"
)

// ErrUnknownBand means a text is not a known band.
var ErrUnknownBand = fmt.Errorf("screen: band: %w", intervention.ErrUnknownValue)

// Bands returns every Band in a stable order.
func Bands() []Band {
	return []Band{BandIncomplete, BandNegative, BandPositive, BandZoneI, BandZoneII, BandZoneIII, BandZoneIV, BandNone, BandLow, BandModerate, BandSubstantial, BandSevere, BandHigh}
}

// index returns the position of v in Bands(), or -1 when v is not known.
func (v Band) index() int {
	switch v {
	case BandIncomplete:
		return 0
	case BandNegative:
		return 1
	case BandPositive:
		return 2
	case BandZoneI:
		return 3
	case BandZoneII:
		return 4
	case BandZoneIII:
		return 5
	case BandZoneIV:
		return 6
	case BandNone:
		return 7
	case BandLow:
		return 8
	case BandModerate:
		return 9
	case BandSubstantial:
		return 10
	case BandSevere:
		return 11
	case BandHigh:
		return 12
	}
	return -1
}

// ParseBand returns the Band whose text is s.
func ParseBand(s string) (Band, error) {
	v := Band(s)
	if v.index() < 0 {
		return "", ErrUnknownBand
	}
	return v, nil
}

// Valid reports whether v is a known Band (the zero value is not).
func (v Band) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Band) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Band) MarshalText() ([]byte, error) { return enum.Marshal(v, Band.Valid, ErrUnknownBand) }

// UnmarshalText decodes v with ParseBand; on error *v is unchanged.
func (v *Band) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseBand) }

// Action is the intervention a result recommends, in the wording of the
// instrument's source (reference: instruments.md §1.2, §2.1, §4.2, §4.3). The
// zero Action is invalid.
type Action string

// The Action values.
const (
	// ActionNone — nothing further indicated by the instrument (DAST-10 "none at this time"; a negative screen).
	ActionNone Action = "none"
	// ActionCompleteScreening — the answers are incomplete: finish the screening before acting on it.
	ActionCompleteScreening Action = "complete-screening"
	// ActionReinforceAbstinence — NIDA Quick Screen all "never": reinforce abstinence; screening complete (§4.3).
	ActionReinforceAbstinence Action = "reinforce-abstinence"
	// ActionMonitor — DAST-10 1–2: monitor, reassess at a later date (§2.1).
	ActionMonitor Action = "monitor"
	// ActionEducation — AUDIT zone I: alcohol education (§1.2).
	ActionEducation Action = "education"
	// ActionUsualCare — ASSIST low risk: treatment as usual, general health advice (§4.2).
	ActionUsualCare Action = "treatment-as-usual"
	// ActionSimpleAdvice — AUDIT zone II: simple advice (and patient education materials) (§1.2); NIDA Quick Screen tobacco use: advise quitting (§4.3).
	ActionSimpleAdvice Action = "simple-advice"
	// ActionBriefCounselling — AUDIT zone III: simple advice plus brief counselling and continued monitoring (§1.2).
	ActionBriefCounselling Action = "brief-counselling"
	// ActionBriefIntervention — ASSIST moderate risk: brief intervention (§4.2).
	ActionBriefIntervention Action = "brief-intervention"
	// ActionBriefInterventionReferral — ASSIST high risk: brief intervention plus referral to specialist assessment and treatment (§4.2).
	ActionBriefInterventionReferral Action = "brief-intervention-referral"
	// ActionReferral — AUDIT zone IV: referral to a specialist for diagnostic evaluation and treatment (§1.2).
	ActionReferral Action = "referral-to-specialist"
	// ActionFurtherInvestigation — DAST-10 3–5: further investigation (§2.1).
	ActionFurtherInvestigation Action = "further-investigation"
	// ActionIntensiveAssessment — DAST-10 6–10: intensive assessment (§2.1).
	ActionIntensiveAssessment Action = "intensive-assessment"
	// ActionFurtherAssessment — a positive screen that calls for further assessment: CRAFFT ≥ 2 (§3.1), TAPS-1 → TAPS-2 (§4.4), NIDA Quick Screen → NM-ASSIST or NIAAA guidance (§4.3), and positive AUDIT-C, CAGE and NIAAA single-question screens (§1.4, §5), whose sources name no intervention.
	ActionFurtherAssessment Action = "further-assessment"
)

// ErrUnknownAction means a text is not a known action.
var ErrUnknownAction = fmt.Errorf("screen: action: %w", intervention.ErrUnknownValue)

// Actions returns every Action in a stable order.
func Actions() []Action {
	return []Action{ActionNone, ActionCompleteScreening, ActionReinforceAbstinence, ActionMonitor, ActionEducation, ActionUsualCare, ActionSimpleAdvice, ActionBriefCounselling, ActionBriefIntervention, ActionBriefInterventionReferral, ActionReferral, ActionFurtherInvestigation, ActionIntensiveAssessment, ActionFurtherAssessment}
}

// index returns the position of v in Actions(), or -1 when v is not known.
func (v Action) index() int {
	switch v {
	case ActionNone:
		return 0
	case ActionCompleteScreening:
		return 1
	case ActionReinforceAbstinence:
		return 2
	case ActionMonitor:
		return 3
	case ActionEducation:
		return 4
	case ActionUsualCare:
		return 5
	case ActionSimpleAdvice:
		return 6
	case ActionBriefCounselling:
		return 7
	case ActionBriefIntervention:
		return 8
	case ActionBriefInterventionReferral:
		return 9
	case ActionReferral:
		return 10
	case ActionFurtherInvestigation:
		return 11
	case ActionIntensiveAssessment:
		return 12
	case ActionFurtherAssessment:
		return 13
	}
	return -1
}

// ParseAction returns the Action whose text is s.
func ParseAction(s string) (Action, error) {
	v := Action(s)
	if v.index() < 0 {
		return "", ErrUnknownAction
	}
	return v, nil
}

// Valid reports whether v is a known Action (the zero value is not).
func (v Action) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Action) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Action) MarshalText() ([]byte, error) { return enum.Marshal(v, Action.Valid, ErrUnknownAction) }

// UnmarshalText decodes v with ParseAction; on error *v is unchanged.
func (v *Action) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseAction) }

// Flag marks something a reviewer should see beside a score. Flags never
// change the score. The zero Flag is invalid.
type Flag string

// The Flag values.
const (
	// FlagIncomplete — a required item is unanswered (skip-pattern aware); reference: instruments.md §10 D3.
	FlagIncomplete Flag = "incomplete"
	// FlagMissingScoredZero — unanswered items were scored 0 (MissingAsZero).
	FlagMissingScoredZero Flag = "missing-scored-zero"
	// FlagSkippedItemAnswered — an item the skip pattern skips was answered with points and was scored.
	FlagSkippedItemAnswered Flag = "skipped-item-answered"
	// FlagDefaultSexCutoff — sex is not recorded as male or female, so the non-male (lower) cut-off was used (reference: instruments.md §1.4, HEDIS).
	FlagDefaultSexCutoff Flag = "default-sex-cutoff"
	// FlagAUDITCAllQ1 — a positive AUDIT-C whose points all come from Q1: review the patient's intake (reference: instruments.md §1.4, US Core).
	FlagAUDITCAllQ1 Flag = "audit-c-all-q1"
	// FlagAUDITEscalationQ4Q6 — the AUDIT escalation rule's Q4–Q6 clause held under the configured reading (reference: instruments.md §1.2).
	FlagAUDITEscalationQ4Q6 Flag = "audit-escalation-q4-q6"
	// FlagAUDITEscalationQ9Q10 — Q9 or Q10 scored 4, so the AUDIT escalation rule held (reference: instruments.md §1.2).
	FlagAUDITEscalationQ9Q10 Flag = "audit-escalation-q9-q10"
	// FlagAUDITDependenceSubtotal — Q4+Q5+Q6 ≥ 4, which one unattributed source reads as possible dependence (reference: instruments.md §1.2, [S4]).
	FlagAUDITDependenceSubtotal Flag = "audit-dependence-subtotal"
	// FlagCRAFFTCar — CRAFFT CAR answered yes: counsel on riding risk (reference: instruments.md §11 V27).
	FlagCRAFFTCar Flag = "crafft-car"
	// FlagASSISTTobaccoQ5Ignored — an answer to Q5 was supplied for tobacco and ignored (reference: instruments.md §4.2, V35).
	FlagASSISTTobaccoQ5Ignored Flag = "assist-tobacco-q5-ignored"
	// FlagASSISTInjectedRecently — ASSIST Q8: injected in the past 3 months (reference: instruments.md §4.2).
	FlagASSISTInjectedRecently Flag = "assist-injected-past-3-months"
)

// ErrUnknownFlag means a text is not a known flag.
var ErrUnknownFlag = fmt.Errorf("screen: flag: %w", intervention.ErrUnknownValue)

// Flags returns every Flag in a stable order.
func Flags() []Flag {
	return []Flag{FlagIncomplete, FlagMissingScoredZero, FlagSkippedItemAnswered, FlagDefaultSexCutoff, FlagAUDITCAllQ1, FlagAUDITEscalationQ4Q6, FlagAUDITEscalationQ9Q10, FlagAUDITDependenceSubtotal, FlagCRAFFTCar, FlagASSISTTobaccoQ5Ignored, FlagASSISTInjectedRecently}
}

// index returns the position of v in Flags(), or -1 when v is not known.
func (v Flag) index() int {
	switch v {
	case FlagIncomplete:
		return 0
	case FlagMissingScoredZero:
		return 1
	case FlagSkippedItemAnswered:
		return 2
	case FlagDefaultSexCutoff:
		return 3
	case FlagAUDITCAllQ1:
		return 4
	case FlagAUDITEscalationQ4Q6:
		return 5
	case FlagAUDITEscalationQ9Q10:
		return 6
	case FlagAUDITDependenceSubtotal:
		return 7
	case FlagCRAFFTCar:
		return 8
	case FlagASSISTTobaccoQ5Ignored:
		return 9
	case FlagASSISTInjectedRecently:
		return 10
	}
	return -1
}

// ParseFlag returns the Flag whose text is s.
func ParseFlag(s string) (Flag, error) {
	v := Flag(s)
	if v.index() < 0 {
		return "", ErrUnknownFlag
	}
	return v, nil
}

// Valid reports whether v is a known Flag (the zero value is not).
func (v Flag) Valid() bool { return v.index() >= 0 }

// String returns the text form of v.
func (v Flag) String() string { return string(v) }

// MarshalText encodes v; an invalid value is an error, so one is never stored.
func (v Flag) MarshalText() ([]byte, error) { return enum.Marshal(v, Flag.Valid, ErrUnknownFlag) }

// UnmarshalText decodes v with ParseFlag; on error *v is unchanged.
func (v *Flag) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseFlag) }

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
