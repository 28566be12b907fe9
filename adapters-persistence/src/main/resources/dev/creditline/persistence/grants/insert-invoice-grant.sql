-- The allowance granted for paid invoice :k, once (the invoice id is the key). :u user, :credits,
-- :amount paid (cents), :pi payment intent, :ch charge, :at.
INSERT INTO stripe_invoice_grants (invoice_id, user_id, credits, amount_paid, payment_intent_id,
    charge_id, granted_at)
VALUES (:k, :u, :credits, :amount, :pi, :ch, :at)
ON CONFLICT DO NOTHING
