package motivation

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// BalanceItem is one entry in a decisional-balance cell: the person's own
// words and an optional rating of how much it weighs. Text is PHI: it never
// appears in errors, String, fmt or slog output.
type BalanceItem struct {
	Text intervention.Text `json:"text"`
	// Rating is optional (nil when unrated); it lies on the worksheet's Scale.
	Rating *int `json:"rating,omitzero"`
}

// String returns a summary with the text redacted.
func (b BalanceItem) String() string {
	s := "BalanceItem{text=" + redacted
	if b.Rating != nil {
		s += " rating=" + strconv.Itoa(*b.Rating)
	}
	return s + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (b BalanceItem) GoString() string { return "motivation." + b.String() }

// Format makes every fmt verb print the redacted String form.
func (b BalanceItem) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, b.String(), b.GoString())
}

// LogValue implements slog.LogValuer with the text redacted.
func (b BalanceItem) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("text", redacted)}
	if b.Rating != nil {
		attrs = append(attrs, slog.Int("rating", *b.Rating))
	}
	return slog.GroupValue(attrs...)
}

// DecisionalBalance is the MI decisional-balance worksheet for one target
// behaviour: pros and cons of changing × pros and cons of staying the same
// (reference: instruments.md §7.4). No standard scoring is documented for the
// clinical worksheet, so it is kept as qualitative data: no score is
// computed. All item text is PHI and is redacted from String, fmt and slog
// output; errors name only field paths.
type DecisionalBalance struct {
	ID       uuid.UUID         `json:"id"`
	Behavior Behavior          `json:"behavior"`
	On       intervention.Date `json:"on"`
	// Session is the MI session the worksheet was completed in; zero if none.
	Session uuid.UUID `json:"session,omitzero"`
	// Scale bounds the items' optional ratings; the zero Scale means
	// DefaultScale (0–10) and is written to JSON as explicit bounds.
	Scale          Scale         `json:"scale"`
	ProsOfChanging []BalanceItem `json:"prosOfChanging,omitzero"`
	ConsOfChanging []BalanceItem `json:"consOfChanging,omitzero"`
	ProsOfStaying  []BalanceItem `json:"prosOfStaying,omitzero"`
	ConsOfStaying  []BalanceItem `json:"consOfStaying,omitzero"`
}

// Validate reports every problem with d, each under its JSON path; no
// error carries item text.
func (d DecisionalBalance) Validate() error {
	var errs []error
	if d.ID == uuid.Nil {
		errs = append(errs, intervention.Expect("id", intervention.ErrMissing, intervention.WantID))
	}
	if !d.Behavior.Valid() {
		errs = append(errs, field("behavior", ErrBadBehavior))
	}
	if d.On.IsZero() {
		errs = append(errs, field("on", intervention.ErrMissing))
	}
	scaleErr := d.Scale.Validate()
	if scaleErr != nil {
		errs = append(errs, intervention.Prefix("scale", scaleErr))
	}
	for _, cell := range d.cells() {
		for i, item := range cell.items {
			p := intervention.Index(cell.name, i)
			if err := checkText(p+".text", item.Text); err != nil {
				errs = append(errs, err)
			}
			if item.Rating != nil && scaleErr == nil && !d.Scale.Contains(*item.Rating) {
				errs = append(errs, field(p+".rating", intervention.ErrOutOfRange))
			}
		}
	}
	return errors.Join(errs...)
}

type balanceCell struct {
	name  string
	items []BalanceItem
}

func (d DecisionalBalance) cells() [4]balanceCell {
	return [4]balanceCell{
		{"prosOfChanging", d.ProsOfChanging}, {"consOfChanging", d.ConsOfChanging},
		{"prosOfStaying", d.ProsOfStaying}, {"consOfStaying", d.ConsOfStaying},
	}
}

// String summarises d for logs: identifiers, date and the number of items
// per cell; the text is never shown.
func (d DecisionalBalance) String() string {
	s := "DecisionalBalance{id=" + d.ID.String() +
		" behavior=" + enumText(string(d.Behavior), d.Behavior.Valid()) + " on=" + d.On.String()
	for _, c := range d.cells() {
		s += " " + c.name + "=" + strconv.Itoa(len(c.items))
	}
	return s + " text=" + redacted + "}"
}

// GoString is the %#v form: String with the package qualifier.
func (d DecisionalBalance) GoString() string { return "motivation." + d.String() }

// Format makes every fmt verb print the redacted String form.
func (d DecisionalBalance) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, d.String(), d.GoString())
}

// LogValue implements slog.LogValuer: identifiers, date and item counts,
// with the text redacted.
func (d DecisionalBalance) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", d.ID.String()),
		slog.String("behavior", enumText(string(d.Behavior), d.Behavior.Valid())),
		slog.String("on", d.On.String()),
	}
	for _, c := range d.cells() {
		attrs = append(attrs, slog.Int(c.name, len(c.items)))
	}
	return slog.GroupValue(append(attrs, slog.String("text", redacted))...)
}

// balanceJSON is DecisionalBalance without its methods.
type balanceJSON DecisionalBalance

// MarshalJSON writes d with its scale's explicit bounds and every item's
// text redacted: a worksheet's own JSON form (and so slog's JSON handler
// on a list of worksheets) never carries PHI. The component document
// writes the text. DecisionalBalance has no UnmarshalJSON: it is read as
// part of a component document (ParseComponent).
func (d DecisionalBalance) MarshalJSON() ([]byte, error) {
	d.Scale = d.Scale.Bounds()
	return json.Marshal(balanceJSON(d))
}

// DecisionalBalances is a list of worksheets, as Component.Balances returns
// it. Its LogValue logs every worksheet's redacted LogValue (slog does not
// resolve the elements of a plain slice: it logs their JSON form, in which
// the text is redacted too).
type DecisionalBalances []DecisionalBalance

// LogValue implements slog.LogValuer: a group of the worksheets' redacted
// LogValues keyed "0", "1", ….
func (l DecisionalBalances) LogValue() slog.Value { return listLogValue(l) }

// listLogValue groups the LogValues of a list under their indexes.
func listLogValue[T slog.LogValuer](l []T) slog.Value {
	attrs := make([]slog.Attr, len(l))
	for i, v := range l {
		attrs[i] = slog.Attr{Key: strconv.Itoa(i), Value: v.LogValue()}
	}
	return slog.GroupValue(attrs...)
}
