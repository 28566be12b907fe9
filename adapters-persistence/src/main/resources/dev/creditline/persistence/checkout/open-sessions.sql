-- User :u's open Checkout sessions not expired at :now, to be expired at Stripe before the
-- account is deleted.
SELECT stripe_session_id FROM checkout_attempts
WHERE user_id = :u AND status = 'open' AND stripe_session_id IS NOT NULL
  AND (expires_at IS NULL OR expires_at > :now)
