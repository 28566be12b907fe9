-- The watermark and tombstone of Stripe subscription :s (stripe_subscriptions).
SELECT subscription_id, user_id, last_event_created, last_status, price_plan, deleted_at IS NOT NULL AS deleted
FROM stripe_subscriptions WHERE subscription_id = :s
