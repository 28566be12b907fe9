-- Intent :id failed transiently (:e): next attempt at :next; only a pending intent moves.
UPDATE stripe_intents SET next_attempt_at = :next, last_error = :e
WHERE id = :id AND status = 'pending'
