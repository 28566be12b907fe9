-- Every dispute of a payment (payment intent :pi or charge :ch), row-locked in id order (one lock
-- order for every caller), to apply them in the grant's transaction.
SELECT <columns> FROM stripe_disputes
WHERE payment_intent_id = :pi OR charge_id = :ch ORDER BY dispute_id FOR UPDATE
