package plan

import (
	"strings"
)

// DiagnosisCode is an ICD-10-CM diagnosis code in its dotted form, such as
// "F10.20" (alcohol dependence, uncomplicated) or "F11.20". Only the form is
// checked (a letter, a digit, a letter or digit, then optionally '.' and 1–4
// letters or digits); whether the code exists in the current code set is
// the host's terminology service's job (reference: plans-and-interop.md
// §5.3, (b) 3). The zero DiagnosisCode is invalid.
type DiagnosisCode string

// ParseDiagnosisCode returns s as a DiagnosisCode. Lowercase letters are
// accepted and upper-cased; a code of four or more characters without the
// dot gets it ("F1020" is "F10.20").
func ParseDiagnosisCode(s string) (DiagnosisCode, error) {
	c := strings.ToUpper(s)
	if len(c) > 3 && !strings.Contains(c, ".") {
		c = c[:3] + "." + c[3:]
	}
	if d := DiagnosisCode(c); d.Valid() {
		return d, nil
	}
	return "", ErrBadDiagnosis
}

// Valid reports whether d has the dotted ICD-10-CM form, upper case.
func (d DiagnosisCode) Valid() bool {
	s := string(d)
	if len(s) != 3 && (len(s) < 5 || len(s) > 8 || s[3] != '.') {
		return false
	}
	for i := range len(s) {
		c := s[i]
		upper, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		switch {
		case i == 0 && !upper, i == 1 && !digit, i == 2 && !upper && !digit:
			return false
		case i > 3 && !upper && !digit:
			return false
		}
	}
	return true
}

// IsSubstanceUse reports whether d is in F10–F19, "mental and behavioral
// disorders due to psychoactive substance use" (reference:
// plans-and-interop.md (b) 3, "ICD-10-CM F10–F19 etc.").
func (d DiagnosisCode) IsSubstanceUse() bool {
	s := string(d)
	return d.Valid() && s[0] == 'F' && s[1] == '1' && s[2] >= '0' && s[2] <= '9'
}

// String returns the code.
func (d DiagnosisCode) String() string { return string(d) }

// MarshalText encodes d; an invalid code is an error.
func (d DiagnosisCode) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, ErrBadDiagnosis
	}
	return []byte(d), nil
}

// UnmarshalText decodes d strictly: the dotted, upper-case form only (the
// form MarshalText writes). On error *d is unchanged.
func (d *DiagnosisCode) UnmarshalText(b []byte) error {
	v := DiagnosisCode(b)
	if !v.Valid() {
		return ErrBadDiagnosis
	}
	*d = v
	return nil
}
