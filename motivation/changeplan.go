package motivation

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// ChangeStep is one step of a change plan: what the person will do (PHI
// text), by when, and when it was done.
type ChangeStep struct {
	Text intervention.Text `json:"text"`
	// By is the target date; zero when none was set.
	By intervention.Date `json:"by,omitzero"`
	// Done is the day the step was done; zero while it is open.
	Done intervention.Date `json:"done,omitzero"`
}

// String returns a summary with the text redacted.
func (s ChangeStep) String() string {
	out := "ChangeStep{text=" + redacted
	if !s.By.IsZero() {
		out += " by=" + s.By.String()
	}
	if !s.Done.IsZero() {
		out += " done=" + s.Done.String()
	}
	return out + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (s ChangeStep) GoString() string { return "motivation." + s.String() }

// Format makes every fmt verb print the redacted String form.
func (s ChangeStep) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, s.String(), s.GoString())
}

// LogValue implements slog.LogValuer with the text redacted.
func (s ChangeStep) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("text", redacted)}
	if !s.By.IsZero() {
		attrs = append(attrs, slog.String("by", s.By.String()))
	}
	if !s.Done.IsZero() {
		attrs = append(attrs, slog.String("done", s.Done.String()))
	}
	return slog.GroupValue(attrs...)
}

// ChangePlan is one revision of the MI change-plan worksheet for a target
// behaviour: the changes the person wants to make (goals), the steps, who
// can help (supports), what could get in the way (obstacles) and how they
// will know the plan is working (signs of success). Every text is PHI: it
// never appears in errors, String, fmt or slog output.
//
// Plans are revised, never edited: a new revision names the one it
// replaces in Revises.
type ChangePlan struct {
	ID       uuid.UUID         `json:"id"`
	Behavior Behavior          `json:"behavior"`
	On       intervention.Date `json:"on"`
	// Revises is the ID of the revision this one replaces; zero for the
	// first.
	Revises        uuid.UUID           `json:"revises,omitzero"`
	Goals          []intervention.Text `json:"goals"`
	Steps          []ChangeStep        `json:"steps,omitzero"`
	Supports       []intervention.Text `json:"supports,omitzero"`
	Obstacles      []intervention.Text `json:"obstacles,omitzero"`
	SignsOfSuccess []intervention.Text `json:"signsOfSuccess,omitzero"`
}

// Validate reports every problem with p, each under its JSON path: it
// needs an ID, behaviour, date and at least one goal; every text must be
// non-blank, UTF-8 and at most MaxTextBytes; a step cannot be done after
// the revision's date (ErrInconsistent at "steps[i].done").
func (p ChangePlan) Validate() error {
	var errs []error
	if p.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if !p.Behavior.Valid() {
		errs = append(errs, field("behavior", ErrBadBehavior))
	}
	if p.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if p.Revises != uuid.Nil && p.Revises == p.ID {
		errs = append(errs, field("revises", intervention.ErrInconsistent))
	}
	if len(p.Goals) == 0 {
		errs = append(errs, field("goals", intervention.ErrMissing))
	}
	errs = append(errs, checkTexts("goals", p.Goals)...)
	for i, s := range p.Steps {
		path := intervention.Index("steps", i)
		if err := checkText(path+".text", s.Text); err != nil {
			errs = append(errs, err)
		}
		if !s.Done.IsZero() && !p.On.IsZero() && s.Done.After(p.On) {
			errs = append(errs, field(path+".done", intervention.ErrInconsistent))
		}
	}
	errs = append(errs, checkTexts("supports", p.Supports)...)
	errs = append(errs, checkTexts("obstacles", p.Obstacles)...)
	errs = append(errs, checkTexts("signsOfSuccess", p.SignsOfSuccess)...)
	return errors.Join(errs...)
}

// OpenSteps returns the steps with a target date that are not done, in plan
// order.
func (p ChangePlan) OpenSteps() []ChangeStep {
	var out []ChangeStep
	for _, s := range p.Steps {
		if !s.By.IsZero() && s.Done.IsZero() {
			out = append(out, s)
		}
	}
	return out
}

func (p ChangePlan) counts() []slog.Attr {
	return []slog.Attr{
		slog.Int("goals", len(p.Goals)), slog.Int("steps", len(p.Steps)),
		slog.Int("supports", len(p.Supports)), slog.Int("obstacles", len(p.Obstacles)),
		slog.Int("signsOfSuccess", len(p.SignsOfSuccess)),
	}
}

// String summarises p for logs: identifiers, date and the number of entries
// per section; the text is never shown.
func (p ChangePlan) String() string {
	s := "ChangePlan{id=" + p.ID.String() +
		" behavior=" + enumText(string(p.Behavior), p.Behavior.Valid()) + " on=" + p.On.String()
	if p.Revises != uuid.Nil {
		s += " revises=" + p.Revises.String()
	}
	for _, a := range p.counts() {
		s += " " + a.Key + "=" + strconv.FormatInt(a.Value.Int64(), 10)
	}
	return s + " text=" + redacted + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (p ChangePlan) GoString() string { return "motivation." + p.String() }

// Format makes every fmt verb print the redacted String form.
func (p ChangePlan) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, p.String(), p.GoString())
}

// LogValue implements slog.LogValuer: identifiers, date and entry counts,
// with the text redacted.
func (p ChangePlan) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", p.ID.String()),
		slog.String("behavior", enumText(string(p.Behavior), p.Behavior.Valid())),
		slog.String("on", p.On.String()),
	}
	if p.Revises != uuid.Nil {
		attrs = append(attrs, slog.String("revises", p.Revises.String()))
	}
	attrs = append(attrs, p.counts()...)
	return slog.GroupValue(append(attrs, slog.String("text", redacted))...)
}

// ChangePlans is a list of change-plan revisions, as Component.Plans
// returns it. Its LogValue logs every revision's redacted LogValue (slog
// does not resolve the elements of a plain slice: it logs their JSON form,
// in which the text is redacted too).
type ChangePlans []ChangePlan

// LogValue implements slog.LogValuer: a group of the revisions' redacted
// LogValues keyed "0", "1", ….
func (l ChangePlans) LogValue() slog.Value { return listLogValue(l) }
