-- The lot a user's next debit burns from, kept on the user's row: a debit that this lot covers then
-- reads and writes only the user's row (and its entry), like the ledger append before lots, instead
-- of reading the user's lots in burn order and updating one (docs/lots.md "The current lot";
-- docs/performance.md). users.current_lot_id is that lot (the first active lot in burn order) and
-- users.current_lot_remaining its true remaining; the lot's stored remaining may be higher (the
-- debits since are on their entries' lot_id), never lower.
--
-- Every change to a user's lots other than such a debit first writes current_lot_remaining back to
-- the lot and clears current_lot_id (lots/flush-current-lot.sql), under the user's row lock; the full
-- debit in burn order (lots/debit.sql) sets it again. So the lot rows are credit_lot_rows now, and
-- credit_lots is a view with the true remaining: every reader (the API, verify-ledger, the expiry
-- notices, anyone's SQL) is unchanged.

ALTER TABLE credit_lots RENAME TO credit_lot_rows;

ALTER TABLE users
    ADD COLUMN current_lot_id bigint,
    ADD COLUMN current_lot_remaining bigint NOT NULL DEFAULT 0,
    -- A current lot always has credits left (a debit that would empty it takes the full path).
    ADD CONSTRAINT users_current_lot_has_credits CHECK (
        (current_lot_id IS NULL AND current_lot_remaining = 0)
        OR (current_lot_id IS NOT NULL AND current_lot_remaining > 0));

CREATE VIEW credit_lots AS
SELECT l.user_id, l.id, l.category, l.amount, coalesce(u.current_lot_remaining, l.remaining) AS remaining,
       l.priority, l.expires_at, l.status, l.entry_id, l.ref_type, l.ref_id, l.created_at, l.rollover_max,
       l.rollover_expires_at, l.expiry_noticed_at
FROM credit_lot_rows l
LEFT JOIN users u ON u.id = l.user_id AND u.current_lot_id = l.id;
