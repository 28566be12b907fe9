-- Forgets user :u's cached pieces overlapping [:from, :to) (their rows go by cascade); :daysOnly
-- only day pieces.
DELETE FROM model_call_stat_periods
WHERE user_id = :u AND period_start < :to AND period_end > :from
  AND (NOT :daysOnly OR granularity = 'day')
