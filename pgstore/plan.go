package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/intervention"
	"github.com/recoverykit/psychosocial/plan"
)

// ErrPlanVersionConflict means the plan was saved by someone else after the
// caller loaded it; reload and reapply the edit.
var ErrPlanVersionConflict = errors.New("pgstore: plan version conflict")

// ErrPlanNotFound means no revision of the plan is stored.
var ErrPlanNotFound = errors.New("pgstore: plan not found")

// PlanStore keeps treatment-plan revisions: every Save appends the whole
// plan document (the plan package's JSON codec) as the next version, never
// overwriting one, so the history a surveyor asks for is the table itself.
// It is safe for concurrent use.
type PlanStore struct {
	store *Store
	codec *plan.Codec
}

// Plans returns a plan store on s that encodes and decodes plans with codec
// (which knows the host's component decoders, e.g. for CM programmes and
// their ledgers). A nil codec is an error.
func (s *Store) Plans(codec *plan.Codec) (*PlanStore, error) {
	if codec == nil {
		return nil, intervention.Field("codec", intervention.ErrMissing)
	}
	return &PlanStore{store: s, codec: codec}, nil
}

// PlanRevision is one stored version of a plan.
type PlanRevision struct {
	Version int64     `json:"version"`
	SavedAt time.Time `json:"savedAt"` // the database's clock
	// Document is the plan's JSON as saved.
	Document []byte `json:"document"`
}

// Save stores p as the next version if the stored plan is at version
// expected (0 for a plan never saved), in one statement, and returns the new
// version. A stale expected version is ErrPlanVersionConflict and stores
// nothing.
func (ps *PlanStore) Save(ctx context.Context, p *plan.Plan, expected int64) (int64, error) {
	if p == nil {
		return 0, intervention.Field("plan", intervention.ErrMissing)
	}
	if expected < 0 {
		return 0, intervention.Field("expected", intervention.ErrOutOfRange)
	}
	doc, err := ps.codec.Marshal(p)
	if err != nil {
		return 0, err
	}
	head := planAfterSQL
	if expected == 0 {
		head = planFirstSQL
	}
	var affected int64
	err = ps.store.again(ctx, func() error {
		res, err := ps.store.db.ExecContext(ctx, head+planInsertSQL, p.ID(), expected, expected+1, string(doc))
		if err != nil {
			return err
		}
		affected, err = res.RowsAffected()
		return err
	})
	switch {
	case err == nil && affected == 1:
		return expected + 1, nil
	case err == nil, isUnique(err, "plan_heads_pkey"), isUnique(err, "plan_revisions_pkey"):
		return 0, ErrPlanVersionConflict
	}
	return 0, fmt.Errorf("pgstore: save plan: %w", err)
}

// A save is one statement: the head row moves from the expected version (or
// is created), and the revision is inserted only if it did.
const (
	planAfterSQL = `WITH head AS (
	UPDATE plan_heads SET version = $3 WHERE plan = $1 AND version = $2 RETURNING plan
) `
	planFirstSQL = `WITH head AS (
	INSERT INTO plan_heads (plan, version) SELECT $1, $3 WHERE $2::BIGINT = 0
	ON CONFLICT (plan) DO NOTHING RETURNING plan
) `
	planInsertSQL = `INSERT INTO plan_revisions (plan, version, document) SELECT head.plan, $3, $4 FROM head`
)

// Load returns the latest version of plan id, decoded, and its version.
func (ps *PlanStore) Load(ctx context.Context, id uuid.UUID) (*plan.Plan, int64, error) {
	var v int64
	var doc string
	err := ps.store.db.QueryRowContext(ctx, `SELECT r.version, r.document FROM plan_heads h
		JOIN plan_revisions r ON r.plan = h.plan AND r.version = h.version WHERE h.plan = $1`, id).Scan(&v, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrPlanNotFound
	}
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: load plan: %w", err)
	}
	p, err := ps.codec.Unmarshal([]byte(doc))
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: load plan version %d: %w", v, err)
	}
	return p, v, nil
}

// History returns every stored version of plan id, oldest first.
func (ps *PlanStore) History(ctx context.Context, id uuid.UUID) ([]PlanRevision, error) {
	rows, err := ps.store.db.QueryContext(ctx,
		`SELECT version, saved_at, document FROM plan_revisions WHERE plan = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("pgstore: plan history: %w", err)
	}
	defer rows.Close()
	var out []PlanRevision
	for rows.Next() {
		var r PlanRevision
		var doc string
		if err := rows.Scan(&r.Version, &r.SavedAt, &doc); err != nil {
			return nil, fmt.Errorf("pgstore: plan history: %w", err)
		}
		r.Document = []byte(doc)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgstore: plan history: %w", err)
	}
	return out, nil
}
