package family_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/intervention/family"
)

func TestStrainPolicyValidate(t *testing.T) {
	require.NoError(t, family.StrainPolicy{}.Validate(), "zero means the default")
	require.NoError(t, family.DefaultStrainPolicy().Validate())
	assert.Equal(t, family.StrainPolicy{ScaleMin: 0, ScaleMax: 10, Threshold: 7, Consecutive: 2}, family.DefaultStrainPolicy())

	tests := []struct {
		name string
		p    family.StrainPolicy
		path []string
	}{
		{"Zarit-like 0-88 cut-off 24", family.StrainPolicy{ScaleMin: 0, ScaleMax: 88, Threshold: 24, Consecutive: 1}, nil},
		{"threshold at the top", family.StrainPolicy{ScaleMin: 1, ScaleMax: 5, Threshold: 5, Consecutive: 3}, nil},
		{"threshold at the bottom", family.StrainPolicy{ScaleMin: 1, ScaleMax: 5, Threshold: 1, Consecutive: 3}, []string{"threshold"}},
		{"threshold above", family.StrainPolicy{ScaleMin: 0, ScaleMax: 10, Threshold: 11, Consecutive: 2}, []string{"threshold"}},
		{"inverted scale", family.StrainPolicy{ScaleMin: 5, ScaleMax: 5, Threshold: 5, Consecutive: 2}, []string{"scaleMax", "threshold"}},
		{"negative minimum", family.StrainPolicy{ScaleMin: -1, ScaleMax: 5, Threshold: 3, Consecutive: 2}, []string{"scaleMax"}},
		{"scale too large", family.StrainPolicy{ScaleMin: 0, ScaleMax: family.MaxStrainScale + 1, Threshold: 3, Consecutive: 2}, []string{"scaleMax"}},
		{"no run", family.StrainPolicy{ScaleMin: 0, ScaleMax: 10, Threshold: 7}, []string{"consecutive"}},
		{"run too long", family.StrainPolicy{ScaleMin: 0, ScaleMax: 10, Threshold: 7, Consecutive: family.MaxStrainConsecutive + 1}, []string{"consecutive"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.path == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, intervention.ErrOutOfRange)
			assert.ElementsMatch(t, tc.path, paths(err))
		})
	}
	_, err := family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelBCT,
		Strain: family.StrainPolicy{ScaleMax: 3}})
	requireField(t, err, "strain.threshold", intervention.ErrOutOfRange)
}

func checkIn(t testing.TB, n uint64, who uuid.UUID, on string, rating int) family.StrainCheckIn {
	return family.StrainCheckIn{ID: id(n), Member: who, On: day(t, on), Rating: rating}
}

func TestRecordStrain(t *testing.T) {
	th := craftTherapy(t)
	c := checkIn(t, 60, csoID, "2025-01-06", 8)
	replayed, err := th.RecordStrain(c)
	require.NoError(t, err)
	assert.False(t, replayed)
	replayed, err = th.RecordStrain(c)
	require.NoError(t, err)
	assert.True(t, replayed)
	c.Rating = 9
	_, err = th.RecordStrain(c)
	requireField(t, err, "id", family.ErrConflict)

	_, err = th.RecordStrain(checkIn(t, 61, csoID, "2025-01-06", 11))
	requireField(t, err, "rating", intervention.ErrOutOfRange)
	_, err = th.RecordStrain(checkIn(t, 61, csoID, "2025-01-06", -1))
	requireField(t, err, "rating", intervention.ErrOutOfRange)
	_, err = th.RecordStrain(checkIn(t, 61, siblingID, "2025-01-06", 3))
	requireField(t, err, "member", family.ErrNotRecorded)
	_, err = th.RecordStrain(family.StrainCheckIn{})
	assert.ElementsMatch(t, []string{"id", "member", "on"}, paths(err))
	assert.Len(t, th.StrainCheckIns(), 1)
}

// A member is flagged when the latest Consecutive check-ins are all at or
// above the threshold (a design default: 7 on 0–10, twice in a row).
func TestStrainFlags(t *testing.T) {
	th := craftTherapy(t)
	addMember(t, th, member(parentID, intervention.RoleParent))
	for _, c := range []family.StrainCheckIn{
		checkIn(t, 60, csoID, "2025-01-06", 7),
		checkIn(t, 61, csoID, "2025-01-20", 6), // breaks the run
		checkIn(t, 62, csoID, "2025-01-27", 7), // at the threshold
		checkIn(t, 64, csoID, "2025-02-10", 9), // recorded before the 3 February one
		checkIn(t, 63, csoID, "2025-02-03", 8),
		checkIn(t, 65, parentID, "2025-01-06", 10),
		checkIn(t, 66, parentID, "2025-01-13", 2),
	} {
		_, err := th.RecordStrain(c)
		require.NoError(t, err)
	}
	tests := []struct {
		asOf  string
		flags []family.StrainFlag
	}{
		{"2025-01-06", nil},
		{"2025-01-27", nil}, // one at or above since the 6 broke
		{"2025-02-03", []family.StrainFlag{{Member: csoID, Since: day(t, "2025-01-27"), LatestOn: day(t, "2025-02-03"), Latest: 8, Run: 2}}},
		{"2025-03-01", []family.StrainFlag{{Member: csoID, Since: day(t, "2025-01-27"), LatestOn: day(t, "2025-02-10"), Latest: 9, Run: 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.asOf, func(t *testing.T) {
			assert.Equal(t, tc.flags, th.StrainFlags(day(t, tc.asOf)))
		})
	}
}

func TestStrainFlagsCustomPolicy(t *testing.T) {
	th, err := family.New(family.Config{ID: therapyID, Patient: patientID, Model: family.ModelGeneric,
		Strain: family.StrainPolicy{ScaleMin: 1, ScaleMax: 5, Threshold: 4, Consecutive: 1}})
	require.NoError(t, err)
	assert.Equal(t, 4, th.Config().Strain.Threshold)
	addMember(t, th, member(parentID, intervention.RoleParent))
	_, err = th.RecordStrain(checkIn(t, 60, parentID, "2025-01-06", 0))
	requireField(t, err, "rating", intervention.ErrOutOfRange)
	_, err = th.RecordStrain(checkIn(t, 60, parentID, "2025-01-06", 4))
	require.NoError(t, err)
	flags := th.StrainFlags(day(t, "2025-01-06"))
	require.Len(t, flags, 1)
	assert.Equal(t, 1, flags[0].Run)
}
