-- Idempotency-Key headers of mutating internal requests (domain.md "Ledger"; lesson 9).
-- A row is inserted at the start of the effect's transaction and its outcome written before
-- commit, so a key exists only when its effect committed (or when a refusal such as 402 was
-- stored on its own). The primary key makes a concurrent request with the same key wait for
-- the first one. Keys are scoped per endpoint and purged after the retention (>= 24 h).
CREATE TABLE idempotency_keys (
    scope         text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 64),
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  text        NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    status        integer     CHECK (status BETWEEN 100 AND 599),
    body          text,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key),
    CONSTRAINT idempotency_keys_outcome_complete CHECK ((status IS NULL) = (body IS NULL))
);
-- The purge deletes the oldest keys first.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
