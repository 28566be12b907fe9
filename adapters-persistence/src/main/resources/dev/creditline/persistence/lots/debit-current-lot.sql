-- The first statement of every debit in burn order: locks the user's row and decides on it (unknown
-- user: no row; a lot expiry due at the entry's time, asked unless 1 is null; a due free grant, asked
-- when 3 is not null; the balance) and, when the user's current lot (V122) holds more than the debit
-- and the debit may take it from there (8: no preferred lot), writes the entry with that lot: reads no
-- lot and writes no lot row. The caller then moves the balance and the lot's remaining on the user's
-- row, from the values of the locked row this statement returns (a second statement, whose snapshot has
-- the row as locked: an UPDATE inside this statement would read the version of its own snapshot, older
-- than the locked one when the lock was waited for). Otherwise nothing is written, and the caller, still
-- holding the lock, writes the debit with lots/debit.sql.
-- A repeated idempotent ref inserts no entry (ON CONFLICT DO NOTHING), and then nothing else changes.
-- 1-2 at (or null), 3 anchor cutoff (or null), 4 free plan id, 5 anchor cutoff, 6 user, 7 credits,
-- 8 from the current lot allowed, 9 credits, 10 delta, 11 reason, 12 ref type, 13 ref id, 14 note,
-- 15 actor, 16 at, 17 credits.
WITH u AS (
    SELECT id, credits_balance, current_lot_id, current_lot_remaining,
           ?::timestamptz IS NOT NULL AND next_lot_expiry <= ?::timestamptz AS expiry_due,
           ?::timestamptz IS NOT NULL AND plan = ? AND coalesce(monthly_credits_granted_at, created_at) <= ?::timestamptz
               AS allowance_due
    FROM users
    WHERE id = ?
    FOR UPDATE
), fast AS (
    SELECT id, credits_balance - ?::bigint AS balance_after, current_lot_id
    FROM u
    WHERE ?::boolean AND current_lot_remaining > ?::bigint AND expiry_due IS NOT TRUE AND NOT allowance_due
), entry AS (
    INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at,
        lot_id)
    SELECT id, ?, balance_after, ?, ?, ?, ?, ?, ?, current_lot_id
    FROM fast
    WHERE balance_after >= 0
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at
)
-- Columns 1-5 what decided (4: the current lot covered it, so an empty entry is a repeated ref; 5: the
-- current lot's remaining after the debit); then the entry (columns of JdbiLedgerRepository.mapEntry,
-- null when nothing was written).
SELECT u.credits_balance, u.expiry_due IS TRUE AS expiry_due, u.allowance_due,
       EXISTS (SELECT 1 FROM fast WHERE balance_after >= 0) AS covered,
       u.current_lot_remaining - ?::bigint AS lot_remaining_after,
       e.id, e.user_id, e.delta, e.balance_after, e.reason, e.ref_type, e.ref_id, e.created_at
FROM u LEFT JOIN entry e ON true
