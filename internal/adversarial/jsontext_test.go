package adversarial_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"unicode"
)

// The hostile documents are made by editing a valid document's text: the
// spans below are found with encoding/json's tokenizer, so the edits land
// on real keys, objects and strings whatever the document's shape.

// member is one "key":value of an object in a document.
type member struct {
	keyStart, keyEnd, valueEnd int
	depth                      int // 1 for the top-level object
}

// span is a string value (not a key) in a document, quotes included.
type span struct{ start, end int }

// layout is where a document's members, nested objects and strings are.
type layout struct {
	members []member
	objects []object // every object below the top level
	strings []span
}

// object is where an object starts ('{') and its depth (1 for the top
// level).
type object struct{ at, depth int }

// frame is an open object or array while scanning.
type frame struct {
	object  bool
	wantKey bool
	pending *member // the member whose value is being read
}

// scan returns the layout of doc, a valid JSON document.
func scan(doc []byte) layout {
	var l layout
	dec := json.NewDecoder(bytes.NewReader(doc))
	var stack []*frame
	finish := func(end int) { // a value just ended at end
		if len(stack) == 0 {
			return
		}
		f := stack[len(stack)-1]
		if f.object && f.pending != nil {
			f.pending.valueEnd = end
			l.members = append(l.members, *f.pending)
			f.pending = nil
			f.wantKey = true
		}
	}
	for {
		start := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return l
		}
		end := int(dec.InputOffset())
		for start < end && bytes.IndexByte([]byte(" \t\r\n,:"), doc[start]) >= 0 {
			start++
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if v == '{' && len(stack) > 0 {
					l.objects = append(l.objects, object{at: start, depth: len(stack) + 1})
				}
				stack = append(stack, &frame{object: v == '{', wantKey: v == '{'})
			default:
				stack = stack[:len(stack)-1]
				finish(end)
			}
		case string:
			if len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantKey {
				f := stack[len(stack)-1]
				f.pending = &member{keyStart: start, keyEnd: end, depth: len(stack)}
				f.wantKey = false
				continue
			}
			l.strings = append(l.strings, span{start, end})
			finish(end)
		default:
			finish(end)
		}
	}
}

// splice returns doc with doc[at:at] replaced by insert.
func splice(doc []byte, at int, insert string) []byte {
	out := append([]byte{}, doc[:at]...)
	out = append(out, insert...)
	return append(out, doc[at:]...)
}

// replaceSpan returns doc with doc[start:end] replaced by with.
func replaceSpan(doc []byte, start, end int, with string) []byte {
	out := append([]byte{}, doc[:start]...)
	out = append(out, with...)
	return append(out, doc[end:]...)
}

// firstMember returns the first member at depth top, or with nested the
// first member below it.
func (l layout) firstMember(top int, nested bool) (member, bool) {
	for _, m := range l.members {
		if (nested && m.depth > top) || (!nested && m.depth == top) {
			return m, true
		}
	}
	return member{}, false
}

// firstObject returns the offset of the first object below depth top.
func (l layout) firstObject(top int) (int, bool) {
	for _, o := range l.objects {
		if o.depth > top {
			return o.at, true
		}
	}
	return 0, false
}

// duplicate returns doc with member m written twice.
func duplicate(doc []byte, m member) []byte {
	return splice(doc, m.keyStart, string(doc[m.keyStart:m.valueEnd])+",")
}

// recase returns doc with m's key in another case ("id" becomes "ID"), or
// false when the key has no letter to change.
func recase(doc []byte, m member) ([]byte, bool) {
	key := []rune(string(doc[m.keyStart+1 : m.keyEnd-1]))
	if len(key) == 0 || !unicode.IsLower(key[0]) {
		return nil, false
	}
	for i, r := range key {
		key[i] = unicode.ToUpper(r)
	}
	return replaceSpan(doc, m.keyStart+1, m.keyEnd-1, string(key)), true
}

// rfc3339 matches a JSON string holding an RFC 3339 time.
var rfc3339 = regexp.MustCompile(`"(\d{4})(-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)"`)
