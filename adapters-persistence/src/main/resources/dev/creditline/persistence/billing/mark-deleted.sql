-- The tombstone of subscription :s (deleted by event :e created at :c), set once and only for the
-- same user :u: a deleted subscription is never revived by an older or a later event. Returns a
-- row when this statement set it.
INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
    deleted_at)
VALUES (:s, :u, :c, :e, :c)
ON CONFLICT (subscription_id) DO UPDATE
    SET deleted_at = EXCLUDED.deleted_at,
        last_event_created = GREATEST(stripe_subscriptions.last_event_created,
                                      EXCLUDED.last_event_created),
        last_event_id = EXCLUDED.last_event_id
    WHERE stripe_subscriptions.deleted_at IS NULL
      AND stripe_subscriptions.user_id = EXCLUDED.user_id
RETURNING 1
