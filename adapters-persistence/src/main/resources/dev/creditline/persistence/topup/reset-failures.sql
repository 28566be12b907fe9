-- A successful top-up of user :u ends the streak of payment failures.
UPDATE auto_topup_settings SET consecutive_failures = 0
WHERE user_id = :u AND consecutive_failures > 0
