package family

import "github.com/recoverykit/psychosocial/internal/enum"

// CRAFTProcedure is one procedure of CRAFT, as the chapters of the
// Guilford 2023 manual name them (reference: plans-and-interop.md §2). The
// domestic-violence precautions that come first are not a procedure here but
// a record of their own (DVScreen). The zero CRAFTProcedure is invalid.
type CRAFTProcedure string

// The CRAFT procedures, in manual order (reference: plans-and-interop.md §2).
const (
	// CRAFTInformingMotivating is informing and motivating the CSO.
	CRAFTInformingMotivating CRAFTProcedure = "informing-motivating"
	// CRAFTFunctionalAnalysisUse is the functional analysis of the loved
	// one's use.
	CRAFTFunctionalAnalysisUse CRAFTProcedure = "functional-analysis-use"
	// CRAFTCommunicationSkills is CSO communication skills.
	CRAFTCommunicationSkills CRAFTProcedure = "communication-skills"
	// CRAFTRewardingNonUse is rewarding the loved one's non-using behaviour.
	CRAFTRewardingNonUse CRAFTProcedure = "rewarding-non-use"
	// CRAFTFunctionalAnalysisHealthy is the functional analysis of the loved
	// one's healthy behaviour.
	CRAFTFunctionalAnalysisHealthy CRAFTProcedure = "functional-analysis-healthy"
	// CRAFTWithdrawingRewards is withdrawing rewards for using.
	CRAFTWithdrawingRewards CRAFTProcedure = "withdrawing-rewards"
	// CRAFTNaturalConsequences is allowing natural negative consequences.
	CRAFTNaturalConsequences CRAFTProcedure = "natural-consequences"
	// CRAFTProblemSolving is problem solving.
	CRAFTProblemSolving CRAFTProcedure = "problem-solving"
	// CRAFTEnrichingCSOLife is helping the CSO enrich their own life.
	CRAFTEnrichingCSOLife CRAFTProcedure = "enriching-cso-life"
	// CRAFTInvitingIP is inviting the identified patient to enter treatment;
	// record each attempt as an Invitation.
	CRAFTInvitingIP CRAFTProcedure = "inviting-ip"
	// CRAFTCRAWithIP is the Community Reinforcement Approach with the
	// identified patient once they enter treatment.
	CRAFTCRAWithIP CRAFTProcedure = "cra-with-ip"
)

// CRAFTProcedures returns every CRAFTProcedure in manual order.
func CRAFTProcedures() []CRAFTProcedure {
	return []CRAFTProcedure{
		CRAFTInformingMotivating, CRAFTFunctionalAnalysisUse, CRAFTCommunicationSkills,
		CRAFTRewardingNonUse, CRAFTFunctionalAnalysisHealthy, CRAFTWithdrawingRewards,
		CRAFTNaturalConsequences, CRAFTProblemSolving, CRAFTEnrichingCSOLife,
		CRAFTInvitingIP, CRAFTCRAWithIP,
	}
}

// ParseCRAFTProcedure returns the CRAFTProcedure whose text form is s, or
// ErrUnknownCRAFTProcedure.
func ParseCRAFTProcedure(s string) (CRAFTProcedure, error) {
	return enum.Parse(CRAFTProcedure(s), CRAFTProcedure.Valid, ErrUnknownCRAFTProcedure)
}

// Valid reports whether p is one of the CRAFTProcedures.
func (p CRAFTProcedure) Valid() bool { return enum.Valid(p, CRAFTProcedures()) }

// BehaviorChange reports whether p changes how the CSO acts toward the
// loved one — communication, rewarding non-use, withdrawing rewards,
// allowing consequences, problem solving, inviting to treatment — and so
// must follow the domestic-violence precautions (rule C-FAMILY-1;
// reference: plans-and-interop.md §2, "Domestic-violence precautions
// first"). The reference does not list which procedures count; this
// grouping is the library's: assessment (informing, functional analyses),
// the CSO's own enrichment and CRA with the patient are not included.
func (p CRAFTProcedure) BehaviorChange() bool {
	switch p {
	case CRAFTCommunicationSkills, CRAFTRewardingNonUse, CRAFTWithdrawingRewards,
		CRAFTNaturalConsequences, CRAFTProblemSolving, CRAFTInvitingIP:
		return true
	case CRAFTInformingMotivating, CRAFTFunctionalAnalysisUse, CRAFTFunctionalAnalysisHealthy,
		CRAFTEnrichingCSOLife, CRAFTCRAWithIP:
		return false
	}
	return false
}

// String returns the text form of p.
func (p CRAFTProcedure) String() string { return string(p) }

// MarshalText encodes p; an invalid procedure is an error.
func (p CRAFTProcedure) MarshalText() ([]byte, error) {
	return enum.Marshal(p, CRAFTProcedure.Valid, ErrUnknownCRAFTProcedure)
}

// UnmarshalText decodes p with ParseCRAFTProcedure; on error *p is unchanged.
func (p *CRAFTProcedure) UnmarshalText(b []byte) error {
	return enum.Unmarshal(p, b, ParseCRAFTProcedure)
}

// BCTComponent is one in-session component of Behavioral Couples Therapy
// (reference: plans-and-interop.md §2: recovery contract, calendar reviewed
// at the start of each session, trust discussion practised in session,
// "Catch Your Partner Doing Something Nice", positive activities,
// communication-skills training). The zero BCTComponent is invalid.
type BCTComponent string

// The BCT components (reference: plans-and-interop.md §2).
const (
	// BCTRecoveryContract is setting up or reviewing the recovery contract.
	BCTRecoveryContract BCTComponent = "recovery-contract"
	// BCTCalendarReview is reviewing the recovery-contract calendar at the
	// start of the session.
	BCTCalendarReview BCTComponent = "calendar-review"
	// BCTTrustDiscussionPractice is practising the trust discussion in session.
	BCTTrustDiscussionPractice BCTComponent = "trust-discussion-practice"
	// BCTCatchYourPartner is "Catch Your Partner Doing Something Nice".
	BCTCatchYourPartner BCTComponent = "catch-your-partner"
	// BCTSharedActivities is planning positive shared activities.
	BCTSharedActivities BCTComponent = "shared-activities"
	// BCTCommunicationSkills is communication-skills training.
	BCTCommunicationSkills BCTComponent = "communication-skills"
)

// BCTComponents returns every BCTComponent in a stable order.
func BCTComponents() []BCTComponent {
	return []BCTComponent{
		BCTRecoveryContract, BCTCalendarReview, BCTTrustDiscussionPractice,
		BCTCatchYourPartner, BCTSharedActivities, BCTCommunicationSkills,
	}
}

// ParseBCTComponent returns the BCTComponent whose text form is s, or
// ErrUnknownBCTComponent.
func ParseBCTComponent(s string) (BCTComponent, error) {
	return enum.Parse(BCTComponent(s), BCTComponent.Valid, ErrUnknownBCTComponent)
}

// Valid reports whether c is one of the BCTComponents.
func (c BCTComponent) Valid() bool { return enum.Valid(c, BCTComponents()) }

// String returns the text form of c.
func (c BCTComponent) String() string { return string(c) }

// MarshalText encodes c; an invalid component is an error.
func (c BCTComponent) MarshalText() ([]byte, error) {
	return enum.Marshal(c, BCTComponent.Valid, ErrUnknownBCTComponent)
}

// UnmarshalText decodes c with ParseBCTComponent; on error *c is unchanged.
func (c *BCTComponent) UnmarshalText(b []byte) error {
	return enum.Unmarshal(c, b, ParseBCTComponent)
}

// BSFTComponent is one of the three components of Brief Strategic Family
// Therapy, in order: joining, systemic diagnosis (through enactments),
// restructuring (reference: plans-and-interop.md §2). The zero
// BSFTComponent is invalid.
type BSFTComponent string

// The BSFT components, in order (reference: plans-and-interop.md §2).
const (
	// BSFTJoining is joining the family.
	BSFTJoining BSFTComponent = "joining"
	// BSFTSystemicDiagnosis is systemic diagnosis through enactments.
	BSFTSystemicDiagnosis BSFTComponent = "systemic-diagnosis"
	// BSFTRestructuring is restructuring: highlights, reframes and tasks.
	BSFTRestructuring BSFTComponent = "restructuring"
)

// BSFTComponents returns every BSFTComponent in order.
func BSFTComponents() []BSFTComponent {
	return []BSFTComponent{BSFTJoining, BSFTSystemicDiagnosis, BSFTRestructuring}
}

// ParseBSFTComponent returns the BSFTComponent whose text form is s, or
// ErrUnknownBSFTComponent.
func ParseBSFTComponent(s string) (BSFTComponent, error) {
	return enum.Parse(BSFTComponent(s), BSFTComponent.Valid, ErrUnknownBSFTComponent)
}

// Valid reports whether c is one of the BSFTComponents.
func (c BSFTComponent) Valid() bool { return enum.Valid(c, BSFTComponents()) }

// String returns the text form of c.
func (c BSFTComponent) String() string { return string(c) }

// MarshalText encodes c; an invalid component is an error.
func (c BSFTComponent) MarshalText() ([]byte, error) {
	return enum.Marshal(c, BSFTComponent.Valid, ErrUnknownBSFTComponent)
}

// UnmarshalText decodes c with ParseBSFTComponent; on error *c is unchanged.
func (c *BSFTComponent) UnmarshalText(b []byte) error {
	return enum.Unmarshal(c, b, ParseBSFTComponent)
}

// MDFTDomain is one of the four domains of Multidimensional Family Therapy,
// each with its own goals (reference: plans-and-interop.md §2). The zero
// MDFTDomain is invalid.
type MDFTDomain string

// The MDFT domains (reference: plans-and-interop.md §2).
const (
	MDFTAdolescent MDFTDomain = "adolescent"
	MDFTParent     MDFTDomain = "parent"
	MDFTFamily     MDFTDomain = "family"
	MDFTCommunity  MDFTDomain = "community"
)

// MDFTDomains returns every MDFTDomain in a stable order.
func MDFTDomains() []MDFTDomain {
	return []MDFTDomain{MDFTAdolescent, MDFTParent, MDFTFamily, MDFTCommunity}
}

// ParseMDFTDomain returns the MDFTDomain whose text form is s, or
// ErrUnknownMDFTDomain.
func ParseMDFTDomain(s string) (MDFTDomain, error) {
	return enum.Parse(MDFTDomain(s), MDFTDomain.Valid, ErrUnknownMDFTDomain)
}

// Valid reports whether d is one of the MDFTDomains.
func (d MDFTDomain) Valid() bool { return enum.Valid(d, MDFTDomains()) }

// String returns the text form of d.
func (d MDFTDomain) String() string { return string(d) }

// MarshalText encodes d; an invalid domain is an error.
func (d MDFTDomain) MarshalText() ([]byte, error) {
	return enum.Marshal(d, MDFTDomain.Valid, ErrUnknownMDFTDomain)
}

// UnmarshalText decodes d with ParseMDFTDomain; on error *d is unchanged.
func (d *MDFTDomain) UnmarshalText(b []byte) error { return enum.Unmarshal(d, b, ParseMDFTDomain) }

// MDFTStage is one of the three stages of MDFT, in order: build the
// foundation, facilitate change, solidify changes and exit (reference:
// plans-and-interop.md §2). The zero MDFTStage means "not stated" in a
// Session and is otherwise invalid.
type MDFTStage string

// The MDFT stages, in order (reference: plans-and-interop.md §2).
const (
	MDFTBuildFoundation  MDFTStage = "build-foundation"
	MDFTFacilitateChange MDFTStage = "facilitate-change"
	MDFTSolidifyChange   MDFTStage = "solidify-change"
)

// MDFTStages returns every MDFTStage in order.
func MDFTStages() []MDFTStage {
	return []MDFTStage{MDFTBuildFoundation, MDFTFacilitateChange, MDFTSolidifyChange}
}

// ParseMDFTStage returns the MDFTStage whose text form is s, or
// ErrUnknownMDFTStage.
func ParseMDFTStage(s string) (MDFTStage, error) {
	return enum.Parse(MDFTStage(s), MDFTStage.Valid, ErrUnknownMDFTStage)
}

// Valid reports whether s is one of the MDFTStages.
func (s MDFTStage) Valid() bool { return enum.Valid(s, MDFTStages()) }

// Ordinal returns s's position in MDFTStages from 1, or 0 when s is invalid.
func (s MDFTStage) Ordinal() int { return ordinal(s, MDFTStages()) }

// String returns the text form of s.
func (s MDFTStage) String() string { return string(s) }

// MarshalText encodes s; an invalid stage is an error.
func (s MDFTStage) MarshalText() ([]byte, error) {
	return enum.Marshal(s, MDFTStage.Valid, ErrUnknownMDFTStage)
}

// UnmarshalText decodes s with ParseMDFTStage; on error *s is unchanged.
func (s *MDFTStage) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseMDFTStage) }

// FFTPhase is one phase of Functional Family Therapy, in order:
// (pretreatment) engagement, motivation, relational assessment, behaviour
// change, generalization (reference: plans-and-interop.md §2). The zero
// FFTPhase means "not stated" in a Session and is otherwise invalid.
type FFTPhase string

// The FFT phases, in order (reference: plans-and-interop.md §2).
const (
	FFTEngagement           FFTPhase = "engagement"
	FFTMotivation           FFTPhase = "motivation"
	FFTRelationalAssessment FFTPhase = "relational-assessment"
	FFTBehaviorChange       FFTPhase = "behavior-change"
	FFTGeneralization       FFTPhase = "generalization"
)

// FFTPhases returns every FFTPhase in order.
func FFTPhases() []FFTPhase {
	return []FFTPhase{FFTEngagement, FFTMotivation, FFTRelationalAssessment, FFTBehaviorChange, FFTGeneralization}
}

// ParseFFTPhase returns the FFTPhase whose text form is s, or ErrUnknownFFTPhase.
func ParseFFTPhase(s string) (FFTPhase, error) {
	return enum.Parse(FFTPhase(s), FFTPhase.Valid, ErrUnknownFFTPhase)
}

// Valid reports whether p is one of the FFTPhases.
func (p FFTPhase) Valid() bool { return enum.Valid(p, FFTPhases()) }

// Ordinal returns p's position in FFTPhases from 1, or 0 when p is invalid.
func (p FFTPhase) Ordinal() int { return ordinal(p, FFTPhases()) }

// String returns the text form of p.
func (p FFTPhase) String() string { return string(p) }

// MarshalText encodes p; an invalid phase is an error.
func (p FFTPhase) MarshalText() ([]byte, error) {
	return enum.Marshal(p, FFTPhase.Valid, ErrUnknownFFTPhase)
}

// UnmarshalText decodes p with ParseFFTPhase; on error *p is unchanged.
func (p *FFTPhase) UnmarshalText(b []byte) error { return enum.Unmarshal(p, b, ParseFFTPhase) }

// ordinal returns v's position in list from 1, or 0 when absent.
func ordinal[T comparable](v T, list []T) int {
	for i, x := range list {
		if x == v {
			return i + 1
		}
	}
	return 0
}
