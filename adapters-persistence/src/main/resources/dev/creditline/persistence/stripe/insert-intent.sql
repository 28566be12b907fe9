-- A decided Stripe call, recorded in the deciding transaction and made after commit by the
-- intent worker; once per idempotency key :key. :id, :kind, :target, :due first attempt, :at.
INSERT INTO stripe_intents (id, kind, target_id, idempotency_key, status, attempts,
    next_attempt_at, created_at)
VALUES (:id, :kind, :target, :key, 'pending', 0, :due, :at)
ON CONFLICT (idempotency_key) DO NOTHING
