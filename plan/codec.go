package plan

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/wire"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/brief"
	"github.com/recoverykit/psychosocial/intervention/cbt"
	"github.com/recoverykit/psychosocial/intervention/family"
	"github.com/recoverykit/psychosocial/intervention/twelvestep"
	"github.com/recoverykit/psychosocial/motivation"
)

// SchemaVersion is the schemaVersion of a plan document. Version 1.1
// added the optional contentHash of revisions and signatures, which a 1.0
// reader skips; a "1" document is read as it always was. The contract is
// docs/schema-evolution.md.
const SchemaVersion = "1.1"

// planSchema is the plan document's version contract. The plan document
// has had one major version, so there is no upgrade step yet.
var planSchema = wire.Schema{Current: SchemaVersion, Refused: ErrSchemaVersion}

// Encoder writes a component's JSON document.
type Encoder func(c intervention.Component) (json.RawMessage, error)

// Decoder reads a component from its JSON document. It must check the
// document as strictly as the component's own constructors do. A decoder
// for a component that needs host resources (a contingency.Program needs
// the host's ledger) is a closure over them.
type Decoder func(doc json.RawMessage) (intervention.Component, error)

// ComponentCodec encodes and decodes the components of one modality. A nil
// Encode uses json.Marshal on the component (its MarshalJSON when it has
// one); a nil Decode means documents of the modality cannot be read.
type ComponentCodec struct {
	Encode Encoder
	Decode Decoder
}

// Codec reads and writes plan documents, components included. Components
// are polymorphic: each is written as {"modality", "id", "document"} and
// read back by the decoder registered for its modality. Every component
// with a MarshalJSON method is written by it. Built-in decoders cover the
// modalities whose types read themselves without host resources:
// motivation.Component, brief.Intervention, cbt.Course, family.Therapy and
// twelvestep.Facilitation. A host registers the others
// with WithComponentCodec: its own modalities, and contingency management,
// whose contingency.Program writes itself but is read by
// contingency.DecodeProgram against the host's ledger (and context), so the
// host registers a decoder closure over them.
//
// A Codec is immutable once built; the zero Codec is usable and has the
// built-in codecs only. Build others with NewCodec.
type Codec struct {
	codecs map[intervention.Modality]ComponentCodec
}

// CodecOption configures NewCodec.
type CodecOption interface{ apply(*Codec) error }

type componentCodecOption struct {
	m  intervention.Modality
	cc ComponentCodec
}

func (o componentCodecOption) apply(c *Codec) error {
	if !o.m.Valid() {
		return field("modality", intervention.ErrUnknownModality)
	}
	if o.cc.Encode == nil && o.cc.Decode == nil {
		return field("codec", intervention.ErrMissing)
	}
	c.codecs[o.m] = o.cc
	return nil
}

// WithComponentCodec registers the codec of a modality, replacing a
// built-in one.
func WithComponentCodec(m intervention.Modality, cc ComponentCodec) CodecOption {
	return componentCodecOption{m, cc}
}

// NewCodec returns a codec with the built-in component codecs and those of
// opts. It fails, wrapping intervention.ErrInvalid, for an invalid modality
// or a codec with neither function.
func NewCodec(opts ...CodecOption) (*Codec, error) {
	c := &Codec{codecs: map[intervention.Modality]ComponentCodec{}}
	var errs []error
	for i, o := range opts {
		if o == nil {
			errs = append(errs, field(intervention.Index("options", i), intervention.ErrMissing))
			continue
		}
		errs = append(errs, intervention.Prefix(intervention.Index("options", i), o.apply(c)))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// Modalities returns the modalities the codec has a codec for, built-in
// ones included.
func (c *Codec) Modalities() []intervention.Modality {
	var out []intervention.Modality
	for _, m := range intervention.Modalities() {
		if _, ok := c.lookup(m); ok {
			out = append(out, m)
		}
	}
	if c == nil {
		return out
	}
	for _, m := range sortedModalities(c.codecs) {
		if m.IsCustom() {
			out = append(out, m)
		}
	}
	return out
}

func sortedModalities(m map[intervention.Modality]ComponentCodec) []intervention.Modality {
	return slices.Sorted(maps.Keys(m))
}

// lookup returns the codec of m: the host's, else the built-in one.
func (c *Codec) lookup(m intervention.Modality) (ComponentCodec, bool) {
	if c != nil {
		if cc, ok := c.codecs[m]; ok {
			return cc, true
		}
	}
	return builtinCodec(m)
}

// builtinCodec returns the codec of a modality whose component type has a
// JSON form.
func builtinCodec(m intervention.Modality) (ComponentCodec, bool) {
	switch m {
	case intervention.ModalityMotivationalInterviewing:
		return ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return motivation.ParseComponent(doc)
		}}, true
	case intervention.ModalityBriefIntervention:
		return ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
			b := new(brief.Intervention)
			if err := b.UnmarshalJSON(doc); err != nil {
				return nil, err
			}
			return b, nil
		}}, true
	case intervention.ModalityCBT:
		return ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return cbt.ParseCourse(doc)
		}}, true
	case intervention.ModalityFamilyTherapy:
		return ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return family.ParseTherapy(doc)
		}}, true
	case intervention.ModalityTwelveStepFacilitation:
		return ComponentCodec{Decode: func(doc json.RawMessage) (intervention.Component, error) {
			return twelvestep.ParseFacilitation(doc)
		}}, true
	case intervention.ModalityContingencyManagement:
		return ComponentCodec{}, false
	}
	return ComponentCodec{}, false
}

// componentJSON is a component in a plan document.
type componentJSON struct {
	Modality intervention.Modality `json:"modality"`
	ID       uuid.UUID             `json:"id"`
	Document json.RawMessage       `json:"document"`
}

// planJSON is the wire form of a plan. Key order is part of the contract
// (testdata/plan.golden.json).
type planJSON struct {
	SchemaVersion     string            `json:"schemaVersion"`
	ID                uuid.UUID         `json:"id"`
	Patient           uuid.UUID         `json:"patient"`
	Jurisdiction      string            `json:"jurisdiction,omitzero"`
	Setting           string            `json:"setting,omitzero"`
	Admitted          time.Time         `json:"admitted"`
	End               intervention.Date `json:"end,omitzero"`
	TimeZone          string            `json:"timeZone"`
	Status            Status            `json:"status"`
	LevelsOfCare      []levelDoc        `json:"levelsOfCare"`
	Problems          []problemDoc      `json:"problems"`
	Goals             []goalDoc         `json:"goals"`
	Objectives        []objectiveDoc    `json:"objectives"`
	Interventions     []Intervention    `json:"interventions"`
	Strengths         []strengthDoc     `json:"strengths"`
	DischargeCriteria []dischargeDoc    `json:"dischargeCriteria"`
	Participation     []Participation   `json:"participation"`
	Components        []componentJSON   `json:"components"`
	Revisions         []Revision        `json:"revisions"`
	Reviews           []reviewRecordDoc `json:"reviews"`
	Signatures        []Signature       `json:"signatures"`
	Sessions          []SessionLink     `json:"sessions"`
}

// Marshal encodes p as a document with schemaVersion SchemaVersion: its
// configuration (the time zone by IANA name), every element, component
// (through its codec), revision, review, signature and session link, in
// order. The document holds plan text: store it only where PHI may be
// stored. A component with no encoder and no MarshalJSON is ErrNoCodec at
// "components[i].modality"; a zero Plan is invalid.
func (c *Codec) Marshal(p *Plan) ([]byte, error) {
	s := p.snap()
	if err := s.cfg.Validate(); err != nil {
		return nil, err
	}
	w := planJSON{
		SchemaVersion: SchemaVersion, ID: s.cfg.ID, Patient: s.cfg.Patient, Jurisdiction: s.cfg.Jurisdiction,
		Setting: s.cfg.Setting, Admitted: s.cfg.Admitted, End: s.cfg.End, TimeZone: s.cfg.location().String(),
		Status: s.status, LevelsOfCare: wire.List(wire.Map(s.levels, LevelOfCare.doc)),
		Problems: wire.List(wire.Map(s.problems, Problem.doc)), Goals: wire.List(wire.Map(s.goals, Goal.doc)),
		Objectives: wire.List(wire.Map(s.objectives, Objective.doc)), Interventions: wire.List(s.interventions),
		Strengths: wire.List(wire.Map(s.strengths, Strength.doc)), DischargeCriteria: wire.List(wire.Map(s.discharge, DischargeCriterion.doc)),
		Participation: wire.List(s.participation),
		Components:    make([]componentJSON, len(s.components)), Revisions: wire.List(s.revisions),
		Reviews: wire.List(wire.Map(s.reviews, ReviewRecord.doc)), Signatures: wire.List(s.signatures), Sessions: wire.List(s.sessions),
	}
	var errs []error
	for i, comp := range s.components {
		doc, err := c.encode(comp)
		if err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("components", i), err))
			continue
		}
		w.Components[i] = componentJSON{Modality: comp.Modality(), ID: comp.ID(), Document: doc}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return json.Marshal(w)
}

func (c *Codec) encode(comp intervention.Component) (json.RawMessage, error) {
	cc, registered := c.lookup(comp.Modality())
	var doc []byte
	var err error
	switch {
	case registered && cc.Encode != nil:
		doc, err = cc.Encode(comp)
	default:
		if d, ok := comp.(intervention.DocumentMarshaler); ok {
			doc, err = d.MarshalDocument()
			break
		}
		m, marshaler := comp.(json.Marshaler)
		if !registered && !marshaler {
			return nil, field("modality", ErrNoCodec)
		}
		if marshaler {
			doc, err = json.Marshal(m)
		} else {
			doc, err = json.Marshal(comp)
		}
	}
	if err == nil && !json.Valid(doc) {
		err = ErrMalformedJSON
	}
	return doc, intervention.Prefix("document", err)
}

// Unmarshal decodes a plan document, checking it as strictly as building
// the plan does. Errors wrap intervention.ErrInvalid and name the path:
// ErrMalformedJSON for syntax and JSON-type errors, ErrUnknownField for a
// key the schema does not define (at the path of the object holding it,
// never naming it), the other rules of the strict decoder (a repeated key,
// invalid UTF-8, a time outside 1900–2199 or with an offset RFC 3339 cannot
// write: see intervention.ErrDuplicateKey and its siblings), a schemaVersion it does not read at
// "schemaVersion" (ErrSchemaVersion, and intervention.ErrNewerSchema for a later major; a later
// minor's additions are skipped, see docs/schema-evolution.md), an unknown time zone at
// "timeZone", ErrNoCodec at "components[i].modality", a component's own
// errors under "components[i].document", and every inconsistency of the
// content (a reference to nothing is ErrNotFound, an illegal status chain
// in the revisions is ErrIllegalTransition). Whether every element was
// added by a revision is left to rule P-ID-1, so that a document whose
// elements were recreated outside this package can still be read and
// flagged.
func (c *Codec) Unmarshal(b []byte) (*Plan, error) {
	var w planJSON
	if err := planSchema.Decode(b, &w, intervention.ErrInvalid, ErrMalformedJSON); err != nil {
		return nil, err
	}
	loc, ok := wire.Zone(w.TimeZone)
	if !ok {
		return nil, intervention.Expect("timeZone", intervention.ErrUnknownValue, intervention.WantZone)
	}
	cfg := Config{
		ID: w.ID, Patient: w.Patient, Jurisdiction: w.Jurisdiction, Setting: w.Setting,
		Admitted: w.Admitted, End: w.End, Location: loc,
	}
	errs := []error{cfg.Validate()}
	s := &state{
		cfg: cfg, status: w.Status, levels: nilIfEmpty(wire.Map(w.LevelsOfCare, levelDoc.element)),
		problems: nilIfEmpty(wire.Map(w.Problems, problemDoc.element)), goals: nilIfEmpty(wire.Map(w.Goals, goalDoc.element)),
		objectives: nilIfEmpty(wire.Map(w.Objectives, objectiveDoc.element)), interventions: nilIfEmpty(w.Interventions),
		strengths: nilIfEmpty(wire.Map(w.Strengths, strengthDoc.element)),
		discharge: nilIfEmpty(wire.Map(w.DischargeCriteria, dischargeDoc.element)), participation: nilIfEmpty(w.Participation),
		revisions: nilIfEmpty(w.Revisions), reviews: nilIfEmpty(wire.Map(w.Reviews, reviewRecordDoc.element)),
		signatures: nilIfEmpty(w.Signatures), sessions: nilIfEmpty(w.Sessions), lazy: &lazyIndex{},
	}
	for i, cj := range w.Components {
		comp, err := c.decode(cj)
		if err != nil {
			errs = append(errs, intervention.Prefix(intervention.Index("components", i), err))
			continue
		}
		s.components = append(s.components, comp)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	if err := s.checkContent(); err != nil {
		return nil, err
	}
	return &Plan{st: s}, nil
}

func (c *Codec) decode(cj componentJSON) (intervention.Component, error) {
	cc, ok := c.lookup(cj.Modality)
	if !ok || cc.Decode == nil {
		return nil, field("modality", ErrNoCodec)
	}
	if len(cj.Document) == 0 {
		return nil, field("document", intervention.ErrMissing)
	}
	comp, err := cc.Decode(cj.Document)
	switch {
	case err != nil:
		return nil, intervention.Prefix("document", err)
	case comp == nil:
		return nil, field("document", intervention.ErrMissing)
	case comp.ID() != cj.ID:
		return nil, field("id", intervention.ErrInconsistent)
	case comp.Modality() != cj.Modality:
		return nil, field("modality", intervention.ErrInconsistent)
	}
	if err := comp.Validate(); err != nil {
		return nil, intervention.Prefix("document", err)
	}
	return comp, nil
}

// MarshalDocument encodes p with the zero Codec (built-in codecs, and each
// component's own MarshalDocument or MarshalJSON). Use a Codec for host
// component codecs.
func (p *Plan) MarshalDocument() ([]byte, error) { return (*Codec)(nil).Marshal(p) }

// MarshalJSON refuses with intervention.ErrDocumentOnly: a plan's JSON is
// its stored document, full of PHI, and json.Marshal is also how loggers
// encode a slice of plans. Write the document with MarshalDocument or a
// Codec.
func (p *Plan) MarshalJSON() ([]byte, error) { return nil, intervention.ErrDocumentOnly }

// UnmarshalJSON decodes a plan document with the zero Codec (built-in
// codecs only; use Codec.Unmarshal for others). On error *p is unchanged.
// As encoding/json does for other types, JSON null is a no-op.
func (p *Plan) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	n, err := (*Codec)(nil).Unmarshal(b)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.st = n.st
	return nil
}
