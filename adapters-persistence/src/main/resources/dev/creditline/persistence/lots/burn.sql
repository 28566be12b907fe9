-- A debit's allocations, in burn order (lots.md "Lot"), and the cached balance: one statement
-- after the ledger insert has locked the user's row. Lots change only under that lock.
-- 1 preferred lot id (-1: none), 2 user, 3 the only lot (exact), 4 exact (boolean), 5-6 credits,
-- 7 user, 8 user, 9 entry id, 10 origin entry id, 11 balance after, 12 at, 13 user.
WITH ordered AS (
    SELECT id, remaining,
           sum(remaining) OVER (ORDER BY id = ? DESC, priority, expires_at NULLS LAST, created_at, id) AS upto
    FROM credit_lots
    WHERE user_id = ? AND status = 'active' AND remaining > 0 AND (id = ? OR NOT ?)
), take AS (
    SELECT id, LEAST(remaining, ? - (upto - remaining))::bigint AS amount, upto
    FROM ordered
    WHERE upto - remaining < ?
), burnt AS (
    UPDATE credit_lot_rows l
    SET remaining = l.remaining - t.amount,
        status = CASE WHEN l.remaining = t.amount THEN 'depleted' ELSE 'active' END
    FROM take t
    WHERE l.user_id = ? AND l.id = t.id
    RETURNING l.id
), allocated AS (
    INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)
    SELECT ?, ?, t.id, ?, t.amount FROM take t ORDER BY t.upto
    RETURNING amount
), balance AS (
    UPDATE users SET credits_balance = ?, updated_at = ? WHERE id = ?
    RETURNING low_balance_thresholds, low_balance_fired, depleted_alerted, auto_topup_threshold
)
-- The credits allocated, then the user's alert marks (columns 2-5, persistence/AlertColumns).
SELECT (SELECT coalesce(sum(amount), 0)::bigint FROM allocated), b.low_balance_thresholds, b.low_balance_fired,
       b.depleted_alerted, b.auto_topup_threshold
FROM balance b
