-- User :u's auto top-up setting (no row: never set).
SELECT enabled, threshold, pack_id, monthly_limit, consecutive_failures
FROM auto_topup_settings WHERE user_id = :u
