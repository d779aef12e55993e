package family

import (
	"errors"
	"slices"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// Session is one family or couples therapy session: the shared session
// record (who was expected, who attended with which role, for how long)
// and what of the therapy's model it covered. Only the fields of the
// therapy's model may be set (ErrWrongModel otherwise), and only when
// someone attended. It holds no notes.
type Session struct {
	// Session is the shared record; its Modality is family-therapy and its
	// Format family or conjoint (a couple: the patient and a partner).
	Session intervention.Session `json:"session"`
	// CRAFTProcedures are the CRAFT procedures covered.
	CRAFTProcedures []CRAFTProcedure `json:"craftProcedures,omitzero"`
	// BCTComponents are the BCT components covered.
	BCTComponents []BCTComponent `json:"bctComponents,omitzero"`
	// BSFTComponents are the BSFT components worked on.
	BSFTComponents []BSFTComponent `json:"bsftComponents,omitzero"`
	// MDFTStage is the MDFT stage the session belongs to; zero if not stated.
	MDFTStage MDFTStage `json:"mdftStage,omitzero"`
	// MDFTDomains are the MDFT domains the session worked in.
	MDFTDomains []MDFTDomain `json:"mdftDomains,omitzero"`
	// FFTPhase is the FFT phase of the session; zero if not stated.
	FFTPhase FFTPhase `json:"fftPhase,omitzero"`
}

// Validate reports every problem with s that does not depend on the
// therapy, each under its JSON path: a valid session of modality
// family-therapy (ErrInconsistent at "session.modality") in format family
// or conjoint (ErrInconsistent at "session.format"), known and distinct
// model elements, and elements only when someone attended
// (ErrInconsistent at the element's path).
func (s Session) Validate() error {
	errs := []error{intervention.Prefix("session", s.Session.Validate())}
	if s.Session.Modality.Valid() && s.Session.Modality != intervention.ModalityFamilyTherapy {
		errs = append(errs, field("session.modality", intervention.ErrInconsistent))
	}
	switch s.Session.Format {
	case intervention.FormatFamily, intervention.FormatConjoint:
	case intervention.FormatIndividual, intervention.FormatGroup:
		errs = append(errs, field("session.format", intervention.ErrInconsistent))
	}
	errs = append(errs, checkList("craftProcedures", s.CRAFTProcedures, CRAFTProcedure.Valid, ErrUnknownCRAFTProcedure)...)
	errs = append(errs, checkList("bctComponents", s.BCTComponents, BCTComponent.Valid, ErrUnknownBCTComponent)...)
	errs = append(errs, checkList("bsftComponents", s.BSFTComponents, BSFTComponent.Valid, ErrUnknownBSFTComponent)...)
	errs = append(errs, checkList("mdftDomains", s.MDFTDomains, MDFTDomain.Valid, ErrUnknownMDFTDomain)...)
	if s.MDFTStage != "" && !s.MDFTStage.Valid() {
		errs = append(errs, field("mdftStage", ErrUnknownMDFTStage))
	}
	if s.FFTPhase != "" && !s.FFTPhase.Valid() {
		errs = append(errs, field("fftPhase", ErrUnknownFFTPhase))
	}
	if len(s.Session.Present()) == 0 {
		for _, path := range s.elementPaths() {
			errs = append(errs, field(path, intervention.ErrInconsistent))
		}
	}
	return errors.Join(errs...)
}

// elementPaths returns the JSON paths of the model fields s sets.
func (s Session) elementPaths() []string {
	var out []string
	add := func(set bool, path string) {
		if set {
			out = append(out, path)
		}
	}
	add(len(s.CRAFTProcedures) > 0, "craftProcedures")
	add(len(s.BCTComponents) > 0, "bctComponents")
	add(len(s.BSFTComponents) > 0, "bsftComponents")
	add(s.MDFTStage != "", "mdftStage")
	add(len(s.MDFTDomains) > 0, "mdftDomains")
	add(s.FFTPhase != "", "fftPhase")
	return out
}

// modelPaths returns the JSON paths of the fields of s that belong to
// another model than m.
func (s Session) modelPaths(m Model) []string {
	own := map[Model][]string{
		ModelCRAFT: {"craftProcedures"},
		ModelBCT:   {"bctComponents"},
		ModelBSFT:  {"bsftComponents"},
		ModelMDFT:  {"mdftStage", "mdftDomains"},
		ModelFFT:   {"fftPhase"},
	}[m]
	var out []string
	for _, p := range s.elementPaths() {
		if !slices.Contains(own, p) {
			out = append(out, p)
		}
	}
	return out
}

// FamilyPresent reports whether a participant with a family role attended.
func (s Session) FamilyPresent() bool {
	return slices.ContainsFunc(s.Session.Participants, func(p intervention.SessionParticipant) bool {
		return p.Role.IsFamily() && p.Attendance.Present()
	})
}

// Held reports whether anyone — the patient or a family member — attended.
func (s Session) Held() bool { return s.FamilyPresent() || s.Session.PatientPresent() }

// BillableMinutes is the session's face-to-face minutes when a family
// member attended, and 0 otherwise: family psychotherapy needs the family
// (reference: plans-and-interop.md §5.4).
func (s Session) BillableMinutes() int {
	if !s.FamilyPresent() {
		return 0
	}
	return s.Session.Minutes
}

// Billing returns the family psychotherapy code for s: CPT 90847 when the
// identified patient was present (conjoint), 90846 when absent, each from 26
// minutes of BillableMinutes; 25 minutes is not billable
// (billing.ReasonBelowMinimum). It uses billing.FamilyPsychotherapy
// (reference: plans-and-interop.md §5.4, rule P-BILL-TIME-1) and returns its
// error, wrapping intervention.ErrInvalid, for minutes out of range.
func (s Session) Billing() (billing.Result, error) {
	return billing.FamilyPsychotherapy(s.BillableMinutes(), s.Session.PatientPresent())
}

func cloneSession(s Session) Session {
	s.Session.Participants = slices.Clone(s.Session.Participants)
	s.Session.Topics = slices.Clone(s.Session.Topics)
	s.CRAFTProcedures = slices.Clone(s.CRAFTProcedures)
	s.BCTComponents = slices.Clone(s.BCTComponents)
	s.BSFTComponents = slices.Clone(s.BSFTComponents)
	s.MDFTDomains = slices.Clone(s.MDFTDomains)
	return s
}
