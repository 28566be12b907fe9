-- The attempt of Stripe session :sid moves to status :s; a complete attempt stays complete. :now.
UPDATE checkout_attempts SET status = :s, updated_at = :now
WHERE stripe_session_id = :sid AND status <> 'complete'
