package contingency_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func TestMoneyText(t *testing.T) {
	for in, want := range map[string]string{"12.5": "12.50", "12": "12.00", "0.01": "0.01", "-3.10": "-3.10", "12.500": "12.50"} {
		m, err := contingency.ParseMoney(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, m.String())
		b, err := m.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
	for _, bad := range []string{"", "1.005", "ten", "1e400000000000", "NaN"} {
		_, err := contingency.ParseMoney(bad)
		require.ErrorIs(t, err, contingency.ErrBadMoney, bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
	}
	m := contingency.Cents(1250)
	require.Error(t, m.UnmarshalText([]byte("1.234")))
	assert.Equal(t, "12.50", m.String(), "a failed decode leaves the value")
}

func TestMoneyJSONIsAlwaysAString(t *testing.T) {
	b, err := json.Marshal(struct{ A contingency.Money }{contingency.Dollars(decimal.RequireFromString("997.5"))})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"997.50"}`, string(b))
	var m contingency.Money
	require.ErrorIs(t, json.Unmarshal([]byte(`12.5`), &m), contingency.ErrBadMoney, "a JSON number never carries money")
	require.NoError(t, json.Unmarshal([]byte(`"12.5"`), &m))
	assert.True(t, m.Equal(contingency.Cents(1250)))
}

func TestMoneyFormatAndArithmetic(t *testing.T) {
	m := contingency.Cents(100)
	assert.Equal(t, "1.00 [  1.00] 1.00  \"1.00\"", fmt.Sprintf("%v [%6s] %-6v%q", m, m, m, m))
	assert.Equal(t, "-1.00", m.Neg().String())
	assert.Equal(t, "1.50", m.Add(contingency.Cents(50)).String())
	assert.Equal(t, "0.50", m.Sub(contingency.Cents(50)).String())
	assert.Equal(t, "2.35", contingency.Dollars(decimal.RequireFromString("2.345")).String(), "rounds half away from zero")
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12.50", "0", "-1", "1.005", "1e3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := contingency.ParseMoney(s)
		if err != nil {
			return
		}
		back, err := contingency.ParseMoney(m.String())
		require.NoError(t, err)
		require.True(t, back.Equal(m))
	})
}
