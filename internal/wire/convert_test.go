package wire

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMap(t *testing.T) {
	assert.Nil(t, Map[int, string](nil, strconv.Itoa), "nil stays nil (absent)")
	assert.Equal(t, []string{}, Map([]int{}, strconv.Itoa), "empty stays empty")
	assert.Equal(t, []string{"1", "22"}, Map([]int{1, 22}, strconv.Itoa))
}
