-- Common table expressions for the statements that aggregate calls by piece (fill-buckets.sql,
-- compute-buckets.sql follow them). a: the aggregates of the calls in [:min, :max) (one index or
-- sequential range scan), grouped by the bucket i the call falls in among the sorted piece bounds
-- :t (width_bucket, a binary search), provider, model and type. p: the pieces (:i bucket, :s, :e
-- bounds). Calls in gaps between pieces fall in buckets no piece has and drop out of the join.
-- user: empty (all users) or the condition on one user :u. Bounds: bigint epoch microseconds.
WITH t AS (SELECT array_agg(timestamptz 'epoch' + x * interval '1 microsecond' ORDER BY o) AS b
           FROM unnest(CAST(:t AS bigint[])) WITH ORDINALITY AS u(x, o)),
     a AS (SELECT width_bucket(c.call_time, (SELECT b FROM t)) AS i,
                  coalesce(c.provider_id, '') AS provider_id, c.model, c.type,
                  count(*) AS calls, count(*) FILTER (WHERE c.status = 'success') AS success_calls,
                  coalesce(sum(c.total_usage), 0) AS total_usage, coalesce(sum(c.input_tokens), 0) AS input_tokens,
                  coalesce(sum(c.output_tokens), 0) AS output_tokens, coalesce(sum(c.credits), 0) AS credits,
                  coalesce(sum(c.duration_ms), 0) AS duration_ms
           FROM model_calls c
           WHERE <user> c.call_time >= timestamptz 'epoch' + CAST(:min AS bigint) * interval '1 microsecond'
             AND c.call_time < timestamptz 'epoch' + CAST(:max AS bigint) * interval '1 microsecond'
           GROUP BY 1, 2, 3, 4),
     p AS (SELECT * FROM unnest(CAST(:i AS int[]), CAST(:s AS bigint[]), CAST(:e AS bigint[])) AS p(i, s_us, e_us))
