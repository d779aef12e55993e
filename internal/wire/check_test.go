package wire

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	ID   string     `json:"id"`
	At   time.Time  `json:"at"`
	Tags []string   `json:"tags,omitempty"`
	Due  *time.Time `json:"due,omitempty"`
}

type Embedded struct {
	Extra int `json:"extra"`
}

type outer struct {
	Embedded
	Name    string            `json:"name"`
	Items   [3]int            `json:"items"`
	Inner   inner             `json:"inner"`
	List    []inner           `json:"list"`
	Ptr     *inner            `json:"ptr"`
	Map     map[string]inner  `json:"map"`
	Raw     json.RawMessage   `json:"raw"`
	Any     any               `json:"any"`
	Colour  colour            `json:"colour"`
	Bytes   []byte            `json:"bytes"`
	Skipped string            `json:"-"`
	Plain   int               // no tag: its Go name
	Texts   map[string]string `json:"texts"`
}

// ok is a document outer accepts.
const ok = `{"extra":1,"name":"n","items":[1,2,3],"inner":{"id":"a","at":"2025-01-06T09:00:00-08:00"},
"list":[{"id":"b","at":"0001-01-01T00:00:00Z"}],"ptr":null,"map":{"k":{"id":"c","at":"2199-12-31T23:59:59+23:59"}},
"raw":{"x":[1,{"y":2}]},"any":[{"z":"\ud83d\ude00"}],"colour":"red","bytes":"AQI=","Plain":7,"texts":{"a":"b"}}`

func decodeOuter(s string) error {
	var v outer
	return Decode([]byte(s), &v, errInvalid, errMalformed)
}

// replace returns ok with old replaced by with, once.
func replace(t *testing.T, old, with string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(ok, old), old)
	return strings.Replace(ok, old, with, 1)
}

func TestDecodeAcceptsAWellFormedDocument(t *testing.T) {
	var v outer
	require.NoError(t, Decode([]byte(ok), &v, errInvalid, errMalformed))
	assert.Equal(t, 1, v.Extra)
	assert.Equal(t, [3]int{1, 2, 3}, v.Items)
	assert.Equal(t, 7, v.Plain)
	assert.Equal(t, "c", v.Map["k"].ID)
}

func TestDecodeRules(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		rule error
		path string
	}{
		{"null document", `null`, ErrNullDocument, ""},
		{"null document with space", " null\n", ErrNullDocument, ""},
		{"top-level duplicate", replace(t, `"name":"n"`, `"name":"n","name":"m"`), ErrDuplicateKey, "name"},
		{"duplicate by escape", replace(t, `"name":"n"`, `"name":"n","\u006eame":"m"`), ErrDuplicateKey, "name"},
		{"nested duplicate", replace(t, `"id":"a"`, `"id":"a","id":"b"`), ErrDuplicateKey, "inner.id"},
		{"duplicate in a list element", replace(t, `"id":"b"`, `"id":"b","id":"c"`), ErrDuplicateKey, "list[0].id"},
		{"duplicate map key", replace(t, `"texts":{"a":"b"}`, `"texts":{"a":"b","a":"c"}`), ErrDuplicateKey, "texts"},
		{"duplicate inside raw", replace(t, `{"y":2}`, `{"y":2,"y":3}`), ErrDuplicateKey, "raw[1]"},
		{"duplicate inside any", replace(t, `{"z":`, `{"z":1,"z":`), ErrDuplicateKey, "any[0]"},
		{"unknown key", replace(t, `"name":"n"`, `"name":"n","secret-key":1`), ErrUnknownKey, ""},
		{"key in another case", replace(t, `"name":"n"`, `"NAME":"n"`), ErrUnknownKey, ""},
		{"nested key in another case", replace(t, `"id":"a"`, `"ID":"a"`), ErrUnknownKey, "inner"},
		{"skipped field", replace(t, `"name":"n"`, `"name":"n","Skipped":"x"`), ErrUnknownKey, ""},
		{"unknown key in a pointer", replace(t, `"ptr":null`, `"ptr":{"secret-key":1}`), ErrUnknownKey, "ptr"},
		{"invalid UTF-8", replace(t, `"name":"n"`, "\"name\":\"\xff\""), ErrInvalidText, "name"},
		{"truncated UTF-8", replace(t, `"name":"n"`, "\"name\":\"\xe2\x82\""), ErrInvalidText, "name"},
		{"invalid UTF-8 key", replace(t, `"Plain":7`, "\"Pl\xffain\":7"), ErrInvalidText, ""},
		{"lone high surrogate", replace(t, `"name":"n"`, `"name":"\ud83d"`), ErrInvalidText, "name"},
		{"high surrogate then text", replace(t, `"name":"n"`, `"name":"\ud83dx"`), ErrInvalidText, "name"},
		{"two high surrogates", replace(t, `"name":"n"`, `"name":"\ud83d\ud83d"`), ErrInvalidText, "name"},
		{"lone low surrogate", replace(t, `"name":"n"`, `"name":"\ude00"`), ErrInvalidText, "name"},
		{"NUL", replace(t, `"name":"n"`, `"name":"a\u0000"`), ErrInvalidText, "name"},
		{"invalid UTF-8 in a map", replace(t, `"texts":{"a":"b"}`, "\"texts\":{\"a\":\"\xc0\"}"), ErrInvalidText, "texts[*]"},
		{"year 0000", replace(t, `2025-01-06T09:00:00-08:00`, `0000-01-06T09:00:00Z`), ErrTimeRange, "inner.at"},
		{"year 9999", replace(t, `2025-01-06T09:00:00-08:00`, `9999-12-31T23:59:59Z`), ErrTimeRange, "inner.at"},
		{"pointer to a time", replace(t, `"id":"a"`, `"id":"a","due":"9999-12-31T23:59:59Z"`), ErrTimeRange, "inner.due"},
		{"year 1899", replace(t, `2025-01-06T09:00:00-08:00`, `1899-12-31T23:59:59Z`), ErrTimeRange, "inner.at"},
		{"year 2200", replace(t, `2025-01-06T09:00:00-08:00`, `2200-01-01T00:00:00Z`), ErrTimeRange, "inner.at"},
		{"offset +24:00", replace(t, `2025-01-06T09:00:00-08:00`, `2025-01-06T09:00:00+24:00`), ErrTimeOffset, "inner.at"},
		{"offset -24:00 in a map", replace(t, `2199-12-31T23:59:59+23:59`, `2025-01-06T09:00:00-24:00`), ErrTimeOffset, "map[*].at"},
		{"escaped time", replace(t, `"2025-01-06T09:00:00-08:00"`, `"9999-01-06T09:00:00\u002b01:00"`), ErrTimeRange, "inner.at"},
		{"array too long", replace(t, `[1,2,3]`, `[1,2,3,4]`), ErrArrayLength, "items"},
		{"array too short", replace(t, `[1,2,3]`, `[1,2]`), ErrArrayLength, "items"},
		{"empty array", replace(t, `[1,2,3]`, `[]`), ErrArrayLength, "items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decodeOuter(tt.doc)
			require.ErrorIs(t, err, tt.rule)
			require.ErrorIs(t, err, errMalformed, "the caller's malformed error matches too")
			require.ErrorIs(t, err, ErrInvalid)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Field)
			assert.NotContains(t, err.Error(), "secret")
			assert.NotContains(t, err.Error(), "NAME")
		})
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	doc := replace(t, `"name":"n"`, "\"name\":\"\xff\",\"name\":\"x\",\"bogus\":1")
	err := decodeOuter(doc)
	for _, rule := range []error{ErrInvalidText, ErrDuplicateKey, ErrUnknownKey} {
		require.ErrorIs(t, err, rule)
	}
	var b strings.Builder
	b.WriteString(`{"texts":{`)
	for i := range 3 * maxErrors {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k":"` + "\xff" + `"`)
	}
	b.WriteString(`}}`)
	err = decodeOuter(b.String())
	require.ErrorIs(t, err, ErrDuplicateKey)
	joined, isJoin := err.(interface{ Unwrap() []error })
	require.True(t, isJoin)
	assert.Len(t, joined.Unwrap(), maxErrors, "problems are capped")
}

func TestDecodeManyKeysUsesAMap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"texts":{`)
	for i := range 3 * smallObject {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + strings.Repeat("k", i+1) + `":"v"`)
	}
	require.NoError(t, decodeOuter(b.String()+`}}`))
	require.ErrorIs(t, decodeOuter(b.String()+`,"k":"v"}}`), ErrDuplicateKey, "a repeat of an early key")
	require.ErrorIs(t, decodeOuter(b.String()+`,"kk":"v","kk":"w"}}`), ErrDuplicateKey, "a repeat of a late key")
}

func TestDecodeLocatesDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		rule error
		path string
	}{
		{"string for a number", replace(t, `"extra":1`, `"extra":"one"`), errMalformed, "extra"},
		{"object for a list", replace(t, `"list":[{"id":"b","at":"0001-01-01T00:00:00Z"}]`, `"list":{"a":1}`), errMalformed, "list"},
		{"list for an object", replace(t, `"inner":{"id":"a","at":"2025-01-06T09:00:00-08:00"}`, `"inner":[]`), errMalformed, "inner"},
		{"string for an array", replace(t, `[1,2,3]`, `"123"`), errMalformed, "items"},
		{"number for a string in a list", replace(t, `"id":"b"`, `"id":2`), errMalformed, "list[0].id"},
		{"bad enum", replace(t, `"colour":"red"`, `"colour":"secret-blue"`), errUnknown, "colour"},
		{"unparseable time", replace(t, `2025-01-06T09:00:00-08:00`, `yesterday`), errMalformed, "inner.at"},
		{"bad base64", replace(t, `"AQI="`, `"!!"`), errMalformed, "bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := decodeOuter(tt.doc)
			require.ErrorIs(t, err, tt.rule)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Field)
			assert.NotContains(t, err.Error(), "secret")
		})
	}
}

func TestDecodeSyntax(t *testing.T) {
	for _, doc := range []string{``, `{`, `{"name":"a"} {}`, `{"name":"a",}`, "\"\x01\""} {
		assert.Equal(t, errMalformed, decodeOuter(doc), doc)
	}
}

// selfDecoding fails its own decoding with an error that is neither
// invalid nor located.
type selfDecoding struct{}

func (*selfDecoding) UnmarshalJSON([]byte) error { return errors.New("quoted secret input") }

func TestDecodeNeverPassesOnForeignErrors(t *testing.T) {
	var v selfDecoding
	err := Decode([]byte(`{"a":1}`), &v, errInvalid, errMalformed)
	require.ErrorIs(t, err, errMalformed)
	assert.NotContains(t, err.Error(), "secret")
	var m map[string]int
	require.ErrorIs(t, Decode([]byte(`{"a":"x"}`), m, errInvalid, errMalformed), errMalformed, "a non-pointer")
}

func TestCheckTime(t *testing.T) {
	require.NoError(t, CheckTime(time.Time{}))
	require.NoError(t, CheckTime(time.Date(MinYear, 1, 1, 0, 0, 0, 0, time.UTC)))
	require.NoError(t, CheckTime(time.Date(MaxYear, 12, 31, 23, 59, 59, 999999999, time.UTC)))
	east := time.FixedZone("", 2*3600)
	require.ErrorIs(t, CheckTime(time.Date(MinYear, 1, 1, 1, 0, 0, 0, east)), ErrTimeRange, "1899 in UTC")
	require.NoError(t, CheckTime(time.Date(MaxYear+1, 1, 1, 1, 0, 0, 0, east)), "2199 in UTC")
	require.ErrorIs(t, CheckTime(time.Date(MinYear-1, 12, 31, 23, 59, 59, 0, time.UTC)), ErrTimeRange)
	require.ErrorIs(t, CheckTime(time.Date(MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC)), ErrTimeRange)
	for _, off := range []int{24 * 3600, -24 * 3600, 3600 + 1} {
		require.ErrorIs(t, CheckTime(time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", off))), ErrTimeOffset, off)
	}
	tm := time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600-60))
	require.NoError(t, CheckTime(tm))
	_, err := tm.MarshalJSON()
	require.NoError(t, err, "every time CheckTime accepts encodes")
}

func TestFieldErrorAndPaths(t *testing.T) {
	assert.Equal(t, "invalid value: invalid", (&FieldError{}).Error())
	assert.Equal(t, "invalid a.b: invalid", Field("a.b", ErrInvalid).Error())
	assert.Equal(t, "a[2]", Index("a", 2))
	assert.Equal(t, "a[2]", JoinPath("a", "[2]"))
	assert.Equal(t, "b", JoinPath("", "b"))
	assert.Equal(t, "a", JoinPath("a", ""))
	require.NoError(t, Prefix("x", nil))
	assert.Equal(t, "invalid x: invalid", Prefix("x", ErrInvalid).Error())
	err := Prefix("doc", errors.Join(Field("a", ErrInvalid), Field("", &decodeError{rule: ErrDuplicateKey, malformed: errMalformed})))
	joined, isJoin := err.(interface{ Unwrap() []error })
	require.True(t, isJoin)
	var paths []string
	for _, e := range joined.Unwrap() {
		var fe *FieldError
		require.ErrorAs(t, e, &fe)
		paths = append(paths, fe.Field)
	}
	assert.Equal(t, []string{"doc.a", "doc"}, paths)
	require.ErrorIs(t, err, errMalformed)
	bare := Prefix("doc", &decodeError{rule: ErrDuplicateKey, malformed: errMalformed})
	assert.Equal(t, "invalid doc: duplicate key: invalid", bare.Error(), "a rule is not split like a join")
}
