SELECT id, user_id, amount, status, created_at, expires_at, captured, extra_debit, capture_steps, on_expiry
FROM holds WHERE id = :id FOR UPDATE
