DELETE FROM idempotency_keys WHERE ctid IN (
    SELECT ctid FROM idempotency_keys WHERE created_at < :cutoff
    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
