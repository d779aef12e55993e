package contingency

import (
	"fmt"
	"strings"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Substance names an analyte or drug class a specimen is tested for. The
// built-in substances are the constants below; a host names its own with
// CustomSubstance ("x-" followed by lowercase letters, digits and hyphens),
// e.g. "x-xylazine". The zero Substance is invalid.
//
// Only the substances in a programme's Target decide its outcomes: the
// California programme pays for stimulant-negative results even when other
// drugs are present (reference: contingency.md §3, RIP-3).
type Substance string

// The built-in substances: the analytes named by the programmes in
// reference/contingency.md (CRA+Vouchers: cocaine; RIP: methamphetamine,
// amphetamine, cocaine, with opioids, THC and alcohol not counting; CTN-0007:
// stimulants and alcohol primary, opioids secondary) and the other classes of
// a common urine drug-screen panel.
const (
	SubstanceCocaine         Substance = "cocaine"
	SubstanceMethamphetamine Substance = "methamphetamine"
	SubstanceAmphetamine     Substance = "amphetamine"
	SubstanceMDMA            Substance = "mdma"
	SubstanceOpioids         Substance = "opioids" // the opiate class (morphine, codeine, heroin metabolite)
	SubstanceFentanyl        Substance = "fentanyl"
	SubstanceOxycodone       Substance = "oxycodone"
	SubstanceBuprenorphine   Substance = "buprenorphine"
	SubstanceMethadone       Substance = "methadone"
	SubstanceAlcohol         Substance = "alcohol" // breath or urine (EtG) alcohol
	SubstanceTHC             Substance = "thc"
	SubstanceBenzodiazepines Substance = "benzodiazepines"
	SubstanceBarbiturates    Substance = "barbiturates"
	SubstancePCP             Substance = "pcp"
	SubstanceNicotine        Substance = "nicotine" // cotinine or breath carbon monoxide
)

// ErrUnknownSubstance means a substance is neither built in nor a valid custom
// name.
var ErrUnknownSubstance = fmt.Errorf("contingency: substance: %w", intervention.ErrUnknownValue)

// customSubstancePrefix starts every host-defined substance name.
const customSubstancePrefix = "x-"

// Substances returns the built-in substances in a stable order.
func Substances() []Substance {
	return []Substance{
		SubstanceCocaine, SubstanceMethamphetamine, SubstanceAmphetamine, SubstanceMDMA,
		SubstanceOpioids, SubstanceFentanyl, SubstanceOxycodone, SubstanceBuprenorphine,
		SubstanceMethadone, SubstanceAlcohol, SubstanceTHC, SubstanceBenzodiazepines,
		SubstanceBarbiturates, SubstancePCP, SubstanceNicotine,
	}
}

// Stimulants returns a fresh slice of the stimulants California's Recovery
// Incentives Program targets: methamphetamine, amphetamine and cocaine
// (reference: contingency.md §3 "Stimulants means methamphetamine,
// amphetamine or cocaine"; RIP-3).
func Stimulants() []Substance {
	return []Substance{SubstanceMethamphetamine, SubstanceAmphetamine, SubstanceCocaine}
}

// CustomSubstance returns the host-defined substance "x-"+name. The name must
// be 1–64 characters of lowercase ASCII letters, digits and hyphens.
func CustomSubstance(name string) (Substance, error) {
	return ParseSubstance(customSubstancePrefix + name)
}

// ParseSubstance returns the substance whose text form is s: a built-in one,
// or a custom one starting with "x-".
func ParseSubstance(s string) (Substance, error) {
	return enum.Parse(Substance(s), Substance.Valid, ErrUnknownSubstance)
}

// Valid reports whether s is built in or a well-formed custom substance.
func (s Substance) Valid() bool { return enum.Valid(s, Substances()) || s.IsCustom() }

// IsCustom reports whether s is a well-formed host-defined substance.
func (s Substance) IsCustom() bool {
	name, ok := strings.CutPrefix(string(s), customSubstancePrefix)
	return ok && isSlug(name, 64)
}

// String returns the text form of s.
func (s Substance) String() string { return string(s) }

// MarshalText encodes s; an invalid substance is an error, so one is never
// stored.
func (s Substance) MarshalText() ([]byte, error) {
	return enum.Marshal(s, Substance.Valid, ErrUnknownSubstance)
}

// UnmarshalText decodes s with ParseSubstance; on error *s is unchanged.
func (s *Substance) UnmarshalText(b []byte) error { return enum.Unmarshal(s, b, ParseSubstance) }

// isSlug reports whether name is 1–maxLen characters of lowercase ASCII
// letters, digits and hyphens.
func isSlug(name string, maxLen int) bool {
	if name == "" || len(name) > maxLen {
		return false
	}
	for _, c := range name {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
