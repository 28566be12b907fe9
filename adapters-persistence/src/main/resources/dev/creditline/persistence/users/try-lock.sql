-- User :u under its row lock, or no row when another transaction holds it (skipped: that one
-- works for this user now, a background pass moves on).
SELECT true FROM users WHERE id = :u FOR UPDATE SKIP LOCKED
