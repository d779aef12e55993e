package pgstore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/recoverykit/psychosocial/contingency"
	"github.com/recoverykit/psychosocial/pgstore"
)

// TestTamperingIsDetected is the standing SQL tampering suite: an insider
// with write access to the tables changes a ledger behind the library's
// back, and each change is caught by the layer the contingency package's
// threat model names — the hash chain alone (a ledger refuses to load), a
// digest kept outside the database (VerifyDigest), or a chain key the
// database never sees (a keyed ledger refuses to load).
func TestTamperingIsDetected(t *testing.T) {
	other := uuid.MustParse("00000000-0000-0000-0000-0000000000b2")
	key, err := contingency.NewChainKey("2026-q4", bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	ring := contingency.KeyRing{Current: key.ID(), Keys: []contingency.ChainKey{key}}

	for _, tc := range []struct {
		name                 string
		tamper               func(t *testing.T, s *pgstore.Store, db *sql.DB)
		chain, digest, keyed bool // which layer detects it
	}{
		{"edit an amount", func(t *testing.T, _ *pgstore.Store, db *sql.DB) {
			sqlExec(t, db, `UPDATE cm_ledger_entries SET entry = replace(entry, '"amount":"2.50"', '"amount":"250.00"') WHERE seq = 3`)
		}, true, true, true},
		{"delete a middle row", func(t *testing.T, _ *pgstore.Store, db *sql.DB) {
			sqlExec(t, db, `DELETE FROM cm_ledger_entries WHERE seq = 2`)
		}, true, true, true},
		{"swap two rows", func(t *testing.T, _ *pgstore.Store, db *sql.DB) {
			sqlExec(t, db, `UPDATE cm_ledger_entries a SET entry = b.entry, hash = b.hash, prev_hash = b.prev_hash
				FROM cm_ledger_entries b WHERE a.participant = b.participant AND a.seq IN (2, 3) AND b.seq = 5 - a.seq`)
		}, true, true, true},
		{"move a row to another participant", func(t *testing.T, _ *pgstore.Store, db *sql.DB) {
			sqlExec(t, db, `INSERT INTO cm_ledgers (participant, version) VALUES ($1, 0)`, other)
			sqlExec(t, db, `UPDATE cm_ledger_entries SET participant = $1, seq = 1 WHERE seq = 4`, other)
			sqlExec(t, db, `UPDATE cm_ledgers SET version = 1 WHERE participant = $1`, other)
		}, true, true, true},
		{"truncate the tail", func(t *testing.T, _ *pgstore.Store, db *sql.DB) {
			sqlExec(t, db, `DELETE FROM cm_ledger_entries WHERE seq > 2`)
			sqlExec(t, db, `UPDATE cm_ledgers SET version = 2`)
		}, false, true, false},
		{"edit an amount and recompute the chain", func(t *testing.T, s *pgstore.Store, db *sql.DB) {
			entries, _, err := s.Load(context.Background(), patient, 0)
			require.NoError(t, err)
			entries[1].Amount = contingency.Cents(25000)
			for i := 1; i < len(entries); i++ {
				entries[i].PrevHash = entries[i-1].Hash
				entries[i].Hash = contingency.HashEntry(entries[i])
				b, err := json.Marshal(entries[i])
				require.NoError(t, err)
				sqlExec(t, db, `UPDATE cm_ledger_entries SET entry = $1, hash = $2, prev_hash = $3 WHERE participant = $4 AND seq = $5`,
					string(b), entries[i].Hash, entries[i].PrevHash, patient, i+1)
			}
		}, false, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s, db := newStore(t)
			l, err := contingency.NewLedger(ctx, s, patient, contingency.WithKeyRing(ring))
			require.NoError(t, err)
			for i := range 4 {
				credit(t, l, "v"+string(rune('1'+i)), 250)
			}
			digest := l.Digest() // printed on the participant's receipt
			require.NoError(t, contingency.VerifyDigest(l.Entries(), digest))

			tc.tamper(t, s, db)

			_, err = contingency.NewLedger(ctx, s, patient)
			assert.Equal(t, tc.chain, err != nil, "the hash chain alone: %v", err)
			if err != nil {
				require.ErrorIs(t, err, contingency.ErrTampered)
			}
			entries, _, err := s.Load(ctx, patient, 0)
			if err == nil {
				err = contingency.VerifyDigest(entries, digest)
			}
			assert.Equal(t, tc.digest, err != nil, "against the digest: %v", err)
			if err != nil {
				require.ErrorIs(t, err, contingency.ErrTampered)
			}
			_, err = contingency.NewLedger(ctx, s, patient, contingency.WithKeyRing(ring))
			assert.Equal(t, tc.keyed, err != nil, "with the chain key: %v", err)
			if err != nil {
				require.ErrorIs(t, err, contingency.ErrTampered)
			}
		})
	}
}

// sqlExec runs a statement behind the library's back.
func sqlExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	_, err := db.Exec(query, args...)
	require.NoError(t, err)
}
