package fhir

import (
	"bytes"
	"encoding/json"
)

// The data types below are the subset of FHIR R4 data types the exporter
// writes (hl7.org/fhir/R4/datatypes.html), as plain structs with FHIR's JSON
// names. Empty optional elements are left out, as FHIR requires.

// Coding is a code from a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Version string `json:"version,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// IsZero reports whether c has neither system nor code.
func (c Coding) IsZero() bool { return c == Coding{} }

// CodeableConcept is a concept given by codings and/or text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Reference points at another resource. Inside an exported Bundle every
// Reference is the "urn:uuid:…" fullUrl of an entry of the same Bundle, and
// Type names the resource type it points at.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Type      string `json:"type,omitempty"`
}

// Identifier is a business identifier. The exporter gives every resource
// made from one of the library's or the host's records the record's UUID as
// {system: "urn:ietf:rfc:3986", value: "urn:uuid:…"} (SystemURI).
type Identifier struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
}

// Period is a time range; either end may be open.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Quantity is a measured amount. Value is an exact decimal written as a
// JSON number ("8", "12.50"), never a float64.
type Quantity struct {
	Value      json.Number `json:"value,omitempty"`
	Comparator string      `json:"comparator,omitempty"`
	Unit       string      `json:"unit,omitempty"`
	System     string      `json:"system,omitempty"`
	Code       string      `json:"code,omitempty"`
}

// Ratio is an exact ratio of two quantities.
type Ratio struct {
	Numerator   *Quantity `json:"numerator,omitempty"`
	Denominator *Quantity `json:"denominator,omitempty"`
}

// Annotation is a note.
type Annotation struct {
	AuthorReference *Reference `json:"authorReference,omitempty"`
	Text            string     `json:"text"`
}

// Narrative is human-readable XHTML: Div is a <div> in the XHTML namespace.
type Narrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

// Meta holds a resource's security labels.
type Meta struct {
	Security []Coding `json:"security,omitempty"`
}

// Extension is a FHIR extension; the exporter uses only
// goal-relationship (ExtGoalRelationship).
type Extension struct {
	URL                  string           `json:"url"`
	Extension            []Extension      `json:"extension,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
}

// Timing says how often an activity happens.
type Timing struct {
	Repeat *TimingRepeat `json:"repeat,omitempty"`
}

// TimingRepeat is Frequency times per Period PeriodUnit, each lasting
// Duration DurationUnit.
type TimingRepeat struct {
	Frequency    int         `json:"frequency,omitempty"`
	Period       json.Number `json:"period,omitempty"`
	PeriodUnit   string      `json:"periodUnit,omitempty"`
	Duration     json.Number `json:"duration,omitempty"`
	DurationUnit string      `json:"durationUnit,omitempty"`
}

// withType returns the JSON object b with "resourceType": rt as its first
// member, so that every resource is written with its type first.
func withType(rt string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	head := `{"resourceType":"` + rt + `"`
	rest := bytes.TrimPrefix(b, []byte("{"))
	if len(rest) > 0 && rest[0] != '}' {
		head += ","
	}
	return append([]byte(head), rest...), nil
}
