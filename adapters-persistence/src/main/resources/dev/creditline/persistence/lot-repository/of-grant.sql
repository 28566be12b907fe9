-- The newest lot user :u's grant with ref (:t, :i) made. columns: the adapter's COLUMNS.
SELECT <columns> FROM credit_lots
WHERE user_id = :u AND ref_type = :t AND ref_id = :i ORDER BY id DESC LIMIT 1
