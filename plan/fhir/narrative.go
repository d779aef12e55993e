package fhir

import (
	"html"
	"strconv"
	"strings"
)

// Narratives. Every exported resource, the Composition and every
// Composition section carry a generated narrative (text.status
// "generated"; R4 invariant dom-6), so that a receiver that only renders
// text can read the document. One mechanism writes them all: a resource is
// described as a view — a title and labelled rows — and the view is
// rendered as escaped XHTML using only <div>, <p>, <b>, <table>, <tbody>,
// <tr>, <th>, <td>, <ul> and <li> (R4 invariants txt-1, txt-2).
//
// A narrative never discloses more than its resource: views are made from
// the finished resource itself, after the exporter has applied
// OmitClinicalText and IncludePatientWords, so free text (a goal's or an
// objective's clinical wording, a problem statement, the patient's own
// words) appears in a resource's narrative only where the same resource
// already carries it. A view's title and every section narrative are built
// from codes, statuses, dates and counts only, never from free text.

// xhtmlNS is the namespace of a narrative's div.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

// row is one labelled line of a narrative; rows with an empty value are
// left out.
type row struct{ label, value string }

// view is what a narrative shows: a title (structured data only) and rows.
type view struct {
	title string
	rows  []row
}

// narrativeDiv renders a div of paragraph title, then the rows as a table
// and the items as a list (either may be empty), every text escaped.
func narrativeDiv(title string, rows []row, items []string) *Narrative {
	var s strings.Builder
	s.WriteString(`<div xmlns="` + xhtmlNS + `"><p><b>` + esc(title) + `</b></p>`)
	var body strings.Builder
	for _, r := range rows {
		if strings.TrimSpace(r.value) == "" {
			continue
		}
		body.WriteString("<tr><th>" + esc(r.label) + "</th><td>" + esc(r.value) + "</td></tr>")
	}
	if body.Len() > 0 {
		s.WriteString("<table><tbody>" + body.String() + "</tbody></table>")
	}
	if len(items) > 0 {
		s.WriteString("<ul>")
		for _, it := range items {
			s.WriteString("<li>" + esc(it) + "</li>")
		}
		s.WriteString("</ul>")
	}
	s.WriteString("</div>")
	return &Narrative{Status: "generated", Div: s.String()}
}

// esc escapes s for XHTML text, dropping the characters XML 1.0 does not
// allow (control characters other than tab, newline and carriage return).
func esc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s))
}

// narrate sets the generated narrative of every entry resource, of every
// section of comp (a list of its entries' titles) and of comp itself.
func narrate(comp *Composition, entries []Entry) {
	titles := make(map[string]string, len(entries))
	for _, e := range entries {
		v := describe(e.Resource)
		e.Resource.base().Text = narrativeDiv(v.title, v.rows, nil)
		titles[e.FullURL] = v.title
	}
	var names []string
	for i := range comp.Section {
		s := &comp.Section[i]
		names = append(names, s.Title)
		if s.Text != nil {
			continue // the notice: its own text
		}
		items := make([]string, 0, len(s.Entry))
		for _, r := range s.Entry {
			items = append(items, titles[r.Reference])
		}
		s.Text = narrativeDiv(s.Title, []row{{"Entries", strconv.Itoa(len(s.Entry))}}, items)
	}
	v := describe(comp)
	comp.Text = narrativeDiv(v.title, v.rows, names)
}

// describe returns the view of resource r.
func describe(r Resource) view {
	switch x := r.(type) {
	case *Composition:
		return view{x.Title, []row{
			{"Status", x.Status}, {"Date", x.Date}, {"Confidentiality", x.Confidentiality},
			{"Sections", strconv.Itoa(len(x.Section))},
		}}
	case *CarePlan:
		return view{"Care plan (" + x.Status + ")", []row{
			{"Status", x.Status}, {"Intent", x.Intent}, {"Category", codes(x.Category...)},
			{"Period", period(x.Period)}, {"Problems addressed", count(len(x.Addresses))},
			{"Goals and objectives", count(len(x.Goal))}, {"Activities", activities(x.Activity)},
			{"Supporting information", count(len(x.SupportingInfo))},
		}}
	case *Goal:
		return describeGoal(x)
	case *Condition:
		return view{"Problem " + or(codes(optional(x.Code)...), "(not coded)"), []row{
			{"Clinical status", codes(optional(x.ClinicalStatus)...)}, {"Category", codes(x.Category...)},
			{"Code", codes(optional(x.Code)...)}, {"Statement", textOf(x.Code)},
		}}
	case *Observation:
		return describeObservation(x)
	case *Procedure:
		return view{"Procedure " + or(codes(optional(x.Code)...), "(not coded)") + " (" + x.Status + ")", []row{
			{"Status", x.Status}, {"Category", codes(optional(x.Category)...)}, {"Code", codes(optional(x.Code)...)},
			{"Performed", period(x.PerformedPeriod)}, {"Performers", count(len(x.Performer))},
			{"Reasons", count(len(x.ReasonReference))},
		}}
	case *Encounter:
		return view{"Encounter " + or(x.Class.Display, x.Class.Code) + " (" + x.Status + ")", []row{
			{"Status", x.Status}, {"Class", or(x.Class.Display, x.Class.Code)}, {"Type", codes(x.Type...)},
			{"Period", period(x.Period)}, {"Participants", count(len(x.Participant))},
		}}
	case *QuestionnaireResponse:
		return view{"Questionnaire response (" + x.Status + ")", []row{
			{"Status", x.Status}, {"Questionnaire", x.Questionnaire}, {"Authored", x.Authored},
			{"Items answered", count(len(x.Item))},
		}}
	case *Consent:
		return describeConsent(x)
	case *Group:
		return view{"Group " + or(codes(optional(x.Code)...), x.Type), []row{
			{"Type", x.Type}, {"Actual", strconv.FormatBool(x.Actual)}, {"Code", codes(optional(x.Code)...)},
		}}
	case *RelatedPerson:
		return view{"Related person " + or(codes(x.Relationship...), "(relationship not coded)"), []row{
			{"Relationship", codes(x.Relationship...)},
		}}
	}
	// Patient, Practitioner, Organization: known by identifiers only.
	return view{r.ResourceType(), []row{{"Identified by", "identifiers only (no name)"}}}
}

// describeGoal is the view of a goal or an objective: its description as
// the Goal carries it (clinical wording, the patient's words only when the
// export includes them, or the masked code), its statuses, targets and
// notes.
func describeGoal(g *Goal) view {
	rows := []row{
		{"Description", or(g.Description.Text, codes(g.Description))},
		{"Lifecycle status", g.LifecycleStatus}, {"Achievement", codes(optional(g.AchievementStatus)...)},
		{"Category", codes(g.Category...)}, {"Start", g.StartDate},
	}
	title := "Goal (" + g.LifecycleStatus + ")"
	for i, t := range g.Target {
		rows = append(rows, row{"Target", target(t)})
		if m := codes(optional(t.Measure)...); m != "" && i == 0 {
			title += ", measure " + m
		}
	}
	if g.ExpressedBy != nil {
		rows = append(rows, row{"Expressed by", g.ExpressedBy.Type})
	}
	rows = append(rows, row{"Problems addressed", count(len(g.Addresses))},
		row{"Outcome measures", count(len(g.OutcomeReference))})
	return view{title, append(rows, notes(g.Note)...)}
}

// describeObservation is the view of an Observation: code, status, time,
// value (or why absent), interpretation and components.
func describeObservation(o *Observation) view {
	rows := []row{
		{"Code", codes(o.Code)}, {"Status", o.Status}, {"Category", codes(o.Category...)},
		{"Effective", o.EffectiveDateTime}, {"Value", value(o.ValueQuantity, o.ValueCodeableConcept, o.ValueInteger, o.ValueRatio)},
		{"Data absent", codes(optional(o.DataAbsentReason)...)}, {"Interpretation", codes(o.Interpretation...)},
	}
	for _, c := range o.Component {
		rows = append(rows, row{codes(c.Code), or(value(nil, c.ValueCodeableConcept, c.ValueInteger, nil), c.ValueString)})
	}
	return view{"Observation " + codes(o.Code), append(rows, notes(o.Note)...)}
}

// describeConsent is the view of a Consent: status, scope, policy and what
// its provision permits.
func describeConsent(c *Consent) view {
	rows := []row{
		{"Status", c.Status}, {"Scope", codes(c.Scope)}, {"Category", codes(c.Category...)},
		{"Date", c.DateTime}, {"Policy", codes(optional(c.PolicyRule)...)},
	}
	if p := c.Provision; p != nil {
		var purposes []string
		for _, pu := range p.Purpose {
			purposes = append(purposes, coding(pu))
		}
		rows = append(rows, row{"Provision", p.Type}, row{"Period", period(p.Period)},
			row{"Recipients", count(len(p.Actor))}, row{"Actions", codes(p.Action...)},
			row{"Purposes", strings.Join(purposes, ", ")}, row{"Information", codes(p.Code...)})
	}
	return view{"Consent (" + c.Status + ")", rows}
}

// optional returns the concept c points at, if any, as a slice.
func optional(c *CodeableConcept) []CodeableConcept {
	if c == nil {
		return nil
	}
	return []CodeableConcept{*c}
}

// codes returns the codings of cs (display, else code), comma-separated;
// never their free text.
func codes(cs ...CodeableConcept) string {
	var out []string
	for _, c := range cs {
		for _, cd := range c.Coding {
			out = append(out, coding(cd))
		}
	}
	return strings.Join(out, ", ")
}

// coding returns c's display, else its code.
func coding(c Coding) string { return or(c.Display, c.Code) }

// textOf returns the free text c carries, if any.
func textOf(c *CodeableConcept) string {
	if c == nil {
		return ""
	}
	return c.Text
}

// or returns s, or alt when s is empty.
func or(s, alt string) string {
	if s != "" {
		return s
	}
	return alt
}

// count returns n in decimal, or "" for none (the row is left out).
func count(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// period returns "start – end" with open ends left blank.
func period(p *Period) string {
	if p == nil || (p.Start == "" && p.End == "") {
		return ""
	}
	return p.Start + " – " + p.End
}

// quantity returns "comparator value unit".
func quantity(q *Quantity) string {
	if q == nil {
		return ""
	}
	return strings.TrimSpace(q.Comparator + string(q.Value) + " " + q.Unit)
}

// value returns the one value an Observation (or component) has.
func value(q *Quantity, c *CodeableConcept, i *int, r *Ratio) string {
	switch {
	case q != nil:
		return quantity(q)
	case c != nil:
		return codes(*c)
	case i != nil:
		return strconv.Itoa(*i)
	case r != nil:
		return quantity(r.Numerator) + " / " + quantity(r.Denominator)
	}
	return ""
}

// target returns a goal target: measure, detail and due date.
func target(t GoalTarget) string {
	parts := []string{codes(optional(t.Measure)...), quantity(t.DetailQuantity), t.DetailString}
	if t.DueDate != "" {
		parts = append(parts, "due "+t.DueDate)
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// activities returns the CarePlan's activities as "code (status)", one per
// activity.
func activities(as []CarePlanActivity) string {
	var out []string
	for _, a := range as {
		if a.Detail != nil {
			out = append(out, or(codes(optional(a.Detail.Code)...), "activity")+" ("+a.Detail.Status+")")
		}
	}
	return strings.Join(out, "; ")
}

// notes returns a row per note, as the resource carries it.
func notes(ns []Annotation) []row {
	out := make([]row, 0, len(ns))
	for _, n := range ns {
		out = append(out, row{"Note", n.Text})
	}
	return out
}
