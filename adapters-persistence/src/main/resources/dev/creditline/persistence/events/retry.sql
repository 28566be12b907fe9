-- An admin's retry: pending and due now, with a fresh retry window.
UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now, window_started_at = :now, step = 0, delivered_at = NULL
WHERE id = :id
RETURNING id, subject_id, event_id, event_type, event_sequence, endpoint_id, status, attempts,
          next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at, created_at
