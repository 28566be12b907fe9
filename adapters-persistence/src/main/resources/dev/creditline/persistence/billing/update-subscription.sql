-- The user's subscription as Stripe reports it. :u user, :plan, :sub subscription id, :status,
-- :cancel cancel-at-period-end, :periodEnd (NULL keeps the stored one), :now.
UPDATE users SET plan = :plan, stripe_subscription_id = :sub, subscription_status = :status,
    subscription_cancel_at_period_end = :cancel,
    subscription_period_end = COALESCE(:periodEnd, subscription_period_end),
    updated_at = :now
WHERE id = :u
