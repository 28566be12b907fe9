-- Recomputes the user's earliest expiry among lots that still count (or may again).
-- 1 user, 2 user
UPDATE users SET next_lot_expiry = (SELECT min(expires_at) FROM credit_lots
                       WHERE user_id = ? AND status IN ('active', 'depleted'))
WHERE id = ?
