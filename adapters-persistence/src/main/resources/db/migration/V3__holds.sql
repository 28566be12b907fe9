-- Credit reservations (domain.md "Holds"). A hold settles exactly once: its status leaves 'open'
-- by one conditional UPDATE ... WHERE status = 'open' (lesson 7).
CREATE TABLE holds (
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    amount       bigint      NOT NULL,
    status       text        NOT NULL DEFAULT 'open',
    ref          text,
    captured     bigint,
    released     bigint,
    extra_debit  bigint,
    shortfall    bigint,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    settled_at   timestamptz,
    PRIMARY KEY (user_id, id),
    CONSTRAINT holds_amount_positive CHECK (amount > 0),
    CONSTRAINT holds_status_known CHECK (status IN ('open', 'captured', 'released', 'expired')),
    CONSTRAINT holds_settled_iff_not_open CHECK ((status = 'open') = (settled_at IS NULL)),
    CONSTRAINT holds_expiry_after_creation CHECK (expires_at > created_at)
);
-- The API addresses holds by id alone.
CREATE UNIQUE INDEX holds_id_key ON holds (id);
-- The sweeper finds expired open holds; pendingCredit sums a user's open holds.
CREATE INDEX holds_open_expiry_idx ON holds (expires_at) WHERE status = 'open';
CREATE INDEX holds_user_open_idx ON holds (user_id) WHERE status = 'open';
