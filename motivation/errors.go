package motivation

import (
	"fmt"

	"github.com/recoverykit/psychosocial/intervention"
)

// Rules this package reports. Each wraps intervention.ErrInvalid (through one
// of the shared rules), and each arrives inside an *intervention.FieldError
// naming the JSON path of the field that broke it; no error carries a value.
var (
	// ErrBadBehavior means a target behaviour is not a short code (letters,
	// digits, '.', '_', '-'; at most 64 characters).
	ErrBadBehavior = fmt.Errorf("motivation: target behavior is not a code: %w", intervention.ErrInvalid)
	// ErrBadCode means a name that must be a code (a heuristic's, a
	// thresholds table's, a norms table's label) is not one: 1–64 ASCII
	// letters, digits, '.', '_' or '-'.
	ErrBadCode = fmt.Errorf("motivation: not a code: %w", intervention.ErrInvalid)
	// ErrUnknownStage means a stage of change is not one of the Stages.
	ErrUnknownStage = fmt.Errorf("motivation: stage: %w", intervention.ErrUnknownValue)
	// ErrUnknownMethod means an assessment method is not one of the AssessmentMethods.
	ErrUnknownMethod = fmt.Errorf("motivation: assessment method: %w", intervention.ErrUnknownValue)
	// ErrUnknownRuler means a ruler is not one of the Rulers.
	ErrUnknownRuler = fmt.Errorf("motivation: ruler: %w", intervention.ErrUnknownValue)
	// ErrUnknownProcess means an MI process is not one of the Processes.
	ErrUnknownProcess = fmt.Errorf("motivation: MI process: %w", intervention.ErrUnknownValue)
	// ErrUnknownClientCode means a client language code is not one of the ClientCodes.
	ErrUnknownClientCode = fmt.Errorf("motivation: client code: %w", intervention.ErrUnknownValue)
	// ErrUnknownValence means a valence is not one of the Valences.
	ErrUnknownValence = fmt.Errorf("motivation: valence: %w", intervention.ErrUnknownValue)
	// ErrUnknownCompetency means a competency level is not one of the Competencies.
	ErrUnknownCompetency = fmt.Errorf("motivation: competency: %w", intervention.ErrUnknownValue)
	// ErrUnknownScale means a SOCRATES scale is not one of the SOCRATESScales.
	ErrUnknownScale = fmt.Errorf("motivation: SOCRATES scale: %w", intervention.ErrUnknownValue)
	// ErrThresholds means a threshold, cut-off or group-mean table is
	// malformed: a value out of range, fair above good, bands not increasing.
	ErrThresholds = fmt.Errorf("motivation: malformed thresholds: %w", intervention.ErrOutOfRange)
	// ErrNorms means a SOCRATES norms table does not cover a scale's raw
	// range with contiguous, non-overlapping rows.
	ErrNorms = fmt.Errorf("motivation: malformed norms table: %w", intervention.ErrInconsistent)
	// ErrScaleMismatch means two values on different rating scales were
	// combined, e.g. a 1–10 rating given to a heuristic defined on 0–10.
	ErrScaleMismatch = fmt.Errorf("motivation: rating scales differ: %w", intervention.ErrInconsistent)
	// ErrBadText means a free-text field is longer than MaxTextBytes or is
	// not valid UTF-8. (An empty one is intervention.ErrMissing.)
	ErrBadText = fmt.Errorf("motivation: text too long or not UTF-8: %w", intervention.ErrOutOfRange)
	// ErrConflict means an ID was recorded before with different content.
	// Recording the same content again is a no-op, never an error.
	ErrConflict = fmt.Errorf("motivation: ID recorded before with different content: %w", intervention.ErrDuplicate)
	// ErrNotRecorded means a record refers to something (a session, a
	// corrected assessment, a revised change plan) the component does not hold.
	ErrNotRecorded = fmt.Errorf("motivation: refers to an entry that was not recorded: %w", intervention.ErrInconsistent)
	// ErrAlreadyCorrected means an assessment names as corrected one that a
	// later entry already corrects; correct the correction instead.
	ErrAlreadyCorrected = fmt.Errorf("motivation: entry already corrected: %w", intervention.ErrInconsistent)
	// ErrNotCurrentRevision means a change plan revises a plan other than the
	// latest revision, or starts a second chain.
	ErrNotCurrentRevision = fmt.Errorf("motivation: change plan does not revise the latest revision: %w", intervention.ErrInconsistent)
	// ErrSchemaVersion means a JSON document has a schemaVersion this
	// version of the library does not read.
	ErrSchemaVersion = fmt.Errorf("motivation: unsupported schemaVersion: %w", intervention.ErrUnknownValue)
	// ErrMalformedJSON means a JSON document is not the shape expected
	// (syntax error, wrong type, unknown key).
	ErrMalformedJSON = fmt.Errorf("motivation: malformed JSON: %w", intervention.ErrInvalid)
)

// field returns a FieldError for path and rule.
func field(path string, rule error) error { return &intervention.FieldError{Field: path, Err: rule} }
