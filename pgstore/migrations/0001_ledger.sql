-- The CM reward ledger: one head row per participant holding the version
-- (optimistic concurrency without advisory locks), and the entries in
-- order. The entry's JSON is stored byte for byte; hash and prev_hash are
-- kept in columns so that the chain can be audited in SQL.
CREATE TABLE IF NOT EXISTS cm_ledgers (
    participant UUID PRIMARY KEY,
    version     BIGINT NOT NULL CHECK (version >= 0)
);

CREATE TABLE IF NOT EXISTS cm_ledger_entries (
    participant     UUID        NOT NULL REFERENCES cm_ledgers (participant),
    seq             BIGINT      NOT NULL CHECK (seq >= 1),
    id              UUID        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    prev_hash       TEXT        NOT NULL,
    hash            TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    entry           TEXT        NOT NULL,
    PRIMARY KEY (participant, seq),
    UNIQUE (participant, idempotency_key),
    UNIQUE (participant, id)
);
