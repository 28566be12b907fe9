-- Balance alerts and auto top-up (events.md "Balance thresholds", "Auto top-up").
--
-- The alert marks live on the user's row because every balance change already holds that row's
-- lock and its last statement (lots/burn.sql, lots/grant.sql) returns them: deciding a crossing
-- costs no extra statement, and concurrent changes are judged one after the other.
--   low_balance_thresholds  the user's own thresholds (credits, ascending); NULL = LOW_BALANCE_THRESHOLDS
--   low_balance_fired       thresholds whose credits.low fired and that have not recovered (NULL = none)
--   depleted_alerted        credits.depleted fired and the balance has not risen since
--   auto_topup_threshold    copy of the enabled auto top-up threshold; NULL = auto top-up off
--   stripe_payment_method_id the saved card for off-session top-ups
ALTER TABLE users
    ADD COLUMN low_balance_thresholds bigint[],
    ADD COLUMN low_balance_fired bigint[],
    ADD COLUMN depleted_alerted boolean NOT NULL DEFAULT false,
    ADD COLUMN auto_topup_threshold bigint CHECK (auto_topup_threshold >= 0),
    ADD COLUMN stripe_payment_method_id text;

CREATE TABLE auto_topup_settings (
    user_id              uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    enabled              boolean     NOT NULL,
    threshold            bigint      NOT NULL CHECK (threshold >= 0),
    pack_id              text        NOT NULL,
    monthly_limit        integer     NOT NULL CHECK (monthly_limit >= 0),
    -- Payment failures in a row; the third switches auto top-up off (a success resets it).
    consecutive_failures integer     NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    updated_at           timestamptz NOT NULL
);

-- One row per top-up decided by a balance change. pending: the PaymentIntent is not created yet;
-- processing: created, waiting for Stripe's webhook; requires_action: the customer must confirm
-- (3-D Secure); succeeded: credits granted; failed: declined, or refused by the monthly limit.
CREATE TABLE topup_attempts (
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id                uuid        NOT NULL,
    pack_id           text        NOT NULL,
    credits           bigint      NOT NULL CHECK (credits > 0),
    amount_cents      bigint      NOT NULL CHECK (amount_cents >= 0),
    currency          text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'processing', 'requires_action',
                                                            'succeeded', 'failed')),
    failure_reason    text,
    payment_intent_id text,
    action_url        text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (user_id, id)
);
-- At most one open attempt per user, whatever the concurrency.
CREATE UNIQUE INDEX topup_attempts_one_open ON topup_attempts (user_id) WHERE status IN ('pending', 'processing');
-- The monthly limit counts a user's attempts of the month.
CREATE INDEX topup_attempts_user_created_idx ON topup_attempts (user_id, created_at);

-- The worker's job: a stripe_intents row of kind topup_payment_intent (docs/billing.md "Stripe intents").
ALTER TABLE stripe_intents DROP CONSTRAINT stripe_intents_kind_known;
ALTER TABLE stripe_intents ADD CONSTRAINT stripe_intents_kind_known CHECK (kind IN ('cancel_now',
    'cancel_at_period_end', 'expire_checkout_session', 'topup_payment_intent'));

-- A top-up's grant: ref stripe_payment_intent/<pi id>, once per PaymentIntent (idempotent ref type).
-- The index keeps every type it has: since V80 its predicate reads ref_type = ANY ('{a,b,...}'::text[]),
-- before it read ARRAY['a'::text, ...]; both forms are read.
DO $$
DECLARE
    def  text;
    refs text[];
BEGIN
    def := pg_get_indexdef('credit_ledger_idempotent_ref_key'::regclass);
    IF def ~ '''\{[^}]*\}''' THEN
        refs := string_to_array(substring(def from '''\{([^}]*)\}'''), ',');
    ELSE
        SELECT array_agg(DISTINCT m[1]) INTO refs FROM regexp_matches(def, '''([a-z_]+)''', 'g') m;
    END IF;
    IF coalesce(array_length(refs, 1), 0) < 5 THEN
        RAISE EXCEPTION 'could not read the idempotent ref types from %', def;
    END IF;
    refs := ARRAY(SELECT DISTINCT x FROM unnest(refs || ARRAY['stripe_payment_intent']) x ORDER BY x);
    DROP INDEX credit_ledger_idempotent_ref_key;
    EXECUTE format('CREATE UNIQUE INDEX credit_ledger_idempotent_ref_key ON credit_ledger (user_id, ref_type, ref_id)'
        || ' WHERE ref_type = ANY (%L::text[])', refs);
END $$;
