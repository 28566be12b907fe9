-- The email of user :id under its row lock, for the user.deleted event emitted before the delete.
SELECT email FROM users WHERE id = :id FOR UPDATE
