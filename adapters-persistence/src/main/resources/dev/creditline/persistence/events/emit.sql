-- One outbox row in the caller's transaction. The user's event counter is bumped under the
-- user's row lock (taken here, or already held by the change), so the sequence increases with
-- commit order; no user row, no event. The body is assembled here because it carries the sequence:
-- id, type and timestamp need no JSON escaping (evt_[0-9a-z]+, a wire name, ISO-8601), data is
-- a JSON object written by the adapter.
-- :userId, :id, :type, :timestamp (text), :createdAt, :data (JSON text)
WITH seq AS (
    UPDATE users SET event_sequence = event_sequence + 1 WHERE id = :userId
    RETURNING event_sequence
)
INSERT INTO event_outbox (subject_id, sequence, id, type, body, created_at)
SELECT :userId, seq.event_sequence, :id, :type,
       '{"id":"' || :id || '","type":"' || :type || '","timestamp":"' || :timestamp
           || '","sequence":' || seq.event_sequence || ',"data":' || :data || '}',
       :createdAt
FROM seq
