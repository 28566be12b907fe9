DELETE FROM accounts WHERE provider = :provider AND provider_account_id = :pid
