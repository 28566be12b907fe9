-- User :id under its row lock: every change of a user's credits is decided under it.
SELECT <columns> FROM users WHERE id = :id FOR UPDATE
