-- Removes and returns the payloads of the early refunds of a payment (:pi, :ch or :in), oldest
-- first, so the grant's transaction applies each exactly once.
WITH taken AS (
    DELETE FROM stripe_early_refunds
    WHERE payment_intent_id = :pi OR charge_id = :ch OR invoice_id = :in
    RETURNING event_id, event_created)
SELECT e.payload FROM taken t JOIN stripe_events e ON e.event_id = t.event_id
ORDER BY t.event_created, t.event_id
