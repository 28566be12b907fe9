-- After buckets.sql: the aggregates of each piece, computed without the cache.
SELECT timestamptz 'epoch' + p.s_us * interval '1 microsecond' AS period_start, a.provider_id, a.model, a.type,
       a.calls, a.success_calls, a.total_usage, a.input_tokens, a.output_tokens, a.credits, a.duration_ms
FROM a JOIN p ON p.i = a.i
