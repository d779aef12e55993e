package billing_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/billing"
)

// textEnum is the text contract every enum in the package keeps.
type textEnum interface {
	String() string
	MarshalText() ([]byte, error)
}

// checkText fuzzes one enum decoder: a parsed value round-trips through
// String and MarshalText, and a failed UnmarshalText leaves the target as it
// was.
func checkText[T textEnum](t *testing.T, s string, parse func(string) (T, error), unmarshal func(*T, []byte) error, start T) {
	t.Helper()
	v, err := parse(s)
	dst := start
	uerr := unmarshal(&dst, []byte(s))
	if err != nil {
		require.ErrorIs(t, err, intervention.ErrInvalid)
		require.Error(t, uerr)
		assert.Equal(t, start, dst)
		return
	}
	require.NoError(t, uerr)
	assert.Equal(t, v, dst)
	assert.Equal(t, s, v.String())
	b, err := v.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, s, string(b))
}

func FuzzCodeText(f *testing.F) {
	for _, c := range billing.Codes() {
		f.Add(string(c))
	}
	f.Add("h0050")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, billing.ParseCode, (*billing.Code).UnmarshalText, billing.Code90834)
		if c, err := billing.ParseCode(s); err == nil {
			assert.True(t, c.System().Valid())
			assert.NotEmpty(t, c.Label())
		}
	})
}

func FuzzPayerText(f *testing.F) {
	for _, p := range billing.Payers() {
		f.Add(string(p))
	}
	f.Add("Medicare")
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, billing.ParsePayer, (*billing.Payer).UnmarshalText, billing.PayerMedicaid)
	})
}

func FuzzReasonText(f *testing.F) {
	for _, r := range billing.Reasons() {
		f.Add(string(r))
	}
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, billing.ParseReason, (*billing.Reason).UnmarshalText, billing.ReasonNoBand)
	})
}

func FuzzSystemText(f *testing.F) {
	for _, s := range billing.Systems() {
		f.Add(string(s))
	}
	f.Add("CPT")
	f.Fuzz(func(t *testing.T, s string) {
		checkText(t, s, billing.ParseSystem, (*billing.System).UnmarshalText, billing.SystemHCPCS)
	})
}

func FuzzResultJSON(f *testing.F) {
	f.Add(`{"code":"G0396","units":1,"minutes":20,"rule":"sbirt-descriptor","payer":"medicare"}`)
	f.Add(`{"units":0,"minutes":7,"rule":"cms-8-minute","reason":"below-minimum"}`)
	f.Add(`{"code":"x"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var r billing.Result
		if json.Unmarshal([]byte(s), &r) != nil {
			return
		}
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back billing.Result
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, r, back)
	})
}

func FuzzBandTableJSON(f *testing.F) {
	for _, tb := range []billing.BandTable{billing.PsychotherapyBands(), billing.FamilyBands(true), billing.GroupBands()} {
		b, err := json.Marshal(tb)
		require.NoError(f, err)
		f.Add(string(b), 30)
	}
	f.Add(`{"rule":"r","bands":[{"code":"90832","minMinutes":5,"maxMinutes":4}]}`, 4)
	f.Fuzz(func(t *testing.T, s string, minutes int) {
		var tb billing.BandTable
		if json.Unmarshal([]byte(s), &tb) != nil {
			return
		}
		r, err := tb.Classify(minutes)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		require.NoError(t, tb.Validate())
		assertConsistent(t, r)
	})
}

// assertConsistent checks the Result invariant: billable with a code and
// units, or a reason with neither.
func assertConsistent(t *testing.T, r billing.Result) {
	t.Helper()
	if r.Reason != "" {
		assert.True(t, r.Reason.Valid())
		assert.Empty(t, r.Code)
		assert.Zero(t, r.Units)
		return
	}
	assert.True(t, r.Code.Valid())
	assert.Positive(t, r.Units)
	assert.True(t, r.Billable())
}

// bandRank orders psychotherapy codes by length so that longer sessions
// never get a shorter code.
var bandRank = map[billing.Code]int{"": 0, billing.Code90832: 1, billing.Code90834: 2, billing.Code90837: 3}

func FuzzTimeBands(f *testing.F) {
	for _, m := range []int{-1, 0, 15, 16, 25, 26, 37, 38, 52, 53, billing.MaxMinutes} {
		f.Add(m, 1, true)
	}
	f.Fuzz(func(t *testing.T, minutes, more int, present bool) {
		if more < 0 {
			more = -more
		}
		more %= billing.MaxMinutes + 1
		p, perr := billing.Psychotherapy(minutes)
		fam, ferr := billing.FamilyPsychotherapy(minutes, present)
		g, gerr := billing.GroupPsychotherapy([]int{minutes})
		if minutes < 0 || minutes > billing.MaxMinutes {
			require.ErrorIs(t, perr, billing.ErrMinutesOutOfRange)
			require.ErrorIs(t, ferr, billing.ErrMinutesOutOfRange)
			require.ErrorIs(t, gerr, billing.ErrMinutesOutOfRange)
			return
		}
		require.NoError(t, perr)
		require.NoError(t, ferr)
		require.NoError(t, gerr)
		assertConsistent(t, p)
		assertConsistent(t, fam)
		assert.Equal(t, 1, len(g.Billed)+len(g.NotBilled))
		assert.Equal(t, minutes > 0, len(g.Billed) == 1)
		longer := min(minutes+more, billing.MaxMinutes)
		p2, err := billing.Psychotherapy(longer)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, p2.Units, p.Units)
		assert.GreaterOrEqual(t, bandRank[p2.Code], bandRank[p.Code])
		fam2, err := billing.FamilyPsychotherapy(longer, present)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, fam2.Units, fam.Units)
	})
}

// sbirtRank orders SBIRT codes by length within a payer.
var sbirtRank = map[billing.Code]int{
	"": 0, billing.CodeG2011: 1, billing.CodeG0396: 2, billing.Code99408: 2, billing.CodeG0397: 3, billing.Code99409: 3,
}

func FuzzSBIRT(f *testing.F) {
	for _, m := range []int{-1, 0, 4, 5, 14, 15, 30, 31, billing.MaxMinutes} {
		f.Add(m, 1, "medicare", false)
		f.Add(m, 1, "commercial", true)
	}
	f.Fuzz(func(t *testing.T, minutes, more int, payer string, longAt30 bool) {
		if more < 0 {
			more = -more
		}
		more %= billing.MaxMinutes + 1
		opts := billing.SBIRTOptions{LongAt30: longAt30}
		r, err := billing.SBIRT(minutes, billing.Payer(payer), opts)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		assertConsistent(t, r)
		r2, err := billing.SBIRT(min(minutes+more, billing.MaxMinutes), billing.Payer(payer), opts)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, r2.Units, r.Units)
		assert.GreaterOrEqual(t, sbirtRank[r2.Code], sbirtRank[r.Code])
	})
}

func FuzzUnits(f *testing.F) {
	for _, m := range []int{-1, 0, 7, 8, 22, 23, 37, 38, 52, 53, billing.MaxMinutes} {
		f.Add(m, 1, 3, uint8(0), 0)
		f.Add(m, 15, 7, uint8(1), 12)
		f.Add(m, 8, 0, uint8(2), 1)
	}
	rules := []billing.UnitRule{billing.EightMinuteRule{}, billing.MidpointRule{}, billing.CeilingRule{}}
	f.Fuzz(func(t *testing.T, minutes, more, other int, which uint8, dailyCap int) {
		rule := rules[int(which)%len(rules)]
		if more < 0 {
			more = -more
		}
		more %= billing.MaxMinutes + 1
		opts := billing.UnitOptions{Rule: rule, DailyCap: dailyCap}
		r, err := billing.Units(billing.CodeH0004, minutes, opts)
		if err != nil {
			require.ErrorIs(t, err, intervention.ErrInvalid)
			return
		}
		assertConsistent(t, r)
		if dailyCap > 0 {
			assert.LessOrEqual(t, r.Units, dailyCap)
		}
		longer := min(minutes+more, billing.MaxMinutes)
		r2, err := billing.Units(billing.CodeH0004, longer, opts)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, r2.Units, r.Units, "more minutes, fewer units")

		// Across codes: growing one entry never lowers the day's units.
		u1, err1 := rule.Units([]int{minutes, other})
		u2, err2 := rule.Units([]int{longer, other})
		if err1 != nil {
			require.ErrorIs(t, err1, billing.ErrMinutesOutOfRange)
			require.ErrorIs(t, err2, billing.ErrMinutesOutOfRange)
			return
		}
		require.NoError(t, err2)
		assert.GreaterOrEqual(t, u2, u1)
	})
}
