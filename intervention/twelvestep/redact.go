package twelvestep

// redacted replaces sensitive values (sobriety dates) in String, GoString,
// fmt and slog output.
const redacted = "[redacted]"

// enumText returns s, or "(invalid)" when it is not valid, so that String
// output never echoes arbitrary input.
func enumText(s string, valid bool) string {
	if !valid {
		return "(invalid)"
	}
	return s
}
