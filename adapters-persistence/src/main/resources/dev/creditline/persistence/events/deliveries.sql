-- Deliveries for the admin API, newest first; a null filter matches everything.
SELECT id, subject_id, event_id, event_type, event_sequence, endpoint_id, status, attempts,
       CASE WHEN status = 'pending' THEN next_attempt_at END AS next_attempt_at, last_attempt_at,
       last_status_code, last_error, delivered_at, created_at
FROM webhook_deliveries
WHERE (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:endpoint AS uuid) IS NULL OR endpoint_id = :endpoint)
  AND (CAST(:eventType AS text) IS NULL OR event_type = :eventType)
ORDER BY created_at DESC, id
LIMIT :limit OFFSET :offset
