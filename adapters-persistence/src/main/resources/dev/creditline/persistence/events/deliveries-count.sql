SELECT count(*)
FROM webhook_deliveries
WHERE (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:endpoint AS uuid) IS NULL OR endpoint_id = :endpoint)
  AND (CAST(:eventType AS text) IS NULL OR event_type = :eventType)
