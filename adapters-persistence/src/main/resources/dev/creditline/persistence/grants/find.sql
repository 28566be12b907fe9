-- The paid grant (a pack purchase or an invoice grant) a payment belongs to, found by payment
-- intent :pi, charge :ch or invoice :in; one PaidGrant row shape for both tables.
SELECT 'PACK' AS kind, stripe_session_id AS key, user_id, credits, amount_total AS amount_paid, payment_intent_id,
       NULL::text AS charge_id, refunded_amount_applied, credits_clawed_back, credits_forgiven
FROM credit_pack_purchases WHERE payment_intent_id = :pi
UNION ALL
SELECT 'INVOICE' AS kind, invoice_id AS key, user_id, credits, amount_paid, payment_intent_id, charge_id,
       refunded_amount_applied, credits_clawed_back, credits_forgiven
FROM stripe_invoice_grants WHERE payment_intent_id = :pi OR charge_id = :ch OR invoice_id = :in
LIMIT 1
