-- User :u under its row lock, taken before any lot of the user changes (the ledger append takes
-- the same lock, so lots only ever change under it). No row: the user is gone.
SELECT true FROM users WHERE id = :u FOR UPDATE
