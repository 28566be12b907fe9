-- A dispute as Stripe reports it: inserted, or its status, closed flag and amount updated. A
-- closed dispute is final: later events change nothing. Payment ids are kept once known.
-- :d dispute, :pi, :ch, :amount (cents), :status, :closed, :now.
INSERT INTO stripe_disputes (dispute_id, payment_intent_id, charge_id, amount, status, closed,
    recorded_at)
VALUES (:d, :pi, :ch, :amount, :status, :closed, :now)
ON CONFLICT (dispute_id) DO UPDATE
    SET status = EXCLUDED.status, closed = EXCLUDED.closed,
        amount = GREATEST(stripe_disputes.amount, EXCLUDED.amount),
        payment_intent_id = COALESCE(stripe_disputes.payment_intent_id,
                                     EXCLUDED.payment_intent_id),
        charge_id = COALESCE(stripe_disputes.charge_id, EXCLUDED.charge_id)
    WHERE NOT stripe_disputes.closed
