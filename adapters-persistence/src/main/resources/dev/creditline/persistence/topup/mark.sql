-- Moves attempt :id of user :userId to :status only from the statuses in :from (so every change
-- happens once, whatever order Stripe reports in); a NULL :pi, :url or :reason keeps the stored
-- value. :now. Returns the attempt as changed; no row when it was in no status of :from.
UPDATE topup_attempts
    SET status = :status, payment_intent_id = coalesce(:pi, payment_intent_id),
    action_url = coalesce(:url, action_url), failure_reason = coalesce(:reason, failure_reason),
    updated_at = :now
WHERE user_id = :userId AND id = :id AND status = ANY (:from)
RETURNING *
