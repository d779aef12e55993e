package billing

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Code is a CPT or HCPCS Level II service code in its printed form ("90834",
// "G0396", "H0050"). Only the codes below are known; ParseCode rejects any
// other text. The zero Code is invalid and means "no code" in a Result.
//
// The library carries no descriptor text (CPT descriptors are licensed): the
// doc comments paraphrase each code in a few words and Label returns a short
// label of our own.
type Code string

// Psychotherapy and diagnostic codes (CPT, face-to-face time only).
// reference: plans-and-interop.md §5.4.
const (
	// Code90832 is CPT 90832: individual psychotherapy, 16–37 minutes.
	Code90832 Code = "90832"
	// Code90834 is CPT 90834: individual psychotherapy, 38–52 minutes.
	Code90834 Code = "90834"
	// Code90837 is CPT 90837: individual psychotherapy, 53 minutes or more.
	Code90837 Code = "90837"
	// Code90846 is CPT 90846: family psychotherapy without the
	// patient present; a 50-minute code billable from 26 minutes.
	Code90846 Code = "90846"
	// Code90847 is CPT 90847: family (conjoint) psychotherapy with
	// the patient present; a 50-minute code billable from 26 minutes.
	Code90847 Code = "90847"
	// Code90849 is CPT 90849: multiple-family group psychotherapy.
	Code90849 Code = "90849"
	// Code90853 is CPT 90853: group psychotherapy, billed per
	// participant.
	Code90853 Code = "90853"
	// Code90791 is CPT 90791: psychiatric diagnostic evaluation.
	Code90791 Code = "90791"
)

// SBIRT codes: structured screening and brief intervention for alcohol or
// other drugs (not tobacco). reference: instruments.md §6.4.
const (
	// Code99408 is CPT 99408: structured screening and brief intervention,
	// 15 to 30 minutes (commercial and Medicaid).
	Code99408 Code = "99408"
	// Code99409 is CPT 99409: structured screening and brief intervention,
	// more than 30 minutes (commercial and Medicaid).
	Code99409 Code = "99409"
	// CodeG0396 is HCPCS G0396: structured assessment and brief
	// intervention, 15 to 30 minutes (Medicare).
	CodeG0396 Code = "G0396"
	// CodeG0397 is HCPCS G0397: structured assessment and brief
	// intervention, more than 30 minutes (Medicare).
	CodeG0397 Code = "G0397"
	// CodeG2011 is HCPCS G2011: structured assessment and brief
	// intervention, 5 to 14 minutes (Medicare).
	CodeG2011 Code = "G2011"
	// CodeH0049 is HCPCS H0049: alcohol and/or drug screening (state
	// Medicaid; Medi-Cal allows one a year per provider).
	CodeH0049 Code = "H0049"
	// CodeH0050 is HCPCS H0050: alcohol and/or drug brief
	// intervention, per 15 minutes (state Medicaid; Medi-Cal allows one a day
	// per provider). reference: instruments.md §6.4; plans-and-interop.md §5.4.
	CodeH0050 Code = "H0050"
	// CodeG0442 is HCPCS G0442: annual alcohol misuse
	// screening, 15 minutes (Medicare).
	CodeG0442 Code = "G0442"
	// CodeG0443 is HCPCS G0443: brief face-to-face counselling for
	// alcohol misuse, 15 minutes, up to four a year (Medicare).
	CodeG0443 Code = "G0443"
)

// HCPCS Level II codes used mostly by Medicaid and state programmes.
// reference: plans-and-interop.md §5.4.
const (
	// CodeH0004 is HCPCS H0004: behavioural health
	// counselling and therapy, per 15 minutes (states cap daily units, e.g. 12).
	CodeH0004 Code = "H0004"
	// CodeH0005 is HCPCS H0005: alcohol and/or drug group
	// counselling by a clinician.
	CodeH0005 Code = "H0005"
	// CodeH0038 is HCPCS H0038: self-help or peer services, per 15
	// minutes.
	CodeH0038 Code = "H0038"
	// CodeH0015 is HCPCS H0015: alcohol and/or drug intensive
	// outpatient treatment (at least 3 hours a day, 3 days a week, under an
	// individualised plan).
	CodeH0015 Code = "H0015"
	// CodeH2035 is HCPCS H2035: alcohol and/or drug treatment
	// programme, per hour.
	CodeH2035 Code = "H2035"
	// CodeT1006 is HCPCS T1006: alcohol and/or drug family or
	// couple counselling.
	CodeT1006 Code = "T1006"
	// CodeH0047 is HCPCS H0047: alcohol and/or drug
	// service not otherwise specified.
	CodeH0047 Code = "H0047"
	// CodeH0001 is HCPCS H0001: alcohol and/or drug assessment.
	CodeH0001 Code = "H0001"
	// CodeH0020 is HCPCS H0020: methadone administration.
	CodeH0020 Code = "H0020"
	// CodeH0033 is HCPCS H0033: directly observed oral
	// medication.
	CodeH0033 Code = "H0033"
)

// ErrUnknownCode means a code's text is not one of the known codes.
var ErrUnknownCode = fmt.Errorf("billing: code: %w", intervention.ErrUnknownValue)

// Codes returns every known code in a stable order.
func Codes() []Code {
	return []Code{
		Code90832, Code90834, Code90837,
		Code90846, Code90847, Code90849,
		Code90853, Code90791,
		Code99408, Code99409, CodeG0396, CodeG0397,
		CodeG2011, CodeH0049, CodeH0050,
		CodeG0442, CodeG0443,
		CodeH0004, CodeH0005, CodeH0038,
		CodeH0015, CodeH2035, CodeT1006,
		CodeH0047, CodeH0001, CodeH0020,
		CodeH0033,
	}
}

// ParseCode returns the code whose printed form is s ("90834", "H0050").
// Matching is exact: "h0050" and " 90834" are unknown.
func ParseCode(s string) (Code, error) {
	c := Code(s)
	if !c.Valid() {
		return "", ErrUnknownCode
	}
	return c, nil
}

// Valid reports whether c is a known code.
func (c Code) Valid() bool { return enum.Valid(c, Codes()) }

// String returns the printed form of c.
func (c Code) String() string { return string(c) }

// MarshalText encodes c; an unknown code is an error, so one is never stored.
func (c Code) MarshalText() ([]byte, error) { return enum.Marshal(c, Code.Valid, ErrUnknownCode) }

// UnmarshalText decodes c with ParseCode; on error *c is unchanged.
func (c *Code) UnmarshalText(b []byte) error { return enum.Unmarshal(c, b, ParseCode) }

// System returns the code set c belongs to: CPT for the five-digit codes,
// HCPCS Level II for a letter followed by four digits. It returns the zero
// System for an unknown code.
func (c Code) System() System {
	switch {
	case !c.Valid():
		return ""
	case c[0] >= '0' && c[0] <= '9':
		return SystemCPT
	}
	return SystemHCPCS
}

// PerFifteenMinutes reports whether c is billed in 15-minute units (H0004,
// H0038, H0050), the codes Units accepts. reference: plans-and-interop.md §5.4.
func (c Code) PerFifteenMinutes() bool {
	switch c {
	case CodeH0004, CodeH0038, CodeH0050:
		return true
	case Code90832, Code90834, Code90837,
		Code90846, Code90847, Code90849,
		Code90853, Code90791,
		Code99408, Code99409, CodeG0396, CodeG0397,
		CodeG2011, CodeH0049,
		CodeG0442, CodeG0443,
		CodeH0005, CodeH0015, CodeH2035,
		CodeT1006, CodeH0047, CodeH0001,
		CodeH0020, CodeH0033:
		return false
	}
	return false
}

// Label returns a short label for c in the library's own words (not the
// licensed descriptor), for display next to the code; "" for an unknown code.
func (c Code) Label() string {
	switch c {
	case Code90832:
		return "psychotherapy 16-37 min"
	case Code90834:
		return "psychotherapy 38-52 min"
	case Code90837:
		return "psychotherapy 53+ min"
	case Code90846:
		return "family psychotherapy, patient absent"
	case Code90847:
		return "family psychotherapy, patient present"
	case Code90849:
		return "multiple-family group psychotherapy"
	case Code90853:
		return "group psychotherapy"
	case Code90791:
		return "psychiatric diagnostic evaluation"
	case Code99408:
		return "SBI 15-30 min"
	case Code99409:
		return "SBI over 30 min"
	case CodeG0396:
		return "Medicare SBI 15-30 min"
	case CodeG0397:
		return "Medicare SBI over 30 min"
	case CodeG2011:
		return "Medicare SBI 5-14 min"
	case CodeH0049:
		return "AOD screening"
	case CodeH0050:
		return "AOD brief intervention per 15 min"
	case CodeG0442:
		return "annual alcohol misuse screening"
	case CodeG0443:
		return "alcohol misuse counselling 15 min"
	case CodeH0004:
		return "behavioural health counselling per 15 min"
	case CodeH0005:
		return "AOD group counselling"
	case CodeH0038:
		return "peer services per 15 min"
	case CodeH0015:
		return "AOD intensive outpatient"
	case CodeH2035:
		return "AOD programme per hour"
	case CodeT1006:
		return "AOD family or couple counselling"
	case CodeH0047:
		return "AOD service NOS"
	case CodeH0001:
		return "AOD assessment"
	case CodeH0020:
		return "methadone administration"
	case CodeH0033:
		return "directly observed oral medication"
	}
	return ""
}

// System names a code set.
// The zero System is invalid.
type System string

// The code sets of the known codes.
const (
	SystemCPT   System = "cpt"   // CPT (AMA), five digits
	SystemHCPCS System = "hcpcs" // HCPCS Level II (CMS), a letter and four digits
)

// ErrUnknownSystem means a code-set name is not "cpt" or "hcpcs".
var ErrUnknownSystem = fmt.Errorf("billing: code system: %w", intervention.ErrUnknownValue)

// Systems returns the code sets in a stable order.
func Systems() []System { return []System{SystemCPT, SystemHCPCS} }

// ParseSystem returns the code set named s ("cpt" or "hcpcs").
func ParseSystem(s string) (System, error) {
	v := System(s)
	if !v.Valid() {
		return "", ErrUnknownSystem
	}
	return v, nil
}

// Valid reports whether s is a known code set.
func (s System) Valid() bool { return enum.Valid(s, Systems()) }

// String returns the text form of s.
func (s System) String() string { return string(s) }

// MarshalText encodes s; an invalid System is an error.
func (s System) MarshalText() ([]byte, error) {
	return enum.Marshal(s, System.Valid, ErrUnknownSystem)
}

// UnmarshalText decodes s with ParseSystem; on error *s is unchanged.
func (s *System) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseSystem) }
