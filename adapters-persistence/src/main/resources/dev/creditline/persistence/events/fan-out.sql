-- Fans up to :max outbox events out to the enabled endpoints subscribed to their type (an empty
-- event_types subscribes to every type): one pending delivery each, due now. Events taken by
-- another dispatcher are skipped (SKIP LOCKED); an event nobody subscribes to is just marked. An
-- endpoint gets only events created at or after its own creation, however late the fan-out runs.
WITH picked AS (
    SELECT subject_id, sequence, id, type, created_at FROM event_outbox
    WHERE fanned_out_at IS NULL
    ORDER BY created_at
    LIMIT :max
    FOR UPDATE SKIP LOCKED
), made AS (
    INSERT INTO webhook_deliveries (subject_id, id, event_sequence, event_id, event_type, endpoint_id, status,
                                    window_started_at, next_attempt_at, created_at)
    SELECT p.subject_id, gen_random_uuid(), p.sequence, p.id, p.type, e.id, 'pending', :now, :now, :now
    FROM picked p
    JOIN webhook_endpoints e ON e.enabled AND e.created_at <= p.created_at
                           AND (cardinality(e.event_types) = 0 OR p.type = ANY (e.event_types))
    ON CONFLICT DO NOTHING
)
UPDATE event_outbox o SET fanned_out_at = :now
FROM picked p
WHERE o.subject_id = p.subject_id AND o.sequence = p.sequence
