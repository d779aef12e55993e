package screen

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// The enums a score is reported in: the instrument, its band, the action it
// recommends and the flags it raises.

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
