package motivation_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/motivation"
)

func TestNew(t *testing.T) {
	c := newComponent(t, 4)
	assert.Equal(t, componentID, c.ID())
	assert.Equal(t, intervention.ModalityMotivationalInterviewing, c.Modality())
	require.NoError(t, c.Validate())
	cfg := c.Config()
	assert.Equal(t, "miti-4.2.1", cfg.Thresholds.Name, "zero thresholds become MITI421Thresholds")
	assert.Equal(t, 4, cfg.PlannedSessions)

	var ic intervention.Component = c
	assert.Equal(t, componentID, ic.ID())

	_, err := motivation.New(motivation.Config{})
	assert.ElementsMatch(t, []string{"id", "patient", "target"}, paths(err))
	bad := motivation.MITI421Thresholds()
	bad.Relational.Fair = decimal.NewFromInt(7)
	_, err = motivation.New(motivation.Config{
		ID: componentID, Patient: patientID, Target: target, PlannedSessions: -1, Thresholds: bad,
		Location: time.FixedZone("nowhere", 3600),
	})
	assert.ElementsMatch(t, []string{"plannedSessions", "thresholds.relational.fair", "timeZone"}, paths(err))
	_, err = motivation.New(motivation.Config{ID: componentID, Patient: patientID, Target: target, Location: time.Local})
	requireField(t, err, "timeZone", intervention.ErrUnknownValue)

	var zero motivation.Component
	assert.ElementsMatch(t, []string{"id", "patient", "target"}, paths(zero.Validate()))
}

func TestAddSession(t *testing.T) {
	c := newComponent(t, 0)
	s := session(1, t0, intervention.AttendanceAttended)
	s.Processes = []motivation.Process{motivation.ProcessEngaging, motivation.ProcessFocusing}
	replayed, err := c.AddSession(s)
	require.NoError(t, err)
	assert.False(t, replayed)

	replayed, err = c.AddSession(s)
	require.NoError(t, err)
	assert.True(t, replayed, "the same session again is a no-op")

	changed := s
	changed.Processes = []motivation.Process{motivation.ProcessEvoking}
	_, err = c.AddSession(changed)
	requireField(t, err, "session.id", motivation.ErrConflict)

	tests := []struct {
		name string
		edit func(*motivation.MISession)
		path string
		rule error
	}{
		{"not an MI session", func(s *motivation.MISession) { s.Session.Modality = intervention.ModalityCBT }, "session.modality", intervention.ErrInconsistent},
		{"invalid session", func(s *motivation.MISession) { s.Session.Minutes = -1 }, "session.minutes", intervention.ErrOutOfRange},
		{"patient not there", func(s *motivation.MISession) { s.Session.Participants[0].ID = id(77) }, "session.participants", intervention.ErrInconsistent},
		{"patient in another role", func(s *motivation.MISession) {
			s.Session.Format = intervention.FormatGroup
			s.Session.Participants = append(s.Session.Participants, intervention.SessionParticipant{
				Participant: intervention.Participant{ID: id(77), Role: intervention.RolePatient}, Attendance: intervention.AttendanceAttended,
			})
			s.Session.Participants[0].Role = intervention.RolePeerSupporter
		}, "session.participants", intervention.ErrInconsistent},
		{"processes without the patient", func(s *motivation.MISession) {
			s.Session.Participants[0].Attendance, s.Session.Participants[0].Minutes = intervention.AttendanceNoShow, 0
			s.Processes = []motivation.Process{motivation.ProcessEngaging}
		}, "processes", intervention.ErrInconsistent},
		{"unknown process", func(s *motivation.MISession) { s.Processes = []motivation.Process{"reflecting"} }, "processes[0]", motivation.ErrUnknownProcess},
		{"duplicate process", func(s *motivation.MISession) {
			s.Processes = []motivation.Process{motivation.ProcessEvoking, motivation.ProcessEvoking}
		}, "processes[1]", intervention.ErrDuplicate},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := session(uint64(100+i), t0, intervention.AttendanceAttended)
			tt.edit(&s)
			_, err := c.AddSession(s)
			requireField(t, err, tt.path, tt.rule)
			assert.Len(t, c.Sessions(), 1, "a failed call changes nothing")
		})
	}
}

func TestRecordsNeedRecordedSessionsAndTarget(t *testing.T) {
	c := newComponent(t, 0)
	_, err := c.AddSession(session(1, t0, intervention.AttendanceAttended))
	require.NoError(t, err)
	counts, globals := v42()
	on := day(t, "2025-01-06")

	_, err = c.RecordFidelity(motivation.MITICoding{ID: id(10), Session: id(99), Coder: coderA, On: on, Counts: counts, Globals: globals})
	requireField(t, err, "session", motivation.ErrNotRecorded)
	_, err = c.RecordClientLanguage(motivation.ClientLanguageCoding{ID: id(11), Session: id(99), Coder: coderA, On: on})
	requireField(t, err, "session", motivation.ErrNotRecorded)
	r := rating(t, 12, motivation.RulerReadiness, 5, "2025-01-06")
	r.Session = id(99)
	_, err = c.RecordRating(r)
	requireField(t, err, "session", motivation.ErrNotRecorded)
	b := balance(t, 13)
	b.Session = id(99)
	b.Behavior = "smoking"
	_, err = c.AddBalance(b)
	requireField(t, err, "session", motivation.ErrNotRecorded)
	requireField(t, err, "behavior", intervention.ErrInconsistent)
	p := plan(t, 14, "2025-01-13")
	p.Behavior = "smoking"
	_, err = c.RevisePlan(p)
	requireField(t, err, "behavior", intervention.ErrInconsistent)
	a := assessment(t, 15, "2025-01-06", motivation.StageContemplation)
	a.Behavior = "smoking"
	_, err = c.RecordStage(a)
	requireField(t, err, "behavior", intervention.ErrInconsistent)

	assert.Empty(t, c.Fidelity())
	assert.Empty(t, c.ClientLanguage())
	assert.Empty(t, c.Ratings())
	assert.Empty(t, c.Balances())
	assert.Empty(t, c.Plans())
	assert.Zero(t, c.Stages().Len())
}

func TestRecordIdempotency(t *testing.T) {
	c := newComponent(t, 0)
	_, err := c.AddSession(session(1, t0, intervention.AttendanceAttended))
	require.NoError(t, err)
	counts, globals := v42()
	on := day(t, "2025-01-06")
	fid := motivation.MITICoding{ID: id(10), Session: id(1), Coder: coderA, On: on, Counts: counts, Globals: globals}
	talk := motivation.ClientLanguageCoding{ID: id(11), Session: id(1), Coder: coderA, On: on, Counts: v45()}
	r := rating(t, 12, motivation.RulerReadiness, 5, "2025-01-06")
	b := balance(t, 13)
	p := plan(t, 14, "2025-01-13")
	a := assessment(t, 15, "2025-01-06", motivation.StageContemplation)

	record := []struct {
		name   string
		do     func() (bool, error)
		change func() (bool, error)
	}{
		{"fidelity", func() (bool, error) { return c.RecordFidelity(fid) }, func() (bool, error) {
			f := fid
			f.Globals.Empathy = 1
			return c.RecordFidelity(f)
		}},
		{"client language", func() (bool, error) { return c.RecordClientLanguage(talk) }, func() (bool, error) {
			t := talk
			t.Counts = t.Counts[:1]
			return c.RecordClientLanguage(t)
		}},
		{"rating", func() (bool, error) { return c.RecordRating(r) }, func() (bool, error) {
			r := r
			r.Value = 6
			return c.RecordRating(r)
		}},
		{"balance", func() (bool, error) { return c.AddBalance(b) }, func() (bool, error) {
			b := balance(t, 13)
			b.ConsOfStaying = nil
			return c.AddBalance(b)
		}},
		{"plan", func() (bool, error) { return c.RevisePlan(p) }, func() (bool, error) {
			p := plan(t, 14, "2025-01-13")
			p.Goals = intervention.NewTexts([]string{"other"})
			return c.RevisePlan(p)
		}},
		{"stage", func() (bool, error) { return c.RecordStage(a) }, func() (bool, error) {
			a := a
			a.Stage = motivation.StageAction
			return c.RecordStage(a)
		}},
	}
	for _, rec := range record {
		t.Run(rec.name, func(t *testing.T) {
			replayed, err := rec.do()
			require.NoError(t, err)
			assert.False(t, replayed)
			replayed, err = rec.do()
			require.NoError(t, err)
			assert.True(t, replayed)
			_, err = rec.change()
			requireField(t, err, "id", motivation.ErrConflict)
		})
	}
	assert.Len(t, c.Fidelity(), 1)
	assert.Len(t, c.ClientLanguage(), 1)
	assert.Len(t, c.Ratings(), 1)
	assert.Len(t, c.Balances(), 1)
	assert.Len(t, c.Plans(), 1)
	assert.Equal(t, 1, c.Stages().Len())

	t.Run("a zero scale replays as the default it was stored as", func(t *testing.T) {
		assert.Equal(t, motivation.DefaultScale(), c.Ratings()[0].Scale)
		explicit := r
		explicit.Scale = motivation.DefaultScale()
		replayed, err := c.RecordRating(explicit)
		require.NoError(t, err)
		assert.True(t, replayed)
	})
}

func TestRevisePlanChain(t *testing.T) {
	c := newComponent(t, 0)
	first := plan(t, 1, "2025-01-13")
	first.Revises = id(50)
	_, err := c.RevisePlan(first)
	requireField(t, err, "revises", motivation.ErrNotRecorded)
	first.Revises = uuid.Nil
	_, err = c.RevisePlan(first)
	require.NoError(t, err)

	second := plan(t, 2, "2025-01-20")
	_, err = c.RevisePlan(second)
	requireField(t, err, "revises", motivation.ErrNotCurrentRevision)
	second.Revises = first.ID
	second.On = day(t, "2025-01-12")
	_, err = c.RevisePlan(second)
	requireField(t, err, "on", intervention.ErrInconsistent)
	second.On = day(t, "2025-01-20")
	second.Steps[0].Done = day(t, "2025-01-19")
	_, err = c.RevisePlan(second)
	require.NoError(t, err)

	third := plan(t, 3, "2025-01-27")
	third.Revises = first.ID // not the latest
	_, err = c.RevisePlan(third)
	requireField(t, err, "revises", motivation.ErrNotCurrentRevision)

	plans := c.Plans()
	require.Len(t, plans, 2)
	cur, ok := c.CurrentPlan(day(t, "2025-01-19"))
	require.True(t, ok)
	assert.Equal(t, first.ID, cur.ID)
	cur, ok = c.CurrentPlan(day(t, "2025-01-20"))
	require.True(t, ok)
	assert.Equal(t, second.ID, cur.ID)
	_, ok = c.CurrentPlan(day(t, "2025-01-12"))
	assert.False(t, ok)
}

func TestGettersReturnCopies(t *testing.T) {
	c := newComponent(t, 0)
	s := session(1, t0, intervention.AttendanceAttended)
	s.Processes = []motivation.Process{motivation.ProcessEngaging}
	_, err := c.AddSession(s)
	require.NoError(t, err)
	s.Processes[0] = motivation.ProcessPlanning // the caller's slice
	b := balance(t, 2)
	_, err = c.AddBalance(b)
	require.NoError(t, err)
	*b.ProsOfChanging[0].Rating = 1
	p := plan(t, 3, "2025-01-13")
	_, err = c.RevisePlan(p)
	require.NoError(t, err)
	p.Goals[0] = intervention.NewText("changed")
	_, err = c.RecordClientLanguage(motivation.ClientLanguageCoding{ID: id(4), Session: id(1), Coder: coderA, On: day(t, "2025-01-06"), Counts: v45()})
	require.NoError(t, err)

	got := c.Sessions()
	assert.Equal(t, motivation.ProcessEngaging, got[0].Processes[0])
	got[0].Processes[0] = motivation.ProcessEvoking
	assert.Equal(t, motivation.ProcessEngaging, c.Sessions()[0].Processes[0])

	bs := c.Balances()
	assert.Equal(t, 9, *bs[0].ProsOfChanging[0].Rating)
	*bs[0].ProsOfChanging[0].Rating = 2
	assert.Equal(t, 9, *c.Balances()[0].ProsOfChanging[0].Rating)

	ps := c.Plans()
	assert.Equal(t, secret, ps[0].Goals[0].Reveal())
	ps[0].Goals[0] = intervention.NewText("x")
	assert.Equal(t, secret, c.Plans()[0].Goals[0].Reveal())

	talk := c.ClientLanguage()
	talk[0].Counts[0].Count = 99
	assert.Equal(t, 4, c.ClientLanguage()[0].Counts[0].Count)
}

func TestComponentRedaction(t *testing.T) {
	c := newComponent(t, 0)
	_, err := c.AddBalance(balance(t, 2))
	require.NoError(t, err)
	_, err = c.RevisePlan(plan(t, 3, "2025-01-13"))
	require.NoError(t, err)
	assertRedactedNoMarker(t, c)
	assert.Equal(t, "Component{id=00000000-0000-0000-0000-0000000003e8 target=alcohol-use sessions=0 stages=0 "+
		"ratings=0 clientLanguage=0 fidelity=0 balances=1 changePlans=1}", c.String())
	assert.Equal(t, "motivation."+c.String(), fmt.Sprintf("%#v", c))
	assertRedacted(t, c.Balances())
	assertRedacted(t, c.Plans())
}

// assertRedactedNoMarker is assertRedacted for values that show counts
// only (so their logs carry no "[redacted]" marker).
func assertRedactedNoMarker(t *testing.T, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		assert.NotContains(t, fmt.Sprintf(verb, v), "Ann")
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("component", "c", v)
	assert.NotContains(t, buf.String(), "Ann")
	assert.Contains(t, buf.String(), `"balances":1`)
}

func TestComponentFidelityByCoder(t *testing.T) {
	c := newComponent(t, 0)
	_, err := c.AddSession(session(1, t0, intervention.AttendanceAttended))
	require.NoError(t, err)
	_, err = c.AddSession(session(2, t0.AddDate(0, 0, 7), intervention.AttendanceAttended))
	require.NoError(t, err)
	counts, globals := v42()
	for i, f := range []motivation.MITICoding{
		{ID: id(10), Session: id(2), Coder: coderA, On: day(t, "2025-01-13")},
		{ID: id(11), Session: id(1), Coder: coderB, On: day(t, "2025-01-06")},
		{ID: id(12), Session: id(1), Coder: coderA, On: day(t, "2025-01-06")},
	} {
		f.Counts, f.Globals = counts, globals
		f.Globals.Empathy = 1 + i
		_, err := c.RecordFidelity(f)
		require.NoError(t, err)
	}
	assert.Equal(t, []uuid.UUID{coderA, coderB}, c.Coders())
	byA := c.FidelityByCoder(coderA)
	require.Len(t, byA, 2)
	assert.Equal(t, id(12), byA[0].ID, "date order")
	assert.Equal(t, id(10), byA[1].ID)
	assert.Len(t, c.FidelityByCoder(coderB), 1)
	assert.Empty(t, c.FidelityByCoder(id(5)))

	_, _, ok := c.LatestFidelity(intervention.Date{})
	assert.False(t, ok, "a zero date admits nothing")
	f, s, ok := c.LatestFidelity(day(t, "2025-01-06"))
	require.True(t, ok)
	assert.Equal(t, id(12), f.ID, "last recorded on the latest date")
	assertRatio(t, s.Relational, 7, 2)
	f, _, ok = c.LatestFidelity(day(t, "2025-02-01"))
	require.True(t, ok)
	assert.Equal(t, id(10), f.ID)
}

func TestComponentConcurrentUse(t *testing.T) {
	c := newComponent(t, 0)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				n := uint64(g*100 + i + 1)
				s := session(n, t0.Add(time.Duration(n)*time.Hour), intervention.AttendanceAttended)
				if _, err := c.AddSession(s); err != nil {
					t.Error(err)
					return
				}
				on, _ := intervention.DateOf(t0.Add(time.Duration(n)*time.Hour), time.UTC)
				r := motivation.RulerRating{ID: id(n + 10000), Ruler: motivation.RulerReadiness, Value: i % 11, On: on, Rater: clinicianID}
				if _, err := c.RecordRating(r); err != nil {
					t.Error(err)
					return
				}
				_ = c.Progress(t0.AddDate(0, 1, 0))
				_ = c.String()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, c.Sessions(), 100)
	assert.Len(t, c.Ratings(), 100)
	m, ok := c.Progress(t0.AddDate(0, 1, 0)).Measure(motivation.MeasureSessionsAttended)
	require.True(t, ok)
	assertRatio(t, m.Value, 100, 1)
}
