-- A cancellation at period end: the plan stays until :at (NULL keeps the stored period end).
-- :u user, :now.
UPDATE users SET subscription_cancel_at_period_end = true,
    subscription_period_end = COALESCE(:at, subscription_period_end), updated_at = :now
WHERE id = :u
