package intervention_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

func TestRatio(t *testing.T) {
	r := intervention.RatioOf(3, 4)
	require.True(t, r.Computable())
	v, ok := r.Value(2)
	require.True(t, ok)
	assert.True(t, v.Equal(decimal.RequireFromString("0.75")))
	p, ok := r.Percent(1)
	require.True(t, ok)
	assert.True(t, p.Equal(decimal.RequireFromString("75")))
	assert.Equal(t, "3/4", r.String())
	assert.True(t, r.Num().Equal(decimal.NewFromInt(3)))
	assert.True(t, r.Den().Equal(decimal.NewFromInt(4)))

	third := intervention.RatioOf(1, 3)
	v, _ = third.Value(4)
	assert.Equal(t, "0.3333", v.String())
	p, _ = intervention.RatioOf(2, 3).Percent(1)
	assert.Equal(t, "66.7", p.String(), "rounds half away from zero")
}

func TestRatioNotComputable(t *testing.T) {
	for name, r := range map[string]intervention.Ratio{
		"zero value": {},
		"n/0":        intervention.RatioOf(5, 0),
		"decimal":    intervention.NewRatio(decimal.NewFromInt(1), decimal.Zero),
	} {
		t.Run(name, func(t *testing.T) {
			assert.False(t, r.Computable())
			_, ok := r.Value(2)
			assert.False(t, ok)
			_, ok = r.Percent(2)
			assert.False(t, ok)
			assert.Contains(t, r.String(), "not computable")
		})
	}
}

func TestRatioJSON(t *testing.T) {
	for _, r := range []intervention.Ratio{intervention.RatioOf(7, 8), intervention.RatioOf(0, 0)} {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back intervention.Ratio
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, r.String(), back.String())
	}
	b, _ := json.Marshal(intervention.RatioOf(1, 2))
	assert.JSONEq(t, `{"numerator":"1","denominator":"2","computable":true}`, string(b))

	keep := intervention.RatioOf(1, 2)
	for _, bad := range []string{
		`{"numerator":"1","denominator":"0","computable":true}`,
		`{"numerator":"1","denominator":"2","computable":false}`,
		`{"numerator":"x","denominator":"2","computable":true}`,
		`[]`,
	} {
		require.ErrorIs(t, json.Unmarshal([]byte(bad), &keep), intervention.ErrInvalid, bad)
		assert.Equal(t, "1/2", keep.String())
	}
}

func FuzzRatioJSON(f *testing.F) {
	f.Add([]byte(`{"numerator":"1","denominator":"2","computable":true}`))
	f.Add([]byte(`{"numerator":"0","denominator":"0","computable":false}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r intervention.Ratio
		if err := json.Unmarshal(b, &r); err != nil {
			return
		}
		out, err := json.Marshal(r)
		require.NoError(t, err)
		var back intervention.Ratio
		require.NoError(t, json.Unmarshal(out, &back))
		require.Equal(t, r.Computable(), back.Computable())
		require.True(t, r.Num().Equal(back.Num()))
	})
}
