-- The subscription ended: back to the free plan, whose allowance period starts now. :u user,
-- :s final status, :now.
UPDATE users SET plan = 'free', stripe_subscription_id = NULL, subscription_status = :s,
    subscription_cancel_at_period_end = false, subscription_period_end = NULL,
    monthly_credits_granted_at = :now, updated_at = :now
WHERE id = :u
