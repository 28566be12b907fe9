-- A payment failure in a row; the :maxInARow-th switches auto top-up off (and its mirror on the
-- user's row). Returns whether this one switched it off.
WITH s AS (
    UPDATE auto_topup_settings
    SET consecutive_failures = consecutive_failures + 1,
        enabled = enabled AND consecutive_failures + 1 < :maxInARow,
        updated_at = :now
    WHERE user_id = :userId
    RETURNING enabled, consecutive_failures
), u AS (
    UPDATE users SET auto_topup_threshold = NULL
    WHERE id = :userId AND EXISTS (SELECT 1 FROM s WHERE NOT s.enabled)
)
SELECT coalesce((SELECT NOT enabled AND consecutive_failures = :maxInARow FROM s), false)
