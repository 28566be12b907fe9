-- The endpoint of WEBHOOK_URL: created with every event type, or its url and secret rewritten (a
-- changed secret keeps the old one signing until :previousUntil). Re-enabled when it was disabled
-- only because WEBHOOK_URL was unset; a streak of failures keeps it disabled.
INSERT INTO webhook_endpoints (id, url, description, event_types, secret, enabled, source, created_at, updated_at)
VALUES (:id, :url, 'WEBHOOK_URL', '{}', :secret, true, 'config', :now, :now)
ON CONFLICT (id) DO UPDATE SET
    url = EXCLUDED.url,
    previous_secret = CASE WHEN webhook_endpoints.secret <> EXCLUDED.secret THEN webhook_endpoints.secret
                           ELSE webhook_endpoints.previous_secret END,
    previous_secret_expires_at = CASE WHEN webhook_endpoints.secret <> EXCLUDED.secret THEN :previousUntil
                                      ELSE webhook_endpoints.previous_secret_expires_at END,
    secret = EXCLUDED.secret,
    enabled = webhook_endpoints.enabled OR webhook_endpoints.disabled_reason = :unsetReason,
    disabled_reason = CASE WHEN webhook_endpoints.disabled_reason = :unsetReason THEN NULL
                           ELSE webhook_endpoints.disabled_reason END,
    updated_at = :now
