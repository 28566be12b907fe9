-- A pack purchase by its Checkout session :k, row-locked to apply a refund or dispute to it
-- (the PaidGrant row shape of find.sql).
SELECT 'PACK' AS kind, stripe_session_id AS key, user_id, credits, amount_total AS amount_paid, payment_intent_id,
       NULL::text AS charge_id, refunded_amount_applied, credits_clawed_back, credits_forgiven
FROM credit_pack_purchases WHERE stripe_session_id = :k FOR UPDATE
