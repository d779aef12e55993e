package contingency_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// lgDate returns the civil date s ("2025-01-15").
func lgDate(t testing.TB, s string) intervention.Date {
	t.Helper()
	d, err := intervention.ParseDate(s)
	require.NoError(t, err)
	return d
}

// lgPostHiggins posts visits 1..n of a Higgins run, one every two days, and
// returns the receipts.
func lgPostHiggins(t testing.TB, l *contingency.Ledger, n int) []contingency.Receipt {
	t.Helper()
	out := make([]contingency.Receipt, 0, n)
	for v := 1; v <= n; v++ {
		out = append(out, lgPost(t, l, "spec-"+strconv.Itoa(v), lgHigginsLines(v, lgT0.AddDate(0, 0, 2*v))...))
	}
	return out
}

func TestCapOIGAggregate(t *testing.T) {
	// reference: CAP-OIG-agg — C(n) = 2.50n + 1.25n(n−1)/2 + 10⌊n/3⌋.
	for _, policy := range contingency.CapPolicies() {
		t.Run(policy.String(), func(t *testing.T) {
			l, _ := lgNew(t, contingency.WithCaps(contingency.OIGNominal().WithPolicy(policy)))
			paid := lgPostHiggins(t, l, 9)
			lgMoney(t, "63.75", lgSum(paid[:7]), "C(7)")
			lgMoney(t, "75.00", lgSum(paid[:8]), "C(8) is allowed exactly")
			for _, r := range paid[:8] {
				for _, e := range r.Entries {
					assert.Empty(t, e.Award.Caps, "no cap binds before the 9th award")
				}
			}
			ninth := paid[8].Entries
			require.Len(t, ninth, 2)
			for i, want := range []string{"12.50", "10.00"} {
				lgMoney(t, "0.00", ninth[i].Amount, "the 9th award is trimmed to 0.00 or refused")
				lgMoney(t, want, ninth[i].Award.Requested)
				assert.Equal(t, []string{"oig-nominal"}, ninth[i].Award.Caps)
			}
			lgMoney(t, "75.00", l.Balance())
			asOf := lgT0.AddDate(0, 0, 18)
			used, err := l.CapUsage("oig-nominal", asOf)
			require.NoError(t, err)
			lgMoney(t, "75.00", used)
			left, err := l.CapRemaining("oig-nominal", asOf)
			require.NoError(t, err)
			lgMoney(t, "0.00", left)
			left, ok := l.LeastCapRemaining(asOf, "", contingency.InstrumentItem)
			require.True(t, ok)
			lgMoney(t, "0.00", left)
			next, err := l.CapRemaining("oig-nominal", lgT0.AddDate(1, 0, 0))
			require.NoError(t, err)
			lgMoney(t, "75.00", next, "a new calendar year has the whole limit")
			lgCheckTotals(t, l)
		})
	}
}

// lgSum returns the sum of the amounts of the receipts' entries.
func lgSum(rs []contingency.Receipt) contingency.Money {
	var s contingency.Money
	for _, r := range rs {
		for _, e := range r.Entries {
			s = s.Add(e.Amount)
		}
	}
	return s
}

func TestCapOIGPerItem(t *testing.T) {
	// reference: CAP-OIG-item — the 11th voucher is $15.00, the 12th $16.25.
	perItem := contingency.Cap{Name: "oig-item", PerItem: contingency.Cents(1500), ForbiddenInstruments: []contingency.Instrument{contingency.InstrumentCash}}
	tests := []struct {
		policy   contingency.CapPolicy
		twelfth  string
		caps12th []string
	}{
		{contingency.CapTrim, "15.00", []string{"oig-item"}},
		{contingency.CapRefuse, "0.00", []string{"oig-item"}},
	}
	for _, tc := range tests {
		t.Run(tc.policy.String(), func(t *testing.T) {
			l, _ := lgNew(t, contingency.WithCaps(perItem.WithPolicy(tc.policy)))
			paid := lgPostHiggins(t, l, 12)
			lgMoney(t, "15.00", paid[10].Entry.Amount, "the 11th voucher is allowed")
			assert.Empty(t, paid[10].Entry.Award.Caps)
			lgMoney(t, tc.twelfth, paid[11].Entry.Amount)
			lgMoney(t, "16.25", paid[11].Entry.Award.Requested)
			assert.Equal(t, tc.caps12th, paid[11].Entry.Award.Caps)
			lgMoney(t, "10.00", paid[11].Entries[1].Amount, "the bonus is a separate item by default")
			lgMoney(t, "10.00", paid[5].Entries[1].Amount)
			_, err := l.CapRemaining("oig-item", lgT0)
			require.ErrorIs(t, err, contingency.ErrNoWindowLimit)
			_, ok := l.LeastCapRemaining(lgT0, "", contingency.InstrumentItem)
			assert.False(t, ok, "a per-item limit has no remaining amount")
		})
	}
	t.Run("voucher and bonus as one item", func(t *testing.T) {
		for _, tc := range []struct {
			policy contingency.CapPolicy
			bonus6 string
		}{{contingency.CapTrim, "6.25"}, {contingency.CapRefuse, "0.00"}} {
			c := perItem.WithPolicy(tc.policy)
			c.BonusSameItem = true
			l, _ := lgNew(t, contingency.WithCaps(c))
			paid := lgPostHiggins(t, l, 6)
			lgMoney(t, "15.00", lgSum(paid[2:3]), "the 3rd award, 5.00 + 10.00, is exactly one item")
			assert.Empty(t, paid[2].Entries[1].Award.Caps)
			lgMoney(t, "8.75", paid[5].Entries[0].Amount)
			lgMoney(t, tc.bonus6, paid[5].Entries[1].Amount, "the 6th award, 8.75 + 10.00 = 18.75, is over")
			assert.Equal(t, []string{"oig-item"}, paid[5].Entries[1].Award.Caps)
		}
	})
}

func TestCapSAMHSA(t *testing.T) {
	// reference: CAP-SAMHSA — C(30) = 718.75; the 31st voucher of 40.00.
	for _, tc := range []struct {
		policy contingency.CapPolicy
		want   string
	}{{contingency.CapTrim, "31.25"}, {contingency.CapRefuse, "0.00"}} {
		t.Run(tc.policy.String(), func(t *testing.T) {
			l, _ := lgNew(t, contingency.WithCaps(contingency.SAMHSA2025().WithPolicy(tc.policy)))
			paid := lgPostHiggins(t, l, 31)
			lgMoney(t, "718.75", lgSum(paid[:30]))
			lgMoney(t, "40.00", paid[30].Entry.Award.Requested)
			lgMoney(t, tc.want, paid[30].Entry.Amount)
			assert.Equal(t, []string{"samhsa-2025"}, paid[30].Entry.Award.Caps)
			assert.False(t, l.Balance().GreaterThan(contingency.Cents(75000).Decimal))
			lgCheckTotals(t, l)
		})
	}
}

func TestCapRIP(t *testing.T) {
	// reference: CAP-RIP, RIP-5 — the sum of posted earns in the window is ≤ 599.00.
	r := rand.New(rand.NewPCG(1, 2))
	amounts := make([]int64, 48)
	for i := range amounts {
		amounts[i] = 1000 + r.Int64N(1651) // 10.00 … 26.50 (reference: RIP-1, RIP-2)
	}
	post := func(t *testing.T, l *contingency.Ledger, start time.Time, perWeek int) {
		for i, c := range amounts {
			at := start.AddDate(0, 0, 7*(i/perWeek)+3*(i%perWeek))
			lgPost(t, l, "rip-"+start.Format("0102")+"-"+strconv.Itoa(i), lgLine(contingency.KindEarn, c, at, "v"+strconv.Itoa(i)))
		}
	}
	t.Run("calendar year", func(t *testing.T) {
		l, _ := lgNew(t, contingency.WithCaps(contingency.RIPCap()))
		post(t, l, lgT0, 2)
		lgMoney(t, "599.00", l.Balance(), "48 tests of at least 10.00 reach the cap exactly")
		used, err := l.CapUsage("rip", lgT0)
		require.NoError(t, err)
		lgMoney(t, "599.00", used)
	})
	t.Run("six-month programme window", func(t *testing.T) { // the [UNCERTAIN] Freese reading
		enrolled := lgDate(t, "2025-01-06")
		l, _ := lgNew(t, contingency.WithCaps(contingency.RIPCap().WithWindow(contingency.ProgrammePeriod(enrolled, 6))))
		post(t, l, lgT0, 2)
		post(t, l, lgT0.AddDate(0, 6, 0), 2)
		first, err := l.CapUsage("rip", lgT0.AddDate(0, 1, 0))
		require.NoError(t, err)
		second, err := l.CapUsage("rip", lgT0.AddDate(0, 7, 0))
		require.NoError(t, err)
		lgMoney(t, "599.00", first)
		lgMoney(t, "599.00", second)
		lgMoney(t, "1198.00", l.Balance())
	})
}

func TestCapWindowsUseTheParticipantsCalendar(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone database")
	}
	c := contingency.Cap{Name: "yearly", PerWindow: contingency.Cents(1000), Window: contingency.CalendarYear()}
	nye := time.Date(2025, 12, 31, 23, 30, 0, 0, la) // already 2026 in UTC
	for _, tc := range []struct {
		name string
		loc  *time.Location
		in25 string
	}{{"los angeles", la, "10.00"}, {"utc default", time.UTC, "0.00"}} {
		t.Run(tc.name, func(t *testing.T) {
			l, _ := lgNew(t, contingency.WithCaps(c), contingency.WithLocation(tc.loc))
			lgPost(t, l, "nye", lgLine(contingency.KindEarn, 1000, nye, "v"))
			used, err := l.CapUsage("yearly", time.Date(2025, 6, 1, 0, 0, 0, 0, tc.loc))
			require.NoError(t, err)
			lgMoney(t, tc.in25, used)
		})
	}
}

func TestCapProgrammeWindows(t *testing.T) {
	tests := []struct {
		name   string
		window contingency.Window
		awards []string // dates of 1.00 awards
		asOf   string
		want   string
	}{
		{"six months from mid-January", contingency.ProgrammePeriod(lgDate(t, "2025-01-15"), 6),
			[]string{"2025-01-14", "2025-01-15", "2025-03-01", "2025-07-14", "2025-07-15"}, "2025-02-01", "3.00"},
		{"the period before the start", contingency.ProgrammeYear(lgDate(t, "2025-06-01")),
			[]string{"2024-06-01", "2025-05-31", "2025-06-01"}, "2025-01-01", "2.00"},
		{"month ends clamp: 31 Jan + 1 month is 28 Feb", contingency.ProgrammePeriod(lgDate(t, "2025-01-31"), 1),
			[]string{"2025-01-31", "2025-02-27", "2025-02-28", "2025-03-30", "2025-03-31"}, "2025-03-01", "2.00"},
		{"rolling 30 days", contingency.RollingDays(30),
			[]string{"2025-01-01", "2025-01-02", "2025-01-31", "2025-02-01"}, "2025-01-31", "2.00"},
		{"episode", contingency.Episode(), []string{"2020-01-01", "2030-01-01"}, "2025-01-01", "2.00"},
		{"calendar year", contingency.CalendarYear(), []string{"2024-12-31", "2025-01-01", "2025-12-31", "2026-01-01"}, "2025-07-01", "2.00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := contingency.Cap{Name: "c", PerWindow: contingency.Cents(100_000), Window: tc.window}
			require.NoError(t, c.Validate())
			l, _ := lgNew(t, contingency.WithCaps(c))
			for i, d := range tc.awards {
				lgPost(t, l, "a"+strconv.Itoa(i), lgLine(contingency.KindEarn, 100, lgDate(t, d).In(time.UTC).Add(12*time.Hour), "v"))
			}
			used, err := l.CapUsage("c", lgDate(t, tc.asOf).In(time.UTC))
			require.NoError(t, err)
			lgMoney(t, tc.want, used)
		})
	}
}

func TestCapRollingWindowRefusesBackdatedOverflow(t *testing.T) {
	c := contingency.Cap{Name: "r30", PerWindow: contingency.Cents(10_000), Window: contingency.RollingDays(30)}
	day := func(n int) time.Time { return lgT0.AddDate(0, 0, n) }
	l, _ := lgNew(t, contingency.WithCaps(c))
	lgPost(t, l, "d20", lgLine(contingency.KindEarn, 10_000, day(20), "v"))
	tests := []struct {
		key  string
		at   int
		want string
	}{
		{"d5", 5, "0.00"},      // the window ending on day 20 holds day 5
		{"d-9", -9, "0.00"},    // …and day −9
		{"d-10", -10, "50.00"}, // no window that holds day −10 holds day 20
		{"d-11", -11, "50.00"}, // day −10 holds 50.00 of the room
		{"d-12", -12, "0.00"},  // the window −12 … 17 holds 100.00
		{"d60", 60, "50.00"},
	}
	for _, tc := range tests {
		r := lgPost(t, l, tc.key, lgLine(contingency.KindEarn, 5_000, day(tc.at), "v"))
		lgMoney(t, tc.want, r.Entry.Amount, tc.key)
	}
	// Within one posting, earlier lines count for later ones.
	r := lgPost(t, l, "batch", lgLine(contingency.KindEarn, 3_000, day(90), "v"), lgLine(contingency.KindEarn, 3_000, day(80), "v"),
		lgLine(contingency.KindEarn, 6_000, day(100), "v"))
	lgMoney(t, "30.00", r.Entries[0].Amount)
	lgMoney(t, "30.00", r.Entries[1].Amount)
	lgMoney(t, "40.00", r.Entries[2].Amount, "days 80 and 90 are in the window ending on day 100")
	left, err := l.CapRemaining("r30", day(85))
	require.NoError(t, err)
	lgMoney(t, "0.00", left, "day 85 is in the window ending on day 100")
	used, err := l.CapUsage("r30", day(85))
	require.NoError(t, err)
	lgMoney(t, "80.00", used, "the window ending on day 85 holds days 60 and 80")
}

func TestCapReversalFreesRoom(t *testing.T) {
	ctx := context.Background()
	l, _ := lgNew(t, contingency.WithCaps(contingency.OIGNominal()))
	paid := lgPostHiggins(t, l, 8)
	asOf := lgT0.AddDate(0, 0, 20)
	left, err := l.CapRemaining("oig-nominal", asOf)
	require.NoError(t, err)
	lgMoney(t, "0.00", left)

	_, err = l.Reverse(ctx, "fix-8", paid[7].Entry.ID, "lab", "lab-correction", time.Time{})
	require.NoError(t, err)
	left, err = l.CapRemaining("oig-nominal", asOf)
	require.NoError(t, err)
	lgMoney(t, "11.25", left, "the reversed 8th voucher gives its room back")

	// Redeem everything, then reverse: nothing can be taken from the
	// balance, so the whole voucher is owed — and its room is freed all the
	// same: cap usage is the net of the awards, and money owed is not an award.
	_, err = l.Redeem(ctx, lgRedemption("buy-all", 6375))
	require.NoError(t, err)
	rev, err := l.Reverse(ctx, "fix-7", paid[6].Entry.ID, "lab", "lab-correction", time.Time{})
	require.NoError(t, err)
	lgMoney(t, "10.00", rev.Entry.Shortfall)
	lgMoney(t, "10.00", l.Owed())
	left, err = l.CapRemaining("oig-nominal", asOf)
	require.NoError(t, err)
	lgMoney(t, "21.25", left, "the reversed 7th voucher gives its room back, owed or not")

	r := lgPost(t, l, "again", lgLine(contingency.KindEarn, 1200, asOf, "v9"))
	lgMoney(t, "12.00", r.Entry.Amount)
	lgMoney(t, "0.00", l.Owed(), "the new award settles what was owed first")
	lgMoney(t, "2.00", l.Available())
	used, err := l.CapUsage("oig-nominal", asOf)
	require.NoError(t, err)
	lgMoney(t, l.Earned().String(), used, "cap usage is the net of the awards")
	lgCheckTotals(t, l)
}

func TestCapFiltersAndForbiddenInstruments(t *testing.T) {
	ctx := context.Background()
	samhsa := contingency.SAMHSA2025().WithFundingSources("samhsa-sor")
	cards := contingency.Cap{
		Name: "cards", PerWindow: contingency.Cents(500), Window: contingency.CalendarYear(),
		Instruments: []contingency.Instrument{contingency.InstrumentInKindCard},
	}
	l, _ := lgNew(t, contingency.WithCaps(contingency.OIGNominal().WithFundingSources("medicare"), samhsa, cards))
	line := func(cents int64, funding string, in contingency.Instrument) contingency.Line {
		ln := lgLine(contingency.KindEarn, cents, lgT0, "v")
		ln.FundingSource, ln.Instrument = funding, in
		return ln
	}
	r := lgPost(t, l, "state", line(90_000, "state", contingency.InstrumentItem))
	lgMoney(t, "900.00", r.Entry.Amount, "state money is under no cap")
	r = lgPost(t, l, "sor", line(90_000, "samhsa-sor", contingency.InstrumentItem))
	lgMoney(t, "750.00", r.Entry.Amount)
	r = lgPost(t, l, "card", line(1000, "state", contingency.InstrumentInKindCard))
	lgMoney(t, "5.00", r.Entry.Amount, "only in-kind cards count toward the cards cap")
	used, err := l.CapUsage("cards", lgT0)
	require.NoError(t, err)
	lgMoney(t, "5.00", used)
	left, ok := l.LeastCapRemaining(lgT0, "samhsa-sor", contingency.InstrumentInKindCard)
	require.True(t, ok)
	lgMoney(t, "0.00", left)
	left, ok = l.LeastCapRemaining(lgT0, "medicare", contingency.InstrumentItem)
	require.True(t, ok)
	lgMoney(t, "75.00", left)
	_, ok = l.LeastCapRemaining(lgT0, "state", contingency.InstrumentItem)
	assert.False(t, ok)

	state := lgState(t, l)
	_, err = l.Post(ctx, lgPostingKey("cash", line(100, "state", contingency.InstrumentItem), line(100, "samhsa-sor", contingency.InstrumentCash)))
	require.ErrorIs(t, err, contingency.ErrForbiddenInstrument)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	var fe *contingency.ForbiddenInstrumentError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "lines[1].instrument", fe.Field)
	assert.Equal(t, "samhsa-2025", fe.Cap)
	assert.Equal(t, contingency.InstrumentCash, fe.Instrument)
	assert.Equal(t, "contingency: lines[1].instrument: instrument cash is forbidden by cap samhsa-2025", fe.Error())
	assert.Equal(t, state, lgState(t, l))

	r = lgPost(t, l, "state-cash", line(100, "state", contingency.InstrumentCash))
	lgMoney(t, "1.00", r.Entry.Amount, "caps limited to other funding sources forbid nothing here")
	red := lgRedemption("cash-out", 100)
	red.Instrument = contingency.InstrumentCash
	_, err = l.Redeem(ctx, red)
	require.NoError(t, err, "no cap covering every funding source forbids cash")

	oig, _ := lgNew(t, contingency.WithCaps(contingency.OIGNominal()))
	lgPost(t, oig, "e", lgLine(contingency.KindEarn, 1000, lgT0, "v"))
	red.Instrument = contingency.InstrumentCashEquivalent
	_, err = oig.Redeem(ctx, red)
	require.ErrorIs(t, err, contingency.ErrForbiddenInstrument)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "instrument", fe.Field)
}

func TestCapUsageErrors(t *testing.T) {
	l, _ := lgNew(t, contingency.WithCaps(contingency.RIPCap()))
	_, err := l.CapUsage("nope", lgT0)
	require.ErrorIs(t, err, contingency.ErrUnknownCap)
	_, err = l.CapRemaining("nope", lgT0)
	require.ErrorIs(t, err, contingency.ErrUnknownCap)
	caps := l.Caps()
	require.Len(t, caps, 1)
	caps[0].ForbiddenInstruments = append(caps[0].ForbiddenInstruments, contingency.InstrumentCash)
	assert.Empty(t, l.Caps()[0].ForbiddenInstruments, "Caps returns copies")
}

func TestCapValidate(t *testing.T) {
	good := func() contingency.Cap { return contingency.OIGNominal() }
	tests := []struct {
		name   string
		edit   func(*contingency.Cap)
		fields []string
	}{
		{"missing name", func(c *contingency.Cap) { c.Name = "" }, []string{"name"}},
		{"free-text name", func(c *contingency.Cap) { c.Name = "OIG cap" }, []string{"name"}},
		{"negative limits", func(c *contingency.Cap) { c.PerItem, c.PerWindow = contingency.Cents(-1), contingency.Cents(-1) }, []string{"perItem", "perWindow"}},
		{"three decimals", func(c *contingency.Cap) { c.PerItem = lgMoneyOf("1.001") }, []string{"perItem"}},
		{"window missing", func(c *contingency.Cap) { c.Window = contingency.Window{} }, []string{"window.kind"}},
		{"bad funding sources", func(c *contingency.Cap) { c.FundingSources = []string{"a", "", "a"} }, []string{"fundingSources[1]", "fundingSources[2]"}},
		{"bad instruments", func(c *contingency.Cap) {
			c.Instruments = []contingency.Instrument{"x", contingency.InstrumentItem, contingency.InstrumentItem}
		}, []string{"instruments[0]", "instruments[2]"}},
		{"bad forbidden", func(c *contingency.Cap) { c.ForbiddenInstruments = []contingency.Instrument{""} }, []string{"forbiddenInstruments[0]"}},
		{"bad policy", func(c *contingency.Cap) { c.Policy = 9 }, []string{"policy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := good()
			tc.edit(&c)
			err := c.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Equal(t, tc.fields, lgFields(err))
		})
	}
	perItemOnly := contingency.Cap{Name: "item", PerItem: contingency.Cents(1500)}
	assert.NoError(t, perItemOnly.Validate(), "a cap without PerWindow needs no window")
}

func TestWindowValidate(t *testing.T) {
	start := lgDate(t, "2025-01-01")
	tests := []struct {
		name   string
		w      contingency.Window
		fields []string
	}{
		{"zero", contingency.Window{}, []string{"kind"}},
		{"unknown kind", contingency.Window{Kind: "fortnight"}, []string{"kind"}},
		{"calendar year with extras", contingency.Window{Kind: contingency.WindowCalendarYear, Start: start, Months: 1, Days: 1}, []string{"start", "months", "days"}},
		{"programme without start", contingency.ProgrammePeriod(intervention.Date{}, 0), []string{"start", "months"}},
		{"programme too long", contingency.Window{Kind: contingency.WindowProgramme, Start: start, Months: 121, Days: 3}, []string{"months", "days"}},
		{"rolling without days", contingency.RollingDays(0), []string{"days"}},
		{"rolling too long", contingency.Window{Kind: contingency.WindowRollingDays, Days: 3661, Start: start}, []string{"days", "start"}},
		{"episode with extras", contingency.Window{Kind: contingency.WindowEpisode, Months: 2}, []string{"months"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.w.Validate()
			require.ErrorIs(t, err, intervention.ErrInvalid)
			assert.Equal(t, tc.fields, lgFields(err))
		})
	}
	for _, w := range []contingency.Window{
		contingency.CalendarYear(), contingency.ProgrammeYear(start), contingency.ProgrammePeriod(start, 6),
		contingency.RollingDays(365), contingency.Episode(),
	} {
		assert.NoError(t, w.Validate(), w.Kind)
	}
}

func TestCapPresets(t *testing.T) {
	// reference: contingency.md §4 and §3.
	tests := []struct {
		cap                contingency.Cap
		name, item, window string
		forbidden          []contingency.Instrument
	}{
		{contingency.OIGNominal(), "oig-nominal", "15.00", "75.00", []contingency.Instrument{contingency.InstrumentCash, contingency.InstrumentCashEquivalent}},
		{contingency.SAMHSA2025(), "samhsa-2025", "0.00", "750.00", []contingency.Instrument{contingency.InstrumentCash}},
		{contingency.RIPCap(), "rip", "0.00", "599.00", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.cap.Validate())
			assert.Equal(t, tc.name, tc.cap.Name)
			lgMoney(t, tc.item, tc.cap.PerItem)
			lgMoney(t, tc.window, tc.cap.PerWindow)
			assert.Equal(t, contingency.CalendarYear(), tc.cap.Window)
			assert.Equal(t, tc.forbidden, tc.cap.ForbiddenInstruments)
			assert.Equal(t, contingency.CapTrim, tc.cap.Policy)
			assert.False(t, tc.cap.BonusSameItem)
			assert.Empty(t, tc.cap.FundingSources)
		})
	}
	// Presets are fresh values; With… returns copies.
	a := contingency.OIGNominal()
	a.ForbiddenInstruments[0] = contingency.InstrumentItem
	assert.Equal(t, contingency.InstrumentCash, contingency.OIGNominal().ForbiddenInstruments[0])
	b := a.WithPolicy(contingency.CapRefuse)
	b.ForbiddenInstruments[0] = contingency.InstrumentPrivilege
	assert.Equal(t, contingency.InstrumentItem, a.ForbiddenInstruments[0])
	assert.Equal(t, contingency.CapTrim, a.Policy)
	src := []string{"x"}
	c := a.WithFundingSources(src...)
	src[0] = "y"
	assert.Equal(t, []string{"x"}, c.FundingSources)
	assert.True(t, c.Covers("x", contingency.InstrumentItem))
	assert.False(t, c.Covers("y", contingency.InstrumentItem))
	assert.True(t, contingency.OIGNominal().Forbids("any", contingency.InstrumentCash))
	assert.False(t, contingency.OIGNominal().Forbids("any", contingency.InstrumentItem))
}

func TestCapJSONRoundTrip(t *testing.T) {
	c := contingency.RIPCap().WithWindow(contingency.ProgrammePeriod(lgDate(t, "2025-01-06"), 6)).WithPolicy(contingency.CapRefuse)
	c.Instruments = []contingency.Instrument{contingency.InstrumentInKindCard}
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"rip","perItem":"0.00","perWindow":"599.00",
		"window":{"kind":"programme","start":"2025-01-06","months":6},
		"instruments":["in-kind-card"],"policy":"refuse"}`, string(b))
	var back contingency.Cap
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	for _, bad := range []string{
		`{"name":"x","policy":"sometimes"}`, `{"name":"x","perWindow":12.5}`, `{"name":"x","window":{"kind":"weekly"}}`,
		`{"name":"x","forbiddenInstruments":["gold"]}`,
	} {
		var c contingency.Cap
		assert.Error(t, json.Unmarshal([]byte(bad), &c), bad)
	}
}

func TestCapPolicyAndWindowKindText(t *testing.T) {
	for _, p := range contingency.CapPolicies() {
		b, err := p.MarshalText()
		require.NoError(t, err)
		back, err := contingency.ParseCapPolicy(string(b))
		require.NoError(t, err)
		assert.Equal(t, p, back)
		assert.True(t, p.Valid())
	}
	bad := contingency.CapPolicy(7)
	assert.False(t, bad.Valid())
	assert.Equal(t, "CapPolicy(7)", bad.String())
	_, err := bad.MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownCapPolicy)
	p := contingency.CapRefuse
	require.ErrorIs(t, p.UnmarshalText([]byte("TRIM")), intervention.ErrInvalid)
	assert.Equal(t, contingency.CapRefuse, p, "unchanged on error")
	require.NoError(t, p.UnmarshalText([]byte("trim")))
	assert.Equal(t, contingency.CapTrim, p)

	for _, k := range contingency.WindowKinds() {
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, k.String(), string(b))
		back, err := contingency.ParseWindowKind(string(b))
		require.NoError(t, err)
		assert.Equal(t, k, back)
	}
	_, err = contingency.WindowKind("x").MarshalText()
	require.ErrorIs(t, err, contingency.ErrUnknownWindowKind)
	k := contingency.WindowEpisode
	require.ErrorIs(t, k.UnmarshalText([]byte("")), contingency.ErrUnknownWindowKind)
	assert.Equal(t, contingency.WindowEpisode, k)
}
