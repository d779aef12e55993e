package contingency_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
)

// The regressions of issue 13: corrections after redemption, caps and owed
// money, one award per scheduled visit, repriced visits reported, and
// refused bonuses. Each figure is the one the issue gives.

// pgRedeem redeems cents of p's ledger and requires success.
func pgRedeem(t testing.TB, p *contingency.Program, key string, cents int64) {
	t.Helper()
	_, err := p.Ledger().Redeem(context.Background(), contingency.Redemption{
		Key: key, Amount: contingency.Cents(cents), Instrument: contingency.InstrumentItem,
		Actor: "staff-2", EffectiveAt: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC),
	})
	require.NoError(t, err)
}

// pgCorrect corrects visit i of p to status and requires success.
func pgCorrect(t testing.TB, p *contingency.Program, i int, status contingency.ResultStatus) contingency.Recorded {
	t.Helper()
	rec, err := p.Correct(context.Background(), "lab-interface", "lab-confirmation", pgResult(t, p, i, status))
	require.NoError(t, err)
	return rec
}

func TestCorrectionAfterRedemptionOwesWhatWasSpent(t *testing.T) {
	// reference: C1 — NNNNNN pays $53.75; visit 3 turns positive: the visits
	// are now worth $27.50, a net change of −$26.25.
	for _, tc := range []struct {
		name             string
		redeemed         int64
		before, owed     string
		availableAfterwd string
	}{
		{"all of it redeemed", 5375, "0.00", "26.25", "0.00"},
		{"$50.00 redeemed", 5000, "3.75", "22.50", "0.00"},
		{"nothing redeemed", 0, "53.75", "0.00", "27.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pgProgram(t, nil)
			pgRecord(t, p, "NNNNNN")
			if tc.redeemed > 0 {
				pgRedeem(t, p, "spend", tc.redeemed)
			}
			l := p.Ledger()
			pgMoney(t, tc.before, l.Available())

			pgCorrect(t, p, 2, contingency.ResultPositive)
			pgMoney(t, tc.availableAfterwd, l.Available(), "the correction never raises what can be spent")
			pgMoney(t, tc.owed, l.Owed())
			pgMoney(t, "27.50", l.Earned(), "reference: C1 — the visits are worth $27.50")
			pgVerify(t, l)
		})
	}
}

func TestCorrectionUnderCapFreesTheRoomOwedMoneyUsed(t *testing.T) {
	// SAMHSA's $750 cap, 36 negatives, $700 redeemed, then visit 10
	// corrected to positive. Priced from scratch the corrected sequence asks
	// $753.75 (97.50 for visits 1–9, 656.25 after the reset with R1), so the
	// cap still binds and trims visit 36 from $38.75 to $35.00: the visits
	// are worth $750.00 and $50.00 remains to spend. The old code reported
	// balance less shortfall −$130.00 and trimmed visits 32–36, because the
	// reversals freed room only by what they took back. (The issue that
	// reported this gave −$51.25 as the right figure; pricing from scratch,
	// which its own invariants require, gives +$50.00.) A second correction,
	// visit 20, takes the visits below what was spent: then money is owed.
	p := pgProgram(t, nil, contingency.WithCaps(contingency.SAMHSA2025()))
	pgRecord(t, p, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
	l := p.Ledger()
	pgMoney(t, "750.00", l.Earned(), "reference: CAP-SAMHSA — the 31st voucher is trimmed, the rest refused room")
	pgRedeem(t, p, "spend", 70000)

	rec := pgCorrect(t, p, 9, contingency.ResultPositive)
	require.NotEmpty(t, rec.Repriced)
	priced, err := p.Config().Price(resultsOf(p))
	require.NoError(t, err)
	var asked contingency.Money
	for _, v := range priced {
		asked = asked.Add(contingency.Dollars(v.Award.Amount()))
	}
	pgMoney(t, "753.75", asked)
	pgMoney(t, "750.00", l.Earned())
	pgMoney(t, "50.00", l.Available())
	pgMoney(t, "0.00", l.Owed())
	for i := 31; i < 35; i++ { // visits 32–35
		pgMoney(t, contingency.Dollars(priced[i].Award.Amount()).String(), l.VisitNet(priced[i].Date.String()), "visit %d is paid in full", i+1)
	}
	pgMoney(t, "35.00", l.VisitNet(priced[35].Date.String()), "visit 36 is trimmed to the cap")

	pgCorrect(t, p, 19, contingency.ResultPositive)
	priced, err = p.Config().Price(resultsOf(p))
	require.NoError(t, err)
	asked = contingency.Money{}
	for _, v := range priced {
		asked = asked.Add(contingency.Dollars(v.Award.Amount()))
	}
	require.True(t, asked.LessThan(contingency.Cents(70000).Decimal), "the visits are now worth less than was spent")
	pgMoney(t, asked.String(), l.Earned(), "no cap binds any more")
	pgMoney(t, "0.00", l.Available())
	pgMoney(t, contingency.Cents(70000).Sub(asked).String(), l.Owed())
	used, err := l.CapUsage("samhsa-2025", pgVisitTime(t, p, 35))
	require.NoError(t, err)
	pgMoney(t, asked.String(), used, "cap usage is the net of the awards; owed money uses none")
	pgVerify(t, l)
}

// resultsOf returns the current result of every specimen p recorded.
func resultsOf(p *contingency.Program) []contingency.Result {
	latest := map[string]contingency.Result{}
	var order []string
	for _, op := range p.Operations() {
		if _, ok := latest[op.Result.SpecimenID]; !ok {
			order = append(order, op.Result.SpecimenID)
		}
		latest[op.Result.SpecimenID] = op.Result
	}
	out := make([]contingency.Result, len(order))
	for i, s := range order {
		out[i] = latest[s]
	}
	return out
}

func TestRecollectionIsTheSameVisit(t *testing.T) {
	recollect := func(t *testing.T, p *contingency.Program, i int, status contingency.ResultStatus, after time.Duration) contingency.Recorded {
		t.Helper()
		r := pgResult(t, p, i, status)
		r.SpecimenID += "-recollected"
		r.CollectedAt = r.CollectedAt.Add(after)
		rec, err := p.Record(context.Background(), "staff-1", r)
		require.NoError(t, err)
		return rec
	}
	t.Run("a second negative on the same scheduled day pays nothing more", func(t *testing.T) {
		p := pgProgram(t, nil)
		pgRecord(t, p, "NN")
		rec := recollect(t, p, 1, contingency.ResultNegative, time.Hour)
		assert.Empty(t, rec.Entries, "it used to pay $15.00 as a third visit")
		assert.True(t, rec.Standing, "the latest collected stands")
		assert.Equal(t, "2025-01-08", rec.Visit)
		pgMoney(t, "3.75", contingency.Dollars(rec.Award.Amount()), "the visit is priced once")
		pgMoney(t, "6.25", p.Ledger().Balance())
		next := pgRecord(t, p, "--N")
		pgMoney(t, "15.00", contingency.Dollars(next[0].Award.Amount()), "the third visit is still the third")
	})
	for _, tc := range []struct {
		name     string
		policy   contingency.RecollectionPolicy
		first    contingency.ResultStatus
		second   contingency.ResultStatus
		standing bool
		balance  string
	}{
		{"latest: a positive recollection replaces a negative", contingency.RecollectLatest, contingency.ResultNegative, contingency.ResultPositive, true, "2.50"},
		{"latest: a negative recollection replaces a dilute", contingency.RecollectLatest, contingency.ResultDilute, contingency.ResultNegative, true, "6.25"},
		{"worst: a positive recollection stands", contingency.RecollectWorst, contingency.ResultNegative, contingency.ResultPositive, true, "2.50"},
		{"worst: a negative recollection does not wash out a positive", contingency.RecollectWorst, contingency.ResultPositive, contingency.ResultNegative, false, "2.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pgProgram(t, func(c *contingency.ProgramConfig) {
				c.Recollection = tc.policy
				var err error
				c.Policy, err = c.Policy.With(contingency.ResultDilute, contingency.OutcomeReset)
				require.NoError(t, err)
			})
			pgRecord(t, p, "N")
			_, err := p.Record(context.Background(), "staff-1", pgResult(t, p, 1, tc.first))
			require.NoError(t, err)
			rec := recollect(t, p, 1, tc.second, 2*time.Hour)
			assert.Equal(t, tc.standing, rec.Standing)
			pgMoney(t, tc.balance, p.Ledger().Balance())
			pgVerify(t, p.Ledger())
		})
	}
	t.Run("a result on an unscheduled day is recorded but earns nothing", func(t *testing.T) {
		p := pgProgram(t, nil)
		pgRecord(t, p, "N")
		tuesday := pgResult(t, p, 0, contingency.ResultNegative)
		tuesday.SpecimenID, tuesday.CollectedAt = "tuesday", tuesday.CollectedAt.Add(24*time.Hour)
		rec, err := p.Record(context.Background(), "staff-1", tuesday)
		require.NoError(t, err)
		assert.Equal(t, "unscheduled", rec.Limit, "it used to pay $3.75")
		assert.Empty(t, rec.Entries)
		assert.Empty(t, rec.Visit)
		again, err := p.Record(context.Background(), "staff-1", tuesday)
		require.NoError(t, err)
		assert.True(t, again.Replayed)
		next := pgRecord(t, p, "-N")
		pgMoney(t, "3.75", contingency.Dollars(next[0].Award.Amount()), "the run is untouched")
		assert.Len(t, p.Operations(), 3, "the result is in the programme's log")

		// Allowed, it is a visit of its own.
		p = pgProgram(t, func(c *contingency.ProgramConfig) { c.AllowUnscheduled = true })
		pgRecord(t, p, "N")
		rec, err = p.Record(context.Background(), "staff-1", tuesday)
		require.NoError(t, err)
		pgMoney(t, "3.75", contingency.Dollars(rec.Award.Amount()))
		assert.Equal(t, "2025-01-07/tuesday", rec.Visit)
		pgMoney(t, "6.25", p.Ledger().Balance())
	})
}

// pgPetry returns a programme on the Higgins calendar paying Petry bowl
// draws that escalate per visit (1, 2, 3… draws), drawing itself.
func pgPetry(t testing.TB, seed uint64) (*contingency.Program, *contingency.Bowl) {
	t.Helper()
	bowl, err := contingency.NewBowl(contingency.PetryBowl(contingency.Cents(10000)))
	require.NoError(t, err)
	cfg := contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1)
	cfg.Schedule = contingency.PetryBowl(contingency.Cents(10000))
	drawer := contingency.BowlDrawer{Bowl: bowl, Rand: rand.New(rand.NewPCG(seed, 1))}
	p, err := contingency.NewProgram(pgProgramID, cfg, pgLedger(t), contingency.WithDrawer(drawer))
	require.NoError(t, err)
	return p, bowl
}

func TestRepricedVisitsAreReported(t *testing.T) {
	t.Run("a late result raises later draws: only the extra slips are drawn", func(t *testing.T) {
		p, bowl := pgPetry(t, 7)
		recs := pgRecord(t, p, "-NNNN")
		var draws []int
		for _, r := range recs {
			draws = append(draws, r.Award.Draws)
		}
		assert.Equal(t, []int{1, 2, 3, 4}, draws, "visit 1 is missed until its result arrives")
		assert.Len(t, bowl.Drawn(), 10)
		slips := map[string][]contingency.Slip{}
		for _, e := range p.Ledger().Entries() {
			slips[e.Visit] = append(slips[e.Visit], e.Award.Slips...)
		}

		rec, err := p.Record(context.Background(), "staff-1", pgResult(t, p, 0, contingency.ResultNegative))
		require.NoError(t, err)
		require.Len(t, rec.Repriced, 5, "the late visit and the four after it")
		for i, r := range rec.Repriced {
			assert.Equal(t, i, r.Before.Draws, "visit %d before", i+1)
			assert.Equal(t, i+1, r.After.Draws, "visit %d after", i+1)
			assert.Len(t, r.Drawn, 1, "one extra draw, never a redraw")
			assert.Empty(t, r.Returned)
			var got []contingency.Slip
			for _, e := range p.Ledger().VisitEntries(r.Visit) {
				got = append(got, e.Award.Slips...)
			}
			assert.Equal(t, append(slips[r.Visit], r.Drawn...), got, "the slips already drawn stand")
		}
		assert.Equal(t, 3, rec.Repriced[3].Before.Draws, "visit 4 from 3 to 4 draws")
		assert.Equal(t, 4, rec.Repriced[4].Before.Draws, "visit 5 from 4 to 5 draws")
		assert.Len(t, bowl.Drawn(), 15, "1+2+3+4+5: five new slips")
		pgVerify(t, p.Ledger())
	})
	t.Run("a correction lowers draws: the latest slips are returned", func(t *testing.T) {
		p, bowl := pgPetry(t, 11)
		pgRecord(t, p, "NNNN")
		before := map[string][]contingency.Slip{}
		for _, e := range p.Ledger().Entries() {
			before[e.Visit] = append(before[e.Visit], e.Award.Slips...)
		}
		pgRedeem(t, p, "spend", moneyCents(t, p.Ledger().Available()))

		rec := pgCorrect(t, p, 0, contingency.ResultPositive)
		require.Len(t, rec.Repriced, 4)
		for i, r := range rec.Repriced {
			assert.Equal(t, i+1, r.Before.Draws)
			assert.Equal(t, i, r.After.Draws)
			old := before[r.Visit]
			assert.Equal(t, []contingency.Slip{old[len(old)-1]}, r.Returned, "the most recently drawn slip goes back")
			assert.Empty(t, r.Drawn)
			pgMoney(t, contingency.SlipsValue(old[:len(old)-1]).String(), p.Ledger().VisitNet(r.Visit))
		}
		assert.Len(t, bowl.Drawn(), 10, "nothing is drawn again")
		pgMoney(t, "0.00", p.Ledger().Available())
		pgVerify(t, p.Ledger())
	})
	t.Run("a voucher correction reports every visit it changed", func(t *testing.T) {
		p := pgProgram(t, nil)
		pgRecord(t, p, "NNNNNN")
		rec := pgCorrect(t, p, 2, contingency.ResultPositive)
		var got []string
		for _, r := range rec.Repriced {
			got = append(got, r.Visit+" "+contingency.Dollars(r.Before.Amount()).String()+" "+contingency.Dollars(r.After.Amount()).String())
			require.NotEmpty(t, r.Entries)
		}
		assert.Equal(t, []string{
			"2025-01-10 15.00 0.00", "2025-01-13 6.25 2.50", "2025-01-15 7.50 3.75", "2025-01-17 18.75 15.00",
		}, got)
	})
}

// moneyCents returns m in cents.
func moneyCents(t testing.TB, m contingency.Money) int64 {
	t.Helper()
	return m.Shift(2).IntPart()
}

func TestRefusedVoucherTakesItsBonus(t *testing.T) {
	// reference: CAP-SAMHSA — under "refuse" the 31st voucher pays $0.00.
	// Visits 33 and 36 carry a $10 bonus: whether it survives its refused
	// voucher is RefusalScope.
	for _, tc := range []struct {
		scope contingency.RefusalScope
		total string
	}{
		{"", "718.75"},
		{contingency.RefuseVisit, "718.75"},
		{contingency.RefuseLine, "738.75"},
	} {
		t.Run(string(tc.scope), func(t *testing.T) {
			c := contingency.SAMHSA2025().WithPolicy(contingency.CapRefuse)
			c.RefusalScope = tc.scope
			p := pgProgram(t, nil, contingency.WithCaps(c))
			recs := pgRecord(t, p, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
			pgMoney(t, tc.total, p.Ledger().Balance())
			for _, e := range recs[30].Entries {
				pgMoney(t, "0.00", e.Amount, "reference: CAP-SAMHSA — the 31st visit")
			}
		})
	}
	c := contingency.SAMHSA2025()
	c.RefusalScope = "all"
	require.ErrorIs(t, c.Validate(), contingency.ErrUnknownRefusalScope)
}
