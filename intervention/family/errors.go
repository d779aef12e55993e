package family

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rules this package reports. Each wraps intervention.ErrInvalid (through one
// of the shared rules), and each arrives inside an *intervention.FieldError
// naming the JSON path of the field that broke it; no error carries a value.
var (
	// ErrUnknownModel means a family-therapy model is not one of the Models.
	ErrUnknownModel = fmt.Errorf("family: model: %w", intervention.ErrUnknownValue)
	// ErrUnknownCRAFTProcedure means a CRAFT procedure is not one of the
	// CRAFTProcedures.
	ErrUnknownCRAFTProcedure = fmt.Errorf("family: CRAFT procedure: %w", intervention.ErrUnknownValue)
	// ErrUnknownBCTComponent means a BCT component is not one of the BCTComponents.
	ErrUnknownBCTComponent = fmt.Errorf("family: BCT component: %w", intervention.ErrUnknownValue)
	// ErrUnknownBSFTComponent means a BSFT component is not one of the
	// BSFTComponents.
	ErrUnknownBSFTComponent = fmt.Errorf("family: BSFT component: %w", intervention.ErrUnknownValue)
	// ErrUnknownMDFTDomain means an MDFT domain is not one of the MDFTDomains.
	ErrUnknownMDFTDomain = fmt.Errorf("family: MDFT domain: %w", intervention.ErrUnknownValue)
	// ErrUnknownMDFTStage means an MDFT stage is not one of the MDFTStages.
	ErrUnknownMDFTStage = fmt.Errorf("family: MDFT stage: %w", intervention.ErrUnknownValue)
	// ErrUnknownFFTPhase means an FFT phase is not one of the FFTPhases.
	ErrUnknownFFTPhase = fmt.Errorf("family: FFT phase: %w", intervention.ErrUnknownValue)
	// ErrUnknownContractItem means a recovery-contract item is not one of
	// the ContractItems.
	ErrUnknownContractItem = fmt.Errorf("family: contract item: %w", intervention.ErrUnknownValue)
	// ErrUnknownDayStatus means a calendar status is not one of the DayStatuses.
	ErrUnknownDayStatus = fmt.Errorf("family: day status: %w", intervention.ErrUnknownValue)
	// ErrUnknownDVRisk means a domestic-violence screen result is not one of
	// the DVRisks.
	ErrUnknownDVRisk = fmt.Errorf("family: DV risk: %w", intervention.ErrUnknownValue)
	// ErrUnknownInvitationOutcome means an invitation outcome is not one of
	// the InvitationOutcomes.
	ErrUnknownInvitationOutcome = fmt.Errorf("family: invitation outcome: %w", intervention.ErrUnknownValue)
	// ErrNotFamily means a member's role is not a family role
	// (intervention.Role.IsFamily): the patient, clinicians and peer
	// supporters are not members.
	ErrNotFamily = fmt.Errorf("family: role is not a family role: %w", intervention.ErrInvalid)
	// ErrWrongModel means a record or session field belongs to another
	// model than the therapy's (a BCT calendar entry in a CRAFT therapy, an
	// FFT phase in an MDFT session).
	ErrWrongModel = fmt.Errorf("family: belongs to another model: %w", intervention.ErrInconsistent)
	// ErrNoTrustDiscussion means a recovery contract does not include the
	// daily trust discussion, the core of the BCT contract (reference:
	// plans-and-interop.md §2).
	ErrNoTrustDiscussion = fmt.Errorf("family: recovery contract lacks the trust discussion: %w", intervention.ErrMissing)
	// ErrNoContract means a calendar entry is dated before any recovery
	// contract, or names an item the contract in force does not contain.
	ErrNoContract = fmt.Errorf("family: no recovery contract in force covers the entry: %w", intervention.ErrInconsistent)
	// ErrConsentRequired means a family member would take part in a session
	// or receive information without a consent that permits it (42 CFR Part
	// 2; reference: plans-and-interop.md §5.5, rules 33 and 35). It arrives
	// inside a *ConsentError that says why.
	ErrConsentRequired = fmt.Errorf("family: no consent permits disclosure to the member: %w", intervention.ErrInconsistent)
	// ErrConsentInUse means a revocation or expiry event was recorded with
	// a date that would withdraw the consent from a session or contract
	// already recorded in reliance on it. Disclosures made in reliance on a
	// consent stand (§2.31); record the revocation on the day it took
	// effect, after them.
	ErrConsentInUse = fmt.Errorf("family: consent was relied on after that date: %w", intervention.ErrInconsistent)
	// ErrConflict means an ID (or a calendar day and item) was recorded
	// before with different content. Recording the same content again is a
	// no-op, never an error.
	ErrConflict = fmt.Errorf("family: ID recorded before with different content: %w", intervention.ErrDuplicate)
	// ErrNotRecorded means a record refers to a member or session the
	// therapy does not hold.
	ErrNotRecorded = fmt.Errorf("family: refers to an entry that was not recorded: %w", intervention.ErrInconsistent)
	// ErrSchemaVersion means a JSON document has a schemaVersion this
	// version of the library does not read.
	ErrSchemaVersion = fmt.Errorf("family: unsupported schemaVersion: %w", intervention.ErrUnknownValue)
	// ErrMalformedJSON means a JSON document is not the shape expected
	// (syntax error, wrong type, unknown key).
	ErrMalformedJSON = fmt.Errorf("family: malformed JSON: %w", intervention.ErrInvalid)
)

// ConsentError says why a family member may not take part or receive
// information: Reason is the answer of the member's most relevant consent
// (see Therapy.CanShare). It unwraps to ErrConsentRequired and arrives
// inside an *intervention.FieldError naming the participant's path. Its
// message names the path and the reason, never the member's ID; Member is
// there for the host's code.
type ConsentError struct {
	Member uuid.UUID
	Reason intervention.ConsentReason
}

// Error reports the reason.
func (e *ConsentError) Error() string {
	return "family: no consent permits disclosure to the member: " + consentReasonText(e.Reason)
}

// Unwrap returns ErrConsentRequired.
func (e *ConsentError) Unwrap() error { return ErrConsentRequired }

// consentReasonText returns the reason's text, or "(invalid)".
func consentReasonText(r intervention.ConsentReason) string {
	return enumText(string(r), r.Valid())
}

// field returns a FieldError for path and rule.
func field(path string, rule error) error { return &intervention.FieldError{Field: path, Err: rule} }
