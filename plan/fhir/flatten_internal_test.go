package fhir

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnswerItems pins the flattening of an answers document into
// QuestionnaireResponse items: JSON paths as linkIds, every JSON kind, and
// a malformed document yielding what was read before the fault.
func TestAnswerItems(t *testing.T) {
	items := answerItems(json.RawMessage(`{"q1":"never","skipped":"","none":null,"days":3,"ratio":0.5,
		"yes":true,"substances":[{"q2":"weekly"},{"q2":"daily"}]}`))
	var got []string
	for _, it := range items {
		a := it.Answer[0]
		switch {
		case a.ValueCoding != nil:
			got = append(got, it.LinkID+"="+a.ValueCoding.Code)
		case a.ValueInteger != nil:
			got = append(got, it.LinkID+"=int")
		case a.ValueDecimal != "":
			got = append(got, it.LinkID+"="+string(a.ValueDecimal))
		case a.ValueBoolean != nil:
			got = append(got, it.LinkID+"=bool")
		}
	}
	assert.Equal(t, []string{"q1=never", "days=int", "ratio=0.5", "yes=bool", "substances[0].q2=weekly", "substances[1].q2=daily"}, got)
	assert.Nil(t, answerItems(nil))
	assert.Len(t, answerItems(json.RawMessage(`{"q1":"never","q2":`)), 1, "a truncated document keeps what was read")
	assert.Empty(t, answerItems(json.RawMessage(`{`)))
}

// TestWithType covers the empty-object branch, which exported resources
// never reach (every resource has an id).
func TestWithType(t *testing.T) {
	raw, err := withType("Basic", struct{}{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"resourceType":"Basic"}`, string(raw))
	_, err = withType("Basic", make(chan int))
	assert.Error(t, err)
}
