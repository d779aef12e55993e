package cbt

import (
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rules this package reports. Each wraps intervention.ErrInvalid (through one
// of the shared rules), and each arrives inside an *intervention.FieldError
// naming the JSON path of the field that broke it; no error carries a value.
var (
	// ErrBadCode means a name that must be a code (a curriculum or topic
	// code, a coping-strategy code) is not one: 1–64 ASCII letters, digits,
	// '.', '_' or '-', starting with a letter or digit.
	ErrBadCode = fmt.Errorf("cbt: not a code: %w", intervention.ErrInvalid)
	// ErrBadText means a name or free-text field is longer than its bound or
	// is not valid UTF-8. (A blank required one is intervention.ErrMissing.)
	ErrBadText = fmt.Errorf("cbt: text too long or not UTF-8: %w", intervention.ErrOutOfRange)
	// ErrUnknownTopic means a topic code is not a topic of the course's
	// curriculum.
	ErrUnknownTopic = fmt.Errorf("cbt: topic not in the curriculum: %w", intervention.ErrUnknownValue)
	// ErrUnknownTopicKind means a topic kind is not one of the TopicKinds.
	ErrUnknownTopicKind = fmt.Errorf("cbt: topic kind: %w", intervention.ErrUnknownValue)
	// ErrUnknownRule means a rule ID is not one of the Rules.
	ErrUnknownRule = fmt.Errorf("cbt: rule: %w", intervention.ErrUnknownValue)
	// ErrUnknownHomeworkStatus means a homework status is not one of the
	// HomeworkStatuses.
	ErrUnknownHomeworkStatus = fmt.Errorf("cbt: homework status: %w", intervention.ErrUnknownValue)
	// ErrUnknownTrigger means a trigger category is not one of the Triggers.
	ErrUnknownTrigger = fmt.Errorf("cbt: trigger category: %w", intervention.ErrUnknownValue)
	// ErrUnknownElectiveChoice means an elective choice is not one of the
	// ElectiveChoices.
	ErrUnknownElectiveChoice = fmt.Errorf("cbt: elective choice: %w", intervention.ErrUnknownValue)
	// ErrBadTransition means a homework status change is not one of the
	// allowed transitions (HomeworkStatus.CanBecome).
	ErrBadTransition = fmt.Errorf("cbt: homework status change not allowed: %w", intervention.ErrInconsistent)
	// ErrConflict means an ID was recorded before with different content.
	// Recording the same content again is a no-op, never an error.
	ErrConflict = fmt.Errorf("cbt: ID recorded before with different content: %w", intervention.ErrDuplicate)
	// ErrNotRecorded means a record refers to something (a session, a
	// homework assignment) the course does not hold.
	ErrNotRecorded = fmt.Errorf("cbt: refers to an entry that was not recorded: %w", intervention.ErrInconsistent)
	// ErrSchemaVersion means a JSON document has a schemaVersion this
	// version of the library does not read.
	ErrSchemaVersion = fmt.Errorf("cbt: unsupported schemaVersion: %w", intervention.ErrUnknownValue)
	// ErrMalformedJSON means a JSON document is not the shape expected
	// (syntax error, wrong type, unknown key, trailing data).
	ErrMalformedJSON = fmt.Errorf("cbt: malformed JSON: %w", intervention.ErrInvalid)
)

// field returns a FieldError for path and rule.
func field(path string, rule error) error { return &intervention.FieldError{Field: path, Err: rule} }
