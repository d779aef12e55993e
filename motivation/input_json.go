package motivation

import (
	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
)

// Scorer inputs decode strictly, as every document does: a key the type
// does not define, or defines in another case, is an error rather than a
// count silently read as 0 (a misspelt MITI code), and a fixed-length
// answer list must have exactly its length (a 39-item SOCRATES array is
// refused, not scored from its first 19). Errors wrap ErrMalformedJSON or
// the rule a value broke, name the path, and never quote the input. On
// error the receiver is unchanged.

// The method-free forms the decoder fills.
type (
	uricaAnswersJSON         URICAAnswers
	socratesAnswersJSON      SOCRATESAnswers
	mitiCountsJSON           MITICounts
	mitiGlobalsJSON          MITIGlobals
	mitiCodingJSON           MITICoding
	clientCodeCountJSON      ClientCodeCount
	clientLanguageCodingJSON ClientLanguageCoding
	stagingAnswersJSON       StagingAnswers
)

// decodeInput decodes b strictly into a W.
func decodeInput[W any](b []byte) (W, error) {
	var w W
	err := wire.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON)
	return w, err
}

// UnmarshalJSON decodes a strictly: "items" must hold exactly URICAItems
// answers.
func (a *URICAAnswers) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[uricaAnswersJSON](b)
	if err == nil {
		*a = URICAAnswers(w)
	}
	return err
}

// UnmarshalJSON decodes a strictly: "items" must hold exactly
// SOCRATESItems answers.
func (a *SOCRATESAnswers) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[socratesAnswersJSON](b)
	if err == nil {
		*a = SOCRATESAnswers(w)
	}
	return err
}

// UnmarshalJSON decodes c strictly: an unknown or misspelt code is an
// error, never a count of 0.
func (c *MITICounts) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[mitiCountsJSON](b)
	if err == nil {
		*c = MITICounts(w)
	}
	return err
}

// UnmarshalJSON decodes g strictly: an unknown or misspelt global is an
// error, never a rating of 0.
func (g *MITIGlobals) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[mitiGlobalsJSON](b)
	if err == nil {
		*g = MITIGlobals(w)
	}
	return err
}

// UnmarshalJSON decodes c strictly and validates it (see Validate), so a
// decoded coding can always be encoded again.
func (c *MITICoding) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[mitiCodingJSON](b)
	if err == nil {
		err = MITICoding(w).Validate()
	}
	if err == nil {
		*c = MITICoding(w)
	}
	return err
}

// UnmarshalJSON decodes c strictly and validates it: an unset or unknown
// code is an error, never a count that cannot be written again.
func (c *ClientCodeCount) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[clientCodeCountJSON](b)
	if err == nil {
		err = ClientCodeCount(w).Validate()
	}
	if err == nil {
		*c = ClientCodeCount(w)
	}
	return err
}

// UnmarshalJSON decodes c strictly and validates it (see Validate).
func (c *ClientLanguageCoding) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[clientLanguageCodingJSON](b)
	if err == nil {
		err = ClientLanguageCoding(w).Validate()
	}
	if err == nil {
		*c = ClientLanguageCoding(w)
	}
	return err
}

// UnmarshalJSON decodes a strictly.
func (a *StagingAnswers) UnmarshalJSON(b []byte) error {
	w, err := decodeInput[stagingAnswersJSON](b)
	if err == nil {
		*a = StagingAnswers(w)
	}
	return err
}
