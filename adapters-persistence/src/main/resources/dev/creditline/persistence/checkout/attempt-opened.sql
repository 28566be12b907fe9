-- Stripe created session :s for attempt :id: keep its url and expiry; creating becomes open
-- (a status a webhook already moved on stays). :now.
UPDATE checkout_attempts SET status = CASE WHEN status = 'creating' THEN 'open' ELSE status END,
    stripe_session_id = :s, checkout_url = :url, expires_at = :exp, updated_at = :now
WHERE id = :id
