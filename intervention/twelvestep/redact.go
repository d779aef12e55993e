package twelvestep

import (
	"fmt"
	"io"
	"strconv"
)

// redacted replaces sensitive values (sobriety dates) in String, GoString,
// fmt and slog output.
const redacted = "[redacted]"

// formatRedacted writes the redacted form for any fmt verb: goString for
// %#v, a quoted str for %q, str otherwise. No verb reaches a field by
// reflection.
func formatRedacted(f fmt.State, verb rune, str, goString string) {
	s := str
	switch {
	case verb == 'v' && f.Flag('#'):
		s = goString
	case verb == 'q':
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}

// enumText returns s, or "(invalid)" when it is not valid, so that String
// output never echoes arbitrary input.
func enumText(s string, valid bool) string {
	if !valid {
		return "(invalid)"
	}
	return s
}
