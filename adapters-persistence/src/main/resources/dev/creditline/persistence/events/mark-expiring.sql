-- Marks the user's expiring lots noticed (the caller holds the user's row lock) and returns them, with
-- the true remaining of the user's current lot (V122: the lot row's may be higher).
UPDATE credit_lot_rows l SET expiry_noticed_at = :now
FROM users u
WHERE u.id = :u AND l.user_id = :u AND l.status = 'active' AND l.expiry_noticed_at IS NULL AND l.expires_at > :now
  AND l.expires_at <= :until AND l.remaining > 0
RETURNING l.id, l.category, l.amount,
    CASE WHEN l.id = u.current_lot_id THEN u.current_lot_remaining ELSE l.remaining END AS remaining,
    l.priority, l.expires_at, l.status, l.created_at, l.ref_type, l.ref_id
