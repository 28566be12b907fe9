-- Webhook event :id enters the inbox once (a redelivery inserts nothing), in the transaction of
-- its effect: the event is applied exactly when this insert commits. :type, :created, :payload, :at.
INSERT INTO stripe_events (event_id, type, created, payload, received_at, outcome)
VALUES (:id, :type, :created, :payload, :at, 'applied')
ON CONFLICT (event_id) DO NOTHING
