-- Dispute :d was won: its clawed credits were given back at :now.
UPDATE stripe_disputes SET reinstated_at = :now WHERE dispute_id = :d
