-- A top-up attempt decided by a balance change, under the user's row lock (held by the change):
-- pending while fewer than :monthlyLimit attempts of this UTC month are not failed, else failed
-- with reason monthly_limit (nothing is charged). ON CONFLICT: an attempt is open already
-- (topup_attempts_one_open), nothing is recorded.
INSERT INTO topup_attempts (user_id, id, pack_id, credits, amount_cents, currency, status, failure_reason,
                            created_at, updated_at)
SELECT :userId, :id, :packId, :credits, :amountCents, :currency,
       CASE WHEN c.n < :monthlyLimit THEN 'pending' ELSE 'failed' END,
       CASE WHEN c.n < :monthlyLimit THEN NULL ELSE 'monthly_limit' END,
       :now, :now
FROM (SELECT count(*) AS n FROM topup_attempts
      WHERE user_id = :userId AND created_at >= :monthStart AND status <> 'failed') c
ON CONFLICT DO NOTHING
RETURNING *
