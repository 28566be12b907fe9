-- Adds a refund's effect to invoice grant :k: :cents refunded, :clawed credits taken back,
-- :forgiven credits the balance could not cover. Runs under lock-invoice.sql's row lock.
UPDATE stripe_invoice_grants SET refunded_amount_applied = refunded_amount_applied + :cents,
       credits_clawed_back = credits_clawed_back + :clawed,
       credits_forgiven = credits_forgiven + :forgiven
WHERE invoice_id = :k
