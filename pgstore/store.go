package pgstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/intervention"
)

// SQLSTATE codes the store reacts to.
const (
	sqlStateSerialization = "40001" // serialization_failure: retry the transaction
	sqlStateDeadlock      = "40P01" // deadlock_detected: retry the transaction
	sqlStateUnique        = "23505" // unique_violation
)

// constraint names PostgreSQL gives the unique constraints of the entries
// table; CockroachDB names them alike.
const (
	constraintKey  = "cm_ledger_entries_participant_idempotency_key_key"
	constraintID   = "cm_ledger_entries_participant_id_key"
	constraintSeq  = "cm_ledger_entries_pkey"
	constraintHead = "cm_ledgers_pkey"
)

// Store keeps contingency ledgers (and plan revisions) in PostgreSQL through
// database/sql. The host opens the *sql.DB with the driver it chooses; the
// store imports none. It is safe for concurrent use by any number of
// goroutines and processes: appends are optimistic (a stale expected
// version is contingency.ErrVersionConflict, never a silent overwrite),
// idempotency keys are unique in the database, and each append is one
// transaction.
type Store struct {
	db      *sql.DB
	retries int
}

var _ contingency.Store = (*Store)(nil)

// Option configures New.
type Option interface{ apply(*Store) error }

type retriesOption int

func (o retriesOption) apply(s *Store) error {
	if o < 0 || o > 100 {
		return intervention.Field("retries", intervention.ErrOutOfRange)
	}
	s.retries = int(o)
	return nil
}

// WithRetries sets how many times a transaction that failed with a
// serialization failure (SQLSTATE 40001) or a deadlock is retried; the
// default is 10.
func WithRetries(n int) Option { return retriesOption(n) }

// New returns a store on the host's pool. It does not touch the database;
// call Migrate once at start-up.
func New(db *sql.DB, opts ...Option) (*Store, error) {
	if db == nil {
		return nil, intervention.Field("db", intervention.ErrMissing)
	}
	s := &Store{db: db, retries: 10}
	var errs []error
	for _, o := range opts {
		if o == nil {
			errs = append(errs, intervention.Field("options", intervention.ErrMissing))
			continue
		}
		errs = append(errs, o.apply(s))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// Append adds entries to participant's ledger in one transaction if the
// ledger is at version expected. See contingency.Store.
func (s *Store) Append(ctx context.Context, participant uuid.UUID, expected contingency.Version, entries []contingency.Entry) (contingency.Version, error) {
	if len(entries) == 0 {
		return 0, intervention.Field("entries", intervention.ErrMissing)
	}
	n := len(entries)
	seqs, ids, keys, prevs, hashes, times, rows := make([]int64, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]time.Time, n), make([]string, n)
	for i, e := range entries {
		if e.Participant != participant || e.Seq != expected+contingency.Version(i)+1 {
			return 0, intervention.Field(intervention.Index("entries", i)+".seq", intervention.ErrInconsistent)
		}
		b, err := json.Marshal(e)
		if err != nil {
			return 0, fmt.Errorf("pgstore: encode entry %d: %w", e.Seq, err)
		}
		seqs[i], ids[i], keys[i], prevs[i], hashes[i] = int64(e.Seq), e.ID.String(), e.IdempotencyKey, e.PrevHash, e.Hash
		times[i], rows[i] = e.RecordedAt.UTC(), string(b)
	}
	next := expected + contingency.Version(len(entries))
	head := appendAfterSQL
	if expected == 0 {
		head = appendFirstSQL
	}
	var affected int64
	err := s.again(ctx, func() error {
		res, err := s.db.ExecContext(ctx, head+appendEntriesSQL,
			participant, int64(expected), int64(next), seqs, ids, keys, prevs, hashes, times, rows)
		if err != nil {
			return err
		}
		affected, err = res.RowsAffected()
		return err
	})
	switch {
	case err == nil && affected == int64(len(entries)):
		return next, nil
	case err == nil:
		return s.currentVersion(ctx, participant), contingency.ErrVersionConflict
	case isUnique(err, constraintKey), isUnique(err, constraintID):
		return 0, fmt.Errorf("pgstore: append: %w", contingency.ErrDuplicateKey)
	case isUnique(err, constraintSeq), isUnique(err, constraintHead):
		return s.currentVersion(ctx, participant), fmt.Errorf("pgstore: append: %w", contingency.ErrVersionConflict)
	}
	return 0, fmt.Errorf("pgstore: append: %w", err)
}

// An append is one statement, so one round trip and one transaction: a
// data-modifying CTE moves the participant's head row from the expected
// version to the new one (or creates it for the first append), and the
// entries are inserted only for the head row it returned. A stale expected
// version matches no head row, so nothing is inserted. Arrays carry the
// entries; unnest with several arrays is accepted by PostgreSQL and
// CockroachDB alike.
const (
	appendAfterSQL = `WITH head AS (
	UPDATE cm_ledgers SET version = $3 WHERE participant = $1 AND version = $2 RETURNING participant
) `
	appendFirstSQL = `WITH head AS (
	INSERT INTO cm_ledgers (participant, version) SELECT $1, $3 WHERE $2::BIGINT = 0
	ON CONFLICT (participant) DO NOTHING RETURNING participant
) `
	appendEntriesSQL = `INSERT INTO cm_ledger_entries
	(participant, seq, id, idempotency_key, prev_hash, hash, recorded_at, entry)
SELECT head.participant, e.seq, e.id, e.key, e.prev, e.hash, e.at, e.body
FROM head, unnest($4::BIGINT[], $5::UUID[], $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TIMESTAMPTZ[], $10::TEXT[])
	AS e(seq, id, key, prev, hash, at, body)`
)

// currentVersion returns participant's version for an error report, or 0
// when it cannot be read.
func (s *Store) currentVersion(ctx context.Context, participant uuid.UUID) contingency.Version {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM cm_ledgers WHERE participant = $1`, participant).Scan(&v); err != nil {
		return 0
	}
	return contingency.Version(v)
}

// Load returns participant's entries after version after, in order, and the
// ledger's version, read in one repeatable-read snapshot. An entry whose
// stored JSON no longer decodes, or whose columns disagree with its JSON,
// is an error naming its sequence number (contingency.ErrTampered).
func (s *Store) Load(ctx context.Context, participant uuid.UUID, after contingency.Version) ([]contingency.Entry, contingency.Version, error) {
	var out []contingency.Entry
	var version contingency.Version
	err := s.retryOpts(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(tx *sql.Tx) error {
		out, version = nil, 0
		var v int64
		switch err := tx.QueryRowContext(ctx, `SELECT version FROM cm_ledgers WHERE participant = $1`, participant).Scan(&v); {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		version = contingency.Version(v)
		rows, err := tx.QueryContext(ctx, `SELECT seq, hash, entry FROM cm_ledger_entries
			WHERE participant = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, participant, int64(after), v)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var seq int64
			var hash, body string
			if err := rows.Scan(&seq, &hash, &body); err != nil {
				return err
			}
			var e contingency.Entry
			if err := json.Unmarshal([]byte(body), &e); err != nil || int64(e.Seq) != seq || e.Hash != hash || e.Participant != participant {
				return &contingency.VerifyError{Seq: contingency.Version(seq), ID: e.ID, Err: contingency.ErrHashMismatch}
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("pgstore: load: %w", err)
	}
	if version > after && contingency.Version(len(out)) != version-after {
		return nil, 0, fmt.Errorf("pgstore: load: %w", &contingency.VerifyError{Seq: after + contingency.Version(len(out)) + 1, Err: contingency.ErrSeqMismatch})
	}
	return out, version, nil
}

// retry runs fn in a read-committed transaction, retrying serialization
// failures and deadlocks a bounded number of times.
func (s *Store) retry(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.retryOpts(ctx, nil, fn)
}

func (s *Store) retryOpts(ctx context.Context, opts *sql.TxOptions, fn func(*sql.Tx) error) error {
	return s.again(ctx, func() error { return s.inTx(ctx, opts, fn) })
}

// again runs fn, running it again after a serialization failure or a
// deadlock, a bounded number of times with a growing pause.
func (s *Store) again(ctx context.Context, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil || !retryable(err) || attempt >= s.retries {
			return err
		}
		t := time.NewTimer(time.Duration(attempt+1) * 5 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// inTx runs fn in one transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, opts *sql.TxOptions, fn func(*sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// sqlStater is implemented by driver errors that carry a SQLSTATE (pgx's
// *pgconn.PgError has it); the store needs no driver import to read it.
type sqlStater interface{ SQLState() string }

func sqlState(err error) string {
	var st sqlStater
	if errors.As(err, &st) {
		return st.SQLState()
	}
	return ""
}

func retryable(err error) bool {
	switch sqlState(err) {
	case sqlStateSerialization, sqlStateDeadlock:
		return true
	}
	return false
}

// isUnique reports whether err is a unique violation of constraint. Drivers
// name the constraint in the message (pgx keeps it in a field, not a
// method), which is read without importing the driver.
func isUnique(err error, constraint string) bool {
	return sqlState(err) == sqlStateUnique && strings.Contains(err.Error(), `"`+constraint+`"`)
}
