-- The attempt of Stripe Checkout session :s.
SELECT <columns>
FROM checkout_attempts
WHERE stripe_session_id = :s
