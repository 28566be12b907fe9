INSERT INTO guest_usage AS g (guest_id, action, uses, last_used_at)
VALUES (:guest, :action, ARRAY[CAST(:now AS timestamptz)], :now)
ON CONFLICT (guest_id, action) DO UPDATE SET
    uses = ARRAY(SELECT t FROM unnest(g.uses) AS u(t) WHERE t > :cutoff ORDER BY t)
           || EXCLUDED.uses,
    last_used_at = GREATEST(g.last_used_at, EXCLUDED.last_used_at)
WHERE (SELECT count(*) FROM unnest(g.uses) AS u(t) WHERE t > :cutoff) < :limit
RETURNING cardinality(uses)
