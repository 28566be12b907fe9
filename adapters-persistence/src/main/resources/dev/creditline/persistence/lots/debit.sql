-- A debit in burn order (lots.md "Lot"), after lots/lock-user.sql has locked the user's row in this
-- transaction (so this statement's snapshot sees every committed change of the user's lots): the
-- ledger entry, its allocations, the lots and the cached balance, in one statement. A debit that one
-- lot covers records that lot on its entry (lot_id) and writes no allocation row; a debit spread over
-- several lots writes one lot_allocation_rows row per lot. A repeated idempotent ref inserts no entry
-- (ON CONFLICT DO NOTHING), and then nothing else changes and no row is returned.
-- 1 preferred lot id (-1: none), 2 user, 3-4 credits,
-- 5 user, 6 delta, 7 balance after, 8 reason, 9 ref type, 10 ref id, 11 note, 12 actor, 13 at.
WITH ordered AS (
    SELECT id, remaining,
           sum(remaining) OVER (ORDER BY id = ? DESC, priority, expires_at NULLS LAST, created_at, id) AS upto
    FROM credit_lots
    WHERE user_id = ? AND status = 'active' AND remaining > 0
), take AS (
    SELECT id, LEAST(remaining, ? - (upto - remaining))::bigint AS amount, upto
    FROM ordered
    WHERE upto - remaining < ?
), entry AS (
    INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at,
        lot_id)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM take)
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at, lot_id
), burnt AS (
    UPDATE credit_lots l
    SET remaining = l.remaining - t.amount,
        status = CASE WHEN l.remaining = t.amount THEN 'depleted' ELSE 'active' END
    FROM take t, entry e
    WHERE l.user_id = e.user_id AND l.id = t.id
    RETURNING l.id
), allocated AS (
    INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)
    SELECT e.user_id, e.id, t.id, e.id, t.amount FROM take t, entry e WHERE e.lot_id IS NULL ORDER BY t.upto
    RETURNING amount
), balance AS (
    UPDATE users u SET credits_balance = e.balance_after, updated_at = e.created_at
    FROM entry e
    WHERE u.id = e.user_id
    RETURNING u.low_balance_thresholds, u.low_balance_fired, u.depleted_alerted, u.auto_topup_threshold
)
-- The entry (columns of JdbiLedgerRepository.mapEntry), the credits taken from lots, then the user's
-- alert marks (persistence/AlertColumns).
SELECT e.id, e.user_id, e.delta, e.balance_after, e.reason, e.ref_type, e.ref_id, e.created_at,
       (SELECT coalesce(sum(amount), 0)::bigint FROM take) AS taken,
       b.low_balance_thresholds, b.low_balance_fired, b.depleted_alerted, b.auto_topup_threshold
FROM entry e, balance b
