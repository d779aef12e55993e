package plan

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strings"

	"github.com/recoverykit/psychosocial/intervention"
)

// Strict JSON decoding. encoding/json matches keys case-insensitively and
// reports unknown keys and bad values without a usable path, so documents
// are first checked against the Go type: every key must be a field's JSON
// name exactly, and every object and array must be where the type has one.
// When encoding/json then fails, each leaf value is decoded on its own to
// name the path that broke (and keep the rule it broke, such as
// ErrUnknownStatus). Values that decode themselves (enums, dates, UUIDs,
// component documents) are not descended into. No error quotes the input.

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	rawMessage      = reflect.TypeFor[json.RawMessage]()
	jsonNull        = []byte("null")
)

// strictUnmarshal decodes the single JSON value b into v, a non-nil pointer.
func strictUnmarshal(b []byte, v any) error {
	if !json.Valid(b) {
		return ErrMalformedJSON
	}
	t := reflect.TypeOf(v).Elem()
	w := walker{fields: map[reflect.Type]map[string]reflect.Type{}, leaves: map[reflect.Type]bool{}}
	if err := w.shape(b, t, ""); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if err := w.leafErrors(b, t, ""); err != nil {
			return err
		}
		if errors.Is(err, intervention.ErrInvalid) {
			return err
		}
		return ErrMalformedJSON
	}
	return nil
}

// walker walks a JSON document beside a Go type, caching each struct
// type's JSON field names and which types are leaves for the walk.
type walker struct {
	fields map[reflect.Type]map[string]reflect.Type
	leaves map[reflect.Type]bool
}

// leaf reports whether values of t decode themselves (or are scalars), so
// that the walk stops there.
func (w walker) leaf(t reflect.Type) bool {
	if l, ok := w.leaves[t]; ok {
		return l
	}
	p := reflect.PointerTo(t)
	k := t.Kind()
	l := t == rawMessage || t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) ||
		p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler) ||
		k != reflect.Struct && k != reflect.Slice && k != reflect.Array && k != reflect.Pointer
	w.leaves[t] = l
	return l
}

// elem strips pointers from t unless a pointer type decodes itself.
func (w walker) elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer && !w.leaf(t) {
		t = t.Elem()
	}
	return t
}

// shape reports unknown keys and objects or arrays where t has none.
func (w walker) shape(raw []byte, t reflect.Type, path string) error {
	t = w.elem(t)
	if w.leaf(t) || bytes.Equal(bytes.TrimSpace(raw), jsonNull) {
		return nil
	}
	if t.Kind() == reflect.Struct {
		members, ok := objectMembers(raw)
		if !ok {
			return field(path, ErrMalformedJSON)
		}
		fields := w.fieldsOf(t)
		var errs []error
		for _, m := range members {
			ft, ok := fields[m.key]
			if !ok {
				errs = append(errs, field(intervention.JoinPath(path, m.key), ErrUnknownField))
				continue
			}
			errs = append(errs, w.shape(m.value, ft, intervention.JoinPath(path, m.key)))
		}
		return errors.Join(errs...)
	}
	elems, ok := arrayElems(raw) // a slice or array: leaf excludes every other kind
	if !ok {
		return field(path, ErrMalformedJSON)
	}
	var errs []error
	for i, e := range elems {
		errs = append(errs, w.shape(e, t.Elem(), intervention.Index(path, i)))
	}
	return errors.Join(errs...)
}

// leafErrors decodes every leaf value on its own and reports those that
// fail. It runs on a document shape has accepted.
func (w walker) leafErrors(raw []byte, t reflect.Type, path string) error {
	t = w.elem(t)
	if w.leaf(t) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			if errors.Is(err, intervention.ErrInvalid) {
				return intervention.Prefix(path, err)
			}
			return field(path, ErrMalformedJSON)
		}
		return nil
	}
	var errs []error
	if t.Kind() == reflect.Struct {
		members, _ := objectMembers(raw) // shape checked it
		fields := w.fieldsOf(t)
		for _, m := range members {
			errs = append(errs, w.leafErrors(m.value, fields[m.key], intervention.JoinPath(path, m.key)))
		}
		return errors.Join(errs...)
	}
	elems, _ := arrayElems(raw) // shape checked it
	for i, e := range elems {
		errs = append(errs, w.leafErrors(e, t.Elem(), intervention.Index(path, i)))
	}
	return errors.Join(errs...)
}

// fieldsOf returns the JSON names of t's fields (promoting embedded
// structs) and their types.
func (w walker) fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := w.fields[t]; ok {
		return m
	}
	m := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, ft := range w.fieldsOf(f.Type) {
				m[k] = ft
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	w.fields[t] = m
	return m
}

// member is one key and value of a JSON object.
type member struct {
	key   string
	value []byte
}

// The scanner below splits objects and arrays of a document json.Valid
// has accepted, without decoding the values: a value is a span of bytes
// found by matching brackets outside strings.

// objectMembers returns the members of the JSON object raw, in order; ok is
// false when raw is not an object.
func objectMembers(raw []byte) (members []member, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; i = skipSpace(raw, i+1) {
		end := skipString(raw, i)
		key := raw[i:end]
		var k string
		if bytes.IndexByte(key, '\\') < 0 {
			k = string(key[1 : len(key)-1])
		} else if json.Unmarshal(key, &k) != nil {
			return nil, false
		}
		i = skipSpace(raw, end) + 1 // past ':'
		start := skipSpace(raw, i)
		i = skipValue(raw, start)
		members = append(members, member{k, raw[start:i]})
		i = skipSpace(raw, i) // at ',' or '}'
		if i < len(raw) && raw[i] == '}' {
			break
		}
	}
	return members, true
}

// arrayElems returns the elements of the JSON array raw; ok is false when
// raw is not an array.
func arrayElems(raw []byte) (elems [][]byte, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, false
	}
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != ']'; i = skipSpace(raw, i+1) {
		start := i
		i = skipValue(raw, start)
		elems = append(elems, raw[start:i])
		i = skipSpace(raw, i) // at ',' or ']'
		if i < len(raw) && raw[i] == ']' {
			break
		}
	}
	return elems, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index past the string starting at b[i] == '"'.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index past the value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}
