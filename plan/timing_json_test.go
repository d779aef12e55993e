package plan_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/internal/wire/wiretest"
	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

func TestTimingTableJSONIsStrict(t *testing.T) {
	b, err := wiretest.Marshal(plan.SeedTimingTable())
	require.NoError(t, err)
	var back plan.TimingTable
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, plan.SeedTimingTable(), back)

	bad := strings.Replace(string(b), `"setting"`, `"Setting"`, 1)
	err = json.Unmarshal([]byte(bad), &back)
	require.ErrorIs(t, err, intervention.ErrUnknownKey, "a misspelt key would drop a rule's setting")
	assert.Equal(t, plan.SeedTimingTable(), back, "unchanged on error")
	require.ErrorIs(t, json.Unmarshal([]byte(`null`), &back), intervention.ErrNullDocument)
}
