package enum

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type color string

var (
	colors     = []color{"red", "green"}
	errUnknown = errors.New("unknown color")
)

func parseColor(s string) (color, error) {
	if Valid(color(s), colors) {
		return color(s), nil
	}
	return "", errUnknown
}

func TestValid(t *testing.T) {
	assert.True(t, Valid(color("red"), colors))
	assert.False(t, Valid(color("Red"), colors))
	assert.False(t, Valid(color(""), colors))
}

func TestMarshal(t *testing.T) {
	valid := func(c color) bool { return Valid(c, colors) }
	b, err := Marshal(color("green"), valid, errUnknown)
	require.NoError(t, err)
	assert.Equal(t, "green", string(b))
	_, err = Marshal(color("blue"), valid, errUnknown)
	require.ErrorIs(t, err, errUnknown)
}

func TestUnmarshalLeavesDestinationOnError(t *testing.T) {
	c := color("red")
	require.ErrorIs(t, Unmarshal(&c, []byte("blue"), parseColor), errUnknown)
	assert.Equal(t, color("red"), c)
	require.NoError(t, Unmarshal(&c, []byte("green"), parseColor))
	assert.Equal(t, color("green"), c)
}

func TestParse(t *testing.T) {
	valid := func(c color) bool { return Valid(c, colors) }
	c, err := Parse(color("red"), valid, errUnknown)
	require.NoError(t, err)
	assert.Equal(t, color("red"), c)
	c, err = Parse(color("blue"), valid, errUnknown)
	require.ErrorIs(t, err, errUnknown)
	assert.Empty(t, c, "an unknown value parses to the zero value")
}
