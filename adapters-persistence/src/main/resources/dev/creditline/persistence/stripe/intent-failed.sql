-- Intent :id failed for good (:e) at :now; only a pending intent moves.
UPDATE stripe_intents SET status = 'failed', done_at = :now, last_error = :e
WHERE id = :id AND status = 'pending'
