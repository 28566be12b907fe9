-- Marks the pieces (:s, :e as in read-cached.sql) of user :u as cached, an hour or a day each,
-- so that a piece without calls is cached as empty.
INSERT INTO model_call_stat_periods (user_id, period_start, period_end, granularity)
SELECT :u, b.s, b.e, CASE WHEN b.e - b.s = interval '1 hour' THEN 'hour' ELSE 'day' END
FROM unnest(CAST(:s AS bigint[]), CAST(:e AS bigint[])) AS p(s_us, e_us)
CROSS JOIN LATERAL (SELECT timestamptz 'epoch' + p.s_us * interval '1 microsecond' AS s,
                           timestamptz 'epoch' + p.e_us * interval '1 microsecond' AS e) b
ON CONFLICT DO NOTHING
