UPDATE idempotency_keys SET status = :status, body = :body WHERE scope = :scope AND key = :key
