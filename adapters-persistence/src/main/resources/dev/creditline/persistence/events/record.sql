-- The outcome of one attempt, only while the attempt's lease is held (:token). :status is
-- delivered, pending (again at :retryAt) or failed. Returns the endpoint, or nothing when the lease
-- was lost.
UPDATE webhook_deliveries SET status = :status,
    next_attempt_at = COALESCE(CAST(:retryAt AS timestamptz), next_attempt_at),
    step = CASE WHEN :status = 'delivered' THEN step ELSE step + 1 END,
    lease_token = NULL, lease_until = NULL,
    last_attempt_at = :at, last_status_code = :code, last_error = :error,
    delivered_at = CASE WHEN :status = 'delivered' THEN CAST(:at AS timestamptz) ELSE delivered_at END
WHERE subject_id = :subject AND id = :id AND lease_token = :token
RETURNING endpoint_id
