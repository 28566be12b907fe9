-- The cached aggregates of user :u for the pieces (:s, :e: bigint[] of epoch microseconds, one
-- piece per index): one row per cached piece and group, and a row with NULL groups for a piece
-- cached as empty; pieces not cached have no row.
SELECT m.period_start, m.period_end, s.provider_id, s.model, s.type, s.calls, s.success_calls, s.total_usage,
       s.input_tokens, s.output_tokens, s.credits, s.duration_ms
FROM unnest(CAST(:s AS bigint[]), CAST(:e AS bigint[])) AS p(s_us, e_us)
CROSS JOIN LATERAL (SELECT timestamptz 'epoch' + p.s_us * interval '1 microsecond' AS s,
                           timestamptz 'epoch' + p.e_us * interval '1 microsecond' AS e) b
JOIN model_call_stat_periods m ON m.user_id = :u AND m.period_start = b.s AND m.period_end = b.e
LEFT JOIN model_call_stats s ON s.user_id = m.user_id AND s.period_start = m.period_start
    AND s.period_end = m.period_end
