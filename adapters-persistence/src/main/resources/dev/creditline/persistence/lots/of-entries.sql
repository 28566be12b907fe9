-- The lot each of a user's grant entries made (at most one per entry: a grant makes one lot).
-- :u user, <entries> the entry ids.
SELECT entry_id, id, category, amount, remaining, priority, expires_at, status, created_at
FROM credit_lots
WHERE user_id = :u AND entry_id IN (<entries>)
ORDER BY entry_id, id
