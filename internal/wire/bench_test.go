package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// benchDoc is a document of n list elements, each with a time and text.
func benchDoc(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"extra":1,"name":"n","items":[1,2,3],"inner":{"id":"a","at":"2025-01-06T09:00:00-08:00"},"list":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"element %d with some free text, café","at":"2025-01-06T09:00:00Z","tags":["a","b"]}`, i)
	}
	b.WriteString(`],"texts":{"a":"b","c":"d"}}`)
	return []byte(b.String())
}

// BenchmarkDecode compares Decode with encoding/json's strict decoder
// alone, so the cost of the structural pass shows.
func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{1, 100} {
		doc := benchDoc(n)
		b.Run(fmt.Sprintf("wire/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				var v outer
				if err := Decode(doc, &v, errInvalid, errMalformed); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("encoding-json/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				var v outer
				dec := json.NewDecoder(bytes.NewReader(doc))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
