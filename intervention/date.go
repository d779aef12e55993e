package intervention

import (
	"fmt"
	"time"
)

// ErrBadDate means a date is not a real calendar date in the form YYYY-MM-DD.
var ErrBadDate = fmt.Errorf("not a calendar date YYYY-MM-DD: %w", ErrInvalid)

// Date is a civil (calendar) date with no time of day and no zone: a due date,
// a sobriety date, a plan's effective date. Clean time and due dates are
// counted in Dates so that a daylight-saving change never makes a day 23 or 25
// hours long.
//
// The zero Date is invalid: IsZero reports it, it formats as "" and encodes
// to JSON as "". Dates compare with Before, After, Equal and Compare; == also
// works because Date is a plain comparable value.
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date year-month-day, or an error wrapping ErrInvalid
// when that day does not exist (2025-02-29) or the year is outside 1..9999.
func NewDate(year int, month time.Month, day int) (Date, error) {
	if year < 1 || year > 9999 || month < time.January || month > time.December || day < 1 {
		return Date{}, ErrBadDate
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || t.Month() != month {
		return Date{}, ErrBadDate
	}
	return Date{y: year, m: month, d: day}, nil
}

// DateOf returns the calendar date of instant t as seen in loc: 23:30 on
// 9 March in Los Angeles is still 9 March there although it is already
// 10 March in UTC. A nil loc is an error: the caller must say whose calendar
// counts.
func DateOf(t time.Time, loc *time.Location) (Date, error) {
	if loc == nil {
		return Date{}, &FieldError{Field: "location", Err: ErrMissing}
	}
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// ParseDate parses "YYYY-MM-DD" strictly (four-digit year, two-digit month
// and day, a real calendar day).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, ErrBadDate
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, ErrBadDate
	}
	return NewDate(y, time.Month(m), d)
}

func digits(s string) (int, bool) {
	n := 0
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Year returns the year.
func (d Date) Year() int { return d.y }

// Month returns the month.
func (d Date) Month() time.Month { return d.m }

// Day returns the day of the month.
func (d Date) Day() int { return d.d }

// IsZero reports whether d is the zero (invalid) Date.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// utc returns midnight UTC on d, the form used for arithmetic.
func (d Date) utc() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// In returns the first instant of d in loc (midnight, or the first instant
// after a gap when a DST change skips midnight). A nil loc means UTC.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, loc)
}

// AddDays returns the date n calendar days after d (before it when n is
// negative). The result of AddDays on the zero Date is the zero Date.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return Date{}
	}
	y, m, dd := d.utc().AddDate(0, 0, n).Date()
	return Date{y: y, m: m, d: dd}
}

// AddMonths returns the date n calendar months after d, clamped to the last
// day of the target month (31 January + 1 month is 28 or 29 February), as
// clinicians count "six months sober".
func (d Date) AddMonths(n int) Date {
	if d.IsZero() {
		return Date{}
	}
	total := d.y*12 + int(d.m-1) + n
	y, m := total/12, time.Month(total%12+1)
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return Date{y: y, m: m, d: min(d.d, last)}
}

// DaysSince returns the number of calendar days from earlier to d: positive
// when d is later. It counts calendar days, so a DST change never yields a
// fraction.
func (d Date) DaysSince(earlier Date) int {
	return int(d.utc().Sub(earlier.utc()).Hours() / 24)
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same date.
func (d Date) Equal(o Date) bool { return d == o }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.y != o.y:
		return cmpInt(d.y, o.y)
	case d.m != o.m:
		return cmpInt(int(d.m), int(o.m))
	}
	return cmpInt(d.d, o.d)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String returns d as "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.y < 0 || d.y > 9999 { // outside what a Date holds; keep the general form
		return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d)
	}
	b := [10]byte{
		byte('0' + d.y/1000), byte('0' + d.y/100%10), byte('0' + d.y/10%10), byte('0' + d.y%10), '-',
		byte('0' + int(d.m)/10), byte('0' + int(d.m)%10), '-', byte('0' + d.d/10), byte('0' + d.d%10),
	}
	return string(b[:])
}

// MarshalText encodes d as "YYYY-MM-DD"; the zero Date encodes as "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "YYYY-MM-DD"; "" decodes to the zero Date. On error
// *d is left unchanged.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
