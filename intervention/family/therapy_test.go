package family_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

func TestNew(t *testing.T) {
	th := newTherapy(t, family.ModelBCT, 16)
	assert.Equal(t, therapyID, th.ID())
	assert.Equal(t, intervention.ModalityFamilyTherapy, th.Modality())
	assert.Equal(t, family.ModelBCT, th.Model())
	require.NoError(t, th.Validate())
	assert.Equal(t, family.DefaultStrainPolicy(), th.Config().Strain, "zero policy becomes the default")

	var c intervention.Component = th
	assert.Equal(t, therapyID, c.ID())
	var ch intervention.Checker = th
	assert.Empty(t, ch.Findings(t0))

	_, err := family.New(family.Config{})
	assert.ElementsMatch(t, []string{"id", "patient", "model"}, paths(err))
	_, err = family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelCRAFT, PlannedSessions: family.MaxPlannedSessions + 1,
		Location: time.FixedZone("nowhere", 3600)})
	assert.ElementsMatch(t, []string{"plannedSessions", "timeZone"}, paths(err))
	_, err = family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelCRAFT, Location: time.Local})
	requireField(t, err, "timeZone", intervention.ErrUnknownValue)

	var zero family.Therapy
	assert.ElementsMatch(t, []string{"id", "patient", "model"}, paths(zero.Validate()))
}

func TestAccessorsReturnCopies(t *testing.T) {
	th := fullCRAFT(t)
	ms := th.Members()
	ms[0].Consents[0].Recipients[0] = intervention.RecipientID(siblingID)
	ok, _ := th.CanShare(csoID, day(t, "2025-01-06"))
	assert.True(t, ok, "editing a returned member changes nothing")
	m, ok := th.Member(csoID)
	require.True(t, ok)
	assert.Equal(t, csoID, m.Consents[0].Recipients[0].ID)
	_, ok = th.Member(parentID)
	assert.False(t, ok)

	b := fullBCT(t)
	cs := b.Contracts()
	cs[0].Items[0] = family.ItemUrineScreen
	assert.Equal(t, family.ItemTrustDiscussion, b.Contracts()[0].Items[0])
}

func TestConcurrentUse(t *testing.T) {
	th := bctTherapy(t)
	_, err := th.AddContract(contract(t, 30, "2025-01-01", family.ItemTrustDiscussion))
	require.Error(t, err, "partner consented from the 2nd")
	_, err = th.AddContract(contract(t, 30, "2025-01-02", family.ItemTrustDiscussion))
	require.NoError(t, err)
	first := day(t, "2025-01-02")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				d := first.AddDays(g*25 + i)
				_, _ = th.RecordDay(family.CalendarEntry{Day: d, Item: family.ItemTrustDiscussion, Status: family.DayDone})
				_, _, _ = th.AddSession(conjoint(uint64(100+g*25+i), d.In(time.UTC).Add(10*time.Hour)))
				_ = th.Progress(t0)
				_ = th.Findings(t0)
				_ = th.String()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, th.Calendar(), 100)
	assert.Len(t, th.Sessions(), 100)
	assert.Empty(t, th.Findings(time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)), "every day marked before each session")
}
