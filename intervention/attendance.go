package intervention

import (
	"fmt"

	"github.com/recoverykit/psychosocial/internal/enum"
)

// Attendance records whether one participant attended a scheduled session.
// The zero Attendance is invalid.
type Attendance string

// The attendance statuses.
const (
	AttendanceAttended             Attendance = "attended"
	AttendanceLate                 Attendance = "late" // attended, but arrived late
	AttendanceNoShow               Attendance = "no-show"
	AttendanceCancelledByClient    Attendance = "cancelled-by-client"
	AttendanceCancelledByProgramme Attendance = "cancelled-by-programme"
	AttendanceExcused              Attendance = "excused"
)

// ErrUnknownAttendance means an attendance status is not one of the constants.
var ErrUnknownAttendance = fmt.Errorf("attendance: %w", ErrUnknownValue)

// Attendances returns every Attendance in a stable order.
func Attendances() []Attendance {
	return []Attendance{
		AttendanceAttended, AttendanceLate, AttendanceNoShow,
		AttendanceCancelledByClient, AttendanceCancelledByProgramme, AttendanceExcused,
	}
}

// ParseAttendance returns the Attendance whose text form is s.
func ParseAttendance(s string) (Attendance, error) {
	return enum.Parse(Attendance(s), Attendance.Valid, ErrUnknownAttendance)
}

// Valid reports whether a is one of the constants.
func (a Attendance) Valid() bool { return enum.Valid(a, Attendances()) }

// Present reports whether the participant was there (attended or late): only
// then do minutes count toward billing.
func (a Attendance) Present() bool {
	switch a {
	case AttendanceAttended, AttendanceLate:
		return true
	case AttendanceNoShow, AttendanceCancelledByClient, AttendanceCancelledByProgramme, AttendanceExcused:
		return false
	}
	return false
}

// Counted reports whether the session counts as scheduled for the
// participant when computing an attendance rate: sessions the programme
// cancelled or excused are not held against the patient.
func (a Attendance) Counted() bool {
	switch a {
	case AttendanceAttended, AttendanceLate, AttendanceNoShow, AttendanceCancelledByClient:
		return true
	case AttendanceCancelledByProgramme, AttendanceExcused:
		return false
	}
	return false
}

// String returns the text form of a.
func (a Attendance) String() string { return string(a) }

// MarshalText encodes a; an invalid Attendance is an error.
func (a Attendance) MarshalText() ([]byte, error) {
	return enum.Marshal(a, Attendance.Valid, ErrUnknownAttendance)
}

// UnmarshalText decodes a with ParseAttendance; on error *a is unchanged.
func (a *Attendance) UnmarshalText(b []byte) error { return enum.Unmarshal(a, b, ParseAttendance) }
