-- Credit lots (lots.md): every grant makes a lot with its own amount, priority and expiry;
-- every entry that takes credits from lots or gives them back records its allocations.
-- Invariants (checked by verify-ledger): credits_balance = SUM(delta) = SUM(remaining of active
-- lots); remaining = amount - SUM(allocations); an expired or voided lot holds nothing.
-- All tables are keyed by user first and reference only rows of the same user.

ALTER TABLE users
    -- Credits owed after a refund the balance could not cover; repaid from the next lots.
    ADD COLUMN credits_debt bigint NOT NULL DEFAULT 0,
    -- The earliest expires_at among the user's active lots, or null: a cached lower bound that
    -- lets the ledger append and the user read see "an expiry is due" without reading lots.
    -- It may be earlier than the truth (a depleted lot), never later.
    ADD COLUMN next_lot_expiry timestamptz,
    ADD CONSTRAINT users_credits_debt_non_negative CHECK (credits_debt >= 0);

CREATE TABLE credit_lots (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    category    text        NOT NULL,
    amount      bigint      NOT NULL,
    remaining   bigint      NOT NULL,
    priority    integer     NOT NULL,
    expires_at  timestamptz,
    status      text        NOT NULL DEFAULT 'active',
    entry_id    bigint      NOT NULL,
    ref_type    text        NOT NULL,
    ref_id      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (user_id, id),
    FOREIGN KEY (user_id, entry_id) REFERENCES credit_ledger (user_id, id) ON DELETE CASCADE,
    CONSTRAINT credit_lots_category_known CHECK (category IN (
        'allowance', 'rollover', 'promotion', 'signup_bonus', 'admin', 'purchase')),
    CONSTRAINT credit_lots_amount_positive CHECK (amount > 0),
    CONSTRAINT credit_lots_remaining_in_range CHECK (remaining >= 0 AND remaining <= amount),
    CONSTRAINT credit_lots_priority_in_range CHECK (priority BETWEEN 0 AND 100),
    CONSTRAINT credit_lots_status_known CHECK (status IN ('active', 'depleted', 'expired', 'voided')),
    CONSTRAINT credit_lots_closed_are_empty CHECK (status IN ('active', 'depleted') OR remaining = 0),
    CONSTRAINT credit_lots_depleted_are_empty CHECK (status <> 'depleted' OR remaining = 0)
);
-- The API addresses lots by id alone (the identity makes it unique; not a unique index, so that the
-- table can be distributed by user_id: docs/operations.md "Sharding").
CREATE INDEX credit_lots_id_idx ON credit_lots (id);
-- One lot per granting entry.
CREATE UNIQUE INDEX credit_lots_entry_key ON credit_lots (user_id, entry_id);
-- The burn order of a debit reads the user's active lots.
CREATE INDEX credit_lots_user_active_idx ON credit_lots (user_id, priority, expires_at, created_at, id)
    WHERE status = 'active';
-- The expiry sweeper finds users with a lot past its expiry.
CREATE INDEX credit_lots_due_idx ON credit_lots (expires_at)
    WHERE status IN ('active', 'depleted') AND expires_at IS NOT NULL;

-- entry -> lot -> amount: > 0 taken from the lot, < 0 given back to it. origin_entry_id is the
-- entry whose take this allocation belongs to (itself for a debit, the hold for its release),
-- so a give-back returns credits to the lots that entry took them from.
CREATE TABLE lot_allocations (
    user_id          uuid    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id               bigint  GENERATED ALWAYS AS IDENTITY,
    entry_id         bigint  NOT NULL,
    lot_id           bigint  NOT NULL,
    origin_entry_id  bigint  NOT NULL,
    amount           bigint  NOT NULL,
    PRIMARY KEY (user_id, id),
    FOREIGN KEY (user_id, entry_id) REFERENCES credit_ledger (user_id, id) ON DELETE CASCADE,
    FOREIGN KEY (user_id, lot_id) REFERENCES credit_lots (user_id, id) ON DELETE CASCADE,
    CONSTRAINT lot_allocations_amount_non_zero CHECK (amount <> 0)
);
CREATE INDEX lot_allocations_lot_idx ON lot_allocations (user_id, lot_id);
CREATE INDEX lot_allocations_origin_idx ON lot_allocations (user_id, origin_entry_id);

-- New reasons and idempotent ref types. Both lists are extended from what the database holds
-- now (other migrations may have added to them), not rewritten.
DO $$
DECLARE
    known text[];
    refs text[];
BEGIN
    SELECT array_agg(DISTINCT m[1]) INTO known
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') m
    WHERE c.conrelid = 'credit_ledger'::regclass AND c.conname = 'credit_ledger_reason_known';
    known := ARRAY(SELECT DISTINCT x FROM unnest(known || ARRAY['expiry', 'void', 'debt_repayment', 'promotion',
        'rollover', 'hold_capture']) x ORDER BY x);
    ALTER TABLE credit_ledger DROP CONSTRAINT credit_ledger_reason_known;
    EXECUTE format('ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_reason_known CHECK (reason = ANY (%L::text[]))',
        known);

    SELECT array_agg(DISTINCT m[1]) INTO refs
    FROM regexp_matches(pg_get_indexdef('credit_ledger_idempotent_ref_key'::regclass), '''([a-z_]+)''', 'g') m;
    refs := ARRAY(SELECT DISTINCT x FROM unnest(refs || ARRAY['lot_expiry', 'void', 'debt_repayment', 'rollover']) x
        ORDER BY x);
    DROP INDEX credit_ledger_idempotent_ref_key;
    EXECUTE format('CREATE UNIQUE INDEX credit_ledger_idempotent_ref_key ON credit_ledger (user_id, ref_type, ref_id)'
        || ' WHERE ref_type = ANY (%L::text[])', refs);
END $$;

-- Maintained grant totals (V56) count entries that bring new credits. The lot entries are not
-- grants: lot_expiry, void and debt_repayment are debits (the trigger's delta > 0 already skips
-- them), and a rollover only moves credits an allowance granted before into a new lot.
DROP TRIGGER credit_ledger_count_grant ON credit_ledger;
CREATE TRIGGER credit_ledger_count_grant AFTER INSERT ON credit_ledger
    FOR EACH ROW WHEN (NEW.delta > 0 AND NEW.reason NOT IN ('hold_release', 'hold_capture_adjustment', 'rollover'))
    EXECUTE FUNCTION users_count_grant();
