INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
VALUES (:scope, :key, :hash, :at) ON CONFLICT DO NOTHING
