// Package wire holds what every package's JSON document form shares: the
// one strict decoder (Decode), the error vocabulary it reports with
// (FieldError and ErrInvalid, re-exported by package intervention), the
// window of storable times, lists that encode as [] rather than null, and
// the schema evolution contract every stored document keeps (Schema; the
// contract for users is docs/schema-evolution.md).
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"time"
)

// Decode decodes the one JSON value in data into v, a non-nil pointer,
// strictly. It is the library's one JSON decoder: every document, and
// every value that decodes itself from JSON, goes through it. It refuses
//
//   - a document that is not exactly one JSON value, or is null
//     (ErrNullDocument);
//   - an object key that appears twice, at any depth (ErrDuplicateKey);
//   - a key that the Go type does not define, or defines in another case:
//     "ID" is not "id" (ErrUnknownKey), reported at the path of the object
//     that holds it, never by name, since a key is input too;
//   - a string that is not valid UTF-8, or escapes an unpaired surrogate or
//     NUL (ErrInvalidText);
//   - a time outside the years MinYear–MaxYear (ErrTimeRange), or with an
//     offset that RFC 3339 cannot write again (ErrTimeOffset), so that a
//     decoded document can always be encoded again;
//   - a fixed-length array with too many or too few elements
//     (ErrArrayLength).
//
// Each of those is a *FieldError whose rule matches both the wire rule
// and malformed. Any other decoder error is reported at the path of the
// value that failed: an error that matches invalid (the library's own
// validation errors, raised by v's enums, dates and money while decoding)
// keeps its rule, and any other becomes malformed, because the decoder's
// own messages may quote the input, which can be PHI. No error carries
// input bytes.
func Decode(data []byte, v any, invalid, malformed error) error {
	if !json.Valid(data) {
		return malformed
	}
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return Field("", &decodeError{rule: ErrNullDocument, malformed: malformed})
	}
	var t reflect.Type
	if rt := reflect.TypeOf(v); rt != nil && rt.Kind() == reflect.Pointer {
		t = rt.Elem()
	}
	c := checker{data: data, invalid: invalid, malformed: malformed}
	c.value(t)
	if len(c.errs) > 0 {
		return c.err()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		c = checker{data: data, invalid: invalid, malformed: malformed, locate: true, types: c.types}
		c.value(t)
		switch {
		case len(c.errs) > 0:
			return c.err()
		case errors.Is(err, invalid):
			return err
		}
		return malformed
	}
	return nil
}

// List returns s, or an empty slice when s is nil, so that a list encodes
// as [] and a document's shape does not depend on whether it is empty.
func List[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Zone returns the time zone a document stores by IANA name. The empty name
// and "Local" are refused, as are names the zone database does not know: a
// stored document must mean the same on every machine.
func Zone(name string) (*time.Location, bool) {
	if name == "" || name == "Local" {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}

// Storable reports whether loc can be stored by name and loaded back by
// Zone (time.Local cannot: it differs from machine to machine).
func Storable(loc *time.Location) bool {
	_, ok := Zone(loc.String())
	return ok
}
