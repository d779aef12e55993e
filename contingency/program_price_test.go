package contingency_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestPriceMatchesTheProgram(t *testing.T) {
	p := pgProgram(t, nil)
	pattern := "NNNN-NNPNNNENN" // V2-like with a missed and an excused visit
	var results []contingency.Result
	for i := len(pattern) - 1; i >= 0; i-- { // any order
		if pattern[i] != '-' {
			results = append(results, pgResult(t, p, i, pgStatus(pattern[i])))
		}
	}
	priced, err := p.Config().Price(results)
	require.NoError(t, err)
	require.Len(t, priced, len(pattern))
	assert.True(t, priced[4].Missed)
	assert.Equal(t, contingency.OutcomeReset, priced[4].Classification.Outcome)
	assert.Equal(t, contingency.OutcomeHold, priced[11].Classification.Outcome)

	pgRecord(t, p, pattern)
	total := contingency.Cents(0)
	for _, v := range priced {
		total = total.Add(contingency.Dollars(v.Award.Amount()))
	}
	pgMoney(t, p.Ledger().Balance().String(), total, "Price is what the programme pays")

	again, err := p.Config().Price(results)
	require.NoError(t, err)
	assert.Equal(t, priced, again, "Price is pure")
}

func TestPriceRejectsBadResults(t *testing.T) {
	p := pgProgram(t, nil)
	ok := pgResult(t, p, 0, contingency.ResultNegative)
	noReading := pgResult(t, p, 1, contingency.ResultNegative)
	noReading.Readings = []contingency.Reading{{Substance: contingency.SubstanceTHC, Status: contingency.ResultNegative}}
	early := pgResult(t, p, 2, contingency.ResultNegative)
	early.CollectedAt = early.CollectedAt.Add(-30 * 24 * time.Hour)
	early.SpecimenID = "early"
	_, err := p.Config().Price([]contingency.Result{ok, ok, noReading, early, {}})
	require.ErrorIs(t, err, intervention.ErrInvalid)
	var paths []string
	for _, fe := range intervention.FieldErrors(err) {
		paths = append(paths, fe.Field)
	}
	assert.Contains(t, paths, "results[1].specimenId")
	assert.Contains(t, paths, "results[2].readings")
	assert.Contains(t, paths, "results[3].collectedAt")
	assert.Contains(t, paths, "results[4].specimenId")

	_, err = contingency.ProgramConfig{}.Price(nil)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	empty, err := p.Config().Price(nil)
	require.NoError(t, err)
	assert.Empty(t, empty)
	_, err = p.Record(context.Background(), "staff-1", noReading)
	require.ErrorIs(t, err, contingency.ErrMissingReading)
}
