INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
VALUES (:scope, :key, :hash, :status, :body, :at) ON CONFLICT DO NOTHING
