-- A credit pack bought through Checkout session :s, once (the session id is the key: a redelivered
-- webhook inserts nothing). :u user, :pack, :credits, :amount paid (cents), :pi payment intent, :at.
INSERT INTO credit_pack_purchases (stripe_session_id, user_id, pack_id, credits, amount_total,
    payment_intent_id, granted_at)
VALUES (:s, :u, :pack, :credits, :amount, :pi, :at)
ON CONFLICT DO NOTHING
