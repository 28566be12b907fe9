-- Marks the user's expiring lots noticed (the caller holds the user's row lock) and returns them.
UPDATE credit_lots SET expiry_noticed_at = :now
WHERE user_id = :u AND status = 'active' AND expiry_noticed_at IS NULL AND expires_at > :now
  AND expires_at <= :until AND remaining > 0
RETURNING id, category, amount, remaining, priority, expires_at, status, created_at, ref_type, ref_id
