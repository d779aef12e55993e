package intervention_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

func TestSeverity(t *testing.T) {
	checkEnum(t, enumCase[intervention.Severity]{intervention.Severities(), intervention.ParseSeverity, intervention.ErrUnknownSeverity},
		func() interface{ encoding.TextUnmarshaler } { return new(intervention.Severity) })
	assert.Less(t, intervention.SeverityInfo.Rank(), intervention.SeverityWarning.Rank())
	assert.Less(t, intervention.SeverityWarning.Rank(), intervention.SeverityError.Rank())
	assert.Equal(t, 0, intervention.Severity("fatal").Rank())
}

func TestFinding(t *testing.T) {
	f := intervention.Finding{Rule: "C-CBT-MATCH-1", Severity: intervention.SeverityError, Path: "sessions[0]", Message: "the first session is not the introduction"}
	assert.Equal(t, "C-CBT-MATCH-1 error sessions[0]: the first session is not the introduction", f.String())
	f.Path = ""
	assert.Equal(t, "C-CBT-MATCH-1 error: the first session is not the introduction", f.String())
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule":"C-CBT-MATCH-1","severity":"error","message":"the first session is not the introduction"}`, string(b))
}
