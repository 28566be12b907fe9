-- Every webhook endpoint, oldest first.
SELECT <columns> FROM webhook_endpoints ORDER BY created_at, id
