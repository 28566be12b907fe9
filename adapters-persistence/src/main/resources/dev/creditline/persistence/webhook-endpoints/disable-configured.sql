-- Disables the WEBHOOK_URL endpoint :id (source config) with :reason at :now, when it is enabled.
UPDATE webhook_endpoints SET enabled = false, disabled_reason = :reason,
    updated_at = :now WHERE id = :id AND source = 'config' AND enabled
