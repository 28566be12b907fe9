-- The outcome of event :id (:o applied, ignored or problem; :pc problem code, :p its text),
-- shown to admins.
UPDATE stripe_events SET outcome = :o, problem_code = :pc, problem = :p
WHERE event_id = :id
