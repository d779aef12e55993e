package motivation

import (
	"slices"

	"github.com/recoverykit/psychosocial/intervention"
)

// sortByDate sorts s by the date key returns, keeping the recording order of
// entries on the same date.
func sortByDate[T any](s []T, key func(T) intervention.Date) {
	slices.SortStableFunc(s, func(a, b T) int { return key(a).Compare(key(b)) })
}

// latest returns the element of s with the latest date on or before
// through (the last recorded among those on that date); ok is false when
// none qualifies.
func latest[T any](s []T, key func(T) intervention.Date, through intervention.Date) (out T, ok bool) {
	for _, e := range s {
		d := key(e)
		if d.After(through) {
			continue
		}
		if !ok || !d.Before(key(out)) {
			out, ok = e, true
		}
	}
	return out, ok
}
