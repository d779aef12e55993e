package twelvestep

import (
	"fmt"
	"regexp"
	"time"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rules this package reports. Each wraps intervention.ErrInvalid (through one
// of the shared rules) and arrives inside an *intervention.FieldError naming
// the JSON path of the field that broke it; no error carries a value.
var (
	// ErrBadCode means a value that must be a code (a topic ID, a group, a
	// service role, a milestone or curriculum name) is not one: 1–64 ASCII
	// letters, digits, '.', '_' or '-', starting with a letter or digit.
	ErrBadCode = fmt.Errorf("twelvestep: not a code: %w", intervention.ErrInvalid)
	// ErrUnknownProtocol means a protocol is not one of the Protocols.
	ErrUnknownProtocol = fmt.Errorf("twelvestep: protocol: %w", intervention.ErrUnknownValue)
	// ErrUnknownTopicKind means a topic kind is not one of the TopicKinds.
	ErrUnknownTopicKind = fmt.Errorf("twelvestep: topic kind: %w", intervention.ErrUnknownValue)
	// ErrUnknownFellowship means a fellowship is neither built in nor a
	// well-formed custom name ("x-…").
	ErrUnknownFellowship = fmt.Errorf("twelvestep: fellowship: %w", intervention.ErrUnknownValue)
	// ErrUnknownMeetingType means a meeting type is neither one of the
	// MeetingTypes nor a well-formed custom code ("x-…").
	ErrUnknownMeetingType = fmt.Errorf("twelvestep: meeting type: %w", intervention.ErrUnknownValue)
	// ErrUnknownVenue means a venue is not one of the Venues.
	ErrUnknownVenue = fmt.Errorf("twelvestep: venue: %w", intervention.ErrUnknownValue)
	// ErrUnknownVerification means a verification is not one of the Verifications.
	ErrUnknownVerification = fmt.Errorf("twelvestep: verification: %w", intervention.ErrUnknownValue)
	// ErrUnknownStepStatus means a step-work status is not one of the StepStatuses.
	ErrUnknownStepStatus = fmt.Errorf("twelvestep: step status: %w", intervention.ErrUnknownValue)
	// ErrUnknownSlipReason means a slip reason is not one of the SlipReasons.
	ErrUnknownSlipReason = fmt.Errorf("twelvestep: slip reason: %w", intervention.ErrUnknownValue)
	// ErrUnknownRetractionReason means a retraction reason is not one of the
	// RetractionReasons.
	ErrUnknownRetractionReason = fmt.Errorf("twelvestep: retraction reason: %w", intervention.ErrUnknownValue)
	// ErrUnknownUnit means a milestone unit is not one of the Units.
	ErrUnknownUnit = fmt.Errorf("twelvestep: milestone unit: %w", intervention.ErrUnknownValue)
	// ErrUnknownTopic means a session lists a topic that is not in the
	// component's curriculum.
	ErrUnknownTopic = fmt.Errorf("twelvestep: topic not in the curriculum: %w", intervention.ErrUnknownValue)
	// ErrCurriculum means a curriculum does not fit its protocol: a MATCH TSF
	// curriculum that is not 12 sessions, a MAAEZ curriculum without exactly
	// one introduction, four core topics and one graduate session, or a
	// second opening or closing topic.
	ErrCurriculum = fmt.Errorf("twelvestep: curriculum does not fit its protocol: %w", intervention.ErrInconsistent)
	// ErrNoJourney means a slip was recorded for a component without a
	// journey start: there is no clean time to restart.
	ErrNoJourney = fmt.Errorf("twelvestep: no journey start to restart: %w", intervention.ErrInconsistent)
	// ErrConflict means an ID was recorded before with different content.
	// Recording the same content again is a no-op, never an error.
	ErrConflict = fmt.Errorf("twelvestep: ID recorded before with different content: %w", intervention.ErrDuplicate)
	// ErrNotRecorded means a record refers to something (a slip, a service
	// commitment) the component does not hold.
	ErrNotRecorded = fmt.Errorf("twelvestep: refers to an entry that was not recorded: %w", intervention.ErrInconsistent)
	// ErrAlreadyRetracted means a retraction names a slip that another
	// retraction already withdrew.
	ErrAlreadyRetracted = fmt.Errorf("twelvestep: slip already retracted: %w", intervention.ErrInconsistent)
	// ErrSchemaVersion means a JSON document has a schemaVersion this
	// version of the library does not read.
	ErrSchemaVersion = fmt.Errorf("twelvestep: unsupported schemaVersion: %w", intervention.ErrUnknownValue)
	// ErrMalformedJSON means a JSON document is not the shape expected
	// (syntax error, wrong type, unknown key, trailing data).
	ErrMalformedJSON = fmt.Errorf("twelvestep: malformed JSON: %w", intervention.ErrInvalid)
)

// field returns a FieldError for path and rule.
func field(path string, rule error) error { return &intervention.FieldError{Field: path, Err: rule} }

// codePattern is the form of every code: the same form as an
// intervention.Session topic ID, so curriculum topic IDs are valid session
// topics.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// validCode reports whether s is a code.
func validCode(s string) bool { return codePattern.MatchString(s) }

// Data-entry bounds on recorded instants, as for intervention.Session.
const (
	minYear = 1970
	maxYear = 2200
)

// checkInstant returns ErrMissing at path for a zero time and ErrOutOfRange
// for one outside the years 1970–2199.
func checkInstant(path string, t time.Time) error {
	switch y := t.UTC().Year(); {
	case t.IsZero():
		return field(path, intervention.ErrMissing)
	case y < minYear || y >= maxYear:
		return field(path, intervention.ErrOutOfRange)
	}
	return nil
}
