-- Attempt :id moves to status :s; a complete attempt stays complete. :now.
UPDATE checkout_attempts SET status = :s, updated_at = :now
WHERE id = :id AND status <> 'complete'
