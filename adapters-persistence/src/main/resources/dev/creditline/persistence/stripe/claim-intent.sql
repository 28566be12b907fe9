-- Claims the oldest due pending intent (due at :now) for one attempt: rows locked by another
-- worker are skipped, and the lease (the next due time, :lease) keeps it this worker's while it
-- calls Stripe outside any transaction.
UPDATE stripe_intents SET attempts = attempts + 1, next_attempt_at = :lease
WHERE id = (SELECT id FROM stripe_intents
            WHERE status = 'pending' AND next_attempt_at <= :now
            ORDER BY next_attempt_at
            FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id, kind, target_id, idempotency_key, attempts, created_at
