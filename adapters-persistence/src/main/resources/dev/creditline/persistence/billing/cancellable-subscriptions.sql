-- Every subscription of user :u that may still be live at Stripe (the current one and any other
-- known and not deleted), so that account deletion cancels them all first.
SELECT stripe_subscription_id FROM users
WHERE id = :u AND stripe_subscription_id IS NOT NULL
  AND coalesce(subscription_status, '') NOT IN ('canceled', 'incomplete_expired')
UNION
SELECT subscription_id FROM stripe_subscriptions
WHERE user_id = :u AND deleted_at IS NULL
  AND coalesce(last_status, '') NOT IN ('canceled', 'incomplete_expired')
