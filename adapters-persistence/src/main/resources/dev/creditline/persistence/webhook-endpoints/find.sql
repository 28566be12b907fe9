-- Webhook endpoint :id.
SELECT <columns> FROM webhook_endpoints WHERE id = :id
