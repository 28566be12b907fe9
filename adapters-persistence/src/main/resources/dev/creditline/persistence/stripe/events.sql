-- A page of the inbox, newest first. filter: empty, or the problems-only condition (kept as a
-- literal so that the partial index stripe_events_problem_idx serves it). :limit, :offset.
SELECT event_id, type, created, received_at, outcome, problem_code, problem, payload
FROM stripe_events <filter>
ORDER BY received_at DESC, event_id LIMIT :limit OFFSET :offset
