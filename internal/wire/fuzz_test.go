package wire

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

func FuzzDecode(f *testing.F) {
	f.Add([]byte(ok))
	f.Add([]byte(`{"inner":{"at":"2025-01-06T09:00:00+24:00"}}`))
	f.Add([]byte(`{"name":"a","name":"b"}`))
	f.Add([]byte(`{"NAME":"a"}`))
	f.Add([]byte("{\"name\":\"\xff\"}"))
	f.Add([]byte(`{"items":[1,2,3,4]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"map":{"k":{"id":"\ud800"}},"any":{"a":{"b":[{"c":1,"c":2}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v outer
		err := Decode(data, &v, errInvalid, errMalformed)
		if err != nil {
			require.True(t, errors.Is(err, errMalformed) || errors.Is(err, errInvalid), err)
			return
		}
		// Whatever Decode accepts encodes again, and decodes again to the
		// same value.
		out, err := json.Marshal(v)
		require.NoError(t, err)
		var back outer
		require.NoError(t, Decode(out, &back, errInvalid, errMalformed))
		again, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(out), string(again))
	})
}

// FuzzSchemaDecode feeds documents of a later minor version to a 2.0
// reader: whatever the walk cuts out leaves valid JSON, and every error is
// the reader's or a schemaVersion rule.
func FuzzSchemaDecode(f *testing.F) {
	f.Add([]byte(`{"schemaVersion":"2.3","x":1,"name":"a","items":[{"y":",}","n":1},{"n":2,"z":[]}],"w":"{"}`))
	f.Add([]byte(`{"schemaVersion":"1","title":"a"}`))
	f.Add([]byte(`{"x":{},"schemaVersion":"2.1","nested":{"q":1}}`))
	old := versioned("2")
	f.Fuzz(func(t *testing.T, data []byte) {
		if json.Valid(data) {
			c := checker{data: data, invalid: errInvalid, malformed: errMalformed, prune: true}
			c.value(reflect.TypeFor[versionedDoc]())
			require.True(t, json.Valid(cutMembers(data, c.cuts)), "cutting members leaves valid JSON")
		}
		err := old.Decode(data, &versionedDoc{}, errInvalid, errMalformed)
		if err != nil {
			require.True(t, errors.Is(err, errMalformed) || errors.Is(err, errInvalid) || errors.Is(err, ErrInvalid), err)
		}
	})
}
