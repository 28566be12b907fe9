-- A webhook endpoint as the admin created it (columns: the adapter's COLUMNS, in that order).
-- :types the event types subscribed to (text[] of wire names; empty = every type).
INSERT INTO webhook_endpoints (<columns>)
VALUES (:id, :url, :description, :types, :secret, :previousSecret, :previousUntil, :enabled, :reason,
        :failures, :source, :createdAt, :updatedAt)
