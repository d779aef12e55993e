package fhir

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/screen"
)

// Screening is one administered screening instrument to export: the host's
// record ID, the scored result (any instrument's result type, or a bare
// screen.Result), when it was administered, and optionally who
// administered it.
type Screening struct {
	// ID is the host's ID of the screening record.
	ID uuid.UUID
	// Result is the scorer's result. An instrument result type
	// (screen.AUDITResult, …) carries its answers, which are exported as a
	// QuestionnaireResponse; a bare screen.Result exports the total only.
	Result screen.Scored
	// At is when the instrument was administered.
	At time.Time
	// Performer is the host's opaque ID of the staff member who
	// administered it; uuid.Nil when not recorded.
	Performer uuid.UUID
}

// Validate reports every problem with s.
func (s Screening) Validate() error {
	var errs []error
	if s.ID == uuid.Nil {
		errs = append(errs, intervention.Field("screening.id", intervention.ErrMissing))
	}
	if s.Result == nil {
		errs = append(errs, intervention.Field("screening.result", intervention.ErrMissing))
	} else if !s.Result.Summary().Instrument.Valid() {
		errs = append(errs, intervention.Field("screening.result.instrument", screen.ErrUnknownInstrument))
	}
	switch {
	case s.At.IsZero():
		errs = append(errs, intervention.Field("screening.at", intervention.ErrMissing))
	case s.At.UTC().Year() < minYear || s.At.UTC().Year() >= maxYear:
		errs = append(errs, intervention.Field("screening.at", intervention.ErrOutOfRange))
	}
	return errors.Join(errs...)
}

// ExportScreening exports a standalone screening (SBIRT's S) as a document:
// an Observation of the instrument total — LOINC code where the reference
// confirms one (screen.Result.LOINC: AUDIT 75624-7, AUDIT-C 75626-2,
// DAST-10 82667-7, the NIAAA question 88037-7/75889-6) plus the local
// instrument code, category survey, the score, interpretation positive or
// negative, and components for band, recommended action, maximum score and
// rule — derived from a QuestionnaireResponse of the answers when the
// result carries them (reference: plans-and-interop.md §5.1 "Instrument →
// QuestionnaireResponse + Observation … derivedFrom the QR", §5.3; rule
// P-FHIR-1). The QuestionnaireResponse holds the answers as the library's
// codes under linkIds that are their JSON paths: no item wording, which is
// licensed (instruments.md §8).
//
// Errors wrap intervention.ErrInvalid: invalid subject, options or
// screening, or a subject who is not the consents' patient.
func ExportScreening(subject Subject, s Screening, opts Options) (*Bundle, error) {
	if err := errors.Join(checkInputs(subject, subject.Patient, opts), s.Validate()); err != nil {
		return nil, err
	}
	b := newBuilder(subject, opts)
	answers, err := answersOf(s.Result)
	if err != nil {
		return nil, err
	}
	b.screening(s.ID, s.Result.Summary(), s.At, s.Performer, answers, nil)
	for _, c := range opts.Consents {
		b.consent(c)
	}
	return b.finish(kindScreening)
}

// answersOf returns the "answers" member of r's JSON form, or nil when it
// has none.
func answersOf(r screen.Scored) (json.RawMessage, error) {
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, intervention.Field("screening.result", intervention.ErrInvalid)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, nil //nolint:nilerr // a result whose JSON is not an object carries no answers
	}
	return doc["answers"], nil
}

// screening adds the Observation of result r taken at at (and the
// QuestionnaireResponse of answers, when given) and returns its reference.
func (b *builder) screening(id uuid.UUID, r screen.Result, at time.Time, performer uuid.UUID,
	answers json.RawMessage, basedOn []Reference,
) Reference {
	b.disclose(intervention.InfoScreeningResults)
	obs := &Observation{
		Base: Base{ID: ResourceID("Observation", id, "screening")}, Identifier: []Identifier{uuidIdentifier(id)},
		BasedOn: basedOn, Status: "final", Category: []CodeableConcept{concept(local(systemObsCategory, "survey"))},
		Subject: b.patient, EffectiveDateTime: dateTime(at), ValueInteger: ptr(r.Score),
	}
	if r.LOINC != "" {
		obs.Code.Coding = append(obs.Code.Coding, Coding{System: SystemLOINC, Code: r.LOINC})
	}
	obs.Code.Coding = append(obs.Code.Coding, Coding{System: SystemInstrument, Code: string(r.Instrument), Version: r.Version})
	if !r.Complete {
		obs.Status = "preliminary"
	}
	switch {
	case r.Positive:
		obs.Interpretation = []CodeableConcept{concept(local(systemInterpretation, "POS"))}
	case r.Complete:
		obs.Interpretation = []CodeableConcept{concept(local(systemInterpretation, "NEG"))}
	}
	if performer != uuid.Nil {
		obs.Performer = []Reference{b.practitioner(performer)}
	}
	obs.Component = []ObservationComponent{
		{Code: concept(local(SystemMeasure, "screen.band")), ValueCodeableConcept: conceptPtr(local(SystemBand, string(r.Band)))},
		{Code: concept(local(SystemMeasure, "screen.action")), ValueCodeableConcept: conceptPtr(local(SystemAction, string(r.Action)))},
		{Code: concept(local(SystemMeasure, "screen.max-score")), ValueInteger: ptr(r.MaxScore)},
	}
	if r.Rule != "" {
		obs.Component = append(obs.Component, ObservationComponent{Code: concept(local(SystemMeasure, "screen.rule")), ValueString: r.Rule})
	}
	if items := answerItems(answers); len(items) > 0 {
		status := "completed"
		if !r.Complete {
			status = "in-progress"
		}
		qr := &QuestionnaireResponse{
			Base:          Base{ID: ResourceID("QuestionnaireResponse", id)},
			Identifier:    &Identifier{System: SystemURI, Value: URNPrefix + id.String()},
			Questionnaire: QuestionnaireBase + string(r.Instrument) + "|" + r.Version,
			Status:        status, Subject: &b.patient, Authored: dateTime(at), Item: items,
		}
		obs.DerivedFrom = []Reference{b.add(qr)}
	}
	return b.add(obs)
}

// answerItems flattens an answers document into one item per answered
// value, linkId being its JSON path ("q1", "substances[2].q4"): strings as
// local codes, numbers as integers or decimals, booleans as booleans.
// Nulls and empty values are skipped. Object keys keep their document
// order.
func answerItems(answers json.RawMessage) []QRItem {
	if len(answers) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(answers))
	dec.UseNumber()
	var items []QRItem
	_ = flatten(dec, "", &items) // a malformed document yields the items read so far
	return items
}

// flatten reads one JSON value from dec and appends its leaves as items.
func flatten(dec *json.Decoder, path string, items *[]QRItem) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				if err := flatten(dec, intervention.JoinPath(path, key), items); err != nil {
					return err
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if err := flatten(dec, intervention.Index(path, i), items); err != nil {
					return err
				}
			}
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case string:
		if v != "" {
			*items = append(*items, QRItem{LinkID: path, Answer: []QRAnswer{{ValueCoding: &Coding{System: SystemAnswer, Code: v}}}})
		}
	case json.Number:
		a := QRAnswer{ValueDecimal: v}
		if n, err := strconv.Atoi(v.String()); err == nil {
			a = QRAnswer{ValueInteger: ptr(n)}
		}
		*items = append(*items, QRItem{LinkID: path, Answer: []QRAnswer{a}})
	case bool:
		*items = append(*items, QRItem{LinkID: path, Answer: []QRAnswer{{ValueBoolean: ptr(v)}}})
	}
	return nil
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// measureObservations adds an Observation for each computable progress
// figure of a component as of the document's time — completion, attendance
// and every Measure under its code — and returns their references by code.
// A figure is a Quantity when its denominator is 1 and its unit is not
// "ratio", an exact Ratio otherwise. A figure that is not computable (a
// zero denominator: nothing measured yet) is left out rather than written
// as a number (DESIGN.md: "never 0, NaN or Inf").
func (b *builder) measureObservations(pr intervention.Progress, basedOn []Reference) map[string]Reference {
	b.disclose(intervention.InfoProgress)
	out := map[string]Reference{}
	measures := append([]intervention.Measure{
		{Code: "component.completion", Unit: "ratio", Value: pr.Completion},
		{Code: "component.attendance", Unit: "ratio", Value: pr.Attendance},
	}, pr.Measures...)
	for _, m := range measures {
		if !m.Value.Computable() {
			continue
		}
		obs := &Observation{
			Base:    Base{ID: ResourceID("Observation", pr.Component, "measure", m.Code)},
			BasedOn: basedOn, Status: "final", Code: concept(local(SystemMeasure, m.Code)), Subject: b.patient,
			EffectiveDateTime: dateTime(pr.AsOf),
		}
		setRatio(obs, m.Value, m.Unit)
		out[m.Code] = b.add(obs)
	}
	return out
}

// setRatio sets obs's value to r in unit, or its data-absent reason.
func setRatio(obs *Observation, r intervention.Ratio, unit string) {
	switch {
	case !r.Computable():
		obs.DataAbsentReason = conceptPtr(local(systemDataAbsent, "not-applicable"))
	case unit != "ratio" && r.Den().Equal(decimalOne()):
		obs.ValueQuantity = unitQuantity(exact(r.Num()), unit)
	default:
		obs.ValueRatio = &Ratio{Numerator: &Quantity{Value: jsonNumber(exact(r.Num()))}, Denominator: &Quantity{Value: jsonNumber(exact(r.Den()))}}
	}
}
