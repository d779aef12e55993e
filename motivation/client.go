package motivation

import (
	"errors"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// ClientCode is a MISC 2.5 client language category (Houck, Moyers, Miller,
// Glynn & Hallgren; reference: instruments.md §7.2 [S74][S78]). Every code
// but ClientFollowNeutral carries a Valence. The zero ClientCode is invalid.
type ClientCode string

// The client codes, with their MISC abbreviations.
const (
	// ClientFollowNeutral (FN, "Ask" included) has no valence and never
	// counts as change or sustain talk [S80].
	ClientFollowNeutral ClientCode = "follow-neutral"
	// ClientCommitment (C): mobilising (CAT).
	ClientCommitment ClientCode = "commitment"
	// ClientReason (R): preparatory (DARN).
	ClientReason ClientCode = "reason"
	// ClientDesire (D): preparatory (DARN).
	ClientDesire ClientCode = "desire"
	// ClientAbility (A): preparatory (DARN).
	ClientAbility ClientCode = "ability"
	// ClientNeed (N): preparatory (DARN).
	ClientNeed ClientCode = "need"
	// ClientTakingSteps (TS): mobilising (CAT).
	ClientTakingSteps ClientCode = "taking-steps"
	// ClientOther (O): change or sustain talk outside DARN-CAT.
	ClientOther ClientCode = "other"
	// ClientActivation (AC) is the "A" of CAT (Miller & Rollnick 2013). It
	// is not a MISC 2.5 code — AutoMISC's AC+/AC− extend it [S74] — and is
	// here for coders who use the extension: mobilising.
	ClientActivation ClientCode = "activation"
)

// ClientCodes returns every ClientCode in a stable order.
func ClientCodes() []ClientCode {
	return []ClientCode{
		ClientFollowNeutral, ClientCommitment, ClientReason, ClientDesire, ClientAbility,
		ClientNeed, ClientTakingSteps, ClientOther, ClientActivation,
	}
}

// ParseClientCode returns the ClientCode whose text form is s.
func ParseClientCode(s string) (ClientCode, error) {
	if v := ClientCode(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownClientCode
}

// Valid reports whether c is one of the constants.
func (c ClientCode) Valid() bool { return enum.Valid(c, ClientCodes()) }

// String returns the text form of c.
func (c ClientCode) String() string { return string(c) }

// Abbreviation returns the MISC abbreviation of c ("FN", "C", "R", "D",
// "A", "N", "TS", "O"; "AC" for the AutoMISC extension), or "" for an
// invalid c.
func (c ClientCode) Abbreviation() string {
	switch c {
	case ClientFollowNeutral:
		return "FN"
	case ClientCommitment:
		return "C"
	case ClientReason:
		return "R"
	case ClientDesire:
		return "D"
	case ClientAbility:
		return "A"
	case ClientNeed:
		return "N"
	case ClientTakingSteps:
		return "TS"
	case ClientOther:
		return "O"
	case ClientActivation:
		return "AC"
	}
	return ""
}

// The kinds of change talk in the DARN-CAT vocabulary (Miller & Rollnick
// 2013; reference: §7.2 [S79]), as ClientCode.Kind returns them.
const (
	KindPreparatory = "preparatory" // Desire, Ability, Reasons, Need
	KindMobilizing  = "mobilizing"  // Commitment, Activation, Taking steps
)

// Kind returns KindPreparatory for the DARN codes, KindMobilizing for the
// CAT codes and "" for follow/neutral, other and invalid codes.
func (c ClientCode) Kind() string {
	switch c {
	case ClientDesire, ClientAbility, ClientReason, ClientNeed:
		return KindPreparatory
	case ClientCommitment, ClientActivation, ClientTakingSteps:
		return KindMobilizing
	case ClientFollowNeutral, ClientOther:
		return ""
	}
	return ""
}

// MarshalText encodes c; an invalid ClientCode is an error.
func (c ClientCode) MarshalText() ([]byte, error) {
	return enum.Marshal(c, ClientCode.Valid, ErrUnknownClientCode)
}

// UnmarshalText decodes c with ParseClientCode; on error *c is unchanged.
func (c *ClientCode) UnmarshalText(b []byte) error { return enum.Unmarshal(c, b, ParseClientCode) }

// Valence says whether client talk moves toward the target behaviour change
// ("+" in MISC) or away from it ("−"). The zero Valence means none, which
// only ClientFollowNeutral has.
type Valence string

// The valences.
const (
	ValenceChange  Valence = "change"  // "+": change talk
	ValenceSustain Valence = "sustain" // "−": sustain talk
)

// Valences returns every Valence in a stable order.
func Valences() []Valence { return []Valence{ValenceChange, ValenceSustain} }

// ParseValence returns the Valence whose text form is s.
func ParseValence(s string) (Valence, error) {
	if v := Valence(s); v.Valid() {
		return v, nil
	}
	return "", ErrUnknownValence
}

// Valid reports whether v is one of the constants.
func (v Valence) Valid() bool { return enum.Valid(v, Valences()) }

// String returns the text form of v.
func (v Valence) String() string { return string(v) }

// MarshalText encodes v; an invalid Valence is an error.
func (v Valence) MarshalText() ([]byte, error) {
	return enum.Marshal(v, Valence.Valid, ErrUnknownValence)
}

// UnmarshalText decodes v with ParseValence; on error *v is unchanged.
func (v *Valence) UnmarshalText(b []byte) error { return enum.Unmarshal(v, b, ParseValence) }

// ClientCodeCount is how many client utterances in a segment got one code
// and valence. The same code and valence may appear in several entries;
// they add up.
type ClientCodeCount struct {
	Code ClientCode `json:"code"`
	// Valence is empty for ClientFollowNeutral and required otherwise.
	Valence Valence `json:"valence,omitzero"`
	Count   int     `json:"count"`
}

// Validate reports every problem with c, each under its JSON path.
func (c ClientCodeCount) Validate() error {
	var errs []error
	if !c.Code.Valid() {
		errs = append(errs, field("code", ErrUnknownClientCode))
	}
	switch {
	case c.Code == ClientFollowNeutral && c.Valence != "":
		errs = append(errs, field("valence", intervention.ErrInconsistent))
	case c.Code == ClientFollowNeutral:
	case c.Valence == "":
		errs = append(errs, field("valence", intervention.ErrMissing))
	case !c.Valence.Valid():
		errs = append(errs, field("valence", ErrUnknownValence))
	}
	if c.Count < 0 || c.Count > MaxBehaviorCount {
		errs = append(errs, field("count", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// ClientLanguageSummary summarises a segment's client language (reference:
// §7.2; V45).
type ClientLanguageSummary struct {
	// Counts are the merged counts in ClientCodes order, change before
	// sustain, leaving out zero counts.
	Counts []ClientCodeCount `json:"counts"`
	// FollowNeutral counts FN utterances, which are in no ratio.
	FollowNeutral int `json:"followNeutral"`
	// ChangeTalk (CT) and SustainTalk (ST) count every "+" and "−" code.
	ChangeTalk  int `json:"changeTalk"`
	SustainTalk int `json:"sustainTalk"`
	// PreparatoryChange counts DARN change talk; MobilizingChange CAT
	// change talk (commitment, activation, taking steps).
	PreparatoryChange int `json:"preparatoryChange"`
	MobilizingChange  int `json:"mobilizingChange"`
	// PreparatorySustain and MobilizingSustain are the same for sustain talk.
	PreparatorySustain int `json:"preparatorySustain"`
	MobilizingSustain  int `json:"mobilizingSustain"`
	// PercentChangeTalk is CT/(CT + ST) as a fraction (Percent gives %CT).
	// With no change or sustain talk it is not computable — the
	// implementations' 0.0 is not followed [S80].
	PercentChangeTalk intervention.Ratio `json:"percentChangeTalk"`
	// MobilizingShare is MobilizingChange/ChangeTalk; not computable
	// without change talk.
	MobilizingShare intervention.Ratio `json:"mobilizingShare"`
}

// Count returns the merged count of code with valence.
func (s ClientLanguageSummary) Count(code ClientCode, v Valence) int {
	for _, c := range s.Counts {
		if c.Code == code && c.Valence == v {
			return c.Count
		}
	}
	return 0
}

// ScoreClientLanguage summarises client language counts (reference: §7.2;
// V45). Invalid entries are reported together under "counts[i]"; each
// wraps intervention.ErrInvalid.
func ScoreClientLanguage(counts []ClientCodeCount) (ClientLanguageSummary, error) {
	var errs []error
	for i, c := range counts {
		if err := c.Validate(); err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("counts", i), err))
		}
	}
	if len(errs) > 0 {
		return ClientLanguageSummary{}, errors.Join(errs...)
	}
	codes := ClientCodes()
	var change, sustain [9]int // indexed like ClientCodes
	var s ClientLanguageSummary
	for _, c := range counts {
		i := codeIndex(codes, c.Code)
		switch c.Valence {
		case ValenceChange:
			change[i] += c.Count
			s.ChangeTalk += c.Count
		case ValenceSustain:
			sustain[i] += c.Count
			s.SustainTalk += c.Count
		default:
			s.FollowNeutral += c.Count
		}
		switch {
		case c.Code.Kind() == KindPreparatory && c.Valence == ValenceChange:
			s.PreparatoryChange += c.Count
		case c.Code.Kind() == KindPreparatory:
			s.PreparatorySustain += c.Count
		case c.Code.Kind() == KindMobilizing && c.Valence == ValenceChange:
			s.MobilizingChange += c.Count
		case c.Code.Kind() == KindMobilizing:
			s.MobilizingSustain += c.Count
		}
	}
	n := 0 // merged entries, so that Counts is allocated once
	if s.FollowNeutral > 0 {
		n++
	}
	for i := range codes {
		if change[i] > 0 {
			n++
		}
		if sustain[i] > 0 {
			n++
		}
	}
	s.Counts = make([]ClientCodeCount, 0, n)
	if s.FollowNeutral > 0 {
		s.Counts = append(s.Counts, ClientCodeCount{Code: ClientFollowNeutral, Count: s.FollowNeutral})
	}
	for i, code := range codes {
		if change[i] > 0 {
			s.Counts = append(s.Counts, ClientCodeCount{Code: code, Valence: ValenceChange, Count: change[i]})
		}
		if sustain[i] > 0 {
			s.Counts = append(s.Counts, ClientCodeCount{Code: code, Valence: ValenceSustain, Count: sustain[i]})
		}
	}
	s.PercentChangeTalk = ratioOf(s.ChangeTalk, s.ChangeTalk+s.SustainTalk)
	s.MobilizingShare = ratioOf(s.MobilizingChange, s.ChangeTalk)
	return s, nil
}

func codeIndex(codes []ClientCode, c ClientCode) int {
	for i, k := range codes {
		if k == c {
			return i
		}
	}
	return 0
}

// ClientLanguageCoding is one coder's client-language counts for a session.
type ClientLanguageCoding struct {
	ID uuid.UUID `json:"id"`
	// Session is the MI session coded.
	Session uuid.UUID `json:"session"`
	// Coder is the host's opaque ID of the person who coded it.
	Coder uuid.UUID `json:"coder"`
	// On is the date of the coded session.
	On     intervention.Date `json:"on"`
	Counts []ClientCodeCount `json:"counts"`
}

// Validate reports every problem with c, each under its JSON path.
func (c ClientLanguageCoding) Validate() error {
	errs := codingHeader(c.ID, c.Session, c.Coder, c.On)
	for i, n := range c.Counts {
		errs = append(errs, intervention.Prefix(intervention.Index("counts", i), n.Validate()))
	}
	return errors.Join(errs...)
}

// Summary returns ScoreClientLanguage of c's counts.
func (c ClientLanguageCoding) Summary() (ClientLanguageSummary, error) {
	return ScoreClientLanguage(c.Counts)
}
