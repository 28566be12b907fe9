-- The stats cache's invalidation truncates call times to whole UTC hours whatever the session's
-- TimeZone is (analytics.md "Stats cache"). V40 used date_trunc('hour', call_time), which
-- truncates in the session zone: under a zone that is not a whole-hour offset from UTC
-- (Asia/Kolkata, +05:30) it produced hh:30 UTC instants, so the cached hour [hh:00, hh+1:00)
-- holding the call was never deleted and stayed stale. The pool also pins the session zone to
-- UTC now, but no SQL relies on it: every time computation names its zone.
CREATE OR REPLACE FUNCTION model_call_stats_invalidate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT DISTINCT user_id, date_trunc('hour', call_time, 'UTC') AS h FROM new_rows) t;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT user_id, date_trunc('hour', call_time, 'UTC') AS h FROM new_rows
                  UNION SELECT user_id, date_trunc('hour', call_time, 'UTC') FROM old_rows) t;
    ELSE
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT DISTINCT user_id, date_trunc('hour', call_time, 'UTC') AS h FROM old_rows) t;
    END IF;
    RETURN NULL;
END;
$$;

-- Periods cached while the bug was live may be stale: drop them all (they are recomputed on the
-- next read; the cache is an optimisation, never the source of truth).
DELETE FROM model_call_stat_periods;
