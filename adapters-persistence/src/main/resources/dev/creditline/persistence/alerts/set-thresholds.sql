-- A user's own thresholds (1: bigint[], NULL = LOW_BALANCE_THRESHOLDS); fired marks of thresholds
-- no longer in effect (2: bigint[]) are forgotten, they cannot recover any more. 3: user id.
UPDATE users SET low_balance_thresholds = ?,
    low_balance_fired = NULLIF(ARRAY(SELECT f FROM unnest(low_balance_fired) f WHERE f = ANY (?) ORDER BY f),
                               '{}'::bigint[])
WHERE id = ?
