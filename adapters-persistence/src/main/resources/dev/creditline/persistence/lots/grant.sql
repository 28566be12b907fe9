-- A grant's lot and the cached balance, after the ledger insert has locked the user's row.
-- Returns the user's debt (repaid from the new lot next), the new lot's id and the user's alert
-- marks (columns 3-6, persistence/AlertColumns).
-- 1 user, 2 category, 3 amount, 4 remaining, 5 priority, 6 expires_at, 7 entry id, 8 ref type,
-- 9 ref id, 10 created_at, 11 rollover_max, 12 rollover_expires_at, 13 balance after, 14 at,
-- 15 expires_at, 16 user.
WITH lot AS (
    INSERT INTO credit_lot_rows (user_id, category, amount, remaining, priority, expires_at, entry_id, ref_type,
                             ref_id, created_at, rollover_max, rollover_expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    RETURNING id
)
UPDATE users SET credits_balance = ?, updated_at = ?, next_lot_expiry = LEAST(next_lot_expiry, ?::timestamptz)
WHERE id = ?
RETURNING credits_debt, (SELECT id FROM lot), low_balance_thresholds, low_balance_fired, depleted_alerted,
    auto_topup_threshold
