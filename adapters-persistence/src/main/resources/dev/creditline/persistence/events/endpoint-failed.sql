-- A delivery of the endpoint ended failed: the streak grows; at :disableAfter the endpoint is
-- disabled until an admin enables it again.
UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,
    enabled = CASE WHEN consecutive_failures + 1 >= :disableAfter THEN false ELSE enabled END,
    disabled_reason = CASE WHEN consecutive_failures + 1 >= :disableAfter AND enabled
        THEN (consecutive_failures + 1) || ' deliveries in a row failed' ELSE disabled_reason END,
    updated_at = :at
WHERE id = :endpoint
