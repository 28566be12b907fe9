-- Users with an active lot with credits left expiring in (:now, :until] that was not noticed yet.
SELECT DISTINCT user_id FROM credit_lots
WHERE status = 'active' AND expiry_noticed_at IS NULL AND expires_at > :now AND expires_at <= :until
  AND remaining > 0
LIMIT :max
