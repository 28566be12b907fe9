-- Stats cache of model calls (analytics.md "Hourly stats cache"; lesson 25).
-- A period is a whole past UTC hour (granularity 'hour') or a whole past local day on UTC-hour
-- bounds (granularity 'day', a roll-up). A marker row says the period was computed, so empty
-- periods are cached too; its stat rows (one per provider, model, type) hang off it and are
-- deleted with it.
CREATE TABLE model_call_stat_periods (
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    granularity   text        NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, period_start, period_end),
    CONSTRAINT model_call_stat_periods_granularity CHECK (
        (granularity = 'hour' AND period_end = period_start + interval '1 hour')
        OR (granularity = 'day' AND period_end > period_start + interval '1 hour'
            AND period_end <= period_start + interval '26 hours')),
    CONSTRAINT model_call_stat_periods_on_hours CHECK (
        date_trunc('hour', period_start AT TIME ZONE 'UTC') = period_start AT TIME ZONE 'UTC'
        AND date_trunc('hour', period_end AT TIME ZONE 'UTC') = period_end AT TIME ZONE 'UTC')
);

CREATE TABLE model_call_stats (
    user_id        uuid        NOT NULL,
    period_start   timestamptz NOT NULL,
    period_end     timestamptz NOT NULL,
    provider_id    text        NOT NULL,
    model          text        NOT NULL,
    type           text        NOT NULL,
    calls          bigint      NOT NULL,
    success_calls  bigint      NOT NULL,
    total_usage    bigint      NOT NULL,
    input_tokens   bigint      NOT NULL,
    output_tokens  bigint      NOT NULL,
    credits        bigint      NOT NULL,
    duration_ms    bigint      NOT NULL,
    PRIMARY KEY (user_id, period_start, period_end, provider_id, model, type),
    FOREIGN KEY (user_id, period_start, period_end)
        REFERENCES model_call_stat_periods (user_id, period_start, period_end) ON DELETE CASCADE,
    CONSTRAINT model_call_stats_counts CHECK (calls > 0 AND success_calls >= 0 AND success_calls <= calls)
);

-- Never stale: any write to model_calls deletes the cached periods (hour and day) that contain
-- the touched call times, in the writer's transaction, whoever the writer is. The shared advisory
-- lock on the user pairs with the exclusive one a cache fill holds while it computes and stores
-- (see JdbiUsageStatsRepository): a fill either sees the write or is invalidated by it.
CREATE FUNCTION model_call_stats_forget(user_ids uuid[], hours timestamptz[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    IF user_ids IS NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(1835102823, hashtext(u::text))
        FROM (SELECT DISTINCT u FROM unnest(user_ids) AS x(u) ORDER BY 1) locks;
    DELETE FROM model_call_stat_periods p
        USING (SELECT DISTINCT u, h FROM unnest(user_ids, hours) AS x(u, h)) t
        WHERE p.user_id = t.u
          AND p.period_start <= t.h AND p.period_start > t.h - interval '26 hours'
          AND p.period_end > t.h;
END;
$$;

CREATE FUNCTION model_call_stats_invalidate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT DISTINCT user_id, date_trunc('hour', call_time) AS h FROM new_rows) t;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT user_id, date_trunc('hour', call_time) AS h FROM new_rows
                  UNION SELECT user_id, date_trunc('hour', call_time) FROM old_rows) t;
    ELSE
        PERFORM model_call_stats_forget(array_agg(user_id), array_agg(h))
            FROM (SELECT DISTINCT user_id, date_trunc('hour', call_time) AS h FROM old_rows) t;
    END IF;
    RETURN NULL;
END;
$$;

-- Transition tables allow one event per trigger.
CREATE TRIGGER model_calls_stats_invalidate_insert AFTER INSERT ON model_calls
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_call_stats_invalidate();
CREATE TRIGGER model_calls_stats_invalidate_update AFTER UPDATE ON model_calls
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_call_stats_invalidate();
CREATE TRIGGER model_calls_stats_invalidate_delete AFTER DELETE ON model_calls
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION model_call_stats_invalidate();

