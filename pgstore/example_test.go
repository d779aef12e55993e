package pgstore_test

import (
	"fmt"

	"github.com/recoverykit/psychosocial/pgstore"
)

// New takes the host's pool; the host picks and registers the driver:
//
//	db, err := sql.Open("pgx", dsn) // import _ "github.com/jackc/pgx/v5/stdlib"
//	store, err := pgstore.New(db)
//	err = store.Migrate(ctx)
//	ledger, err := contingency.NewLedger(ctx, store, participantID)
//
// Without a pool there is nothing to store to.
func ExampleNew() {
	_, err := pgstore.New(nil)
	fmt.Println(err)
	// Output: invalid db: missing: invalid
}
