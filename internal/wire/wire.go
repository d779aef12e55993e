// Package wire holds what every package's JSON document form shares:
// strict decoding and lists that encode as [] rather than null.
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"time"
)

// Decode decodes the one JSON value in data into v strictly: an object key
// v does not define is refused, and nothing may follow the value. An error
// that matches invalid (the library's own validation errors, raised by v's
// enums, dates and money while decoding) is returned as it is; any other
// decoder error becomes malformed, because the decoder's own messages may
// quote the input, which can be PHI.
func Decode(data []byte, v any, invalid, malformed error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, invalid) {
			return err
		}
		return malformed
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
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
