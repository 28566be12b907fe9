-- Dispute :d took :c credits back (:f forgiven: the balance could not cover them) at :now.
UPDATE stripe_disputes SET credits_clawed_back = :c, credits_forgiven = :f, clawed_at = :now
WHERE dispute_id = :d
