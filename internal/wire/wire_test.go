package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	errInvalid   = errors.New("invalid")
	errMalformed = errors.New("malformed")
	errUnknown   = fmt.Errorf("unknown colour: %w", errInvalid)
)

type colour string

func (c *colour) UnmarshalText(b []byte) error {
	if string(b) != "red" && len(b) > 0 { // "" is the unset colour
		return errUnknown
	}
	*c = colour(b)
	return nil
}

type doc struct {
	Name   string `json:"name"`
	Colour colour `json:"colour"`
}

func TestDecode(t *testing.T) {
	var d doc
	require.NoError(t, Decode([]byte(`{"name":"a","colour":"red"}`), &d, errInvalid, errMalformed))
	assert.Equal(t, doc{Name: "a", Colour: "red"}, d)
	for in, want := range map[string]error{
		`{"name":"a","extra":1}`:  errMalformed,
		`{"name":"a"} {}`:         errMalformed,
		`{"name":`:                errMalformed,
		`{"name":7}`:              errMalformed,
		`{"colour":"secret-txt"}`: errInvalid,
	} {
		err := Decode([]byte(in), &doc{}, errInvalid, errMalformed)
		require.ErrorIs(t, err, want, in)
		assert.NotContains(t, err.Error(), "secret", "the input is never quoted")
	}
}

func TestList(t *testing.T) {
	b, err := json.Marshal(List[int](nil))
	require.NoError(t, err)
	assert.Equal(t, "[]", string(b))
	assert.Equal(t, []int{1}, List([]int{1}))
}

func TestZone(t *testing.T) {
	loc, ok := Zone("America/Los_Angeles")
	require.True(t, ok)
	assert.Equal(t, "America/Los_Angeles", loc.String())
	for _, bad := range []string{"", "Local", "Mars/Olympus"} {
		_, ok := Zone(bad)
		assert.False(t, ok, bad)
	}
	assert.True(t, Storable(loc))
	assert.True(t, Storable(time.UTC))
	assert.False(t, Storable(time.Local), "time.Local means something else on every machine")
}
