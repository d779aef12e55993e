package twelvestep

import (
	"strings"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// customPrefix starts every host-defined fellowship and meeting type.
const customPrefix = "x-"

// isCustom reports whether s is "x-" followed by 1–64 lowercase ASCII
// letters, digits and hyphens: a host-defined value, as for
// intervention.CustomModality.
func isCustom(s string) bool {
	name, ok := strings.CutPrefix(s, customPrefix)
	if !ok || name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// Protocol is the manual a curriculum follows; it decides which fidelity
// rule applies (reference: plans-and-interop.md §3.1, §3.2, section (b)
// items 29–30). The zero Protocol is invalid.
type Protocol string

// The protocols.
const (
	// ProtocolMATCHTSF is Project MATCH Twelve-Step Facilitation (Nowinski,
	// Baker & Carroll; NIAAA Monograph Vol. 1): 12 sessions, at most 2 of
	// them conjoint with a significant other; rule C-TSF-1.
	ProtocolMATCHTSF Protocol = "match-tsf"
	// ProtocolMAAEZ is Making AA Easier (Kaskutas et al. 2009): 6 weekly
	// group sessions, introduction first, four core topics in any order,
	// return as a graduate last; rule C-MAAEZ-1.
	ProtocolMAAEZ Protocol = "maaez"
	// ProtocolCustom is a programme's own curriculum (a 12–15-session NIDA
	// variant, iTSF, STAGE-12, a Hazelden group): no format rule applies.
	ProtocolCustom Protocol = "custom"
)

// Protocols returns every Protocol in a stable order.
func Protocols() []Protocol { return []Protocol{ProtocolMATCHTSF, ProtocolMAAEZ, ProtocolCustom} }

// ParseProtocol returns the Protocol whose text form is s.
func ParseProtocol(s string) (Protocol, error) {
	return enum.Parse(Protocol(s), Protocol.Valid, ErrUnknownProtocol)
}

// Valid reports whether p is one of the constants.
func (p Protocol) Valid() bool { return enum.Valid(p, Protocols()) }

// Sessions returns the number of sessions the protocol fixes: 12 for MATCH
// TSF, 6 for MAAEZ, 0 (the curriculum decides) for a custom protocol.
func (p Protocol) Sessions() int {
	switch p {
	case ProtocolMATCHTSF:
		return MATCHSessions
	case ProtocolMAAEZ:
		return MAAEZSessions
	case ProtocolCustom:
		return 0
	}
	return 0
}

// String returns the text form of p.
func (p Protocol) String() string { return string(p) }

// MarshalText encodes p; an invalid Protocol is an error.
func (p Protocol) MarshalText() ([]byte, error) {
	return enum.Marshal(p, Protocol.Valid, ErrUnknownProtocol)
}

// UnmarshalText decodes p with ParseProtocol; on error *p is unchanged.
func (p *Protocol) UnmarshalText(b []byte) error { return enum.Unmarshal(p, b, ParseProtocol) }

// TopicKind places a topic in its curriculum: the fixed first and last
// sessions, the core every patient covers, and the optional electives and
// conjoint topics (reference: plans-and-interop.md §0 item 1, §3.1, §3.2).
// The zero TopicKind is invalid.
type TopicKind string

// The topic kinds.
const (
	// TopicOpening is the fixed first session (MATCH "Introduction &
	// Assessment", MAAEZ "Introduction").
	TopicOpening TopicKind = "opening"
	// TopicCore is a core topic every patient covers.
	TopicCore TopicKind = "core"
	// TopicElective is an optional topic the clinician and patient choose.
	TopicElective TopicKind = "elective"
	// TopicConjoint is a topic for a conjoint session with a significant other.
	TopicConjoint TopicKind = "conjoint"
	// TopicClosing is the fixed last session (MATCH "Termination", MAAEZ
	// "return as a graduate").
	TopicClosing TopicKind = "closing"
)

// TopicKinds returns every TopicKind in curriculum order.
func TopicKinds() []TopicKind {
	return []TopicKind{TopicOpening, TopicCore, TopicElective, TopicConjoint, TopicClosing}
}

// ParseTopicKind returns the TopicKind whose text form is s.
func ParseTopicKind(s string) (TopicKind, error) {
	return enum.Parse(TopicKind(s), TopicKind.Valid, ErrUnknownTopicKind)
}

// Valid reports whether k is one of the constants.
func (k TopicKind) Valid() bool { return enum.Valid(k, TopicKinds()) }

// Required reports whether every patient must cover a topic of kind k
// (opening, core and closing topics); electives and conjoint topics are
// optional.
func (k TopicKind) Required() bool {
	switch k {
	case TopicOpening, TopicCore, TopicClosing:
		return true
	case TopicElective, TopicConjoint:
		return false
	}
	return false
}

// String returns the text form of k.
func (k TopicKind) String() string { return string(k) }

// MarshalText encodes k; an invalid TopicKind is an error.
func (k TopicKind) MarshalText() ([]byte, error) {
	return enum.Marshal(k, TopicKind.Valid, ErrUnknownTopicKind)
}

// UnmarshalText decodes k with ParseTopicKind; on error *k is unchanged.
func (k *TopicKind) UnmarshalText(b []byte) error { return enum.Unmarshal(k, b, ParseTopicKind) }

// Fellowship is a mutual-help fellowship. Mutual-help participation is
// fellowship-agnostic (reference: plans-and-interop.md §3.5): the built-in
// fellowships are the constants below, and a host names any other group
// with CustomFellowship ("x-" followed by lowercase letters, digits and
// hyphens). The zero Fellowship is invalid.
type Fellowship string

// The built-in fellowships (reference: plans-and-interop.md §3.2, §3.3, §3.5).
const (
	FellowshipAA    Fellowship = "aa"  // Alcoholics Anonymous
	FellowshipNA    Fellowship = "na"  // Narcotics Anonymous
	FellowshipCA    Fellowship = "ca"  // Cocaine Anonymous
	FellowshipCMA   Fellowship = "cma" // Crystal Meth Anonymous
	FellowshipMA    Fellowship = "ma"  // Marijuana Anonymous
	FellowshipSMART Fellowship = "smart-recovery"
	// FellowshipWFS is Women for Sobriety.
	FellowshipWFS Fellowship = "women-for-sobriety"
)

// Fellowships returns the built-in fellowships in a stable order.
func Fellowships() []Fellowship {
	return []Fellowship{
		FellowshipAA, FellowshipNA, FellowshipCA, FellowshipCMA, FellowshipMA,
		FellowshipSMART, FellowshipWFS,
	}
}

// CustomFellowship returns the host-defined fellowship "x-"+name. The name
// must be 1–64 characters of lowercase ASCII letters, digits and hyphens.
func CustomFellowship(name string) (Fellowship, error) {
	return ParseFellowship(customPrefix + name)
}

// ParseFellowship returns the fellowship whose text form is s: a built-in
// one, or a custom one starting with "x-".
func ParseFellowship(s string) (Fellowship, error) {
	return enum.Parse(Fellowship(s), Fellowship.Valid, ErrUnknownFellowship)
}

// Valid reports whether f is built in or a well-formed custom fellowship.
func (f Fellowship) Valid() bool { return enum.Valid(f, Fellowships()) || f.IsCustom() }

// IsCustom reports whether f is a well-formed host-defined fellowship.
func (f Fellowship) IsCustom() bool { return isCustom(string(f)) }

// IsTwelveStep reports whether f is a built-in twelve-step fellowship (AA,
// NA, CA, CMA, MA), where steps, sponsors and home groups apply. SMART
// Recovery's 4-Point Program is non-sequential and has no steps (reference:
// plans-and-interop.md §3.5); a custom fellowship reports false, because
// the library cannot know.
func (f Fellowship) IsTwelveStep() bool {
	switch f {
	case FellowshipAA, FellowshipNA, FellowshipCA, FellowshipCMA, FellowshipMA:
		return true
	case FellowshipSMART, FellowshipWFS:
		return false
	}
	return false
}

// String returns the text form of f.
func (f Fellowship) String() string { return string(f) }

// MarshalText encodes f; an invalid Fellowship is an error.
func (f Fellowship) MarshalText() ([]byte, error) {
	return enum.Marshal(f, Fellowship.Valid, ErrUnknownFellowship)
}

// UnmarshalText decodes f with ParseFellowship; on error *f is unchanged.
func (f *Fellowship) UnmarshalText(b []byte) error { return enum.Unmarshal(f, b, ParseFellowship) }

// MeetingType is a meeting-type code of the Code for Recovery Meeting Guide
// JSON specification (github.com/code4recovery/spec data/types.json), the
// de-facto vocabulary of the Meeting Guide app and the 12 Step Meeting List
// plugin (reference: plans-and-interop.md §3.3). The constants are the codes
// the reference lists — a subset of the specification, which also has
// language and other codes; a host records any other type with
// CustomMeetingType ("x-…"). The zero MeetingType is invalid.
type MeetingType string

// The Meeting Guide codes the reference lists (§3.3), with the
// specification's English names.
const (
	MeetingOpen             MeetingType = "O"     // Open
	MeetingClosed           MeetingType = "C"     // Closed
	MeetingBigBook          MeetingType = "B"     // Big Book
	MeetingStepStudy        MeetingType = "ST"    // Step Study
	MeetingTraditionStudy   MeetingType = "TR"    // Tradition Study
	MeetingTwelveAndTwelve  MeetingType = "12x12" // 12 Steps & 12 Traditions
	MeetingEleventhStep     MeetingType = "11"    // 11th Step Meditation
	MeetingSpeaker          MeetingType = "SP"    // Speaker
	MeetingDiscussion       MeetingType = "D"     // Discussion
	MeetingNewcomer         MeetingType = "BE"    // Newcomer
	MeetingLiterature       MeetingType = "LIT"   // Literature
	MeetingLivingSober      MeetingType = "LS"    // Living Sober
	MeetingDailyReflections MeetingType = "DR"    // Daily Reflections
	MeetingGrapevine        MeetingType = "GR"    // Grapevine
	MeetingAsBillSeesIt     MeetingType = "ABSI"  // As Bill Sees It
	MeetingMeditation       MeetingType = "MED"   // Meditation
	MeetingBirthday         MeetingType = "H"     // Birthday
	MeetingSecular          MeetingType = "A"     // Secular
	MeetingDualDiagnosis    MeetingType = "DD"    // Dual Diagnosis
	MeetingMen              MeetingType = "M"     // Men
	MeetingWomen            MeetingType = "W"     // Women
	MeetingYoungPeople      MeetingType = "Y"     // Young People
	MeetingLGBTQ            MeetingType = "LGBTQ" // LGBTQ
	MeetingConcurrentAlAnon MeetingType = "AL-AN" // Concurrent with Al-Anon
	MeetingWheelchairAccess MeetingType = "X"     // Wheelchair Access
)

// MeetingTypes returns the built-in meeting types in a stable order.
func MeetingTypes() []MeetingType {
	return []MeetingType{
		MeetingOpen, MeetingClosed, MeetingBigBook, MeetingStepStudy, MeetingTraditionStudy,
		MeetingTwelveAndTwelve, MeetingEleventhStep, MeetingSpeaker, MeetingDiscussion,
		MeetingNewcomer, MeetingLiterature, MeetingLivingSober, MeetingDailyReflections,
		MeetingGrapevine, MeetingAsBillSeesIt, MeetingMeditation, MeetingBirthday, MeetingSecular,
		MeetingDualDiagnosis, MeetingMen, MeetingWomen, MeetingYoungPeople, MeetingLGBTQ,
		MeetingConcurrentAlAnon, MeetingWheelchairAccess,
	}
}

// CustomMeetingType returns the host-defined meeting type "x-"+name. The
// name must be 1–64 characters of lowercase ASCII letters, digits and
// hyphens.
func CustomMeetingType(name string) (MeetingType, error) {
	return ParseMeetingType(customPrefix + name)
}

// ParseMeetingType returns the meeting type whose text form is s (codes are
// case-sensitive, as in the specification).
func ParseMeetingType(s string) (MeetingType, error) {
	return enum.Parse(MeetingType(s), MeetingType.Valid, ErrUnknownMeetingType)
}

// Valid reports whether t is built in or a well-formed custom type.
func (t MeetingType) Valid() bool { return enum.Valid(t, MeetingTypes()) || t.IsCustom() }

// IsCustom reports whether t is a well-formed host-defined meeting type.
func (t MeetingType) IsCustom() bool { return isCustom(string(t)) }

// String returns the text form of t.
func (t MeetingType) String() string { return string(t) }

// MarshalText encodes t; an invalid MeetingType is an error.
func (t MeetingType) MarshalText() ([]byte, error) {
	return enum.Marshal(t, MeetingType.Valid, ErrUnknownMeetingType)
}

// UnmarshalText decodes t with ParseMeetingType; on error *t is unchanged.
func (t *MeetingType) UnmarshalText(b []byte) error { return enum.Unmarshal(t, b, ParseMeetingType) }

// Venue says how the patient attended a meeting: in person or online
// (reference: plans-and-interop.md §3.3; MM-HAS asks about both, §3.4). A
// hybrid meeting is recorded as the patient attended it. The zero Venue is
// invalid.
type Venue string

// The venues.
const (
	VenueInPerson Venue = "in-person"
	VenueOnline   Venue = "online"
)

// Venues returns every Venue in a stable order.
func Venues() []Venue { return []Venue{VenueInPerson, VenueOnline} }

// ParseVenue returns the Venue whose text form is s.
func ParseVenue(s string) (Venue, error) {
	return enum.Parse(Venue(s), Venue.Valid, ErrUnknownVenue)
}

// Valid reports whether v is one of the constants.
func (v Venue) Valid() bool { return enum.Valid(v, Venues()) }

// String returns the text form of v.
func (v Venue) String() string { return string(v) }

// MarshalText encodes v; an invalid Venue is an error.
func (v Venue) MarshalText() ([]byte, error) { return enum.Marshal(v, Venue.Valid, ErrUnknownVenue) }

// UnmarshalText decodes v with ParseVenue; on error *v is unchanged.
func (v *Venue) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseVenue) }

// Verification says how a meeting attendance is known. The zero
// Verification is invalid.
type Verification string

// The verifications.
const (
	// VerificationSelfReported is the patient's own report.
	VerificationSelfReported Verification = "self-reported"
	// VerificationVerified was checked by the programme (a signed attendance
	// sheet, a check-in record); the Meeting names who verified it.
	VerificationVerified Verification = "verified"
)

// Verifications returns every Verification in a stable order.
func Verifications() []Verification {
	return []Verification{VerificationSelfReported, VerificationVerified}
}

// ParseVerification returns the Verification whose text form is s.
func ParseVerification(s string) (Verification, error) {
	return enum.Parse(Verification(s), Verification.Valid, ErrUnknownVerification)
}

// Valid reports whether v is one of the constants.
func (v Verification) Valid() bool { return enum.Valid(v, Verifications()) }

// String returns the text form of v.
func (v Verification) String() string { return string(v) }

// MarshalText encodes v; an invalid Verification is an error.
func (v Verification) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Verification.Valid, ErrUnknownVerification)
}

// UnmarshalText decodes v with ParseVerification; on error *v is unchanged.
func (v *Verification) UnmarshalText(b []byte) error {
	return enum.Unmarshal(v, b, ParseVerification)
}

// StepStatus is where the patient stands on one of the twelve steps
// (reference: plans-and-interop.md §3.3, "step work (step number,
// status)"). The zero StepStatus is invalid.
type StepStatus string

// The step statuses.
const (
	// StepNotStarted: the step has not been worked (the status of a step
	// with no record; recording it resets a step worked in error).
	StepNotStarted StepStatus = "not-started"
	// StepInProgress: the patient is working the step.
	StepInProgress StepStatus = "in-progress"
	// StepCompleted: the patient has completed the step.
	StepCompleted StepStatus = "completed"
)

// StepStatuses returns every StepStatus in a stable order.
func StepStatuses() []StepStatus { return []StepStatus{StepNotStarted, StepInProgress, StepCompleted} }

// ParseStepStatus returns the StepStatus whose text form is s.
func ParseStepStatus(s string) (StepStatus, error) {
	return enum.Parse(StepStatus(s), StepStatus.Valid, ErrUnknownStepStatus)
}

// Valid reports whether s is one of the constants.
func (s StepStatus) Valid() bool { return enum.Valid(s, StepStatuses()) }

// String returns the text form of s.
func (s StepStatus) String() string { return string(s) }

// MarshalText encodes s; an invalid StepStatus is an error.
func (s StepStatus) MarshalText() ([]byte, error) {
	return enum.Marshal(s, StepStatus.Valid, ErrUnknownStepStatus)
}

// UnmarshalText decodes s with ParseStepStatus; on error *s is unchanged.
func (s *StepStatus) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseStepStatus) }

// SlipReason says how a slip became known. A slip is recorded only by an
// explicit, attributed action (Facilitation.RecordSlip); nothing restarts
// the streak by itself (rule C-MILESTONE-1). The zero SlipReason is invalid.
type SlipReason string

// The slip reasons.
const (
	// SlipSelfReport: the patient reported the use.
	SlipSelfReport SlipReason = "self-report"
	// SlipPositiveTest: a clinician reset the clean date after a positive
	// test. A positive test never resets the date by itself, and only a
	// clinician may record this reason (reference: plans-and-interop.md
	// §3.3, section (b) item 32).
	SlipPositiveTest SlipReason = "positive-test"
	// SlipObserved: staff observed use or intoxication.
	SlipObserved SlipReason = "observed"
	// SlipCollateralReport: a significant other or another collateral
	// source reported the use.
	SlipCollateralReport SlipReason = "collateral-report"
)

// SlipReasons returns every SlipReason in a stable order.
func SlipReasons() []SlipReason {
	return []SlipReason{SlipSelfReport, SlipPositiveTest, SlipObserved, SlipCollateralReport}
}

// ParseSlipReason returns the SlipReason whose text form is s.
func ParseSlipReason(s string) (SlipReason, error) {
	return enum.Parse(SlipReason(s), SlipReason.Valid, ErrUnknownSlipReason)
}

// Valid reports whether r is one of the constants.
func (r SlipReason) Valid() bool { return enum.Valid(r, SlipReasons()) }

// String returns the text form of r.
func (r SlipReason) String() string { return string(r) }

// MarshalText encodes r; an invalid SlipReason is an error.
func (r SlipReason) MarshalText() ([]byte, error) {
	return enum.Marshal(r, SlipReason.Valid, ErrUnknownSlipReason)
}

// UnmarshalText decodes r with ParseSlipReason; on error *r is unchanged.
func (r *SlipReason) UnmarshalText(b []byte) error { return enum.Unmarshal(r, b, ParseSlipReason) }

// RetractionReason says why a recorded slip is withdrawn. The zero
// RetractionReason is invalid.
type RetractionReason string

// The retraction reasons.
const (
	// RetractionRecordedInError: the slip was recorded for the wrong
	// patient or by mistake.
	RetractionRecordedInError RetractionReason = "recorded-in-error"
	// RetractionTestNotConfirmed: the positive test behind the slip was not
	// confirmed (a negative confirmation test).
	RetractionTestNotConfirmed RetractionReason = "test-not-confirmed"
)

// RetractionReasons returns every RetractionReason in a stable order.
func RetractionReasons() []RetractionReason {
	return []RetractionReason{RetractionRecordedInError, RetractionTestNotConfirmed}
}

// ParseRetractionReason returns the RetractionReason whose text form is s.
func ParseRetractionReason(s string) (RetractionReason, error) {
	return enum.Parse(RetractionReason(s), RetractionReason.Valid, ErrUnknownRetractionReason)
}

// Valid reports whether r is one of the constants.
func (r RetractionReason) Valid() bool { return enum.Valid(r, RetractionReasons()) }

// String returns the text form of r.
func (r RetractionReason) String() string { return string(r) }

// MarshalText encodes r; an invalid RetractionReason is an error.
func (r RetractionReason) MarshalText() ([]byte, error) {
	return enum.Marshal(r, RetractionReason.Valid, ErrUnknownRetractionReason)
}

// UnmarshalText decodes r with ParseRetractionReason; on error *r is unchanged.
func (r *RetractionReason) UnmarshalText(b []byte) error {
	return enum.Unmarshal(r, b, ParseRetractionReason)
}

// Unit is the calendar unit of a milestone. Milestones are counted in
// calendar days, months and years of the patient's time zone, never in
// 24-hour multiples (reference: plans-and-interop.md §3.3). The zero Unit is
// invalid.
type Unit string

// The milestone units.
const (
	UnitDay   Unit = "day"
	UnitMonth Unit = "month"
	UnitYear  Unit = "year"
)

// Units returns every Unit in a stable order.
func Units() []Unit { return []Unit{UnitDay, UnitMonth, UnitYear} }

// ParseUnit returns the Unit whose text form is s.
func ParseUnit(s string) (Unit, error) { return enum.Parse(Unit(s), Unit.Valid, ErrUnknownUnit) }

// Valid reports whether u is one of the constants.
func (u Unit) Valid() bool { return enum.Valid(u, Units()) }

// String returns the text form of u.
func (u Unit) String() string { return string(u) }

// MarshalText encodes u; an invalid Unit is an error.
func (u Unit) MarshalText() ([]byte, error) { return enum.Marshal(u, Unit.Valid, ErrUnknownUnit) }

// UnmarshalText decodes u with ParseUnit; on error *u is unchanged.
func (u *Unit) UnmarshalText(b []byte) error { return enum.Unmarshal(u, b, ParseUnit) }
