package plan

import (
	"errors"
	"reflect"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// Signature is one signature on a plan revision: the patient or guardian
// (or their documented refusal, with the reason), the author with
// credentials, or a co-signer (reference: plans-and-interop.md §4.5, (b)
// 15-16). A signature signs the content in force at Revision; rule P-SIGN-1
// requires one set for the plan and for every review.
type Signature struct {
	ID uuid.UUID `json:"id"`
	// Revision is the revision signed.
	Revision uuid.UUID  `json:"revision"`
	Role     SignerRole `json:"role"`
	// Signer is the host's opaque ID of the person; the plan's patient for
	// SignerPatient.
	Signer uuid.UUID `json:"signer"`
	// Credential is the author's or co-signer's credential code ("LADC").
	Credential string `json:"credential,omitzero"`
	// Qualified says that an author or co-signer is a qualified
	// professional under the jurisdiction's rule; an unqualified author's
	// plan may need a co-signature (TimingRule.Cosign).
	Qualified bool      `json:"qualified,omitzero"`
	SignedAt  time.Time `json:"signedAt"`
	// Declined, for a patient or guardian, records that the person did not
	// sign and why; SignedAt is then when that was documented.
	Declined DeclineReason `json:"declined,omitzero"`
	// ContentHash binds the signature to the content it signed: the
	// ContentHash of the revision signed, which Sign fills in (a different
	// one is ErrContentMismatch). A signature cannot be moved to edited
	// content without the document failing to decode.
	ContentHash string `json:"contentHash,omitzero"`
}

// Validate reports structural problems with s, on its own.
func (s Signature) Validate() error {
	errs := []error{checkID("id", s.ID), checkID("revision", s.Revision), checkID("signer", s.Signer)}
	if !s.Role.Valid() {
		errs = append(errs, field("role", ErrUnknownSignerRole))
	}
	staff := s.Role == SignerAuthor || s.Role == SignerCosigner
	errs = append(errs, checkCode("credential", s.Credential, false), checkInstant("signedAt", s.SignedAt))
	switch {
	case s.Credential != "" && !staff, s.Qualified && !staff:
		errs = append(errs, field("credential", intervention.ErrInconsistent))
	}
	switch {
	case s.Declined != "" && !s.Declined.Valid():
		errs = append(errs, field("declined", ErrUnknownDeclineReason))
	case s.Declined != "" && staff:
		errs = append(errs, field("declined", intervention.ErrInconsistent))
	}
	return errors.Join(errs...)
}

// Sign records a signature. The revision must be in the plan (ErrNotFound
// at "revision"), the signature dated no earlier than it (ErrOutOfOrder at
// "signedAt"), and a patient's signer must be the plan's patient
// (ErrInconsistent at "signer"). Signatures are accepted in every status,
// so that a co-signature can follow a discharge. Idempotent on the
// signature ID; the ID with other content is ErrConflict. A failed call
// changes nothing.
func (p *Plan) Sign(sig Signature) (replayed bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.snapLocked()
	if i, ok := s.index().revisions[sig.Revision]; ok && sig.Revision != uuid.Nil {
		switch want := s.revisions[i].ContentHash; sig.ContentHash {
		case "":
			sig.ContentHash = want
		case want:
		default:
			return false, field("contentHash", ErrContentMismatch)
		}
	}
	for _, old := range s.signatures {
		if old.ID == sig.ID && sig.ID != uuid.Nil {
			if !reflect.DeepEqual(old, sig) {
				return false, field("id", ErrConflict)
			}
			return true, nil
		}
	}
	if err := s.checkSignature(sig); err != nil {
		return false, err
	}
	n := s.nextSameIndex()
	n.signatures = append(n.signatures, sig)
	p.st = n
	return false, nil
}

// checkSignature reports every problem with sig as a signature of s.
func (s *state) checkSignature(sig Signature) error {
	errs := []error{sig.Validate()}
	if sig.Revision != uuid.Nil {
		i, ok := s.index().revisions[sig.Revision]
		switch {
		case !ok:
			errs = append(errs, field("revision", ErrNotFound))
		case !sig.SignedAt.IsZero() && sig.SignedAt.Before(s.revisions[i].At):
			errs = append(errs, field("signedAt", ErrOutOfOrder))
		}
	}
	if sig.Role == SignerPatient && sig.Signer != uuid.Nil && sig.Signer != s.cfg.Patient {
		errs = append(errs, field("signer", intervention.ErrInconsistent))
	}
	return errors.Join(errs...)
}
