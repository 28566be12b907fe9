-- User :u's newest :limit lots, any status. columns: the adapter's COLUMNS.
SELECT <columns> FROM credit_lots
WHERE user_id = :u ORDER BY id DESC LIMIT :limit
