// Package enum holds the one implementation of the text form shared by the
// library's string-typed enumerations, so that every enum parses, validates
// and marshals the same way.
package enum

// Valid reports whether v is one of known.
func Valid[T ~string](v T, known []T) bool {
	for _, k := range known {
		if v == k {
			return true
		}
	}
	return false
}

// Parse returns v when valid reports it valid, and unknown otherwise: the
// body of every ParseX function.
func Parse[T ~string](v T, valid func(T) bool, unknown error) (T, error) {
	if !valid(v) {
		return "", unknown
	}
	return v, nil
}

// Marshal returns the text of v, or unknown when v is not valid under valid.
func Marshal[T ~string](v T, valid func(T) bool, unknown error) ([]byte, error) {
	if !valid(v) {
		return nil, unknown
	}
	return []byte(v), nil
}

// Unmarshal parses b with parse and stores it in dst; on error dst is left
// unchanged.
func Unmarshal[T ~string](dst *T, b []byte, parse func(string) (T, error)) error {
	v, err := parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
