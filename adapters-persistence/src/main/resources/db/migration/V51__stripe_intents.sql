-- Durable intents of Stripe calls (an outbox): written in the transaction that decides the call,
-- performed after commit by a worker that retries until Stripe confirms (docs/billing.md
-- "Stripe intents"). No Stripe call ever runs inside a database transaction.
--
-- No user key on purpose: a cancel decided for a user must still happen after that user is
-- deleted (nothing cascades it away). The idempotency key is derived from the intent's own id
-- (or the subscription for an immediate cancel, which can happen only once), so a retry after a
-- lost answer replays Stripe's first answer and a new request gets a new key.
CREATE TABLE stripe_intents (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL,
    target_id        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    done_at          timestamptz,
    CONSTRAINT stripe_intents_kind_known CHECK (kind IN ('cancel_now', 'cancel_at_period_end',
        'expire_checkout_session')),
    CONSTRAINT stripe_intents_status_known CHECK (status IN ('pending', 'done', 'failed')),
    CONSTRAINT stripe_intents_settled_has_time CHECK ((status = 'pending') = (done_at IS NULL)),
    CONSTRAINT stripe_intents_key_unique UNIQUE (idempotency_key)
);
-- The worker's queue: pending intents by due time (FOR UPDATE SKIP LOCKED, several instances).
CREATE INDEX stripe_intents_due_idx ON stripe_intents (next_attempt_at) WHERE status = 'pending';
