-- A debit that takes all its credits from one lot (nearly every metered debit) records that
-- allocation on its ledger entry (credit_ledger.lot_id) instead of in a row of its own: the amount
-- is the entry's -delta and the origin is the entry itself. Debits spread over several lots, and
-- every give-back, still write rows, now in lot_allocation_rows.
--
-- lot_allocations stays the one place to read allocations from: a view over both, with the same
-- columns as the table it replaces (id is null for an allocation kept on its entry).
--
-- No foreign key from credit_ledger.lot_id to credit_lots: the debit statement takes the lot id
-- from the lot row it updates in the same statement, under the user's row lock, and the key's
-- lookup was ~10 % of the metering transaction (docs/performance.md). verify-ledger checks that
-- each lot's remaining is its amount minus its allocations (this view), so an entry naming the wrong
-- lot shows as the lot it really took from being short.

ALTER TABLE lot_allocations RENAME TO lot_allocation_rows;

ALTER TABLE credit_ledger
    ADD COLUMN lot_id bigint,
    ADD CONSTRAINT credit_ledger_lot_only_on_debits CHECK (lot_id IS NULL OR delta < 0);

CREATE VIEW lot_allocations AS
SELECT user_id, id, entry_id, lot_id, origin_entry_id, amount
FROM lot_allocation_rows
UNION ALL
SELECT user_id, NULL::bigint, id, lot_id, id, -delta
FROM credit_ledger
WHERE lot_id IS NOT NULL;
