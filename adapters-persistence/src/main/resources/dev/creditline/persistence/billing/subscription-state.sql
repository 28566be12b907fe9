-- The fields subscription.updated reports, read before (FOR UPDATE appended: under the row lock)
-- and after a subscription change to decide whether the event is emitted. :u user id.
SELECT plan, subscription_status, subscription_cancel_at_period_end, subscription_period_end
FROM users WHERE id = :u
