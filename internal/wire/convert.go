package wire

// Map returns f applied to each element of in, keeping nil as nil: a
// document codec converts a list of records to their wire forms (and back)
// without changing whether it is empty or absent.
func Map[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
