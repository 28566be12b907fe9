-- Deletes user :id; every user-keyed table follows by ON DELETE CASCADE.
DELETE FROM users WHERE id = :id
