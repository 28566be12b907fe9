-- User :u's newest open checkout of pack :p still valid after :t, reused instead of a new session.
SELECT <columns>
FROM checkout_attempts
WHERE user_id = :u AND kind = 'pack' AND item_id = :p AND status = 'open' AND expires_at > :t
ORDER BY created_at DESC LIMIT 1
