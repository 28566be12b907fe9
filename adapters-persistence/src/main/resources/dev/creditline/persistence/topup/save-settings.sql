-- The setting, and its mirror on the user's row that balance changes read (auto_topup_threshold:
-- the threshold when enabled, else NULL). No user row: nothing is written.
WITH u AS (
    UPDATE users SET auto_topup_threshold = CASE WHEN :enabled THEN :threshold END
    WHERE id = :userId
    RETURNING id
)
INSERT INTO auto_topup_settings (user_id, enabled, threshold, pack_id, monthly_limit, consecutive_failures,
                                 updated_at)
SELECT u.id, :enabled, :threshold, :packId, :monthlyLimit, :failures, :now FROM u
ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, threshold = EXCLUDED.threshold,
    pack_id = EXCLUDED.pack_id,
    monthly_limit = EXCLUDED.monthly_limit, consecutive_failures = EXCLUDED.consecutive_failures,
    updated_at = EXCLUDED.updated_at
