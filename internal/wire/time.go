package wire

import "time"

// The window of years a stored time may lie in: wide enough for any birth,
// admission or ledger entry, narrow enough that every time in it formats
// as RFC 3339 and sorts as text. Domain rules may be narrower (plans and
// sessions use 1970–2199); no document may carry a time outside this one.
const (
	MinYear = 1900
	MaxYear = 2199
)

// maxOffset is one past the largest UTC offset RFC 3339 can write (23:59).
const maxOffset = 24 * 60 * 60

// CheckTime returns nil when t can be stored and read back unchanged: the
// zero time (an unset field), or a time in the years MinYear–MaxYear (in
// UTC, as the contingency ledger counts them) whose offset RFC 3339 can
// write. Otherwise it returns ErrTimeRange or ErrTimeOffset.
func CheckTime(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	_, off := t.Zone()
	if off <= -maxOffset || off >= maxOffset || off%60 != 0 {
		return ErrTimeOffset
	}
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return ErrTimeRange
	}
	return nil
}
