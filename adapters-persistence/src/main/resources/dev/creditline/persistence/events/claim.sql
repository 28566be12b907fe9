-- Leases up to :max due deliveries of enabled endpoints for one attempt each. At most :perEndpoint
-- attempts per endpoint are in flight at once across all dispatchers (unexpired leases count), so a
-- receiver that hangs holds at most that many senders while the other endpoints' deliveries go on.
-- A delivery leased by another dispatcher (row locked now, or lease not expired) is skipped; the
-- lease outlasts the HTTP timeout, so an attempt is never made twice at once. Candidates are the
-- :scan earliest due deliveries of endpoints below their limit (bounded work per pass). Returns
-- what the attempt needs. Dispatchers claiming at once hold to the limit together without a lock:
-- with one snapshot they rank the same deliveries into the same slots (ordered by next_attempt_at,
-- id) and SKIP LOCKED leaves each slot to one of them; a claim whose snapshot is older than another's
-- commit re-checks the row (lease no longer free) and passes it over; a later snapshot counts the
-- new leases (JdbiWebhookFanOutTest.concurrent_claims_never_lease_more_than_the_per_endpoint_limit_together).
WITH leased AS (
    SELECT endpoint_id, count(*) AS n
    FROM webhook_deliveries
    WHERE status = 'pending' AND lease_until > :now
    GROUP BY endpoint_id
), earliest AS (
    SELECT d.subject_id, d.id, d.endpoint_id, d.next_attempt_at, coalesce(l.n, 0) AS in_flight
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
    LEFT JOIN leased l ON l.endpoint_id = d.endpoint_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= :now
      AND (d.lease_until IS NULL OR d.lease_until <= :now)
      AND coalesce(l.n, 0) < :perEndpoint
    ORDER BY d.next_attempt_at
    LIMIT :scan
), candidates AS (
    SELECT subject_id, id, next_attempt_at,
           in_flight + row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at, id) AS slot
    FROM earliest
), due AS (
    SELECT d.subject_id, d.id
    FROM webhook_deliveries d
    JOIN candidates c ON c.subject_id = d.subject_id AND c.id = d.id AND c.slot <= :perEndpoint
    WHERE d.status = 'pending' AND d.next_attempt_at <= :now
      AND (d.lease_until IS NULL OR d.lease_until <= :now)
    ORDER BY c.next_attempt_at
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
