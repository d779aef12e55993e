package wire

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// The structural pass. encoding/json lets the last of two equal keys win,
// matches keys without regard to case, replaces invalid UTF-8 with U+FFFD,
// drops array elements beyond a Go array's length, and accepts times it
// cannot write again. Before it runs, a checker walks the document (which
// json.Valid has accepted) beside the Go type it decodes into and refuses
// each of those. Where a type decodes itself (enums, dates, UUIDs, nested
// documents), the walk still checks keys for repeats and strings for
// invalid text, but leaves key names to the type, which decodes through
// Decode in turn.
//
// On a decode error the walk runs again in locate mode, decoding each leaf
// on its own, to report the path of the value that failed.

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
)

// maxErrors bounds the problems one walk reports.
const maxErrors = 32

// smallObject is how many keys an object may have before repeats are found
// with a map rather than by comparing every pair.
const smallObject = 16

// shape is what the walk expects of a value, from its Go type.
type shape int

const (
	shapeAny    shape = iota // no Go type: JSON-level checks only
	shapeLeaf                // a scalar, or a type that decodes itself
	shapeTime                // time.Time
	shapeStruct              // object keys are field names
	shapeSlice               // array of Elem
	shapeArray               // array of exactly Len Elem
	shapeMap                 // object of Elem
)

// field is one JSON field of a struct: its name and Go type.
type field struct {
	name string
	typ  reflect.Type
}

// typeInfo is what the walk needs to know about one Go type.
type typeInfo struct {
	shape  shape
	typ    reflect.Type // pointers stripped
	fields []field      // for shapeStruct
}

// step is one segment of the path to the current value: a field's JSON
// name (from the Go type, never from the input), an array index, or, for a
// map entry, "[*]" (its key is input).
type step struct {
	name  string
	index int // -1 for a map entry
}

// checker walks one document. It is used once.
type checker struct {
	data      []byte
	pos       int
	malformed error // the caller's malformed-document error
	invalid   error // the caller's invalid-value error
	locate    bool  // decode leaves on their own to find a decode error
	types     map[reflect.Type]*typeInfo
	path      []step
	errs      []error
	untyped   typeInfo // the info of a value with no Go type
	prune     bool     // record unknown struct members in cuts instead of failing
	cuts      [][2]int // spans of the members prune found, in order
}

// fail records rule at the current path.
func (c *checker) fail(rule error) {
	c.failErr(Field(c.pathString(), &decodeError{rule: rule, malformed: c.malformed}))
}

// failErr records err, which already names its path.
func (c *checker) failErr(err error) {
	if len(c.errs) < maxErrors {
		c.errs = append(c.errs, err)
	}
}

// err returns every problem recorded, or nil.
func (c *checker) err() error {
	if len(c.errs) == 1 {
		return c.errs[0]
	}
	return errors.Join(c.errs...)
}

func (c *checker) pathString() string {
	p := ""
	for _, s := range c.path {
		switch {
		case s.name != "":
			p = JoinPath(p, s.name)
		case s.index < 0:
			p += "[*]"
		default:
			p = Index(p, s.index)
		}
	}
	return p
}

// info returns (and caches) what the walk needs to know about t.
func (c *checker) info(t reflect.Type) *typeInfo {
	if t == nil {
		return &c.untyped
	}
	if ti, ok := c.types[t]; ok {
		return ti
	}
	if c.types == nil {
		c.types = map[reflect.Type]*typeInfo{}
	}
	ti := &typeInfo{typ: t}
	c.types[t] = ti
	for ti.shape == shapeAny {
		switch {
		case ti.typ == timeType:
			ti.shape = shapeTime
		case ti.typ.Kind() == reflect.Pointer:
			ti.typ = ti.typ.Elem()
		case decodesItself(ti.typ):
			ti.shape = shapeLeaf
		default:
			ti.shape = kindShape(ti.typ)
		}
	}
	if ti.shape == shapeStruct {
		ti.fields = fieldsOf(ti.typ, nil)
	}
	return ti
}

// decodesItself reports whether t or *t has its own JSON or text decoding.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) ||
		p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler)
}

// kindShape returns the shape of a type that does not decode itself.
func kindShape(t reflect.Type) shape {
	switch t.Kind() { //nolint:exhaustive // every other kind is a scalar
	case reflect.Struct:
		return shapeStruct
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !decodesItself(t.Elem()) {
			return shapeLeaf // []byte is a base64 string
		}
		return shapeSlice
	case reflect.Array:
		return shapeArray
	case reflect.Map:
		return shapeMap
	case reflect.Interface:
		return shapeLeaf
	}
	return shapeLeaf
}

// fieldsOf appends t's JSON fields to out, as encoding/json names them:
// the tag name or the Go name, fields of untagged embedded structs
// promoted after the struct's own.
func fieldsOf(t reflect.Type, out []field) []field {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, field{name: name, typ: f.Type})
	}
	for _, e := range embedded {
		out = fieldsOf(e, out)
	}
	return out
}

// lookup returns the field of ti whose JSON name is exactly key.
func (ti *typeInfo) lookup(key []byte) (field, bool) {
	for _, f := range ti.fields {
		if f.name == string(key) {
			return f, true
		}
	}
	return field{}, false
}

func (c *checker) skipSpace() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

// value walks the value at c.pos, which the Go type t decodes.
func (c *checker) value(t reflect.Type) {
	ti := c.info(t)
	c.skipSpace()
	start := c.pos
	switch c.data[c.pos] {
	case '{':
		c.object(ti)
	case '[':
		c.array(ti)
	case '"':
		c.str()
	default:
		c.literal()
	}
	switch {
	case ti.shape == shapeTime && !c.locate && c.data[start] == '"':
		c.time(c.data[start:c.pos])
	case c.locate && (ti.shape == shapeLeaf || ti.shape == shapeTime):
		c.leaf(ti.typ, c.data[start:c.pos])
	case c.locate && opener(ti.shape) != 'n' && c.data[start] != 'n' && c.data[start] != opener(ti.shape):
		c.fail(c.malformed) // an array where an object belongs, a string for a list, …
	}
}

// opener returns the byte a value of shape s starts with, or 'n' (as null
// does) when any value may stand there.
func opener(s shape) byte {
	switch s { //nolint:exhaustive // any value may stand for the others
	case shapeStruct, shapeMap:
		return '{'
	case shapeSlice, shapeArray:
		return '['
	}
	return 'n'
}

// leaf decodes raw on its own into a new t, recording its error.
func (c *checker) leaf(t reflect.Type, raw []byte) {
	err := json.Unmarshal(raw, reflect.New(t).Interface())
	switch {
	case err == nil:
	case errors.Is(err, c.invalid):
		c.failErr(Prefix(c.pathString(), err))
	default:
		c.failErr(Field(c.pathString(), c.malformed))
	}
}

// literal skips a number, true, false or null.
func (c *checker) literal() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return
		}
		c.pos++
	}
}

// object walks the object at c.pos.
func (c *checker) object(ti *typeInfo) {
	var small [smallObject][]byte
	keys := small[:0]
	var seen map[string]bool
	unknown := false
	c.pos++ // '{'
	for {
		c.skipSpace()
		if c.data[c.pos] == '}' {
			c.pos++
			break
		}
		start := c.pos
		c.str()
		key := c.data[start+1 : c.pos-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			key = []byte(unescape(c.data[start:c.pos]))
		}
		dup := false
		if seen == nil && len(keys) < smallObject {
			for _, k := range keys {
				dup = dup || bytes.Equal(k, key)
			}
			keys = append(keys, key)
		} else {
			if seen == nil {
				seen = make(map[string]bool, 2*smallObject)
				for _, k := range keys {
					seen[string(k)] = true
				}
			}
			dup = seen[string(key)]
			seen[string(key)] = true
		}
		c.skipSpace()
		c.pos++ // ':'
		var child reflect.Type
		named := false
		if ti.shape == shapeStruct {
			f, ok := ti.lookup(key)
			child, named, unknown = f.typ, ok, unknown || (!ok && !c.prune)
			if ok {
				c.path = append(c.path, step{name: f.name}) // a repeat is reported at the field
			}
		}
		if dup && !c.locate {
			c.fail(ErrDuplicateKey)
		}
		if ti.shape == shapeMap {
			child, named = ti.typ.Elem(), true
			c.path = append(c.path, step{index: -1})
		}
		c.value(child)
		if named {
			c.path = c.path[:len(c.path)-1]
		} else if c.prune && ti.shape == shapeStruct {
			c.cuts = append(c.cuts, [2]int{start, c.pos})
		}
		c.skipSpace()
		if c.data[c.pos] == ',' {
			c.pos++
		}
	}
	if unknown && !c.locate {
		c.fail(ErrUnknownKey)
	}
}

// array walks the array at c.pos.
func (c *checker) array(ti *typeInfo) {
	var elem reflect.Type
	if ti.shape == shapeSlice || ti.shape == shapeArray {
		elem = ti.typ.Elem()
	}
	c.pos++ // '['
	n := 0
	for {
		c.skipSpace()
		if c.data[c.pos] == ']' {
			c.pos++
			break
		}
		c.path = append(c.path, step{index: n})
		c.value(elem)
		c.path = c.path[:len(c.path)-1]
		n++
		c.skipSpace()
		if c.data[c.pos] == ',' {
			c.pos++
		}
	}
	if ti.shape == shapeArray && n != ti.typ.Len() && !c.locate {
		c.fail(ErrArrayLength)
	}
}

// str walks the string at c.pos, refusing invalid UTF-8, escapes of
// unpaired surrogates, and NUL.
func (c *checker) str() {
	d := c.data
	bad := false
	i := c.pos + 1
	for d[i] != '"' {
		switch b := d[i]; {
		case b == '\\' && d[i+1] == 'u':
			r := hex4(d[i+2 : i+6])
			i += 6
			switch {
			case r == 0 || (r >= 0xDC00 && r <= 0xDFFF):
				bad = true
			case r >= 0xD800 && r < 0xDC00:
				if i+6 > len(d) || d[i] != '\\' || d[i+1] != 'u' {
					bad = true
				} else if lo := hex4(d[i+2 : i+6]); lo < 0xDC00 || lo > 0xDFFF {
					bad = true // the next escape is read on its own
				} else {
					i += 6
				}
			}
		case b == '\\':
			i += 2
		case b < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			bad = bad || (r == utf8.RuneError && size == 1)
			i += size
		}
	}
	c.pos = i + 1
	if bad && !c.locate {
		c.fail(ErrInvalidText)
	}
}

// hex4 returns the value of four hex digits (json.Valid checked them).
func hex4(b []byte) rune {
	var r rune
	for _, h := range b {
		switch {
		case h >= '0' && h <= '9':
			h -= '0'
		case h >= 'a' && h <= 'f':
			h -= 'a' - 10
		default:
			h -= 'A' - 10
		}
		r = r<<4 | rune(h)
	}
	return r
}

// time checks the JSON string raw that decodes into a time.Time. A string
// time.Time cannot parse is left to the decoder.
func (c *checker) time(raw []byte) {
	var s string
	if bytes.IndexByte(raw, '\\') >= 0 {
		s = unescape(raw)
	} else {
		s = string(raw[1 : len(raw)-1])
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return
	}
	if err := CheckTime(t); err != nil {
		c.fail(err)
	}
}

// unescape returns the text of the JSON string raw, which json.Valid
// accepted.
func unescape(raw []byte) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}
