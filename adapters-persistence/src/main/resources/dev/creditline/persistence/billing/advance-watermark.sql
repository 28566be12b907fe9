-- Moves subscription :s's watermark to event :e created at :c, in one conditional upsert: only for
-- the same user :u, never past a tombstone, never backwards (an older event changes nothing).
-- NULL :status / :plan keep the stored ones. Returns a row when this event is the newest.
INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
    last_status, price_plan)
VALUES (:s, :u, :c, :e, :status, :plan)
ON CONFLICT (subscription_id) DO UPDATE
    SET last_event_created = EXCLUDED.last_event_created, last_event_id = EXCLUDED.last_event_id,
        last_status = COALESCE(EXCLUDED.last_status, stripe_subscriptions.last_status),
        price_plan = COALESCE(EXCLUDED.price_plan, stripe_subscriptions.price_plan)
    WHERE stripe_subscriptions.deleted_at IS NULL
      AND stripe_subscriptions.user_id = EXCLUDED.user_id
      AND stripe_subscriptions.last_event_created <= EXCLUDED.last_event_created
RETURNING 1
