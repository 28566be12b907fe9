-- After buckets.sql (one user :u): stores the aggregates of each piece in the cache (a row that
-- is there already is replaced) and returns them.
INSERT INTO model_call_stats (user_id, period_start, period_end, provider_id, model, type, calls, success_calls,
                              total_usage, input_tokens, output_tokens, credits, duration_ms)
SELECT :u, timestamptz 'epoch' + p.s_us * interval '1 microsecond',
       timestamptz 'epoch' + p.e_us * interval '1 microsecond', a.provider_id, a.model, a.type, a.calls,
       a.success_calls, a.total_usage, a.input_tokens, a.output_tokens, a.credits, a.duration_ms
FROM a JOIN p ON p.i = a.i
ON CONFLICT (user_id, period_start, period_end, provider_id, model, type) DO UPDATE SET
    calls = EXCLUDED.calls, success_calls = EXCLUDED.success_calls,
    total_usage = EXCLUDED.total_usage, input_tokens = EXCLUDED.input_tokens,
    output_tokens = EXCLUDED.output_tokens, credits = EXCLUDED.credits,
    duration_ms = EXCLUDED.duration_ms
RETURNING period_start, provider_id, model, type, calls, success_calls, total_usage,
          input_tokens, output_tokens, credits, duration_ms
