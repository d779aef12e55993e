package cbt

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/internal/enum"
	"github.com/recoverykit/psychosocial/intervention"
)

// Trigger is a category of high-risk situation in a functional analysis or
// an urge entry. The zero Trigger is invalid (in an Urge it means not
// recorded).
type Trigger string

// The trigger categories of the CRA/CBT functional analysis (reference:
// plans-and-interop.md §1.4, NIDA Manual 2 CRA9). TriggerOther is the
// library's, for a situation none of the seven fits.
const (
	TriggerPeople             Trigger = "people"
	TriggerPlace              Trigger = "place"
	TriggerTimeOfDay          Trigger = "time-of-day"
	TriggerMoneyOnHand        Trigger = "money-on-hand"
	TriggerAlcoholConsumed    Trigger = "alcohol-consumed"
	TriggerConcurrentActivity Trigger = "concurrent-activity"
	TriggerFeelings           Trigger = "feelings"
	TriggerOther              Trigger = "other"
)

// Triggers returns every Trigger in a stable order.
func Triggers() []Trigger {
	return []Trigger{
		TriggerPeople, TriggerPlace, TriggerTimeOfDay, TriggerMoneyOnHand,
		TriggerAlcoholConsumed, TriggerConcurrentActivity, TriggerFeelings, TriggerOther,
	}
}

// ParseTrigger returns the Trigger whose text form is s.
func ParseTrigger(s string) (Trigger, error) {
	return enum.Parse(Trigger(s), Trigger.Valid, ErrUnknownTrigger)
}

// Valid reports whether t is one of the constants.
func (t Trigger) Valid() bool { return enum.Valid(t, Triggers()) }

// String returns the text form of t.
func (t Trigger) String() string { return string(t) }

// MarshalText encodes t; an invalid Trigger is an error.
func (t Trigger) MarshalText() ([]byte, error) {
	return enum.Marshal(t, Trigger.Valid, ErrUnknownTrigger)
}

// UnmarshalText decodes t with ParseTrigger; on error *t is unchanged.
func (t *Trigger) UnmarshalText(b []byte) error { return enum.Unmarshal(t, b, ParseTrigger) }

// FunctionalAnalysis is one functional analysis of a use (or high-risk)
// episode: trigger → thoughts and feelings → behaviour → positive
// (immediate) consequences → negative (delayed) consequences; it is redone
// after any use episode (reference: plans-and-interop.md §1.4, NIDA Manual 2
// CRA9).
//
// Every text field is PHI (42 CFR Part 2) of type intervention.Text: it
// never appears in errors, String, fmt, slog or an analysis's own JSON form
// ("[redacted]"). The course document keeps it, for the host's PHI store.
type FunctionalAnalysis struct {
	ID uuid.UUID         `json:"id"`
	On intervention.Date `json:"on"`
	// Session is the session it was done in; zero when done elsewhere.
	Session uuid.UUID `json:"session,omitzero"`
	// AfterUse marks an analysis redone after a use episode.
	AfterUse bool    `json:"afterUse"`
	Trigger  Trigger `json:"trigger"`
	// TriggerDetail describes the trigger (PHI); optional.
	TriggerDetail intervention.Text `json:"triggerDetail,omitzero"`
	// Thoughts and Feelings before the behaviour (PHI); optional.
	Thoughts intervention.Text `json:"thoughts,omitzero"`
	Feelings intervention.Text `json:"feelings,omitzero"`
	// Behavior is what the person did (PHI); required.
	Behavior intervention.Text `json:"behavior"`
	// PositiveConsequences are the immediate results (PHI).
	PositiveConsequences []intervention.Text `json:"positiveConsequences,omitzero"`
	// NegativeConsequences are the delayed results (PHI).
	NegativeConsequences []intervention.Text `json:"negativeConsequences,omitzero"`
}

// Validate reports every problem with a, each under its JSON path: it needs
// an ID, a date, a trigger category and a behaviour; every text present must
// be non-blank, UTF-8 and at most MaxTextBytes.
func (a FunctionalAnalysis) Validate() error {
	var errs []error
	if a.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if a.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	if !a.Trigger.Valid() {
		errs = append(errs, field("trigger", ErrUnknownTrigger))
	}
	errs = append(errs,
		checkOptionalText("triggerDetail", a.TriggerDetail.Reveal()),
		checkOptionalText("thoughts", a.Thoughts.Reveal()),
		checkOptionalText("feelings", a.Feelings.Reveal()),
		checkText("behavior", a.Behavior.Reveal(), MaxTextBytes),
	)
	for i, s := range a.PositiveConsequences {
		errs = append(errs, checkText(intervention.Index("positiveConsequences", i), s.Reveal(), MaxTextBytes))
	}
	for i, s := range a.NegativeConsequences {
		errs = append(errs, checkText(intervention.Index("negativeConsequences", i), s.Reveal(), MaxTextBytes))
	}
	return errors.Join(errs...)
}

func (a FunctionalAnalysis) attrs() []slog.Attr {
	attrs := []slog.Attr{
		slog.String("id", a.ID.String()),
		slog.String("on", a.On.String()),
	}
	if a.Session != uuid.Nil {
		attrs = append(attrs, slog.String("session", a.Session.String()))
	}
	return append(attrs,
		slog.Bool("afterUse", a.AfterUse),
		slog.String("trigger", enumText(string(a.Trigger), a.Trigger.Valid())),
		slog.Int("positiveConsequences", len(a.PositiveConsequences)),
		slog.Int("negativeConsequences", len(a.NegativeConsequences)),
		slog.String("text", redacted),
	)
}

// String summarises a for logs: identifiers, date, trigger category and
// the number of consequences; the text is never shown.
func (a FunctionalAnalysis) String() string {
	return "FunctionalAnalysis{" + attrsText(a.attrs())[1:] + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (a FunctionalAnalysis) GoString() string { return "cbt." + a.String() }

// Format makes every fmt verb print the redacted String form.
func (a FunctionalAnalysis) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, a.String(), a.GoString())
}

// LogValue implements slog.LogValuer with the text redacted.
func (a FunctionalAnalysis) LogValue() slog.Value { return slog.GroupValue(a.attrs()...) }

// FunctionalAnalyses is a list of functional analyses, as
// Course.Analyses returns it. Its LogValue logs every analysis's redacted
// LogValue (slog does not resolve the elements of a plain slice: it logs
// their JSON form, in which the text is redacted too); String and fmt show
// only the redacted elements.
type FunctionalAnalyses []FunctionalAnalysis

// LogValue implements slog.LogValuer: a group of the analyses' redacted
// LogValues keyed "0", "1", ….
func (l FunctionalAnalyses) LogValue() slog.Value {
	attrs := make([]slog.Attr, len(l))
	for i, a := range l {
		attrs[i] = slog.Attr{Key: strconv.Itoa(i), Value: a.LogValue()}
	}
	return slog.GroupValue(attrs...)
}

// String lists the redacted String forms.
func (l FunctionalAnalyses) String() string {
	s := "["
	for i, a := range l {
		if i > 0 {
			s += " "
		}
		s += a.String()
	}
	return s + "]"
}

// GoString is the %#v form: String with the package qualifier.
func (l FunctionalAnalyses) GoString() string { return "cbt.FunctionalAnalyses" + l.String() }

// Format makes every fmt verb print the redacted String form.
func (l FunctionalAnalyses) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, l.String(), l.GoString())
}

func cloneAnalysis(a FunctionalAnalysis) FunctionalAnalysis {
	a.PositiveConsequences = slices.Clone(a.PositiveConsequences)
	a.NegativeConsequences = slices.Clone(a.NegativeConsequences)
	return a
}
