-- Refunds and disputes in any delivery order, subscription-invoice clawbacks, and the tie rule of
-- subscription events (docs/billing.md "Refunds and disputes", "Why any order ends like the
-- in-order delivery").

-- What the balance could not cover when credits were clawed back (forgiven today; a later
-- "debt" feature hooks in where this is computed: Clawback.settle).
ALTER TABLE credit_pack_purchases
    ADD COLUMN credits_forgiven bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT credit_pack_purchases_forgiven_non_negative CHECK (credits_forgiven >= 0);

-- Paid subscription invoices that granted an allowance, so a refund or dispute of their payment
-- can claw back in proportion. Found by payment intent, charge or invoice id.
CREATE TABLE stripe_invoice_grants (
    invoice_id               text        PRIMARY KEY,
    user_id                  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credits                  bigint      NOT NULL,
    amount_paid              bigint,
    payment_intent_id        text,
    charge_id                text,
    refunded_amount_applied  bigint      NOT NULL DEFAULT 0,
    credits_clawed_back      bigint      NOT NULL DEFAULT 0,
    credits_forgiven         bigint      NOT NULL DEFAULT 0,
    granted_at               timestamptz NOT NULL,
    CONSTRAINT stripe_invoice_grants_credits_positive CHECK (credits > 0),
    CONSTRAINT stripe_invoice_grants_amounts_non_negative CHECK (refunded_amount_applied >= 0
        AND credits_clawed_back >= 0 AND credits_forgiven >= 0)
);
CREATE UNIQUE INDEX stripe_invoice_grants_payment_intent_key ON stripe_invoice_grants (payment_intent_id)
    WHERE payment_intent_id IS NOT NULL;
CREATE INDEX stripe_invoice_grants_charge_idx ON stripe_invoice_grants (charge_id) WHERE charge_id IS NOT NULL;
CREATE INDEX stripe_invoice_grants_user_idx ON stripe_invoice_grants (user_id);

-- A refund that arrived before the payment it refunds was granted: applied (by replaying the
-- stored event) in the transaction that grants the payment. Keyed by Stripe ids only: the user
-- is not known yet.
CREATE TABLE stripe_early_refunds (
    event_id           text        PRIMARY KEY REFERENCES stripe_events (event_id),
    payment_intent_id  text,
    charge_id          text,
    invoice_id         text,
    event_created      timestamptz NOT NULL,
    CONSTRAINT stripe_early_refunds_keyed CHECK (payment_intent_id IS NOT NULL OR charge_id IS NOT NULL
        OR invoice_id IS NOT NULL)
);
CREATE INDEX stripe_early_refunds_pi_idx ON stripe_early_refunds (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
CREATE INDEX stripe_early_refunds_charge_idx ON stripe_early_refunds (charge_id) WHERE charge_id IS NOT NULL;
CREATE INDEX stripe_early_refunds_invoice_idx ON stripe_early_refunds (invoice_id) WHERE invoice_id IS NOT NULL;

-- Disputes: one row per dispute, whatever order its events arrive in. A closed dispute is
-- terminal (a later-arriving "created" does not reopen it). clawed_at / reinstated_at say which
-- ledger effects were written: the clawback when the dispute is known, the give-back when it
-- closed in the customer's disfavour being reversed (won, warning_closed).
CREATE TABLE stripe_disputes (
    dispute_id          text        PRIMARY KEY,
    payment_intent_id   text,
    charge_id           text,
    amount              bigint      NOT NULL,
    status              text        NOT NULL,
    closed              boolean     NOT NULL DEFAULT false,
    credits_clawed_back bigint      NOT NULL DEFAULT 0,
    credits_forgiven    bigint      NOT NULL DEFAULT 0,
    clawed_at           timestamptz,
    reinstated_at       timestamptz,
    recorded_at         timestamptz NOT NULL,
    CONSTRAINT stripe_disputes_keyed CHECK (payment_intent_id IS NOT NULL OR charge_id IS NOT NULL),
    CONSTRAINT stripe_disputes_amount_non_negative CHECK (amount >= 0 AND credits_clawed_back >= 0
        AND credits_forgiven >= 0)
);
CREATE INDEX stripe_disputes_pi_idx ON stripe_disputes (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
CREATE INDEX stripe_disputes_charge_idx ON stripe_disputes (charge_id) WHERE charge_id IS NOT NULL;

-- Subscription events of the same second (Stripe's created has whole seconds): the status of
-- the last applied event, so a tie keeps the more advanced status (Subscriptions.rank), and the
-- plan of the subscription's price as last seen, so a checkout completion (which carries no
-- price) uses the price's plan once any event told it.
ALTER TABLE stripe_subscriptions
    ADD COLUMN last_status text,
    ADD COLUMN price_plan  text;
