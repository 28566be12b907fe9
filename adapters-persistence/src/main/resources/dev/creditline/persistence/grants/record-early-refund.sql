-- A refund event :e that arrived before the grant it refunds (by payment intent :pi, charge :ch or
-- invoice :in; :c the event's creation), kept to be applied in the grant's transaction.
INSERT INTO stripe_early_refunds (event_id, payment_intent_id, charge_id, invoice_id, event_created)
VALUES (:e, :pi, :ch, :in, :c) ON CONFLICT DO NOTHING
