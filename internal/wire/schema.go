package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Schema evolution. Every stored document carries a schemaVersion, and
// every document kind declares a Schema: the version it writes and reads,
// and the upgrade steps that bring an older document up to it. The
// contract, for the people who store documents, is docs/schema-evolution.md;
// in short:
//
//   - A version is "MAJOR" or "MAJOR.MINOR" in canonical form ("1" is 1.0
//     and is the only way to write it; "1.0", "01" and "v1" are refused).
//   - A minor step only adds optional keys, whose absence means what it
//     meant before. A reader of M.n reads an M.m document with m > n by
//     ignoring the keys it does not know, wherever the strict decoder walks
//     the document by its Go type; every other strict rule still applies.
//     An unknown key it cannot skip (inside a value that decodes itself) is
//     ErrNewerSchema. A document of M.n or older minor is decoded strictly:
//     an unknown key there is still ErrUnknownKey.
//   - A major step may change anything. A later major is ErrNewerSchema; an
//     earlier one is upgraded, one registered step per major, before strict
//     decoding; one no chain of steps reaches is ErrOlderSchema.

// ErrNewerSchema means a document declares a schemaVersion this reader does
// not support yet: a later major version, or a later minor version holding
// an addition the reader cannot skip safely. Upgrade the reader.
var ErrNewerSchema = fmt.Errorf("schemaVersion newer than this reader supports: %w", ErrInvalid)

// ErrOlderSchema means a document declares a schemaVersion older than any
// this reader has an upgrade from.
var ErrOlderSchema = fmt.Errorf("schemaVersion older than this reader can upgrade: %w", ErrInvalid)

// ErrSchemaSyntax means a schemaVersion is missing or is not "MAJOR" or
// "MAJOR.MINOR" in canonical form.
var ErrSchemaSyntax = fmt.Errorf(`schemaVersion must be "MAJOR" or "MAJOR.MINOR", e.g. "1" or "1.2": %w`, ErrInvalid)

// maxVersionPart bounds each part of a version, so that a parsed version is
// a short number and never input text.
const maxVersionPart = 9999

// Version is a document's schemaVersion.
type Version struct {
	Major, Minor int
}

// ParseVersion parses "MAJOR" or "MAJOR.MINOR": decimal numbers without
// sign or leading zero, MAJOR from 1 and MINOR from 1 (minor 0 is written
// "MAJOR"), each at most 9999.
func ParseVersion(s string) (Version, bool) {
	majorText, minorText, dotted := strings.Cut(s, ".")
	major, ok := versionPart(majorText)
	if !ok || major == 0 {
		return Version{}, false
	}
	if !dotted {
		return Version{Major: major}, true
	}
	minor, ok := versionPart(minorText)
	if !ok || minor == 0 {
		return Version{}, false
	}
	return Version{Major: major, Minor: minor}, true
}

// versionPart parses one part of a version.
func versionPart(s string) (int, bool) {
	if s == "" || len(s) > 4 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n <= maxVersionPart
}

// String returns the canonical form: "1" for 1.0, "1.2" for 1.2.
func (v Version) String() string {
	if v.Minor == 0 {
		return strconv.Itoa(v.Major)
	}
	return strconv.Itoa(v.Major) + "." + strconv.Itoa(v.Minor)
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	return v.Major < w.Major || (v.Major == w.Major && v.Minor < w.Minor)
}

// SchemaError is the rule a document's schemaVersion broke, reported at
// "schemaVersion": ErrNewerSchema, ErrOlderSchema or ErrSchemaSyntax, with
// the version the document declares (zero when it is not a version) and
// the newest the reader supports. It matches its Rule, the document kind's
// own rule (plan.ErrSchemaVersion, …) and ErrInvalid. A version is two
// bounded numbers, never input text.
type SchemaError struct {
	Seen      Version // the document's version; zero when malformed
	Supported Version // the newest version the reader reads
	Rule      error   // ErrNewerSchema, ErrOlderSchema or ErrSchemaSyntax
	kind      error   // the document kind's rule
}

// Error says which version was seen and which is supported.
func (e *SchemaError) Error() string {
	switch {
	case errors.Is(e.Rule, ErrNewerSchema):
		return "version " + e.Seen.String() + " is newer than " + e.Supported.String() + ", the newest this reader supports; upgrade the reader"
	case errors.Is(e.Rule, ErrOlderSchema):
		return "version " + e.Seen.String() + " is older than this reader (" + e.Supported.String() + ") can upgrade"
	}
	return e.Rule.Error()
}

// Unwrap returns the rule and the document kind's rule.
func (e *SchemaError) Unwrap() []error { return []error{e.Rule, e.kind} }

// Upgrade rewrites a document of one major version as a document of the
// next: it renames, moves, converts or fills in members of the top-level
// object. Errors should wrap ErrInvalid and name a path; any other error is
// reported as the caller's malformed-document error.
type Upgrade func(doc *Object) error

// Schema is the version contract of one kind of document.
type Schema struct {
	// Current is the version the document kind writes and reads, in
	// canonical form (its SchemaVersion constant). A malformed one makes
	// every document ErrSchemaSyntax, which the kind's tests catch.
	Current string
	// Upgrades[k] rewrites a major-k document as a major-(k+1) one.
	Upgrades map[int]Upgrade
	// Refused is the document kind's rule for a version it does not read
	// (plan.ErrSchemaVersion, …); every SchemaError matches it too.
	Refused error
}

// Decode decodes the document data into v, a non-nil pointer to the
// document's Go form, under the schema's contract: it reads the top-level
// "schemaVersion", upgrades an older major through the registered steps,
// ignores unknown keys of a later minor, refuses a later major, and then
// decodes strictly (see the package function Decode, whose rules and
// errors apply unchanged). A schemaVersion it cannot accept is a
// *SchemaError at "schemaVersion". A document that is not a JSON object
// with a well-formed schemaVersion is reported as Decode reports it, or as
// ErrSchemaSyntax when Decode accepts it.
func (s Schema) Decode(data []byte, v any, invalid, malformed error) error {
	current, ok := ParseVersion(s.Current)
	if !ok {
		return s.fail(Version{}, ErrSchemaSyntax)
	}
	doc, ok := parseObject(data)
	if !ok {
		if err := Decode(data, v, invalid, malformed); err != nil {
			return err
		}
		return s.fail(Version{}, ErrSchemaSyntax)
	}
	raw, _ := doc.Get("schemaVersion")
	var text string
	seen, ok := Version{}, json.Unmarshal(raw, &text) == nil
	if ok {
		seen, ok = ParseVersion(text)
	}
	switch {
	case !ok:
		if err := Decode(data, v, invalid, malformed); err != nil {
			return err // the document's shape first, as for a current one
		}
		return s.fail(Version{}, ErrSchemaSyntax)
	case seen.Major > current.Major:
		return s.fail(seen, ErrNewerSchema)
	case seen.Major < current.Major:
		upgraded, err := s.upgrade(data, doc, seen, current.Major, invalid, malformed)
		if err != nil {
			return err
		}
		return Decode(upgraded, v, invalid, malformed)
	case current.Less(seen):
		return s.decodeNewerMinor(data, v, seen, invalid, malformed)
	}
	return Decode(data, v, invalid, malformed)
}

// fail returns rule at "schemaVersion" as a *SchemaError.
func (s Schema) fail(seen Version, rule error) error {
	supported, _ := ParseVersion(s.Current)
	return Field("schemaVersion", &SchemaError{Seen: seen, Supported: supported, Rule: rule, kind: s.Refused})
}

// upgrade applies the steps from seen's major to the current one.
func (s Schema) upgrade(data []byte, doc *Object, seen Version, target int, invalid, malformed error) ([]byte, error) {
	c := checker{data: data, invalid: invalid, malformed: malformed}
	c.value(nil) // repeated keys and invalid text, before members are rewritten
	if len(c.errs) > 0 {
		return nil, c.err()
	}
	for major := seen.Major; major < target; major++ {
		if s.Upgrades[major] == nil {
			return nil, s.fail(seen, ErrOlderSchema)
		}
	}
	for major := seen.Major; major < target; major++ {
		if err := s.Upgrades[major](doc); err != nil {
			if errors.Is(err, invalid) || errors.Is(err, ErrInvalid) {
				return nil, err
			}
			return nil, Field("", malformed)
		}
		doc.Set("schemaVersion", json.RawMessage(strconv.Quote(Version{Major: major + 1}.String())))
	}
	return doc.encode(), nil
}

// decodeNewerMinor decodes a document of a later minor version: the keys
// the Go type does not define are cut out wherever the walk reaches them,
// and what remains is decoded strictly.
func (s Schema) decodeNewerMinor(data []byte, v any, seen Version, invalid, malformed error) error {
	var t reflect.Type
	if rt := reflect.TypeOf(v); rt != nil && rt.Kind() == reflect.Pointer {
		t = rt.Elem()
	}
	c := checker{data: data, invalid: invalid, malformed: malformed, prune: true}
	c.value(t)
	if len(c.errs) > 0 {
		return c.err()
	}
	err := Decode(cutMembers(data, c.cuts), v, invalid, malformed)
	if errors.Is(err, ErrUnknownKey) {
		return s.fail(seen, ErrNewerSchema) // an addition inside a value that decodes itself
	}
	return err
}

// cutMembers returns data without the object members at cuts (each the
// span of one "key": value, in document order), and without the commas
// that separated them.
func cutMembers(data []byte, cuts [][2]int) []byte {
	if len(cuts) == 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	at := 0
	for _, c := range cuts {
		out = append(out, data[at:c[0]]...)
		at = c[1]
	}
	out = append(out, data[at:]...)
	return dropStrayCommas(out)
}

// dropStrayCommas removes the commas left without a member on one side
// ("{,", ",,", ",}") outside strings; data is otherwise valid JSON.
func dropStrayCommas(data []byte) []byte {
	out := make([]byte, 0, len(data))
	inString, escaped := false, false
	last := byte(0) // the last significant byte written
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case inString:
			inString = escaped || b != '"'
			escaped = !escaped && b == '\\'
		case b == '"':
			inString = true
		case b == ',':
			next := nextSignificant(data, i+1)
			if last == '{' || last == ',' || next == '}' || next == ',' {
				continue
			}
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			out = append(out, b)
			continue
		}
		out = append(out, b)
		last = b
	}
	return out
}

// nextSignificant returns the first byte of data[i:] that is not
// whitespace, or 0.
func nextSignificant(data []byte, i int) byte {
	for ; i < len(data); i++ {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return data[i]
		}
	}
	return 0
}

// Object is a JSON object's members, in document order, as an Upgrade
// sees them. Values are raw JSON.
type Object struct {
	keys   []string
	values []json.RawMessage
}

// parseObject returns the members of the JSON object data, or false when
// data is not one valid JSON object with distinct keys.
func parseObject(data []byte) (*Object, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	o := &Object{}
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		var value json.RawMessage
		if err != nil || !isKey || dec.Decode(&value) != nil {
			return nil, false
		}
		if _, dup := o.Get(key); dup {
			return nil, false
		}
		o.keys, o.values = append(o.keys, key), append(o.values, value)
	}
	return o, true
}

// Get returns the value of key.
func (o *Object) Get(key string) (json.RawMessage, bool) {
	for i, k := range o.keys {
		if k == key {
			return o.values[i], true
		}
	}
	return nil, false
}

// Set sets the value of key, in place when the object holds it and last
// otherwise. value must be valid JSON.
func (o *Object) Set(key string, value json.RawMessage) {
	for i, k := range o.keys {
		if k == key {
			o.values[i] = value
			return
		}
	}
	o.keys, o.values = append(o.keys, key), append(o.values, value)
}

// Delete removes key, reporting whether the object held it.
func (o *Object) Delete(key string) bool {
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			o.values = append(o.values[:i], o.values[i+1:]...)
			return true
		}
	}
	return false
}

// Rename renames the member from as to, in place; an object without from
// is unchanged. An object that holds both is ErrDuplicateKey at path to.
func (o *Object) Rename(from, to string) error {
	if _, both := o.Get(to); both {
		if _, ok := o.Get(from); ok {
			return Field(to, ErrDuplicateKey)
		}
	}
	for i, k := range o.keys {
		if k == from {
			o.keys[i] = to
		}
	}
	return nil
}

// encode writes the object as JSON, members in order.
func (o *Object) encode() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k) // a string always marshals
		b.Write(key)
		b.WriteByte(':')
		b.Write(o.values[i])
	}
	b.WriteByte('}')
	return b.Bytes()
}
