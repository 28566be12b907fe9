-- User :u under its row lock when a lot expiry is due at :now; a user locked by another
-- transaction is skipped (that one applies the expiries), so sweepers never wait on each other.
SELECT true FROM users WHERE id = :u AND next_lot_expiry <= :now FOR UPDATE SKIP LOCKED
