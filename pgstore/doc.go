// Package pgstore keeps contingency reward ledgers and treatment-plan
// revisions in PostgreSQL through database/sql, so that a CM ledger survives
// two clerks redeeming at once, a dropped connection mid-write and a server
// restart, and a plan's every saved version is kept. One module holds both
// stores: one driver-free adapter, one set of migrations.
//
// It lives in its own module so that importing the core library never pulls
// in a database driver: the host opens the *sql.DB with the driver it
// chooses (this module's tests use pgx's stdlib driver) and hands it to New.
//
//	db, err := sql.Open("pgx", dsn)
//	store, err := pgstore.New(db)
//	err = store.Migrate(ctx) // embedded, versioned, idempotent
//	ledger, err := contingency.NewLedger(ctx, store, participantID)
//	plans, err := store.Plans(codec) // codec: the host's plan.Codec
//	v, err := plans.Save(ctx, p, loadedVersion)
//
// # Guarantees
//
//   - Each Append is one transaction. A head row per participant carries the
//     ledger's version; an append moves it from the expected version to the
//     new one or fails with contingency.ErrVersionConflict, storing nothing:
//     a stale writer never overwrites silently.
//   - Idempotency keys are unique per participant in the database
//     (contingency.ErrDuplicateKey).
//   - Entries are stored byte for byte as the ledger wrote them, with their
//     hash chain in columns; the ledger verifies the chain when it loads, so
//     a row edited behind the library's back is reported by sequence number.
//   - Transactions that fail with a serialization failure (SQLSTATE 40001) or
//     a deadlock are retried a bounded number of times (WithRetries).
//
// # Scaling out
//
// The SQL sticks to what PostgreSQL-compatible distributed engines
// (CockroachDB, YugabyteDB) also accept: no advisory locks, no
// LISTEN/NOTIFY, no sequences for ordering, only row-level optimistic
// concurrency on the head row and unique constraints. A multi-site network
// can therefore run the same store on a distributed SQL cluster, where
// serialization retries are routine.
package pgstore
