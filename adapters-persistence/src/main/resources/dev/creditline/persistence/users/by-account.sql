-- The user linked to provider account (:provider, :pid); one at most (unique per provider).
SELECT <columns> FROM users
WHERE id = (SELECT user_id FROM accounts WHERE provider = :provider AND provider_account_id = :pid)
