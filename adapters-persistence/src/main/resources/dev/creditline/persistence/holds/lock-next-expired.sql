-- FOR UPDATE SKIP LOCKED, so that several sweepers never wait for or settle the same hold
SELECT id, user_id, amount, status, created_at, expires_at, captured, extra_debit, capture_steps, on_expiry
FROM holds WHERE status = 'open' AND expires_at <= :now ORDER BY expires_at
LIMIT 1 FOR UPDATE SKIP LOCKED
