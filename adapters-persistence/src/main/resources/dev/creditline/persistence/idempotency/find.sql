SELECT request_hash, status, body FROM idempotency_keys WHERE scope = :scope AND key = :key
