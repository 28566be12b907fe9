-- Stripe billing (billing.md; domain.md "Plans and monthly allowance", "Credit packs"; lessons 1-5, 8, 12-16).
-- Everything keyed to a user cascades on user deletion; stripe_events is the webhook inbox and keeps
-- no user key (it is the provider's record, kept for audit and dedupe).

-- Subscription details shown in billing_state. plan, stripe_customer_id, stripe_subscription_id and
-- subscription_status are in V1.
ALTER TABLE users
    ADD COLUMN subscription_cancel_at_period_end boolean NOT NULL DEFAULT false,
    ADD COLUMN subscription_period_end           timestamptz;

-- Durable checkout attempts: the idempotency key sent to Stripe is checkout_attempt_<id>
-- (lesson 8). At most one live subscription attempt per user (partial unique index): a
-- double-click gets the same attempt, so the same Stripe key and the same session.
CREATE TABLE checkout_attempts (
    id                 uuid        PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind               text        NOT NULL,
    item_id            text        NOT NULL,
    status             text        NOT NULL DEFAULT 'creating',
    stripe_session_id  text,
    checkout_url       text,
    expires_at         timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT checkout_attempts_kind_known CHECK (kind IN ('subscription', 'pack')),
    CONSTRAINT checkout_attempts_status_known CHECK (status IN ('creating', 'open', 'complete', 'expired', 'failed')),
    CONSTRAINT checkout_attempts_open_has_session CHECK (status <> 'open' OR (stripe_session_id IS NOT NULL
        AND checkout_url IS NOT NULL))
);
CREATE UNIQUE INDEX checkout_attempts_one_live_subscription_key ON checkout_attempts (user_id)
    WHERE kind = 'subscription' AND status IN ('creating', 'open');
CREATE UNIQUE INDEX checkout_attempts_session_key ON checkout_attempts (stripe_session_id)
    WHERE stripe_session_id IS NOT NULL;
CREATE INDEX checkout_attempts_user_idx ON checkout_attempts (user_id, created_at DESC);

-- Paid credit packs, written in the transaction of the purchase grant; the refund clawback finds
-- the purchase by payment intent and remembers how much of the charge it has clawed back.
CREATE TABLE credit_pack_purchases (
    stripe_session_id        text        PRIMARY KEY,
    user_id                  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    pack_id                  text,
    credits                  bigint      NOT NULL,
    amount_total             bigint,
    payment_intent_id        text,
    refunded_amount_applied  bigint      NOT NULL DEFAULT 0,
    credits_clawed_back      bigint      NOT NULL DEFAULT 0,
    granted_at               timestamptz NOT NULL,
    CONSTRAINT credit_pack_purchases_credits_positive CHECK (credits > 0),
    CONSTRAINT credit_pack_purchases_refund_non_negative CHECK (refunded_amount_applied >= 0
        AND credits_clawed_back >= 0)
);
CREATE UNIQUE INDEX credit_pack_purchases_payment_intent_key ON credit_pack_purchases (payment_intent_id)
    WHERE payment_intent_id IS NOT NULL;
CREATE INDEX credit_pack_purchases_user_idx ON credit_pack_purchases (user_id);

-- Per-subscription watermark on event.created (lesson 15) and tombstone (lesson 14): a subscription
-- event older than the newest applied one, or for a deleted subscription, changes nothing.
CREATE TABLE stripe_subscriptions (
    subscription_id     text        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_event_created  timestamptz NOT NULL,
    last_event_id       text        NOT NULL,
    deleted_at          timestamptz
);
CREATE INDEX stripe_subscriptions_user_idx ON stripe_subscriptions (user_id);

-- Webhook inbox: inserted ON CONFLICT DO NOTHING in the same transaction as the effects, so a
-- redelivered or concurrent duplicate finds the row and changes nothing (lesson 5). A permanent
-- problem (unknown user, unknown price, malformed object) is recorded here and shown to admins.
CREATE TABLE stripe_events (
    event_id       text        PRIMARY KEY,
    type           text        NOT NULL,
    created        timestamptz NOT NULL,
    payload        text        NOT NULL,
    received_at    timestamptz NOT NULL,
    outcome        text        NOT NULL,
    problem_code   text,
    problem        text,
    CONSTRAINT stripe_events_outcome_known CHECK (outcome IN ('applied', 'ignored', 'problem')),
    CONSTRAINT stripe_events_problem_iff CHECK ((outcome = 'problem') = (problem IS NOT NULL))
);
CREATE INDEX stripe_events_received_idx ON stripe_events (received_at DESC);
CREATE INDEX stripe_events_problem_idx ON stripe_events (received_at DESC) WHERE outcome = 'problem';
