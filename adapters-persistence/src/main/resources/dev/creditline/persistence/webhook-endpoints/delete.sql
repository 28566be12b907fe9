-- Deletes webhook endpoint :id (its deliveries go by cascade).
DELETE FROM webhook_endpoints WHERE id = :id
