-- Treatment-plan revisions: every save appends the whole plan document as a
-- new version; a head row per plan carries the latest version for
-- optimistic concurrency, as the ledger's does.
CREATE TABLE IF NOT EXISTS plan_heads (
    plan    UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1)
);

CREATE TABLE IF NOT EXISTS plan_revisions (
    plan     UUID        NOT NULL REFERENCES plan_heads (plan),
    version  BIGINT      NOT NULL CHECK (version >= 1),
    saved_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    document TEXT        NOT NULL,
    PRIMARY KEY (plan, version)
);
