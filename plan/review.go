package plan

import (
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
)

// maxReviewProgress bounds the progress entries of one review.
const maxReviewProgress = 1000

// Review is a periodic review of the plan: progress on each objective, what
// the review decided and the justification for continued services
// (reference: plans-and-interop.md (b) 20, SD 67:62:08:08; ASAM
// continued-service criteria). CompleteReview records it; the changes the
// review made are derived from the revision log.
type Review struct {
	ID       uuid.UUID           `json:"id"`
	Progress []ObjectiveProgress `json:"progress"`
	Outcome  ReviewOutcome       `json:"outcome"`
	// Justification for continued services, required by rule
	// P-REVIEW-CONTENT-1 when the outcome continues services.
	Justification intervention.Text `json:"justification,omitzero"`
}

// ObjectiveProgress is one objective's progress at a review.
type ObjectiveProgress struct {
	Objective uuid.UUID         `json:"objective"`
	Status    ObjectiveStatus   `json:"status"`
	Note      intervention.Text `json:"note,omitzero"`
}

// Validate reports structural problems with r. Whether it covers every
// objective and justifies continued services is rule P-REVIEW-CONTENT-1's
// job.
func (r Review) Validate() error {
	errs := []error{checkID("id", r.ID)}
	if len(r.Progress) > maxReviewProgress {
		errs = append(errs, field("progress", intervention.ErrOutOfRange))
	}
	if !r.Outcome.Valid() {
		errs = append(errs, field("outcome", ErrUnknownReviewOutcome))
	}
	for i, op := range r.Progress {
		path := intervention.Index("progress", i)
		errs = append(errs, checkID(path+".objective", op.Objective), checkText(path+".note", op.Note, false))
		if !op.Status.Valid() {
			errs = append(errs, field(path+".status", ErrUnknownObjectiveStatus))
		}
		if op.Objective != uuid.Nil && slices.IndexFunc(r.Progress, func(o ObjectiveProgress) bool { return o.Objective == op.Objective }) < i {
			errs = append(errs, field(path+".objective", intervention.ErrDuplicate))
		}
	}
	errs = append(errs, checkText("justification", r.Justification, false))
	return errors.Join(errs...)
}

func (r Review) clone() Review {
	r.Progress = nilIfEmpty(slices.Clone(r.Progress))
	return r
}

// LogValue implements slog.LogValuer: identifiers and codes, no text.
func (r Review) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", r.ID.String()), slog.String("outcome", string(r.Outcome)),
		slog.Int("progress", len(r.Progress)))
}

// LogValue implements slog.LogValuer: the objective and status, no text.
func (o ObjectiveProgress) LogValue() slog.Value {
	return slog.GroupValue(slog.String("objective", o.Objective.String()), slog.String("status", string(o.Status)))
}

// ReviewRecord is a completed review as the plan keeps it: the review, the
// revision that completed it, who reviewed, when the review began and
// ended, and every element ID added or changed in between.
type ReviewRecord struct {
	Review
	Revision  uuid.UUID   `json:"revision"`
	Reviewer  uuid.UUID   `json:"reviewer"`
	Started   time.Time   `json:"started"`
	Completed time.Time   `json:"completed"`
	Changed   []uuid.UUID `json:"changed,omitzero"`
}

func (r ReviewRecord) clone() ReviewRecord {
	r.Review = r.Review.clone()
	r.Changed = slices.Clone(r.Changed)
	return r
}

// LogValue implements slog.LogValuer: identifiers, codes and times, no text.
func (r ReviewRecord) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", r.ID.String()), slog.String("outcome", string(r.Outcome)),
		slog.String("revision", r.Revision.String()), slog.Time("completed", r.Completed),
		slog.Int("progress", len(r.Progress)), slog.Int("changed", len(r.Changed)))
}
