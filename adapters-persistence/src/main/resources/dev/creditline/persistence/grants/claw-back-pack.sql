-- Adds a refund's effect to pack purchase :k: :cents refunded, :clawed credits taken back,
-- :forgiven credits the balance could not cover. Runs under lock-pack.sql's row lock.
UPDATE credit_pack_purchases SET refunded_amount_applied = refunded_amount_applied + :cents,
       credits_clawed_back = credits_clawed_back + :clawed,
       credits_forgiven = credits_forgiven + :forgiven
WHERE stripe_session_id = :k
