-- A debit in burn order (lots.md "Lot"), after lots/debit-current-lot.sql has locked the user's row in
-- this transaction and decided that the balance covers it (so this statement's snapshot sees every
-- committed change of the user's lots): the ledger entry, its allocations, the lots and the cached
-- balance, in one statement. Lots are read through the credit_lots view (the true remaining of the
-- user's current lot, V122); every lot this debit takes from gets its true remaining back, and so does
-- the old current lot when the debit does not take from it. The user's new current lot is the first
-- lot in burn order with credits left after this debit (none when a preferred lot went first).
-- A debit that one lot covers records that lot on its entry (lot_id) and writes no allocation row; a
-- debit spread over several lots writes one lot_allocation_rows row per lot. A repeated idempotent ref
-- inserts no entry (ON CONFLICT DO NOTHING), and then nothing else changes and no row is returned.
-- 1 preferred lot id (-1: none), 2 user, 3-4 credits, 5 user, 6 delta, 7 balance after, 8 reason,
-- 9 ref type, 10 ref id, 11 note, 12 actor, 13 at, 14-15 credits, 16 preferred lot id.
WITH ordered AS (
    SELECT id, remaining,
           sum(remaining) OVER (ORDER BY id = ? DESC, priority, expires_at NULLS LAST, created_at, id) AS upto
    FROM credit_lots
    WHERE user_id = ? AND status = 'active' AND remaining > 0
), take AS (
    SELECT id, remaining, LEAST(remaining, ? - (upto - remaining))::bigint AS amount, upto
    FROM ordered
    WHERE upto - remaining < ?
), entry AS (
    INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id, created_at,
        lot_id)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM take)
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at, lot_id
), burnt AS (
    UPDATE credit_lot_rows l
    SET remaining = t.remaining - t.amount,
        status = CASE WHEN t.remaining = t.amount THEN 'depleted' ELSE 'active' END
    FROM take t, entry e
    WHERE l.user_id = e.user_id AND l.id = t.id
    RETURNING l.id
), written_back AS (
    UPDATE credit_lot_rows l
    SET remaining = u.current_lot_remaining
    FROM users u, entry e
    WHERE u.id = e.user_id AND l.user_id = u.id AND l.id = u.current_lot_id
      AND l.id NOT IN (SELECT id FROM take)
    RETURNING l.id
), next AS (
    SELECT id, upto - ? AS remaining
    FROM ordered
    WHERE upto > ? AND ? = -1
    ORDER BY upto
    LIMIT 1
), allocated AS (
    INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)
    SELECT e.user_id, e.id, t.id, e.id, t.amount FROM take t, entry e WHERE e.lot_id IS NULL ORDER BY t.upto
    RETURNING amount
), balance AS (
    UPDATE users u SET credits_balance = e.balance_after, updated_at = e.created_at,
                       current_lot_id = n.id, current_lot_remaining = coalesce(n.remaining, 0)
    FROM entry e LEFT JOIN next n ON true
    WHERE u.id = e.user_id
    RETURNING u.low_balance_thresholds, u.low_balance_fired, u.depleted_alerted, u.auto_topup_threshold
)
-- The entry (columns of JdbiLedgerRepository.mapEntry), the credits taken from lots, then the user's
-- alert marks (persistence/AlertColumns).
SELECT e.id, e.user_id, e.delta, e.balance_after, e.reason, e.ref_type, e.ref_id, e.created_at,
       (SELECT coalesce(sum(amount), 0)::bigint FROM take) AS taken,
       b.low_balance_thresholds, b.low_balance_fired, b.depleted_alerted, b.auto_topup_threshold
FROM entry e, balance b
