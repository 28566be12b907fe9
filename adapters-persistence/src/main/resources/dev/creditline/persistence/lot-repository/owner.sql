-- The user lot :id belongs to.
SELECT user_id FROM credit_lots WHERE id = :id
