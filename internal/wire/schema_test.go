package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var errKind = fmt.Errorf("kind: unsupported schemaVersion: %w", errInvalid)

// item is a record of versionedDoc; at 1.0 it has only n.
type item struct {
	N int `json:"n"`
}

// versionedDoc is a document kind at version 2.1: version 1 called "name"
// "title"; 2.1 added "note".
type versionedDoc struct {
	SchemaVersion string `json:"schemaVersion"`
	Name          string `json:"name"`
	Colour        colour `json:"colour,omitzero"`
	Items         []item `json:"items,omitzero"`
	Nested        *item  `json:"nested,omitzero"`
	Note          string `json:"note,omitzero"`
	Own           *shade `json:"own,omitzero"`
}

// renameTitle is the 1 → 2 step of versionedDoc.
func renameTitle(o *Object) error { return o.Rename("title", "name") }

func versioned(current string) Schema {
	return Schema{Current: current, Upgrades: map[int]Upgrade{1: renameTitle}, Refused: errKind}
}

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]Version{"1": {1, 0}, "1.1": {1, 1}, "12.30": {12, 30}, "9999.9999": {9999, 9999}} {
		got, ok := ParseVersion(in)
		require.True(t, ok, in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, in, got.String(), "canonical form round-trips")
	}
	for _, bad := range []string{"", "0", "1.0", "01", "1.01", "v1", "+1", "-1", "1.", ".1", "1.1.1", "10000", "1.10000", "1 ", "١"} {
		_, ok := ParseVersion(bad)
		assert.False(t, ok, "%q", bad)
	}
	assert.True(t, Version{1, 0}.Less(Version{1, 1}))
	assert.True(t, Version{1, 9}.Less(Version{2, 0}))
	assert.False(t, Version{2, 0}.Less(Version{1, 9}))
	assert.False(t, Version{1, 1}.Less(Version{1, 1}))
	err := Schema{Current: "1.0", Refused: errKind}.Decode([]byte(`{"schemaVersion":"1"}`), &versionedDoc{}, errInvalid, errMalformed)
	require.ErrorIs(t, err, ErrSchemaSyntax, "a malformed current version refuses every document")
}

func TestSchemaCurrentIsStrict(t *testing.T) {
	s := versioned("2.1")
	var d versionedDoc
	require.NoError(t, s.Decode([]byte(`{"schemaVersion":"2.1","name":"a","note":"n"}`), &d, errInvalid, errMalformed))
	assert.Equal(t, versionedDoc{SchemaVersion: "2.1", Name: "a", Note: "n"}, d)
	require.NoError(t, s.Decode([]byte(`{"schemaVersion":"2","name":"a"}`), &versionedDoc{}, errInvalid, errMalformed), "an older minor reads")
	for _, in := range []string{
		`{"schemaVersion":"2.1","name":"a","secret":1}`, // same version: unknown keys stay refused
		`{"schemaVersion":"2","name":"a","secret":1}`,   // older minor too
		`{"schemaVersion":"2","items":[{"n":1,"secret":1}]}`,
	} {
		err := s.Decode([]byte(in), &versionedDoc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, ErrUnknownKey, in)
		assert.NotContains(t, err.Error(), "secret")
	}
}

func TestSchemaNewerMinorIgnoresAdditions(t *testing.T) {
	old := versioned("2") // a 2.0 reader
	in := `{"schemaVersion":"2.3","secret":{"a":[1,"x"]},"name":"a","items":[{"secret":",}","n":1},{"n":2,"secret":[]}],` +
		`"nested":{"secret":1,"n":3,"secret2":2},"note":"2.1 added it","colour":"red","secret3":"{"}`
	var d versionedDoc
	require.NoError(t, old.Decode([]byte(in), &d, errInvalid, errMalformed))
	assert.Equal(t, versionedDoc{
		SchemaVersion: "2.3", Name: "a", Items: []item{{1}, {2}}, Nested: &item{3}, Note: "2.1 added it", Colour: "red",
	}, d, "known keys decode, unknown ones at every depth are ignored")

	for in, want := range map[string]error{
		`{"schemaVersion":"2.3","name":"a","name":"b"}`:               ErrDuplicateKey, // every other rule applies
		`{"schemaVersion":"2.3","secret":"a","secret":"b"}`:           ErrDuplicateKey,
		`{"schemaVersion":"2.3","secret":"\ud800"}`:                   ErrInvalidText,
		`{"schemaVersion":"2.3","colour":"blue"}`:                     errUnknown,
		`{"schemaVersion":"2.3","name":7}`:                            errMalformed,
		`{"schemaVersion":"2.3","items":[{"n":"x","secret":1}]}`:      errMalformed,
		`{"schemaVersion":"2.3","name":"a","own":{"added":"secret"}}`: ErrNewerSchema, // an addition it cannot skip
	} {
		err := old.Decode([]byte(in), &versionedDoc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, want, in)
		require.ErrorIs(t, err, ErrInvalid, in)
		assert.NotContains(t, err.Error(), "secret", in)
	}
	var nameCase versionedDoc
	err := old.Decode([]byte(`{"schemaVersion":"2.3","Name":"a"}`), &nameCase, errInvalid, errMalformed)
	require.NoError(t, err)
	assert.Empty(t, nameCase.Name, "a key that differs in case is an unknown key, never decoded into a field")
}

// shade decodes itself from an object, so that the walk cannot skip keys
// inside it.
type shade struct{ name string }

func (c *shade) UnmarshalJSON(b []byte) error {
	var v struct {
		Name string `json:"name"`
	}
	if err := Decode(b, &v, errInvalid, errMalformed); err != nil {
		return fmt.Errorf("%w: %w", errInvalid, err)
	}
	c.name = v.Name
	return nil
}

func TestSchemaNewerMajorIsRefused(t *testing.T) {
	s := versioned("2.1")
	for _, in := range []string{`{"schemaVersion":"3","name":"a"}`, `{"schemaVersion":"3.4","whatever":{"shape":1}}`} {
		err := s.Decode([]byte(in), &versionedDoc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, ErrNewerSchema, in)
		require.ErrorIs(t, err, errKind, "the kind's own rule matches too")
		require.ErrorIs(t, err, ErrInvalid)
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "schemaVersion", fe.Field)
		var se *SchemaError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, Version{2, 1}, se.Supported)
		assert.Equal(t, 3, se.Seen.Major)
	}
	err := s.Decode([]byte(`{"schemaVersion":"3"}`), &versionedDoc{}, errInvalid, errMalformed)
	assert.Equal(t, "invalid schemaVersion: version 3 is newer than 2.1, the newest this reader supports; upgrade the reader", err.Error())
}

func TestSchemaUpgrade(t *testing.T) {
	s := versioned("2.1")
	var d versionedDoc
	require.NoError(t, s.Decode([]byte(`{"schemaVersion":"1","title":"a","items":[{"n":1}]}`), &d, errInvalid, errMalformed))
	assert.Equal(t, versionedDoc{SchemaVersion: "2", Name: "a", Items: []item{{1}}}, d, "the 1 → 2 step renamed title")
	require.NoError(t, s.Decode([]byte(`{"schemaVersion":"1.4","title":"a"}`), &d, errInvalid, errMalformed), "any minor of an older major")

	for in, want := range map[string]error{
		`{"schemaVersion":"1","other":"a"}`:                   ErrUnknownKey, // the upgraded document is decoded strictly
		`{"schemaVersion":"1","title":"a","name":"b"}`:        ErrDuplicateKey,
		`{"schemaVersion":"1","title":"a","x":{"k":1,"k":2}}`: ErrDuplicateKey, // checked before rewriting
		`{"schemaVersion":"1","title":"\ud800"}`:              ErrInvalidText,
		`{"schemaVersion":"1","title":7}`:                     errMalformed,
	} {
		err := s.Decode([]byte(in), &versionedDoc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, want, in)
	}

	three := Schema{Current: "3", Upgrades: map[int]Upgrade{2: renameTitle}, Refused: errKind}
	err := three.Decode([]byte(`{"schemaVersion":"1","title":"a"}`), &versionedDoc{}, errInvalid, errMalformed)
	require.ErrorIs(t, err, ErrOlderSchema, "no step from 1")
	require.ErrorIs(t, err, errKind)
	assert.Equal(t, "invalid schemaVersion: version 1 is older than this reader (3) can upgrade", err.Error())

	failing := Schema{Current: "2", Upgrades: map[int]Upgrade{1: func(*Object) error { return errors.New("secret") }}}
	err = failing.Decode([]byte(`{"schemaVersion":"1"}`), &versionedDoc{}, errInvalid, errMalformed)
	require.ErrorIs(t, err, errMalformed)
	assert.NotContains(t, err.Error(), "secret")
	invalidStep := Schema{Current: "2", Upgrades: map[int]Upgrade{1: func(*Object) error { return Field("title", errUnknown) }}}
	err = invalidStep.Decode([]byte(`{"schemaVersion":"1"}`), &versionedDoc{}, errInvalid, errMalformed)
	require.ErrorIs(t, err, errUnknown)
}

func TestSchemaVersionSyntax(t *testing.T) {
	s := versioned("2")
	for in, want := range map[string]error{
		`{"name":"a"}`:                              ErrSchemaSyntax,
		`{"schemaVersion":2}`:                       errMalformed,
		`{"schemaVersion":"2.0"}`:                   ErrSchemaSyntax,
		`{"schemaVersion":"secret"}`:                ErrSchemaSyntax,
		`{"schemaVersion":"2","schemaVersion":"2"}`: ErrDuplicateKey,
		`null`:              ErrNullDocument,
		`[1]`:               errMalformed,
		`{"schemaVersion":`: errMalformed,
	} {
		err := s.Decode([]byte(in), &versionedDoc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, want, in)
		assert.NotContains(t, err.Error(), "secret", in)
	}
	err := s.Decode([]byte(`{"schemaVersion":"secret"}`), &versionedDoc{}, errInvalid, errMalformed)
	require.ErrorIs(t, err, errKind)
	assert.Contains(t, err.Error(), `must be "MAJOR" or "MAJOR.MINOR"`)
	var anything any
	require.ErrorIs(t, s.Decode([]byte(`[1]`), &anything, errInvalid, errMalformed), ErrSchemaSyntax, "not an object, yet decodable")
}

func TestObject(t *testing.T) {
	o, ok := parseObject([]byte(` {"b":1, "a":{"x":[1, 2]}, "c":"\u00e9"} `))
	require.True(t, ok)
	o.Set("b", json.RawMessage(`2`))
	o.Set("d", json.RawMessage(`null`))
	assert.True(t, o.Delete("c"))
	assert.False(t, o.Delete("c"))
	require.NoError(t, o.Rename("a", "e"))
	require.NoError(t, o.Rename("missing", "f"))
	assert.JSONEq(t, `{"b":2,"e":{"x":[1,2]},"d":null}`, string(o.encode()))
	exact := `{"b":2,"e":{"x":[1, 2]},"d":null}`
	assert.Equal(t, exact, string(o.encode()), "order and raw values kept")
	require.ErrorIs(t, o.Rename("b", "e"), ErrDuplicateKey)
	for _, bad := range []string{`[]`, `{"a":1,"a":2}`, `{`, `"x"`} {
		_, ok := parseObject([]byte(bad))
		assert.False(t, ok, bad)
	}
}

func TestCutMembers(t *testing.T) {
	data := []byte(`{"x":1,"a":1,"y":2,"b":{"z":3},"w":4}`)
	var cuts [][2]int
	for _, k := range []string{`"x":1`, `"y":2`, `"z":3`, `"w":4`} {
		i := indexOf(data, k)
		cuts = append(cuts, [2]int{i, i + len(k)})
	}
	for in, want := range map[string]string{
		string(cutMembers(data, cuts)):                                `{"a":1,"b":{}}`,
		string(dropStrayCommas([]byte(`{,"s":"a,,}",,"t":"\",}",}`))): `{"s":"a,,}","t":"\",}"}`,
	} {
		assert.Equal(t, want, in, "byte for byte")
	}
	assert.Equal(t, `{ "a":1  }`, string(dropStrayCommas([]byte(`{ "a":1 , }`))))
}

func indexOf(data []byte, s string) int {
	for i := range data {
		if string(data[i:min(len(data), i+len(s))]) == s {
			return i
		}
	}
	return -1
}
