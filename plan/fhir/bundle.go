package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/recoverykit/psychosocial/intervention"
)

// BundleType is the type of every exported Bundle: a document, so that the
// disclosure is one attested unit with an identifier, a timestamp, an
// author, a confidentiality code and the 42 CFR §2.32 notice in its
// Composition (reference: plans-and-interop.md §5.5, "attach the §2.32
// notice to exported documents"; rule P-CONSENT-2). A "collection" would
// have nowhere to carry the notice.
const BundleType = "document"

// URNPrefix starts every fullUrl and every reference: entries are named
// "urn:uuid:<id>" and referenced by that name, so that a Bundle is
// self-contained and can be posted to any server.
const URNPrefix = "urn:uuid:"

// idNamespace is the UUID namespace of resource IDs: the version-5 UUID of
// the URL LocalBase + "id".
func idNamespace() uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte(LocalBase+"id")) }

// ResourceID returns the id the exporter gives the resource of type
// resourceType made from the record source (and, for resources a record
// yields several of, the qualifiers): the version-5 UUID, in the namespace
// of the URL LocalBase+"id", of "resourceType/source[/qualifier…]". It is
// stable: the same record always yields the same id, in every export, and
// two resource types never share one. The record's own UUID is kept in the
// resource's identifier.
func ResourceID(resourceType string, source uuid.UUID, qualifiers ...string) string {
	name := resourceType + "/" + source.String()
	for _, q := range qualifiers {
		name += "/" + q
	}
	return uuid.NewSHA1(idNamespace(), []byte(name)).String()
}

// Bundle is an exported FHIR R4 document Bundle: the Composition first,
// then the Patient, then the other resources grouped by type in a fixed
// order, each group in the order of the library's records. Every reference
// in it resolves to one of its entries (Verify).
type Bundle struct {
	ID         string
	Meta       *Meta
	Identifier Identifier
	Type       string
	Timestamp  string
	Entry      []Entry
}

// Entry is one resource of a Bundle and its fullUrl ("urn:uuid:<id>").
type Entry struct {
	FullURL  string   `json:"fullUrl"`
	Resource Resource `json:"resource"`
}

// MarshalJSON writes b deterministically: resourceType first, then id,
// meta, identifier, type, timestamp and the entries in order; the same
// Bundle always gives the same bytes.
func (b *Bundle) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ResourceType string     `json:"resourceType"`
		ID           string     `json:"id,omitempty"`
		Meta         *Meta      `json:"meta,omitempty"`
		Identifier   Identifier `json:"identifier"`
		Type         string     `json:"type"`
		Timestamp    string     `json:"timestamp,omitempty"`
		Entry        []Entry    `json:"entry"`
	}{"Bundle", b.ID, b.Meta, b.Identifier, b.Type, b.Timestamp, b.Entry})
}

// Resolve returns the entry resource whose fullUrl is ref.
func (b *Bundle) Resolve(ref string) (Resource, bool) {
	for _, e := range b.Entry {
		if e.FullURL == ref {
			return e.Resource, true
		}
	}
	return nil, false
}

// Resources returns the entry resources of type resourceType, in order.
func (b *Bundle) Resources(resourceType string) []Resource {
	var out []Resource
	for _, e := range b.Entry {
		if e.Resource != nil && e.Resource.ResourceType() == resourceType {
			out = append(out, e.Resource)
		}
	}
	return out
}

// Verify checks that every entry has a resource and a unique fullUrl equal
// to "urn:uuid:" + its id, and that every reference in every resource
// resolves to an entry of the type the reference names. Problems are
// ErrUnresolved at the entry's path ("entry[3].resource.goal[0]").
func (b *Bundle) Verify() error {
	var errs []error
	byURL := make(map[string]string, len(b.Entry))
	for i, e := range b.Entry {
		path := intervention.Index("entry", i)
		switch {
		case e.Resource == nil:
			errs = append(errs, intervention.Field(path+".resource", intervention.ErrMissing))
			continue
		case e.FullURL != URNPrefix+e.Resource.base().ID:
			errs = append(errs, intervention.Field(path+".fullUrl", ErrUnresolved))
		case byURL[e.FullURL] != "":
			errs = append(errs, intervention.Field(path+".fullUrl", intervention.ErrDuplicate))
		}
		byURL[e.FullURL] = e.Resource.ResourceType()
	}
	for i, e := range b.Entry {
		if e.Resource == nil {
			continue
		}
		raw, err := json.Marshal(e.Resource)
		if err != nil {
			errs = append(errs, intervention.Field(intervention.Index("entry", i)+".resource", intervention.ErrInvalid))
			continue
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			errs = append(errs, intervention.Field(intervention.Index("entry", i)+".resource", intervention.ErrInvalid))
			continue
		}
		walkReferences(doc, intervention.Index("entry", i)+".resource", func(path, ref, typ string) {
			got, ok := byURL[ref]
			if !ok || (typ != "" && typ != got) {
				errs = append(errs, intervention.Field(path, ErrUnresolved))
			}
		})
	}
	return errors.Join(errs...)
}

// walkReferences calls visit for every Reference (an object with a string
// "reference") inside v, with its path.
func walkReferences(v any, path string, visit func(path, ref, typ string)) {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["reference"].(string); ok {
			typ, _ := x["type"].(string)
			visit(path, ref, typ)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			walkReferences(x[k], intervention.JoinPath(path, k), visit)
		}
	case []any:
		for i, e := range x {
			walkReferences(e, intervention.Index(path, i), visit)
		}
	}
}

// docKind says what a document holds: its Composition's type code.
type docKind string

// The document kinds.
const (
	kindPlan      docKind = "treatment-plan"
	kindScreening docKind = "screening"
	kindCM        docKind = "contingency-management"
	kindFamily    docKind = "family-therapy"
)

// title returns the Composition's title (and the type's display).
func (k docKind) title() string {
	switch k {
	case kindPlan:
		return "Psychosocial treatment plan"
	case kindScreening:
		return "Substance use screening"
	case kindCM:
		return "Contingency management programme"
	case kindFamily:
		return "Family therapy"
	}
	return ""
}

// section is a Composition section and the resource types it lists.
type section struct {
	code, title string
	types       []string
}

// sections are the Composition's sections in order; the notice section
// follows them.
func sections() []section {
	return []section{
		{"plan", "Treatment plan", []string{"CarePlan", "Condition", "Goal"}},
		{"services", "Services delivered", []string{"Procedure", "Encounter"}},
		{"results", "Assessments and measures", []string{"Observation", "QuestionnaireResponse"}},
		{"consents", "Consents", []string{"Consent"}},
		{"parties", "People and parties", []string{"RelatedPerson", "Practitioner", "Organization", "Group"}},
	}
}

// typeRank is the order of resource types in a Bundle.
func typeRank(rt string) int {
	order := []string{
		"Composition", "Patient", "CarePlan", "Condition", "Goal", "Procedure", "Encounter", "Observation",
		"QuestionnaireResponse", "Consent", "RelatedPerson", "Practitioner", "Organization", "Group",
	}
	if i := slices.Index(order, rt); i >= 0 {
		return i
	}
	return len(order)
}

// builder collects the resources of one document.
type builder struct {
	opts    Options
	labels  []Coding
	asOf    intervention.Date
	subject uuid.UUID                   // the patient's opaque ID
	info    []intervention.InfoCategory // what the document discloses (disclose)
	patient Reference
	author  Reference
	entries []Entry
	index   map[string]int // fullUrl → entry index
}

// newBuilder starts a document about s, released by opts.Author.
func newBuilder(s Subject, opts Options) *builder {
	b := &builder{opts: opts, labels: opts.labels(), subject: s.Patient, index: map[string]int{}}
	b.asOf, _ = intervention.DateOf(opts.Timestamp, opts.Timestamp.Location())
	ids := []Identifier{uuidIdentifier(s.Patient)}
	ids = append(ids, s.Identifiers...)
	b.patient = b.add(&Patient{Base: Base{ID: ResourceID("Patient", s.Patient)}, Identifier: ids})
	b.author = b.practitioner(opts.Author)
	return b
}

// refTo returns the reference to r.
func refTo(r Resource) Reference {
	return Reference{Reference: URNPrefix + r.base().ID, Type: r.ResourceType()}
}

// add adds r unless a resource with its id is already there (the first one
// wins), labels it, and returns the reference to the resource kept.
func (b *builder) add(r Resource) Reference {
	ref := refTo(r)
	if _, ok := b.index[ref.Reference]; ok {
		return ref
	}
	if len(b.labels) > 0 {
		r.base().Meta = &Meta{Security: slices.Clone(b.labels)}
	}
	b.index[ref.Reference] = len(b.entries)
	b.entries = append(b.entries, Entry{FullURL: ref.Reference, Resource: r})
	return ref
}

// get returns the resource added under id.
func (b *builder) get(id string) (Resource, bool) {
	i, ok := b.index[URNPrefix+id]
	if !ok {
		return nil, false
	}
	return b.entries[i].Resource, true
}

// practitioner adds the staff member with the host's opaque ID id.
func (b *builder) practitioner(id uuid.UUID) Reference {
	return b.add(&Practitioner{Base: Base{ID: ResourceID("Practitioner", id)}, Identifier: []Identifier{uuidIdentifier(id)}})
}

// finish returns the document: the Composition first, then the other
// entries in type order (stable within a type), verified — once a consent
// permits disclosing what it holds (permitted).
func (b *builder) finish(kind docKind) (*Bundle, error) {
	if err := b.permitted(); err != nil {
		return nil, err
	}
	comp := &Composition{
		Base:       Base{ID: ResourceID("Composition", b.opts.DocumentID)},
		Identifier: &Identifier{System: SystemURI, Value: URNPrefix + ResourceID("Composition", b.opts.DocumentID)},
		Status:     "final",
		Type:       CodeableConcept{Coding: []Coding{{System: SystemDocument, Code: string(kind), Display: kind.title()}}},
		Subject:    &b.patient, Date: dateTime(b.opts.Timestamp), Author: []Reference{b.author}, Title: kind.title(),
		Confidentiality: b.confidentiality(),
	}
	slices.SortStableFunc(b.entries, func(x, y Entry) int {
		return typeRank(x.Resource.ResourceType()) - typeRank(y.Resource.ResourceType())
	})
	for _, s := range sections() {
		var refs []Reference
		for _, e := range b.entries {
			if slices.Contains(s.types, e.Resource.ResourceType()) {
				refs = append(refs, refTo(e.Resource))
			}
		}
		if len(refs) > 0 {
			comp.Section = append(comp.Section, Section{Title: s.title, Code: conceptPtr(local(SystemSection, s.code)), Entry: refs})
		}
	}
	comp.Section = append(comp.Section, Section{
		Title: "Notice of 42 CFR part 2 protection", Code: conceptPtr(local(SystemSection, "redisclosure-notice")),
		Text: &Narrative{Status: "additional", Div: `<div xmlns="` + xhtmlNS + `"><p>` + esc(b.opts.notice()) + `</p></div>`},
	})
	narrate(comp, b.entries)
	if len(b.labels) > 0 {
		comp.Meta = &Meta{Security: slices.Clone(b.labels)}
	}
	out := &Bundle{
		ID: b.opts.DocumentID.String(), Identifier: uuidIdentifier(b.opts.DocumentID), Type: BundleType,
		Timestamp: dateTime(b.opts.Timestamp),
		Entry:     append([]Entry{{FullURL: URNPrefix + comp.ID, Resource: comp}}, b.entries...),
	}
	if len(b.labels) > 0 {
		out.Meta = &Meta{Security: slices.Clone(b.labels)}
	}
	if err := out.Verify(); err != nil {
		return nil, err
	}
	return out, nil
}

// confidentiality returns the code of the first v3-Confidentiality label.
func (b *builder) confidentiality() string {
	for _, l := range b.labels {
		if l.System == SystemConfidentiality {
			return l.Code
		}
	}
	return ""
}

// uuidIdentifier returns the identifier of a record's UUID.
func uuidIdentifier(id uuid.UUID) Identifier {
	return Identifier{System: SystemURI, Value: URNPrefix + id.String()}
}

// dateTime formats t as a FHIR dateTime/instant in t's own offset.
func dateTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

// jsonNumber returns s as a JSON number.
func jsonNumber(s string) json.Number { return json.Number(s) }

// exact formats d with all its digits and no exponent, whatever the host did
// to shopspring/decimal's package settings.
func exact(d decimal.Decimal) string { return d.StringFixed(max(0, -d.Exponent())) }

// dateIn returns the calendar date of t in loc (nil: UTC) as "YYYY-MM-DD",
// or "" for the zero time.
func (b *builder) dateIn(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		loc = time.UTC
	}
	d, _ := intervention.DateOf(t, loc)
	return d.String()
}

// clinical returns clinical text t, or "" when clinical text is omitted or
// t is blank.
func (b *builder) clinical(t string) string {
	if b.opts.OmitClinicalText || strings.TrimSpace(t) == "" {
		return ""
	}
	return t
}
