-- Stripe confirmed intent :id at :now; only a pending intent moves.
UPDATE stripe_intents SET status = 'done', done_at = :now, last_error = NULL
WHERE id = :id AND status = 'pending'
