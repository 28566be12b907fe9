-- How many cached aggregate rows user :u has in pieces overlapping [:from, :to); :daysOnly counts
-- only day pieces.
SELECT count(*) FROM model_call_stats s
JOIN model_call_stat_periods m USING (user_id, period_start, period_end)
WHERE m.user_id = :u AND m.period_start < :to AND m.period_end > :from
  AND (NOT :daysOnly OR m.granularity = 'day')
