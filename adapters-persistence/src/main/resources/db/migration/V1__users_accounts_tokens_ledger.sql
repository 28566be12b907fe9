-- Creditline core schema: users for Auth.js, linked accounts, verification tokens and the
-- append-only credit ledger. The rules of domain.md "Users" and "Ledger" are constraints here,
-- so that PostgreSQL refuses what the code must never do.

CREATE TABLE users (
    id                          uuid        PRIMARY KEY,
    email                       text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    name                        text,
    image                       text,
    email_verified              timestamptz,
    plan                        text        NOT NULL DEFAULT 'free',
    credits_balance             bigint      NOT NULL DEFAULT 0,
    role                        text        NOT NULL DEFAULT 'user',
    signup_bonus_granted_at     timestamptz,
    monthly_credits_granted_at  timestamptz,
    stripe_customer_id          text,
    stripe_subscription_id      text,
    subscription_status         text,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    CONSTRAINT users_credits_balance_non_negative CHECK (credits_balance >= 0),
    CONSTRAINT users_role_known CHECK (role IN ('user', 'admin', 'owner'))
);
-- Emails are unique case-insensitively and stored as given.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE UNIQUE INDEX users_stripe_customer_key ON users (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL;

CREATE TABLE accounts (
    id                   uuid        PRIMARY KEY,
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type                 text        NOT NULL,
    provider             text        NOT NULL,
    provider_account_id  text        NOT NULL,
    refresh_token        text,
    access_token         text,
    expires_at           bigint,
    token_type           text,
    scope                text,
    id_token             text,
    session_state        text,
    created_at           timestamptz NOT NULL,
    CONSTRAINT accounts_provider_account_key UNIQUE (provider, provider_account_id)
);
CREATE INDEX accounts_user_idx ON accounts (user_id);

-- Only the SHA-256 hex of a token is stored.
CREATE TABLE verification_tokens (
    identifier  text        NOT NULL,
    token_hash  text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    expires     timestamptz NOT NULL,
    PRIMARY KEY (identifier, token_hash)
);

CREATE TABLE credit_ledger (
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    delta          bigint      NOT NULL,
    balance_after  bigint      NOT NULL,
    reason         text        NOT NULL,
    ref_type       text        NOT NULL,
    ref_id         text        NOT NULL,
    note           text,
    actor_id       uuid,
    created_at     timestamptz NOT NULL,
    -- Keyed by user first so the table can be sharded by user (product.md "Scale path").
    PRIMARY KEY (user_id, id),
    CONSTRAINT credit_ledger_delta_non_zero CHECK (delta <> 0),
    CONSTRAINT credit_ledger_balance_non_negative CHECK (balance_after >= 0),
    CONSTRAINT credit_ledger_reason_known CHECK (reason IN (
        'signup_bonus', 'monthly_allowance', 'purchase', 'usage', 'hold', 'hold_release',
        'hold_capture_adjustment', 'refund_clawback', 'admin_adjustment'))
);
CREATE INDEX credit_ledger_user_time_idx ON credit_ledger (user_id, created_at DESC, id DESC);
-- Effects that must happen once are unique per user; other refs (usage by message, admin) may repeat
-- (lessons 4 and 5). Keep in step with LedgerRef.IDEMPOTENT_TYPES.
CREATE UNIQUE INDEX credit_ledger_idempotent_ref_key ON credit_ledger (user_id, ref_type, ref_id)
    WHERE ref_type IN ('signup_bonus', 'monthly_allowance', 'stripe_checkout_session', 'stripe_invoice',
                       'stripe_refund', 'model_call', 'hold', 'hold_settlement', 'idempotency_key');
