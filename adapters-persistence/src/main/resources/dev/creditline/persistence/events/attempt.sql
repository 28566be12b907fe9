INSERT INTO webhook_attempts (subject_id, delivery_id, attempt, webhook_timestamp, attempted_at, duration_ms,
                              status_code, error)
VALUES (:subject, :id, :attempt, :timestamp, :at, :duration, :code, :error)
ON CONFLICT DO NOTHING
