package billing

import (
	"errors"

	"github.com/recoverykit/psychosocial/intervention"
)

// SBIRT time edges from the code descriptors. reference: instruments.md §6.4.
const (
	sbirtMedicareMin = 5  // G2011 starts at 5 minutes (Medicare only)
	sbirtShortMin    = 15 // 99408/G0396 start at 15 minutes
	sbirtShortMax    = 30 // 99408/G0396 end at 30 minutes inclusive ("15 to 30")
)

// SBIRTOptions sets the payer-dependent reading of the SBIRT time edges.
// The zero value is the descriptor reading, the default.
type SBIRTOptions struct {
	// LongAt30 bills exactly 30 minutes with the long code (99409/G0397):
	// SBIRT Oregon's "≥ 30 minutes" reading, which also matches its
	// "15–29 minutes" wording for 99408. False (the default) follows the
	// descriptors: 99408/G0396 are "15 to 30 minutes" and 99409/G0397
	// "greater than 30". reference: instruments.md §6.4, discrepancy D18.
	LongAt30 bool `json:"longAt30"`
}

// OregonSBIRT returns the options for payers that follow SBIRT Oregon's
// "≥ 30 minutes → 99409" reading (LongAt30). reference: instruments.md §6.4, D18.
func OregonSBIRT() SBIRTOptions { return SBIRTOptions{LongAt30: true} }

// SBIRT returns the screening and brief intervention code for minutes of
// structured screening plus intervention (time spent on an E/M service does
// not count), for payer. reference: instruments.md §6.4 and vector V51.
//
//   - under 5 min: not billable (ReasonBelowMinimum);
//   - 5–14 min: G2011 for Medicare; other payers have no code
//     (ReasonPayerExcluded), so 14 minutes is never 99408;
//   - 15–30 min: G0396 (Medicare) or 99408 (Medicaid, commercial);
//   - over 30 min: G0397 (Medicare) or 99409 (Medicaid, commercial).
//
// With opts.LongAt30, exactly 30 minutes takes the long code. A negative
// adult screen is not billable because no intervention took place; the
// caller decides that before asking for a code. Medicaid's state H-codes
// (H0049, H0050) are separate services: see Units for H0050.
//
// It returns an error wrapping intervention.ErrInvalid for minutes outside
// 0..MaxMinutes (field "minutes") or an unknown payer (field "payer").
func SBIRT(minutes int, payer Payer, opts SBIRTOptions) (Result, error) {
	var errs []error
	errs = append(errs, checkMinutes("minutes", minutes))
	if !payer.Valid() {
		errs = append(errs, intervention.Field("payer", ErrUnknownPayer))
	}
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	r := Result{Minutes: minutes, Rule: RuleSBIRTDescriptor, Payer: payer}
	longFrom := sbirtShortMax + 1
	if opts.LongAt30 {
		r.Rule, longFrom = RuleSBIRTLongAt30, sbirtShortMax
	}
	medicare := false
	switch payer {
	case PayerMedicare:
		medicare = true
	case PayerMedicaid, PayerCommercial:
	}
	switch {
	case minutes < sbirtMedicareMin:
		r.Reason = ReasonBelowMinimum
		return r, nil
	case minutes < sbirtShortMin && !medicare:
		r.Reason = ReasonPayerExcluded
		return r, nil
	case minutes < sbirtShortMin:
		r.Code = CodeG2011
	case minutes < longFrom && medicare:
		r.Code = CodeG0396
	case minutes < longFrom:
		r.Code = Code99408
	case medicare:
		r.Code = CodeG0397
	default:
		r.Code = Code99409
	}
	r.Units = 1
	return r, nil
}
