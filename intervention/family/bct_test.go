package family_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

func contract(t testing.TB, n uint64, start string, items ...family.ContractItem) family.RecoveryContract {
	return family.RecoveryContract{ID: id(n), Partner: partnerID, Start: day(t, start), Items: items}
}

func TestAddContract(t *testing.T) {
	th := bctTherapy(t)
	c := contract(t, 30, "2025-01-06", family.ItemTrustDiscussion, family.ItemRecoveryMedication)
	replayed, err := th.AddContract(c)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.AddContract(c)
	require.NoError(t, err)
	assert.True(t, replayed)
	changed := c
	changed.Items = []family.ContractItem{family.ItemTrustDiscussion}
	_, err = th.AddContract(changed)
	requireField(t, err, "id", family.ErrConflict)

	addMember(t, th, member(parentID, intervention.RoleParent, consent(t, 3, parentID, "2025-01-02")))
	tests := []struct {
		name string
		c    family.RecoveryContract
		path string
		rule error
	}{
		{"empty", family.RecoveryContract{}, "items", family.ErrNoTrustDiscussion},
		{"no trust discussion", contract(t, 31, "2025-02-01", family.ItemUrineScreen), "items", family.ErrNoTrustDiscussion},
		{"unknown item", contract(t, 31, "2025-02-01", family.ItemTrustDiscussion, "prayer"), "items[1]", family.ErrUnknownContractItem},
		{"repeated item", contract(t, 31, "2025-02-01", family.ItemTrustDiscussion, family.ItemTrustDiscussion),
			"items[1]", intervention.ErrDuplicate},
		{"not a member", func() family.RecoveryContract {
			c := contract(t, 31, "2025-02-01", family.ItemTrustDiscussion)
			c.Partner = siblingID
			return c
		}(), "partner", family.ErrNotRecorded},
		{"not the partner", func() family.RecoveryContract {
			c := contract(t, 31, "2025-02-01", family.ItemTrustDiscussion)
			c.Partner = parentID
			return c
		}(), "partner", intervention.ErrInconsistent},
		{"partner not yet consented", contract(t, 31, "2025-01-01", family.ItemTrustDiscussion), "partner", family.ErrConsentRequired},
		{"not after the previous contract", contract(t, 31, "2025-01-06", family.ItemTrustDiscussion), "start", intervention.ErrInconsistent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := th.AddContract(tc.c)
			requireField(t, err, tc.path, tc.rule)
			assert.Len(t, th.Contracts(), 1)
		})
	}
	_, err = th.AddContract(family.RecoveryContract{})
	assert.ElementsMatch(t, []string{"id", "partner", "start", "items"}, paths(err))

	_, err = craftTherapy(t).AddContract(c)
	requireField(t, err, "model", family.ErrWrongModel)
}

func TestRecordDay(t *testing.T) {
	th := bctTherapy(t)
	entry := family.CalendarEntry{Day: day(t, "2025-01-06"), Item: family.ItemTrustDiscussion, Status: family.DayDone}
	_, err := th.RecordDay(entry)
	requireField(t, err, "day", family.ErrNoContract)

	_, err = th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion))
	require.NoError(t, err)
	replayed, err := th.RecordDay(entry)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordDay(entry)
	require.NoError(t, err)
	assert.True(t, replayed)
	missed := entry
	missed.Status = family.DayMissed
	_, err = th.RecordDay(missed)
	requireField(t, err, "status", family.ErrConflict)

	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-07"), Item: family.ItemUrineScreen, Status: family.DayDone})
	requireField(t, err, "item", family.ErrNoContract)
	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-05"), Item: family.ItemTrustDiscussion, Status: family.DayDone})
	requireField(t, err, "day", family.ErrNoContract)
	_, err = th.RecordDay(family.CalendarEntry{Item: "x", Status: "maybe"})
	assert.ElementsMatch(t, []string{"day", "item", "status"}, paths(err))

	// From 10 January a new contract adds urine screens.
	_, err = th.AddContract(contract(t, 31, "2025-01-10", family.ItemTrustDiscussion, family.ItemUrineScreen))
	require.NoError(t, err)
	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-09"), Item: family.ItemUrineScreen, Status: family.DayDone})
	requireField(t, err, "item", family.ErrNoContract)
	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-10"), Item: family.ItemUrineScreen, Status: family.DayDone})
	require.NoError(t, err)
	// A third contract may not drop an item already marked after its start.
	_, err = th.AddContract(contract(t, 32, "2025-01-10", family.ItemTrustDiscussion))
	requireField(t, err, "start", intervention.ErrInconsistent)
	_, err = th.AddContract(contract(t, 32, "2025-01-08", family.ItemTrustDiscussion))
	requireField(t, err, "start", intervention.ErrInconsistent)
	th2 := bctTherapy(t)
	_, err = th2.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion, family.ItemUrineScreen))
	require.NoError(t, err)
	_, err = th2.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-12"), Item: family.ItemUrineScreen, Status: family.DayDone})
	require.NoError(t, err)
	_, err = th2.AddContract(contract(t, 31, "2025-01-11", family.ItemTrustDiscussion))
	requireField(t, err, "items", family.ErrNoContract)
	_, err = th2.AddContract(contract(t, 31, "2025-01-13", family.ItemTrustDiscussion))
	require.NoError(t, err, "from the 13th no urine screen was marked")

	assert.Len(t, th.Calendar(), 2)
	_, err = craftTherapy(t).RecordDay(entry)
	requireField(t, err, "model", family.ErrWrongModel)
}

// Adherence is done over done plus missed; unmarked days do not count
// (reference: plans-and-interop.md §2, daily calendar with per-day completion).
func TestAdherence(t *testing.T) {
	th := bctTherapy(t)
	_, err := th.AddContract(contract(t, 30, "2025-01-06", family.ItemTrustDiscussion, family.ItemSelfHelpMeeting))
	require.NoError(t, err)
	assert.False(t, th.Adherence(family.ItemTrustDiscussion, day(t, "2025-01-31")).Computable(), "no marks: not computable")

	marks := map[string]family.DayStatus{
		"2025-01-06": family.DayDone, "2025-01-07": family.DayDone, "2025-01-08": family.DayMissed,
		"2025-01-09": family.DayDone, "2025-01-11": family.DayDone,
	}
	for d, s := range marks {
		_, err := th.RecordDay(family.CalendarEntry{Day: day(t, d), Item: family.ItemTrustDiscussion, Status: s})
		require.NoError(t, err)
	}
	_, err = th.RecordDay(family.CalendarEntry{Day: day(t, "2025-01-07"), Item: family.ItemSelfHelpMeeting, Status: family.DayMissed})
	require.NoError(t, err)

	assertRatio(t, th.Adherence(family.ItemTrustDiscussion, day(t, "2025-01-31")), 4, 5)
	assertRatio(t, th.Adherence(family.ItemTrustDiscussion, day(t, "2025-01-08")), 2, 3)
	assertRatio(t, th.Adherence(family.ItemSelfHelpMeeting, day(t, "2025-01-31")), 0, 1)
	assert.False(t, th.Adherence(family.ItemUrineScreen, day(t, "2025-01-31")).Computable())
}
