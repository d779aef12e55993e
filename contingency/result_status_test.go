package contingency_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/recoverykit/psychosocial/contingency"
)

func TestResultStatusEnum(t *testing.T) {
	schedEnum(t, contingency.ResultStatuses(), contingency.ParseResultStatus, contingency.ErrUnknownResultStatus)
	assert.Len(t, contingency.ResultStatuses(), 12)
}

func TestResultStatusAllowsReadings(t *testing.T) {
	allows := map[contingency.ResultStatus]bool{
		contingency.ResultNegative: true, contingency.ResultPositive: true,
		contingency.ResultDilute: true, contingency.ResultPendingLab: true,
	}
	for _, s := range contingency.ResultStatuses() {
		assert.Equal(t, allows[s], s.AllowsReadings(), s.String())
	}
	assert.False(t, contingency.ResultStatus("bogus").AllowsReadings())
}
