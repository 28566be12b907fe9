INSERT INTO holds (user_id, id, amount, status, ref, created_at, expires_at, on_expiry)
VALUES (:userId, :id, :amount, 'open', :ref, :createdAt, :expiresAt, :onExpiry)
