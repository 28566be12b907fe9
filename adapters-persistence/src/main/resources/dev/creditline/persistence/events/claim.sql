-- Leases up to :max due deliveries of enabled endpoints for one attempt each. A delivery leased
-- by another dispatcher (row locked now, or lease not expired) is skipped; the lease outlasts the
-- HTTP timeout, so an attempt is never made twice at once. Returns what the attempt needs.
WITH due AS (
    SELECT d.subject_id, d.id
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
    WHERE d.status = 'pending' AND d.next_attempt_at <= :now
      AND (d.lease_until IS NULL OR d.lease_until <= :now)
    ORDER BY d.next_attempt_at
    LIMIT :max
    FOR UPDATE OF d SKIP LOCKED
)
UPDATE webhook_deliveries d SET lease_token = gen_random_uuid(), lease_until = :leaseUntil, attempts = d.attempts + 1
FROM due, webhook_endpoints e, event_outbox o
WHERE d.subject_id = due.subject_id AND d.id = due.id
  AND e.id = d.endpoint_id
  AND o.subject_id = d.subject_id AND o.sequence = d.event_sequence
RETURNING d.subject_id, d.id, d.lease_token, d.attempts, d.step, d.window_started_at, d.endpoint_id, e.url,
          e.secret, CASE WHEN e.previous_secret_expires_at > :now THEN e.previous_secret END AS previous_secret,
          d.event_id, o.body
