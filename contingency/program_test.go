package contingency_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

var (
	pgParticipant = uuid.MustParse("00000000-0000-0000-0000-00000000cafe")
	pgProgramID   = uuid.MustParse("00000000-0000-0000-0000-00000000beef")
	pgStart       = "2025-01-06" // a Monday
)

// pgLedger returns an empty ledger on a fresh MemStore with a fixed clock.
func pgLedger(t testing.TB, opts ...contingency.Option) *contingency.Ledger {
	t.Helper()
	opts = append([]contingency.Option{
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()),
	}, opts...)
	l, err := contingency.NewLedger(context.Background(), contingency.NewMemStore(), pgParticipant, opts...)
	require.NoError(t, err)
	return l
}

// pgProgram returns a Higgins programme (R1) on a fresh ledger.
func pgProgram(t testing.TB, edit func(*contingency.ProgramConfig), opts ...contingency.Option) *contingency.Program {
	t.Helper()
	cfg := contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1)
	if edit != nil {
		edit(&cfg)
	}
	p, err := contingency.NewProgram(pgProgramID, cfg, pgLedger(t, opts...))
	require.NoError(t, err)
	return p
}

// pgVisitTime returns 10:00 UTC on the i-th (from 0) scheduled date of p.
func pgVisitTime(t testing.TB, p *contingency.Program, i int) time.Time {
	t.Helper()
	visits := p.Config().Calendar.Visits()
	require.Less(t, i, len(visits))
	return visits[i].In(time.UTC).Add(10 * time.Hour)
}

// pgResult returns the result of specimen "s<i>" at the i-th visit.
func pgResult(t testing.TB, p *contingency.Program, i int, status contingency.ResultStatus) contingency.Result {
	t.Helper()
	return contingency.Result{SpecimenID: "s" + strconv.Itoa(i), CollectedAt: pgVisitTime(t, p, i), Status: status}
}

// pgStatus maps N, P, M, E to result statuses.
func pgStatus(c byte) contingency.ResultStatus {
	switch c {
	case 'N':
		return contingency.ResultNegative
	case 'P':
		return contingency.ResultPositive
	case 'E':
		return contingency.ResultExcused
	}
	return contingency.ResultMissed
}

// pgRecord records pattern (N, P, M, E; '-' leaves the visit unrecorded)
// from visit 0 on and returns the receipts.
func pgRecord(t testing.TB, p *contingency.Program, pattern string) []contingency.Recorded {
	t.Helper()
	var out []contingency.Recorded
	for i := range len(pattern) {
		if pattern[i] == '-' {
			continue
		}
		rec, err := p.Record(context.Background(), "staff-1", pgResult(t, p, i, pgStatus(pattern[i])))
		require.NoError(t, err)
		out = append(out, rec)
	}
	return out
}

func pgMoney(t testing.TB, want string, got contingency.Money, msgAndArgs ...any) {
	t.Helper()
	assert.Truef(t, decimal.RequireFromString(want).Equal(got.Decimal), "want %s, got %s %v", want, got, msgAndArgs)
}

func pgVerify(t testing.TB, l *contingency.Ledger) {
	t.Helper()
	entries := l.Entries()
	require.NoError(t, contingency.Verify(entries))
	fold := contingency.Fold(entries)
	pgMoney(t, fold.Balance.String(), l.Balance(), "running balance equals the fold")
	assert.False(t, l.Balance().IsNegative())
}

func TestProgramHiggins36(t *testing.T) {
	p := pgProgram(t, nil)
	recs := pgRecord(t, p, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
	pgMoney(t, "997.50", p.Ledger().Balance(), "reference: H36")
	pgMoney(t, "46.25", contingency.Dollars(recs[35].Award.Base), "the 36th voucher")
	pgMoney(t, "10.00", contingency.Dollars(recs[35].Award.Bonus), "36 = 12×3 earns a bonus")
	pgVerify(t, p.Ledger())

	s := p.Status(pgVisitTime(t, p, 35).Add(24 * time.Hour))
	assert.Equal(t, 36, s.Visits)
	assert.Equal(t, 36, s.Negative)
	assert.Equal(t, 36, s.CurrentStreak)
	assert.Equal(t, 36, s.LongestStreak)
	assert.Equal(t, 82, s.LongestAbstinenceDays, "Monday of week 1 to Friday of week 12, inclusive")
	pct, ok := s.PercentNegative.Percent(0)
	require.True(t, ok)
	assert.Equal(t, "100", pct.String())
	assert.True(t, s.NextVisit.IsZero(), "the calendar has ended")
	pgMoney(t, "0", s.MaxRemaining)
	pgMoney(t, "997.50", s.Earned)
}

func TestProgramMissedVisitsAreDerived(t *testing.T) {
	p := pgProgram(t, nil)
	// reference: V3 — NNN M NN, the missed visit is never recorded.
	pgRecord(t, p, "NNN-NN")
	pgMoney(t, "27.50", p.Ledger().Balance(), "reference: V3")
	s := p.Status(pgVisitTime(t, p, 5))
	assert.Equal(t, 6, s.Visits)
	assert.Equal(t, 1, s.Missed)
	assert.Equal(t, 2, s.CurrentStreak)
	assert.Equal(t, 3, s.LongestStreak)
	assert.Equal(t, "5/6", s.PercentNegative.String())

	// As of a later day, the scheduled visits since then are missed too.
	later := p.Status(pgVisitTime(t, p, 8).Add(time.Hour))
	assert.Equal(t, 8, later.Visits, "visits 6 and 7 passed without a result; visit 8 is today")
	assert.Equal(t, 3, later.Missed)
	assert.Equal(t, 0, later.CurrentStreak)
	assert.Equal(t, day(t, "2025-01-24"), later.NextVisit, "today's visit is still due")
	pgMoney(t, "2.50", contingency.Dollars(later.NextAward.Amount()), "after a miss the next negative pays the start value")
}

func TestProgramStatusBeforeAnyResult(t *testing.T) {
	p := pgProgram(t, nil)
	s := p.Status(pgVisitTime(t, p, 0).Add(-48 * time.Hour))
	assert.Equal(t, 0, s.Visits)
	assert.Equal(t, 36, s.Scheduled)
	assert.False(t, s.PercentNegative.Computable(), "no visits: not computable, never 0%")
	assert.Equal(t, day(t, pgStart), s.NextVisit)
	pgMoney(t, "2.50", contingency.Dollars(s.NextAward.Amount()))
	pgMoney(t, "997.50", s.MaxRemaining, "budget: every visit negative")
	pgMoney(t, "997.50", s.ExpectedRemaining)
	assert.False(t, s.HasCap)

	prog := p.Progress(pgVisitTime(t, p, 0).Add(-48 * time.Hour))
	assert.Equal(t, intervention.StatusNotStarted, prog.Status)
	assert.Equal(t, intervention.ModalityContingencyManagement, prog.Modality)
	require.Len(t, prog.Due, 1)
	assert.Equal(t, "cm.specimen", prog.Due[0].Code)
}

func TestProgramCorrectedResult(t *testing.T) {
	for _, tt := range []struct {
		name      string
		reconcile contingency.Reconcile
		balance   string
	}{
		{"full recompute", contingency.FullRecompute, "27.50"},
		{"reverse only", contingency.ReverseOnly, "38.75"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := pgProgram(t, func(c *contingency.ProgramConfig) { c.Reconcile = tt.reconcile })
			pgRecord(t, p, "NNNNNN")
			pgMoney(t, "53.75", p.Ledger().Balance(), "reference: V1")
			before := p.Ledger().Entries()

			// reference: C1 — visit 3's POC negative is lab-confirmed positive.
			fix := pgResult(t, p, 2, contingency.ResultPositive)
			rec, err := p.Correct(context.Background(), "lab-interface", "lab-confirmation", fix)
			require.NoError(t, err)
			pgMoney(t, tt.balance, p.Ledger().Balance(), "reference: C1")
			assert.Equal(t, contingency.OutcomeReset, rec.Classification.Outcome)

			after := p.Ledger().Entries()
			require.Greater(t, len(after), len(before))
			assert.Equal(t, before, after[:len(before)], "the original entries stay untouched")
			for _, e := range rec.Entries {
				if e.Kind == contingency.KindReverse {
					assert.NotEqual(t, uuid.Nil, e.Corrects, "a reversal links the entry it reverses")
				}
			}
			pgVerify(t, p.Ledger())

			again, err := p.Correct(context.Background(), "lab-interface", "lab-confirmation", fix)
			require.NoError(t, err)
			assert.True(t, again.Replayed, "the same correction twice is a replay")
			assert.Len(t, p.Ledger().Entries(), len(after))
		})
	}
}

func TestProgramExcusedVisit(t *testing.T) {
	// reference: E1 — NN E NN.
	p := pgProgram(t, nil)
	pgRecord(t, p, "NNENN")
	pgMoney(t, "27.50", p.Ledger().Balance(), "E as hold (skip)")

	p = pgProgram(t, func(c *contingency.ProgramConfig) {
		var err error
		c.Policy, err = c.Policy.With(contingency.ResultExcused, contingency.OutcomeReset)
		require.NoError(t, err)
	})
	pgRecord(t, p, "NNENN")
	pgMoney(t, "12.50", p.Ledger().Balance(), "E as missed")
}

func TestProgramIdempotentRecording(t *testing.T) {
	p := pgProgram(t, nil)
	first := pgRecord(t, p, "NNN")
	entries := p.Ledger().Entries()

	// reference: I1 — the same visit result twice yields one earn.
	again, err := p.Record(context.Background(), "staff-1", pgResult(t, p, 2, contingency.ResultNegative))
	require.NoError(t, err)
	assert.True(t, again.Replayed)
	assert.Equal(t, first[2].Entries, again.Entries, "the original entries come back")
	assert.Equal(t, entries, p.Ledger().Entries())
	pgMoney(t, "21.25", p.Ledger().Balance())

	// Same specimen, different result: a conflict that changes nothing.
	ops := p.Operations()
	_, err = p.Record(context.Background(), "staff-1", pgResult(t, p, 2, contingency.ResultPositive))
	require.ErrorIs(t, err, contingency.ErrResultConflict)
	assert.Equal(t, entries, p.Ledger().Entries())
	assert.Equal(t, ops, p.Operations())
}

func TestProgramLateResultRepricesLaterVisits(t *testing.T) {
	p := pgProgram(t, nil)
	pgRecord(t, p, "NN-NNN") // visit 2's result is still at the lab
	pgMoney(t, "2.50", contingency.Dollars(p.Status(pgVisitTime(t, p, 3)).NextAward.Amount()).Sub(contingency.Cents(125)))
	before := p.Ledger().Balance()
	// Until it arrives visit 2 counts as missed: 2.50+3.75, then 2.50+3.75+15.00.
	pgMoney(t, "27.50", before)

	_, err := p.Record(context.Background(), "staff-1", pgResult(t, p, 2, contingency.ResultNegative))
	require.NoError(t, err)
	pgMoney(t, "53.75", p.Ledger().Balance(), "the late negative re-prices visits 3–5 (reference: V1)")
	pgVerify(t, p.Ledger())
}

func TestProgramIncrementalEqualsRecompute(t *testing.T) {
	// Property: whatever order results arrive in, a full-recompute
	// programme's ledger ends at the schedule's price of the sequence in
	// collection order, visit by visit.
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 40 {
		p := pgProgram(t, nil)
		n := 1 + r.IntN(36)
		pattern := make([]byte, n)
		for i := range pattern {
			pattern[i] = "NNNNPME"[r.IntN(7)]
		}
		order := r.Perm(n)
		for _, i := range order {
			if pattern[i] == 'M' {
				continue
			}
			_, err := p.Record(context.Background(), "staff-1", pgResult(t, p, i, pgStatus(pattern[i])))
			require.NoError(t, err)
		}
		steps := make([]contingency.Step, 0, n)
		for _, c := range pattern {
			o := map[byte]contingency.Outcome{'N': contingency.OutcomeEarn, 'P': contingency.OutcomeReset, 'M': contingency.OutcomeReset, 'E': contingency.OutcomeHold}[c]
			steps = append(steps, contingency.Step{Outcome: o})
		}
		// Trailing missed visits are never derived by recording: drop them.
		last := len(steps)
		for last > 0 && pattern[last-1] == 'M' {
			last--
		}
		awards, err := contingency.Evaluate(contingency.HigginsVouchers(contingency.RecoveryR1), steps[:last])
		require.NoError(t, err)
		want := decimal.Zero
		for i, a := range awards {
			want = want.Add(a.Amount())
			if pattern[i] != 'M' {
				ref := p.Config().Calendar.Visits()[i].String() // a visit is its scheduled date
				pgMoney(t, a.Amount().String(), p.Ledger().VisitNet(ref), "trial %d visit %d", trial, i)
			}
		}
		pgMoney(t, want.String(), p.Ledger().Balance(), "trial %d pattern %s order %v", trial, pattern, order)
		pgVerify(t, p.Ledger())
	}
}

func TestProgramRIP(t *testing.T) {
	start := day(t, pgStart)
	cfg, err := contingency.RIPProgram(start, contingency.Monday, contingency.Thursday, contingency.RIPDefaultAmounts())
	require.NoError(t, err)
	newRIP := func(t *testing.T, edit func(*contingency.ProgramConfig)) *contingency.Program {
		c := cfg
		if edit != nil {
			edit(&c)
		}
		p, err := contingency.NewProgram(pgProgramID, c, pgLedger(t, contingency.WithCaps(contingency.RIPCap())))
		require.NoError(t, err)
		return p
	}

	t.Run("RIP-3 only stimulants count", func(t *testing.T) {
		p := newRIP(t, nil)
		r := pgResult(t, p, 0, contingency.ResultPositive)
		r.Readings = []contingency.Reading{
			{Substance: contingency.SubstanceMethamphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceAmphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceCocaine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceTHC, Status: contingency.ResultPositive},
			{Substance: contingency.SubstanceOpioids, Status: contingency.ResultPositive},
		}
		rec, err := p.Record(context.Background(), "staff-1", r)
		require.NoError(t, err)
		assert.Equal(t, contingency.OutcomeEarn, rec.Classification.Outcome)
		pgMoney(t, "10.00", p.Ledger().Balance(), "reference: RIP-1, RIP-3")
	})
	t.Run("RIP-4 and RIP-5", func(t *testing.T) {
		p := newRIP(t, nil)
		recs := pgRecord(t, p, "NNNPN")
		pgMoney(t, "10.00", contingency.Dollars(recs[4].Award.Amount()), "reference: RIP-4")

		p = newRIP(t, nil)
		pgRecord(t, p, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
		pgMoney(t, "599.00", p.Ledger().Balance(), "reference: RIP-5")
		s := p.Status(pgVisitTime(t, p, 35).Add(time.Hour))
		require.True(t, s.HasCap)
		pgMoney(t, "0.00", s.CapRemaining)
	})
	t.Run("RIP-6 test 37 and after week 24 pay nothing", func(t *testing.T) {
		for _, tc := range []struct {
			name             string
			allow            bool
			extraLim, latLim string
		}{
			{"unscheduled results are not visits", false, "unscheduled", "unscheduled"},
			{"unscheduled results are visits", true, "visit-limit", "outside-calendar"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := newRIP(t, func(c *contingency.ProgramConfig) { c.AllowUnscheduled = tc.allow })
				pgRecord(t, p, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
				extra := contingency.Result{SpecimenID: "extra", CollectedAt: pgVisitTime(t, p, 35).Add(48 * time.Hour), Status: contingency.ResultNegative}
				rec, err := p.Record(context.Background(), "staff-1", extra)
				require.NoError(t, err)
				assert.Equal(t, tc.extraLim, rec.Limit)
				assert.Empty(t, rec.Entries)
				late := contingency.Result{SpecimenID: "late", CollectedAt: pgVisitTime(t, p, 35).Add(30 * 24 * time.Hour), Status: contingency.ResultNegative}
				rec, err = p.Record(context.Background(), "staff-1", late)
				require.NoError(t, err)
				assert.Equal(t, tc.latLim, rec.Limit)
				pgMoney(t, "599.00", p.Ledger().Balance(), "reference: RIP-6")
			})
		}
	})
	t.Run("RIP-7 residential stay earns nothing", func(t *testing.T) {
		p := newRIP(t, func(c *contingency.ProgramConfig) {
			c.Ineligible = []contingency.Period{{From: day(t, "2025-01-13"), Through: day(t, "2025-01-19")}}
		})
		recs := pgRecord(t, p, "NNNNNN")
		assert.Equal(t, "ineligible", recs[2].Limit)
		assert.Equal(t, "ineligible", recs[3].Limit)
		pgMoney(t, "0", contingency.Dollars(recs[3].Award.Amount()), "reference: RIP-7")
		pgMoney(t, "10.50", contingency.Dollars(recs[4].Award.Amount()), "the run resumes where it stood: level 3")
	})
}

func TestProgramPrizeBowlDraws(t *testing.T) {
	start := day(t, pgStart)
	bowl, err := contingency.NewBowl(contingency.CTN0007Bowl())
	require.NoError(t, err)
	drawer := contingency.BowlDrawer{Bowl: bowl, Rand: rand.New(rand.NewPCG(2026, 11))}
	p, err := contingency.NewProgram(pgProgramID, contingency.CTN0007Program(start, contingency.Monday, contingency.Thursday),
		pgLedger(t), contingency.WithDrawer(drawer))
	require.NoError(t, err)

	// reference: P3 — NNNN P NNNNN with opioids positive throughout.
	pattern := "NNNNPNNNNN"
	var draws []int
	for i := range len(pattern) {
		r := pgResult(t, p, i, contingency.ResultPositive) // opioids are positive on every specimen
		r.Readings = []contingency.Reading{
			{Substance: contingency.SubstanceCocaine, Status: map[byte]contingency.ResultStatus{'N': contingency.ResultNegative, 'P': contingency.ResultPositive}[pattern[i]]},
			{Substance: contingency.SubstanceMethamphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceAmphetamine, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceAlcohol, Status: contingency.ResultNegative},
			{Substance: contingency.SubstanceOpioids, Status: contingency.ResultPositive},
		}
		rec, err := p.Record(context.Background(), "staff-1", r)
		require.NoError(t, err)
		draws = append(draws, rec.Award.Draws)
		if rec.Award.Draws > 0 {
			require.Len(t, rec.Entries, 1)
			e := rec.Entries[0]
			assert.Equal(t, contingency.KindPrize, e.Kind)
			assert.Len(t, e.Award.Slips, rec.Award.Draws, "every slip drawn is recorded")
			pgMoney(t, contingency.SlipsValue(e.Award.Slips).String(), e.Amount)
		}
	}
	assert.Equal(t, []int{1, 1, 2, 2, 0, 1, 2, 2, 3, 3}, draws, "reference: P3")
	assert.Len(t, bowl.Drawn(), 17)
	pgVerify(t, p.Ledger())

	s := p.Status(pgVisitTime(t, p, 9).Add(time.Hour))
	assert.Positive(t, s.RemainingDraws)
	assert.True(t, s.MaxRemaining.GreaterThan(s.ExpectedRemaining.Decimal), "the jumbo on every draw is the most it can cost")
}

func TestProgramValidation(t *testing.T) {
	cfg := contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1)
	l := pgLedger(t)
	_, err := contingency.NewProgram(uuid.Nil, contingency.ProgramConfig{}, nil, nil)
	require.ErrorIs(t, err, intervention.ErrInvalid)
	var paths []string
	for _, fe := range intervention.FieldErrors(err) {
		paths = append(paths, fe.Field)
	}
	assert.Subset(t, paths, []string{"id", "ledger", "schedule", "instrument", "calendar.start", "options[0]"})

	bad := cfg
	bad.MaxVisits, bad.Reconcile = -1, "sometimes"
	bad.Ineligible = []contingency.Period{{Through: day(t, pgStart)}}
	_, err = contingency.NewProgram(pgProgramID, bad, l)
	paths = paths[:0]
	for _, fe := range intervention.FieldErrors(err) {
		paths = append(paths, fe.Field)
	}
	assert.ElementsMatch(t, []string{"maxVisits", "reconcile", "ineligible[0].from"}, paths)

	_, err = contingency.NewProgram(pgProgramID, cfg, l, contingency.WithDrawer(nil))
	require.ErrorIs(t, err, intervention.ErrMissing)

	p, err := contingency.NewProgram(pgProgramID, cfg, l)
	require.NoError(t, err)
	assert.Equal(t, pgProgramID, p.ID())
	require.NoError(t, p.Validate())
	ctx := context.Background()
	tests := []struct {
		name   string
		do     func() error
		target error
		field  string
	}{
		{"invalid result", func() error {
			_, err := p.Record(ctx, "staff-1", contingency.Result{SpecimenID: "x"})
			return err
		}, intervention.ErrInvalid, "result.collectedAt"},
		{"missing actor", func() error {
			_, err := p.Record(ctx, "", pgResult(t, p, 0, contingency.ResultNegative))
			return err
		}, intervention.ErrMissing, "actor"},
		{"before the calendar", func() error {
			r := pgResult(t, p, 0, contingency.ResultNegative)
			r.CollectedAt = r.CollectedAt.Add(-72 * time.Hour)
			_, err := p.Record(ctx, "staff-1", r)
			return err
		}, contingency.ErrBeforeCalendar, "result.collectedAt"},
		{"correcting an unknown specimen", func() error {
			_, err := p.Correct(ctx, "staff-1", "lab-confirmation", pgResult(t, p, 0, contingency.ResultPositive))
			return err
		}, contingency.ErrUnknownSpecimen, "result.specimenId"},
		{"correction without a reason", func() error {
			_, err := p.Correct(ctx, "staff-1", "", pgResult(t, p, 0, contingency.ResultPositive))
			return err
		}, intervention.ErrMissing, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			require.ErrorIs(t, err, tt.target)
			assert.Contains(t, fmt.Sprint(err), tt.field)
			assert.Empty(t, p.Operations(), "a failed operation changes nothing")
			assert.Empty(t, l.Entries())
		})
	}

	pgRecord(t, p, "N")
	moved := pgResult(t, p, 0, contingency.ResultPositive)
	moved.CollectedAt = moved.CollectedAt.Add(time.Hour)
	_, err = p.Correct(ctx, "staff-1", "lab-confirmation", moved)
	require.ErrorIs(t, err, contingency.ErrCorrectionMovesResult)
}

// pgFailingStore fails every Append after the first allowed ones.
type pgFailingStore struct {
	contingency.Store
	allow int
}

func (s *pgFailingStore) Append(ctx context.Context, p uuid.UUID, v contingency.Version, e []contingency.Entry) (contingency.Version, error) {
	if s.allow == 0 {
		return 0, errors.New("disk full")
	}
	s.allow--
	return s.Store.Append(ctx, p, v, e)
}

func TestProgramFailedPostChangesNothing(t *testing.T) {
	store := &pgFailingStore{Store: contingency.NewMemStore(), allow: 2}
	l, err := contingency.NewLedger(context.Background(), store, pgParticipant,
		contingency.WithClock(intervention.FixedClock(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))),
		contingency.WithIDSource(intervention.SequentialIDs()))
	require.NoError(t, err)
	p, err := contingency.NewProgram(pgProgramID, contingency.HigginsProgram(day(t, pgStart), contingency.RecoveryR1), l)
	require.NoError(t, err)
	pgRecord(t, p, "NN") // one append per visit; the store fails from the third on
	statusBefore, _ := json.Marshal(p.Status(pgVisitTime(t, p, 3)))
	entries, ops := l.Entries(), p.Operations()

	_, err = p.Correct(context.Background(), "lab", "lab-confirmation", pgResult(t, p, 0, contingency.ResultPositive))
	require.Error(t, err)
	_, err = p.Record(context.Background(), "staff-1", pgResult(t, p, 2, contingency.ResultNegative))
	require.Error(t, err)

	statusAfter, _ := json.Marshal(p.Status(pgVisitTime(t, p, 3)))
	assert.JSONEq(t, string(statusBefore), string(statusAfter))
	assert.Equal(t, entries, l.Entries())
	assert.Equal(t, ops, p.Operations())
}

func TestProgramRestore(t *testing.T) {
	p := pgProgram(t, nil)
	pgRecord(t, p, "NNPN-N")
	_, err := p.Correct(context.Background(), "lab", "lab-confirmation", pgResult(t, p, 2, contingency.ResultNegative))
	require.NoError(t, err)
	ops := p.Operations()
	b, err := json.Marshal(ops)
	require.NoError(t, err)
	var decoded []contingency.Operation
	require.NoError(t, json.Unmarshal(b, &decoded))

	// Restoring against the same ledger posts nothing new.
	n := len(p.Ledger().Entries())
	back, err := contingency.Restore(context.Background(), pgProgramID, p.Config(), p.Ledger(), decoded)
	require.NoError(t, err)
	assert.Len(t, p.Ledger().Entries(), n)
	asOf := pgVisitTime(t, p, 6)
	assert.Equal(t, p.Status(asOf), back.Status(asOf))

	// Against an empty ledger it rebuilds the same balance.
	fresh, err := contingency.Restore(context.Background(), pgProgramID, p.Config(), pgLedger(t), decoded)
	require.NoError(t, err)
	pgMoney(t, p.Ledger().Balance().String(), fresh.Ledger().Balance())

	_, err = contingency.Restore(context.Background(), pgProgramID, p.Config(), pgLedger(t),
		append(slices.Clone(decoded), contingency.Operation{Kind: "erase"}))
	require.ErrorIs(t, err, intervention.ErrInvalid)
}

func TestProgramProgress(t *testing.T) {
	p := pgProgram(t, nil)
	pgRecord(t, p, "NNPN")
	prog := p.Progress(pgVisitTime(t, p, 3).Add(time.Hour))
	assert.Equal(t, intervention.StatusActive, prog.Status)
	assert.Equal(t, "4/36", prog.Completion.String())
	assert.Equal(t, "4/4", prog.Attendance.String())
	m, ok := prog.Measure(contingency.MeasureBalance)
	require.True(t, ok)
	v, _ := m.Value.Value(2)
	assert.Equal(t, "8.75", v.StringFixed(2))
	m, _ = prog.Measure(contingency.MeasureNegativeShare)
	assert.Equal(t, "3/4", m.Value.String())
	assert.Equal(t, prog, p.Progress(pgVisitTime(t, p, 3).Add(time.Hour)), "Progress is pure")

	done := pgProgram(t, nil)
	pgRecord(t, done, "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")
	assert.Equal(t, intervention.StatusCompleted, done.Progress(pgVisitTime(t, done, 35).Add(time.Hour)).Status)
}

func TestOperationKindText(t *testing.T) {
	for _, k := range contingency.OperationKinds() {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back contingency.OperationKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
		assert.Equal(t, string(k), k.String())
	}
	_, err := contingency.ParseOperationKind("delete")
	require.ErrorIs(t, err, contingency.ErrUnknownOperationKind)
	for _, r := range contingency.Reconciles() {
		got, err := contingency.ParseReconcile(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, got)
		b, _ := r.MarshalText()
		require.NoError(t, got.UnmarshalText(b))
	}
	_, err = contingency.ParseReconcile("")
	require.ErrorIs(t, err, contingency.ErrUnknownReconcile)
}

func TestProgramPresetsAndDrawer(t *testing.T) {
	_, err := contingency.RIPProgram(day(t, pgStart), contingency.Monday, contingency.Thursday, contingency.RIPDefaultAmounts()[:35])
	require.ErrorIs(t, err, contingency.ErrRIPTotal)

	cfg := contingency.CTN0007Program(day(t, pgStart), contingency.Monday, contingency.Thursday)
	require.NoError(t, cfg.Validate())
	assert.Len(t, cfg.Calendar.Visits(), 24, "two visits a week for 12 weeks")

	_, err = contingency.BowlDrawer{}.Draw(1)
	require.ErrorIs(t, err, intervention.ErrMissing)
}

func TestProgramLocationDecidesTheVisitDay(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	// 19:00 on Monday 6 January in Los Angeles is already Tuesday in UTC.
	at := time.Date(2025, 1, 6, 19, 0, 0, 0, la)
	for _, tt := range []struct {
		loc  *time.Location
		miss int
	}{{la, 0}, {nil, 1}} {
		p := pgProgram(t, func(c *contingency.ProgramConfig) { c.Location = tt.loc })
		_, err := p.Record(context.Background(), "staff-1", contingency.Result{SpecimenID: "x", CollectedAt: at, Status: contingency.ResultNegative})
		require.NoError(t, err)
		s := p.Status(at.Add(time.Minute))
		assert.Equal(t, tt.miss, s.Missed, "in UTC the Monday visit passed without a result")
	}
}
