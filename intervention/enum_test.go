package intervention_test

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/intervention"
)

// textEnum is what every enum in the package implements.
type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// enumCase describes one enum type for the shared round-trip table.
type enumCase[T interface {
	~string
	textEnum
}] struct {
	values  []T
	parse   func(string) (T, error)
	unknown error
}

func checkEnum[T interface {
	~string
	textEnum
}](t *testing.T, c enumCase[T], newPtr func() interface {
	encoding.TextUnmarshaler
}) {
	t.Helper()
	require.NotEmpty(t, c.values)
	for _, v := range c.values {
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, string(v), string(b))
		assert.Equal(t, string(v), v.String())
		got, err := c.parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, got)
		p := newPtr()
		require.NoError(t, p.UnmarshalText(b))
	}
	for _, bad := range []string{"", "Unknown", " " + string(c.values[0]), string(c.values[0]) + " "} {
		_, err := c.parse(bad)
		require.ErrorIs(t, err, c.unknown, "%q", bad)
		require.ErrorIs(t, err, intervention.ErrInvalid)
		require.Error(t, newPtr().UnmarshalText([]byte(bad)))
	}
	_, err := T("bogus").MarshalText()
	require.ErrorIs(t, err, c.unknown)
}

func TestEnumsRoundTrip(t *testing.T) {
	t.Run("modality", func(t *testing.T) {
		checkEnum(t, enumCase[intervention.Modality]{intervention.Modalities(), intervention.ParseModality, intervention.ErrUnknownModality},
			func() interface{ encoding.TextUnmarshaler } { return new(intervention.Modality) })
	})
	t.Run("format", func(t *testing.T) {
		checkEnum(t, enumCase[intervention.Format]{intervention.Formats(), intervention.ParseFormat, intervention.ErrUnknownFormat},
			func() interface{ encoding.TextUnmarshaler } { return new(intervention.Format) })
	})
	t.Run("attendance", func(t *testing.T) {
		checkEnum(t, enumCase[intervention.Attendance]{intervention.Attendances(), intervention.ParseAttendance, intervention.ErrUnknownAttendance},
			func() interface{ encoding.TextUnmarshaler } { return new(intervention.Attendance) })
	})
	t.Run("role", func(t *testing.T) {
		checkEnum(t, enumCase[intervention.Role]{intervention.Roles(), intervention.ParseRole, intervention.ErrUnknownRole},
			func() interface{ encoding.TextUnmarshaler } { return new(intervention.Role) })
	})
	t.Run("progress status", func(t *testing.T) {
		checkEnum(t, enumCase[intervention.ProgressStatus]{intervention.ProgressStatuses(), intervention.ParseProgressStatus, intervention.ErrUnknownProgressStatus},
			func() interface{ encoding.TextUnmarshaler } { return new(intervention.ProgressStatus) })
	})
}

func TestUnmarshalTextLeavesValueOnError(t *testing.T) {
	r := intervention.RolePartner
	require.Error(t, r.UnmarshalText([]byte("spouse")))
	assert.Equal(t, intervention.RolePartner, r)
	f := intervention.FormatGroup
	require.Error(t, f.UnmarshalText([]byte("dyad")))
	assert.Equal(t, intervention.FormatGroup, f)
}

func TestCustomModality(t *testing.T) {
	m, err := intervention.CustomModality("art-therapy")
	require.NoError(t, err)
	assert.Equal(t, intervention.Modality("x-art-therapy"), m)
	assert.True(t, m.IsCustom())
	assert.False(t, intervention.ModalityCBT.IsCustom())
	b, err := m.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "x-art-therapy", string(b))

	long := make([]byte, 65)
	for i := range long {
		long[i] = 'a'
	}
	for name, in := range map[string]string{
		"empty":     "",
		"uppercase": "Art",
		"space":     "art therapy",
		"too long":  string(long),
		"unicode":   "thérapie",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := intervention.CustomModality(in)
			require.ErrorIs(t, err, intervention.ErrUnknownModality)
		})
	}
	_, err = intervention.CustomModality(string(long[:64]))
	require.NoError(t, err, "64 characters is the limit")
}

func TestAttendancePredicates(t *testing.T) {
	tests := []struct {
		a                intervention.Attendance
		present, counted bool
	}{
		{intervention.AttendanceAttended, true, true},
		{intervention.AttendanceLate, true, true},
		{intervention.AttendanceNoShow, false, true},
		{intervention.AttendanceCancelledByClient, false, true},
		{intervention.AttendanceCancelledByProgramme, false, false},
		{intervention.AttendanceExcused, false, false},
		{intervention.Attendance("bogus"), false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.a), func(t *testing.T) {
			assert.Equal(t, tt.present, tt.a.Present())
			assert.Equal(t, tt.counted, tt.a.Counted())
		})
	}
}

func TestRoleIsFamily(t *testing.T) {
	family := map[intervention.Role]bool{
		intervention.RoleConcernedSignificantOther: true, intervention.RolePartner: true,
		intervention.RoleParent: true, intervention.RoleSibling: true, intervention.RoleChild: true,
		intervention.RoleOtherFamily: true,
	}
	for _, r := range intervention.Roles() {
		assert.Equal(t, family[r], r.IsFamily(), r)
	}
	assert.False(t, intervention.Role("bogus").IsFamily())
}

func FuzzEnumText(f *testing.F) {
	for _, s := range []string{"cbt", "x-yoga", "group", "late", "partner", "active", "", "X-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(v textEnum, err error) {
			if err != nil {
				require.ErrorIs(t, err, intervention.ErrInvalid)
				return
			}
			b, err := v.MarshalText()
			require.NoError(t, err)
			require.Equal(t, s, string(b))
		}
		check(intervention.ParseModality(s))
		check(intervention.ParseFormat(s))
		check(intervention.ParseAttendance(s))
		check(intervention.ParseRole(s))
		check(intervention.ParseProgressStatus(s))
	})
}
