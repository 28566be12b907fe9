-- Webhook endpoint :id as changed by an admin: url, description, event types, secrets (a rotated
-- secret keeps signing until :previousUntil), enabled state and failure streak.
UPDATE webhook_endpoints SET url = :url, description = :description,
    event_types = :types, secret = :secret, previous_secret = :previousSecret,
    previous_secret_expires_at = :previousUntil, enabled = :enabled, disabled_reason = :reason,
    consecutive_failures = :failures, updated_at = :updatedAt WHERE id = :id
