package contingency_test

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

func schedMoneys(cents ...int64) []contingency.Money {
	out := make([]contingency.Money, len(cents))
	for i, c := range cents {
		out[i] = contingency.Cents(c)
	}
	return out
}

func TestTableEvaluate(t *testing.T) {
	tests := []struct {
		name    string
		table   contingency.Table
		pattern string
		want    []string
	}{
		{
			name: "repeat last by default", table: contingency.Table{Amounts: schedMoneys(100, 200, 300)},
			pattern: "NNNNN", want: []string{"1.00", "2.00", "3.00", "3.00", "3.00"},
		},
		{
			name: "zero beyond", table: contingency.Table{Amounts: schedMoneys(100, 200), Beyond: contingency.BeyondZero},
			pattern: "NNNN", want: []string{"1.00", "2.00", "0.00", "0.00"},
		},
		{
			name: "reset to level 1, hold keeps the level", table: contingency.Table{Amounts: schedMoneys(100, 200, 300)},
			pattern: "NN P N H N", want: []string{"1.00", "2.00", "0.00", "1.00", "0.00", "2.00"},
		},
		{
			name:    "bonus every 2",
			table:   contingency.Table{Amounts: schedMoneys(100, 200), BonusEvery: 2, Bonus: contingency.Cents(500)},
			pattern: "NNNN M NN", want: []string{"1.00", "2.00+5", "2.00", "2.00+5", "0.00", "1.00", "2.00+5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.table.Validate())
			awards, err := contingency.Evaluate(tt.table, schedSteps(tt.pattern))
			require.NoError(t, err)
			assert.Equal(t, tt.want, schedAmounts(awards))
		})
	}
	assert.Equal(t, contingency.ScheduleTable, contingency.Table{}.Kind())
}

func TestTableValidate(t *testing.T) {
	tests := []struct {
		name   string
		table  contingency.Table
		fields map[string]error
	}{
		{"zero", contingency.Table{}, map[string]error{"amounts": intervention.ErrMissing}},
		{"too many", contingency.Table{Amounts: make([]contingency.Money, contingency.MaxTableLevels+1)},
			map[string]error{"amounts": intervention.ErrOutOfRange}},
		{"negative amount", contingency.Table{Amounts: schedMoneys(100, -1)},
			map[string]error{"amounts[1]": intervention.ErrOutOfRange}},
		{"fractional cent", contingency.Table{Amounts: []contingency.Money{{Decimal: decimal.RequireFromString("0.001")}}},
			map[string]error{"amounts[0]": contingency.ErrBadMoney}},
		{"unknown beyond", contingency.Table{Amounts: schedMoneys(100), Beyond: "wrap"},
			map[string]error{"beyond": contingency.ErrUnknownBeyond}},
		{"bonus without every", contingency.Table{Amounts: schedMoneys(100), Bonus: contingency.Cents(100)},
			map[string]error{"bonusEvery": intervention.ErrMissing}},
		{"negative bonus", contingency.Table{Amounts: schedMoneys(100), BonusEvery: 2, Bonus: contingency.Cents(-100)},
			map[string]error{"bonus": intervention.ErrOutOfRange}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			schedAssertFields(t, err, tt.fields)
			_, err = contingency.Evaluate(tt.table, schedSteps("N"))
			require.ErrorIs(t, err, intervention.ErrInvalid)
		})
	}
	// An empty table never panics in Advance.
	_, _, err := contingency.Table{}.Advance(contingency.RunState{}, contingency.Step{Outcome: contingency.OutcomeEarn})
	require.ErrorIs(t, err, intervention.ErrMissing)
	_, _, err = contingency.Table{Amounts: schedMoneys(100)}.Advance(contingency.RunState{}, contingency.Step{})
	require.ErrorIs(t, err, contingency.ErrUnknownOutcome)
}

func TestTableJSON(t *testing.T) {
	table := contingency.Table{Amounts: schedMoneys(1000, 1050), Beyond: contingency.BeyondZero}
	b, err := json.Marshal(table)
	require.NoError(t, err)
	assert.JSONEq(t, `{"amounts":["10.00","10.50"],"beyond":"zero"}`, string(b))
	var back contingency.Table
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))

	b, err = json.Marshal(contingency.Table{Amounts: schedMoneys(250), BonusEvery: 3, Bonus: contingency.Cents(1000)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"amounts":["2.50"],"bonusEvery":3,"bonus":"10.00"}`, string(b))
	require.ErrorIs(t, json.Unmarshal([]byte(`{"beyond":"loop"}`), &back), contingency.ErrUnknownBeyond)
}

func TestBeyondEnum(t *testing.T) {
	schedEnum(t, contingency.Beyonds(), contingency.ParseBeyond, contingency.ErrUnknownBeyond)
}

// FuzzScheduleJSON decodes each schedule type from fuzzed JSON: decoding may
// fail, but a valid schedule round-trips and evaluates within its invariants.
func FuzzScheduleJSON(f *testing.F) {
	for _, s := range schedPresets(f) {
		b, err := json.Marshal(s)
		require.NoError(f, err)
		f.Add(string(b), "NNNPNNHNN")
	}
	f.Add(`{"start":"0.01","step":"0","max":"0.01","recoverAfter":1,"recovery":"r2"}`, "NPNNPN")
	f.Add(`{"amounts":["0.00"],"beyond":"zero"}`, "N")
	f.Add(`{"tiers":[{"name":"a","count":1,"value":"0.00"}],"escalation":[1000],"escalateBy":"visit","maxDraws":1}`, "NN")
	f.Fuzz(func(t *testing.T, in, pattern string) {
		steps := schedSteps(pattern)
		if len(steps) > 200 {
			steps = steps[:200]
		}
		for i := range steps {
			steps[i].Week = i / 2
		}
		for _, s := range []contingency.Schedule{&contingency.Escalating{}, &contingency.Table{}, &contingency.PrizeBowl{}} {
			if err := json.Unmarshal([]byte(in), s); err != nil {
				continue
			}
			var sched contingency.Schedule
			switch v := s.(type) {
			case *contingency.Escalating:
				sched = *v
			case *contingency.Table:
				sched = *v
			case *contingency.PrizeBowl:
				sched = *v
			}
			awards, err := contingency.Evaluate(sched, steps)
			if err != nil {
				require.ErrorIs(t, err, intervention.ErrInvalid)
				require.Error(t, sched.Validate())
				continue
			}
			schedCheckInvariants(t, sched, steps, awards)
			b, err := json.Marshal(sched)
			require.NoError(t, err)
			again := s
			switch s.(type) {
			case *contingency.Escalating:
				again = &contingency.Escalating{}
			case *contingency.Table:
				again = &contingency.Table{}
			case *contingency.PrizeBowl:
				again = &contingency.PrizeBowl{}
			}
			require.NoError(t, json.Unmarshal(b, again))
			b2, err := json.Marshal(again)
			require.NoError(t, err)
			require.Equal(t, string(b), string(b2))
		}
	})
}
