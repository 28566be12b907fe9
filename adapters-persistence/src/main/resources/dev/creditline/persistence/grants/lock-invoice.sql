-- An invoice grant by its invoice :k, row-locked to apply a refund or dispute to it
-- (the PaidGrant row shape of find.sql).
SELECT 'INVOICE' AS kind, invoice_id AS key, user_id, credits, amount_paid, payment_intent_id, charge_id,
       refunded_amount_applied, credits_clawed_back, credits_forgiven
FROM stripe_invoice_grants WHERE invoice_id = :k FOR UPDATE
