-- The exclusive, transaction-scoped cache lock of user :u (:k the lock class shared with the
-- trigger function model_call_stats_forget, which takes it shared): a fill computes either after
-- a concurrent model call committed, or before it, and that call then deletes what the fill stored.
SELECT pg_advisory_xact_lock(:k, hashtext(CAST(:u AS text)))
