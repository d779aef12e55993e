package contingencytest

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/recoverykit/psychosocial/contingency"
)

// TestFirstDifferenceNamesTheAliasedField: a store that copies entries
// shallowly (the slice, not the AwardDetail behind each entry) is told
// which field the caller's change reached.
func TestFirstDifferenceNamesTheAliasedField(t *testing.T) {
	in := entries(participant(1), 0, 2, "a")
	want := jsonOf(t, in)
	kept := slices.Clone(in) // the trap: the awards are shared
	in[1].Award.Slips[0].Tier = "changed"
	assert.Equal(t, "[1].award.slips[0].tier", firstDifference(t, want, jsonOf(t, kept)))

	deep := make([]contingency.Entry, len(in))
	for i := range in {
		deep[i] = in[i].Clone()
	}
	now := jsonOf(t, deep)
	in[0].Award.Caps[0] = "changed again"
	assert.Empty(t, firstDifference(t, now, jsonOf(t, deep)), "Entry.Clone copies deeply")
	assert.Equal(t, "[0]", firstDifference(t, `[{"a":1}]`, `[1]`))
	assert.Empty(t, firstDifference(t, `{"a":[1,2]}`, `{"a":[1,2]}`))
	assert.Equal(t, "a", firstDifference(t, `{"a":[1,2]}`, `{"a":[1]}`))
	assert.Equal(t, "b", firstDifference(t, `{"a":1}`, `{"a":1,"b":2}`))
}
