package family

import (
	"fmt"
	"log/slog"
	"strconv"

	"github.com/recoverykit/psychosocial/intervention"
)

// enumText returns s, or "(invalid)" when it is not valid, so that String
// output never echoes arbitrary input.
func enumText(s string, valid bool) string {
	if !valid {
		return "(invalid)"
	}
	return s
}

// String summarises t: identifiers, the model and record counts, never
// consent text.
func (t *Therapy) String() string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	s := "Therapy{id=" + t.cfg.ID.String() + " model=" + enumText(string(t.cfg.Model), t.cfg.Model.Valid())
	for _, a := range t.counts() {
		s += " " + a.Key + "=" + strconv.FormatInt(a.Value.Int64(), 10)
	}
	return s + "}"
}

func (t *Therapy) counts() []slog.Attr {
	consents := 0
	for _, m := range t.members {
		consents += len(m.Consents)
	}
	return []slog.Attr{
		slog.Int("members", len(t.members)), slog.Int("consents", consents),
		slog.Int("sessions", len(t.sessions)), slog.Int("dvScreens", len(t.screens)),
		slog.Int("invitations", len(t.invitations)), slog.Int("contracts", len(t.contracts)),
		slog.Int("calendar", len(t.calendar)), slog.Int("strainCheckIns", len(t.strain)),
	}
}

// GoString is the %#v form: String with the package qualifier.
func (t *Therapy) GoString() string { return "family." + t.String() }

// Format makes every fmt verb print the String form, so no verb reaches a
// consent description by reflection.
func (t *Therapy) Format(f fmt.State, verb rune) {
	intervention.FormatRedacted(f, verb, t.String(), t.GoString())
}

// LogValue implements slog.LogValuer: identifiers, the model and record
// counts.
func (t *Therapy) LogValue() slog.Value {
	t.mu.RLock()
	defer t.mu.RUnlock()
	attrs := []slog.Attr{
		slog.String("id", t.cfg.ID.String()),
		slog.String("model", enumText(string(t.cfg.Model), t.cfg.Model.Valid())),
	}
	return slog.GroupValue(append(attrs, t.counts()...)...)
}
