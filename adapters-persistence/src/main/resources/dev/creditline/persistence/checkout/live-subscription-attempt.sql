-- User :u's subscription checkout that is being created or open (at most one: partial unique
-- index), so a second click reuses it.
SELECT <columns>
FROM checkout_attempts
WHERE user_id = :u AND kind = 'subscription' AND status IN ('creating', 'open')
