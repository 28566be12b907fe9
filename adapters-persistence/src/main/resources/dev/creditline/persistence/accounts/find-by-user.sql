SELECT * FROM accounts WHERE user_id = :u ORDER BY created_at, id
